"""The 绩效目标执行监控表 written from data and read back: from a file (no database) and from a round."""

from datetime import date
from importlib import resources

import pytest

from jixiao.cli import main
from jixiao.cycle.common import CycleRefused
from jixiao.documents.forms.monitoring import (
    FormIndicator,
    MonitoringForm,
    MonitoringFormError,
    read_monitoring_form,
    write_monitoring_form,
)
from jixiao.monitoring.models import IndicatorReport
from jixiao.monitoring.selectors import round_form
from jixiao.monitoring.services import import_monitoring_form, open_round, report_indicator

REFERENCE = str(resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml")


def test_form_from_a_file_round_trips(tmp_path, capsys):
    out = tmp_path / "监控表.xlsx"
    assert main(["monitor", REFERENCE, "--form", str(out)]) == 0
    rows = {r.name: r for r in read_monitoring_form(out.read_bytes())}
    assert len(rows) == 19
    case = rows["乡村振兴产业对接成功案例"]
    assert (case.level1, case.target, case.value, case.projected, case.reason_category, case.possibility) == (
        "效益指标", "≥1个", "0个", "0个", "其他", "有可能")
    assert rows["区非公党群服务中心举办党群活动场次"].level2 == "数量指标"  # merged level cells read back


def test_a_form_marked_twice_or_with_an_unknown_possibility_is_refused():
    base = MonitoringForm(department="部门", year=2022, month=7, indicators=(
        FormIndicator("产出指标", "数量指标", "场次", "≥4场", "1场", possibility="也许"),))
    with pytest.raises(MonitoringFormError, match="完成目标可能性“也许”无效"):
        read_monitoring_form(write_monitoring_form(base))
    with pytest.raises(MonitoringFormError, match="无法读取"):
        read_monitoring_form(b"not a workbook")


def test_round_form_filled_in_excel_is_read_back(cycle):
    from openpyxl import load_workbook
    from io import BytesIO

    round_ = open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])
    report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="3-1", value_text="12场次",
                     acting_user=cycle["own_staff"])
    data = write_monitoring_form(round_form(round_, cycle["evaluation"]))
    book = load_workbook(BytesIO(data))
    sheet = book.active
    for row in sheet.iter_rows():  # the department fills 1-5 in Excel: 0 个, 其他 ✓, 有可能, a reason
        if row[2].value == "乡村振兴产业对接成功案例":
            row[4].value, row[10].value, row[11].value = "0个", "✓", "有可能"
            row[12].value = "受疫情影响对接暂缓；纠偏措施：四季度组织赴贵州对接"
    out = BytesIO()
    book.save(out)
    reports = import_monitoring_form(round=round_, evaluation=cycle["evaluation"], data=out.getvalue(),
                                     acting_user=cycle["own_staff"])
    case = IndicatorReport.objects.get(round=round_, indicator_code="1-5")
    assert (case.colour, case.reason_category, case.possibility) == ("red", "其他", "有可能")
    assert (case.analysis, case.measure) == ("受疫情影响对接暂缓", "四季度组织赴贵州对接")
    assert len(reports) == 2  # 3-1 as it was exported, and 1-5
    for row in sheet.iter_rows():
        if row[2].value == "乡村振兴产业对接成功案例":
            row[12].value = ""
    out = BytesIO()
    book.save(out)
    with pytest.raises(CycleRefused, match="“乡村振兴产业对接成功案例”：.*请填写偏差原因分析、纠偏措施"):
        import_monitoring_form(round=round_, evaluation=cycle["evaluation"], data=out.getvalue(),
                               acting_user=cycle["own_staff"])


def test_the_project_form_round_trips():
    """The 项目 form (项目支出绩效目标执行监控表): project block, funds with 追加 / 追减, 绩效目标调整情况,
    indicators: written and read back as it was."""
    from decimal import Decimal as D

    from jixiao.documents.forms.monitoring import FormFund, read_form

    form = MonitoringForm(
        department="广州市海珠区工商业联合会", year=2022, month=7, project="非公经济人士培训", unit="区工商联机关",
        project_code="440105-2022-007", project_kind="延续", goal="完成全年培训任务", goal_progress="已完成 3 期",
        adjustments="培训期数经批准由 6 期调整为 5 期",
        funds=(FormFund("财政拨款", D("50.00"), D("45.00"), D("20.50"), D("45.56"), None, False, added=D("5.00"),
                        cut=D("10.00")),),
        indicators=(FormIndicator("产出指标", "数量指标", "培训期数", "≥5期", "3期", "5期", possibility="确定能"),
                    FormIndicator("效益指标", "社会效益指标", "参训人员满意度", "≥90%", "", "",
                                  reason_category="其他", possibility="有可能", note="尚未测评")))
    data = write_monitoring_form(form)
    back = read_form(data, categories=form.categories)
    assert back == form
    department = MonitoringForm(department="区工商联", year=2022, month=7, goal="目标",
                                funds=(FormFund("合计", D("476.68"), D("480.00"), D("300.00"), D("62.50"),
                                                D("58.33"), True),),
                                indicators=form.indicators)
    assert read_form(write_monitoring_form(department), categories=department.categories) == department


def test_the_project_form_is_filled_from_a_project_document():
    """A project's document (no database): project block, 追加 / 追减 from the 年初 and adjusted budgets, the
    adjustments in words, and each indicator's projection and reason, read back as written."""
    from jixiao.documents.datafile import load_document
    from jixiao.documents.forms.monitoring import read_form
    from jixiao.domain.enums import EvaluationKind
    from jixiao.progress.engine import assess
    from jixiao.progress.forms import project_form
    from jixiao.rules.monitoring import load_monitoring_pack

    doc = load_document(REFERENCE).with_changes(kind=EvaluationKind.PROJECT)
    pack = load_monitoring_pack()
    result = assess(doc, pack)
    form = project_form(doc, result, pack, project_kind="延续")
    assert form.project and form.title.startswith("2022 年度项目支出绩效目标执行监控表")
    [fund] = form.funds
    assert fund.adjusted - fund.initial == fund.added - fund.cut
    back = read_form(write_monitoring_form(form), categories=pack.reason_categories)
    from dataclasses import replace

    assert back == replace(form, funds=(replace(fund, time_progress=None),))  # the 项目 form says only 是 / 否
    case = next(r for r in back.indicators if r.name == "乡村振兴产业对接成功案例")
    assert (case.value, case.reason_category, case.possibility) == ("0个", "其他", "有可能")
