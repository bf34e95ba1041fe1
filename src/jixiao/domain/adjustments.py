"""Which value of an adjusted target was scored: the original (调整前) and adjusted (调整后) values of every
approved target adjustment, beside the target the document holds now. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import AdjustmentKind, AdjustmentStatus
from jixiao.domain.values import normalize_text


@dataclass(frozen=True)
class ScoredTarget:
    code: str
    name: str
    original: str
    adjusted: str
    scored: str  # the target the document holds (and the scoring reads)
    reason: str

    @property
    def scored_adjusted(self) -> bool:
        return _same(self.scored, self.adjusted)

    @property
    def sentence(self) -> str:
        which = "调整后" if self.scored_adjusted else ("调整前" if _same(self.scored, self.original) else "现")
        return (f"“{self.name}”年度指标值经批准由 {self.original} 调整为 {self.adjusted}，"
                f"自评按{which}的指标值 {self.scored} 评分")


def _same(a: str, b: str) -> bool:
    return normalize_text(a).replace(" ", "") == normalize_text(b).replace(" ", "")


def scored_targets(doc: EvaluationDocument) -> list[ScoredTarget]:
    """Approved target adjustments (the latest one per indicator) and the value that was scored."""
    by_code = {i.code: i for i in doc.indicators}
    latest = {}
    for a in doc.adjustments:
        if a.kind is AdjustmentKind.TARGET and a.status is AdjustmentStatus.APPROVED and a.subject in by_code:
            latest.setdefault(a.subject, [a.before, a.after, a.reason])
            latest[a.subject][1:] = [a.after, a.reason]
    return [ScoredTarget(code, by_code[code].name, before, after, by_code[code].target.text, reason)
            for code, (before, after, reason) in latest.items()]
