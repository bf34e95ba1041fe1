"""Arithmetic checks (算术审核) on an evaluation document: amounts that cannot be, parts that exceed
their whole, weights that do not add up to the pack's total."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.enums import FundNature
from jixiao.domain.numbers import ZERO, format_amount

from jixiao.checks.document.context import CheckContext, number
from jixiao.domain.findings import Severity, object_location

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
CENT = Decimal("0.005")  # amounts are stored to the cent (万元, two places)


def _fund_where(line, field_name: str) -> dict:
    return object_location("fund_line", field_name=field_name, source=line.source.label, nature=line.nature.label)


def check_funds(ctx: CheckContext) -> None:
    """资金: no negative amounts, execution within budget, carry-over within what was not spent."""
    for line in ctx.doc.fund_lines:
        name = f"{line.source.label}·{line.nature.label}"
        for field_name, label in (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"),
                                  ("executed", "执行数"), ("carryover", "结转结余")):
            value = getattr(line, field_name)
            if value < 0:
                ctx.add("funds.negative", E, f"资金“{name}”的{label}为负数（{format_amount(value)} 万元）",
                        _fund_where(line, field_name), value=value)
        if not ctx.evaluating:
            continue
        over = line.executed > line.full_year_budget + CENT
        if over:
            ctx.add("funds.executed_over_budget", E,
                    f"资金“{name}”执行数 {format_amount(line.executed)} 万元超过全年预算数 "
                    f"{format_amount(line.full_year_budget)} 万元", _fund_where(line, "executed"),
                    executed=line.executed, budget=line.full_year_budget)
        unspent = line.full_year_budget - line.executed
        if not over and line.carryover > unspent + CENT and line.carryover > 0:
            ctx.add("funds.carryover_over_unspent", E,
                    f"资金“{name}”结转结余 {format_amount(line.carryover)} 万元超过未执行的预算 "
                    f"{format_amount(unspent)} 万元（全年预算数 {format_amount(line.full_year_budget)} − 执行数 "
                    f"{format_amount(line.executed)}）", _fund_where(line, "carryover"),
                    carryover=line.carryover, unspent=unspent)


def check_projects(ctx: CheckContext) -> None:
    """项目: execution within budget; projects within the 项目支出 funds; a task's funds equal to its projects."""
    doc = ctx.doc
    for task in doc.tasks:
        for project in task.projects:
            where = object_location("project", project.code or project.name, task=task.code)
            for field_name, label in (("budget", "全年预算数"), ("executed", "全年执行数")):
                if getattr(project, field_name) < 0:
                    ctx.add("project.negative", E, f"项目“{project.name}”的{label}为负数",
                            {**where, "field": field_name}, value=getattr(project, field_name))
            if ctx.evaluating and project.executed > project.budget + CENT:
                ctx.add("project.executed_over_budget", E,
                        f"项目“{project.name}”全年执行数 {format_amount(project.executed)} 万元超过全年预算数 "
                        f"{format_amount(project.budget)} 万元", {**where, "field": "executed"},
                        executed=project.executed, budget=project.budget)
        if task.projects and task.funds > 0:
            project_total = sum((p.budget for p in task.projects), ZERO)
            if abs(project_total - task.funds) > CENT:
                ctx.add("task.funds_vs_projects", W,
                        f"任务{task.code}“{task.name}”涉及资金 {format_amount(task.funds)} 万元，与其项目全年预算数之和 "
                        f"{format_amount(project_total)} 万元不符", object_location("task", task.code, "funds"),
                        funds=task.funds, projects=project_total)
    projects = doc.projects
    if not projects or not doc.fund_lines:
        return
    nature_budget = doc.budget_by_nature()[FundNature.PROJECT]
    nature_executed = doc.executed_by_nature()[FundNature.PROJECT]
    project_budget = sum((p.budget for p in projects), ZERO)
    project_executed = sum((p.executed for p in projects), ZERO)
    if project_budget > nature_budget + CENT:
        ctx.add("funds.projects_over_nature", E,
                f"各项目全年预算数之和 {format_amount(project_budget)} 万元超过资金表中项目支出的全年预算数 "
                f"{format_amount(nature_budget)} 万元", object_location("funds", field_name="full_year_budget",
                                                                    nature=FundNature.PROJECT.label),
                projects=project_budget, nature=nature_budget)
    if ctx.evaluating and project_executed > nature_executed + CENT:
        ctx.add("funds.projects_over_nature", E,
                f"各项目全年执行数之和 {format_amount(project_executed)} 万元超过资金表中项目支出的执行数 "
                f"{format_amount(nature_executed)} 万元", object_location("funds", field_name="executed",
                                                                     nature=FundNature.PROJECT.label),
                projects=project_executed, nature=nature_executed)


def check_weights(ctx: CheckContext) -> None:
    """分值: with a pack that takes the indicators' own points, they and the other leaves must add up
    to the pack's total; a level-1 split unlike the pack's is pointed out."""
    pack, doc = ctx.pack, ctx.doc
    if pack.indicator_weights != "document":
        return
    indicators = [i for i in doc.indicators if i.applicable]
    if any(i.weight is None for i in indicators):
        return  # reported as missing weights
    leaves = [leaf for leaf in pack.leaves if not leaf.is_group]
    other = sum((leaf.weight for leaf in leaves), ZERO)
    indicator_total = sum((i.weight for i in indicators), ZERO)
    total = indicator_total + other
    if total != pack.total:
        parts = " + ".join(f"{leaf.name} {number(leaf.weight)}" for leaf in leaves)
        ctx.add("score.weights_total", E,
                f"各指标分值合计 {number(indicator_total)}" + (f"，加上{parts}" if parts else "")
                + f"，共 {number(total)} 分，规则包“{pack.name}”要求合计 {number(pack.total)} 分",
                object_location("document", field_name="weights"), indicators=indicator_total, other=other,
                total=total, expected=pack.total)
        return
    for group in (leaf for leaf in pack.leaves if leaf.is_group):
        weight = sum((i.weight for i in indicators if i.level1 in group.indicators), ZERO)
        if indicators and weight != group.weight:
            ctx.add("score.level1_weights", I,
                    f"{group.name}分值合计 {number(weight)}，规则包的默认权重为 {number(group.weight)}"
                    "（可适当调整，但应说明理由）", object_location("document", field_name="weights", level1=group.name),
                    weight=weight, expected=group.weight)


CHECKS = (check_funds, check_projects, check_weights)
