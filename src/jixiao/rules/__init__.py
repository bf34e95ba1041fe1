"""Rule packs (评分规则包): scoring frameworks as data.

``load_pack(name_or_path)`` reads and validates a pack from ``packs/<name>.yaml`` (or any YAML
path); ``list_packs()`` lists the shipped ones. Weights, bands, grade bands and check thresholds
live in those files, never in code.
"""

from jixiao.rules.loader import PACKS_DIR, list_packs, load_pack, pack_from_dict  # noqa: F401
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
