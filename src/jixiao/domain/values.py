"""Parsing indicator values as people write them in real tables.

Targets and actuals arrive as text: ``≥735人次``, ``≧100%``, ``═100%``, ``≤90万元``, ``1,291.73``,
``90%≤``, ``10人及以上``, ``≥1万人次``, ``12月底前完成``, ``效果明显``, ``效果不明显，未能达成``, ``/`` or
nothing. :func:`parse_value` reads direction (指标性质), number, unit (度量单位) and qualitative grade
(定性完成情况) from such text and keeps the original; text it cannot read raises
:class:`ValueParseError` with a Chinese message that quotes it. The words it knows are rules, kept in
``values.yaml`` (signs, multipliers, units) and ``qualitative.yaml`` (completion wording).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from jixiao.domain.enums import Direction, QualitativeGrade

VALUES_FILE = Path(__file__).with_name("values.yaml")
QUALITATIVE_FILE = Path(__file__).with_name("qualitative.yaml")
ONE = Decimal(1)


class ValueParseError(ValueError):
    """A value that cannot be read; ``str(error)`` is a Chinese message quoting the text.

    ``column`` names the column at fault when it is not the value's own (``"direction"``: the 指标性质
    column contradicts what the value says)."""

    def __init__(self, text: str, reason: str = "无法识别为数值", *, column: str | None = None):
        self.text = text
        self.reason = reason
        self.column = column
        super().__init__(f"“{text}”{reason}")


@dataclass(frozen=True)
class ParsedValue:
    """One target or actual value: the text as written and what was read from it.

    A qualitative target may be a standard that names no grade (``长期``, ``6月30日前``): it has text
    but neither number nor grade, and is not empty."""

    text: str
    direction: Direction | None = None
    number: Decimal | None = None
    unit: str = ""
    grade: QualitativeGrade | None = None

    @property
    def is_empty(self) -> bool:
        return self.number is None and self.grade is None and normalize_text(self.text) in _writing().empty

    @property
    def is_qualitative(self) -> bool:
        return self.number is None and self.grade is not None


# Symbols normalised before reading; NFKC already folds full-width digits, letters, ％ and brackets.
_SYMBOLS = str.maketrans(
    {
        "≧": "≥", "≦": "≤", "═": "=", "＝": "=", "〉": ">", "〈": "<",
        "，": ",", "、": ",", "。": ".", "－": "-", "—": "-", "–": "-", "～": "~",
        "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "-", "\ufe63": "-",
        "\u3000": " ", "\xa0": " ",
    }
)
_UNIT = re.compile(r"^(?:[A-Za-z²³/·.]*|[^A-Za-z\d]*)$")
_NUMBER = re.compile(r"^(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>[^\d\s].*)?$")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSES = re.compile(r"[,.;:!?()\[\]/\s]+")  # after normalize_text: ，、。；：！？ are folded to these
_RANK = {QualitativeGrade.NOT_ACHIEVED: 0, QualitativeGrade.PARTIAL: 1, QualitativeGrade.ACHIEVED: 2}
_SIGNED = frozenset({Direction.GE, Direction.LE, Direction.EQ})  # a sign that a written one may contradict
_SIGNED_IDS = frozenset(map(id, _SIGNED))  # the same by identity (an enum member's hash is slow)


def normalize_text(text: str) -> str:
    """Fold full-width forms and the look-alike symbols of real tables to plain ones."""
    return unicodedata.normalize("NFKC", str(text)).translate(_SYMBOLS).strip()


# --- the rules, from the data files ----------------------------------------------------------------

def _by_end(pairs, end: int) -> dict[str, tuple]:
    """Words keyed by their first (``end=0``) or last (``end=-1``) character, longest first, so a
    value is compared only with the words it could start or end with."""
    table: dict[str, list] = {}
    for pair in sorted(pairs, key=lambda pair: -len(pair[0])):
        table.setdefault(pair[0][end], []).append(pair)
    return {key: tuple(value) for key, value in table.items()}


@dataclass(frozen=True)
class _Writing:
    """``values.yaml``: how a number, its comparison and its unit are written."""

    empty: frozenset[str]
    before: dict[str, tuple[tuple[str, Direction], ...]]  # by first character
    before_words: dict[str, Direction]
    endings: dict[str, tuple[tuple[str, Direction | None], ...]]  # by last character; None: (含)
    aliases: dict[str, str]
    conversions: dict[str, tuple[str, Decimal]]
    multipliers: tuple[tuple[str, Decimal], ...]
    multiplier_words: frozenset[str]


@lru_cache(maxsize=1)
def _writing() -> _Writing:
    data = yaml.safe_load(VALUES_FILE.read_text(encoding="utf-8"))
    directions = data["directions"]

    def pairs(table: dict) -> list[tuple[str, Direction]]:
        return [(normalize_text(word), Direction(key)) for key, words in table.items() for word in words]

    before = pairs(directions["before"])
    endings = pairs(directions["after"]) + pairs(directions["sign_after"])
    endings += [(normalize_text(word), None) for word in directions["inclusive"]]
    multipliers = tuple(sorted(((k, Decimal(str(v))) for k, v in data["multipliers"].items()),
                               key=lambda pair: -len(pair[0])))
    return _Writing(
        empty=frozenset(data["empty"]),
        before=_by_end(before, 0),
        before_words=dict(before),
        endings=_by_end(endings, -1),
        aliases={normalize_text(k): v for k, v in data["unit_aliases"].items()},
        conversions={unit: (base, Decimal(str(factor))) for unit, (base, factor) in data["conversions"].items()},
        multipliers=multipliers,
        multiplier_words=frozenset(word for word, _ in multipliers),
    )


@dataclass(frozen=True)
class _Wording:
    """``qualitative.yaml``: how completion is written, compiled for reading."""

    whole: dict[str, QualitativeGrade]
    negators: tuple[str, ...]
    words: re.Pattern
    kinds: dict[str, str]
    negation_reach: int
    marker_reach: int
    standards: frozenset[str]
    deadline: re.Pattern
    examples: str
    deadline_starts: frozenset[str]  # characters a date or period can begin with (digits, 当, 年底…)
    digit_periods: bool  # a period of the list begins with a digit

    def may_start_deadline(self, text: str, unit: str) -> bool:
        """Whether a plain value (``_PLAIN``: a sign or digits, then a unit) can be read by
        :meth:`deadline_rest` at all: it starts with a character a deadline can start with, and
        after digits the pattern asks for 年 or 月 (``2022年``, ``12月底前``) unless a period of the
        list itself starts with a digit."""
        first = text[:1]
        if first not in self.deadline_starts:
            return False
        return not first.isdigit() or unit[:1] in ("年", "月") or self.digit_periods

    def clause_grade(self, clause: str) -> QualitativeGrade | None:
        """The lowest band one clause names, ``None`` when it names none."""
        whole = self.whole.get(clause)
        if whole is not None:
            return whole
        for negator in self.negators:  # 不是, 不高, 不规范: a negated one-word standard
            if clause.startswith(negator) and self.whole.get(clause[len(negator):]) is QualitativeGrade.ACHIEVED:
                return QualitativeGrade.NOT_ACHIEVED
        found: list[tuple[QualitativeGrade, int, int]] = []
        markers: list[tuple[int, int]] = []
        negator_end = None
        for match in self.words.finditer(clause):
            kind, start, end = self.kinds[match.group()], match.start(), match.end()
            if kind == "fixed_phrases":
                continue
            if kind == "negators":
                negator_end = end
                continue
            if kind == "partial_markers":
                markers.append((start, end))
                continue
            negated = negator_end is not None and start - negator_end <= self.negation_reach
            negator_end = None
            if kind == "positive_phrases":
                grade = QualitativeGrade.ACHIEVED
            elif kind in ("in_progress", "incomplete"):
                grade = QualitativeGrade.PARTIAL
            elif kind == "achieved":
                grade = QualitativeGrade.NOT_ACHIEVED if negated else QualitativeGrade.ACHIEVED
            elif kind == "not_achieved":
                grade = QualitativeGrade.ACHIEVED if negated else QualitativeGrade.NOT_ACHIEVED
            else:  # partial
                grade = QualitativeGrade.NOT_ACHIEVED if negated else QualitativeGrade.PARTIAL
            found.append((grade, start, end))
        if not found:  # a marker on its own (部分, 基本, 初步) is partial; beside other words it names nothing
            return QualitativeGrade.PARTIAL if markers and markers[0] == (0, len(clause)) else None
        reach = self.marker_reach
        for index, (grade, start, end) in enumerate(found):  # 基本完成, 基本已完成, 完成了大部分
            if grade is QualitativeGrade.ACHIEVED and any(
                    0 <= start - marker_end <= reach or 0 <= marker_start - end <= reach
                    for marker_start, marker_end in markers):
                found[index] = (QualitativeGrade.PARTIAL, start, end)
        return min((grade for grade, _, _ in found), key=_RANK.__getitem__)

    def deadline_rest(self, text: str) -> str | None:
        """The words after a date or period (``12月底前完成`` → ``完成``), ``None`` when ``text`` does
        not start with one. A bare ``11月`` or ``2022年`` is a number with its unit, not a date."""
        match = self.deadline.match(text)
        if match is None or not (match.group("when") or match.group("year")):
            return None
        rest = text[match.end():]
        if _DIGIT.search(rest):
            return None
        if not rest and (not match.group("when") or re.fullmatch(r"\d{1,2}月", match.group())):
            return None
        return rest


@lru_cache(maxsize=1)
def _wording() -> _Wording:
    data = yaml.safe_load(QUALITATIVE_FILE.read_text(encoding="utf-8"))
    whole = {word: QualitativeGrade.ACHIEVED for word in data["achieved_standards"]}
    whole.update({word: QualitativeGrade.NOT_ACHIEVED for word in data["not_achieved_standards"]})
    kinds: dict[str, str] = {}
    for kind in ("achieved", "partial", "not_achieved", "in_progress", "incomplete", "partial_markers",
                 "negators", "positive_phrases", "fixed_phrases"):
        for word in data[kind]:
            kinds.setdefault(normalize_text(word), kind)
    words = re.compile("|".join(re.escape(word) for word in sorted(kinds, key=len, reverse=True)))
    deadlines = data["deadlines"]
    period_starts = frozenset(period[:1] for period in deadlines["periods"])

    def alternatives(items):
        return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))

    deadline = re.compile(
        rf"(?P<year>(?:\d{{4}}|当|本|次)年度?)?"
        rf"(?P<when>\d{{1,2}}月(?:\d{{1,2}}[日号])?(?:{alternatives(deadlines['day_parts'])})?"
        rf"|{alternatives(deadlines['periods'])})?"
        rf"(?:{alternatives(deadlines['before'])})?")
    bands = ((QualitativeGrade.ACHIEVED, "达成"), (QualitativeGrade.PARTIAL, "部分达成"),
             (QualitativeGrade.NOT_ACHIEVED, "未达成"))
    examples = "；".join(f"{short}（如{'、'.join(data['examples'][grade.value])}）" for grade, short in bands)
    return _Wording(
        whole=whole, negators=tuple(sorted(data["negators"], key=len, reverse=True)), words=words, kinds=kinds,
        negation_reach=int(data["negation_reach"]), marker_reach=int(data["marker_reach"]),
        standards=frozenset(data["standards"]), deadline=deadline, examples=examples,
        deadline_starts=frozenset("0123456789当本次") | period_starts,
        digit_periods=any(start.isdigit() for start in period_starts))


# --- units ---------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # a few dozen units, on every value read
def normalize_unit(unit: str) -> str:
    if not unit:
        return ""
    unit = normalize_text(unit)
    return _writing().aliases.get(unit, unit)


@lru_cache(maxsize=4096)
def unit_scale(unit: str) -> tuple[str, Decimal]:
    """The plain unit and the factor to it: ``万元`` → (元, 10000), ``万人次`` → (人次, 10000),
    ``‰`` → (%, 0.1), ``场`` → (场, 1)."""
    unit = normalize_unit(unit)
    writing = _writing()
    if unit in writing.conversions:
        return writing.conversions[unit]
    for prefix, factor in writing.multipliers:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            base, inner = unit_scale(unit[len(prefix):])
            return base, factor * inner
    return unit, ONE


def convert(number: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert ``number`` between units of one kind (万元/元/亿元, %/‰, 万人次/人次); raise when they
    differ in kind."""
    from_unit, to_unit = normalize_unit(from_unit), normalize_unit(to_unit)
    if from_unit == to_unit or not from_unit or not to_unit:
        return number
    (source, source_factor), (target, target_factor) = unit_scale(from_unit), unit_scale(to_unit)
    if source != target:
        raise ValueParseError(f"{from_unit}→{to_unit}", "：单位不一致，无法换算")
    return number * source_factor / target_factor


# --- reading -------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # pure; a 指标性质 column holds a handful of texts
def read_direction(text: str) -> Direction | None:
    """Read a 指标性质 column (``≥``, ``正向``, ``定性``…) on its own."""
    text = normalize_text(text)
    if not text:
        return None
    found = Direction.from_label(text)
    if found:
        return found
    return _writing().before_words.get(text)


@lru_cache(maxsize=65536)  # pure; the same wording recurs across a province (达成年度指标, 效果明显)
def read_grade(text: str) -> QualitativeGrade | None:
    """Read the completion band from qualitative wording, else ``None`` (never a guess).

    ``效果明显`` → 达成; ``基本完成``, ``推进中`` → 部分达成; ``效果不明显，未能达成``, ``不是`` → 未达成;
    ``长期``, ``效果尚待评估`` → ``None``. Each clause is read on its own and the lowest band wins."""
    text = normalize_text(text)
    found = QualitativeGrade.from_label(text)
    if found:
        return found
    wording = _wording()
    lowest = None
    for clause in _CLAUSES.split(text):
        if clause:
            grade = wording.clause_grade(clause)
            if grade is not None and (lowest is None or _RANK[grade] < _RANK[lowest]):
                lowest = grade
    return lowest


def _read_sign(body: str) -> tuple[Direction | None, bool, int, int, str]:
    """The comparison written around a number: ``(direction, symbolic, start, end, conflict)`` where
    ``body[start:end]`` is the number with its unit, ``symbolic`` when a sign (≥, +…) was written
    rather than a word (不低于, 以上), and ``conflict`` the word after the number that contradicts the
    one before it (不低于5天以内), else ``""``."""
    writing = _writing()
    sign, symbolic, start, end, conflict = None, False, 0, len(body), ""
    if body:
        for prefix, direction in writing.before.get(body[0], ()):
            if body.startswith(prefix):
                sign, symbolic, start = direction, not _CJK.search(prefix), len(prefix)
                break
    while True:  # 10人及以上, 90%≤, 95%+, 95%(含)以上
        while end > start and body[end - 1] == " ":
            end -= 1
        for suffix, direction in writing.endings.get(body[end - 1], ()) if end > start else ():
            if end - start > len(suffix) and body.endswith(suffix, start, end):
                break
        else:
            break
        end -= len(suffix)
        if direction is not None:
            if sign is not None and direction is not sign:
                conflict = suffix
            sign, symbolic = direction, symbolic or not _CJK.search(suffix)
    while start < end and body[start] == " ":
        start += 1
    return sign, symbolic, start, end, conflict


def _written_unit(raw: str, column_unit: str) -> str:
    """The unit written after a number; a bare multiplier takes the 度量单位 column's unit
    (``1万`` with 人次 → 万人次), and alone ``万`` is 万元."""
    unit = _writing().aliases.get(raw, raw)
    if column_unit and raw in _writing().multiplier_words and unit_scale(unit)[0] != unit_scale(column_unit)[0]:
        return raw + column_unit
    return unit


def _direction_shown(given, direction: Direction) -> str:
    """The 指标性质 as the table wrote it (``正向``), or its sign when it came as a code or member."""
    if isinstance(given, Direction) or given in Direction._value2member_map_:
        return direction.label
    return str(given)


def _qualitative(original: str, body: str, unit: str, target: bool, reason: str = "") -> ParsedValue:
    """A completion wording; ``reason`` is the refusal when it names no band (default: the bands
    understood, with examples)."""
    grade = read_grade(body)
    if grade is None:
        wording = _wording()
        compact = "".join(body.split())
        if target and (compact in wording.standards or wording.deadline_rest(compact) == ""):
            # a target's standard (长期, 6月30日前) is kept as written: only an actual must name a band
            return ParsedValue(original, Direction.QUALITATIVE, None, unit, None)
        raise ValueParseError(original, reason or f"无法识别为定性完成情况，请写明完成情况：{wording.examples}")
    return ParsedValue(original, Direction.QUALITATIVE, None, unit, grade)


# Most values of a table are a plain number with a unit, perhaps after ≥ or ≤ (``≥4场``, ``95%``,
# ``≤720元``). Such a text is read by :func:`_plain` with the steps of :func:`_parse` that can apply to
# it; anything else, and every refusal, goes the full way (tests/domain/test_values_fast.py holds
# both ways equal on generated texts and on the values of the real tables in tests/data).
# NFKC and the symbol table leave these characters as they are, so the text is its own normal form.
_PLAIN = re.compile(r"([≥≤]?)([0-9]{1,15}(?:\.[0-9]{1,10})?)(%|[\u4e00-\u9fff]{1,6})?")


# The last text _plain_parts read and its parts: as_written (through _stated) reads again the text that
# parse_value has just read. One entry, swapped whole (a thread sees a pair that belongs together), so
# nothing stays warm from one import to the next.
_last_plain: tuple[str, tuple | None] = ("", None)


def _plain_parts(text: str) -> tuple[Direction | None, str, str] | None:
    """``(sign written, number, unit written)`` of a plain value as :func:`_read_sign` and
    ``_NUMBER`` read it, or ``None`` when ``text`` is not one or a word of ``values.yaml`` could
    read it otherwise (a longer sign, an ending such as 以上)."""
    global _last_plain
    last = _last_plain
    if last[0] == text:
        return last[1]
    parts = _read_plain_parts(text)
    _last_plain = (text, parts)
    return parts


def _read_plain_parts(text: str) -> tuple[Direction | None, str, str] | None:
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    sign_text, number, unit = match.groups()
    writing = _writing()
    if text[-1] in writing.endings:
        return None
    sign = None
    for prefix, direction in writing.before.get(text[0], ()):
        if text.startswith(prefix):
            if prefix != sign_text:
                return None
            sign = direction
            break
    if sign_text and sign is None:
        return None
    return sign, number, unit or ""


def _plain(original: str, direction: Direction | None, column_unit: str) -> ParsedValue | None:
    """:func:`_parse` of a plain value (see ``_PLAIN``) with no refusal, else ``None``."""
    parts = _plain_parts(original)
    if parts is None or original in _writing().empty:
        return None
    wording = _wording()
    if wording.may_start_deadline(original, parts[2]) and wording.deadline_rest(original) is not None:
        return None
    written_direction, number, raw_unit = parts
    written_unit = _written_unit(raw_unit, column_unit)
    if written_unit and column_unit and written_unit != column_unit \
            and unit_scale(written_unit)[0] != unit_scale(column_unit)[0]:
        return None
    if written_direction is not None and id(direction) in _SIGNED_IDS and written_direction is not direction:
        return None
    value = object.__new__(ParsedValue)  # the dataclass's fields in one step (a value per distinct text)
    object.__setattr__(value, "__dict__", {"text": original, "direction": direction or written_direction,
                                           "number": Decimal(number), "unit": written_unit or column_unit,
                                           "grade": None})
    return value


@lru_cache(maxsize=65536)  # pure, and values repeat across thousands of rows (≥95%, 100%, 达成年度指标)
def parse_value(text, *, direction: Direction | str | None = None, unit: str = "",
                qualitative: bool | None = None, target: bool = False) -> ParsedValue:
    """Parse one value as written. ``direction`` and ``unit`` come from separate columns when a table
    has them (指标性质 / 度量单位): the value is read in them, and a sign written in the text that
    contradicts the column is refused (``column`` ``"direction"``). ``qualitative=True`` reads the
    text as a completion band, never a number. ``target=True`` reads a target (年度指标值): a
    qualitative standard that names no band (``长期``, ``6月30日前``) is kept without a grade, where an
    actual is refused and asked about.
    """
    original = "" if text is None else str(text)
    given = direction
    if direction is not None and not isinstance(direction, Direction):
        direction = read_direction(str(direction))
    column_unit = normalize_unit(unit)
    if not qualitative and direction is not Direction.QUALITATIVE:
        plain = _plain(original, direction, column_unit)
        if plain is not None:
            return plain
    return _parse(original, given, direction, column_unit, qualitative, target)


def _parse(original: str, given, direction: Direction | None, column_unit: str, qualitative: bool | None,
           target: bool) -> ParsedValue:
    """:func:`parse_value` the full way (``given``: the 指标性质 as passed, ``direction`` as read)."""
    body = normalize_text(original)
    if body in _writing().empty:
        return ParsedValue(original, direction, None, column_unit, None)

    if qualitative or direction is Direction.QUALITATIVE:
        return _qualitative(original, body, column_unit, target)
    if _wording().deadline_rest(body.replace(" ", "")) is not None:
        # a 时效 target written as a date (12月底前完成): qualitative, whatever sign the column gives
        return _qualitative(original, body, column_unit, target)

    written_direction, symbolic, start, end, conflict = _read_sign(body)
    match = _NUMBER.match(body[start:end].replace(" ", ""))
    if match:
        if conflict:
            raise ValueParseError(original, f"的“{conflict}”与前面所写的比较方向矛盾")
        try:
            number = Decimal(match.group("number").replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
            raise ValueParseError(original) from exc
        raw_unit = (match.group("unit") or "").strip()  # the body is normalised already
        if not _UNIT.match(raw_unit):
            # e.g. "3O场": a letter O typed for a zero; a unit is all Latin (km) or has no Latin letters.
            raise ValueParseError(original)
        written_unit = _written_unit(raw_unit, column_unit)
        if written_unit and column_unit and unit_scale(written_unit)[0] != unit_scale(column_unit)[0]:
            raise ValueParseError(original, f"的单位“{written_unit}”与度量单位“{column_unit}”不一致")
        if (written_direction is not None and direction in (Direction.GE, Direction.LE, Direction.EQ)
                and written_direction is not direction):
            raise ValueParseError(_direction_shown(given, direction), (
                f"（指标性质）与指标值“{original}”所写的“{written_direction.label}”矛盾，请改正其中之一"),
                column="direction")
        return ParsedValue(original, direction or written_direction, number, written_unit or column_unit, None)

    if symbolic or _DIGIT.search(body):
        # A comparison sign or a digit means a number was meant; refuse rather than guess.
        raise ValueParseError(original)
    return _qualitative(original, body, column_unit, target, "既不是数值，也无法识别为定性完成情况")


def unread_wording(target: str, actual: str) -> str:
    """What of a qualitative row's wording cannot be read (``指标值“不发生”无法识别…``), or ``""``: a published
    table's row kept as written (:meth:`jixiao.domain.document.Indicator.unreadable`) and read back from
    its texts."""
    for label, text, is_target in (("指标值", target, True), ("实际完成值", actual, False)):
        try:
            parse_value(text, qualitative=True, target=is_target)
        except ValueParseError:
            return f"{label}“{text}”无法识别为数值或定性完成情况"
    return ""


def _stated(text: str) -> tuple[Direction | None, str]:
    """The direction and unit ``parse_value(text)`` reads from a text that was read as a number with
    a column's sign or unit: the same steps without the columns, the number itself and the value
    built (this runs once per distinct value of an import)."""
    parts = _plain_parts(text)
    if parts is not None:
        return parts[0], (_written_unit(parts[2], "") if parts[2] else "")
    body = normalize_text(text)
    direction, _, start, end, _ = _read_sign(body)
    match = _NUMBER.match(body[start:end].replace(" ", ""))
    if match is None:  # not read as a number after all: ask the parser itself
        stated = parse_value(text)
        return stated.direction, stated.unit
    raw_unit = (match.group("unit") or "").strip()
    return direction, (_written_unit(raw_unit, "") if raw_unit else "")


def as_written(value: ParsedValue, *, sign: Direction | None = None, unit: str = "") -> ParsedValue:
    """The value as one cell would write it when a table gave the sign (指标性质) and the unit
    (度量单位) in columns of their own: ``735`` with ``≧`` and ``人次`` → ``≥735人次``; ``不少于4`` with
    ``≥`` and ``场`` → ``不少于4场`` (the sign is said once). Forms, reports and checks then show what
    was meant; :func:`parse_value` reads the text back to the same number, direction and unit."""
    if value.number is None or not value.text.strip():
        return value
    unit = normalize_unit(unit)
    signed = id(sign) in _SIGNED_IDS
    if not (signed or unit):
        return value
    stated_direction, stated_unit = _stated(value.text)  # what the text says without the columns
    add_sign = signed and stated_direction is None
    add_unit = bool(unit) and (not stated_unit or stated_unit != value.unit)  # 95 with %; 1万 with 人次
    if not (add_sign or add_unit):
        return value
    if _plain_parts(value.text) is not None:
        # A plain value (the common case) is its own normal form and ends with its number or unit
        # (no ending such as 以上: _plain_parts refuses those), so the unit goes at its end.
        text = value.text + unit if add_unit else value.text
    else:
        text = normalize_text(value.text)
        if add_unit:
            _, _, _, end, _ = _read_sign(text)
            text = text[:end].rstrip() + unit + text[end:]  # 10以上 with 场 → 10场以上; 1万 with 人次 → 1万人次
    written = object.__new__(ParsedValue)  # replace(value, text=…) in one step (a value per distinct text)
    object.__setattr__(written, "__dict__", {**value.__dict__, "text": sign.label + text if add_sign else text})
    return written


def written_plain(text: str, direction: Direction | None, column_unit: str, sign: Direction | None,
                  unit: str) -> ParsedValue | None:
    """``as_written(parse_value(text, direction=direction, unit=column_unit), sign=sign, unit=unit)``
    in one step when ``text`` is a plain value read the fast way (``_plain``), else ``None`` (then
    ask those two). ``direction`` is a member or ``None``; ``target`` and ``qualitative`` other than
    ``True`` do not change a plain value. An import reads each distinct value once this way, without
    the cache's keywords and the second reading of the text by :func:`as_written` (tests/domain/
    test_values_fast.py holds both ways equal)."""
    if direction is Direction.QUALITATIVE or text.__class__ is not str:
        return None
    value = _plain(text, direction, normalize_unit(column_unit))
    if value is None:
        return None
    unit = normalize_unit(unit)
    signed = id(sign) in _SIGNED_IDS
    if not (signed or unit):
        return value
    stated_direction, _, raw_unit = _plain_parts(text)  # as _stated reads it (a plain text)
    stated_unit = _written_unit(raw_unit, "") if raw_unit else ""
    add_sign = signed and stated_direction is None
    add_unit = bool(unit) and (not stated_unit or stated_unit != value.unit)
    if add_unit:
        text += unit  # a plain value ends with its number or unit (see as_written)
    if add_sign:
        text = sign.label + text
    if add_sign or add_unit:
        value.__dict__["text"] = text  # the value is this call's own (_plain builds a new one)
    return value


@lru_cache(maxsize=1)
def wording_fingerprint() -> str:
    """A short digest of the wording lists (``values.yaml``, ``qualitative.yaml``): the parsed values
    stored beside texts read with lists of the same digest need not be read again."""
    import hashlib

    digest = hashlib.sha256(VALUES_FILE.read_bytes() + b"\0" + QUALITATIVE_FILE.read_bytes())
    return digest.hexdigest()[:16]
