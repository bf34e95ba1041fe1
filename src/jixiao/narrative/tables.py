"""Tables of the report: the 自评表 appendix (funds and the score of every leaf) and the charts' data.

The score table follows the rule pack's tree: one column per level of the pack (一级指标, 二级指标…),
cells of equal consecutive values merged, then 分值, 年度指标值/评分标准, 实际完成值, 得分 and the
deviation reason with the improvement measure.
"""

from __future__ import annotations

import math
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import Level1, Level2
from jixiao.domain.numbers import ZERO, format_number, format_percent, format_table_amount
from jixiao.rules.model import RulePack
from jixiao.scoring import ScoreResult

from jixiao.narrative.model import Cell, Chart, Series, Table
from jixiao.narrative.numbering import chinese_numeral

# Headings break where the words do (a renderer never breaks a heading line further).
LEVEL_HEADINGS = tuple(f"{chinese_numeral(n)}级\n指标" for n in range(1, 7))
AMOUNT = "（万元）"
LABEL_SUFFIX = "指标"
LABEL_LINE = 4  # characters a level column holds on a line (产出指标, 预算执行)
LEVEL2_ORDER = {level.label: index for index, level in enumerate(Level2)}
SHORT_VALUE = 7  # an actual value this short (123人次, 效果明显) is kept on one line


def level_label(name: str) -> str:
    """A merged 一级/二级指标 cell in lines of at most :data:`LABEL_LINE` characters: broken before
    a trailing 指标 (社会效益 / 指标), a longer rest halved (服务对象 / 满意度 / 指标, 可持续 / 影响 / 指标),
    so a narrow level column never breaks a word where it happens to end."""
    parts = [name]
    if len(name) > LABEL_LINE and name.endswith(LABEL_SUFFIX) and len(name) > len(LABEL_SUFFIX):
        parts = [name[:-len(LABEL_SUFFIX)], LABEL_SUFFIX]
    lines = []
    for part in parts:
        count = math.ceil(len(part) / LABEL_LINE)
        size = math.ceil(len(part) / count)
        lines += [part[i:i + size] for i in range(0, len(part), size)]
    return "\n".join(lines)


def _rate(executed: Decimal, budget: Decimal) -> str:
    return format_percent(executed / budget, 2) if budget else "—"


def funds_table(doc: EvaluationDocument) -> Table:
    """资金情况: budget, executed and rate in total, by source and by nature (万元); a project
    evaluation without fund lines shows its projects instead."""
    from jixiao.domain.enums import EvaluationKind, FundNature, FundSource

    if doc.kind is EvaluationKind.PROJECT and not doc.fund_lines:
        return project_funds_table(doc)

    head = (Cell("项目", colspan=2, bold=True),
            *(Cell(text, bold=True) for text in (f"年初预算数\n{AMOUNT}", f"全年预算数\n{AMOUNT}", f"执行数\n{AMOUNT}",
                                                 "执行率", f"结转和结余\n{AMOUNT}")))

    def amounts(lines) -> tuple[Cell, ...]:
        initial = sum((f.initial_budget for f in lines), ZERO)
        budget = sum((f.full_year_budget for f in lines), ZERO)
        executed = sum((f.executed for f in lines), ZERO)
        carry = sum((f.carryover for f in lines), ZERO)
        return tuple(Cell(text, align="right") for text in (
            format_table_amount(initial), format_table_amount(budget), format_table_amount(executed),
            _rate(executed, budget), format_table_amount(carry)))

    rows = [head, (Cell("合计", colspan=2, bold=True), *amounts(doc.fund_lines))]
    for index, source in enumerate(FundSource):
        lines = [f for f in doc.fund_lines if f.source is source]
        group = (Cell("按资金\n来源", rowspan=len(FundSource), nowrap=True),) if index == 0 else ()
        rows.append((*group, Cell(source.label, align="left"), *amounts(lines)))
    for index, nature in enumerate(FundNature):
        lines = [f for f in doc.fund_lines if f.nature is nature]
        group = (Cell("按支出\n性质", rowspan=len(FundNature), nowrap=True),) if index == 0 else ()
        rows.append((*group, Cell(nature.label, align="left"), *amounts(lines)))
    return Table(key="funds", title="部门整体支出情况", rows=tuple(rows), widths=(1.0, 2.2, 1.55, 1.55, 1.55, 1.3, 1.4))


def project_funds_table(doc: EvaluationDocument) -> Table:
    """项目资金情况: each project's initial and full-year budget, executed and rate (万元)."""
    head = tuple(Cell(text, bold=True) for text in
                 ("项目名称", f"年初预算数\n{AMOUNT}", f"全年预算数\n{AMOUNT}", f"执行数\n{AMOUNT}", "执行率"))

    def row(name: str, initial: Decimal, budget: Decimal, executed: Decimal, bold: bool = False) -> tuple[Cell, ...]:
        return (Cell(name, align="left", bold=bold),
                *(Cell(text, align="right") for text in (format_table_amount(initial), format_table_amount(budget),
                                                         format_table_amount(executed), _rate(executed, budget))))

    rows = [head] + [row(p.name, p.initial_budget, p.budget, p.executed) for p in doc.projects]
    if len(doc.projects) > 1:
        rows.append(row("合计", sum((p.initial_budget for p in doc.projects), ZERO),
                        sum((p.budget for p in doc.projects), ZERO), sum((p.executed for p in doc.projects), ZERO),
                        bold=True))
    return Table(key="funds", title="项目资金情况", rows=tuple(rows), widths=(3.2, 1.55, 1.55, 1.55, 1.3))


def _leaf_order(pack: RulePack | None) -> dict[str, int]:
    if pack is None:
        return {}
    return {leaf.key: index for index, leaf in enumerate(pack.leaves)}


def score_table(doc: EvaluationDocument, score: ScoreResult, pack: RulePack | None,
                unanswered: frozenset[str] = frozenset()) -> Table:
    """评分表: every scored item under the pack's tree, the total and the grade.

    Each top node of the pack (管理效率, 履职效能…) is a full-width row with its points and score;
    under it the rest of the path fills up to three indicator columns (产出指标 / 数量指标 / name),
    equal consecutive cells merged, the last cell spanning what a shorter path leaves free. The
    实际完成值 of a management item nobody answered (``unanswered``) is left blank, as on a paper form."""
    indicators = {indicator.code: indicator for indicator in doc.indicators}
    entries = []  # (order, path, weight, standard/target, actual, score, note)
    order = _leaf_order(pack)
    if score.execution is not None:
        e = score.execution
        entries.append((order.get(e.leaf_key, -1), e.path, e.weight, "得分 = 分值 × 执行率（执行数 ÷ 全年预算数）",
                        _rate(e.executed, e.budget), e.score, ""))
    for item in score.items:
        note = ""
        indicator = indicators.get(item.indicator_code)
        if indicator is not None and item.score < item.weight:
            note = "；".join(t.strip().rstrip("。") for t in (indicator.deviation_reason, indicator.improvement)
                            if t.strip())
            note = note + "。" if note else ""
        actual = "" if not item.indicator_code and item.leaf_key in unanswered else item.actual
        entries.append((order.get(item.leaf_key, len(order)), item.path, item.weight, item.target, actual,
                        item.score, note))
    entries = _grouped(entries)
    grouped = all(len(e[1]) > 1 for e in entries)
    paths = [e[1][1:] if grouped else e[1] for e in entries]
    depth = min(max((len(p) for p in paths), default=1), 3)
    paths = [p if len(p) <= depth else (*p[:depth - 1], "·".join(p[depth - 1:])) for p in paths]
    columns = depth + 5
    head = tuple(Cell(text, bold=True) for text in
                 (*LEVEL_HEADINGS[:depth], "分值", "年度指标值 /\n评分标准", "实际\n完成值", "得分", "偏差原因分析\n及改进措施"))
    rows: list[tuple[Cell, ...]] = [head]
    breakdown = score.by_level1()
    for index, (_, full_path, weight, target, actual, points, note) in enumerate(entries):
        if grouped and (index == 0 or entries[index - 1][1][0] != full_path[0]):
            group_weight, group_score = breakdown.get(full_path[0], (None, None))
            label = full_path[0]
            if group_weight is not None:
                label += f"（分值 {format_number(group_weight)} 分，得分 {group_score} 分）"
            rows.append((Cell(label, colspan=columns, align="left", bold=True),))
        path = paths[index]
        row: list[Cell] = []
        for level, name in enumerate(path):
            if level < len(path) - 1:
                prefix = path[:level + 1]
                same_group = index and (not grouped or entries[index - 1][1][0] == full_path[0])
                if same_group and paths[index - 1][:level + 1] == prefix:
                    continue  # covered by the rowspan of the first row of this group
                span = 1
                while (index + span < len(paths) and paths[index + span][:level + 1] == prefix
                       and (not grouped or entries[index + span][1][0] == full_path[0])):
                    span += 1
                row.append(Cell(level_label(name), rowspan=span, nowrap=True))
            else:
                row.append(Cell(name, colspan=depth - level, align="left"))
        row += [Cell(format_number(weight)), Cell(target or "", align="left"),
                Cell(actual or "", nowrap=len(actual or "") <= SHORT_VALUE),  # 200人次 on one line
                Cell(str(points)), Cell(note, align="left")]
        rows.append(tuple(row))
    rows.append((Cell("总分", colspan=depth, bold=True), Cell(format_number(score.weight_total), bold=True),
                 Cell("", colspan=2), Cell(str(score.total), bold=True), Cell(f"自评等次：{score.grade}", bold=True)))
    widths = {1: (3.4,), 2: (1.4, 2.8), 3: (1.3, 1.3, 3.0)}[depth] + (0.85, 2.7, 1.4, 1.1, 2.4)
    return Table(key="score", title="绩效自评评分表", rows=tuple(rows), widths=widths)


def _grouped(entries: list) -> list:
    """Entries in the pack's leaf order, and within a leaf grouped by their path: every 二级指标
    once (in the order of the indicator framework: 经济 before 社会效益…, other names as first met),
    its indicators in the order they came. Tasks list their indicators task by task, so without this
    one 社会效益指标 group would show twice around an 经济效益指标 of another task."""
    first_seen: dict[tuple[str, ...], int] = {}
    for entry in entries:
        path = entry[1]
        for depth in range(1, len(path)):
            first_seen.setdefault(path[:depth], len(first_seen))

    def key(entry):
        path = entry[1]
        groups = tuple((LEVEL2_ORDER.get(path[depth - 1], len(LEVEL2_ORDER)), first_seen[path[:depth]])
                       for depth in range(1, len(path)))
        return entry[0], groups

    return sorted(entries, key=key)  # stable: indicators keep their order within a group


def funds_charts(doc: EvaluationDocument) -> list[Chart]:
    """Budget against executed, by source (sources with any money) and by nature."""
    from jixiao.domain.enums import FundNature, FundSource

    budget, executed = doc.budget_by_source(), doc.executed_by_source()
    sources = [s for s in FundSource if budget[s] or executed[s]]
    charts = []
    if sources:
        charts.append(Chart(
            key="funds_by_source", title="预算执行情况（按资金来源）", kind="barh",
            categories=tuple(s.label for s in sources),
            series=(Series("全年预算数", tuple(budget[s] for s in sources)),
                    Series("执行数", tuple(executed[s] for s in sources))),
            unit="万元"))
    budget_n, executed_n = doc.budget_by_nature(), doc.executed_by_nature()
    natures = [n for n in FundNature if budget_n[n] or executed_n[n]]
    if natures:
        charts.append(Chart(
            key="funds_by_nature", title="预算执行情况（按支出性质）", kind="barh",
            categories=tuple(n.label for n in natures),
            series=(Series("全年预算数", tuple(budget_n[n] for n in natures)),
                    Series("执行数", tuple(executed_n[n] for n in natures))),
            unit="万元"))
    return charts


def completion_chart(doc: EvaluationDocument, met: dict[str, bool | None]) -> Chart | None:
    """Indicators reaching / missing their targets, by task."""
    tasks = [t for t in doc.tasks if t.indicators]
    if not tasks:
        return None
    reached, missed, unknown = [], [], []
    for task in tasks:
        states = [met.get(i.code) for i in task.indicators if i.applicable]
        reached.append(Decimal(sum(1 for s in states if s is True)))
        missed.append(Decimal(sum(1 for s in states if s is False)))
        unknown.append(Decimal(sum(1 for s in states if s is None)))
    series = [Series("已达到目标值", tuple(reached)), Series("未达到目标值", tuple(missed))]
    if any(unknown):
        series.append(Series("无法判断", tuple(unknown)))
    return Chart(key="completion_by_task", title="各项工作任务绩效指标完成情况", kind="stacked_barh",
                 categories=tuple(f"任务{t.code} {t.name}" for t in tasks), series=tuple(series),
                 unit="个", value_format="count")


def score_chart(score: ScoreResult) -> Chart | None:
    """Points and score by level-1 indicator of the pack."""
    breakdown = score.by_level1()
    if not breakdown:
        return None
    names = tuple(breakdown)
    return Chart(key="score_by_level1", title="自评得分构成（按一级指标）", kind="barh", categories=names,
                 series=(Series("分值", tuple(breakdown[n][0] for n in names)),
                         Series("得分", tuple(breakdown[n][1] for n in names))),
                 unit="分", value_format="score")


def level1_counts(doc: EvaluationDocument) -> dict[Level1, int]:
    counts = {level: 0 for level in Level1}
    for task in doc.tasks:
        for level, count in task.count_by_level1().items():
            counts[level] += count
    return counts


def monitoring_table(doc: EvaluationDocument) -> Table | None:
    """运行监控情况 (the report's appendix): each monitored indicator at its latest date, with the
    projection, warning, possibility and reason the monitoring recorded; ``None`` when nothing was monitored."""
    latest = {}
    for snap in sorted(doc.monitoring, key=lambda s: s.as_of):
        if snap.indicator_code:
            latest[snap.indicator_code] = snap
    names = {i.code: i for i in doc.indicators}
    rows = [(names[code], snap) for code, snap in latest.items() if code in names]
    if not rows:
        return None
    head = tuple(Cell(text, bold=True) for text in
                 ("指标名称", "年度指标值", "已完成值", "全年预计", "预警", "完成可能性", "偏差原因"))
    body = tuple((Cell(indicator.name, align="left"), Cell(indicator.target.text),
                  Cell(snap.value.text if snap.value else ""), Cell(snap.projected.text if snap.projected else ""),
                  Cell(snap.warning.label if snap.warning else ""), Cell(snap.likelihood), Cell(snap.reason, align="left"))
                 for indicator, snap in rows)
    dates = sorted({snap.as_of for _, snap in rows})
    when = "、".join(f"{d.year}年{d.month}月{d.day}日" for d in dates)
    return Table(key="monitoring", title=f"绩效目标运行监控情况（截至{when}）", rows=(head, *body),
                 widths=(2.6, 1.2, 1.1, 1.1, 0.8, 1.2, 2.8))
