"""The demo's 2022 cycle (``cycle.yaml``): targets declared and approved, a 1—7月 round in which the
reference department's 乡村振兴产业对接成功案例 is red with its reason, the warnings that follow, an
approved target adjustment in another department, the reference report's three measures as
rectification items (one confirmed) and the region's indicator library. Every step goes through the
services, as a person would take it; run by :func:`jixiao.demo.loader.load_demo`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from jixiao.cycle.adjustments import decide_adjustment, request_adjustment
from jixiao.cycle.models import RectificationItem, TargetDeclaration
from jixiao.cycle.rectification import answer_item, confirm_item, issue_requirement, items_from_report
from jixiao.cycle.targets import build_library, review_declaration, save_declaration, submit_declaration
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.store import document_for
from jixiao.monitoring.models import MonitoringRound
from jixiao.monitoring.services import open_round, report_funds, report_indicator
from jixiao.monitoring.warnings import compute_warnings
from jixiao.orgs.models import SYSTEM, Department, Region, User


def _user(username: str):
    return User.objects.filter(username=username).first() or SYSTEM


def load_cycle(spec: dict) -> list[str]:
    """Load the cycle once (a second call finds the round and does nothing); returns what was done."""
    done: list[str] = []
    region = Region.objects.get(code=spec["round"]["region"])
    if MonitoringRound.objects.filter(region=region, year=spec["round"]["year"]).exists():
        return done
    staff, approver, reviewer = _user("gsl_staff"), _user("gsl_approver"), _user("hp_reviewer")
    year = spec["targets"]["year"]
    for code in spec["targets"]["departments"]:
        department = Department.objects.get(code=code)
        evaluation = Evaluation.objects.get(department=department, year=year, kind="department")
        doc = document_for(evaluation)
        rows = [{"task_code": t.code, "task_name": t.name, "code": i.code, "level1": i.level1.label,
                 "level2": i.level2.label, "name": i.name, "target": i.target.text, "unit": i.unit,
                 "basis": i.target_basis, "weight": i.weight} for t in doc.tasks for i in t.indicators]
        goal = "；".join(t.name for t in doc.tasks)
        own = department.code == "440112-107"
        declaration, _ = save_declaration(department=department, year=year, goal=goal, rows=rows,
                                          acting_user=staff if own else SYSTEM)
        submit_declaration(declaration=declaration, acting_user=approver if own else SYSTEM)
        review_declaration(declaration=declaration, approve=True, acting_user=reviewer, reason="目标明确、指标可衡量，同意")
    done.append(f"{year} 年绩效目标申报并审核通过：{len(spec['targets']['departments'])} 个部门")

    r = spec["round"]
    round_ = open_round(region=region, year=r["year"], acting_user=reviewer, cut_off=date.fromisoformat(r["cut_off"]),
                        deadline=date.fromisoformat(r["deadline"]))
    for code, report in spec["reports"].items():
        evaluation = Evaluation.objects.get(department__code=code, year=r["year"], kind="department")
        actor = staff if code == "440112-107" else SYSTEM
        for item in report.get("indicators", ()):
            report_indicator(round=round_, evaluation=evaluation, indicator_code=item["code"], value_text=item["value"],
                             acting_user=actor, possibility=item.get("possibility", ""),
                             reason_category=item.get("reason_category", ""), analysis=item.get("analysis", ""),
                             measure=item.get("measure", ""))
        if report.get("funds"):
            report_funds(round=round_, evaluation=evaluation, acting_user=actor,
                         executed={k: Decimal(v) for k, v in report["funds"].items()})
    summary = compute_warnings(today=round_.deadline, region=region, year=r["year"])
    done.append(f"{round_}：监控填报 {summary.checked} 项，预警 {summary.changed} 项")

    a = spec["adjustment"]
    evaluation = Evaluation.objects.get(department__code=a["department"], year=year, kind="department")
    adjustment = request_adjustment(evaluation=evaluation, kind="target", subject=a["indicator"], after=a["after"],
                                    reason=a["reason"], acting_user=SYSTEM)
    decide_adjustment(adjustment=adjustment, approve=True, acting_user=reviewer, reason="理由充分，同意调整")
    done.append(f"调整已批准：{evaluation.department.name} {a['indicator']} {adjustment.before} → {adjustment.after}")

    rect = spec["rectification"]
    evaluation = Evaluation.objects.get(department__code=rect["department"], year=rect["year"], kind="department")
    items = items_from_report(evaluation=evaluation, acting_user=reviewer)
    deadline = timezone.localdate() + timedelta(days=rect["deadline_days"])
    for item in items:
        issue_requirement(item=item, requirement=f"按自评报告提出的改进措施整改：{item.measure}", deadline=deadline,
                          acting_user=reviewer)
    confirmed = RectificationItem.objects.get(evaluation=evaluation, key=rect["confirmed"]["key"])
    answer_item(item=confirmed, text=rect["confirmed"]["reply"], acting_user=staff)
    confirm_item(item=confirmed, acting_user=reviewer, reason="整改措施已落实，验收通过")
    answered = RectificationItem.objects.get(evaluation=evaluation, key=rect["answered"]["key"])
    answer_item(item=answered, text=rect["answered"]["reply"], acting_user=staff)
    done.append(f"整改事项 {len(items)} 项（已验收 1 项，待验收 1 项）")
    created, _ = build_library(region=region, acting_user=reviewer)
    done.append(f"指标库：{created} 个指标")
    return done


def declarations_loaded() -> int:
    return TargetDeclaration.objects.count()
