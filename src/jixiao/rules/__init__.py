"""Rule packs (评分规则包): scoring frameworks as data.

``load_pack(code)`` reads and validates a pack of the registry by its code: the shipped
``packs/<code>.yaml`` and a region's own packs in ``JIXIAO_RULES_DIR``, never a path written in a
user's file; ``load_pack_file(path)`` reads one the operator names on the command line;
``list_packs()`` lists the registry. Weights, bands, grade bands and check thresholds live in those
files, never in code.
"""

from jixiao.rules.loader import (  # noqa: F401
    PACKS_DIR,
    RULES_DIR_VARIABLE,
    is_pack_code,
    list_packs,
    load_pack,
    load_pack_file,
    pack_from_dict,
    quote,
    registry,
    unknown_pack_message,
)
from jixiao.rules.model import (  # noqa: F401
    EXECUTION_SCOPES,
    FACT_MEASURE_PREFIX,
    MEASURES,
    Band,
    BandedMethod,
    ChecklistItem,
    ChecklistMethod,
    DeductionMethod,
    ExecutionMethod,
    FactItem,
    Grade,
    IndicatorMethods,
    PackNode,
    QualitativeBands,
    RulePack,
    RulePackError,
)
