"""Kinds of wrong findings batch 10 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 10
read"): each test writes the shape in a few synthetic lines (no corpus document), and a variant shape, and a guard
shows the real inconsistency of that kind still found."""

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


_GAP = "report.section_gap"


# --- items numbered on through the whole text, across the groups above them ------------------------------------

def test_items_numbered_on_across_the_groups_are_no_gap():
    text = ("关于2023年度衔接资金安排项目的公示\n一、资金到位情况\n资金共计600万元,均已到位。\n二、项目安排情况\n"
            "(一)产业类项目3个,共计400万元。\n1.育苗基地建设项目200万元。\n2.种植基地建设项目100万元。\n"
            "(二)基础设施类项目1个,共计100万元。\n3.农村道路改造项目100万元。\n(三)政策落实类项目2个,共计100万元。\n"
            "4.雨露计划项目40万元。\n5.就业务工补贴项目60万元。\n")
    assert _GAP not in _codes(text) and _GAP in _doubted(text)


def test_variant_sub_groups_numbered_on_above_running_items():
    text = ("关于2023年度衔接资金安排项目的公示\n一、资金到位情况\n资金共计600万元,均已到位。\n二、项目安排情况\n"
            "(一)产业类项目3个,共计500万元。\n(1)种植类项目2个,共计300万元。\n1.育苗基地建设项目200万元。\n"
            "2.种植基地建设项目100万元。\n(2)加工类项目1个,100万元。\n3.玉米制品生产基地项目100万元。\n"
            "(3)养殖类项目1个,100万元。\n4.生态养殖场区建设项目100万元。\n")
    assert _GAP not in _codes(text) and _GAP in _doubted(text)


def test_guard_a_group_that_opens_on_a_later_number_is_still_a_gap():
    text = ("某县道路养护项目绩效自评报告\n一、基本情况\n安排资金300万元。\n二、绩效情况\n"
            "(一)产出情况\n1.完成道路养护30公里。\n(二)效益情况\n3.群众满意度95%。\n")
    assert _GAP in _codes(text)


# --- another notice's allocation run into the parts of a total (the page lost the sentence's end) ----------------

_PARTS_OVER = "report.parts_exceed_total"


def test_an_allocation_of_another_notice_run_into_the_parts_is_no_part():
    text = ("某县动物防疫资金使用实施方案\n一、总体要求\n做好强制免疫。\n二、资金保障\n"
            "川财农〔2022〕167号提前下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费63.49万元"
            "川财农〔2023〕44号下达省级动物疫病防控资金99.47万元。\n")
    assert _PARTS_OVER not in _codes(text) and _PARTS_OVER in _doubted(text)


def test_variant_the_notice_number_lost_its_closing_bracket_and_number_sign():
    text = ("某县动物防疫资金使用实施方案\n一、总体要求\n做好强制免疫。\n二、资金保障\n"
            "下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费63.49万元"
            "川财农〔202388下达救灾资金动物防疫补助99.47万元。\n")
    assert _PARTS_OVER not in _codes(text) and _PARTS_OVER in _doubted(text)


def test_guard_parts_of_one_allocation_above_its_total_are_still_found():
    text = ("某县动物防疫资金使用实施方案\n一、总体要求\n做好强制免疫。\n二、资金保障\n"
            "川财农〔2022〕167号提前下达补助经费共389.78万元,其中强制免疫326.29万元,无害化处理经费99.47万元。\n")
    assert _PARTS_OVER in _codes(text)


# --- an establishment given by kind: the actual staff are held against one kind only --------------------------

_STAFF = "report.staff_over_establishment"
_OFFICE = "某县机构编制委员会办公室2024年部门整体支出绩效自评报告\n一、部门概况\n"


def test_staff_within_the_kinds_of_establishment_together_are_not_over_it():
    text = _OFFICE + "本单位机关行政编制12名,事业编制7名。2024年实有人员13人。\n二、绩效情况\n任务全部完成。\n"
    assert _STAFF not in _codes(text) and _STAFF in _doubted(text)


def test_variant_administrative_and_service_staff_establishments_in_persons():
    text = _OFFICE + "核定行政编制10人,工勤编制3人。年末实有人数12人。\n二、绩效情况\n任务全部完成。\n"
    assert _STAFF not in _codes(text) and _STAFF in _doubted(text)


def test_guard_staff_over_the_kinds_of_establishment_together_are_still_found():
    text = _OFFICE + "本单位机关行政编制12名,事业编制7名。2024年实有人员21人。\n二、绩效情况\n任务全部完成。\n"
    assert _STAFF in _codes(text)
