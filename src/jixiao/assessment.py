"""The assessment (评价结果) of an evaluation document under its rule pack: the scores with their
explanations, whether each indicator met its target, or the reason the document cannot be scored.

:func:`assess` is the one place outside :mod:`jixiao.scoring` that runs the scoring engine. The
drafted report, the checks, the official forms, open data, the services that store scores and the
commands all take an :class:`Assessment`, so a document is scored once per use and every output
says the same thing about it. Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from jixiao.domain.document import EvaluationDocument, Indicator
from jixiao.domain.findings import Finding, Severity, object_location
from jixiao.rules import RulePack, RulePackError, load_pack
from jixiao.scoring import ItemScore, ScoreResult, ScoringError, pack_for, score_document, target_met


@dataclass(frozen=True)
class Assessment:
    """What scoring says about one document. ``result`` is ``None`` when the document cannot be
    scored; ``reason`` then says why, in Chinese. ``pack`` is the pack scored under (``None`` when
    the document names none, or an unknown one)."""

    document: EvaluationDocument
    pack: RulePack | None
    result: ScoreResult | None
    reason: str = ""
    met: Mapping[str, bool | None] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def scored(self) -> bool:
        return self.result is not None

    @property
    def notes(self) -> tuple[Finding, ...]:
        """How the document was scored, or why it could not be (one error finding)."""
        if self.result is not None:
            return self.result.notes
        return (Finding("score.unscorable", Severity.ERROR, f"无法按规则计分：{self.reason}",
                        object_location("document", field_name="score")),)

    def item(self, indicator: Indicator) -> ItemScore | None:
        """The scored item of a task indicator (matched by code and name, codes may repeat in drafts)."""
        if self.result is None:
            return None
        item = self.result.by_code_and_name.get((indicator.code, indicator.name))
        if item is not None:
            return item
        return self.result.indicator(indicator.code) if indicator.code else None

    def met_of(self, indicator: Indicator) -> bool | None:
        return self.met.get(indicator.code)


def assess(document: EvaluationDocument, pack: RulePack | str | None = None) -> Assessment:
    """Score ``document`` under ``pack`` (a pack, its code, or ``None`` for the pack the document
    names). Never raises for a document that cannot be scored: the assessment says why."""
    resolved: RulePack | None = None
    result = None
    reason = ""
    try:
        resolved = pack if isinstance(pack, RulePack) else load_pack(pack) if pack else pack_for(document)
        result = score_document(document, resolved)
    except (RulePackError, ScoringError, ArithmeticError, ValueError) as exc:
        reason = str(exc)
    return Assessment(document, resolved, result, reason, MappingProxyType(_met_by_code(document, result, resolved)))


def _met_by_code(doc: EvaluationDocument, result: ScoreResult | None, pack: RulePack | None) -> dict[str, bool | None]:
    """Whether each indicator reached its target (``None``: cannot be told): the scored item's
    judgement when there is one, else the judgement on the values alone."""
    met: dict[str, bool | None] = {}
    for indicator in doc.indicators:
        item = result.indicator(indicator.code) if result is not None else None
        if item is not None and indicator.applicable:
            has_actual = indicator.actual.number is not None or indicator.actual.grade is not None
            met[indicator.code] = item.met if has_actual else None
            continue
        try:
            met[indicator.code] = target_met(indicator, pack)
        except ScoringError:
            met[indicator.code] = None
    return met
