"""Writing the self-evaluation workbook (自评工作簿) with xlsxwriter.

Made for people who fill it in Excel or WPS: frozen header rows, column widths, number formats
(万元 with two places, rates as %), drop-down lists (一级/二级指标 with the 二级 list following the
chosen 一级, 指标性质, units, 是/否, the task numbers of the 任务 sheet), input hints on selected
cells, identifiers and values kept as text so that ``1-1`` never becomes a date, A4 landscape print
set-up with the header row repeated. Amounts are written from ``Decimal`` exactly (xlsxwriter writes
the Decimal's own digits). Text that looks like a formula is stored with the quote-prefix style.
"""

from __future__ import annotations

import io
import math
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import LabeledEnum, Level1, Level2
from jixiao.domain.numbers import round_half_up

from jixiao.documents.workbook import layout
from jixiao.documents.workbook.cells import starts_like_formula
from jixiao.documents.workbook.layout import Column, InfoField, Kind, TableSheet, fact_items
from jixiao.documents.workbook.problems import Problem, WorkbookError

_LAST_ROW = 1_048_575  # 0-based index of Excel's last row
_TASK_LIST_ROWS = 5000
_FONT = {"font_name": "宋体", "font_size": 10}
_LINE_HEIGHT = 13.5  # points per line of 10-point text
_MAX_ROW_HEIGHT = 409  # Excel's limit, in points
_NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.RATE: "0.00%",
    Kind.DATE: "yyyy-mm-dd",
    Kind.CODE: "@",
    Kind.VALUE: "@",
    Kind.UNIT: "@",
    Kind.TEXT: "@",
    Kind.LONG_TEXT: "@",
    Kind.CHOICE: "@",
    Kind.BOOL: "@",
}


def write_workbook(doc: EvaluationDocument, target, *, stamp: str = "") -> None:
    """Write ``doc`` as a self-evaluation workbook to ``target`` (a path or a binary file object).
    ``stamp`` (导出版本) names the stored version it was exported from (see :class:`jixiao.domain.rows.ExportStamp`)."""
    _WorkbookWriter(target).write(doc, stamp)


def write_blank_template(target) -> None:
    """Write an empty workbook with every sheet, header, drop-down and hint, ready to fill in."""
    _WorkbookWriter(target).write(None)


def workbook_bytes(doc: EvaluationDocument | None, *, stamp: str = "") -> bytes:
    """The workbook of ``doc`` (or the blank template when ``None``) as bytes, e.g. for a download."""
    buffer = io.BytesIO()
    _WorkbookWriter(buffer).write(doc, stamp)
    return buffer.getvalue()


def document_records(doc: EvaluationDocument) -> dict[str, list[dict]]:
    """The document as rows per sheet (field key → value), the inverse of what the reader builds."""
    rows: dict[str, list[dict]] = {
        layout.UNITS: [{"code": u.code, "name": u.name, "duties": u.duties} for u in doc.units],
        layout.FUNDS: [
            {"source": f.source, "nature": f.nature, "initial_budget": f.initial_budget,
             "full_year_budget": f.full_year_budget, "prior_year_carryover": f.prior_year_carryover,
             "executed": f.executed, "carryover": f.carryover}
            for f in doc.fund_lines
        ],
        layout.TASKS: [
            {"code": t.code, "name": t.name, "responsible_unit": t.responsible_unit, "funds": t.funds,
             "description": t.description, "summary": t.summary}
            for t in doc.tasks
        ],
        layout.PROJECTS: [
            {"task": t.code, "code": p.code, "name": p.name, "unit": p.unit, "initial_budget": p.initial_budget,
             "budget": p.budget, "prior_year_carryover": p.prior_year_carryover, "other_funds": p.other_funds,
             "executed": p.executed, "goal": p.goal, "goal_result": p.goal_result}
            for t in doc.tasks for p in t.projects
        ],
        layout.INDICATORS: [
            {"task": t.code, "level1": i.level1, "level2": i.level2, "name": i.name, "direction": i.direction,
             "target": i.target.text, "unit": i.unit, "actual": i.actual.text, "weight": i.weight,
             "self_score": i.self_score, "deviation_reason": i.deviation_reason, "improvement": i.improvement,
             "target_basis": i.target_basis, "applicable": i.applicable, "code": i.code}
            for t in doc.tasks for i in t.indicators
        ],
        layout.MONITORING: [
            {"as_of": m.as_of, "indicator": m.indicator_code, "value": m.value.text if m.value else "",
             "executed": m.executed, "projected": m.projected.text if m.projected else "", "warning": m.warning,
             "likelihood": m.likelihood, "reason": m.reason, "note": m.note}
            for m in doc.monitoring
        ],
        layout.ADJUSTMENTS: [
            {"kind": a.kind, "subject": a.subject, "before": a.before, "after": a.after, "reason": a.reason,
             "status": a.status, "requested_on": a.requested_on, "decided_on": a.decided_on}
            for a in doc.adjustments
        ],
        layout.FACTS: _fact_rows(doc),
        layout.SECTIONS: [{"key": s.key, "title": s.title, "text": s.text, "edited": s.edited} for s in doc.sections],
    }
    return rows


def _fact_rows(doc: EvaluationDocument) -> list[dict]:
    """Every fact the document's pack asks for, by its Chinese name (answered or still empty), then any
    answered fact the pack does not know, by its key."""
    answers = {f.key: f for f in doc.facts}
    rows = []
    for item in fact_items(doc.rule_pack):
        fact = answers.pop(item.key, None)
        rows.append({"key": item.label, "value": fact.value if fact else "", "note": fact.note if fact else ""})
    rows += [{"key": f.key, "value": f.value, "note": f.note} for f in answers.values()]
    return rows


def document_info(doc: EvaluationDocument) -> dict:
    return {
        "region_code": doc.region_code, "region_name": doc.region_name, "department_code": doc.department_code,
        "department_name": doc.department_name, "self_name": doc.self_name, "year": doc.year, "kind": doc.kind,
        "rule_pack": doc.rule_pack, "status": doc.status, "self_total": doc.self_total,
        "self_grade": doc.self_grade,
    }


def row_height(texts: list[tuple[str, float]]) -> float:
    """The height (points) a row needs to show each wrapped text in a column of the given width
    (Excel width units, about one Latin character; a Chinese character takes two). Spreadsheets do
    not all grow rows to fit wrapped text on opening, so heights are written out."""
    lines = 1
    for text, width in texts:
        usable = max(width - 1, 1)
        if len(text) * 2 <= usable and "\n" not in text:
            continue  # one line even if every character is wide
        count = 0
        for paragraph in str(text).split("\n"):
            size = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in paragraph)
            count += max(1, math.ceil(size / usable))
        lines = max(lines, count)
    return min(lines * _LINE_HEIGHT, _MAX_ROW_HEIGHT)


def _write_mode(column: Column) -> str:
    if column.kind in (Kind.MONEY, Kind.NUMBER, Kind.INTEGER):
        return "number"
    if column.kind is Kind.DATE:
        return "date"
    if column.kind is Kind.BOOL:
        return "bool"
    return "label" if column.choices else "text"


def table_rows(spec: TableSheet, records: list[dict]) -> list[list]:
    """A table sheet as the workbook holds it, without writing it: the header row, then each record's
    cells (a choice as its label, 是/否 for a flag, ``None`` where nothing is written)."""
    modes = [_write_mode(column) for column in spec.columns]
    rows = [[column.header + ("*" if column.required else "") for column in spec.columns]]
    for record in records:
        row = []
        for column, mode in zip(spec.columns, modes):
            value = record.get(column.key)
            if value is not None and mode == "bool":
                value = layout.YES if value else layout.NO
            elif value is not None and mode == "label":
                value = value.label
            row.append(None if value == "" else value)
        rows.append(row)
    return rows


class _WorkbookWriter:
    def __init__(self, target):
        self.target = target
        options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
                   "default_date_format": "yyyy-mm-dd"}
        if isinstance(target, (str, Path)):
            self.book = xlsxwriter.Workbook(str(target), options)
        else:
            self.book = xlsxwriter.Workbook(target, {**options, "in_memory": True})
        self._formats: dict[tuple, object] = {}
        self.problems: list[Problem] = []

    # --- formats --------------------------------------------------------------------------
    def fmt(self, name: str, quote: bool = False):
        key = (name, quote)
        if key not in self._formats:
            properties = dict(_FONT)
            if name == "header":
                properties.update(bold=True, bg_color="#D9E1F2", border=1, text_wrap=True, align="center",
                                  valign="vcenter")
            elif name == "title":
                properties.update(bold=True, font_size=12, valign="top")
            elif name == "label":
                properties.update(bold=True, bg_color="#F2F2F2", border=1, valign="top")
            elif name == "note":
                properties.update(font_color="#595959", text_wrap=True, valign="top")
            elif name == "computed":
                properties.update(num_format=_NUMBER_FORMATS[Kind.RATE], bg_color="#F2F2F2", font_color="#595959")
            else:
                kind = Kind(name)
                if kind in _NUMBER_FORMATS:
                    properties["num_format"] = _NUMBER_FORMATS[kind]
                properties["valign"] = "top"
                if kind in (Kind.LONG_TEXT, Kind.TEXT):
                    properties["text_wrap"] = True
            if quote:
                properties["quote_prefix"] = True
            self._formats[key] = self.book.add_format(properties)
        return self._formats[key]

    # --- the workbook ---------------------------------------------------------------------
    def write(self, doc: EvaluationDocument | None, stamp: str = "") -> None:
        records = document_records(doc) if doc is not None else {}
        self._instructions()
        self._info({**document_info(doc), "stamp": stamp} if doc is not None else {})
        for sheet in layout.TABLE_SHEETS:
            self._table(sheet, records.get(sheet.name, []))
        self._lists()
        if self.problems:  # nothing is written (the file is only created on close)
            raise WorkbookError(self.problems)
        self.book.close()

    def _instructions(self) -> None:
        sheet = self.book.add_worksheet(layout.INSTRUCTIONS)
        sheet.set_column(0, 0, 22, self.fmt("label"))
        sheet.set_column(1, 1, 96, self.fmt("note"))
        for row, (heading, text) in enumerate(layout.instructions()):
            sheet.write_string(row, 0, heading, self.fmt("title") if row == 0 else self.fmt("label"))
            sheet.write_string(row, 1, text, self.fmt("note"))
            sheet.set_row(row, row_height([(text, 96)]))
        sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)

    def _info(self, values: dict) -> None:
        sheet = self.book.add_worksheet(layout.INFO)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 40, self.fmt(Kind.TEXT.value))
        sheet.set_column(2, 2, 60)
        for col, header in enumerate(("项目", "内容", "填写说明")):
            sheet.write_string(0, col, header, self.fmt("header"))
        for index, field in enumerate(layout.INFO_FIELDS, start=1):
            sheet.write_string(index, 0, field.label + ("*" if field.required else ""), self.fmt("label"))
            self._cell(sheet, index, 1, field, values.get(field.key), layout.INFO)
            if field.hint:
                sheet.write_string(index, 2, field.hint, self.fmt("note"))
            if field.choices and not field.read_only:
                sheet.data_validation(index, 1, index, 1, {
                    "validate": "list", "source": [m.label for m in field.choices], "error_type": "stop",
                    "input_title": field.label[:32], "input_message": field.hint[:255]})
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)

    def _table(self, spec: TableSheet, rows: list[dict]) -> None:
        sheet = self.book.add_worksheet(spec.name)
        sheet.set_row(0, 30)
        for col, column in enumerate(spec.columns):
            sheet.set_column(col, col, column.width, self.fmt(column.kind.value) if column.kind is not Kind.RATE
                             else self.fmt("computed"))
            sheet.write_string(0, col, column.header + ("*" if column.required else ""), self.fmt("header"))
            self._validation(sheet, spec, col, column)
        rate_columns = [(col, column) for col, column in enumerate(spec.columns) if column.kind is Kind.RATE]
        wrapped = [(column.key, column.width) for column in spec.columns if column.kind in (Kind.TEXT, Kind.LONG_TEXT)]
        plan = [(col, column.key, _write_mode(column), self.fmt(column.kind.value),
                 self.fmt(column.kind.value, quote=True)) for col, column in enumerate(spec.columns)
                if column.kind is not Kind.RATE]
        write_string, write_number = sheet.write_string, sheet.write_number
        for row_index, record in enumerate(rows, start=1):
            for col, key, mode, fmt, quoted in plan:
                value = record.get(key)
                if value is None:
                    continue
                if mode == "number":
                    write_number(row_index, col, value, fmt)
                    continue
                if mode == "date":
                    sheet.write_datetime(row_index, col, value, fmt)
                    continue
                text = (layout.YES if value else layout.NO) if mode == "bool" else \
                    value.label if mode == "label" else value
                if not text:
                    continue
                if len(text) > layout.MAX_CELL_TEXT:
                    self._too_long(spec.name, row_index, col, text)
                    continue
                write_string(row_index, col, text, quoted if starts_like_formula(text) else fmt)
            for col, column in rate_columns:
                self._rate(sheet, spec, row_index, col, column, record)
            texts = [(record[key], width) for key, width in wrapped if record.get(key)]
            if texts:
                height = row_height(texts)
                if height > _LINE_HEIGHT:
                    sheet.set_row(row_index, height)
        sheet.freeze_panes(1, spec.freeze_columns)
        sheet.autofilter(0, 0, max(len(rows), 1), len(spec.columns) - 1)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)

    def _rate(self, sheet, spec: TableSheet, row: int, col: int, column: Column, record: dict) -> None:
        numerator = xl_col_to_name(spec.index(column.rate_of[0])) + str(row + 1)
        denominator = xl_col_to_name(spec.index(column.rate_of[1])) + str(row + 1)
        value: object = ""
        top, bottom = record.get(column.rate_of[0]), record.get(column.rate_of[1])
        if isinstance(top, Decimal) and isinstance(bottom, Decimal) and bottom:
            value = round_half_up(top / bottom, 6)
        sheet.write_formula(row, col, f'=IF(N({denominator})=0,"",N({numerator})/N({denominator}))',
                            self.fmt("computed"), value)

    def _cell(self, sheet, row: int, col: int, column: Column | InfoField, value, sheet_name: str) -> None:
        if value is None or value == "":
            return
        kind = column.kind
        if kind in (Kind.MONEY, Kind.NUMBER, Kind.INTEGER):
            sheet.write_number(row, col, value, self.fmt(kind.value))
            return
        if kind is Kind.DATE:
            sheet.write_datetime(row, col, value if isinstance(value, date) else date.fromisoformat(str(value)),
                                 self.fmt(kind.value))
            return
        if kind is Kind.BOOL:
            text = layout.YES if value else layout.NO
        elif isinstance(value, LabeledEnum):
            text = value.label
        else:
            text = str(value)
        if len(text) > layout.MAX_CELL_TEXT:
            self._too_long(sheet_name, row, col, text)
            return
        sheet.write_string(row, col, text, self.fmt(kind.value, quote=starts_like_formula(text)))

    def _too_long(self, sheet_name: str, row: int, col: int, text: str) -> None:
        self.problems.append(Problem(sheet_name, row + 1, xl_col_to_name(col), text[:20] + "…",
                                     f"文字过长（{len(text):,} 字），超过 Excel 单元格上限 {layout.MAX_CELL_TEXT:,} 字"))

    def _validation(self, sheet, spec: TableSheet, col: int, column: Column) -> None:
        options: dict = {}
        if column.kind is Kind.CHOICE and column.choices is Level2:
            level1 = xl_col_to_name(spec.index("level1"))
            options = {"validate": "list", "source": f"=INDIRECT(${level1}2)", "error_type": "warning",
                       "error_title": "二级指标", "error_message": "二级指标应属于所选的一级指标，请从下拉列表选择。"}
        elif column.kind is Kind.CHOICE and column.choices:
            options = {"validate": "list", "source": [m.label for m in column.choices], "error_type": "stop",
                       "error_title": column.header[:32], "error_message": "请从下拉列表中选择。"}
        elif column.kind is Kind.BOOL:
            options = {"validate": "list", "source": [layout.YES, layout.NO], "error_type": "stop"}
        elif column.kind is Kind.UNIT:
            options = {"validate": "list", "source": list(layout.COMMON_UNITS), "error_type": "information",
                       "error_title": "度量单位", "error_message": "列表中没有这个单位；如确需使用，请点“确定”。"}
        elif column.key == "task" and spec.name != layout.TASKS:
            task_code = xl_col_to_name(layout.TASK_SHEET.index("code"))
            options = {"validate": "list", "source": f"='{layout.TASKS}'!${task_code}$2:${task_code}${_TASK_LIST_ROWS}",
                       "error_type": "warning", "error_title": "任务编号", "error_message": "“任务”表中没有这个任务编号。"}
        elif column.hint:
            options = {"validate": "any"}
        if not options:
            return
        if column.hint:
            options.update(input_title=column.header[:32], input_message=column.hint[:255])
        options["ignore_blank"] = True
        sheet.data_validation(1, col, _LAST_ROW, col, options)

    def _lists(self) -> None:
        """The hidden 选项 sheet: the 二级指标 of each 一级指标, as named ranges for the drop-downs."""
        sheet = self.book.add_worksheet(layout.LISTS)
        for col, level1 in enumerate(Level1):
            children = [level2.label for level2 in Level2 if level2.level1 is level1]
            sheet.write_string(0, col, level1.label)
            for row, label in enumerate(children, start=1):
                sheet.write_string(row, col, label)
            letter = xl_col_to_name(col)
            self.book.define_name(level1.label, f"='{layout.LISTS}'!${letter}$2:${letter}${len(children) + 1}")
        sheet.hide()
