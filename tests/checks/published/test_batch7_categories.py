"""Kinds of wrong findings batch 7 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 7
read"): each test writes the shape in a few synthetic lines (no corpus document), and a variant shape, and a guard
shows the real inconsistency of that kind still found."""

from tests.checks.published.reviewing import codes as _codes, review as _review


# --- a page's image file names (1.jpg, 2.jpg) under a breadcrumb numbered 1. ------------------------------------

_IMAGES = ("1. 首页 >> 资讯 >> 要闻\n\n某省文物局组织完成2018年度博物馆免费开放绩效考评工作\n\n  近日,某省文物局通报了考评结果。\n\n"
           "{first}\n\n  参加本次考评的共128个博物馆。\n\n{second}\n\n  从考评总体情况看,公共服务能力进一步增强。\n")


def test_an_images_file_name_is_no_heading():
    assert "report.section_duplicate" not in _codes(_IMAGES.format(first="1.jpg", second="2.jpg"))


def test_variant_other_image_and_attachment_file_names():
    codes = _codes(_IMAGES.format(first="1.PNG", second="附件1.xlsx"))
    assert "report.section_duplicate" not in codes and "report.section_gap" not in codes


def test_guard_a_heading_numbered_twice_stays_a_finding():
    assert "report.section_duplicate" in _codes(_IMAGES.format(first="1.工作开展情况", second="1.考评结果"))


# --- a funds row whose 执行率 cell lost its % sign (分值 执行率 得分 as bare numbers) ----------------------------

_FORM = ("项目支出绩效自评表\n项目名称: 学生事务补助\n主管部门: 省教育厅 实施单位: 某中学\n"
         "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分\n"
         "资金总额: 120,000.00 120,000.00 {executed} 10.00  {rate} {score}\n"
         "年度目标 年度目标完成情况\n用于资助贫困学生 发放资助学生10人次。\n"
         "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析\n"
         "产出指标 数量指标 资助困难学生 52 {actual} {done} 20.00 {row_score} 部分资金由中央直接拨付。\n"
         "产出指标 质量指标 资助标准执行率 100 % 100 100.00% 30.00 30\n"
         "效益指标 社会效益指标 帮助学生提高生活水平 95 % 100 100.00% 30.00 30\n"
         "满意度指标 服务对象满意度 学生满意度 90 % 95 100.00% 10.00 10\n"
         "合计 100.00 {total}\n")


def _form(executed="30,000.00", rate="25", score="2.5", actual="10", done="19.23%", row_score="3.85", total="76.35"):
    return _FORM.format(executed=executed, rate=rate, score=score, actual=actual, done=done, row_score=row_score,
                        total=total)


def test_a_rate_without_its_percent_sign_is_not_the_points():
    codes = _codes(_form())
    assert "report.execution_score" not in codes and "report.table_weights" not in codes


def test_variant_all_spent_at_100():
    codes = _codes(_form(executed="120,000.00", rate="100", score="10", total="83.85"))
    assert "report.execution_score" not in codes and "report.table_weights" not in codes


def test_guard_a_wrong_execution_score_after_a_bare_rate_stays_a_finding():
    found = [f for f in _review(_form(score="5", total="78.85")).findings if f.code == "report.execution_score"]
    assert found and "2.5" in found[0].message


# --- indicator rows with a 完成率 column between the actual and the points ----------------------------------------

def test_a_completion_rate_cell_is_not_the_actual():
    # 52 | 10 | 19.23% | 20.00 | 3.85: the target is 52 and the actual 10, not 10 against 19.23%
    assert "report.row_met_not_full" not in _codes(_form())


def test_variant_nothing_done_at_zero_percent():
    assert "report.row_met_not_full" not in _codes(_form(actual="0", done="0.00%", row_score="0", total="72.5"))


def test_guard_a_target_missed_yet_given_full_points_stays_a_finding():
    assert "report.row_unmet_full" in _codes(_form(row_score="20", total="92.5"))


# --- money paid stated after a total's parts -------------------------------------------------------------------

_PAID = ("某乡人民政府2021年度项目支出绩效单位自评报告\n一、基本情况\n(一)项目概况\n"
         "1.基础设施建设项目,完成村内道路硬化4970平方米。统筹整合使用财政涉农资金107.13万元,其中项目管理费1.07万元,"
         "{paid}106.36万元。项目已竣工验收。\n")


def test_money_paid_after_the_parts_is_no_part():
    assert "report.parts_exceed_total" not in _codes(_PAID.format(paid="目前项目资金已拨付"))


def test_variant_money_spent():
    assert "report.parts_exceed_total" not in _codes(_PAID.format(paid="截至年底已支付工程款"))


def test_guard_parts_beyond_their_total_stay_a_finding():
    assert "report.parts_exceed_total" in _codes(_PAID.format(paid="工程建设资金"))


# --- a table's sums short of a row written with spaces between its cells, which was not read ---------------------

_SPACED = ("项目支出绩效自评表\n(2024年度)\n项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分\n"
           "年度资金总额: 28.1 28.1 28.1 10 100% 10\n"
           "绩效指标 一级指标 二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 未完成原因和改进措施\n"
           "产出指标 数量指标 教学软件 2套 2套 30 30\n社会效益指标\n{row}\n"
           "满意度指标 服务对象满意度指标 家长满意度 90% 98% 30 30\n分总 100 100\n")


def test_an_unread_row_of_cells_spaced_leaves_the_tables_sums_doubtful():
    result = _review(_SPACED.format(row="特殊教育资源 扩大 扩大 30 30"))
    assert "report.table_weights" not in _codes(_SPACED.format(row="特殊教育资源 扩大 扩大 30 30"))
    assert "report.table_weights" in [f.code for f in result.doubtful]


def test_variant_an_unread_row_with_decimal_points():
    text = _SPACED.format(row="特殊教育资源 扩大 扩大 30.0 30.0").replace("分总", "总分")
    assert "report.table_score" not in _codes(text) and "report.table_score" in [f.code for f in _review(text).doubtful]


def test_guard_weights_short_with_no_unread_row_stay_a_finding():
    assert "report.table_weights" in _codes(_SPACED.format(row="特殊教育资源得到扩大"))


# --- the only source row with money against the total it is all of --------------------------------------------

_SOURCES = ("转移支付区域绩效自评表\n(2023年度)\n资金使用单位 | 某区体育发展中心 | ||||||\n资金投入情况 (万元) |\n"
            "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n年度资金总额: | 2000 | 1157.97 | 57.89% | ||||\n"
            "其中:{label} | 2000 | {part} | {rate} | ||||\n地方财政资金 | {local}||||||\n其他资金 | |||||||\n"
            "资金管理情况 | 情况说明 | 存在问题和改进措施 | |||||\n")


def _sources(label="中央财政资金", part="1157.9", rate="57.89%", local=""):
    return _SOURCES.format(label=label, part=part, rate=rate, local=local)


def test_the_only_source_row_with_money_differs_from_its_total():
    found = [f for f in _review(_sources()).findings if f.code == "report.total_row"]
    assert found and "1,157.9" in found[0].message and "1,157.97" in found[0].message


def test_variant_the_years_appropriation_row():
    assert "report.total_row" in _codes(_sources(label="当年财政拨款"))


def test_guard_another_source_with_money_or_a_shifted_row_leaves_it_alone():
    assert "report.total_row" not in _codes(_sources(local="| 0.07 | 0.07 | 100% "))  # 地方 holds the rest
    assert "report.total_row" not in _codes(_sources(part="1157.97"))  # equal: no finding
    assert "report.total_row" not in _codes(_sources(part="100", rate="-"))  # cells shifted by an empty one


# --- a score sheet's parts written as headings with their points ----------------------------------------------

_HEADED = ("某区2020年生活无着人员社会救助民生工程绩效自评报告\n一、投入(分值{w}分,自评得{s}分)\n(一)项目立项(分值10分,自评得10分)\n"
           "我局按要求下发了实施方案。\n(二)资金落实(分值10分,自评得10分)\n全年发放救助资金12万元。\n"
           "二、过程(分值32分,自评得32分)\n(一)业务管理(分值32分,自评得32分)\n制度健全。\n")


def test_a_parts_points_against_its_sub_parts():
    found = [f for f in _review(_HEADED.format(w="18", s="18")).findings if f.code == "report.table_weights"]
    assert found and "投入分值 18" in found[0].message and "（一）项目立项 10 + （二）资金落实 10 = 20" in found[0].message


def test_variant_only_the_score_differs():
    codes = _codes(_HEADED.format(w="20", s="19"))
    assert "report.table_score" in codes and "report.table_weights" not in codes


def test_guard_sub_parts_that_add_up_or_do_not_all_state_points():
    assert not {"report.table_weights", "report.table_score"} & set(_codes(_HEADED.format(w="20", s="20")))
    text = _HEADED.format(w="18", s="18").replace("(二)资金落实(分值10分,自评得10分)", "(二)资金落实")
    assert not {"report.table_weights", "report.table_score"} & set(_codes(text))


def test_variant_a_parts_points_without_the_word_fenzhi():
    text = _HEADED.format(w="18", s="18").replace("分值", "").replace("自评得", "自评得分")
    assert "report.table_weights" in _codes(text)
