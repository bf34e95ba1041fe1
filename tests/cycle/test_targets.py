"""Targets declared and reviewed, quality checked at entry; target advice on generated history; the
indicator library built from stored data, curated by the bureau, filling a declared row."""

from decimal import Decimal as D
from statistics import median

import pytest

from jixiao.cycle.common import CycleRefused, NotPermitted
from jixiao.cycle.models import LibraryIndicator
from jixiao.cycle.targets import (
    build_library,
    curate_entry,
    library_row,
    review_declaration,
    save_declaration,
    submit_declaration,
    target_advice,
)
from jixiao.domain.enums import EventVerb
from jixiao.evaluations.models import Evaluation
from jixiao.events.models import Event
from jixiao.notifications.models import Notification

ROWS = [
    {"task_code": "1", "task_name": "党群服务", "level1": "产出指标", "level2": "数量指标",
     "name": "区非公党群服务中心举办党群活动场次", "target": "≥15场次", "basis": "计划标准"},
    {"task_code": "1", "level1": "产出指标", "level2": "数量指标", "name": "培训参与", "target": "≥200"},
    {"task_code": "1", "level1": "产出指标", "level2": "数量指标", "name": "项目资金投入金额", "target": "≥50万元"},
    {"task_code": "1", "level1": "产出指标", "level2": "质量指标", "name": "活动覆盖率", "target": "≥90%"},
    {"task_code": "1", "level1": "效益指标", "level2": "社会效益指标", "name": "党组织作用", "target": "有所提升"},
    {"task_code": "1", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "党员满意度", "target": "≥90%"},
]


def test_declare_check_return_per_indicator_and_approve(cycle):
    department = cycle["evaluation"].department
    with pytest.raises(NotPermitted):
        save_declaration(department=department, year=2023, goal="目标", rows=ROWS, acting_user=cycle["other_staff"])
    with pytest.raises(CycleRefused, match="不匹配"):
        save_declaration(department=department, year=2023, goal="目标", acting_user=cycle["own_staff"],
                         rows=[{**ROWS[0], "level2": "社会效益指标"}])
    declaration, findings = save_declaration(department=department, year=2023, goal="服务非公企业党建",
                                             rows=ROWS, acting_user=cycle["own_staff"])
    codes = {f.code for f in findings}
    # 问题二 (balance), missing unit, input as target, vague qualitative target, below last year's actual
    assert {"task.output_benefit_ratio", "indicator.unit_missing", "indicator.input_as_performance",
            "indicator.vague_target", "indicator.target_too_low"} <= codes
    too_low = next(f for f in findings if f.code == "indicator.target_too_low" and "党群活动场次" in f.message)
    assert "低于 2022 年实际完成的 22场次" in too_low.message
    submit_declaration(declaration=declaration, acting_user=cycle["own_approver"])
    assert Notification.objects.filter(recipient=cycle["reviewer"], title__startswith="绩效目标待审核").exists()
    with pytest.raises(CycleRefused, match="退回须写明原因"):
        review_declaration(declaration=declaration, approve=False, acting_user=cycle["reviewer"])
    review_declaration(declaration=declaration, approve=False, acting_user=cycle["reviewer"],
                       row_notes={"1-1": "低于 2022 年实际完成值，请提高", "1-3": "资金投入不是绩效目标"})
    declaration.refresh_from_db()
    assert declaration.status == "returned"
    assert dict(declaration.rows.exclude(review_note="").values_list("code", "review_note")) == {
        "1-1": "低于 2022 年实际完成值，请提高", "1-3": "资金投入不是绩效目标"}
    fixed = [{**ROWS[0], "target": "≥24场次"}, {**ROWS[1], "target": "≥200人次"}, ROWS[3],
             {**ROWS[4], "target": "基层党组织战斗堡垒作用有效发挥"}, ROWS[5]]
    declaration, findings = save_declaration(department=department, year=2023, goal="服务非公企业党建", rows=fixed,
                                             acting_user=cycle["own_staff"])
    assert not {"indicator.target_too_low", "indicator.input_as_performance"} & {f.code for f in findings}
    submit_declaration(declaration=declaration, acting_user=cycle["own_staff"])
    with pytest.raises(NotPermitted):
        review_declaration(declaration=declaration, approve=True, acting_user=cycle["far_reviewer"])
    review_declaration(declaration=declaration, approve=True, acting_user=cycle["reviewer"], reason="同意")
    # approved targets are the baseline: the 2023 evaluation is created from them
    evaluation = Evaluation.objects.get(department=department, year=2023)
    assert evaluation.status == "draft"
    assert list(evaluation.tasks.get().indicators.values_list("name", "target_text"))[0] == (
        "区非公党群服务中心举办党群活动场次", "≥24场次")
    verbs = set(Event.objects.filter(object_type="cycle.targetdeclaration").values_list("verb", flat=True))
    assert {EventVerb.TARGET_DECLARE.value, EventVerb.TARGET_RETURN.value, EventVerb.TARGET_APPROVE.value} <= verbs
    with pytest.raises(CycleRefused, match="不能修改"):
        save_declaration(department=department, year=2023, goal="x", rows=fixed, acting_user=cycle["own_staff"])


@pytest.mark.django_db
def test_target_advice_on_generated_history():
    from jixiao.demo.generate import write_synthetic
    from jixiao.demo.synthetic import documents
    from jixiao.orgs.models import Department

    docs = list(documents(12, (2020, 2021, 2022), seed=7))
    write_synthetic(docs, departments=12)
    name, unit = "举办培训场次", "场"
    values = [(d.department_code, d.year, i.actual.number) for d in docs for i in d.indicators
              if i.name == name and i.unit == unit and i.actual.number is not None]
    own_code = max({c for c, _, _ in values}, key=lambda c: sum(1 for v in values if v[0] == c))
    department = Department.objects.get(code=own_code)
    own = sorted((y, v) for c, y, v in values if c == own_code)
    peers = [v for c, y, v in values if c != own_code]
    last_year = own[-1][0]
    lowest_last = min(v for y, v in own if y == last_year)
    advice = target_advice(department=department, year=2023, name=name, unit=unit,
                           target=f"≥{lowest_last - 1}{unit}")
    assert advice.peer_stats == {"min": min(peers), "median": median(peers), "max": max(peers)}
    assert advice.peer_count == len({c for c, _, _ in values if c != own_code})
    assert sorted(y for y, _ in advice.own) == [y for y, _ in own]  # 2020–2022: the last three years
    assert advice.codes[0] == "target_too_low" and f"低于 {last_year} 年实际完成" in advice.flags[0]
    best = max(v for _, v in own)
    high = target_advice(department=department, year=2023, name=name, unit=unit, target=f"≥{best * 2}{unit}")
    assert "target_too_high" in high.codes
    assert "本部门以往" in high.summary and "中位" in high.summary


def test_library_built_from_data_curated_and_picked(cycle):
    region = cycle["region"]
    with pytest.raises(NotPermitted):
        build_library(region=region, acting_user=cycle["own_staff"])
    created, _ = build_library(region=region, acting_user=cycle["reviewer"])
    assert created >= 19
    entry = LibraryIndicator.objects.get(region=region, name="乡村振兴产业对接成功案例")
    assert (entry.level1, entry.level2, entry.unit, entry.uses) == ("benefit", "economic", "个", 2)
    curate_entry(entry=entry, acting_user=cycle["reviewer"], measurement="以签订的产业对接协议为准")
    assert build_library(region=region, acting_user=cycle["reviewer"])[0] == 0  # idempotent
    entry.refresh_from_db()
    assert entry.curated and entry.measurement == "以签订的产业对接协议为准"
    with pytest.raises(NotPermitted):
        curate_entry(entry=entry, acting_user=cycle["own_staff"], measurement="x")
    row = library_row(entry)
    assert row == {"level1": "效益指标", "level2": "经济效益指标", "name": "乡村振兴产业对接成功案例", "unit": "个",
                   "direction": "≥", "basis": "计划标准：年度工作计划", "library": entry.pk}
    assert LibraryIndicator.objects.for_user(cycle["own_staff"]).filter(pk=entry.pk).exists()
    declaration, _ = save_declaration(department=cycle["evaluation"].department, year=2023, goal="g",
                                      rows=[{**row, "target": "≥1个"}], acting_user=cycle["own_staff"])
    assert declaration.rows.get().library == entry


def test_approved_targets_are_carried_into_an_editable_evaluation_and_not_into_a_submitted_one(cycle):
    """The year's evaluation already exists (2022, 编制中): approving the declaration carries its targets
    into it (values entered are kept); a submitted or later evaluation (2021) is not touched, and the
    decision says so."""
    from jixiao.evaluations.models import Indicator

    evaluation, department = cycle["evaluation"], cycle["evaluation"].department
    first = Indicator.objects.get(task__evaluation=evaluation, task__code="1", code="1-1")
    actual = first.actual_text
    rows = [{"task_code": "1", "level1": first.level1, "level2": first.level2, "name": first.name,
             "target": "≥30场次", "basis": "三年平均"},
            {"task_code": "1", "level1": "产出指标", "level2": "数量指标", "name": "新增指标", "target": "≥5个",
             "code": "1-99"}]
    declaration, _ = save_declaration(department=department, year=2022, goal="服务非公企业党建", rows=rows,
                                      acting_user=cycle["own_staff"])
    submit_declaration(declaration=declaration, acting_user=cycle["own_staff"])
    count = Indicator.objects.filter(task__evaluation=evaluation).count()
    review_declaration(declaration=declaration, approve=True, acting_user=cycle["reviewer"], reason="同意")
    first.refresh_from_db()
    assert (first.target_text, first.target_basis, first.actual_text) == ("≥30场次", "三年平均", actual)
    assert Indicator.objects.filter(task__evaluation=evaluation).count() == count + 1
    assert Event.objects.filter(evaluation=evaluation, verb=EventVerb.TARGET_APPROVE.value).exists()

    earlier = cycle["earlier"]
    assert earlier.is_locked
    before = list(Indicator.objects.filter(task__evaluation=earlier).values_list("code", "target_text"))
    declaration, _ = save_declaration(department=department, year=2021, goal="服务非公企业党建", rows=rows,
                                      acting_user=cycle["own_staff"])
    submit_declaration(declaration=declaration, acting_user=cycle["own_staff"])
    review_declaration(declaration=declaration, approve=True, acting_user=cycle["reviewer"], reason="同意")
    assert list(Indicator.objects.filter(task__evaluation=earlier).values_list("code", "target_text")) == before
    note = Notification.objects.filter(recipient=cycle["own_staff"], title__startswith="绩效目标审核通过").latest("id")
    assert "未写入该自评" in note.body
