"""Indicator quality checks (指标质量审核): the reference report's own problem 二 — indicators badly
balanced (many output, few benefit), inputs used as performance indicators, vague targets, no
satisfaction indicator where the task serves people."""

from __future__ import annotations

from collections import Counter

from jixiao.domain.document import Indicator
from jixiao.domain.enums import Direction, Level1, Level2
from jixiao.scoring.judgements import OUTPUT_BENEFIT_RATIO_MAX, Balance, level_balance

from jixiao.checks.document.context import CheckContext, named, number, where
from jixiao.domain.findings import Severity, object_location
from jixiao.checks.vocabulary import vocabulary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def check_task_balance(ctx: CheckContext) -> None:
    """Each task: some indicators, at least one benefit indicator, outputs not outnumbering benefits
    by more than the pack's ratio, a 满意度 indicator when it serves people."""
    ratio_max = ctx.threshold(OUTPUT_BENEFIT_RATIO_MAX)
    words = vocabulary()
    for task in ctx.doc.tasks:
        where_task = object_location("task", task.code, "indicators", name=task.name)
        applicable = [i for i in task.indicators if i.applicable]
        balance = level_balance(applicable, ctx.pack)
        if balance is Balance.NO_INDICATORS:
            ctx.add("task.no_indicators", E, f"任务{task.code}“{task.name}”没有设置绩效指标", where_task)
            continue
        counts = Counter(i.level1 for i in applicable)
        outputs, benefits = counts[Level1.OUTPUT], counts[Level1.BENEFIT]
        if balance is Balance.NO_BENEFIT:
            ctx.add("task.no_benefit", W, f"任务{task.code}“{task.name}”有 {outputs} 个产出指标，没有效益指标，"
                    "未能体现任务的实施效果", where_task, outputs=outputs, benefits=0)
        elif balance is Balance.TOO_MANY_OUTPUTS:
            ctx.add("task.output_benefit_ratio", W,
                    f"任务{task.code}“{task.name}”产出指标 {outputs} 个、效益指标 {benefits} 个，产出指标超过效益指标的 "
                    f"{number(ratio_max)} 倍，效益指标偏少", where_task, outputs=outputs, benefits=benefits,
                    ratio_max=ratio_max)
        if counts[Level1.SATISFACTION] == 0:
            text = " ".join([task.name, task.description, task.summary] + [i.name for i in applicable])
            recipient = words.has_any(text, words.service_recipient_words)
            if recipient:
                ctx.add("task.satisfaction_missing", W,
                        f"任务{task.code}“{task.name}”有服务对象（“{recipient}”），但没有设置满意度指标", where_task,
                        recipient=recipient)
        levels2 = Counter(i.level2 for i in applicable if i.level1 is Level1.OUTPUT)
        if outputs and not levels2[Level2.QUANTITY]:
            ctx.add("task.output_no_quantity", I, f"任务{task.code}“{task.name}”的产出指标中没有数量指标", where_task)
        if outputs >= 2 and not (levels2[Level2.QUALITY] or levels2[Level2.TIMELINESS]):
            ctx.add("task.output_no_quality", I, f"任务{task.code}“{task.name}”的产出指标中没有质量或时效指标", where_task)


def check_indicator_quality(ctx: CheckContext) -> None:
    """Each indicator: its level 2 under its level 1, not an input, a checkable target, a unique code."""
    words = vocabulary()
    codes = Counter(i.code for i in ctx.doc.indicators if i.code)
    reported: set[str] = set()
    for task in ctx.doc.tasks:
        names = Counter(i.name for i in task.indicators)
        first_named: dict[str, Indicator] = {}
        for item in task.indicators:
            first_named.setdefault(item.name, item)
        for indicator in task.indicators:
            if indicator.level2.level1 is not indicator.level1:
                ctx.add("indicator.level_mismatch", E, f"{named(task, indicator)}的二级指标“{indicator.level2.label}”"
                        f"不属于一级指标“{indicator.level1.label}”（应属于“{indicator.level2.level1.label}”）",
                        where(task, indicator, "level2"))
            if indicator.code and codes[indicator.code] > 1 and indicator.code not in reported:
                reported.add(indicator.code)
                ctx.add("indicator.duplicate_code", E, f"指标编码“{indicator.code}”重复使用了 {codes[indicator.code]} 次",
                        where(task, indicator, "code"))
            if names[indicator.name] > 1 and indicator is first_named[indicator.name]:
                ctx.add("indicator.duplicate_name", W, f"任务{task.code}中指标“{indicator.name}”出现了 "
                        f"{names[indicator.name]} 次", where(task, indicator, "name"))
            if indicator.level2 is not Level2.COST:
                unit = indicator.unit or indicator.target.unit
                pattern = words.input_indicator.search(indicator.name)
                if pattern is not None or (unit in words.money_units and indicator.level1 is Level1.OUTPUT):
                    why = f"以金额（{unit}）计量" if pattern is None else "衡量的是投入"
                    ctx.add("indicator.input_as_performance", W,
                            f"{named(task, indicator)}{why}，资金、人员等投入不能作为绩效指标，"
                            "应改为反映产出或效果的指标",
                            where(task, indicator, "name"), unit=unit)
            if indicator.direction is Direction.QUALITATIVE:
                vague = words.has_any(indicator.target.text, words.vague_target_words)
                if vague and len(indicator.target.text.strip()) <= 12:
                    ctx.add("indicator.vague_target", I,
                            f"{named(task, indicator)}的指标值“{indicator.target.text}”表述笼统，"
                            "年末难以判断是否达成，建议量化或写明达成标准", where(task, indicator, "target"),
                            target=indicator.target.text)


CHECKS = (check_task_balance, check_indicator_quality)
