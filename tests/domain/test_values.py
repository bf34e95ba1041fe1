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


# --- issue 9: values as people write them -----------------------------------------------------------

@pytest.mark.parametrize("text", ["效果不明显", "没有完成", "未能达成", "不及时", "没有提高", "不规范", "不是",
                                  "效果不明显，未能达成", "尚未完成", "效果有待提高", "满意度不高", "未按时完成",
                                  "延期完成", "不合格", "没有明显改善"])
def test_a_negation_is_not_achieved(text):
    assert parse_value(text, qualitative=True).grade is QualitativeGrade.NOT_ACHIEVED
    assert parse_value(text).grade is QualitativeGrade.NOT_ACHIEVED


@pytest.mark.parametrize("text", ["不断提升", "无事故", "零投诉", "无违规", "无安全事故发生", "非常明显", "无延误",
                                  "非公企业党建工作有效开展", "一般公共预算资金使用规范", "无障碍设施建设完成",
                                  "未发生安全事故", "不发生重大安全事故", "不仅按时完成，而且效果显著"])
def test_words_written_with_a_negator_that_are_not_negations(text):
    assert parse_value(text, qualitative=True).grade is QualitativeGrade.ACHIEVED


@pytest.mark.parametrize("text", ["按时完成", "有效提升", "明显改善", "较上年提高", "逐步完善", "效果明显", "达成预期指标",
                                  "全部完成", "已建立并持续运行", "长期有效", "服务机制持续运行", "12月底前完成"])
def test_wording_of_real_tables_read_as_achieved(text):
    assert parse_value(text, qualitative=True).grade is QualitativeGrade.ACHIEVED


@pytest.mark.parametrize("text", ["基本达成", "部分完成", "基本完成", "大部分完成", "完成了大部分", "未完全达成",
                                  "没有全部完成", "效果一般", "取得一定成效", "持续推进中", "推进中", "进行中", "正在实施",
                                  "稳步推进", "基本完成，效果明显"])
def test_partly_done_or_still_under_way_is_partial(text):
    # regulations.md §1.3: 部分达成年度指标并具有一定效果; work under way at the year's end has not
    # reached the year's target, and is not 达成
    assert parse_value(text, qualitative=True).grade is QualitativeGrade.PARTIAL


@pytest.mark.parametrize("text", ["长期", "持续", "效果待评估", "详见附件", "6月30日前"])
def test_an_actual_that_names_no_completion_is_asked_about_not_guessed(text):
    with pytest.raises(ValueParseError) as error:
        parse_value(text, qualitative=True)
    message = str(error.value)
    assert f"“{text}”" in message and "无法识别为定性完成情况" in message
    assert "达成（如" in message and "部分达成（如" in message and "未达成（如" in message  # what is understood


@pytest.mark.parametrize("text", ["长期", "持续", "常态化", "6月30日前", "年底前", "12月底"])
def test_a_target_may_be_a_standard_that_names_no_band(text):
    value = parse_value(text, target=True)
    assert (value.direction, value.number, value.grade) == (Direction.QUALITATIVE, None, None)
    assert not value.is_empty and value.text == text
    with pytest.raises(ValueParseError):  # but a word nobody knows is not a standard
        parse_value("效果待评估", target=True)


@pytest.mark.parametrize(
    "text, direction, number, unit",
    [
        ("10人及以上", Direction.GE, "10", "人"),
        ("90%≤", Direction.GE, "90", "%"),
        ("5天≥", Direction.LE, "5", "天"),
        ("大于或等于90%", Direction.GE, "90", "%"),
        ("小于或等于5天", Direction.LE, "5", "天"),
        ("≥95%（含）", Direction.GE, "95", "%"),
        ("95%（含）以上", Direction.GE, "95", "%"),
        ("95%+", Direction.GE, "95", "%"),
        ("−5%", None, "-5", "%"),
        ("≤−5%", Direction.LE, "-5", "%"),
        ("5个工作日内", Direction.LE, "5", "个工作日"),
        ("≤90万元", Direction.LE, "90", "万元"),
    ],
)
def test_signs_written_after_the_number_in_words_and_with_other_dashes(text, direction, number, unit):
    value = parse_value(text)
    assert (value.direction, value.number, value.unit) == (direction, Decimal(number), unit)


def test_a_multiplier_before_a_unit_multiplies_and_万元_stays_the_money_unit():
    ten_thousand = parse_value("≥1万人次")
    assert (ten_thousand.direction, convert(ten_thousand.number, ten_thousand.unit, "人次")) == (Direction.GE, 10000)
    assert convert(parse_value("5千册").number, "千册", "册") == 5000
    assert convert(Decimal("12000"), "人次", "万人次") == Decimal("1.2")
    money = parse_value("≤90万元")
    assert (money.number, money.unit) == (Decimal(90), "万元")  # 90 万元, not 900,000 元
    assert convert(parse_value("1.2亿元").number, "亿元", "万元") == 12000
    assert parse_value("12000人次", unit="万人次").unit == "人次"  # the same kind of unit, in another scale
    with pytest.raises(ValueParseError):
        convert(Decimal(1), "万人次", "场")


def test_a_bare_multiplier_takes_the_unit_column():
    assert parse_value("1万", unit="人次").unit == "万人次"
    assert parse_value("90万").unit == "万元"  # alone, 万 is 万元
    assert parse_value("90万", unit="元").unit == "万元"


def test_a_deadline_is_a_time_target_read_as_qualitative():
    value = parse_value("12月底前完成")
    assert (value.direction, value.number, value.grade) == (Direction.QUALITATIVE, None, QualitativeGrade.ACHIEVED)
    assert parse_value("2022年12月完成", qualitative=True).grade is QualitativeGrade.ACHIEVED
    assert parse_value("11月", unit="月").number == 11  # a month alone is a number with its unit
    assert parse_value("≤12月").number == 12


def test_a_word_before_non_numbers_is_not_a_sign():
    assert parse_value("达到预期目标").grade is QualitativeGrade.ACHIEVED
    with pytest.raises(ValueParseError, match="矛盾"):
        parse_value("不低于5天以内")


def test_a_sign_column_that_repeats_the_text_is_not_doubled():
    from jixiao.domain.document import Indicator

    indicator = Indicator.from_text(code="1", level1="产出指标", level2="数量指标", name="场次", target="不少于4",
                                    actual="4", direction="≥", unit="场")
    assert (indicator.target.text, indicator.actual.text) == ("不少于4场", "4场")  # was ≥不少于4场
    assert parse_value(indicator.target.text) == indicator.target
    suffix = Indicator.from_text(code="2", level1="产出指标", level2="数量指标", name="人数", target="10以上",
                                 actual="12", direction="≥", unit="人")
    assert suffix.target.text == "10人以上" and parse_value(suffix.target.text) == suffix.target


def test_a_sign_column_that_contradicts_the_text_is_refused_naming_both():
    with pytest.raises(ValueParseError) as error:
        parse_value("≥95%", direction="≤")
    assert error.value.column == "direction"
    assert str(error.value) == "“≤”（指标性质）与指标值“≥95%”所写的“≥”矛盾，请改正其中之一"
    with pytest.raises(ValueParseError, match="“正向”（指标性质）与指标值“5天以内”"):
        parse_value("5天以内", direction="正向")
    assert parse_value("不低于95%", direction="正向").direction is Direction.GE


def test_a_bare_actual_is_in_the_unit_column_when_the_target_has_a_multiplier():
    from jixiao.domain.document import Indicator

    indicator = Indicator.from_text(code="1", level1="产出指标", level2="数量指标", name="服务人次", target="1万",
                                    actual="12000", direction="≥", unit="人次")
    assert (indicator.target.text, indicator.actual.text) == ("≥1万人次", "12000人次")
    assert convert(indicator.actual.number, indicator.actual.unit, indicator.target.unit) == Decimal("1.2")


def test_old_readings_that_stay():
    assert parse_value("是").grade is QualitativeGrade.ACHIEVED
    assert parse_value("否").grade is QualitativeGrade.NOT_ACHIEVED
    assert parse_value("有所提升").grade is QualitativeGrade.ACHIEVED  # a one-word standard, as published tables write it
    assert parse_value("无").is_empty
