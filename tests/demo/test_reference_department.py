"""The demo database holds the reference report's figures (shared/reference/000_9b854e6e413d734c.txt)."""

from decimal import Decimal

from django.db.models import Count, Sum

from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Task


def test_reference_report_figures_from_the_database(demo_db):
    evaluation = Evaluation.objects.get(department__name="广州市黄埔区工商业联合会", year=2022)
    assert evaluation.department.region.code == "440112"
    funds = FundLine.objects.filter(evaluation=evaluation)
    totals = funds.aggregate(budget=Sum("full_year_budget"), executed=Sum("executed"), carryover=Sum("carryover"))
    assert totals == {"budget": Decimal("1291.73"), "executed": Decimal("1288.38"), "carryover": Decimal("0")}
    by_source = dict(funds.values_list("source").annotate(s=Sum("executed")))
    assert by_source == {"general_budget": Decimal("1288.38")}  # the other three sources: 0
    by_nature = dict(funds.values_list("nature").annotate(s=Sum("executed")))
    assert by_nature == {"basic": Decimal("815.05"), "project": Decimal("473.33")}

    tasks = Task.objects.filter(evaluation=evaluation).order_by("position")
    assert [(t.name, t.responsible_unit, t.funds) for t in tasks] == [
        ("工商联业务及海内外联谊工作", "业务科", Decimal("42.52")),
        ("区非公有制经济组织党委工作", "非公有制经济组织党建工作科（“两新”组织党建创新中心）", Decimal("52.61")),
        ("区“两新”组织党建创新中心工作", "“两新”组织党建创新中心", Decimal("290.17")),
    ]
    assert [t.projects.get().name for t in tasks] == ["工商联业务及海内外联谊工作经费", "非公党委工作经费", "两新党建中心工作经费"]
    split = {}
    for row in Indicator.objects.filter(task__evaluation=evaluation).values("task__code", "level1").annotate(n=Count("id")):
        split.setdefault(row["task__code"], {})[row["level1"]] = row["n"]
    assert split == {"1": {"output": 3, "benefit": 2, "satisfaction": 1},
                     "2": {"output": 2, "benefit": 1, "satisfaction": 2},
                     "3": {"output": 5, "benefit": 2, "satisfaction": 1}}

    actuals = set(Indicator.objects.filter(task__evaluation=evaluation).values_list("actual_text", flat=True))
    for stated in ("4场", "22场", "80人次", "11名", "91%", "200人次", "300人次", "85%", "96%", "22场次", "26场次",
                   "37家", "123人次", "8%", "90.8%"):
        assert stated in actuals

    unmet = Indicator.objects.get(task__evaluation=evaluation, name="乡村振兴产业对接成功案例")
    assert unmet.score == 0
    assert "新冠病毒疫情" in unmet.deviation_reason and "贵州" in unmet.deviation_reason
    met = Indicator.objects.filter(task__evaluation=evaluation).exclude(pk=unmet.pk)
    assert all(i.score == i.weight for i in met)


def test_reference_score_and_grade(demo_db):
    evaluation = Evaluation.objects.get(department__name="广州市黄埔区工商业联合会", year=2022)
    assert (evaluation.score_total, evaluation.score_grade) == (Decimal("95.91"), "优")
    assert (evaluation.stated_total, evaluation.stated_grade) == (Decimal("95.91"), "优")
    assert evaluation.rule_pack == "gd-2022-department"


def test_demo_load_is_idempotent(demo_db):
    from jixiao.demo.loader import load_demo

    counts = (Evaluation.objects.count(), Indicator.objects.count())
    again = load_demo()
    assert not again.loaded and len(again.skipped) == counts[0]
    assert (Evaluation.objects.count(), Indicator.objects.count()) == counts
    usernames = {username for username, _, _ in again.accounts}
    assert {"admin", "gsl_staff", "gsl_approver", "hp_reviewer"} <= usernames


def test_the_region_has_neighbours_and_history(demo_db):
    assert Evaluation.objects.filter(department__region__code="440112").values("department").distinct().count() >= 3
    assert Evaluation.objects.filter(department__name="广州市黄埔区工商业联合会", year=2021).exists()
