"""The official 绩效目标执行监控表 (部门整体 and 项目 forms) as xlsx, filled from data, and read back when a
department fills it in Excel or WPS.

Layout (rebuilt from real finance systems, shared/reference/cycle.md): the funds block (年初预算数,
调整后预算数, 截至N月底执行数, 执行率, 序时进度, 是否达到序时进度), 年度总体目标 and its progress, and the
indicator table: 一级指标 · 二级指标 · 三级指标 · 年度指标值 · 1—N月执行情况 · 全年预计完成情况 · 偏差原因
(one column per category of the monitoring pack, marked ✓) · 完成目标可能性 · 原因说明及纠偏措施. Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook, load_workbook

from jixiao.documents.forms.writer import _CENTER, _LEFT, _Sheet
from jixiao.domain.enums import Level1, Level2
from jixiao.domain.numbers import format_table_amount

MARK = "✓"
DEPARTMENT_FUND_HEADS = ("资金", "年初预算数", "调整后预算数", "截至{month}月底执行数", "执行率", "序时进度", "是否达到序时进度")
# the 项目 form's fund columns, after a city's import template (shared/reference/cycle.md)
PROJECT_FUND_HEADS = ("资金", "年初预算数", "追加数", "追减数", "调整预算数", "截至{month}月底支出数", "预算执行率",
                      "是否达到序时支出进度")
ADJUSTMENTS = "绩效目标调整情况"
_DEPARTMENT = re.compile(r"部门名称：(.+?)(?:　|$)")
_TITLE = re.compile(r"(\d{4})\s*年度(项目支出|部门整体)绩效目标执行监控表（1—(\d{1,2})月）")
MARKS = {"✓", "√", "✔", "1", "是", "x", "X", "×"}
HEADER = "三级指标"


class MonitoringFormError(ValueError):
    """A filled form that cannot be read; the message names the sheet and cell."""


@dataclass(frozen=True)
class FormFund:
    subject: str
    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    rate: Decimal | None  # % as shown
    time_progress: Decimal | None
    keeps_pace: bool
    added: Decimal | None = None  # 追加数 (项目 form)
    cut: Decimal | None = None  # 追减数 (项目 form)


@dataclass(frozen=True)
class FormIndicator:
    level1: str
    level2: str
    name: str
    target: str
    value: str = ""
    projected: str = ""
    reason_category: str = ""
    possibility: str = ""
    note: str = ""


@dataclass(frozen=True)
class MonitoringForm:
    department: str
    year: int
    month: int  # the cut-off month: 1—N月
    goal: str = ""
    goal_progress: str = ""
    project: str = ""  # empty: the department-overall form
    unit: str = ""
    project_code: str = ""  # 项目 form: 项目编码, 项目属性 (新增 / 延续), 绩效目标调整情况
    project_kind: str = ""
    adjustments: str = ""
    funds: tuple[FormFund, ...] = ()
    indicators: tuple[FormIndicator, ...] = ()
    categories: tuple[str, ...] = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")

    @property
    def title(self) -> str:
        what = "项目支出绩效目标执行监控表" if self.project else "部门整体绩效目标执行监控表"
        return f"{self.year} 年度{what}（1—{self.month}月）"


def write_monitoring_form(form: MonitoringForm) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "监控表"
    categories = form.categories
    widths = (10, 12, 24, 12, 14, 14, *(6,) * len(categories), 10, 30)
    s = _Sheet(sheet, widths)
    s.title(form.title, f"{'项目名称：' + form.project + '　' if form.project else ''}"
                        f"{'主管部门' if form.project else '部门名称'}：{form.department}"
                        f"{'　实施单位：' + form.unit if form.unit else ''}　单位：万元")
    last = s.columns
    row = s.row
    n = len(categories)
    if form.project:
        for pairs in ((("项目名称", form.project), ("项目编码", form.project_code)),
                      (("主管部门", form.department), ("实施单位", form.unit), ("项目属性", form.project_kind))):
            spans = _spans(last, len(pairs) * 2)
            for i, (label, value) in enumerate(pairs):
                s.cell(row, spans[2 * i][0], label, to=spans[2 * i][1], bold=True)
                s.cell(row, spans[2 * i + 1][0], value, to=spans[2 * i + 1][1], align=_LEFT)
            row += 1
        heads = PROJECT_FUND_HEADS
    else:
        heads = DEPARTMENT_FUND_HEADS
    heads = tuple(h.format(month=form.month) for h in heads)
    layout = ([(1, 3), (4, 4), (5, 5), (6, 6), (7, 6 + max(n // 2, 1)), (7 + max(n // 2, 1), 6 + n), (7 + n, last)]
              if not form.project else _spans(last, len(heads)))
    for (start, end), head in zip(layout, heads):
        s.cell(row, start, head, to=end, bold=True)
    row += 1
    for fund in form.funds:
        rate = "" if fund.rate is None else f"{fund.rate}%"
        pace = "是" if fund.keeps_pace else "否"
        if form.project:
            values = (fund.subject, *(_amount(v) for v in (fund.initial, fund.added, fund.cut, fund.adjusted,
                                                           fund.executed)), rate, pace)
        else:
            values = (fund.subject, _amount(fund.initial), _amount(fund.adjusted), _amount(fund.executed), rate,
                      "" if fund.time_progress is None else f"{fund.time_progress}%", pace)
        for (start, end), value in zip(layout, values):
            s.cell(row, start, value, to=end)
        row += 1
    s.cell(row, 1, "年度总体目标", to=3, bold=True)
    s.cell(row, 4, form.goal, to=last, align=_LEFT)
    row += 1
    s.cell(row, 1, f"截至{form.month}月底完成情况", to=3, bold=True)
    s.cell(row, 4, form.goal_progress, to=last, align=_LEFT)
    row += 1
    if form.project:
        s.cell(row, 1, ADJUSTMENTS, to=3, bold=True)
        s.cell(row, 4, form.adjustments, to=last, align=_LEFT)
        row += 1
    first_head = row
    for col, head in enumerate(("一级指标", "二级指标", HEADER, "年度指标值", f"1—{form.month}月执行情况", "全年预计完成情况"), 1):
        s.cell(row, col, head, to_row=row + 1, bold=True)
    s.cell(row, 7, "偏差原因", to=6 + len(categories), bold=True)
    for i, category in enumerate(categories):
        s.cell(row + 1, 7 + i, category, bold=True)
    s.cell(row, 7 + len(categories), "完成目标可能性", to_row=row + 1, bold=True)
    s.cell(row, last, "原因说明及纠偏措施", to_row=row + 1, bold=True)
    row += 2
    first = row
    for item in form.indicators:
        values = [item.level1, item.level2, item.name, item.target, item.value, item.projected,
                  *(MARK if item.reason_category == c else "" for c in categories), item.possibility, item.note]
        for col, value in enumerate(values, 1):
            s.cell(row, col, value, align=_LEFT if col in (3, last) else _CENTER)
        row += 1
    if row > first:
        s.merge_runs(first, row - 1, (1, 2))
    s.row = row
    s.note("填表说明：偏差原因在对应类别下打“✓”；完成目标可能性填 确定能、有可能 或 完全不可能；"
           "全年预计完成情况可按序时进度或以往年度进度推算。")
    s.finish(landscape=True)
    sheet.freeze_panes = sheet.cell(row=first_head + 2, column=1)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _spans(last: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of columns covering 1…``last``, the first ones one column wider when it does not divide."""
    width, extra = divmod(last, parts)
    spans, start = [], 1
    for i in range(parts):
        end = start + width + (1 if i < extra else 0) - 1
        spans.append((start, end))
        start = end + 1
    return spans


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format_table_amount(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_monitoring_form(data: bytes, *, categories: tuple[str, ...] | None = None,
                         possibilities: tuple[str, ...] = ("确定能", "有可能", "完全不可能")) -> list[FormIndicator]:
    """The indicator rows of a filled form (as written), each with its marked reason category."""
    try:
        book = load_workbook(BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # a damaged or foreign file
        raise MonitoringFormError(f"无法读取监控表（{type(exc).__name__}）") from None
    sheet = book.worksheets[0]
    grid = [[_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    header = next((i for i, r in enumerate(grid) if HEADER in r and "年度指标值" in r), None)
    if header is None:
        raise MonitoringFormError(f"“{sheet.title}”中没有找到指标表（表头应有“{HEADER}”“年度指标值”）")
    heads = grid[header]
    sub = grid[header + 1] if header + 1 < len(grid) else []
    column = {name: heads.index(name) for name in heads if name}
    found = tuple(c for c in sub if c) if categories is None else categories
    category_columns = {c: sub.index(c) for c in found if c in sub}
    missing = [c for c in (categories or ()) if c not in category_columns]
    if missing:
        raise MonitoringFormError(f"监控表的偏差原因缺少“{'、'.join(missing)}”列")
    possibility_col = column.get("完成目标可能性")
    note_col = column.get("原因说明及纠偏措施")
    value_col = next((i for i, h in enumerate(heads) if h.endswith("月执行情况")), None)
    projected_col = column.get("全年预计完成情况")
    rows, level1, level2 = [], "", ""
    for number, r in enumerate(grid[header + 2:], start=header + 3):
        name = r[column[HEADER]] if column[HEADER] < len(r) else ""
        if not name:
            if any(r):
                break  # the 填表说明 line
            continue
        level1 = r[0] or level1  # merged cells read as empty below their first row
        level2 = r[1] or level2
        marked = [c for c, i in category_columns.items() if i < len(r) and r[i] in MARKS]
        if len(marked) > 1:
            raise MonitoringFormError(f"第 {number} 行“{name}”：偏差原因只能选一类（选了 {'、'.join(marked)}）")
        possibility = r[possibility_col] if possibility_col is not None and possibility_col < len(r) else ""
        if possibility and possibility not in possibilities:
            raise MonitoringFormError(f"第 {number} 行“{name}”：完成目标可能性“{possibility}”无效（可选："
                                      f"{'、'.join(possibilities)}）")
        if Level1.from_label(level1) is None or Level2.from_label(level2) is None:
            raise MonitoringFormError(f"第 {number} 行“{name}”：一级、二级指标“{level1}”“{level2}”无法识别")
        rows.append(FormIndicator(level1=level1, level2=level2, name=name, target=r[column["年度指标值"]],
                                  value=r[value_col] if value_col is not None else "",
                                  projected=r[projected_col] if projected_col is not None else "",
                                  reason_category=marked[0] if marked else "", possibility=possibility,
                                  note=r[note_col] if note_col is not None and note_col < len(r) else ""))
    return rows


def _decimal(text: str, where: str) -> Decimal | None:
    text = text.replace(",", "").replace("，", "").rstrip("%").strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise MonitoringFormError(f"{where}：“{text}”不是数字") from None


def read_form(data: bytes, *, categories: tuple[str, ...] | None = None,
              possibilities: tuple[str, ...] = ("确定能", "有可能", "完全不可能")) -> MonitoringForm:
    """The whole filled form (部门整体 or 项目): its title, the project's block, the funds, the goal and
    its progress, the 绩效目标调整情况 and the indicator rows (as :func:`read_monitoring_form`)."""
    indicators = read_monitoring_form(data, categories=categories, possibilities=possibilities)
    sheet = load_workbook(BytesIO(data), data_only=True).worksheets[0]
    grid = [[_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    title = next((m for r in grid for c in r if c and (m := _TITLE.search(c))), None)
    if title is None:
        raise MonitoringFormError(f"“{sheet.title}”中没有找到表名（如“2022 年度项目支出绩效目标执行监控表（1—7月）”）")
    project = title.group(2) == "项目支出"

    def after(label: str) -> str:
        for r in grid:
            cells = [c for c in r if c]
            if label in cells and cells.index(label) + 1 < len(cells):
                following = cells[cells.index(label) + 1]
                return "" if following in LABELS else following
        return ""

    found = next(((i, r) for i, r in enumerate(grid) if r and r[0] == "资金"), None)
    funds = []
    if found is not None:
        start, heads = found
        columns = {h: i for i, h in reversed(list(enumerate(heads))) if h}
        for number, r in enumerate(grid[start + 1:], start=start + 2):
            if not r or not r[0] or r[0] in ("年度总体目标", "年度绩效目标"):
                break

            def cell(head: str) -> str:
                i = columns.get(head.format(month=int(title.group(3))))
                return r[i] if i is not None and i < len(r) else ""

            def number_of(head: str) -> Decimal | None:
                return _decimal(cell(head), f"第 {number} 行“{r[0]}”的{head.format(month=title.group(3))}")

            if project:
                funds.append(FormFund(r[0], number_of("年初预算数") or Decimal(0), number_of("调整预算数") or Decimal(0),
                                      number_of("截至{month}月底支出数") or Decimal(0), number_of("预算执行率"), None,
                                      cell("是否达到序时支出进度") == "是", added=number_of("追加数"),
                                      cut=number_of("追减数")))
            else:
                funds.append(FormFund(r[0], number_of("年初预算数") or Decimal(0), number_of("调整后预算数") or Decimal(0),
                                      number_of("截至{month}月底执行数") or Decimal(0), number_of("执行率"),
                                      number_of("序时进度"), cell("是否达到序时进度") == "是"))
    form = MonitoringForm(
        department=after("主管部门") if project else next(
            (m.group(1) for r in grid for c in r if c and (m := _DEPARTMENT.search(c))), ""), year=int(title.group(1)), month=int(title.group(3)),
        goal=after("年度总体目标"), goal_progress=after(f"截至{title.group(3)}月底完成情况"),
        project=after("项目名称") if project else "", unit=after("实施单位") if project else "",
        project_code=after("项目编码"), project_kind=after("项目属性"), adjustments=after(ADJUSTMENTS),
        funds=tuple(funds), indicators=tuple(indicators))
    return replace(form, categories=categories) if categories else form


LABELS = {"项目名称", "项目编码", "主管部门", "实施单位", "项目属性"}
