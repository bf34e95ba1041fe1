"""The demo's 2022 cycle: targets declared and approved, a 1—7月 round in which the reference department's
乡村振兴产业对接成功案例 is red with its reason months before year end, an approved adjustment in another
department, the reference report's three measures as rectification items (one confirmed); and
``jixiao monitor`` on the exported demo workbook shows that indicator red."""

import json

from jixiao.cli import main
from jixiao.cycle.models import RectificationItem, TargetDeclaration
from jixiao.evaluations.models import Adjustment
from jixiao.monitoring.models import IndicatorReport, MonitoringWarning


def test_the_demo_cycle(demo_db, tmp_path, capsys):
    assert set(TargetDeclaration.objects.filter(year=2022).values_list("status", flat=True)) == {"approved"}
    assert TargetDeclaration.objects.filter(year=2022).count() == 4
    case = IndicatorReport.objects.get(evaluation__department__code="440112-107", indicator_code="1-5")
    assert (case.round.name, case.round.cut_off.isoformat(), case.colour) == ("1—7月", "2022-07-31", "red")
    assert case.reason_category == "其他" and "疫情" in case.analysis and case.measure
    assert MonitoringWarning.objects.get(subject="1-5").colour == "red"
    approved = Adjustment.objects.get(evaluation__department__code="440112-114", subject="3-1")
    assert (approved.status, approved.before, approved.after) == ("approved", "≥120场", "≥130场")
    items = RectificationItem.objects.filter(evaluation__department__code="440112-107", year=2022)
    assert items.count() == 3 and items.filter(status="confirmed").count() == 1

    out = tmp_path / "工商联2022.xlsx"
    assert main(["export", "--department", "440112-107", "--year", "2022", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["monitor", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    red = next(i for i in data["indicators"] if i["name"] == "乡村振兴产业对接成功案例")
    assert red["colour"] == "red" and red["reason"]
