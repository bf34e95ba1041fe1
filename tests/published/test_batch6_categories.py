"""Key figures batches 4–6 missed, by shape of wording (tests/data/published/corpus/README.md, "Batches 4–6 read
again"): each test writes the shape in a few synthetic lines, then a variant shape, and, where the corpus holds
the shape, reads the real document in which it was seen."""

from decimal import Decimal
from pathlib import Path

from jixiao.published import model as pm
from jixiao.published import parse_report_file, parse_report_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "published" / "corpus"


def _first(text: str, key: str):
    claim = parse_report_text(text).first(key)
    return claim.value if claim is not None else None


def _corpus(stem: str):
    return parse_report_file(CORPUS / f"{stem}.txt")


# --- the score on a line of its own ------------------------------------------------------------------------------

def test_a_score_under_its_numbered_heading_written_with_fen():
    text = "某馆2022年度项目支出绩效自评报告\n一、自评结论\n\n(一)自评得分\n\n96.5分。\n\n(二)绩效目标完成情况\n"
    assert parse_report_text(text).score == Decimal("96.5")


def test_variant_a_form_cell_named_self_score_value():
    text = "项目支出绩效自评表\n自评方式 |\n单位自评 |\n自评分值 |\n92 |\n自评等级 |\n优 |\n"
    assert parse_report_text(text).score == Decimal("92")


def test_a_total_row_one_cell_per_line_points_then_score():
    text = "项目支出绩效自评表\n满意度指标\n10\n10\n总分\n100\n99\n项目支出绩效自评表\n"
    assert parse_report_text(text).score == Decimal("99")


def test_variant_total_row_with_its_points_in_the_label():
    text = "项目支出绩效自评表\n得分\n(20分*执行率)\n总分(100分)\n|\n87.5\n|\n自评等级\n|\n良\n"
    assert parse_report_text(text).score == Decimal("87.5")


def test_a_total_line_without_the_points_first_is_no_score():
    # 总分 / 95 / 96: two numbers of which the first is not the points available (a weight column, a year…)
    text = "项目支出绩效自评表\n总分\n95\n96\n"
    assert parse_report_text(text).score is None


def test_a_score_worded_as_the_result_of_the_rating_or_the_performance_rating():
    assert _first("某项目绩效评价\n评价该项目资金使用情况,评定结果得分为90.15分,评定等次为优。\n", pm.SCORE) == Decimal("90.15")
    assert _first("某项目绩效自评报告\n(一)自评得分\n项目严格按照方案开展,绩效评分100分,自评为优。\n", pm.SCORE) == Decimal("100")


def test_corpus_scores_on_lines_of_their_own():
    assert _corpus("yunnan-2022-project-baoshan-library-free-opening").score == Decimal("100")
    assert _corpus("yunnan-2022-table-baoshan-veterans-spring-visits").score == Decimal("100")
    assert _corpus("hebei-2021-table-laoting-market-regulation-two-forms").score == Decimal("99")
    assert _corpus("guizhou-2023-project-huangguoshu-town-village-cadre-pay-third-party").score == Decimal("100")
    assert _corpus("ningxia-2021-notice-helan-mountain-wine-industry-evaluation").score == Decimal("90.15")
