"""Parsing indicator values as people write them in real tables.

Targets and actuals arrive as text: ``≥735人次``, ``≧100%``, ``═100%``, ``≤90万元``, ``1,291.73``,
``效果明显``, ``达成预期指标``, ``/`` or nothing. :func:`parse_value` reads direction, number, unit and
qualitative grade from such text and keeps the original; text it cannot read raises
:class:`ValueParseError` with a Chinese message that quotes it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from jixiao.domain.enums import Direction, QualitativeGrade


class ValueParseError(ValueError):
    """A value that cannot be read; ``str(error)`` is a Chinese message quoting the text."""

    def __init__(self, text: str, reason: str = "无法识别为数值"):
        self.text = text
        self.reason = reason
        super().__init__(f"“{text}”{reason}")


@dataclass(frozen=True)
class ParsedValue:
    """One target or actual value: the text as written and what was read from it."""

    text: str
    direction: Direction | None = None
    number: Decimal | None = None
    unit: str = ""
    grade: QualitativeGrade | None = None

    @property
    def is_empty(self) -> bool:
        return self.number is None and self.grade is None

    @property
    def is_qualitative(self) -> bool:
        return self.number is None and self.grade is not None


# Symbols normalised before reading; NFKC already folds full-width digits, letters and ％.
_SYMBOLS = str.maketrans(
    {
        "≧": "≥", "≦": "≤", "═": "=", "＝": "=", "〉": ">", "〈": "<",
        "，": ",", "、": ",", "。": ".", "－": "-", "—": "-", "–": "-", "～": "~",
        "\u3000": " ", "\xa0": " ",
    }
)
_DIRECTION_PREFIXES = (
    (">=", Direction.GE), ("≥", Direction.GE), (">", Direction.GE), ("不低于", Direction.GE),
    ("不少于", Direction.GE), ("大于等于", Direction.GE), ("大于", Direction.GE), ("高于", Direction.GE),
    ("至少", Direction.GE), ("达到", Direction.GE),
    ("<=", Direction.LE), ("≤", Direction.LE), ("<", Direction.LE), ("不高于", Direction.LE),
    ("不超过", Direction.LE), ("不多于", Direction.LE), ("小于等于", Direction.LE), ("小于", Direction.LE),
    ("低于", Direction.LE), ("控制在", Direction.LE),
    ("==", Direction.EQ), ("=", Direction.EQ), ("等于", Direction.EQ),
)
_DIRECTION_SUFFIXES = (
    ("以上", Direction.GE), ("及以上", Direction.GE), ("以内", Direction.LE), ("以下", Direction.LE),
    ("及以下", Direction.LE),
)
_EMPTY_MARKS = {"", "/", "-", "--", "无", "不适用", "n/a", "N/A", "——", "\\"}
_UNIT = re.compile(r"^(?:[A-Za-z²³/·.]*|[^A-Za-z\d]*)$")
_NUMBER = re.compile(r"^(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>[^\d\s].*)?$")

# Qualitative wording seen in real tables, checked in this order (negative before positive, partial
# before complete, since "未达成" contains "达成").
_QUALITATIVE_WORDS: tuple[tuple[QualitativeGrade, tuple[str, ...]], ...] = (
    (QualitativeGrade.NOT_ACHIEVED, ("未达成", "未达到", "未完成", "没有达到", "未实现", "效果较差", "效果差",
                                     "无效", "不达标", "不合格", "未按时", "否")),
    (QualitativeGrade.PARTIAL, ("部分达成", "部分达到", "部分完成", "部分实现", "部分改善", "部分提升", "部分提高",
                                "大部分", "基本达成", "基本达到", "基本完成", "基本实现", "有一定效果", "效果一般",
                                "一般", "较好", "基本满足", "基本符合", "略有", "初步")),
    (QualitativeGrade.ACHIEVED, ("达成", "达到", "完成", "实现", "有效", "明显", "显著", "提升", "提高",
                                 "良好", "优秀", "合格", "达标", "按时", "及时", "符合", "满足", "是",
                                 "好", "规范", "健全", "增强", "改善", "促进", "持续", "长期")),
)

UNIT_ALIASES = {"％": "%", "百分比": "%", "万": "万元", "个百分点": "%"}
# Convertible units: unit -> (base unit, factor to the base unit)
UNIT_CONVERSIONS: dict[str, tuple[str, Decimal]] = {
    "元": ("元", Decimal(1)),
    "万元": ("元", Decimal(10000)),
    "亿元": ("元", Decimal(100000000)),
    "%": ("%", Decimal(1)),
    "‰": ("%", Decimal("0.1")),
}


def normalize_text(text: str) -> str:
    """Fold full-width forms and the look-alike symbols of real tables to plain ones."""
    return unicodedata.normalize("NFKC", str(text)).translate(_SYMBOLS).strip()


def normalize_unit(unit: str) -> str:
    unit = normalize_text(unit or "").strip()
    return UNIT_ALIASES.get(unit, unit)


def read_direction(text: str) -> Direction | None:
    """Read a 指标性质 column (``≥``, ``正向``, ``定性``…) on its own."""
    text = normalize_text(text)
    if not text:
        return None
    found = Direction.from_label(text)
    if found:
        return found
    for prefix, direction in _DIRECTION_PREFIXES:
        if text == prefix:
            return direction
    return None


QUALITATIVE_FILE = Path(__file__).with_name("qualitative.yaml")


@lru_cache(maxsize=1)
def achieved_standards() -> frozenset[str]:
    """Whole-cell qualitative standards (高, 好, 合格, 有所提升…) read as 达成, from ``qualitative.yaml``."""
    return frozenset(yaml.safe_load(QUALITATIVE_FILE.read_text(encoding="utf-8"))["achieved_standards"])


def read_grade(text: str) -> QualitativeGrade | None:
    """Read the completion band from qualitative wording (``效果明显`` → 达成), else ``None``."""
    text = normalize_text(text)
    found = QualitativeGrade.from_label(text)
    if found:
        return found
    if text in achieved_standards():
        return QualitativeGrade.ACHIEVED
    for grade, words in _QUALITATIVE_WORDS:
        if any(word in text for word in words):
            return grade
    return None


@lru_cache(maxsize=65536)  # pure, and values repeat across thousands of rows (≥95%, 100%, 达成年度指标)
def parse_value(text, *, direction: Direction | str | None = None, unit: str = "",
                qualitative: bool | None = None) -> ParsedValue:
    """Parse one value as written. ``direction`` and ``unit`` come from separate columns when a table
    has them (指标性质 / 度量单位); a direction or unit written in the text itself wins only when
    the column is empty. ``qualitative=True`` reads the text as a completion band, never a number.
    """
    original = "" if text is None else str(text)
    if direction is not None and not isinstance(direction, Direction):
        direction = read_direction(str(direction))
    column_unit = normalize_unit(unit)
    body = normalize_text(original)
    if body in _EMPTY_MARKS:
        return ParsedValue(original, direction, None, column_unit, None)

    if qualitative or direction is Direction.QUALITATIVE:
        grade = read_grade(body)
        if grade is None:
            raise ValueParseError(original, "无法识别为定性完成情况（达成/部分达成/未达成）")
        return ParsedValue(original, Direction.QUALITATIVE, None, column_unit, grade)

    written_direction = None
    for prefix, candidate in _DIRECTION_PREFIXES:
        if body.startswith(prefix):
            written_direction, body = candidate, body[len(prefix):].strip()
            break
    for suffix, candidate in _DIRECTION_SUFFIXES:
        if body.endswith(suffix):
            written_direction, body = written_direction or candidate, body[: -len(suffix)].strip()
            break

    match = _NUMBER.match(body.replace(" ", ""))
    if match:
        try:
            number = Decimal(match.group("number").replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
            raise ValueParseError(original) from exc
        written_unit = normalize_unit(match.group("unit") or "")
        if not _UNIT.match(written_unit):
            # e.g. "3O场": a letter O typed for a zero; a unit is all Latin (km) or has no Latin letters.
            raise ValueParseError(original)
        if written_unit and column_unit and _base_unit(written_unit) != _base_unit(column_unit):
            raise ValueParseError(original, f"的单位“{written_unit}”与度量单位“{column_unit}”不一致")
        return ParsedValue(original, direction or written_direction, number, written_unit or column_unit, None)

    if written_direction is not None or re.search(r"\d", body):
        # A comparison sign or a digit means a number was meant; refuse rather than guess.
        raise ValueParseError(original)
    grade = read_grade(body)
    if grade is None:
        raise ValueParseError(original, "既不是数值，也无法识别为定性完成情况")
    return ParsedValue(original, Direction.QUALITATIVE, None, column_unit, grade)


_WRITTEN_SIGNS = ("≥", "≤", "=", ">", "<")


def as_written(value: ParsedValue, *, sign: Direction | None = None, unit: str = "") -> ParsedValue:
    """The value as one cell would write it when a table gave the sign (指标性质) and the unit
    (度量单位) in columns of their own: ``735`` with ``≧`` and ``人次`` → ``≥735人次``. Forms, reports
    and checks then show what was meant; the number, direction and unit are unchanged."""
    if value.number is None or not value.text.strip():
        return value
    text = normalize_text(value.text)
    if sign in (Direction.GE, Direction.LE, Direction.EQ) and not text.startswith(_WRITTEN_SIGNS):
        text = sign.label + text
    unit = normalize_unit(unit)
    if unit and not _UNIT_WRITTEN.search(text):
        text += unit
    return value if text == normalize_text(value.text) else replace(value, text=text)


# A value written with its unit ends in a non-digit (``4场``, ``95%``); a bare number ends in a digit.
_UNIT_WRITTEN = re.compile(r"[^\d\s.]\s*$")


def _base_unit(unit: str) -> str:
    return UNIT_CONVERSIONS.get(unit, (unit, None))[0]


def convert(number: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert ``number`` between convertible units (万元/元/亿元, %/‰); raise when they differ in kind."""
    from_unit, to_unit = normalize_unit(from_unit), normalize_unit(to_unit)
    if from_unit == to_unit or not from_unit or not to_unit:
        return number
    source, target = UNIT_CONVERSIONS.get(from_unit), UNIT_CONVERSIONS.get(to_unit)
    if not source or not target or source[0] != target[0]:
        raise ValueParseError(f"{from_unit}→{to_unit}", "：单位不一致，无法换算")
    return number * source[1] / target[1]
