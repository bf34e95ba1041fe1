"""Properties of reading values (hypothesis): the number, direction, unit and grade written in a
value are what is read; what :func:`as_written` writes from separate sign and unit columns reads back
equal, with or without those columns."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.enums import Direction, QualitativeGrade
from jixiao.domain.values import as_written, convert, normalize_unit, parse_value

PROPERTIES = settings(max_examples=300, deadline=None)

# How each comparison is written around a number with its unit ({v}).
SIGN_FORMS = {
    Direction.GE: ("≥{v}", "≧{v}", ">={v}", "＞{v}", "不低于{v}", "不少于{v}", "大于或等于{v}", "大于等于{v}", "{v}以上",
                   "{v}及以上", "{v}≤", "{v}+", "≥{v}（含）", "达到{v}"),
    Direction.LE: ("≤{v}", "≦{v}", "<={v}", "不超过{v}", "不高于{v}", "小于或等于{v}", "{v}以内", "{v}及以下",
                   "控制在{v}以内", "{v}≥", "≤{v}（含）"),
    Direction.EQ: ("={v}", "＝{v}", "═{v}", "等于{v}"),
    None: ("{v}",),
}
UNITS = ("", "%", "％", "‰", "人次", "场", "个", "天", "家", "元", "万元", "亿元", "万人次", "千册", "km", "个工作日")
SIGN_COLUMNS = {Direction.GE: ("≥", "≧", "正向", ">="), Direction.LE: ("≤", "反向", "≦"), Direction.EQ: ("=", "═", "等于")}

numbers = st.decimals(min_value=-100000, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def written_numbers(draw) -> tuple[str, Decimal]:
    number = draw(numbers)
    text = f"{abs(number):f}"
    if draw(st.booleans()) and "." in text:
        text = text.rstrip("0").rstrip(".")
    if draw(st.booleans()) and abs(number) >= 1000:
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if draw(st.booleans()):  # full-width digits, as some tables are typed
        text = text.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    if number < 0:
        text = draw(st.sampled_from(("-", "−", "－"))) + text
    return text, number


@given(written_numbers(), st.sampled_from(list(SIGN_FORMS)), st.data())
@PROPERTIES
def test_the_number_direction_and_unit_written_are_read(written, direction, data):
    number_text, number = written
    unit = data.draw(st.sampled_from(UNITS))
    text = data.draw(st.sampled_from(SIGN_FORMS[direction])).format(v=number_text + unit)
    value = parse_value(text)
    assert (value.direction, value.number, value.unit, value.grade) == (direction, number, normalize_unit(unit), None)
    assert value.text == text
    assert parse_value(as_written(value).text) == value  # nothing to add: the same value


@given(written_numbers(), st.sampled_from(list(SIGN_FORMS)), st.data())
@PROPERTIES
def test_what_as_written_writes_from_sign_and_unit_columns_reads_back_equal(written, direction, data):
    number_text, number = written
    unit = data.draw(st.sampled_from(UNITS[1:]))
    unit_in_text = data.draw(st.booleans())
    text = data.draw(st.sampled_from(SIGN_FORMS[direction])).format(v=number_text + (unit if unit_in_text else ""))
    sign_column = data.draw(st.sampled_from(SIGN_COLUMNS[direction])) if direction else None
    if direction is None and data.draw(st.booleans()):
        sign_column = data.draw(st.sampled_from(("≥", "≤", "=")))
    unit_column = data.draw(st.sampled_from(("", unit))) if unit_in_text else unit
    value = parse_value(text, direction=sign_column, unit=unit_column)
    written = as_written(value, sign=value.direction, unit=unit_column)
    assert (written.direction, written.number, written.unit) == (value.direction, number, normalize_unit(unit))
    assert parse_value(written.text) == written  # one cell, as the export writes it
    assert parse_value(written.text, direction=sign_column, unit=unit_column) == written  # and with the columns
    assert as_written(written, sign=value.direction, unit=unit_column) == written  # said once, not doubled


@given(st.integers(min_value=1, max_value=999), st.sampled_from(("万", "千", "百", "亿")),
       st.sampled_from(("人次", "册", "户", "平方米")))
@PROPERTIES
def test_a_multiplier_and_its_unit_read_as_the_plain_unit_times_the_multiplier(count, multiplier, unit):
    factor = {"万": 10000, "千": 1000, "百": 100, "亿": 100000000}[multiplier]
    written = parse_value(f"≥{count}{multiplier}{unit}")
    assert convert(written.number, written.unit, unit) == count * factor
    separate = as_written(parse_value(f"{count}{multiplier}", direction="≥", unit=unit), sign=Direction.GE, unit=unit)
    assert separate.text == f"≥{count}{multiplier}{unit}" and parse_value(separate.text) == separate


# Completion wording built from parts whose band is known by construction: a word of the achieved
# band, alone (达成), after a partial marker (部分达成) or after a negator (未达成); clauses joined
# by punctuation, the lowest band winning.
ACHIEVED_WORDS = ("完成", "达成", "实现", "提升", "改善", "按时完成", "效果明显", "有效提升", "达到预期")
MARKERS = ("基本", "部分", "大部分", "初步")
NEGATORS = ("未", "未能", "没有", "尚未", "不")
FILLERS = ("", "全年", "工作", "任务", "项目")
JOINS = ("，", "；", "。", ",", "、")


@st.composite
def clauses(draw) -> tuple[str, QualitativeGrade]:
    word = draw(st.sampled_from(ACHIEVED_WORDS))
    kind = draw(st.sampled_from(list(QualitativeGrade)))
    prefix = {QualitativeGrade.ACHIEVED: "", QualitativeGrade.PARTIAL: draw(st.sampled_from(MARKERS)),
              QualitativeGrade.NOT_ACHIEVED: draw(st.sampled_from(NEGATORS))}[kind]
    return draw(st.sampled_from(FILLERS)) + prefix + word, kind


@given(st.lists(clauses(), min_size=1, max_size=3), st.sampled_from(JOINS))
@PROPERTIES
def test_the_grade_written_is_the_grade_read(parts, join):
    text = join.join(clause for clause, _ in parts)
    lowest = min((grade for _, grade in parts), key=[QualitativeGrade.NOT_ACHIEVED, QualitativeGrade.PARTIAL,
                                                      QualitativeGrade.ACHIEVED].index)
    value = parse_value(text, qualitative=True)
    assert (value.direction, value.number, value.grade) == (Direction.QUALITATIVE, None, lowest)
    assert parse_value(text).grade is lowest  # without the qualitative column as well
    assert parse_value(as_written(value).text, qualitative=True) == value


@given(written_numbers(), st.sampled_from(list(SIGN_FORMS)), st.data())
@PROPERTIES
def test_the_short_reading_as_written_uses_agrees_with_the_parser(written, direction, data):
    """:func:`as_written` reads the sign and unit a text states without the columns by a shortcut of
    :func:`parse_value` (no number, no value built): both say the same."""
    from jixiao.domain.values import _stated

    unit = data.draw(st.sampled_from(UNITS + ("万", "千")))
    text = data.draw(st.sampled_from(SIGN_FORMS[direction])).format(v=written[0] + unit)
    value = parse_value(text)
    assert _stated(text) == (value.direction, value.unit)
