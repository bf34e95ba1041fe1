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


# --- the kind: 部门整体 or 项目 ------------------------------------------------------------------------------------

def test_a_cover_pages_own_title_under_a_pages_heading_gives_the_kind():
    text = ("2021年文化馆绩效评价\n附件2-1\n某区2021年度部门(单位)整体支出\n绩效评价自评报告\n"
            "部门(单位)名称: 某区文化馆\n一、部门(单位)基本概况\n")
    assert parse_report_text(text).kind == "部门整体"


def test_variant_a_project_cover_under_a_pages_heading():
    text = "2022年绩效评价\n某县2022年度农村道路维修项目\n绩效自评报告\n一、基本情况\n"
    assert parse_report_text(text).kind == "项目"


def test_a_value_under_a_metadata_label_is_no_title():
    # • 公开目录 / • 自评报告: the page's catalogue, not the document's title, which follows
    text = ("• 发布机构\n  • 某市文化和旅游局\n  • 公开目录\n  • 自评报告\n  • 主题词\n"
            "某市文化和旅游局关于2021年度中央支持地方公共文化项目资金绩效自评报告\n"
            "根据《某市财政局关于2021年市级部门整体支出和项目支出绩效自评有关事项的通知》,现报告如下。\n")
    report = parse_report_text(text)
    assert "项目资金绩效自评报告" in report.title
    assert report.kind == "项目"


def test_a_cited_notices_title_does_not_make_a_report_department_wide():
    text = ("某局2021年度绩效自评报告\n根据《关于开展2021年部门整体支出绩效自评工作的通知》要求,"
            "我局对下达的专项资金开展自评。\n")
    assert parse_report_text(text).kind == "项目"


def test_a_unit_describing_itself_with_no_project_word_is_department_wide():
    text = "某自治区某联合会2020年度预算绩效自评报告\n一、单位基本情况\n(一)单位组织架构、人员情况及年度工作任务\n"
    assert parse_report_text(text).kind == "部门整体"


def test_a_works_title_is_a_project():
    assert parse_report_text("某县2020年第一批公路安全生命防护工程绩效自评报告\n一、基本情况\n").kind == "项目"
    assert parse_report_text("某县2020年公路养护绩效自评报告\n一、绩效目标分解下达情况\n").kind == "项目"


def test_corpus_kinds():
    assert _corpus("hunan-2021-dept-yueyanglou-cultural-centre").kind == "部门整体"
    assert _corpus("tibet-2020-dept-autonomous-region-disabled-persons-federation").kind == "部门整体"
    assert _corpus("yunnan-2020-project-mouding-road-safety-protection").kind == "项目"
    assert _corpus("yunnan-2021-project-baoshan-public-culture-services").kind == "项目"
