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
