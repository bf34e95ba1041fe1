"""Key figures batch 9 missed at its blind measurement, by shape of wording (tests/data/published/corpus/README.md,
"Batch 9 read (key figures and inconsistencies)"): each test writes the shape in a few synthetic lines, then a variant
or a guard, and reads the real document of the corpus in which it was seen."""

from decimal import Decimal

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus


_REPORT = "某县某局2021年度项目支出绩效自评报告\n一、项目基本情况\n{body}\n二、绩效目标完成情况\n已完成。\n"


# --- money passed down to the writer's own place, or with the notice's year and fund --------------------------------

@pytest.mark.parametrize("body, budget", [
    # down to 我县, the fund named between
    ("2023年,省下达我县安徽省体育强省(快乐健身)专项资金63.2万元。年度绩效目标为推进全民健身。", "63.2"),
    # variant: the fund's name holds its year
    ("财政厅以川财教〔2018〕267号文件下达我市2019年旅游发展基金资金50万元(其中:东区50万元)。", "50"),
    # variant: the amount first, then the year and the fund
    ("根据通知文件精神,下达我区87万元2021年省级旅游发展资金。", "87"),
    # down with the year and the fund, no place
    ("湖南省财政厅(湘财文指〔2022〕30号)下达2022年湖南省文化和旅游专项资金20万元,", "20"),
    # the money that came, then spent with its rate
    ("经审核通过后,下发文件保财预〔2020〕126号,到位资金0.26万元。", "0.26"),
])
def test_budgets_passed_down_in_prose(body, budget):
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal(budget)


def test_money_spent_with_its_rate():
    report = parse_report_text(_REPORT.format(body="到位资金0.26万元。会议经费严格管理,支出资金0.26万元,执行率100%。"))
    assert report.executed_total == Decimal("0.26")


def test_guard_money_passed_down_then_reduced():
    # 下达我区111万元(…),其中…资金100万元,调减40万元,全年实际下达71万元: the amount after 我区 is no fund's (no year and
    # fund follow it), and the final 下达 gives the budget
    body = ("2021年中央财政困难群众救助补助资金下达我区111万元(福财直〔2020〕67号),其中低保、特困和临时救助资金100万元,"
            "孤儿基本生活保障金11万元,调减40万元,全年实际下达71万元。")
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("71")


@pytest.mark.parametrize("stem, budget", [
    ("anhui-2023-project-jingxian-sports-province-transfer", "63.2"),
    ("sichuan-2019-project-panzhihua-tourism-toilet", "50"),
    ("anhui-2021-project-yongqiao-provincial-tourism-fund", "87"),
    ("hunan-2022-project-culture-tourism-special-fund-policy-digest", "20"),
    ("yunnan-2020-project-baoshan-veterans-leading-group-meeting-mirror", "0.26"),
])
def test_corpus_budgets_passed_down(stem, budget):
    assert _corpus(stem).budget_total == Decimal(budget)


def test_corpus_money_spent_with_its_rate():
    assert _corpus("yunnan-2020-project-baoshan-veterans-leading-group-meeting-mirror").executed_total == Decimal("0.26")


# --- a cover's date: a year alone on its line under the 填报日期 ------------------------------------------------------

_COVER = ("项目支出绩效自评报告\n项目名称:村村通维护经费\n填报日期:{filled}年4月28日\n某市财政局制\n{alone}年\n一、项目基本情况\n"
          "2024年3月签订《2024年度广播电视接收设备维修维护服务》合同,资金140.11万元。\n")


def test_a_year_alone_under_the_filling_date_is_the_covers_date():
    assert parse_report_text(_COVER.format(filled="2025", alone="2025")).year == 2024


def test_guard_a_year_alone_other_than_the_filling_dates_is_the_year_evaluated():
    assert parse_report_text(_COVER.format(filled="2024", alone="2023")).year == 2023


def test_corpus_a_covers_date_is_not_the_year_evaluated():
    assert _corpus("tibet-2024-project-nyingchi-village-broadcast-maintenance").year == 2024


# --- a grade in brackets ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, grade", [
    ("四、评价结论\n项目实施效果,评价得分及绩效等级为(良)。", "良"),
    ("四、评价结论\n经评价,项目评定为(优)。", "优"),
])
def test_a_grade_in_brackets(body, grade):
    assert parse_report_text(_REPORT.format(body=body)).grade == grade


def test_guard_a_bracket_that_opens_no_grade_alone():
    body = "四、评价结论\n绩效等级为(良好以上须说明理由)。"
    assert parse_report_text(_REPORT.format(body=body)).grade is None


def test_corpus_a_grade_in_brackets():
    assert _corpus("unknown-2020-project-village-day-care-centres-doc-site").grade == "良"


# --- a 总分 row giving the points once per level of indicators, then the score -------------------------------------

@pytest.mark.parametrize("row, score", [
    ("服务对象满意度 8 6 总分 100 100 100 78 评价等次 中", "78"),
    ("总分 | 100 | 100 | 86.5 |", "86.5"),
    ("总分 100 96", "96"),            # guard: points once, then the score
    ("总分 100 100", "100"),          # guard: a full score
])
def test_a_total_row_with_the_points_of_each_level(row, score):
    text = "某项目绩效评价报告\n二、绩效评价指标评分\n一级指标 分值 二级指标 分值 三级指标 分值 得分\n" + row + "\n"
    assert parse_report_text(text).score == Decimal(score)


def test_corpus_a_total_row_with_the_points_of_each_level():
    assert _corpus("hainan-2017-project-dongfang-cemetery-third-party-doc-site").score == Decimal("78")


# --- the unit a report introduces with (以下简称…) after what another body passed to it ------------------------------

@pytest.mark.parametrize("verb", ["下发给", "印发给"])
def test_the_receiver_introduced_with_its_short_name_is_the_unit(verb):
    text = ("2017年度省级旅游发展专项资金绩效自评报告\n根据《项目支出绩效自评暂行办法》文件要求,结合2018年云南省财政厅行政处"
            f"{verb}云南省旅游发展委员会(以下简称云南省旅发委)的《关于明确2017年度绩效自评项目的通知》,开展自评。\n")
    assert parse_report_text(text).department == "云南省旅游发展委员会"


def test_corpus_the_receiver_introduced_with_its_short_name():
    assert _corpus("yunnan-2017-project-provincial-tourism-development-fund").department == "云南省旅游发展委员会"
