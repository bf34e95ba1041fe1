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


# --- two people editing from the same export ----------------------------------------------------

def _stored_document():
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.store import document_for

    return document_for(Evaluation.objects.get())


def _indicator(code: str):
    return next(i for i in _stored_document().indicators if i.code == code)


def test_two_people_from_one_export_both_keep_their_changes(exported, run_import):
    first = broken.with_cells(exported, "指标", {"H6": "1个"})  # 1-5 乡村振兴产业对接成功案例 achieved
    second = broken.with_cells(exported, "任务", {"C2": "两新组织党建创新中心"})  # 任务1's 主要实施单位
    assert run_import(first)[0] == 0
    code, out, err = run_import(second)
    assert code == 0, err
    assert _indicator("1-5").actual.text == "1个"  # before: the second import undid the first (5 of 5 tries)
    assert _stored_document().tasks[0].responsible_unit == "两新组织党建创新中心"


def test_the_same_cell_changed_by_two_people_refuses_the_second_file(exported, run_import):
    assert run_import(broken.with_cells(exported, "指标", {"H6": "1个"}))[0] == 0
    err = refused(run_import, broken.with_cells(exported, "指标", {"H6": "2个", "I2": 7}))
    assert "工作簿导出（第 1 版）后，系统中的自评已被修改（现为第 2 版：系统 于 " in err
    assert "其中 1 处与工作簿的修改冲突，整个文件未导入" in err
    assert "指标!H6（1-5 乡村振兴产业对接成功案例·实际完成值）：工作簿中为“2个”，系统中已被他人改为“1个”" in err
    assert _indicator("1-1").weight == 4  # the other change of the refused file is not applied either


def test_a_row_deleted_in_the_workbook_and_changed_since_is_a_conflict(exported, run_import):
    from jixiao.domain.enums import FundNature

    assert run_import(broken.with_cells(exported, "资金", {"F3": 470}))[0] == 0  # 项目支出 executed
    def drop_project_funds(book):
        book["资金"].delete_rows(3)
    err = refused(run_import, broken._edit(exported, drop_project_funds), "--allow-delete")
    assert "资金（一般公共预算财政拨款·项目支出）：工作簿中删除了这一行，而系统中此行在导出后已被他人修改" in err
    assert [f.nature for f in _stored_document().fund_lines] == [FundNature.BASIC, FundNature.PROJECT]


def test_a_workbook_with_an_altered_version_is_refused(exported, run_import):
    err = refused(run_import, broken.with_cells(exported, "基本信息", {"B13": "1-0000000000000000"}))
    assert "基本信息!B13：导出版本“1-0000000000000000”不是本系统为" in err


def test_an_export_carries_only_its_version_not_another_evaluations(exported, run_import, demo_db, tmp_path, capsys):
    """The key of one evaluation's export opens no other evaluation's base: a workbook of 司法局 given
    the 工商联's 导出版本 is refused."""
    path = tmp_path / "sfj.xlsx"
    assert main(["export", "--department", "440112-114", "--year", "2022", "-o", str(path)]) == 0
    import io

    import openpyxl

    stamp = openpyxl.load_workbook(io.BytesIO(exported))["基本信息"]["B13"].value
    err = refused(run_import, broken.with_cells(path.read_bytes(), "基本信息", {"B13": stamp}))
    assert f"导出版本“{stamp}”不是本系统为2022 年度广州市黄埔区司法局" in err


def test_a_workbook_without_a_version_replaces_the_stored_content(exported, run_import):
    data = broken.with_cells(broken.with_cells(exported, "指标", {"H6": "1个"}), "基本信息", {"B13": None})
    assert run_import(broken.with_cells(exported, "任务", {"C2": "两新组织党建创新中心"}))[0] == 0
    code, out, err = run_import(data)  # an old export, or a template filled in: the whole file is the truth
    assert code == 0, err
    assert _indicator("1-5").actual.text == "1个"
    assert _stored_document().tasks[0].responsible_unit == "业务科"  # as exported: the later change is replaced



@pytest.mark.skipif("'postgresql' not in __import__('django.conf').conf.settings.DATABASES['default']['ENGINE']",
                    reason="two connections importing at the same moment need PostgreSQL's row locks "
                           "(SQLite takes one writer at a time for the whole file)")
def test_two_imports_at_the_same_moment_take_turns_and_keep_both_changes(exported, monkeypatch):
    import threading
    import time

    from django.db import connection

    from jixiao.documents.workbook.reader import read_workbook_file
    from jixiao.evaluations import services, store
    from jixiao.orgs.models import SYSTEM

    files = [read_workbook_file(broken.with_cells(exported, "指标", {"H6": "1个"})),
             read_workbook_file(broken.with_cells(exported, "任务", {"C2": "两新组织党建创新中心"}))]
    write = store.write_document

    def slow_write(evaluation, document):  # hold the lock a while: the other import must wait for it
        time.sleep(0.5)
        return write(evaluation, document)

    monkeypatch.setattr(store, "write_document", slow_write)
    start, failures = threading.Barrier(2), []

    def run(read):
        try:
            start.wait()
            services.import_document(document=read.document, acting_user=SYSTEM, stamp=read.stamp,
                                     places=read.places)
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(read,)) for read in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert _indicator("1-5").actual.text == "1个"
    assert _stored_document().tasks[0].responsible_unit == "两新组织党建创新中心"
    from jixiao.evaluations.models import Evaluation

    assert Evaluation.objects.get().revision == 3
