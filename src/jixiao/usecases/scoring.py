"""Score a document (评分): its assessment, and what its scores call for (reasons to write, hand
scores the rules do not support) — what ``jixiao score`` prints and the score panel of a page shows."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.assessment import Assessment, assess
from jixiao.checks.document import review_scores
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.findings import Finding
from jixiao.rules import RulePack


@dataclass(frozen=True)
class Scored:
    assessment: Assessment
    findings: tuple[Finding, ...]  # how it was scored, then what the scores call for


def score(document: EvaluationDocument, pack: RulePack | str | None = None) -> Scored:
    assessment = assess(document, pack)
    return Scored(assessment, tuple(assessment.notes) + tuple(review_scores(assessment)))
