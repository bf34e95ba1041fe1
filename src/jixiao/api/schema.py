"""Names of the choice sets in the OpenAPI schema (two enums have a field called ``kind``)."""

from jixiao.domain.enums import EvaluationKind
from jixiao.jobs.models import JobKind

EVALUATION_KINDS = EvaluationKind.choices()
JOB_KINDS = JobKind.choices()
