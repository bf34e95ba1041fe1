"""What the evaluation document's fields may hold (字段上限), declared once.

Every value an entry accepts (the workbook reader, YAML/JSON data files, the API, the web grid) must be
storable in the database, on SQLite and PostgreSQL alike, and writable by every output (workbook, docx,
PDF/HTML, official forms, open data). The database models read their lengths and digits from here, and
:func:`document_problems` judges a document's values against them, so the same value gets the same
Chinese message whatever the entry and whatever the database. Pure: no Django.

Refused: negative amounts and scores, numbers beyond the digits a column holds or with more decimal
places than it keeps (the database would round them silently), NaN and infinity, text longer than its
column, and control characters (and NUL), which XML — and so every office file — cannot hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

# Excel keeps at most this many characters in one cell; long texts are held to it, so that everything
# stored can be exported as a workbook and read back.
MAX_CELL_TEXT = 32767
LONG = MAX_CELL_TEXT

# Text lengths by "part.field"; the models' max_length reads these.
TEXT: dict[str, int] = {
    "region.code": 12, "region.name": 100,
    "department.code": 40, "department.name": 200, "department.self_name": 20,
    "evaluation.rule_pack": 80, "evaluation.stated_grade": 10, "evaluation.project_code": 60,
    "unit.code": 40, "unit.name": 200, "unit.duties": LONG,
    "task.code": 20, "task.name": 200, "task.responsible_unit": 200, "task.description": LONG, "task.summary": LONG,
    "project.code": 60, "project.name": 200, "project.unit": 200, "project.goal": LONG, "project.goal_result": LONG,
    "indicator.code": 30, "indicator.name": 300, "indicator.unit": 20, "indicator.target": 200,
    "indicator.actual": 200, "indicator.target_basis": 300, "indicator.deviation_reason": LONG,
    "indicator.improvement": LONG,
    "monitoring.indicator_code": 30, "monitoring.value": 200, "monitoring.projected": 200,
    "monitoring.likelihood": 20, "monitoring.reason": LONG, "monitoring.note": LONG,
    "adjustment.subject": 200, "adjustment.before": 200, "adjustment.after": 200, "adjustment.reason": LONG,
    "section.key": 60, "section.title": 200, "section.text": LONG,
    "fact.key": 60, "fact.value": 200, "fact.note": LONG,
}


@dataclass(frozen=True)
class NumberLimit:
    """A decimal column: ``digits`` in all, ``places`` of them after the point."""

    digits: int
    places: int
    negative: bool = False
    maximum: Decimal | None = None  # below what the column holds, when another form holds less

    @cached_property
    def low(self) -> Decimal:
        """The smallest value allowed (0, or just above −bound)."""
        return -self.bound + Decimal(10) ** -self.places if self.negative else Decimal(0)

    @cached_property
    def min_exponent(self) -> int:
        return -self.places

    @cached_property
    def bound(self) -> Decimal:
        """The first value too large (10^(digits − places), or the maximum)."""
        return self.maximum if self.maximum is not None else Decimal(10) ** (self.digits - self.places)


# 万元, two places. A workbook cell holds a number as a double (15 significant digits), so amounts stay
# below 10^12 万元 (a hundred times any national budget) to come back from a workbook unchanged.
MONEY = NumberLimit(18, 2, maximum=Decimal(10) ** 12)
NUMBER = NumberLimit(20, 6, negative=True)  # parsed indicator values (735, 90.8, 0.5)
SCORE = NumberLimit(8, 2)  # 分值, 得分

# Control characters (C0 and C1, DEL) except tab and line feed, and the two non-characters XML refuses.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def text_problem(text: str, max_length: int) -> str | None:
    """Why ``text`` cannot be stored in a column of ``max_length`` characters, or ``None``."""
    found = _CONTROL.search(text)
    if found:
        return f"含有不可见的控制字符（U+{ord(found.group()):04X}），请删除后再导入"
    if len(text) > max_length:
        return f"文字过长（{len(text):,} 字），超过上限 {max_length:,} 字"
    return None


def number_problem(value: Decimal, limit: NumberLimit, what: str) -> str | None:
    """Why ``value`` cannot be stored as ``what`` (金额, 分值, 数值), or ``None``."""
    if value.is_finite() and value.as_tuple().exponent >= limit.min_exponent and limit.low <= value < limit.bound:
        return None  # the common case, decided without normalising
    if not value.is_finite():
        return f"“{value}”不是有效的{what}"
    if value < 0 and not limit.negative:
        return f"{what}不能为负数：“{_plain(value)}”"
    if abs(value) >= limit.bound:
        return f"{what}过大：“{_plain(value)}”（须小于 {_plain(limit.bound)}）"
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > limit.places:
        return f"{what}最多保留 {limit.places} 位小数：“{_plain(value)}”"
    return None


def _plain(value: Decimal) -> str:
    return format(value, "f") if abs(value.adjusted()) < 30 else str(value)


@dataclass(frozen=True)
class FieldProblem:
    """A value that cannot be stored: its part (the workbook's sheet name: 资金, 指标…), the row's key in
    it (see :mod:`jixiao.domain.rows`), the field (the document's attribute), the value and why."""

    part: str
    key: tuple
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        from jixiao.domain.rows import FIELD_LABELS

        where = "·".join(str(k) for k in self.key if k not in ("", None))
        label = FIELD_LABELS.get((self.part, self.field), self.field)
        return f"{self.part}{('（' + where + '）') if where else ''}·{label}：{self.message}"


def document_problems(doc) -> list[FieldProblem]:
    """Every value of ``doc`` that cannot be stored (see the module's docstring), in document order."""
    from jixiao.domain.rows import document_fields

    problems = []
    for part, key, field, kind, value in document_fields(doc):
        if value is None or value == "":
            continue
        if kind.__class__ is int:
            message = text_problem(value, kind) if value.__class__ is str else None
        else:
            limit, what = kind
            message = number_problem(value, limit, what)
        if message:
            problems.append(FieldProblem(part, key, field, value if isinstance(value, str) else _plain(value),
                                         message))
    return problems
