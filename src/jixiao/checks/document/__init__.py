"""``check_document``: every structured check over one evaluation document, as one list of findings."""

from __future__ import annotations

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.values import ValueParseError
from jixiao.rules import RulePack, RulePackError
from jixiao.scoring import ScoringError, score_document

from jixiao.checks.document import arithmetic

from jixiao.checks.document import completeness

from jixiao.checks.document import consistency

from jixiao.checks.document import quality

from jixiao.checks.document import scores
from jixiao.checks.document import history as history_checks
from jixiao.checks.document.context import STAGES, CheckContext
from jixiao.domain.findings import Finding, Severity, object_location, sort_findings
from jixiao.checks.packs import pack_for_kind, resolve

ALL_CHECKS = (arithmetic.CHECKS + completeness.CHECKS + quality.CHECKS + history_checks.CHECKS + scores.CHECKS
              + consistency.CHECKS)


def check_document(doc: EvaluationDocument, *, history=None, pack: RulePack | str | None = None,
                   stage: str = "evaluation") -> list[Finding]:
    """Review one evaluation document; findings sorted errors first.

    ``history``: documents of earlier years (or a mapping of indicator code → :class:`PastValue`)
    for the target checks. ``pack``: the rule pack (or its name) whose thresholds and bands apply;
    by default the pack the document names. ``stage``: ``evaluation`` (year end) or ``targets``
    (targets being set: actual values, scores and execution are not expected yet).
    """
    if stage not in STAGES:
        raise ValueError(f"stage 应为 {' 或 '.join(STAGES)}，而不是“{stage}”")
    findings: list[Finding] = []
    try:
        rule_pack = resolve(pack, named=doc.rule_pack, kind=doc.kind.value)
    except RulePackError as exc:
        findings.append(Finding("document.rule_pack", Severity.ERROR, str(exc),
                                object_location("document", field_name="rule_pack"), {"rule_pack": doc.rule_pack}))
        rule_pack = pack_for_kind(doc.kind.value)
    result = None
    if stage == "evaluation":
        try:
            result = score_document(doc, rule_pack)
        except ScoringError as exc:
            findings.append(Finding("score.unscorable", Severity.ERROR, f"无法按规则计分：{exc}",
                                    object_location("document", field_name="score")))
        except (ValueParseError, ArithmeticError, ValueError) as exc:
            findings.append(Finding("score.unscorable", Severity.ERROR, f"无法按规则计分：{exc}",
                                    object_location("document", field_name="score")))
    context = CheckContext(doc, rule_pack, result, history_checks.normalise_history(history, doc.department_code),
                           stage)
    for check in ALL_CHECKS:
        check(context)
    findings.extend(context.findings)
    if any(f.code == "score.weights_total" for f in findings):
        # the engine refused the same weights; the arithmetic check says it with the figures
        findings = [f for f in findings if not (f.code == "score.unscorable" and "合计" in f.message)]
    return sort_findings(findings)
