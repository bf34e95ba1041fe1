"""Cell values in and out of spreadsheets: what a read cell means, and what is safe to write.

Reading: python-calamine returns floats for numbers, so numbers go through ``repr`` to ``Decimal``
and never stay float; text numbers (full-width digits, thousand separators, units) go through
:func:`jixiao.domain.values.parse_value`, the one parser of values. Dates may arrive as date cells,
serial numbers or text.

Writing: text that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) could be
taken for a formula by a spreadsheet (formula injection). :func:`starts_like_formula` is the one test
every writer uses: CSV writers prefix such text with an apostrophe (:func:`neutralise_formula`);
xlsx writers store it as a string with the "quote prefix" style, which keeps the text unchanged.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from jixiao.domain.numbers import TWO_PLACES, ZERO
from jixiao.domain.values import ValueParseError, convert, normalize_text, parse_value

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Invisible characters that text pasted from web pages and chat apps carries (zero-width space,
# joiners, word joiner, byte-order mark): a code "1\u200b" looks like "1" but would not match it.
# The joiners (ZWNJ, ZWJ) are kept inside text, where they hold emoji sequences (👨‍👩‍👧) and some
# scripts together, and dropped at its ends and from codes.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
JOINERS = "\u200c\u200d"
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug included)
_MAX_SERIAL = 2958465  # 9999-12-31
_INF = float("inf")


class CellError(ValueError):
    """A cell value that cannot be read as its column requires; the message quotes the value."""


def starts_like_formula(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_TRIGGERS)


def neutralise_formula(text: str) -> str:
    """Text safe for a CSV opened in a spreadsheet: an apostrophe before a formula-like start."""
    return "'" + text if starts_like_formula(text) else text


def number_text(value: float | int) -> str:
    """The shortest exact text of a number read from a cell: 4.0 → ``4``, 90.8 → ``90.8``."""
    return format(float_to_decimal(value), "f")


def float_to_decimal(value: float | int) -> Decimal:
    """A number from a cell as Decimal, through ``repr`` (never the binary float); integral values
    lose their ``.0`` (``6.0`` → ``6``)."""
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (_INF, -_INF):  # a crafted file may hold NaN or infinity
        raise CellError(f"“{value!r}”不是有效的数值")
    if value.is_integer() and abs(value) < 1e15:
        return Decimal(int(value))
    return Decimal(repr(value))


def cell_text(value) -> str:
    """Any cell as text, as a person would read it; empty cells are ``""``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).strip().strip(JOINERS).strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_text(value) if value == value and value not in (_INF, -_INF) else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def cell_number(value) -> Decimal | None:
    """A plain number (points, scores): a numeric cell, or text such as ``６``, ``1,200``, ``95.91分``."""
    if value.__class__ is float:
        return float_to_decimal(value)
    if isinstance(value, bool):
        raise CellError(f"“{cell_text(value)}”不是数值")
    if isinstance(value, int):
        return float_to_decimal(value)
    text = cell_text(value)
    if not text:
        return None
    try:
        parsed = parse_value(text)
    except ValueParseError as exc:
        raise CellError(f"“{text}”不是数值") from exc
    if parsed.number is None or parsed.direction is not None:
        raise CellError(f"“{text}”不是数值")
    return parsed.number


def cell_money(value) -> Decimal | None:
    """An amount in 万元: a numeric cell, or text such as ``1,291.73``, ``１２.５``, ``42.52万元``,
    ``425,200元`` (converted to 万元).

    The result is the canonical amount: two places (``798.6`` → ``798.60``), more only when the cell
    holds more, and zero as ``0`` (as :func:`jixiao.domain.numbers.format_amount` writes it).
    """
    if isinstance(value, bool):
        raise CellError(f"“{cell_text(value)}”不是金额")
    if isinstance(value, (int, float)):
        return canonical_money(float_to_decimal(value))
    text = cell_text(value)
    if not text:
        return None
    try:
        parsed = parse_value(text, unit="万元")
    except ValueParseError as exc:
        raise CellError(f"“{text}”不是有效的金额（单位：万元）") from exc
    if parsed.number is None or parsed.direction is not None:
        raise CellError(f"“{text}”不是有效的金额（单位：万元）")
    number = parsed.number
    if parsed.unit and parsed.unit != "万元":
        try:
            number = convert(number, parsed.unit, "万元")
        except ValueParseError as exc:
            raise CellError(f"“{text}”的单位不是金额单位（应为万元）") from exc
    return canonical_money(number)


def canonical_money(amount: Decimal) -> Decimal:
    """Two places unless more are significant (38.766462 stays); zero is ``0``."""
    if amount == 0:
        return ZERO
    two_places = amount.quantize(TWO_PLACES)
    return two_places if two_places == amount else amount


def cell_integer(value) -> int | None:
    number = cell_number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"“{cell_text(value)}”不是整数")
    return int(number)


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def cell_date(value) -> date | None:
    """A date cell, an Excel serial number (44773 → 2022-07-31) or text (2022-07-31, 2022/7/31,
    2022年7月31日, 2022.7.31, 20220731)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(f"“{cell_text(value)}”不是有效的日期（如 2022-07-31）")
    if isinstance(value, (int, float)):
        if 1 <= value <= _MAX_SERIAL and float(value).is_integer():
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(f"“{cell_text(value)}”不是有效的日期（如 2022-07-31）")
    text = normalize_text(cell_text(value))
    if not text:
        return None
    match = _DATE_TEXT.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    elif re.fullmatch(r"\d{5}", text):
        return cell_date(int(text))
    raise CellError(f"“{cell_text(value)}”不是有效的日期（如 2022-07-31）")


_TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "适用", "对"}
_FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "✗", "不适用", "错"}


def cell_bool(value, *, default: bool) -> bool:
    """是/否 (also TRUE/FALSE, √/×, 适用/不适用); an empty cell is ``default``."""
    if isinstance(value, bool):
        return value
    text = normalize_text(cell_text(value)).lower()
    if not text:
        return default
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise CellError(f"“{cell_text(value)}”应为“是”或“否”")


def unreadable_value_column(error: ValueParseError, target: str, *, direction, unit: str) -> str:
    """Which column an indicator's :class:`ValueParseError` belongs to, ``"target"`` or ``"actual"``:
    both are read together, and the same text may stand in both cells; or the column the error names
    (``"direction"``: a 指标性质 that contradicts the value)."""
    if error.column:
        return error.column
    if error.text == target:
        try:
            parse_value(target, direction=direction, unit=unit, target=True)
        except ValueParseError:
            return "target"
    return "actual"
