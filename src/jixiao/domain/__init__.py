"""The pure domain: the evaluation document, its enums and value parsing. No Django, no I/O."""

from .document import (  # noqa: F401
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
from .enums import *  # noqa: F401,F403
from .values import ParsedValue, ValueParseError, parse_value  # noqa: F401
