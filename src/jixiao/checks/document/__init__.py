"""Checks of an evaluation document (审核): ``check_document`` runs every structured check, one module
per theme — arithmetic of funds and weights, completeness of fields and reasons, indicator quality,
targets against history, hand scores against rule scores, the narrative against the data."""

from __future__ import annotations

from jixiao.assessment import Assessment, assess
from jixiao.checks.document import arithmetic, completeness, consistency, quality, scores
from jixiao.checks.document import history as history_checks
from jixiao.checks.document.context import STAGES, CheckContext
from jixiao.checks.packs import pack_for_kind, resolve
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.findings import Finding, Severity, object_location, sort_findings
from jixiao.rules import RulePack, RulePackError, quote

ALL_CHECKS = (arithmetic.CHECKS + completeness.CHECKS + quality.CHECKS + history_checks.CHECKS + scores.CHECKS
              + consistency.CHECKS)


def review_pack(doc: EvaluationDocument, pack: RulePack | str | None = None) -> tuple[RulePack, Finding | None]:
    """The pack whose thresholds and bands a review applies: ``pack``, else the one the document
    names, else the default pack of its kind. An unknown pack is a finding, and the default is used."""
    try:
        return resolve(pack, named=doc.rule_pack, kind=doc.kind.value), None
    except RulePackError as exc:
        return pack_for_kind(doc.kind.value), Finding(
            "document.rule_pack", Severity.ERROR, str(exc), object_location("document", field_name="rule_pack"),
            {"rule_pack": quote(doc.rule_pack)})


def check_document(source: EvaluationDocument | Assessment, *, history=None, pack: RulePack | str | None = None,
                   stage: str = "evaluation") -> list[Finding]:
    """Review one evaluation document (or its assessment); findings sorted errors first.

    ``history``: documents of earlier years (or a mapping of indicator code → :class:`PastValue`)
    for the target checks. ``pack``: the rule pack (or its code) whose thresholds and bands apply,
    when ``source`` is a document; by default the pack the document names. ``stage``: ``evaluation``
    (year end) or ``targets`` (targets being set: actual values, scores and execution are not
    expected yet).
    """
    if stage not in STAGES:
        raise ValueError(f"stage 应为 {' 或 '.join(STAGES)}，而不是“{stage}”")
    findings: list[Finding] = []
    if isinstance(source, Assessment):
        assessment = source
        rule_pack = assessment.pack or pack_for_kind(assessment.document.kind.value)
    else:
        rule_pack, refused = review_pack(source, pack)
        findings += [refused] if refused else []
        assessment = assess(source, rule_pack)
    doc = assessment.document
    context = CheckContext(assessment, rule_pack, history_checks.normalise_history(history, doc.department_code), stage)
    for check in ALL_CHECKS:
        check(context)
    findings.extend(context.findings)
    if any(f.code == "score.weights_total" for f in findings):
        # the engine refused the same weights; the arithmetic check says it with the figures
        findings = [f for f in findings if not (f.code == "score.unscorable" and "合计" in f.message)]
    return sort_findings(findings)


# What a document's scores call for: hand scores against rule scores, and the reasons to write.
SCORE_CHECKS = (scores.check_indicator_scores, scores.check_total, completeness.check_reasons,
                completeness.check_execution_reason)


def review_scores(assessment: Assessment) -> list[Finding]:
    """The findings on an assessment's scores alone (what ``jixiao score`` adds to its table)."""
    rule_pack = assessment.pack or pack_for_kind(assessment.document.kind.value)
    context = CheckContext(assessment, rule_pack, {})
    for check in SCORE_CHECKS:
        check(context)
    return sort_findings(context.findings)
