"""What the structured checks share: the document's assessment, the pack whose thresholds apply, its
history and the stage (targets being set, or the year-end evaluation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.assessment import Assessment
from jixiao.domain.document import EvaluationDocument, Indicator, Task
from jixiao.domain.numbers import format_number
from jixiao.rules import RulePack
from jixiao.scoring import ItemScore, ScoreResult

from jixiao.domain.findings import Finding, Severity, indicator_location

STAGE_TARGETS = "targets"  # 年初目标设置: actual values, scores and execution are not expected yet
STAGE_EVALUATION = "evaluation"  # 年末自评
STAGES = (STAGE_TARGETS, STAGE_EVALUATION)


@dataclass
class CheckContext:
    assessment: Assessment
    pack: RulePack  # the assessment's pack, or the default pack of the document's kind
    history: dict
    stage: str = STAGE_EVALUATION
    findings: list[Finding] = field(default_factory=list)

    @property
    def doc(self) -> EvaluationDocument:
        return self.assessment.document

    @property
    def result(self) -> ScoreResult | None:
        return self.assessment.result

    @property
    def evaluating(self) -> bool:
        return self.stage == STAGE_EVALUATION

    def threshold(self, key: str) -> Decimal | None:
        """A threshold of the rule pack; ``None`` when the pack does not set it (the check is then skipped)."""
        return self.pack.thresholds.get(key)

    def add(self, code: str, severity: Severity, message: str, location: dict, **evidence) -> None:
        self.findings.append(Finding(code, severity, message, location, evidence))

    def item(self, indicator: Indicator) -> ItemScore | None:
        return self.assessment.item(indicator)


def where(task: Task, indicator: Indicator, field_name: str = "") -> dict:
    return indicator_location(task.code, indicator.code, field_name, indicator.name)


def named(task: Task, indicator: Indicator) -> str:
    """How a message names an indicator: 任务1“…”指标“会员企业参与活动满意率”（1-6）."""
    code = f"（{indicator.code}）" if indicator.code else ""
    return f"任务{task.code}指标“{indicator.name}”{code}"


def number(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value)
