"""Synthetic evaluation documents at province scale, reproducible from a seed (pure: no database).

Used by ``jixiao generate`` (which bulk-inserts them) and by benchmarks. The shapes follow real
tables: ~10 tasks per department, ~8 indicators per task split 产出/效益/满意度, targets written as
people write them, mostly met, some missed, fund lines by source and nature.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument, Fact, FundLine, Indicator, Project, Task
from jixiao.domain.enums import EvaluationStatus, FundNature, FundSource, Level1, Level2
from jixiao.domain.numbers import round_half_up

_OUTPUT_NAMES = (
    ("quantity", "举办培训场次", "场"), ("quantity", "服务对象人次", "人次"), ("quantity", "开展检查次数", "次"),
    ("quantity", "完成项目个数", "个"), ("quality", "验收合格率", "%"), ("quality", "资料归档完整率", "%"),
    ("timeliness", "按期完成率", "%"), ("cost", "人均培训成本", "元"), ("cost", "项目成本控制数", "万元"),
)
_BENEFIT_NAMES = (
    ("social", "受益群众人次", "人次"), ("social", "政策知晓率", "%"), ("economic", "带动企业增收", "万元"),
    ("sustainable", "长效机制建立情况", ""), ("ecological", "环境投诉下降率", "%"),
)
_SATISFACTION_NAMES = (("satisfaction", "服务对象满意度", "%"), ("satisfaction", "参训人员满意度", "%"))
_DEPARTMENT_KINDS = ("教育局", "卫生健康局", "司法局", "交通运输局", "农业农村局", "文化广电旅游局", "科学技术局",
                     "民政局", "人力资源和社会保障局", "生态环境分局", "住房和城乡建设局", "市场监督管理局",
                     "应急管理局", "城市管理和综合执法局", "商务局", "统计局", "审计局", "退役军人事务局")
_STATUSES = (EvaluationStatus.PUBLISHED, EvaluationStatus.ACCEPTED, EvaluationStatus.SUBMITTED,
             EvaluationStatus.DRAFT, EvaluationStatus.RETURNED)


@dataclass(frozen=True)
class SyntheticRegion:
    code: str
    name: str
    parent_code: str


def regions(departments: int, *, per_region: int = 40) -> list[SyntheticRegion]:
    """A province (990000) with enough districts for ``departments`` departments."""
    count = max(1, -(-departments // per_region))
    result = [SyntheticRegion("990000", "示例省", "")]
    result += [SyntheticRegion(f"99{i // 100 + 1:02d}{i % 100 + 1:02d}", f"示例省第{i + 1}区", "990000")
               for i in range(count)]
    return result


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(f"{rng.uniform(low, high):.2f}")


def _indicator(rng: random.Random, code: str, level1: Level1, pick, weight: Decimal) -> Indicator:
    level2, name, unit = pick
    met = rng.random() < 0.9
    if unit == "":
        target, actual = "长效机制有效运行", ("效果明显" if met else "部分达成")
    elif unit == "%":
        goal = rng.choice((85, 90, 95, 98, 100))
        got = goal + rng.randint(0, 100 - goal) if met else goal - rng.randint(1, 15)
        target, actual = f"≥{goal}%", f"{got}%"
    elif level2 == "cost":
        goal = rng.randint(50, 500)
        got = goal - rng.randint(0, goal // 5) if met else goal + rng.randint(1, goal // 4 + 1)
        target, actual = f"≤{goal}{unit}", f"{got}{unit}"
    else:
        goal = rng.randint(5, 2000)
        got = goal + rng.randint(0, goal // 3 + 1) if met else max(0, goal - rng.randint(1, goal // 2 + 1))
        target, actual = f"≥{goal}{unit}", f"{got}{unit}"
    return Indicator.from_text(
        code=code, level1=level1, level2=Level2(level2), name=name, target=target, actual=actual, weight=weight,
        deviation_reason="" if met else "受客观因素影响，实施进度滞后。", target_basis="计划标准：年度工作计划",
    )


def _weights(count: int, total: Decimal) -> list[Decimal]:
    """``count`` weights with two places adding up exactly to ``total``, none negative: the cents
    shared out evenly, the first ones a cent more when they do not divide (a rounded share times a
    large count could pass the total and leave the last weight below zero)."""
    cents = int(total * 100)
    base, extra = divmod(cents, count)
    return [(Decimal(base + (1 if i < extra else 0)) / 100).quantize(Decimal("0.01")) for i in range(count)]


def documents(departments: int = 2000, years: tuple[int, ...] = (2021, 2022, 2023), seed: int = 1,
              *, tasks_per_department: int = 10, indicators_per_task: int = 8,
              indicator_points: Decimal = Decimal(90), rule_pack: str = "gd-2022-department",
              only: range | None = None) -> Iterator[EvaluationDocument]:
    """Yield one document per department and year; the same seed gives the same documents. ``only``:
    just these departments (by number), the same documents as in the whole run (for parallel work)."""
    districts = regions(departments)[1:]
    for d in (only if only is not None else range(departments)):
        region = districts[d * len(districts) // departments]
        kind = _DEPARTMENT_KINDS[d % len(_DEPARTMENT_KINDS)]
        name = f"{region.name}{kind}" + (f"（{d // len(_DEPARTMENT_KINDS) + 1}）" if d >= len(_DEPARTMENT_KINDS) else "")
        for year in years:
            rng = random.Random(f"{seed}:{d}:{year}")
            n_tasks = max(1, tasks_per_department + rng.randint(-2, 2))
            counts = [max(3, indicators_per_task + rng.randint(-2, 2)) for _ in range(n_tasks)]
            weights = iter(_weights(sum(counts), indicator_points))
            tasks = []
            for t in range(n_tasks):
                n_benefit = max(1, counts[t] // 4)
                n_output = counts[t] - n_benefit - 1
                plan = ([(Level1.OUTPUT, rng.choice(_OUTPUT_NAMES)) for _ in range(n_output)]
                        + [(Level1.BENEFIT, rng.choice(_BENEFIT_NAMES)) for _ in range(n_benefit)]
                        + [(Level1.SATISFACTION, rng.choice(_SATISFACTION_NAMES))])
                indicators = tuple(_indicator(rng, f"{t + 1}-{i + 1}", level1, pick, next(weights))
                                   for i, (level1, pick) in enumerate(plan))
                budget = _money(rng, 10, 500)
                executed = min(budget, round_half_up(budget * Decimal(f"{rng.uniform(0.8, 1.0):.4f}")))
                project = Project(code=f"{region.code}{year}{d:05d}{t + 1:02d}", name=f"第{t + 1}项重点工作经费",
                                  unit=name, budget=budget, executed=executed, initial_budget=budget)
                tasks.append(Task(code=str(t + 1), name=f"重点工作任务{t + 1}", responsible_unit="业务科",
                                  funds=budget, projects=(project,), indicators=indicators))
            project_budget = sum((t.funds for t in tasks), Decimal(0))
            project_executed = sum((t.projects[0].executed for t in tasks), Decimal(0))
            basic = _money(rng, 200, 3000)
            fund_lines = (
                FundLine(FundSource.GENERAL_BUDGET, FundNature.BASIC, basic, basic, basic),
                FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, project_budget, project_budget,
                         project_executed, project_budget - project_executed),
            )
            yield EvaluationDocument(
                region_code=region.code, region_name=region.name, department_code=f"{region.code}-{d:05d}",
                department_name=name, year=year, rule_pack=rule_pack, status=rng.choice(_STATUSES),
                fund_lines=fund_lines, tasks=tuple(tasks),
                facts=(Fact("management_rules", "是"), Fact("info_disclosure", "是"),
                       Fact("performance_monitoring", rng.choice(("是", "否"))), Fact("asset_management", "是")),
            )
