"""What scoring returns: every item's score with its Chinese explanation, the budget execution
score, the total and grade, and the notes on how the document was scored (weights rescaled, a value
missing, a hand score outside its band) as :class:`~jixiao.domain.findings.Finding` objects."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

from jixiao.domain.findings import Finding
from jixiao.domain.numbers import canonical, round_half_up


class ScoringError(ValueError):
    """A document that cannot be scored under its pack (weights that do not add up, units that do
    not agree, a missing weight); ``str(error)`` is a Chinese message naming the place."""


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """预算执行率 score: ``score = weight × min(executed / budget, 1)``, amounts in 万元."""

    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    weight: Decimal
    score: Decimal
    explanation: str
    path: tuple[str, ...] = ()
    leaf_key: str = ""


@dataclass(frozen=True, slots=True)
class ItemScore:
    """One scored item: a task's indicator or a management leaf of the pack.

    ``score`` is the score that counts (the rule score); ``self_score`` is a score entered by hand,
    kept beside it. ``met``: the target is reached (quantitative) or the qualitative band is 达成
    (for a management leaf: full points). ``leaf_key`` is the pack node that scored the item (a
    management leaf's key, or the indicator group's key such as ``output``).
    """

    path: tuple[str, ...]
    indicator_code: str
    leaf_key: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    rule_score: Decimal
    self_score: Decimal | None
    met: bool
    explanation: str
    method: str = ""

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def level1(self) -> str:
        return self.path[0] if self.path else ""


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal as a JSON string without exponent or needless zeros (``10``, ``5.71``)."""
    if value is None:
        return None
    return format(canonical(value), "f")


@dataclass(frozen=True)
class ScoreResult:
    """The scores of one document under one rule pack. ``total`` = execution score + Σ item scores,
    each rounded half-up to 2 places before adding (as published tables do)."""

    rules: str
    total: Decimal
    grade: str
    grade_code: str
    execution: ExecutionScore | None
    items: tuple[ItemScore, ...]
    notes: tuple[Finding, ...]
    weight_total: Decimal
    level1_order: tuple[str, ...] = ()

    def by_level1(self) -> "OrderedDict[str, tuple[Decimal, Decimal]]":
        """Level-1 name → (weight, score), in the pack's order (for the score-breakdown chart)."""
        totals: OrderedDict[str, list[Decimal]] = OrderedDict((name, [Decimal(0), Decimal(0)])
                                                              for name in self.level1_order)
        entries = [(self.execution.path, self.execution.weight, self.execution.score)] if self.execution else []
        entries += [(item.path, item.weight, item.score) for item in self.items]
        for path, weight, score in entries:
            slot = totals.setdefault(path[0], [Decimal(0), Decimal(0)])
            slot[0] += weight
            slot[1] += score
        return OrderedDict((name, (weight, score)) for name, (weight, score) in totals.items())

    @property
    def unverified(self) -> int:
        """How many indicator rows could not be verified (neither target nor actual, or wording that cannot
        be read), their hand scores kept."""
        return sum(1 for item in self.items if item.method == "unverifiable")

    def indicator(self, code: str) -> ItemScore | None:
        """The item of the task indicator ``code`` (the first one, should codes repeat)."""
        return self._by_code.get(code)

    def item(self, leaf_key: str) -> ItemScore | None:
        """The item of the management leaf ``leaf_key`` (e.g. ``budget_adjustment_rate``)."""
        return self._by_leaf.get(leaf_key)

    @cached_property
    def _by_code(self) -> dict[str, ItemScore]:
        # Looked up once per indicator by the checks and the report: an index, not a scan each time.
        index: dict[str, ItemScore] = {}
        for item in self.items:
            if item.indicator_code:
                index.setdefault(item.indicator_code, item)
        return index

    @cached_property
    def _by_leaf(self) -> dict[str, ItemScore]:
        index: dict[str, ItemScore] = {}
        for item in self.items:
            if not item.indicator_code:
                index.setdefault(item.leaf_key, item)
        return index

    @cached_property
    def by_code_and_name(self) -> dict[tuple[str, str], ItemScore]:
        """Task indicators' items by (code, name), the first of each (codes may repeat in drafts)."""
        index: dict[tuple[str, str], ItemScore] = {}
        for item in self.items:
            index.setdefault((item.indicator_code, item.name), item)
        return index

    def notes_for(self, subject: str) -> tuple[Finding, ...]:
        return tuple(note for note in self.notes if note.subject == subject)

    def to_json(self) -> dict:
        """The ``jixiao score --json`` form; decimals are strings."""
        execution = None
        if self.execution is not None:
            e = self.execution
            execution = {
                "budget": decimal_text(e.budget), "executed": decimal_text(e.executed),
                "rate": None if e.rate is None else str(round_half_up(e.rate, 4)),
                "weight": decimal_text(e.weight), "score": str(e.score), "explanation": e.explanation,
            }
        return {
            "rules": self.rules,
            "total": str(self.total),
            "grade": self.grade,
            "execution": execution,
            "items": [
                {"path": list(item.path), "code": item.indicator_code or item.leaf_key,
                 "target": item.target, "actual": item.actual,
                 "weight": decimal_text(item.weight), "score": str(item.score),
                 "self_score": decimal_text(item.self_score), "explanation": item.explanation}
                for item in self.items
            ],
            "unverified": self.unverified,
            "flags": [{"code": f.code, "severity": f.severity.value, "message": f.message, "subject": f.subject}
                      for f in self.notes],
        }
