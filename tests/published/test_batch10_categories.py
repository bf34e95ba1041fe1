"""Key figures batch 10 missed at its blind measurement, by shape of wording (tests/data/published/corpus/README.md,
"Batch 10 read"): each test writes the shape in a few synthetic lines, then a variant or a guard, and reads the real
document of the corpus in which it was seen."""

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus, text as _corpus_text


# --- a unit declared in the title of an attachment listed in the contents, its table not in the text ---------------

_CONTENTS = ("中共某县委统战部2024年度部门整体支出绩效评价报告\n目录\n一、摘要\n二、部门概况\n附件5工作底稿\n"
             "附件6 中共某县委统战部2024年收入支出决算明细表{unit}\n一、摘要\n根据评价办法开展2024年度部门整体评价。\n"
             "二、部门概况\n下设4个内设机构。\n")


@pytest.mark.parametrize("unit", ["(单位:元)", "(单位:万元)"])
def test_a_unit_in_the_title_of_a_listed_attachment_is_not_the_texts(unit):
    assert parse_report_text(_CONTENTS.format(unit=unit)).unit is None


def test_guard_an_attachment_whose_table_follows_keeps_its_unit():
    text = ("某县档案馆2024年度部门整体支出绩效自评报告\n一、部门概况\n下设2个科室。\n附件1 收入支出决算总表(单位:元)\n"
            "项目 | 金额\n收入合计 | 1234567.89\n支出合计 | 1200000.00\n")
    assert parse_report_text(text).unit == "元"


@pytest.mark.parametrize("stem", ["yunnan-2024-dept-xundian-united-front-work-department",
                                  "yunnan-2024-dept-xundian-peoples-congress-standing-committee",
                                  "yunnan-2024-dept-xundian-archives"])
def test_the_contents_of_batch_10_declare_no_unit_of_the_text(stem):
    assert _corpus(stem).unit is None


# --- the actual staff named by their kind (在职在编实有行政人员48人) -----------------------------------------------------

_STAFF = "某县人大常委会2024年度部门整体支出绩效自评报告\n一、部门概况\n{body}\n二、绩效情况\n任务全部完成。\n"


@pytest.mark.parametrize("body, actual", [
    ("核定编制38人。其中:行政编制38人。2024年末在职在编实有行政人员48人(含机关工勤人员7人)。", 48),
    # variant: 实有 and the kind without 在职在编
    ("核定编制20人。年末实有事业人员18人。", 18),
])
def test_the_actual_staff_named_by_their_kind_are_read(body, actual):
    report = parse_report_text(_STAFF.format(body=body))
    assert report.first("staff_actual").value == actual


def test_the_actual_staff_of_a_kind_above_the_establishment_are_found():
    from tests.checks.published.reviewing import codes
    body = "核定编制38人。其中:行政编制38人。2024年末在职在编实有行政人员48人(含机关工勤人员7人)。"
    assert "report.staff_over_establishment" in codes(_STAFF.format(body=body))
    assert "report.staff_over_establishment" in codes(_corpus_text("yunnan-2024-dept-xundian-peoples-congress-standing-committee"))


# --- the unit's other names in a bracket the page's line cut off ------------------------------------------------

@pytest.mark.parametrize("line, department", [
    ("宁国市财政局(市国资委、市金融监管局", "宁国市财政局"),
    # guard: one other name, as before
    ("某县文化旅游体育局(广播电视局", "某县文化旅游体育局"),
])
def test_the_units_other_names_in_a_cut_bracket_are_not_its_name(line, department):
    from jixiao.published.identity import organisation
    assert organisation(line) == department


# --- a count, a colon, then the bodies it counts, the last two joined by 和 ----------------------------------------

_BODIES = "某县人大常委会2024年度部门整体支出绩效自评报告\n一、部门概况\n{body}\n二、绩效情况\n任务全部完成。\n"


@pytest.mark.parametrize("body, count, items", [
    ("内设机构3个:县人大法制委员会、县人大财政经济委员会和县人大办公室。", 3, 3),
    # variant: 4 said, 4 named after the colon
    ("下设科室4个:办公室、综合科、监督科、登记科。", 4, 4),
])
def test_a_count_then_a_colon_then_its_items_is_an_enumeration(body, count, items):
    claim = parse_report_text(_BODIES.format(body=body)).first("enumeration")
    assert (claim.value.count, len(claim.value.items)) == (count, items)


def test_bodies_one_more_than_counted_the_last_two_joined_by_he_are_found():
    from tests.checks.published.reviewing import codes, doubted
    body = "内设机构3个:县人大法制委员会、县人大财政经济委员会、县人大农业委员会和县人大办公室。"
    assert "report.enumeration" in codes(_BODIES.format(body=body))
    # guard: items that are not all bodies, the last two joined by 及, stay doubtful (one item's name, perhaps)
    body = "主要事项3个:移民后期扶持、项目资金管理、移民安置及移民项目验收。"
    text = _BODIES.format(body=body)
    assert "report.enumeration" not in codes(text) and "report.enumeration" in doubted(text)


# --- departments: a name without its place completed from the text; the unit that drew up its budget --------------

_SOURCE = ("2020年度绩效评价\n发布日期:2021-10-12 来源:市文化和广电旅游体育局\n公共文化服务项目绩效评价\n"
           "项目全年预算数为1050万元,执行数为1050万元。{body}\n")


@pytest.mark.parametrize("text, department", [
    # a unit named without its place in the page's 来源, written whole in the text
    (_SOURCE.format(body="一是2020年,东阳市文化和广电旅游体育局组织开展活动。"), "东阳市文化和广电旅游体育局"),
    # guard: a name the text never writes whole is kept
    (_SOURCE.format(body=""), "市文化和广电旅游体育局"),
    # the unit opening a paragraph as the one that drew up its budget
    ("一、基本情况\n(一)项目概况。包括项目背景、主要内容及实施情况等。\n"
     "某州交通运输综合行政执法支队编制2024年部门预算时,共编制项目支出预算4个、合计金额18.93万元。\n",
     "某州交通运输综合行政执法支队"),
])
def test_the_department_completed_or_taken_from_the_text(text, department):
    assert parse_report_text(text).department == department


@pytest.mark.parametrize("stem, department", [
    ("zhejiang-2020-project-dongyang-public-culture-services", "东阳市文化和广电旅游体育局"),
    ("yunnan-2024-project-honghe-transport-law-enforcement-detachment", "红河州交通运输综合行政执法支队"),
    ("anhui-2023-project-ningguo-agricultural-insurance-premium-transfer", "宁国市财政局"),
])
def test_the_departments_of_batch_10(stem, department):
    assert _corpus(stem).department == department
