"""Broken workbooks: every problem is reported at once, at its exact sheet, row and column."""

from __future__ import annotations

import copy

import pytest

from jixiao.documents.workbook import Problem, WorkbookError, read_workbook, workbook_bytes


@pytest.fixture
def sheets(reference_document, xlsx):
    return copy.deepcopy(xlsx.sheets(workbook_bytes(reference_document)))


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(data)
    return [str(problem) for problem in caught.value.problems]


def test_the_example_of_the_issue(sheets, xlsx):
    sheets["指标"][11][5] = "≥约30场"
    with pytest.raises(WorkbookError) as caught:
        read_workbook(xlsx.build(sheets))
    (problem,) = caught.value.problems
    assert problem == Problem(sheet="指标", row=12, column="F", value="≥约30场", message="“≥约30场”无法识别为数值")
    assert str(problem) == "指标!F12：“≥约30场”无法识别为数值"
    assert str(caught.value) == "指标!F12：“≥约30场”无法识别为数值"


def test_every_problem_in_every_sheet_is_listed_at_once(sheets, xlsx):
    sheets["基本信息"][6][1] = "二〇二二年"  # 年度
    sheets["资金"][1][1] = "公用支出"  # 支出性质
    sheets["资金"][2][5] = "约470"  # 执行数
    sheets["任务"][2][1] = ""  # 任务名称 (required)
    sheets["项目"][1][0] = "9"  # no task 9
    sheets["指标"][1][2] = "经济效益指标"  # 二级 not under 产出指标
    sheets["指标"][2][4] = "大约"  # 指标性质
    sheets["指标"][3][7] = "八十人次"  # actual
    sheets["指标"][4][8] = "六分"  # 分值
    sheets["指标"][5][14] = "1-1"  # duplicate code
    sheets["指标"][6][13] = "也许"  # 是否适用
    sheets["监控"][2][1] = "9-9"  # unknown indicator
    sheets["监控"][3][0] = "2022-13-01"  # date
    sheets["调整"][1][5] = "同意了"  # 审批状态
    sheets["报告"][1][0] = ""  # 章节代码 (required)
    assert problems_of(xlsx.build(sheets)) == [
        "基本信息!B7：“二〇二二年”不是数值",
        "资金!B2：“公用支出”不是有效的支出性质（可选：基本支出、项目支出）",
        "资金!F3：“约470”不是有效的金额（单位：万元）",
        "任务!B3：必填项“任务名称”为空",
        "项目!A2：任务编号“9”在“任务”表中不存在",
        "指标!C2：二级指标“经济效益指标”不属于一级指标“产出指标”（应属于“效益指标”）",
        "指标!E3：“大约”不是有效的指标性质（可选：≥、≤、=、定性）",
        "指标!H4：“八十人次”既不是数值，也无法识别为定性完成情况",
        "指标!I5：“六分”不是数值",
        "指标!O6：指标编码“1-1”重复（第 2 行已有）",
        "指标!N7：“也许”应为“是”或“否”",
        "监控!B3：指标编码“9-9”在“指标”表中不存在",
        "监控!A4：“2022-13-01”不是有效的日期（如 2022-07-31）",
        "调整!F2：“同意了”不是有效的审批状态（可选：待审批、已批准、未批准）",
        "报告!A2：必填项“章节代码”为空",
    ]


def test_a_missing_required_column_and_a_missing_sheet(sheets, xlsx):
    for row in sheets["指标"]:
        del row[3]  # no 三级指标 column
    del sheets["基本信息"]
    assert problems_of(xlsx.build(sheets)) == ["基本信息：缺少工作表“基本信息”", "指标!第1行：找不到列“三级指标”"]


def test_missing_rows_of_the_basic_information(sheets, xlsx):
    sheets["基本信息"] = [row for row in sheets["基本信息"] if not str(row[0]).startswith(("部门代码", "年度"))]
    assert problems_of(xlsx.build(sheets)) == [
        "基本信息：缺少“部门代码”一行（A 列写项目名称，B 列写内容）",
        "基本信息：缺少“年度”一行（A 列写项目名称，B 列写内容）",
    ]


def test_a_unit_that_contradicts_the_unit_column(sheets, xlsx):
    sheets["指标"][1][5] = "≥4人次"  # G2 says 场
    assert problems_of(xlsx.build(sheets)) == ["指标!F2：“≥4人次”的单位“人次”与度量单位“场”不一致"]


def test_an_unknown_workbook_is_named_as_such(xlsx):
    data = xlsx.build({"Sheet1": [["姓名", "年龄"], ["张三", 30]]})
    assert problems_of(data) == [
        "不是 jixiao 自评工作簿：没有“基本信息”和“指标”工作表（可用 jixiao template 生成空白工作簿；"
        "项目支出绩效自评表请用 jixiao import --form 导入，或用 jixiao forms read 转换）"]


def test_a_sheet_without_a_header_row(sheets, xlsx):
    sheets["项目"] = [["随便写的内容", 1, 2], ["更多", 3, 4]]
    assert problems_of(xlsx.build(sheets)) == ["项目：找不到表头行（第一行应为本表的列名，见“说明”表）"]


def test_a_row_with_several_problems_has_each_listed(sheets, xlsx):
    # One pass fixes the file: a bad 分值 does not hide the bad 实际完成值 of the same row, a
    # duplicate code does not hide a wrong 二级指标, and a row of a deleted task still has its
    # values checked.
    sheets["指标"][1][7], sheets["指标"][1][8] = "四场多", "ten"
    sheets["指标"][2][14], sheets["指标"][2][2] = "1-1", "经济效益指标"
    sheets["指标"][3][0], sheets["指标"][3][5] = "99", "≥约30场"
    assert problems_of(xlsx.build(sheets)) == [
        "指标!H2：“四场多”既不是数值，也无法识别为定性完成情况",
        "指标!I2：“ten”不是数值",
        "指标!C3：二级指标“经济效益指标”不属于一级指标“产出指标”（应属于“效益指标”）",
        "指标!O3：指标编码“1-1”重复（第 2 行已有）",
        "指标!A4：任务编号“99”在“任务”表中不存在",
        "指标!F4：“≥约30场”无法识别为数值",
    ]


def test_monitoring_of_an_indicator_whose_row_has_a_problem_is_not_called_unknown(sheets, xlsx):
    code = sheets["监控"][2][1]
    row = next(row for row in sheets["指标"] if row[14] == code)
    row[0] = "99"  # its task was deleted
    problems = problems_of(xlsx.build(sheets))
    assert len(problems) == 1 and "任务编号“99”在“任务”表中不存在" in problems[0]


def test_invisible_characters_pasted_from_the_web_are_dropped(sheets, xlsx):
    sheets["指标"][1][0] = sheets["指标"][1][0] + "\u200b"  # task code
    sheets["指标"][1][2] = "\ufeff" + sheets["指标"][1][2]  # 二级指标
    name = sheets["指标"][1][3]
    sheets["指标"][1][3] = name + "\u200b"
    doc = read_workbook(xlsx.build(sheets))
    assert doc.indicators[0].name == name


def test_a_mistyped_rule_pack_is_refused_at_its_cell(sheets, xlsx):
    row = next(i for i, r in enumerate(sheets["基本信息"]) if str(r[0]).startswith("评分规则"))
    sheets["基本信息"][row][1] = "gd-2022-departmnet"
    (problem,) = problems_of(xlsx.build(sheets))
    assert problem.startswith(f"基本信息!B{row + 1}：规则包“gd-2022-departmnet”不存在（可用：")
    assert "gd-2022-department" in problem
