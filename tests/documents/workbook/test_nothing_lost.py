"""Nothing stored is lost, or forged, by an import: the workbook exported by the project itself, broken
as a careless or hostile user would (see ``broken.py``), imported with ``jixiao import``. Each refusal
says why in Chinese, naming the sheet and cell, and leaves every row of every table as it was; runs on
SQLite and on PostgreSQL (``DATABASE_URL``)."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.documents.workbook import workbook_bytes
from jixiao.domain.enums import EvaluationStatus

from tests.documents.workbook import broken

pytestmark = pytest.mark.django_db(transaction=True)  # the commands open their own transactions


def dump() -> dict[str, list[dict]]:
    """Every row of every table an import can touch (with their history and the event log)."""
    from django.apps import apps

    return {model._meta.label: list(model.objects.order_by("pk").values())
            for app in ("evaluations", "orgs", "events", "monitoring")
            for model in apps.get_app_config(app).get_models()}


@pytest.fixture
def stored(reference_document):
    """The reference department's 2022 evaluation as a draft (编制) in the database."""
    from jixiao.evaluations.services import import_document
    from jixiao.orgs.models import SYSTEM

    return import_document(document=reference_document.with_changes(status=EvaluationStatus.DRAFT),
                           acting_user=SYSTEM)


@pytest.fixture
def exported(stored, tmp_path, capsys):
    """The workbook a department downloads (``jixiao export``), with its 导出版本."""
    path = tmp_path / "gsl.xlsx"
    assert main(["export", "--department", "440112-107", "--year", "2022", "-o", str(path)]) == 0
    capsys.readouterr()
    return path.read_bytes()


class Import:
    def __init__(self, tmp_path, capsys):
        self.tmp_path, self.capsys, self.count = tmp_path, capsys, 0

    def __call__(self, data: bytes, *options: str) -> tuple[int, str, str]:
        self.count += 1
        path = self.tmp_path / f"改{self.count}.xlsx"
        path.write_bytes(data)
        self.capsys.readouterr()
        code = main(["import", str(path), *options])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def run_import(tmp_path, capsys):
    return Import(tmp_path, capsys)


def refused(run_import, data: bytes, *options: str) -> str:
    """Import ``data``: it must be refused (exit 2) with nothing changed; returns the message."""
    before = dump()
    code, out, err = run_import(data, *options)
    assert code == 2, out
    assert "已导入" not in out
    assert dump() == before
    return err


# --- structure: a missing sheet, a missing column, an empty sheet ------------------------------

def test_a_workbook_without_its_fund_sheet_is_refused(exported, run_import):
    err = refused(run_import, broken.without_sheets(exported, "资金"))
    assert "资金：缺少工作表“资金”" in err  # before: both fund lines deleted, 95.91 → 92


def test_a_workbook_without_its_report_monitoring_and_project_sheets_is_refused(exported, run_import):
    err = refused(run_import, broken.without_sheets(exported, "报告", "监控", "项目"))
    for name in ("报告", "监控", "项目"):
        assert f"{name}：缺少工作表“{name}”" in err


def test_a_renamed_header_is_refused_at_its_cell(exported, run_import):
    err = refused(run_import, broken.renamed_header(exported, "指标", "分值", "权重"))
    assert "指标!I1：找不到列“分值”（此处的表头为“权重”；表头请勿修改）" in err  # before: every weight NULL


def test_a_deleted_column_is_refused(exported, run_import):
    def change(book):
        book["指标"].delete_cols(11)  # 偏差原因分析
    err = refused(run_import, broken._edit(exported, change))
    assert "指标!第1行：找不到列“偏差原因分析”" in err


def test_emptied_sheets_delete_only_when_confirmed(exported, run_import, stored):
    from jixiao.evaluations.models import Indicator

    data = broken.emptied(exported, "指标", "监控")
    err = refused(run_import, data)
    assert "导入将删除已保存的数据：指标 19 个（1-1 基层商（协）会专题培训场次、1-2 法律进商（协）会普法活动场次、" in err
    assert "1-5 乡村振兴产业对接成功案例等）、监控 3 条（2022-07-31 资金、2022-07-31 1-5、2022-07-31 3-1）" in err
    assert "须确认删除后才会导入；确认删除请加 --allow-delete 重新导入" in err
    code, out, err = run_import(data, "--allow-delete")
    assert code == 0, err
    assert not Indicator.objects.exists()


def test_a_blank_template_with_only_the_basic_information_deletes_nothing_unconfirmed(exported, run_import):
    data = broken.emptied(exported, "单位", "资金", "任务", "项目", "指标", "监控", "调整", "评价要点", "报告")
    err = refused(run_import, data)  # before: 已导入 …任务 0、项目 0、指标 0、资金 0
    assert "资金 2 行（一般公共预算财政拨款·基本支出、一般公共预算财政拨款·项目支出）" in err
    assert "任务 3 个（任务1 " in err and "报告 6 节（" in err


# --- formulas without a calculated value ------------------------------------------------------

def test_a_formula_written_by_openpyxl_is_refused(exported, run_import):
    err = refused(run_import, broken.with_cells(exported, "资金", {"F2": "=800+15.05"}))
    assert "资金!F2：公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入" in err


def test_a_formula_written_by_pandas_through_xlsxwriter_is_refused(exported, run_import):
    err = refused(run_import, broken.with_xlsxwriter_formula(exported, "指标", "I2", "=3+3"))
    assert "指标!I2：公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入" in err


# --- values that cannot be stored everywhere ----------------------------------------------------

@pytest.mark.parametrize(("sheet", "cell", "value", "message"), [
    ("资金", "F2", -5, "资金!F2：金额不能为负数：“-5.00”"),
    ("资金", "F2", 1e20, "资金!F2：金额过大：“100000000000000000000.00”（须小于 1000000000000）"),
    ("任务", "D2", "-0.5", "任务!D2：金额不能为负数：“-0.50”"),
    ("指标", "I2", 1234567, "指标!I2：分值过大：“1234567”（须小于 1000000）"),
    ("指标", "I2", 6.125, "指标!I2：分值最多保留 2 位小数：“6.125”"),
    ("指标", "F2", "≥99999999999999999999场", "指标!F2：数值过大：“99999999999999999999”（须小于 100000000000000）"),
    ("指标", "D2", "名" * 301, "指标!D2：文字过长（301 字），超过上限 300 字"),
])
def test_values_beyond_what_the_database_holds_are_refused_at_their_cell(exported, run_import, sheet, cell, value,
                                                                           message):
    err = refused(run_import, broken.with_cells(exported, sheet, {cell: value}))
    assert message in err


def test_a_text_longer_than_a_workbook_cell_is_refused_at_its_cell(exported, run_import):
    err = refused(run_import, broken.with_text(exported, "报告", "C2", "字" * 32767 + "多"))
    assert "报告!C2：文字过长（32,768 字），超过上限 32,767 字" in err  # before: stored, then never exported again


@pytest.mark.parametrize("number", ["NaN", "inf", "-inf"])
def test_nan_and_infinity_are_refused_at_their_cell(exported, run_import, number):
    err = refused(run_import, broken.with_raw_cell(exported, "资金", "F2", f"<v>{number}</v>"))
    assert "资金!F2：" in err and "不是有效的" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["会员\x01企业", "会员\x00企业", "会员\x1b[31m企业"])
def test_control_characters_are_refused_at_their_cell(exported, run_import, text):
    err = refused(run_import, broken.with_text(exported, "指标", "D2", text))
    assert "指标!D2：含有不可见的控制字符（U+00" in err and "请删除后再导入" in err


# --- executed above budget ----------------------------------------------------------------------

def test_executed_above_budget_is_named_and_stops_the_submission(exported, run_import, stored, personas):
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.services import SubmissionRefused, submit_evaluation
    from jixiao.domain.enums import Role
    from jixiao.orgs.models import Membership

    code, out, err = run_import(broken.with_cells(exported, "资金", {"F2": 99999}))
    assert code == 0, err
    assert "审核发现 1 个错误，改正后才能提交" in out
    assert "资金“一般公共预算财政拨款·基本支出”执行数 99,999.00 万元超过全年预算数 815.05 万元" in out
    approver = personas["own_approver"]
    assert Membership.objects.filter(user=approver, role=Role.DEPARTMENT_APPROVER.value).exists()
    before = dump()
    with pytest.raises(SubmissionRefused) as caught:
        submit_evaluation(evaluation=Evaluation.objects.get(), acting_user=approver)
    assert "有 1 个审核错误，改正后才能提交" in str(caught.value) and "执行数 99,999.00 万元超过全年预算数" in str(caught.value)
    assert dump() == before
    assert Evaluation.objects.get().status == "draft"


# --- status only through the workflow -----------------------------------------------------------

def test_a_workbook_saying_published_creates_a_draft(reference_document, run_import):
    from django.contrib.auth.models import AnonymousUser

    from jixiao.evaluations.models import Evaluation

    data = workbook_bytes(reference_document)  # 状态 已公开
    code, out, err = run_import(data)
    assert code == 0, err
    evaluation = Evaluation.objects.get()
    assert evaluation.status == EvaluationStatus.DRAFT.value
    assert not Evaluation.objects.for_user(AnonymousUser()).exists()  # not on the home page, not in open data
    assert list(evaluation.history.values_list("status", flat=True)) == ["draft"] * evaluation.history.count()


def test_an_import_onto_a_returned_evaluation_keeps_its_status(exported, run_import, stored):
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.services import advance_to
    from jixiao.orgs.models import SYSTEM

    advance_to(evaluation=stored, status=EvaluationStatus.RETURNED, acting_user=SYSTEM, reason="缺少偏差原因")
    code, out, err = run_import(broken.with_cells(exported, "基本信息", {"B10": "已公开"}))
    assert code == 0, err
    assert Evaluation.objects.get().status == EvaluationStatus.RETURNED.value


def test_the_template_offers_no_status_drop_down():
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(None)))["基本信息"]
    status_row = next(cell.row for cell in sheet["A"] if cell.value == "状态")
    validated = {str(ref) for dv in sheet.data_validations.dataValidation for ref in dv.sqref.ranges}
    assert f"B{status_row}" not in validated
    assert "只读" in sheet.cell(status_row, 3).value


# --- the acting user of the command -------------------------------------------------------------

def test_the_command_holds_its_user_to_the_departments_scope(demo_db, run_import, tmp_path, capsys):
    path = tmp_path / "sfj.xlsx"
    assert main(["export", "--department", "440112-114", "--year", "2022", "-o", str(path)]) == 0
    data = path.read_bytes()
    err = refused(run_import, data, "--user", "gsl_staff")
    assert "工商联填报人不是广州市黄埔区司法局的填报人或负责人，不能导入该部门的自评" in err
    new_department = broken.with_cells(data, "基本信息", {"B4": "440112-999", "B5": "新建的部门"})
    err = refused(run_import, new_department, "--user", "gsl_staff")
    assert "尚未建立，只有系统管理员可以导入新部门的自评" in err
    err = refused(run_import, data, "--user", "hp_reviewer")  # a reviewer sees it, but does not edit it
    assert "不是广州市黄埔区司法局的填报人或负责人" in err
    code, out, err = run_import(data, "--user", "admin")  # the administrator may
    assert code == 0, err
