from decimal import Decimal

import pytest

from jixiao.domain.enums import Direction, QualitativeGrade
from jixiao.domain.values import ValueParseError, convert, parse_value, read_direction


@pytest.mark.parametrize(
    "text, direction, number, unit",
    [
        ("≥735人次", Direction.GE, "735", "人次"),
        ("≧100%", Direction.GE, "100", "%"),
        ("═100%", Direction.EQ, "100", "%"),
        ("＝100%", Direction.EQ, "100", "%"),
        ("≤90万元", Direction.LE, "90", "万元"),
        ("100%", None, "100", "%"),
        ("26次", None, "26", "次"),
        ("1,291.73", None, "1291.73", ""),
        ("９０．８％", None, "90.8", "%"),
        ("10场以上", Direction.GE, "10", "场"),
        (">= 10 场", Direction.GE, "10", "场"),
        ("不低于95%", Direction.GE, "95", "%"),
        ("控制在500元以内", Direction.LE, "500", "元"),
    ],
)
def test_numbers_as_people_write_them(text, direction, number, unit):
    value = parse_value(text)
    assert value.text == text  # the original is kept
    assert value.direction == direction
    assert value.number == Decimal(number)
    assert value.unit == unit


@pytest.mark.parametrize(
    "text, grade",
    [("效果明显", QualitativeGrade.ACHIEVED), ("有效", QualitativeGrade.ACHIEVED),
     ("达成预期指标", QualitativeGrade.ACHIEVED), ("部分达成", QualitativeGrade.PARTIAL),
     ("基本完成", QualitativeGrade.PARTIAL), ("未达成", QualitativeGrade.NOT_ACHIEVED),
     ("未完成", QualitativeGrade.NOT_ACHIEVED), ("部分改善", QualitativeGrade.PARTIAL),
     ("大部分完成", QualitativeGrade.PARTIAL), ("全部完成", QualitativeGrade.ACHIEVED),
     ("初步建立", QualitativeGrade.PARTIAL), ("明显改善", QualitativeGrade.ACHIEVED)],
)
def test_qualitative_wording_maps_to_a_band(text, grade):
    value = parse_value(text)
    assert value.direction is Direction.QUALITATIVE
    assert value.grade is grade
    assert value.number is None


@pytest.mark.parametrize("text", ["", "/", "无", "—", "  "])
def test_empty_marks_are_empty(text):
    assert parse_value(text).is_empty


@pytest.mark.parametrize("text", ["≥约30场", "大约三十场", "≥", "3O场"])
def test_unreadable_values_are_refused_with_the_text_quoted(text):
    with pytest.raises(ValueParseError) as error:
        parse_value(text)
    assert f"“{text}”" in str(error.value)


def test_separate_columns_win_and_units_must_agree():
    value = parse_value("95", direction="≥", unit="％")
    assert (value.direction, value.number, value.unit) == (Direction.GE, Decimal(95), "%")
    with pytest.raises(ValueParseError, match="单位"):
        parse_value("95人次", unit="%")
    assert parse_value("9000元", unit="万元").unit == "元"  # convertible units are accepted


def test_direction_column_forms():
    assert read_direction("正向") is Direction.GE
    assert read_direction("≦") is Direction.LE
    assert read_direction("定性") is Direction.QUALITATIVE
    assert read_direction("") is None


def test_unit_conversion():
    assert convert(Decimal("1.5"), "万元", "元") == Decimal("15000")
    assert convert(Decimal("5"), "‰", "%") == Decimal("0.5")
    with pytest.raises(ValueParseError):
        convert(Decimal(1), "场", "%")


def test_sign_and_unit_columns_are_written_into_the_value():
    from jixiao.domain.document import Indicator

    indicator = Indicator.from_text(code="1", level1="产出指标", level2="数量指标", name="培训人次",
                                    target="735", actual="800", direction="≧", unit="人次")
    assert (indicator.target.text, indicator.actual.text) == ("≥735人次", "800人次")
    assert (indicator.target.number, indicator.direction.value, indicator.unit) == (Decimal(735), "ge", "人次")
    already = Indicator.from_text(code="2", level1="产出指标", level2="数量指标", name="场次", target="≥4场",
                                  actual="4场", direction="≥", unit="场")
    assert (already.target.text, already.actual.text) == ("≥4场", "4场")
    no_column = Indicator.from_text(code="3", level1="产出指标", level2="质量指标", name="合格率", target="95%",
                                    actual="97%")
    assert no_column.target.text == "95%"  # no sign column: nothing is added


@pytest.mark.parametrize("text", ["高", "好", "优", "合格", "有所提升", "较高"])
def test_qualitative_standards_written_in_one_word_read_as_achieved(text):
    # published tables write both target and actual this way (管理制度健全性: 高 / 高)
    value = parse_value(text)
    assert value.direction is Direction.QUALITATIVE and value.grade is QualitativeGrade.ACHIEVED


def test_a_one_word_standard_is_matched_whole():
    assert parse_value("较好").grade is QualitativeGrade.PARTIAL  # unchanged: 较好 is a partial band
    assert parse_value("提高").grade is QualitativeGrade.ACHIEVED
