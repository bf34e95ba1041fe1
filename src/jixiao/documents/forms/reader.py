"""Reading filled 项目支出绩效自评表 (the 财预〔2020〕10号 附件2 layout) into project documents.

Departments already have these forms, filled in Excel or WPS; each becomes an
:class:`EvaluationDocument` of kind project. The form is found by its labels, not by fixed cells, so
the common variants are read too:

- 指标性质 / 指标值 / 度量单位 in separate columns (a two-row header under 年度指标值);
- a 90-point indicator table with the 10-point budget execution in its own block or row;
- 分值 before 指标值, or other column orders; extra columns;
- amounts in 元 (``项目资金（元）``), converted to 万元;
- several forms in one workbook (one per sheet, or one under another on the same sheet);
- merged cells (一级/二级指标 written once for their rows), numbers stored as text, full-width
  symbols (≧ ═), percentages typed into percentage-formatted cells.

The form's own 得分 per indicator and 总分/等级 are kept as the department's self scores
(``self_score``, ``self_total``, ``self_grade``); the scoring engine computes its own. A form
without a 项目编码 takes its project name as the project's code (the key of a project evaluation).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources

import python_calamine
import yaml

from jixiao.domain.document import EvaluationDocument, Indicator, Project, Task
from jixiao.domain.enums import EvaluationKind, Level1, Level2
from jixiao.domain.numbers import ZERO
from jixiao.domain.values import ValueParseError, normalize_text, read_direction, unread_wording

from jixiao.documents.workbook.cells import (
    CellError,
    canonical_money,
    cell_money,
    cell_number,
    cell_text,
    float_to_decimal,
    unreadable_value_column,
)
from jixiao.documents.workbook.layout import header_key
from jixiao.documents.workbook.package import WorkbookLimits, column_letter, open_package, read_source, sheet_members, verify_members
from jixiao.documents.workbook.problems import Problem, WorkbookError
from jixiao.documents.workbook.reader import formatted_number, number_formats

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YUAN_UNIT = re.compile(r"[（(]\s*元\s*[）)]|单位[:：]\s*元(?!\S*万)")
_GRADE = re.compile(r"(?:.*(?:等级|等次)[:：]?)?(优秀|优|良好|良|中|差)")
_EMPTY = {"", "—", "-", "--", "/", "\\", "——", "无"}
_MEANT_NUMBER = re.compile(r"[\d≥≤<>=]")  # a digit or a sign: a number was meant, a typo is refused

# Header texts (normalised with header_key) → field of the indicator table.
_INDICATOR_HEADERS = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标名称": "name",
    "指标性质": "direction", "指标方向": "direction",
    "年度指标值": "target", "指标值": "target", "年度目标值": "target", "目标值": "target", "预期指标值": "target",
    "度量单位": "unit", "计量单位": "unit", "单位": "unit",
    "实际完成值": "actual", "实际值": "actual", "完成值": "actual", "全年实际完成值": "actual",
    "分值": "weight", "权重": "weight", "权重分值": "weight",
    "得分": "score", "自评得分": "score",
    "偏差原因分析及改进措施": "deviation", "偏差原因分析": "deviation", "偏差原因": "deviation",
    "未完成原因分析": "deviation", "改进措施": "improvement",
}
_FUND_HEADERS = {"年初预算数": "initial", "全年预算数": "budget", "全年执行数": "executed", "执行数": "executed"}
_STOP_LABELS = ("总分", "总计", "其他需要说明", "评价结论", "存在问题", "改进措施", "填表人", "单位负责人",
                "填报人", "联系电话", "备注")


@cache
def _frameworks() -> tuple[dict, ...]:
    """The other evaluation frameworks a table's 一级指标 may follow (frameworks.yaml)."""
    data = yaml.safe_load((resources.files(__package__) / "frameworks.yaml").read_text(encoding="utf-8"))
    return tuple(data["frameworks"])


def _level_word(text: str) -> str:
    word = "".join(normalize_text(text).split())
    word = word[:-1] if word.endswith("等") else word
    return word[:-2] if word.endswith("指标") and len(word) > 2 else word


def _other_framework(level1_texts) -> dict | None:
    """The framework whose own 一级指标 (决策, 过程, 管理效率, 履职效能…) the texts use, if any."""
    words = {_level_word(text) for text in level1_texts if text}
    fits = [(len(words & set(f["own"])), len(words & set(f["level1"])), -n, f) for n, f in enumerate(_frameworks())]
    best = max(fits, key=lambda fit: fit[:3])
    return best[3] if best[0] else None


@dataclass
class _Block:
    """One form on a sheet: rows ``first``..``last`` (0-based, inclusive)."""

    sheet: str
    first: int
    last: int
    header_first: int  # where the title rows above the form begin


@dataclass
class _Found:
    problems: list[Problem] = field(default_factory=list)
    documents: list[EvaluationDocument] = field(default_factory=list)


def read_project_forms(source, *, region_code: str = "", region_name: str = "", department_code: str = "",
                       year: int | None = None, rule_pack: str = "", limits: WorkbookLimits | None = None
                       ) -> list[EvaluationDocument]:
    """Every 项目支出绩效自评表 in a workbook, as project documents (in sheet order).

    ``region_*``/``department_code`` say whose forms they are (the forms name the department only);
    ``year`` is read from the title (``2022年度``) unless given; ``rule_pack`` defaults to the shipped
    project pack. Raises :class:`WorkbookError` listing every problem at once.
    """
    limits = limits or WorkbookLimits.from_env()
    data, _ = read_source(source, limits)
    package = open_package(data, limits)
    members = sheet_members(package)
    verify_members(package, {member: name for name, member in members.items()}, limits)
    if not rule_pack:
        from jixiao.documents.forms import default_project_pack

        rule_pack = default_project_pack().name
    else:
        from jixiao.rules import is_pack_code, unknown_pack_message

        if not is_pack_code(rule_pack):
            raise WorkbookError.file(unknown_pack_message(rule_pack))
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.CalamineError as exc:
        raise WorkbookError.file(f"文件已损坏，无法作为 xlsx 打开（{exc}）") from exc
    found = _Found()
    context = {"region_code": region_code, "region_name": region_name, "department_code": department_code,
               "year": year, "rule_pack": rule_pack}
    with book:
        for name in book.sheet_names:
            try:
                grid = _grid(book.get_sheet_by_name(name))
            except python_calamine.CalamineError as exc:  # a damaged sheet (bad XML, bad text encoding)
                raise WorkbookError.file(f"文件已损坏：工作表“{name}”无法读取（{exc}）") from exc
            for block in _blocks(name, grid):
                reader = _FormReader(block, grid, data, context, found)
                document = reader.read()
                if document is not None:
                    found.documents.append(document)
    if found.problems:
        raise WorkbookError(found.problems)
    if not found.documents:
        raise WorkbookError.file("没有找到项目支出绩效自评表：表中应有“项目名称”和带“三级指标”列的绩效指标表")
    return found.documents


def _grid(sheet) -> list[list]:
    """The sheet's cells with every merged range filled with its top-left value (labels of forms
    span columns and rows)."""
    rows = sheet.to_python(skip_empty_area=False)
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if rows[r][c] == "":
                    rows[r][c] = value
    return rows


def _key(value) -> str:
    return header_key(value) if isinstance(value, str) else ""


def _blocks(sheet: str, grid: list[list]) -> list[_Block]:
    """The forms on a sheet: each starts at its 项目名称 row; its title rows (form name, year) lie
    between the previous form's 总分 row and that row."""
    starts = [index for index, row in enumerate(grid) if any(_key(cell) == "项目名称" for cell in row)]
    blocks = []
    for number, start in enumerate(starts):
        last = starts[number + 1] - 1 if number + 1 < len(starts) else len(grid) - 1
        header_first = 0 if number == 0 else _after_total(grid, starts[number - 1], start)
        blocks.append(_Block(sheet, start, last, header_first))
    return blocks


def _after_total(grid: list[list], previous_start: int, start: int) -> int:
    for index in range(previous_start + 1, start):
        if _first_text(grid[index]).startswith("总分"):
            return index + 1
    return previous_start + 1


_MEASURES = re.compile(r"\n?\s*改进措施[:：]\s*")


def _split_measures(text: str) -> tuple[str, str]:
    """``原因……\n改进措施：……`` (one column on the form) → (reason, improvement)."""
    parts = _MEASURES.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        return parts[0].strip(), parts[1].strip()
    return text, ""


def _first_text(row: list) -> str:
    return next((normalize_text(cell_text(cell)).replace(" ", "") for cell in row if cell_text(cell)), "")


class _FormReader:
    def __init__(self, block: _Block, grid: list[list], data: bytes, context: dict, found: _Found):
        self.block, self.grid, self.data, self.context, self.found = block, grid, data, context, found
        self.problems = found.problems
        self.factor = Decimal(1)

    def problem(self, row: int | None, col: int | None, value, message: str) -> None:
        self.problems.append(Problem(self.block.sheet, None if row is None else row + 1,
                                     None if col is None else column_letter(col + 1),
                                     cell_text(value) if value is not None else "", message))

    def rows(self, first: int | None = None, last: int | None = None):
        first = self.block.first if first is None else first
        last = self.block.last if last is None else last
        for index in range(first, last + 1):
            yield index, self.grid[index]

    def find(self, label: str, *, first: int | None = None) -> tuple[int, int] | None:
        """(row, col) of the first cell whose header text is ``label``."""
        for index, row in self.rows(first):
            for col, cell in enumerate(row):
                if _key(cell) == label:
                    return index, col
        return None

    def right_of(self, row: int, col: int) -> tuple[int, object]:
        """The first cell right of a label that holds something else than the label."""
        label = self.grid[row][col]
        for c in range(col + 1, len(self.grid[row])):
            value = self.grid[row][c]
            if value != "" and value != label:
                return c, value
        return col + 1, ""

    # --- the form ----------------------------------------------------------------------------
    def read(self) -> EvaluationDocument | None:
        before = len(self.problems)
        name_at = self.find("项目名称")
        name_col, name = self.right_of(*name_at)
        name = cell_text(name)
        if not name:
            self.problem(name_at[0], name_col, "", "项目名称为空")
        department = self.labelled("主管部门") or self.labelled("主管部门及代码")
        unit = self.labelled("实施单位")
        code = self.labelled("项目编码") or self.labelled("项目代码")
        year = self.context["year"] or self.year()
        self.factor = Decimal("0.0001") if self.in_yuan() else Decimal(1)
        project_funds = self.funds()
        goal, goal_result = self.goals()
        indicators = self.indicators()
        self_total, self_grade = self.total()
        if len(self.problems) > before or year is None:
            if year is None:
                self.problem(self.block.header_first, 0, "", "找不到年度：标题应写明年度（如“2022年度”），或导入时指定年度")
            return None
        # A form without a 项目编码 is keyed by its project name, so re-importing it updates the same evaluation.
        project = Project(code=code or name, name=name, unit=unit, goal=goal, goal_result=goal_result, **project_funds)
        return EvaluationDocument(
            region_code=self.context["region_code"], region_name=self.context["region_name"],
            department_code=self.context["department_code"], department_name=department, year=year,
            kind=EvaluationKind.PROJECT, rule_pack=self.context["rule_pack"],
            tasks=(Task(code="1", name=name, responsible_unit=unit, funds=project.budget, projects=(project,),
                        indicators=tuple(indicators)),),
            self_total=self_total, self_grade=self_grade, self_name="本单位")

    def labelled(self, label: str) -> str:
        at = self.find(label)
        return cell_text(self.right_of(*at)[1]) if at else ""

    def year(self) -> int | None:
        for index in range(self.block.header_first, self.block.last + 1):
            text = "".join(cell_text(cell) for cell in self.grid[index])
            match = _YEAR.search(normalize_text(text))
            if match and ("年度" in text or "自评表" in text):
                return int(match.group(1))
        return None

    def in_yuan(self) -> bool:
        for _index, row in self.rows(self.block.header_first):
            for cell in row:
                if isinstance(cell, str) and ("资金" in cell or "单位" in cell) and _YUAN_UNIT.search(
                        normalize_text(cell)):
                    return True
        return False

    def funds(self) -> dict:
        """年初预算数 / 全年预算数 / 全年执行数 of the total, and the 上年结转 and 其他资金 rows."""
        header = None
        for index, row in self.rows():
            columns = {}
            for col, cell in enumerate(row):
                key = _FUND_HEADERS.get(_key(cell))
                if key and key not in columns:
                    columns[key] = col
            if {"budget", "executed"} <= columns.keys():
                header = index, columns
                break
        result = {"initial_budget": ZERO, "budget": ZERO, "executed": ZERO, "prior_year_carryover": ZERO,
                  "other_funds": ZERO}
        if header is None:
            self.problem(self.block.first, None, "", "找不到项目资金表头（全年预算数、全年执行数）")
            return result
        index, columns = header
        first_amount = min(columns.values())
        lines: dict[str, dict] = {}
        for r in range(index + 1, min(index + 7, self.block.last + 1)):
            row = self.grid[r]
            label = "".join(_key(cell) for cell in row[:first_amount])
            kind = ("total" if "总额" in label or label.endswith("合计") else "carryover" if "上年结转" in label
                    else "other" if "其他资金" in label else "current" if "财政拨款" in label else None)
            if kind is None or kind in lines:
                continue
            lines[kind] = {key: self.amount(r, col) for key, col in columns.items()}
        total = lines.get("total") or {}
        parts = [lines.get(k) or {} for k in ("current", "carryover", "other")]
        for key, field_name in (("initial", "initial_budget"), ("budget", "budget"), ("executed", "executed")):
            value = total.get(key)
            if value is None:
                known = [part.get(key) for part in parts if part.get(key) is not None]
                value = sum(known, ZERO) if known else None
            result[field_name] = ZERO if value is None else value
        result["prior_year_carryover"] = (lines.get("carryover") or {}).get("budget") or ZERO
        result["other_funds"] = (lines.get("other") or {}).get("budget") or ZERO
        return result

    def amount(self, row: int, col: int) -> Decimal | None:
        raw = self.grid[row][col] if col < len(self.grid[row]) else ""
        if isinstance(raw, str) and normalize_text(raw) in _EMPTY:
            return None
        try:
            value = cell_money(raw)
        except CellError as exc:
            self.problem(row, col, raw, str(exc).replace("（单位：万元）", ""))
            return None
        return None if value is None else canonical_money((value * self.factor).normalize())

    def goals(self) -> tuple[str, str]:
        at = self.find("预期目标")
        if at is None:
            return "", ""
        row, goal_col = at
        result_at = next((c for c, cell in enumerate(self.grid[row]) if _key(cell) in ("实际完成情况", "实际完成目标")),
                         None)
        for r in range(row + 1, min(row + 4, self.block.last + 1)):
            cells = self.grid[r]
            if any(_key(cell) in _INDICATOR_HEADERS for cell in cells):
                break
            goal = cell_text(cells[goal_col]) if goal_col < len(cells) else ""
            result = cell_text(cells[result_at]) if result_at is not None and result_at < len(cells) else ""
            if goal or result:
                return goal, result
        return "", ""

    # --- indicators --------------------------------------------------------------------------
    def indicator_header(self) -> tuple[int, dict[str, int]] | None:
        at = self.find("三级指标") or self.find("指标名称")
        if at is None:
            return None
        row, col = at
        while row + 1 <= self.block.last and _key(self.grid[row + 1][col]) == _key(self.grid[row][col]):
            row += 1  # a header label merged over two rows: the lower row has the sub-headers
        columns: dict[str, int] = {}
        upper = self.grid[row - 1] if row - 1 >= self.block.first else []
        for col, cell in enumerate(self.grid[row]):
            key = _INDICATOR_HEADERS.get(_key(cell))
            if key is None and col < len(upper):
                key = _INDICATOR_HEADERS.get(_key(upper[col]))
            if key and key not in columns:
                columns[key] = col
        return row, columns

    def indicators(self) -> list[Indicator]:
        header = self.indicator_header()
        if header is None:
            self.problem(self.block.first, None, "", "找不到绩效指标表头（一级指标、二级指标、三级指标…）")
            return []
        row, columns = header
        missing = [label for label, key in (("一级指标", "level1"), ("二级指标", "level2"),
                                            ("年度指标值", "target")) if key not in columns]
        for label in missing:
            self.problem(row, None, "", f"绩效指标表缺少“{label}”列")
        if missing:
            return []
        self.header_row, self.columns = row, columns
        cells = {}
        indicators = []
        numbers: list[tuple[int, int, str]] = []
        above: dict[str, object] = {}
        for r in range(row + 1, self.block.last + 1):
            line = self.grid[r]
            if _first_text(line).startswith(_STOP_LABELS):
                self.total_row = r
                break
            values = {key: (line[col] if col < len(line) else "") for key, col in columns.items()}
            for key in ("level1", "level2"):  # a level written once for its rows, without merging
                if cell_text(values.get(key)):
                    above[key] = values[key]
                    if key == "level1":
                        above.pop("level2", None)
                elif key in above:
                    values[key] = above[key]
            name = cell_text(values.get("name"))
            if not name or _key(values.get("name")) in _INDICATOR_HEADERS:
                continue
            if "预算执行" in name or "预算执行" in cell_text(values.get("level1")):
                continue  # the 10-point execution row of the 90 + 10 variant: scored from the funds
            for key in ("target", "actual"):
                if isinstance(values.get(key), (int, float)) and not isinstance(values.get(key), bool):
                    numbers.append((r, columns[key], key))
            cells[r] = values
        formats = number_formats(self.data, self.block.sheet, {(r + 1, c) for r, c, _ in numbers}) if numbers else {}
        for r, col, key in numbers:
            cells[r][key] = formatted_number(float_to_decimal(cells[r][key]), formats.get((r + 1, col), ""))
        framework = _other_framework(cell_text(values.get("level1")) for values in cells.values())
        if framework is not None:
            self.problem(row, columns["level1"], "", (
                f"一级指标按“{framework['name']}”框架填写（{framework['used_for']}），不是项目支出绩效自评表的"
                f"产出指标、效益指标、满意度指标，无法按项目支出规则评分"))
            return []
        for number, (r, values) in enumerate(cells.items(), start=1):
            indicator = self.indicator(r, values, f"1-{number}")
            if indicator is not None:
                indicators.append(indicator)
        if not indicators and not any(p.sheet == self.block.sheet for p in self.problems):
            self.problem(row, None, "", "绩效指标表中没有指标")
        return indicators

    def indicator(self, r: int, values: dict, code: str) -> Indicator | None:
        columns = self.columns
        level1 = self.choice(r, "level1", values, Level1)
        level2 = self.choice(r, "level2", values, Level2)
        direction_text = cell_text(values.get("direction"))
        direction = read_direction(direction_text) if direction_text else None
        if direction_text and direction is None:
            self.problem(r, columns["direction"], direction_text, f"“{direction_text}”不是有效的指标性质（≥、≤、=、定性）")
            return None
        weight = self.number(r, "weight", values)
        score = self.number(r, "score", values)
        if level1 is None or level2 is None or weight is False or score is False:
            return None
        if level2.level1 is not level1:
            self.problem(r, columns["level2"], level2.label,
                         f"二级指标“{level2.label}”不属于一级指标“{level1.label}”")
            return None
        target, actual = cell_text(values.get("target")), cell_text(values.get("actual"))
        unit = normalize_text(cell_text(values.get("unit")))
        target = "" if normalize_text(target) in _EMPTY - {"无"} else target
        actual = "" if normalize_text(actual) in _EMPTY - {"无"} else actual
        reason, improvement = _split_measures(cell_text(values.get("deviation")))
        improvement = cell_text(values.get("improvement")) or improvement
        try:
            return Indicator.from_text(
                code=code, level1=level1, level2=level2, name=cell_text(values.get("name")), target=target,
                actual=actual, direction=direction, unit=unit, weight=weight, self_score=score,
                deviation_reason=reason, improvement=improvement)
        except ValueParseError as exc:
            key = unreadable_value_column(exc, target, direction=direction, unit=unit)
            if exc.column is None and not _MEANT_NUMBER.search(normalize_text(exc.text)):
                # wording jixiao does not know (严格执行相关制度规定, 不发生, 市级保护单位): the row is kept and
                # named as unverifiable, the rest of the published table is read and scored
                return Indicator.unreadable(
                    code=code, level1=level1, level2=level2, name=cell_text(values.get("name")), target=target,
                    actual=actual, unit=unit, weight=weight, self_score=score, deviation_reason=reason,
                    improvement=improvement, reason=unread_wording(target, actual)
                    or f"“{exc.text}”无法识别为数值或定性完成情况")
            self.problem(r, columns.get(key), exc.text, str(exc))
            return None

    def choice(self, r: int, key: str, values: dict, enum):
        text = "".join(normalize_text(cell_text(values.get(key))).split())
        found = enum.from_label(text) or (enum.from_label(text[:-1]) if text.endswith("等") else None)
        if found is None:
            allowed = "、".join(member.label for member in enum)
            label = "一级指标" if enum is Level1 else "二级指标"
            self.problem(r, self.columns[key], values.get(key),
                         f"“{cell_text(values.get(key))}”不是有效的{label}（可选：{allowed}）")
        return found

    def number(self, r: int, key: str, values: dict):
        raw = values.get(key, "")
        if isinstance(raw, str) and normalize_text(raw) in _EMPTY:
            return None
        try:
            return cell_number(raw)
        except CellError as exc:
            self.problem(r, self.columns[key], raw, str(exc))
            return False

    def total(self) -> tuple[Decimal | None, str]:
        """总分 and 等级 as the form states them (the department's own figures)."""
        start = getattr(self, "total_row", None)
        row = None if start is None else next(
            (r for r in range(start, self.block.last + 1) if _first_text(self.grid[r]).startswith("总分")), None)
        if row is None:
            return None, ""
        line = self.grid[row]
        score_col = getattr(self, "columns", {}).get("score")
        total = None
        if score_col is not None and score_col < len(line):
            try:
                total = cell_number(line[score_col])
            except CellError as exc:
                self.problem(row, score_col, line[score_col], str(exc))
        grade = next((match.group(1) for cell in line
                      if (match := _GRADE.fullmatch(normalize_text(cell_text(cell)).replace(" ", "")))), "")
        return total, grade
