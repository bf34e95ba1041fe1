"""The pure domain: the evaluation document, its enums and value parsing. No Django, no I/O."""

from jixiao.domain.document import (  # noqa: F401
    Adjustment,
    EvaluationDocument,
    Fact,
    FundLine,
    Indicator,
    MonitoringSnapshot,
    Project,
    ReportSection,
    Task,
    Unit,
)
from jixiao.domain.enums import *  # noqa: F401,F403
from jixiao.domain.values import ParsedValue, ValueParseError, parse_value  # noqa: F401
