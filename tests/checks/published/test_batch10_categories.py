"""Kinds of wrong findings batch 10 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 10
read"): each kind is written as its shape in a few synthetic lines (no corpus document) and a variant shape, both held
as 存疑, and a guard that shows the real inconsistency of that kind still found."""

import pytest

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


_NOTICE = "关于2023年度衔接资金安排项目的公示\n一、资金到位情况\n资金共计600万元,均已到位。\n二、项目安排情况\n{body}"
_PLAN = "某县动物防疫资金使用实施方案\n一、总体要求\n做好强制免疫。\n二、资金保障\n{body}\n"
_OFFICE = "某县机构编制委员会办公室2024年部门整体支出绩效自评报告\n一、部门概况\n{body}\n二、绩效情况\n任务全部完成。\n"

_DOUBTED = [
    # items numbered on through the whole text, across the groups above them: a 3. after a new (二) is no gap
    ("report.section_gap", _NOTICE.format(body=(
        "(一)产业类项目3个,共计400万元。\n1.育苗基地建设项目200万元。\n2.种植基地建设项目100万元。\n"
        "(二)基础设施类项目1个,共计100万元。\n3.农村道路改造项目100万元。\n(三)政策落实类项目2个,共计100万元。\n"
        "4.雨露计划项目40万元。\n5.就业务工补贴项目60万元。\n"))),
    # variant: sub-groups (1) (2) (3) numbered on above running items
    ("report.section_gap", _NOTICE.format(body=(
        "(一)产业类项目3个,共计500万元。\n(1)种植类项目2个,共计300万元。\n1.育苗基地建设项目200万元。\n"
        "2.种植基地建设项目100万元。\n(2)加工类项目1个,100万元。\n3.玉米制品生产基地项目100万元。\n"
        "(3)养殖类项目1个,100万元。\n4.生态养殖场区建设项目100万元。\n"))),
    # another notice's allocation run into the parts of a total (the page lost the sentence's end)
    ("report.parts_exceed_total", _PLAN.format(body=(
        "川财农〔2022〕167号提前下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费63.49万元"
        "川财农〔2023〕44号下达省级动物疫病防控资金99.47万元。"))),
    # variant: the notice number lost its closing bracket and number sign
    ("report.parts_exceed_total", _PLAN.format(body=(
        "下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费63.49万元"
        "川财农〔202388下达救灾资金动物防疫补助99.47万元。"))),
    # an establishment given by kind: the actual staff are held against the kinds together, not one kind
    ("report.staff_over_establishment", _OFFICE.format(body="本单位机关行政编制12名,事业编制7名。2024年实有人员13人。")),
    # variant: administrative and service staff establishments in persons
    ("report.staff_over_establishment", _OFFICE.format(body="核定行政编制10人,工勤编制3人。年末实有人数12人。")),
]


@pytest.mark.parametrize("code, text", _DOUBTED)
def test_the_shapes_of_batch_10s_wrong_findings_are_held_as_doubtful(code, text):
    assert code not in _codes(text) and code in _doubted(text)


_FOUND = [
    # a group that opens on a later number with only one earlier number of its level is still a gap
    ("report.section_gap", "某县道路养护项目绩效自评报告\n一、基本情况\n安排资金300万元。\n二、绩效情况\n"
                           "(一)产出情况\n1.完成道路养护30公里。\n(二)效益情况\n3.群众满意度95%。\n"),
    # parts of one allocation above its total are still found
    ("report.parts_exceed_total", _PLAN.format(body=(
        "川财农〔2022〕167号提前下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费99.47万元。"))),
    # staff over the kinds of establishment together are still found
    ("report.staff_over_establishment", _OFFICE.format(body="本单位机关行政编制12名,事业编制7名。2024年实有人员21人。")),
]


@pytest.mark.parametrize("code, text", _FOUND)
def test_guard_the_real_inconsistencies_of_those_kinds_are_still_found(code, text):
    assert code in _codes(text)
