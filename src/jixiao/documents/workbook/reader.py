"""Reading the self-evaluation workbook (自评工作簿) into an :class:`EvaluationDocument`.

Every problem is collected (sheet, row, column, value, message) and raised at once; nothing is
returned unless the whole workbook is valid. Real-world mess is accepted: columns are found by
header text (reordered, renamed with units or ``*``, extra columns, title rows above the header),
full-width digits and symbols, thousand separators, numbers stored as text, merged cells (a merge
down a column gives every row its value), empty and trailing rows, hidden sheets, formula cells
(their cached values), dates as serial numbers or text, and numbers formatted as percentages.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter, le

import python_calamine

from jixiao.domain.document import (
    Adjustment,
    EvaluationDocument,
    Fact,
    FundLine,
    Indicator,
    MonitoringSnapshot,
    Project,
    ReportSection,
    Task,
    Unit,
    read_actual,
    read_target,
)
from jixiao.domain.enums import (
    AdjustmentStatus,
    Direction,
    EvaluationKind,
    EvaluationStatus,
    Level1,
    Level2,
)
from jixiao.domain.limits import NUMBER, number_problem, text_problem
from jixiao.domain.numbers import ZERO
from jixiao.domain.rows import LIMITS, ExportStamp
from jixiao.domain.values import ValueParseError, normalize_text, parse_value, read_direction
from jixiao.rules import is_pack_code, quote, unknown_pack_message

from jixiao.documents.collector import collector_paused
from jixiao.documents.workbook import layout
from jixiao.documents.workbook.cells import (
    JOINERS,
    CellError,
    cell_bool,
    cell_date,
    cell_integer,
    cell_money,
    cell_number,
    cell_text,
    float_to_decimal,
)
from jixiao.documents.workbook.layout import (
    Column,
    InfoField,
    Kind,
    TableSheet,
    fact_items,
    find_header,
    header_key,
)
from jixiao.documents.workbook.package import (
    WorkbookLimits,
    column_letter,
    formula_cells_without_values,
    open_package,
    read_source,
    sheet_members,
    verify_members,
)
from jixiao.documents.workbook.problems import Problem, WorkbookError

_INVALID = object()  # a cell that could not be read (its problem is recorded)
# Text that cell_text must clean (line ends, invisible characters) or refuse (control characters, see
# jixiao.domain.limits); other text only needs strip().
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\r\u200b\u200c\u200d\u2060\ufeff\ufffe\uffff]").search
NO_CACHED_VALUE = "公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入"


class Places:
    """Where the rows and fields of the document read stand in the workbook, for messages that name a
    cell (``指标!H7``): rows by part (sheet) and key as in :mod:`jixiao.domain.rows`, columns by field."""

    def __init__(self):
        # part → row key → Excel row; a key of one item is kept as the item (no tuple per row read)
        self.rows: dict[str, dict] = {name: {} for name in layout.SHEET_ORDER}
        self.columns: dict[str, dict[str, int]] = {}
        self.info_rows: dict[str, int] = {}

    def cell(self, part: str, key: tuple, field: str = "") -> str:
        """``指标!H7`` (or ``指标!第7行`` for a whole row); ``""`` when the row is not in the workbook."""
        if part == layout.INFO:
            row = self.info_rows.get(field)
            return f"{part}!B{row}" if row else ""
        row = self.rows.get(part, {}).get(key[0] if len(key) == 1 else key)
        if row is None:
            return ""
        col = self.columns.get(part, {}).get(field)
        return f"{part}!{column_letter(col + 1)}{row}" if col is not None else f"{part}!第{row}行"


@dataclass(frozen=True)
class WorkbookFile:
    """A workbook read: its document, the stored version it was exported from (``None`` for a blank
    template filled in, or an export of an older jixiao), and where each row stands in it."""

    document: EvaluationDocument
    stamp: ExportStamp | None
    places: Places


def read_workbook(source, *, limits: WorkbookLimits | None = None) -> EvaluationDocument:
    """Read a self-evaluation workbook (a path, bytes or a binary file object).

    Raises :class:`WorkbookError` listing every problem at once; refuses unsafe files (not an xlsx,
    encrypted, oversized, decompression bombs, sheets beyond the row or column limit) before parsing.
    """
    return read_workbook_file(source, limits=limits).document


def read_workbook_file(source, *, limits: WorkbookLimits | None = None) -> WorkbookFile:
    """:func:`read_workbook`, with the workbook's 导出版本 and the places of its rows (for imports)."""
    with collector_paused():  # see jixiao.documents.collector
        return _read_workbook_file(source, limits)


def _read_workbook_file(source, limits: WorkbookLimits | None) -> WorkbookFile:
    limits = limits or WorkbookLimits.from_env()
    data, _ = read_source(source, limits)
    package = open_package(data, limits)
    members = sheet_members(package)
    known = set(layout.SHEET_ORDER)
    names = {_sheet_key(name): name for name in members}
    sheets = {key: name for key, name in names.items() if key in known}
    with_formulas = verify_members(package, {members[name]: name for name in sheets.values()}, limits)
    formulas = formula_cells_without_values(package, {key: members[name] for key, name in sheets.items()
                                                      if members[name] in with_formulas})
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise WorkbookError.file("文件已加密（设置了打开密码），无法读取；请取消密码后另存为 .xlsx 再导入") from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError.file(f"文件已损坏，无法作为 xlsx 打开（{exc}）") from exc
    with book:
        return _Reader(book, data, sheets, formulas).read()


_FACT_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@lru_cache(maxsize=1)
def _info_labels() -> dict[str, InfoField]:
    """The 基本信息 fields by their label and aliases as :func:`header_key` reads them (the layout's,
    worked out once)."""
    labels = {}
    for field in layout.INFO_FIELDS:
        for text in (field.label,) + field.aliases:
            labels[header_key(text)] = field
    return labels


def _sheet_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


class _Table:
    """The data rows of one table sheet, with the column index of each known field."""

    def __init__(self, spec: TableSheet, header_row: int, columns: dict[str, int], rows: list[tuple[int, list]],
                 readable: bool = True):
        self.spec = spec
        self.header_row = header_row
        self.columns = columns
        self.rows = rows
        self.readable = readable  # False when a required column is missing
        self.numbers: list[tuple] = []  # numeric cells of value columns, until their format is known


class _Reader:
    def __init__(self, book, data: bytes, sheets: dict[str, str], formulas: dict[str, set] | None = None):
        self.book = book
        self.data = data
        self.sheets = sheets  # layout name → actual sheet name
        self.formulas = formulas or {}  # layout name → (row, column) of formula cells without a value
        self.places = Places()
        self.problems: list[Problem] = []
        self._values: dict[tuple, tuple | list] = {}  # see _parsed
        self._targets: dict[tuple, tuple | ValueParseError] = {}  # see _read_values
        self._actuals: dict[tuple, tuple | ValueParseError] = {}
        self._indicator_codes: set[str] = set()  # every code of the 指标 sheet, also of rows with a problem

    # --- problems -------------------------------------------------------------------------
    def problem(self, sheet: str, row: int | None, col: int | None, value, message: str) -> None:
        letter = column_letter(col + 1) if col is not None else None
        self.problems.append(Problem(sheet, row, letter, cell_text(value) if value is not None else "", message))

    # --- grids ----------------------------------------------------------------------------
    def grid(self, name: str) -> list[list] | None:
        """All cells of a sheet (row 1 first). A merge over several rows gives each of its rows the
        top value in the merge's first column (a task number or a level written once for its rows)."""
        actual = self.sheets.get(name)
        if actual is None:
            return None
        try:
            sheet = self.book.get_sheet_by_name(actual)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except python_calamine.CalamineError as exc:
            self.problem(name, None, None, None, f"工作表无法读取（{exc}）")
            return []
        for (top, left), (bottom, _right) in merged:
            if top >= len(rows) or left >= len(rows[top]):
                continue
            value = rows[top][left]
            for row in range(top + 1, min(bottom, len(rows) - 1) + 1):
                if left < len(rows[row]) and rows[row][left] == "":
                    rows[row][left] = value  # each row of the merge gets the value once, in its first column
        return rows

    def table(self, spec: TableSheet) -> _Table | None:
        rows = self.grid(spec.name)
        if rows is None:
            return None
        best_row, best = find_header(spec, rows)
        if not best:  # an empty sheet too: its stored rows would be deleted unseen
            self.problem(spec.name, None, None, None, "找不到表头行（第一行应为本表的列名，见“说明”表）")
            return _Table(spec, 0, {}, [], readable=False)
        # Every column must be there: a renamed or deleted header would otherwise read as empty cells
        # and blank the stored values of the whole column.
        missing = [column for column in spec.columns if column.kind is not Kind.RATE and column.key not in best]
        if missing:  # the rows cannot be read; the missing columns are the problems to fix
            self._missing_columns(spec, best_row, rows[best_row], missing, best)
            return _Table(spec, best_row + 1, best, [], readable=False)
        self.places.columns[spec.name] = best
        self._formula_problems(spec.name, best_row + 1, [col for key, col in best.items()
                                                         if spec.column(key).kind is not Kind.RATE])
        data_rows = []
        columns = sorted(best.values())  # a plain loop: most rows stop at their first column
        for index in range(best_row + 1, len(rows)):
            row = rows[index]
            width = len(row)
            for col in columns:
                if col < width and row[col] != "":
                    data_rows.append((index + 1, row))
                    break
        return _Table(spec, best_row + 1, best, data_rows)

    def _missing_columns(self, spec: TableSheet, header_index: int, header: list, missing, found=None) -> None:
        """``指标!I1：找不到列“分值”``: at the header cell that should hold it when that cell holds an
        unknown header (a renamed column), else at the header row."""
        taken = set((found or {}).values())
        unknown = [col for col, text in enumerate(header)
                   if col not in taken and isinstance(text, str) and text.strip()]
        for column in missing:
            expected = spec.index(column.key)
            col = unknown[0] if len(missing) == 1 and len(unknown) == 1 else expected if expected in unknown else None
            message = f"找不到列“{column.header}”"
            if col is not None:
                message += f"（此处的表头为“{cell_text(header[col])}”；表头请勿修改）"
            self.problem(spec.name, header_index + 1, col, None, message)

    def _formula_problems(self, name: str, header_row: int, columns: list[int]) -> None:
        """Formula cells of the read columns whose value was never calculated (written by a program,
        not saved by a spreadsheet): their cells would read as 0 or empty."""
        cells = self.formulas.get(name)
        if cells:
            wanted = set(columns)
            for row, col in sorted(cells):
                if row > header_row and col in wanted:
                    self.problem(name, row, col, None, NO_CACHED_VALUE)

    # --- cells ----------------------------------------------------------------------------
    def records(self, table: _Table, converters: dict[str, Callable] | None = None) -> list[tuple[int, dict]]:
        """Each data row as (row number, field key → value), values converted by column kind;
        unreadable cells are recorded as problems and the row is still returned (with ``_INVALID``)."""
        keys, rows = self._rows(table, converters)
        return [(row_number, values if values.__class__ is _Record else _Record(zip(keys, values)))
                for row_number, values in rows]

    def _rows(self, table: _Table, converters: dict[str, Callable] | None = None
              ) -> tuple[list[str], list[tuple[int, tuple | _Record]]]:
        """Each data row as (row number, values): a tuple of values in the order of the keys returned
        for a plain row (see below), else a :class:`_Record` (with ``_INVALID`` for unreadable cells,
        whose problems are recorded), values converted by column kind.

        Texts (also indicator values written as text) are the common case and take a fast path;
        other cells go through the column's converter. Kinds whose cells repeat (choices, units,
        是/否, points) are converted once per distinct text.

        A plain row, whose texts are all printable and within their limits and whose repeating cells
        hold a combination of texts and numbers already read in a valid row, is read in one step: its
        texts stripped at once, its repeating cells from that combination (they are the values the
        cell by cell reading gives: the same texts through the same converters, with no problem)."""
        converters = converters or {}
        plan = []
        for key, col in table.columns.items():
            column = table.spec.column(key)
            convert = converters.get(key) or _CONVERTERS[column.kind]
            cache = {} if column.kind in _REPEATING_KINDS or key in _REPEATING_KEYS else None
            fast = 1 if column.kind in _TEXT_KINDS else 2 if column.kind is Kind.CODE else 0
            limit = LIMITS.get((table.spec.name, key))
            max_length = limit if limit.__class__ is int else layout.MAX_CELL_TEXT
            plan.append((key, col, column, _checked(convert, limit), fast, cache, column.required, max_length))
        texts = [entry for entry in plan if entry[4] == 1]
        codes = [entry for entry in plan if entry[4] == 2]
        repeating = [entry for entry in plan if not entry[4] and entry[5] is not None]
        keys = [entry[0] for entry in texts + codes + repeating]
        plain = bool(plan) and len(keys) == len(plan)  # every column of the sheet can take the shortcut
        if plain:
            width_needed = max(entry[1] for entry in plan) + 1
            written_cells = _cells_getter([entry[1] for entry in texts + codes])
            code_cells = _cells_getter([entry[1] for entry in codes])
            repeating_cells = _cells_getter([entry[1] for entry in repeating])
            written_limits = [entry[7] for entry in texts + codes]
            text_limit = min((entry[7] for entry in texts), default=0)
            code_limit = min((entry[7] for entry in codes), default=0)
            required_texts = _cells_getter([index for index, entry in enumerate(texts + codes) if entry[6]])
            repeating_keys = [entry[0] for entry in repeating]
            # cells → (their values, the positions of the numbers among them), of valid rows
            combinations: dict[tuple, tuple[tuple, tuple]] = {}
        result = []
        problem = self.problem
        for row_number, row in table.rows:
            width = len(row)
            if plain and width >= width_needed:
                written = written_cells(row)
                cells = repeating_cells(row)
                try:
                    joined, coded = "".join(written), "".join(code_cells(row))
                except TypeError:  # a cell that is not text
                    joined = None
                # A printable text holds no white space but " " (str.isprintable), so without one
                # strip() would return each text as it is.
                if joined is not None and joined.isprintable() and coded.isascii() \
                        and ((len(joined) - len(coded) <= text_limit and len(coded) <= code_limit)
                             or all(map(le, map(len, written), written_limits))):
                    if " " in joined:
                        written = tuple(map(str.strip, written))
                    combination = combinations.get(cells)
                    # a float cell of the combination must be a float here: a bool equals 1.0 (and means 是)
                    if combination is not None and all(required_texts(written)) \
                            and all(cells[index].__class__ is float for index in combination[1]):
                        result.append((row_number, written + combination[0]))
                        continue
            else:
                cells = None
            record = _Record()
            for key, col, column, convert, fast, cache, required, max_length in plan:
                raw = row[col] if col < width else ""
                # isprintable() is quicker than the search and true for most cells (no line breaks,
                # no control or invisible characters); the others are searched.
                if fast and raw.__class__ is str and (raw.isascii() and raw.isprintable() if fast == 2 else
                                                      raw.isprintable() or not _NEEDS_CLEANING(raw)) \
                        and len(raw) <= max_length:
                    value = raw.strip()  # see _code: NFKC leaves ASCII unchanged
                elif cache is not None and (raw.__class__ is str or raw.__class__ is float) \
                        and (value := cache.get(raw, _INVALID)) is not _INVALID:
                    pass  # a repeated cell (a float never equals a str key, and bools are not looked up)
                else:
                    try:
                        value = convert(raw, column)
                        if cache is not None and (raw.__class__ is str or raw.__class__ is float):
                            cache[raw] = value
                    except CellError as exc:
                        problem(table.spec.name, row_number, col, raw, str(exc))
                        record[key] = _INVALID
                        record.valid = False
                        continue
                    if value.__class__ is _Number:
                        table.numbers.append((row_number, col, key, record))
                if required and (value is None or value == ""):
                    problem(table.spec.name, row_number, col, raw, f"必填项“{column.header}”为空")
                    value = _INVALID
                    record.valid = False
                record[key] = value
            if cells is not None and record.valid and all(cell.__class__ in _CACHED_TYPES for cell in cells):
                combinations[cells] = (tuple(record[key] for key in repeating_keys),
                                       tuple(index for index, cell in enumerate(cells) if cell.__class__ is float))
            result.append((row_number, record))
        return keys, result

    # --- the document ---------------------------------------------------------------------
    def read(self) -> EvaluationDocument:
        if layout.INFO not in self.sheets and layout.INDICATORS not in self.sheets:
            raise WorkbookError.file(
                "不是 jixiao 自评工作簿：没有“基本信息”和“指标”工作表（可用 jixiao template 生成空白工作簿；"
                "项目支出绩效自评表请用 jixiao import --form 导入，或用 jixiao forms read 转换）")
        for spec in layout.TABLE_SHEETS:  # a missing sheet would read as no rows: its stored rows deleted
            if spec.name not in self.sheets:
                self.problem(spec.name, None, None, None, f"缺少工作表“{spec.name}”")
        info = self.read_info()
        units = self.read_units()
        fund_lines = self.read_funds()
        tasks, task_rows = self.read_tasks()
        projects = self.read_projects(task_rows)
        indicators = self.read_indicators(task_rows)
        monitoring = self.read_monitoring(None if indicators is None else self._indicator_codes)
        adjustments = self.read_adjustments()
        facts = self.read_facts(info["rule_pack"])
        sections = self.read_sections()
        if self.problems:
            raise WorkbookError(sorted(self.problems, key=_problem_order))
        indicators = indicators or {}
        built_tasks = tuple(
            Task(**fields, projects=tuple(projects.get(fields["code"], ())),
                 indicators=tuple(indicators.get(fields["code"], ())))
            for fields in tasks
        )
        document = EvaluationDocument(
            region_code=info["region_code"], region_name=info["region_name"],
            department_code=info["department_code"], department_name=info["department_name"],
            year=info["year"], kind=info["kind"] or EvaluationKind.DEPARTMENT,
            rule_pack=info["rule_pack"], status=info["status"] or EvaluationStatus.DRAFT,
            units=units, fund_lines=fund_lines, tasks=built_tasks, monitoring=monitoring,
            adjustments=adjustments, sections=sections, facts=facts,
            self_total=info["self_total"], self_grade=info["self_grade"],
            self_name=info["self_name"] or "本部门",
        )
        return WorkbookFile(document, info["stamp"] or None, self.places)

    def read_info(self) -> dict:
        values: dict = {field.key: (None if field.kind in (Kind.NUMBER, Kind.INTEGER, Kind.CHOICE) else "")
                        for field in layout.INFO_FIELDS}
        rows = self.grid(layout.INFO)
        if rows is None:
            self.problem(layout.INFO, None, None, None, "缺少工作表“基本信息”")
            return values
        labels = _info_labels()
        seen: set[str] = set()
        field_rows: dict[str, int] = {}
        for index, row in enumerate(rows):
            field = labels.get(header_key(row[0])) if row and isinstance(row[0], str) else None
            if field is None or field.key in seen:
                continue
            seen.add(field.key)
            field_rows[field.key] = index + 1
            raw = row[1] if len(row) > 1 else ""
            try:
                value = _checked(_CONVERTERS[field.kind], LIMITS.get((layout.INFO, field.key)))(raw, field)
            except CellError as exc:
                self.problem(layout.INFO, index + 1, 1, raw, str(exc))
                continue
            if field.required and (value is None or value == ""):
                self.problem(layout.INFO, index + 1, 1, raw, f"必填项“{field.label}”为空")
                continue
            values[field.key] = value
        for field in layout.INFO_FIELDS:
            if not field.optional_row and field.key not in seen:  # a missing row would blank its stored value
                self.problem(layout.INFO, None, None, None, f"缺少“{field.label}”一行（A 列写项目名称，B 列写内容）")
        self.places.info_rows = field_rows
        for row, col in sorted(self.formulas.get(layout.INFO, ())):
            if col == 1 and row in field_rows.values():
                self.problem(layout.INFO, row, col, None, NO_CACHED_VALUE)
        text, values["stamp"] = values.get("stamp") or "", None
        if text:
            values["stamp"] = ExportStamp.parse(text)
            if values["stamp"] is None:
                self.problem(layout.INFO, field_rows["stamp"], 1, text,
                             f"导出版本“{text}”已被改动，无法识别（此格由系统填写，请勿修改；如需作为新数据整体导入，请删除这一行）")
        year = values.get("year")
        if isinstance(year, int) and not 2000 <= year <= 2100:
            self.problem(layout.INFO, field_rows["year"], 1, str(year), f"“{year}”不是有效的年度")
        pack = values.get("rule_pack")
        if pack and not is_pack_code(pack):  # a code of the registry, never a path
            self.problem(layout.INFO, field_rows["rule_pack"], 1, quote(pack), unknown_pack_message(pack))
            values["rule_pack"] = ""
        return values

    def read_units(self) -> tuple[Unit, ...]:
        table = self.table(layout.UNIT_SHEET)
        if table is None:
            return ()
        units = []
        for row_number, r in self.records(table):
            if _valid(r):
                units.append(Unit(code=r.get("code") or "", name=r["name"], duties=r.get("duties") or ""))
                self.places.rows[layout.UNITS][units[-1].code or units[-1].name[:40]] = row_number
        return tuple(units)

    def read_funds(self) -> tuple[FundLine, ...]:
        table = self.table(layout.FUND_SHEET)
        if table is None:
            return ()
        lines = []
        for row_number, r in self.records(table):
            if _valid(r):
                self.places.rows[layout.FUNDS][(r["source"].label, r["nature"].label)] = row_number
                lines.append(FundLine(
                    source=r["source"], nature=r["nature"], initial_budget=_money(r, "initial_budget"),
                    full_year_budget=_money(r, "full_year_budget"), executed=_money(r, "executed"),
                    carryover=_money(r, "carryover"), prior_year_carryover=_money(r, "prior_year_carryover")))
        return tuple(lines)

    def read_tasks(self) -> tuple[list[dict], dict[str, int]]:
        table = self.table(layout.TASK_SHEET)
        tasks: list[dict] = []
        rows: dict[str, int] = {}
        if table is None:
            return tasks, rows
        for row_number, r in self.records(table):
            code = r.get("code")
            if isinstance(code, str) and code in rows:
                self.problem(layout.TASKS, row_number, table.columns["code"], code,
                             f"任务编号“{code}”重复（第 {rows[code]} 行已有）")
                continue
            if not _valid(r):
                if isinstance(code, str) and code:
                    rows[code] = row_number
                continue
            rows[code] = row_number
            self.places.rows[layout.TASKS][code] = row_number
            tasks.append({"code": code, "name": r["name"], "description": r.get("description") or "",
                          "responsible_unit": r.get("responsible_unit") or "", "funds": _money(r, "funds"),
                          "summary": r.get("summary") or ""})
        return tasks, rows

    def _task_ref(self, table: _Table, row_number: int, code, task_rows: dict[str, int]) -> bool:
        if code is _INVALID or code in task_rows:
            return code is not _INVALID
        self.problem(table.spec.name, row_number, table.columns["task"], code,
                     f"任务编号“{code}”在“任务”表中不存在")
        return False

    def read_projects(self, task_rows: dict[str, int]) -> dict[str, list[Project]]:
        table = self.table(layout.PROJECT_SHEET)
        result: dict[str, list[Project]] = {}
        if table is None:
            return result
        for row_number, r in self.records(table):
            if not self._task_ref(table, row_number, r.get("task"), task_rows) or not _valid(r):
                continue
            self.places.rows[layout.PROJECTS][(r["task"], r.get("code") or "")] = row_number
            result.setdefault(r["task"], []).append(Project(
                code=r.get("code") or "", name=r["name"], unit=r.get("unit") or "", budget=_money(r, "budget"),
                executed=_money(r, "executed"), initial_budget=_money(r, "initial_budget"),
                prior_year_carryover=_money(r, "prior_year_carryover"), other_funds=_money(r, "other_funds"),
                goal=r.get("goal") or "", goal_result=r.get("goal_result") or ""))
        return result

    def read_indicators(self, task_rows: dict[str, int]) -> dict[str, list[Indicator]] | None:
        """Indicators by task code; ``None`` when the sheet cannot be read at all.

        Each row's values are taken from the tuple :meth:`_rows` reads (a row read cell by cell is
        made one after the number formats are known): at 100,000 rows a dict per row, and the
        lookups in it, cost as much as reading the cells."""
        table = self.table(layout.INDICATOR_SHEET)
        result: dict[str, list[Indicator]] = {}
        if table is None:
            return result
        if not table.readable:
            return None
        sheet = layout.INDICATORS
        keys, rows = self._rows(table, {"direction": _direction, "target": _value_cell, "actual": _value_cell})
        self._resolve_percent_cells(table)
        in_order = itemgetter(*keys)  # a record's values as a plain row's tuple
        checked = itemgetter(*(keys.index(key) for key in ("task", "code", "level1", "level2")))
        values_of = itemgetter(*(keys.index(key) for key in (
            "target", "actual", "direction", "unit")))
        built = itemgetter(*(keys.index(key) for key in (
            "name", "weight", "self_score", "deviation_reason", "improvement", "target_basis", "applicable")))
        seen_codes: dict[str, int] = {}
        pending: list[tuple[int, tuple]] = []
        for row_number, values in rows:
            valid = True
            if values.__class__ is _Record:
                valid, values = values.valid, in_order(values)
            task, code, level1, level2 = checked(values)
            row_ok = task in task_rows or self._task_ref(table, row_number, task, task_rows)
            if code and code is not _INVALID:
                if code in seen_codes:
                    self.problem(sheet, row_number, table.columns["code"], code,
                                 f"指标编码“{code}”重复（第 {seen_codes[code]} 行已有）")
                    row_ok = False
                else:
                    seen_codes[code] = row_number
            if _LEVEL1_OF.get(id(level2), level1) is not level1 and level1 in _LEVEL1_IDS:
                self.problem(sheet, row_number, table.columns["level2"], level2.label,
                             f"二级指标“{level2.label}”不属于一级指标“{level1.label}”"
                             f"（应属于“{level2.level1.label}”）")
                row_ok = False
            if row_ok and valid:
                pending.append((row_number, values))
            else:  # every problem at once: the values of a row with another problem are checked too
                self._parsed(table, row_number, *values_of(values))
        counters: dict[str, int] = {}
        indicator_rows = self.places.rows[layout.INDICATORS]
        parsed_of, filled = self._parsed, Indicator.filled
        for row_number, values in pending:
            task, code, level1, level2 = checked(values)
            counters[task] = number = counters.get(task, 0) + 1
            if not code:
                code = f"{task}-{number}"
                while code in seen_codes:
                    code += "a"
                seen_codes[code] = row_number
            parsed = parsed_of(table, row_number, *values_of(values))
            indicator_rows[code] = row_number
            if parsed is not None:
                target, actual, direction, unit = parsed
                name, weight, self_score, deviation_reason, improvement, target_basis, applicable = built(values)
                result.setdefault(task, []).append(filled({
                    "code": code, "level1": level1, "level2": level2, "name": name, "target": target,
                    "actual": actual, "direction": direction, "unit": unit, "weight": weight,
                    "self_score": self_score, "deviation_reason": deviation_reason or "",
                    "improvement": improvement or "", "target_basis": target_basis or "",
                    "applicable": True if applicable is None else applicable, "unread": ""}))
        self._indicator_codes = set(seen_codes)
        return result

    def _parsed(self, table: _Table, row_number: int, target, actual, direction, unit) -> tuple | None:
        """``(target, actual, direction, unit)`` of one row as :meth:`Indicator.from_text` reads them;
        ``None`` when one cannot be read or is invalid (the problems are recorded at the row's cells).
        Each distinct combination is read once (:meth:`_read_values`), its problems included."""
        target, actual, unit = target or "", actual or "", unit or ""
        if target is _INVALID or actual is _INVALID or direction is _INVALID or unit is _INVALID:
            return None
        key = (target, actual, id(direction), unit)  # (an enum member's hash is slow; members are singletons)
        read = self._values.get(key)
        if read is None:
            read = self._values[key] = self._read_values(target, actual, direction, unit)
        if read.__class__ is list:
            for field, text, message in read:
                self.problem(layout.INDICATORS, row_number, table.columns.get(field), text, message)
            return None
        return read

    def _read_values(self, target: str, actual: str, direction: Direction | None, unit: str) -> tuple | list:
        """The values of :meth:`_parsed`, or the problems that prevent them as ``[(field, text, message)]``.

        Targets (with their 指标性质 and unit) and actuals repeat across rows far more than whole rows
        do, so each distinct target and each distinct actual is read once (by the two halves of
        ``from_text``, :func:`read_target` and :func:`read_actual`), its failure included."""
        key = (target, id(direction), unit)
        read = self._targets.get(key)
        if read is None:
            try:
                value, resolved, actual_unit = read_target(target, direction, unit)
                read = (value, resolved, actual_unit, _number_message(value))
            except ValueParseError as exc:
                read = exc
            self._targets[key] = read
        if read.__class__ is not tuple:
            return [(read.column or "target", read.text, str(read))]
        target_value, resolved, actual_unit, target_message = read
        key = (actual, resolved is Direction.QUALITATIVE, actual_unit, unit)
        actual_read = self._actuals.get(key)
        if actual_read is None:
            try:
                value = read_actual(actual, resolved, actual_unit, unit)
                actual_read = (value, _number_message(value))
            except ValueParseError as exc:
                actual_read = exc
            self._actuals[key] = actual_read
        if actual_read.__class__ is not tuple:
            return [(actual_read.column or "actual", actual_read.text, str(actual_read))]
        if target_message:
            return [("target", target_value.text, target_message)]
        if actual_read[1]:
            return [("actual", actual_read[0].text, actual_read[1])]
        return target_value, actual_read[0], resolved, target_value.unit or unit

    def _resolve_percent_cells(self, table: _Table) -> None:
        """Numbers in value columns formatted as percentages (0.91 shown as 91%) are read as ``91%``.

        calamine gives no number formats, so openpyxl is opened only when such numeric cells exist
        (the workbook's own exports write values as text and never take this path)."""
        if table.numbers:
            formats = self._number_formats(table.spec.name, {(row, col) for row, col, _, _ in table.numbers})
            for row_number, col, key, r in table.numbers:
                r[key] = formatted_number(r[key].value, formats.get((row_number, col), ""))

    def _number_formats(self, name: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        return number_formats(self.data, self.sheets[name], cells)

    def read_monitoring(self, indicator_codes: set[str] | None) -> tuple[MonitoringSnapshot, ...]:
        table = self.table(layout.MONITORING_SHEET)
        if table is None:
            return ()
        records = self.records(table, {"value": _value_cell, "projected": _value_cell})
        self._resolve_percent_cells(table)
        snapshots = []
        seen: dict[tuple, int] = {}  # (date, indicator code) → first row: one snapshot per indicator and date
        for row_number, r in records:
            code = r.get("indicator") or ""
            if code and code is not _INVALID and indicator_codes is not None and code not in indicator_codes:
                self.problem(layout.MONITORING, row_number, table.columns["indicator"], code,
                             f"指标编码“{code}”在“指标”表中不存在")
                continue
            parsed = {}
            for key in ("value", "projected"):
                text = r.get(key)
                parsed[key] = None
                if isinstance(text, str) and text:
                    try:
                        parsed[key] = parse_value(text)
                    except ValueParseError as exc:
                        self.problem(layout.MONITORING, row_number, table.columns[key], text, str(exc))
                        parsed[key] = _INVALID
                        continue
                    message = parsed[key].number is not None and number_problem(parsed[key].number, NUMBER, "数值")
                    if message:
                        self.problem(layout.MONITORING, row_number, table.columns[key], text, message)
                        parsed[key] = _INVALID
            if not _valid(r) or _INVALID in parsed.values():
                continue
            key = (r["as_of"], code)
            if key in seen:
                self.problem(layout.MONITORING, row_number, table.columns["as_of"], r["as_of"].isoformat(),
                             f"与第 {seen[key]} 行重复：同一{'指标' if code else '资金'}同一日期只能有一条监控记录")
                continue
            seen[key] = row_number
            self.places.rows[layout.MONITORING][(r["as_of"].isoformat(), code)] = row_number
            snapshots.append(MonitoringSnapshot(
                as_of=r["as_of"], indicator_code=code, value=parsed["value"], executed=r.get("executed"),
                projected=parsed["projected"], warning=r.get("warning"), likelihood=r.get("likelihood") or "",
                reason=r.get("reason") or "", note=r.get("note") or ""))
        return tuple(snapshots)

    def read_adjustments(self) -> tuple[Adjustment, ...]:
        table = self.table(layout.ADJUSTMENT_SHEET)
        if table is None:
            return ()
        return tuple(
            Adjustment(kind=r["kind"], subject=r["subject"], before=r.get("before") or "", after=r.get("after") or "",
                       reason=r.get("reason") or "", status=r.get("status") or AdjustmentStatus.PENDING,
                       requested_on=r.get("requested_on"), decided_on=r.get("decided_on"))
            for _, r in self.records(table) if _valid(r))

    def read_facts(self, pack_name: str) -> tuple[Fact, ...]:
        """评价要点 by the pack's Chinese name (or, from older workbooks, the key); an empty answer is
        no answer."""
        table = self.table(layout.FACT_SHEET)
        if table is None:
            return ()
        items = fact_items(pack_name)
        keys = {item.label: item.key for item in items} | {item.key: item.key for item in items}
        facts = []
        for row_number, r in self.records(table):
            if not _valid(r) or not ((r.get("value") or "").strip() or (r.get("note") or "").strip()):
                continue
            key = keys.get(normalize_text(r["key"]))
            if key is None and _FACT_KEY.match(r["key"]):
                key = r["key"]  # a fact the pack does not score, kept by its key
            if key is None and items:
                self.problem(layout.FACTS, row_number, table.columns["key"], r["key"],
                             f"评分规则“{pack_name}”中没有要点“{r['key']}”（可填：{'、'.join(i.label for i in items)}）")
                continue
            facts.append(Fact(key=key or r["key"], value=r.get("value") or "", note=r.get("note") or ""))
            self.places.rows[layout.FACTS][facts[-1].key] = row_number
        return tuple(facts)

    def read_sections(self) -> tuple[ReportSection, ...]:
        table = self.table(layout.SECTION_SHEET)
        if table is None:
            return ()
        sections = []
        for row_number, r in self.records(table):
            if _valid(r):
                sections.append(ReportSection(key=r["key"], title=r.get("title") or "", text=r.get("text") or "",
                                              edited=r["edited"] if r.get("edited") is not None else True))
                self.places.rows[layout.SECTIONS][r["key"]] = row_number
        return tuple(sections)


def number_formats(data: bytes, sheet_name: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The number format of each (Excel row, 0-based column) of ``cells`` in one sheet, via openpyxl
    (calamine gives no formats; this is only called for the few cells whose meaning depends on it)."""
    import openpyxl

    rows = {row for row, _ in cells}
    found = {}
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book[sheet_name]
        for row in sheet.iter_rows(min_row=min(rows), max_row=max(rows)):
            for cell in row:
                coordinate = (getattr(cell, "row", None), getattr(cell, "column", 0) - 1)
                if coordinate in cells:
                    found[coordinate] = cell.number_format or ""
    finally:
        book.close()
    return found


def formatted_number(number: Decimal, number_format: str) -> str:
    """A number from a value cell as people see it: 0.91 under a percentage format is ``91%``."""
    if "%" in number_format:
        return format((number * 100).normalize(), "f") + "%"
    return format(number, "f")


def _problem_order(problem: Problem) -> tuple:
    """Problems in the order a person fixes them: sheet by sheet (as in the workbook), row by row."""
    sheet = layout.SHEET_ORDER.index(problem.sheet) if problem.sheet in layout.SHEET_ORDER else -1
    column = problem.column or ""
    return sheet, problem.row or 0, len(column), column


# 二级 → 一级 by identity (enum members are singletons; their hash is slow in a 100,000-row loop).
_LEVEL1_OF = {id(level2): level2.level1 for level2 in Level2}
_LEVEL1_IDS = frozenset(Level1)


_CACHED_TYPES = frozenset({str, float})  # the cells whose conversion is kept for their equals


def _cells_getter(columns: list[int]) -> Callable[[list], tuple]:
    """The cells of ``columns`` of a row, as a tuple (also of one column or none)."""
    if len(columns) > 1:
        return itemgetter(*columns)
    if columns:
        column = columns[0]
        return lambda row: (row[column],)
    return lambda row: ()


class _Record(dict):
    """One row's values by field key; ``valid`` is False when a cell of it could not be read."""

    valid = True  # set on the instance only when a cell fails


def _valid(record: _Record) -> bool:
    return record.valid


def _number_message(value) -> str:
    """The storage limit's refusal of a parsed value's number (too many digits), or ``""``."""
    return value.number is not None and number_problem(value.number, NUMBER, "数值") or ""


def _money(record: dict, key: str) -> Decimal:
    value = record.get(key)
    return ZERO if value is None else value


class _Number:
    """A numeric cell in a value column, kept until its number format is known."""

    __slots__ = ("value",)

    def __init__(self, value: Decimal):
        self.value = value


def _checked(convert: Callable, limit) -> Callable:
    """``convert`` followed by the storage limit of the field (:mod:`jixiao.domain.limits`): a text too
    long or holding control characters, a negative or too large amount is refused at its cell."""
    if limit is None:
        def check_text(raw, column):
            value = convert(raw, column)
            if value.__class__ is str and value:
                message = text_problem(value, layout.MAX_CELL_TEXT)
                if message:
                    raise CellError(message)
            return value
        return check_text
    if limit.__class__ is int:
        def check_length(raw, column):
            value = convert(raw, column)
            if value.__class__ is str and value:
                message = text_problem(value, limit)
                if message:
                    raise CellError(message)
            return value
        return check_length
    number_limit, what = limit

    def check_number(raw, column):
        value = convert(raw, column)
        if isinstance(value, Decimal):
            message = number_problem(value, number_limit, what)
            if message:
                raise CellError(message)
        return value
    return check_number


# --- converters by column kind: (raw cell, column) → value, raising CellError ----------------
def _text(raw, column) -> str:
    return cell_text(raw)


def _code(raw, column) -> str:
    if raw.__class__ is str and raw.isascii():  # NFKC and the symbol table leave ASCII unchanged
        return raw.strip()
    return normalize_text(cell_text(raw).translate(_NO_JOINERS))


_NO_JOINERS = dict.fromkeys(map(ord, JOINERS))


def _value_cell(raw, column):
    if raw.__class__ is str:
        return cell_text(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _Number(float_to_decimal(raw))
    return cell_text(raw)


def _choice(raw, column: Column | InfoField):
    text = cell_text(raw)
    if not text:
        return None
    compact = "".join(normalize_text(text).split())
    found = column.choices.from_label(compact) or (
        column.choices.from_label(compact[:-1]) if compact.endswith("等") else None)
    if found is None:
        allowed = "、".join(member.label for member in column.choices)
        raise CellError(f"“{text}”不是有效的{column.header if isinstance(column, Column) else column.label}"
                        f"（可选：{allowed}）")
    return found


def _direction(raw, column) -> Direction | None:
    text = cell_text(raw)
    if not text:
        return None
    found = read_direction(text)
    if found is None:
        allowed = "、".join(member.label for member in Direction)
        raise CellError(f"“{text}”不是有效的指标性质（可选：{allowed}）")
    return found


def _bool(raw, column):
    if cell_text(raw) == "":
        return None
    return cell_bool(raw, default=True)


_TEXT_KINDS = frozenset({Kind.TEXT, Kind.LONG_TEXT, Kind.VALUE})
_REPEATING_KINDS = frozenset({Kind.CHOICE, Kind.UNIT, Kind.BOOL, Kind.NUMBER})
_REPEATING_KEYS = frozenset({"direction"})

_CONVERTERS: dict[Kind, Callable] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.CODE: _code,
    Kind.VALUE: _text,
    Kind.UNIT: lambda raw, column: normalize_text(cell_text(raw)),
    Kind.MONEY: lambda raw, column: cell_money(raw),
    Kind.NUMBER: lambda raw, column: cell_number(raw),
    Kind.INTEGER: lambda raw, column: cell_integer(raw),
    Kind.DATE: lambda raw, column: cell_date(raw),
    Kind.CHOICE: _choice,
    Kind.BOOL: _bool,
    Kind.RATE: lambda raw, column: None,
}
