"""The official self-evaluation forms as printable xlsx (openpyxl, A4, merged cells as the forms have them).

- 项目支出绩效自评表 (财预〔2020〕10号 附件2; regulations.md §1.6), one per project: the funding block
  (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 with the 当年财政拨款 / 上年结转资金 /
  其他资金 rows), 年度总体目标 (预期目标 vs 实际完成情况), the indicator table and 总分.
- 部门整体支出绩效自评表, one per department: the department's funds by source and by nature, the
  tasks' targets and results, the scoring table of the department pack (管理 items and indicators)
  and 总分/等级.

Every score on a form comes from the document's assessment (:func:`jixiao.assessment.assess`). A form
whose document cannot be scored (weights that do not add up under the pack) is still written, with
its 分值 and an empty 得分 column, and a note on the form saying why; the note is also returned.

A department's project takes the indicators of its task, whose 分值 add up to what the task was given
in the department's pack, not to the project pack's indicator total (90 beside 预算执行率 10): they
are rescaled to that total in proportion, by largest remainder as the engine shares points
(:func:`jixiao.scoring.allocate`), and the form says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jixiao.domain.document import EvaluationDocument, Indicator, Project, Task
from jixiao.domain.enums import EvaluationKind, FundNature, FundSource
from jixiao.domain.numbers import ZERO, canonical, format_percent, format_table_amount, ratio, round_half_up
from jixiao.assessment import Assessment, assess
from jixiao.rules import RulePack, list_packs, load_pack
from jixiao.scoring import ScoreResult, allocate

from jixiao.documents.workbook.cells import starts_like_formula
from jixiao.documents.workbook.writer import row_height

PROJECT_FORM_TITLE = "项目支出绩效自评表"
DEPARTMENT_FORM_TITLE = "部门整体支出绩效自评表"
DASH = "—"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)
_TITLE = Font(name="宋体", size=16, bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)


class FormError(ValueError):
    """A form that cannot be made (e.g. no such project); the message is Chinese."""


@dataclass
class FormNotes:
    """What a person should know about forms just written (e.g. a project that could not be scored)."""

    notes: list[str] = field(default_factory=list)


# --- the project form ------------------------------------------------------------------------
def default_project_pack() -> RulePack:
    """The shipped pack for project self-evaluation (the first of kind ``project``)."""
    for name, _ in list_packs():
        pack = load_pack(name)
        if pack.kind == EvaluationKind.PROJECT.value:
            return pack
    raise FormError("没有项目支出绩效自评的规则包")  # pragma: no cover - a pack is shipped


def indicator_total(pack: RulePack) -> Decimal:
    """The points a project pack leaves to the indicators (100 less 预算执行率 10: 90)."""
    return pack.total - sum((leaf.weight for leaf in pack.leaves if not leaf.is_group), ZERO)


def rescale_weights(indicators: tuple[Indicator, ...], total: Decimal, places: int) -> tuple[Indicator, ...]:
    """``indicators`` with their 分值 shared out of ``total`` in proportion (largest remainder, so they
    add up exactly), a hand-entered 自评得分 converted to the same share. Left as they are when they
    already add up, or when only some have a 分值 (the engine then says which one lacks it)."""
    weights = [i.weight for i in indicators]
    if not indicators or (None in weights and any(w is not None for w in weights)):
        return indicators
    given = [w if w is not None else ZERO for w in weights]
    if sum(given, ZERO) == total and None not in weights:
        return indicators
    shares = allocate(total, given, places)
    out = []
    for indicator, old, new in zip(indicators, weights, shares):
        self_score = indicator.self_score
        if self_score is not None and old:
            self_score = round_half_up(self_score * new / old, places)
        out.append(replace(indicator, weight=new, self_score=self_score))
    return tuple(out)


def project_document(doc: EvaluationDocument, project: Project, pack: RulePack | None = None) -> EvaluationDocument:
    """The project self-evaluation of one project of ``doc``: the project, and the indicators of
    the task it belongs to (a department's indicators are set per task), their 分值 rescaled to the
    project pack's indicator total when the pack scores the indicators' own 分值."""
    task = next((t for t in doc.tasks if project in t.projects), None)
    if task is None:
        raise FormError(f"项目“{project.name}”不在该自评文档中")
    if doc.kind is EvaluationKind.PROJECT and len(doc.projects) == 1:
        return doc
    pack = pack or default_project_pack()
    indicators = task.indicators
    if pack.indicator_weights == "document":
        indicators = rescale_weights(indicators, indicator_total(pack), pack.places)
    return doc.with_changes(
        kind=EvaluationKind.PROJECT, rule_pack=pack.name, fund_lines=(), monitoring=(), adjustments=(), sections=(),
        facts=(), self_total=None, self_grade="",
        tasks=(Task(code=task.code, name=task.name, responsible_unit=task.responsible_unit, funds=project.budget,
                    projects=(project,), indicators=indicators),))


def _rescale_note(doc: EvaluationDocument, project_doc: EvaluationDocument, pack: RulePack) -> str:
    """What the form says when the task's 分值 were rescaled (``""`` when they were not)."""
    if project_doc is doc or not project_doc.tasks:
        return ""
    task = project_doc.tasks[0]
    original = next(t for t in doc.tasks if t.code == task.code and t.name == task.name).indicators
    if [i.weight for i in original] == [i.weight for i in task.indicators]:
        return ""
    before = sum((i.weight or ZERO for i in original), ZERO)
    execution = pack.total - indicator_total(pack)
    return (f"本项目的绩效指标沿用任务{task.code}“{task.name}”的指标，其分值合计 {_points(before)} 分，已按比例折算为 "
            f"{_points(indicator_total(pack))} 分（与预算执行率 {_points(execution)} 分合计 {_points(pack.total)} 分，"
            "按最大余数法保留两位小数）；自评得分按同一比例折算。")


def write_project_forms(doc: EvaluationDocument, target, *, project_codes: list[str] | None = None,
                        pack: RulePack | str | None = None) -> FormNotes:
    """Write the 项目支出绩效自评表 of each project of ``doc`` (or of those in ``project_codes``), one
    sheet per project, to ``target`` (a path or a binary file object)."""
    if isinstance(pack, str):
        pack = load_pack(pack)
    projects = list(doc.projects)
    if project_codes:
        wanted = set(project_codes)
        unknown = wanted - {p.code for p in projects} - {p.name for p in projects}
        if unknown:
            raise FormError(f"找不到项目：{'、'.join(sorted(unknown))}")
        projects = [p for p in projects if p.code in wanted or p.name in wanted]
    if not projects:
        raise FormError(f"{doc.department_name} {doc.year} 年的自评文档中没有项目")
    book = Workbook()
    book.remove(book.active)
    notes = FormNotes()
    used: set[str] = set()
    for project in projects:
        project_doc = project_document(doc, project, pack)
        sheet = book.create_sheet(_sheet_title(project.name or project.code, used))
        assessment = assess(project_doc, pack or project_doc.rule_pack or None)
        result, note = assessment.result, assessment.reason
        rescaled = _rescale_note(doc, project_doc, assessment.pack) if assessment.pack else ""
        if note:
            notes.notes.append(f"项目“{project.name}”：{note}")
        if rescaled:
            notes.notes.append(f"项目“{project.name}”：{rescaled}")
        _ProjectForm(sheet, doc, project_doc, project, result, note, rescaled).write()
    _save(book, target)
    return notes


class _ProjectForm:
    """项目支出绩效自评表 on one sheet; columns A–I (see regulations.md §1.6)."""

    WIDTHS = (7, 10, 12, 26, 12, 12, 7, 8, 30)

    def __init__(self, sheet, doc, project_doc: EvaluationDocument, project: Project, result: ScoreResult | None,
                 note: str, rescaled: str = ""):
        self.out = _Sheet(sheet, self.WIDTHS)
        self.doc, self.project_doc, self.project, self.result, self.note = doc, project_doc, project, result, note
        self.rescaled = rescaled

    def write(self) -> None:
        out, project, doc = self.out, self.project, self.doc
        out.title(PROJECT_FORM_TITLE, f"（{doc.year}年度）")
        row = out.row
        out.cell(row, 1, "项目名称", bold=True, to=3)
        out.cell(row, 4, project.name, to=9, align=_LEFT)
        row += 1
        out.cell(row, 1, "主管部门", bold=True, to=3)
        out.cell(row, 4, doc.department_name, to=5, align=_LEFT)
        out.cell(row, 6, "实施单位", bold=True)
        out.cell(row, 7, project.unit, to=9, align=_LEFT)
        row = self.funds(row + 1)
        row = self.goals(row)
        row = self.indicators(row)
        out.row = row
        if self.rescaled:
            out.note(f"说明：{self.rescaled}")
        if self.note:
            out.note(f"说明：未计分——{self.note}")
        out.finish(landscape=False)

    def funds(self, row: int) -> int:
        out, project, result = self.out, self.project, self.result
        execution = result.execution if result else None
        out.cell(row, 1, "项目资金（万元）", bold=True, to_row=row + 4)
        out.cell(row, 2, "", to=3)
        for col, header in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), start=4):
            out.cell(row, col, header, bold=True)
        current = project.budget - project.prior_year_carryover - project.other_funds
        only_current = not project.prior_year_carryover and not project.other_funds
        rate = ratio(project.executed, project.budget)
        lines = (
            ("年度资金总额", project.initial_budget, project.budget, project.executed,
             execution.weight if execution else "", format_percent(rate, 2), execution.score if execution else ""),
            ("其中：当年财政拨款", project.initial_budget, current, project.executed if only_current else None,
             DASH, format_percent(ratio(project.executed, current), 2) if only_current else DASH, DASH),
            ("上年结转资金", None, project.prior_year_carryover, None, DASH, DASH, DASH),
            ("其他资金", None, project.other_funds, None, DASH, DASH, DASH),
        )
        for offset, (label, initial, budget, executed, weight, shown_rate, score) in enumerate(lines, start=1):
            r = row + offset
            out.cell(r, 2, label, to=3, align=_LEFT)
            for col, amount in ((4, initial), (5, budget), (6, executed)):
                out.cell(r, col, DASH if amount is None else format_table_amount(amount), align=_RIGHT)
            out.cell(r, 7, _points(weight))
            out.cell(r, 8, shown_rate)
            out.cell(r, 9, _score(score))
        return row + 5

    def goals(self, row: int) -> int:
        out, project = self.out, self.project
        out.cell(row, 1, "年度总体目标", bold=True, to_row=row + 1)
        out.cell(row, 2, "预期目标", bold=True, to=5)
        out.cell(row, 6, "实际完成情况", bold=True, to=9)
        out.cell(row + 1, 2, project.goal, to=5, align=_LEFT)
        out.cell(row + 1, 6, project.goal_result, to=9, align=_LEFT)
        return row + 2

    def indicators(self, row: int) -> int:
        out, result = self.out, self.result
        indicators = self.project_doc.indicators
        first = row
        for col, header in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                      "偏差原因分析及改进措施"), start=2):
            out.cell(row, col, header, bold=True)
        row += 1
        body = row
        for indicator in indicators:
            item = result.indicator(indicator.code) if result else None
            out.cell(row, 2, indicator.level1.label)
            out.cell(row, 3, indicator.level2.label)
            out.cell(row, 4, indicator.name, align=_LEFT)
            out.cell(row, 5, indicator.target.text)
            out.cell(row, 6, indicator.actual.text)
            out.cell(row, 7, _points(item.weight if item else indicator.weight))
            out.cell(row, 8, _score(item.score) if item else ("不适用" if not indicator.applicable else ""))
            out.cell(row, 9, _deviation(indicator), align=_LEFT)
            row += 1
        out.merge_runs(body, row - 1, (2, 3))
        out.cell(first, 1, "绩效指标", bold=True, to_row=max(row - 1, first))
        out.cell(row, 1, "总分", bold=True, to=6)
        out.cell(row, 7, _points(result.weight_total) if result else "100")
        out.cell(row, 8, _score(result.total) if result else "")
        out.cell(row, 9, f"自评等级：{result.grade}" if result else "", align=_LEFT)
        return row + 1


# --- the department form ---------------------------------------------------------------------
def write_department_form(source: EvaluationDocument | Assessment, target, *,
                          pack: RulePack | str | None = None) -> FormNotes:
    """Write the 部门整体支出绩效自评表 of a document (assessed under ``pack``, by default its own) or
    of an assessment to ``target`` (a path or a binary file object)."""
    assessment = source if isinstance(source, Assessment) and pack is None else assess(
        source.document if isinstance(source, Assessment) else source, pack)
    doc, result, note = assessment.document, assessment.result, assessment.reason
    book = Workbook()
    sheet = book.active
    sheet.title = DEPARTMENT_FORM_TITLE
    _DepartmentForm(sheet, doc, result, note).write()
    _save(book, target)
    return FormNotes([f"{doc.department_name}：{note}"] if note else [])


class _DepartmentForm:
    """部门整体支出绩效自评表 on one sheet; columns A–J, A4 landscape."""

    WIDTHS = (10, 10, 12, 26, 12, 12, 7, 8, 22, 30)

    def __init__(self, sheet, doc: EvaluationDocument, result: ScoreResult | None, note: str):
        self.out = _Sheet(sheet, self.WIDTHS)
        self.doc, self.result, self.note = doc, result, note

    def write(self) -> None:
        out, doc = self.out, self.doc
        out.title(DEPARTMENT_FORM_TITLE, f"（{doc.year}年度）")
        row = out.row
        out.cell(row, 1, "部门（单位）名称", bold=True, to=3)
        out.cell(row, 4, doc.department_name, to=10, align=_LEFT)
        row = self.funds(row + 1)
        row = self.tasks(row)
        row = self.scores(row)
        out.row = row
        if self.note:
            out.note(f"说明：未计分——{self.note}")
        elif doc.self_total is not None and self.result and doc.self_total != self.result.total:
            out.note(f"说明：部门自报总分 {doc.self_total}（{doc.self_grade or '未报等级'}），"
                     f"按规则“{self.result.rules}”计算为 {self.result.total}（{self.result.grade}）。")
        out.finish(landscape=True)

    def funds(self, row: int) -> int:
        out, doc = self.out, self.doc
        out.cell(row, 1, "年度部门整体支出（万元）", bold=True, to=3, to_row=row + 1)
        for col, header in ((4, "年初预算数"), (5, "全年预算数"), (6, "全年执行数"), (7, "执行率")):
            out.cell(row, col, header, bold=True, to=col + 1 if col == 7 else col, to_row=row + 1)
        out.cell(row, 9, "结转和结余", bold=True, to_row=row + 1)
        out.cell(row, 10, "备注", bold=True, to_row=row + 1)
        row += 2
        lines = [("合计", doc.fund_lines)]
        lines += [(f"其中：{source.label}" if i == 0 else source.label,
                   [f for f in doc.fund_lines if f.source is source]) for i, source in enumerate(FundSource)]
        lines += [(f"按支出性质：{nature.label}" if i == 0 else nature.label,
                   [f for f in doc.fund_lines if f.nature is nature]) for i, nature in enumerate(FundNature)]
        for label, group in lines:
            initial = sum((f.initial_budget for f in group), ZERO)
            budget = sum((f.full_year_budget for f in group), ZERO)
            executed = sum((f.executed for f in group), ZERO)
            carryover = sum((f.carryover for f in group), ZERO)
            out.cell(row, 1, label, to=3, align=_LEFT, bold=label == "合计")
            out.cell(row, 4, format_table_amount(initial), align=_RIGHT)
            out.cell(row, 5, format_table_amount(budget), align=_RIGHT)
            out.cell(row, 6, format_table_amount(executed), align=_RIGHT)
            out.cell(row, 7, format_percent(ratio(executed, budget), 2), to=8)
            out.cell(row, 9, format_table_amount(carryover), align=_RIGHT)
            out.cell(row, 10, "")
            row += 1
        return row

    def tasks(self, row: int) -> int:
        out, result = self.out, self.result
        out.cell(row, 1, "工作任务", bold=True, to=2)
        out.cell(row, 3, "年度绩效目标", bold=True, to=5)
        out.cell(row, 6, "绩效目标完成情况", bold=True, to=9)
        out.cell(row, 10, "未能完成原因", bold=True)
        row += 1
        for task in self.doc.tasks:
            missed = [i for i in task.indicators if _missed(i, result)]
            reasons = "；".join(f"{i.name}：{i.deviation_reason or '未说明原因'}" for i in missed)
            out.cell(row, 1, f"任务{task.code}：{task.name}", to=2, align=_LEFT)
            out.cell(row, 3, task.description or task.name, to=5, align=_LEFT)
            out.cell(row, 6, task.summary, to=9, align=_LEFT)
            out.cell(row, 10, reasons or "无", align=_LEFT)
            row += 1
        return row

    def scores(self, row: int) -> int:
        out, result, doc = self.out, self.result, self.doc
        for col, header, to in ((1, "一级指标", 1), (2, "二级指标", 2), (3, "三级指标", 3), (4, "指标", 4),
                                (5, "年度指标值", 5), (6, "实际完成值", 6), (7, "分值", 7), (8, "得分", 8),
                                (9, "偏差原因分析及改进措施", 9), (10, "评分说明", 10)):
            out.cell(row, col, header, bold=True, to=to)
        row += 1
        body = row
        indicators = {i.code: i for i in doc.indicators}
        entries = []
        if result is not None:
            if result.execution is not None:
                e = result.execution
                entries.append((e.path, "", "", e.weight, e.score, "", e.explanation))
            for item in result.items:
                indicator = indicators.get(item.indicator_code)
                # A management leaf's "target" is its scoring standard, already in the explanation.
                entries.append((item.path, item.target if indicator else "", item.actual, item.weight, item.score,
                                _deviation(indicator) if indicator else "", item.explanation))
        else:
            for indicator in doc.indicators:
                entries.append(((indicator.level1.label, indicator.level2.label, indicator.name),
                                indicator.target.text, indicator.actual.text, indicator.weight, None,
                                _deviation(indicator), ""))
        for path, target, actual, weight, score, deviation, explanation in entries:
            levels = list(path[:-1])[:3]
            name_col = len(levels) + 1
            for index, level in enumerate(levels, start=1):
                out.cell(row, index, level)
            out.cell(row, name_col, path[-1] if path else "", to=4, align=_LEFT)
            out.cell(row, 5, target)
            out.cell(row, 6, actual)
            out.cell(row, 7, _points(weight))
            out.cell(row, 8, _score(score))
            out.cell(row, 9, deviation, align=_LEFT)
            out.cell(row, 10, explanation, align=_LEFT)
            row += 1
        out.merge_runs(body, row - 1, (1, 2, 3))
        out.cell(row, 1, "总分", bold=True, to=6)
        out.cell(row, 7, _points(result.weight_total) if result else "")
        out.cell(row, 8, _score(result.total) if result else "")
        out.cell(row, 9, f"自评等级：{result.grade}" if result else "", to=10, align=_LEFT)
        return row + 1


# --- shared ----------------------------------------------------------------------------------
def _missed(indicator: Indicator, result: ScoreResult | None) -> bool:
    item = result.indicator(indicator.code) if result else None
    return item is not None and not item.met


def _deviation(indicator: Indicator) -> str:
    parts = [indicator.deviation_reason]
    if indicator.improvement:
        parts.append(f"改进措施：{indicator.improvement}")
    return "\n".join(p for p in parts if p)


def _points(value) -> str:
    """Points (分值) as the forms print them: 10, 2.5."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return format(canonical(Decimal(value)), "f")


def _score(value) -> str:
    """Scores (得分) with two places, as the engine rounds them: 9.70, 18.00."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return format(round_half_up(Decimal(value), 2), "f")


def _sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "项目"
    title = clean[:31]
    counter = 2
    while title in used:
        suffix = f"({counter})"
        title = clean[:31 - len(suffix)] + suffix
        counter += 1
    used.add(title)
    return title


def _save(book: Workbook, target) -> None:
    book.save(str(target) if isinstance(target, (str, Path)) else target)


class _Sheet:
    """Writing a bordered form: cells with merges, row heights that fit wrapped text, A4 set-up."""

    def __init__(self, sheet, widths: tuple[float, ...]):
        self.sheet = sheet
        self.widths = widths
        self.columns = len(widths)
        self.row = 1
        self.heights: dict[int, float] = {}
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    def title(self, title: str, subtitle: str) -> None:
        self.cell(1, 1, title, to=self.columns, border=False, font=_TITLE)
        self.cell(2, 1, subtitle, to=self.columns, border=False)
        self.sheet.row_dimensions[1].height = 30
        self.row = 3

    def cell(self, row: int, col: int, value, *, to: int | None = None, to_row: int | None = None, bold=False,
             align=_CENTER, border=True, font=None) -> None:
        """Write ``value`` at (row, col), merged to column ``to`` / row ``to_row``; formula-like
        text is stored as text with the quote prefix (see :func:`starts_like_formula`)."""
        last_col, last_row = to or col, to_row or row
        target = self.sheet.cell(row=row, column=col)
        text = "" if value is None else str(value)
        target.value = text if text else None
        if text and starts_like_formula(text):
            target.data_type = "s"
            target.quotePrefix = True
        target.font = font or (_BOLD if bold else _FONT)
        target.alignment = align
        if last_col != col or last_row != row:
            self.sheet.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
        if border:
            for r in range(row, last_row + 1):
                for c in range(col, last_col + 1):
                    self.sheet.cell(row=r, column=c).border = _BORDER
        if text and last_row == row:
            width = sum(self.widths[col - 1:last_col])
            self.heights[row] = max(self.heights.get(row, 0), row_height([(text, width)]) + 4)

    def merge_runs(self, first: int, last: int, columns: tuple[int, ...]) -> None:
        """Merge runs of equal values down each of ``columns`` (a level shown once for its rows);
        a column's runs never cross a run boundary of the columns to its left."""
        boundaries: set[int] = set()
        for col in columns:
            start = first
            for row in range(first + 1, last + 2):
                current = self.sheet.cell(row=start, column=col).value
                value = self.sheet.cell(row=row, column=col).value if row <= last else object()
                if value != current or row in boundaries or current is None:
                    if row - 1 > start and current is not None:
                        self.sheet.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)
                    boundaries.add(row)
                    start = row

    def note(self, text: str) -> None:
        self.cell(self.row, 1, text, to=self.columns, border=False, align=_LEFT)
        self.row += 1

    def finish(self, *, landscape: bool) -> None:
        for row, height in self.heights.items():
            self.sheet.row_dimensions[row].height = max(height, 20)
        setup = self.sheet.page_setup
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_options.horizontalCentered = True
        self.sheet.page_margins.left = self.sheet.page_margins.right = 0.5
        self.sheet.page_margins.top = self.sheet.page_margins.bottom = 0.6
