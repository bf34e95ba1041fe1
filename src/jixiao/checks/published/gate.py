"""The confidence gate: a finding on a published report stands only on figures read reliably.

Published texts come as found: cells of a form run into one line, columns shifted by PDF extraction,
amounts in 元 beside 万元, a year that dates a notice rather than the evaluation. The checks compare what
the parser read; when the reading itself is open to doubt, a disagreement says more about the reading
than about the document. Each rule here looks at the evidence a finding stands on, never at the document it
came from, and says why it doubts it; a doubted finding is not listed as a problem but kept apart as 存疑
(:attr:`ReportReview.doubtful`) with its reason. The words and thresholds are data (``gate.yaml``).

Rules, by what a finding stands on:

- a funds row whose cells may be shifted: its numbers ran together (unless its sub-row restates them run together
  the same way) or came out of order (columns inferred from the values), one number read both as an amount and as
  points, or a score above its points;
- a figure that differs from what it is compared with by a gross factor (a misread cell or unit, not a slip);
- a rate that is what its amounts give cut, not rounded, at the decimals written (99.3% for 99.38%);
- a table's weights or scores added while one of its rows could not be read;
- a list of parts that are not all parts of the one total (another total or a part's own sub-part among
  them, money received and money spent in one list, or parts adding up to far more than the total);
- a year that dates the process (a date with its month, a cited title, a filling or publication date);
- numbering read from a line that is a form's cells run together, or that opens the answer in a form's cell;
- a numbering gap before the first heading of its level in a text that starts inside a part;
- a numbering gap filled by as many heading-like lines without their numbers (the page lost the numerals);
- staff counted with people outside the establishment (retired, on contract) in the same sentence;
- a word limit that is the form's printed note on a case that may not apply;
- a grade stated far from the score it is judged with;
- counts whose parts hold their own sub-parts in brackets, two scores of two forms;
- a part missing from the outline whose usual partner part is there (问题 under 建议);
- one item more than counted, the last two joined by 及 / 和 (one item's name or two items);
- parts missing from a text whose last part holds its （一） alone (the text stops inside that part);
- circled numbers joined by operators (⑤=④/③): a table header's columns, not a list; a list number the page
  wrote twice running ((2)(2));
- a budget adjustment read from a row whose header names no budget of the year's start (columns inferred);
- a count's items in brackets right after its noun (十三个县(市、区)): kinds of unit, not the items;
- a mask that stands, wherever it is written, for a year or a name (20xx年, XX市, XX日报): the reprint hides whose
  report it is, no answer of the form is left unfilled;
- numbering or parts of the outline missing where the page ran its headings into the lines (… 二、项目资金管理 …):
  the numbers are there, inside the lines, where the outline (read from the lines' starts) does not see them;
- parts held against the budget whose own line states another amount they add up to (本年度总支出1688.46万元,其中基本
  支出469.70万元,项目支出1218.76万元): they are that amount's parts, not the budget's;
- the same finding twice.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from jixiao.checks.published.context import settings
from jixiao.checks.tolerance import rate_cut_agrees, sum_agrees
from jixiao.checks.vocabulary import vocabulary
from jixiao.domain.findings import Finding, Severity
from jixiao.published.outline import headings_run_in
from jixiao.published.wording import wording

GATE_FILE = Path(__file__).with_name("gate.yaml")

_ROW_CODES = {"report.execution_rate", "report.execution_score", "report.executed_over_budget"}
_NUMBERING_CODES = {"report.list_duplicate", "report.list_gap", "report.list_order", "report.section_duplicate",
                    "report.section_gap", "report.section_order"}
_CLAUSE_BREAK = re.compile(r"[,，;；。:：|]")


@lru_cache(maxsize=1)
def rules() -> dict:
    data = yaml.safe_load(GATE_FILE.read_text(encoding="utf-8"))
    for key in ("gross_factor", "parts_excess_factor"):
        data[key] = Decimal(data[key])
    return data


def split(findings: list[Finding], report, lines: list[str] | None = None) -> tuple[list[Finding], list[Finding]]:
    """The findings that stand, and those the gate doubts (as 提示, with ``evidence["doubt"]`` the reason).
    ``lines`` are the report's original lines (folded), as :attr:`PublishedReport.lines` holds them."""
    lines = list(lines if lines is not None else getattr(report, "lines", ()) or (report.text or "").split("\n"))
    trusted: list[Finding] = []
    doubtful: list[Finding] = []
    seen: set[tuple] = set()
    mispaired = _mispaired(findings)
    for finding in findings:
        reason = mispaired.get(_pair(finding)) or doubt(finding, report, lines)
        key = (finding.code, finding.location.get("line"), finding.message)
        if reason is None and key in seen:
            reason = "与同一行的同一审核意见重复"
        if reason is None:
            trusted.append(finding)
            seen.add(key)
        else:
            doubtful.append(replace(finding, severity=Severity.INFO, evidence={**finding.evidence, "doubt": reason}))
    return trusted, doubtful


def _pair(finding: Finding) -> tuple | None:
    """The amounts a rate or an overspending finding pairs (executed, budget)."""
    if finding.code not in ("report.execution_rate", "report.executed_over_budget"):
        return None
    executed, budget = _decimal(finding.evidence.get("executed")), _decimal(finding.evidence.get("budget"))
    return (executed, budget) if executed is not None and budget is not None else None


def _mispaired(findings: list[Finding]) -> dict[tuple, str]:
    """Pairs of amounts whose one computed rate contradicts several different stated rates: the report did not
    write every rate wrong, the checker paired amounts the rates are not of (each source's own rate held against
    the whole executed ÷ one source's budget). Every finding on such a pair is doubtful."""
    stated: dict[tuple, set] = {}
    for finding in findings:
        pair = _pair(finding)
        value = _decimal(finding.evidence.get("stated"))
        if pair is not None and finding.code == "report.execution_rate" and value is not None:
            stated.setdefault(pair, set()).add(value.normalize())
    return {pair: f"同一组金额（{pair[0]} ÷ {pair[1]}）与 {len(values)} 个不同的执行率都不符，是金额配对有误，"
                  "这些执行率另有所指" for pair, values in stated.items()
            if len(values) >= rules()["pairing_min_stated"]}


def doubt(finding: Finding, report, lines: list[str]) -> str | None:
    """Why the reading a finding stands on is open to doubt, or ``None`` when it is not."""
    for rule in (_row_reading, _initial_only, _gross, _cut_rate, _parts, _unread_rows, _nested_counts, _two_forms,
                 _grade_apart, _year, _numbering, _opening_gap, _lost_markers, _inverted_nesting, _running_numbers, _staff,
                 _template, _merged_part, _lone_first_sub_part, _joined_last_item, _formula_markers, _doubled_marker,
                 _inferred_initial, _kind_bracket, _masked_identity, _run_in_headings, _overspend_stated,
                 _parts_own_total):
        reason = rule(finding, report, lines)
        if reason:
            return reason
    return None


# --- helpers -----------------------------------------------------------------------------------------

def _claim_at(report, finding: Finding, key: str):
    start = finding.location.get("start")
    return next((c for c in report.claims if c.key == key and c.start == start), None) if start is not None else None


def _line(finding: Finding, lines: list[str]) -> str:
    number = finding.location.get("line")
    return lines[number - 1] if number and 0 < number <= len(lines) else ""


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def _factor(a, b) -> Decimal | None:
    a, b = _decimal(a), _decimal(b)
    if a is None or b is None or a <= 0 or b <= 0:
        return None
    return max(a, b) / min(a, b)


def _position(line: str, finding: Finding) -> int:
    """Where on its line the words a finding quotes begin (0 when they cannot be found)."""
    text = str(finding.evidence.get("text") or "")
    for size in (12, 6, 3):
        if text[:size] and text[:size] in line:
            return line.index(text[:size])
    return 0


# --- the rules ---------------------------------------------------------------------------------------

def _row_reading(finding: Finding, report, lines) -> str | None:
    if finding.code not in _ROW_CODES:
        return None
    claim = _claim_at(report, finding, "fund_row")
    if claim is None:
        return None
    row = claim.value
    if getattr(row, "reordered", False) or (getattr(row, "split", False) and not _restated_run(row, claim, lines)):
        return "该行的数字连在一起或顺序错乱，栏目是按数值推断的，不是按位置读出的"
    amounts = {v for v in (row.initial, row.full_year, row.executed) if v}
    points = {v for v in (row.weight, row.score) if v}
    shared = sorted(amounts & points)
    if shared:
        return f"同一数值 {shared[0]} 既读作金额又读作分值或得分，表格栏目可能错位"
    if row.weight is not None and row.score is not None and row.score > row.weight:
        return f"得分 {row.score} 高于分值 {row.weight}，表格栏目可能错位"
    return None


def _restated_run(row, claim, lines) -> bool:
    """Whether the amounts split out of a run-together funds row (593.27593.27448.641076%10) are run together the
    same way again in the row below it (其中:当年财政拨款593.27593.27448.64): the sub-row restates them, so the cut
    between the amounts and the 分值, rate and score after them is the written one, not a guess."""
    amounts = [a for a in (row.initial, row.full_year, row.executed) if a is not None]
    if len(amounts) < 2 or not claim.line:
        return False
    run = "".join(str(a) for a in amounts)
    window = re.sub(r"[\s|]+", "", "".join(lines[claim.line - 1: claim.line - 1 + rules()["restated_run_lines"]]))
    return window.count(run) >= 2


def _initial_only(finding: Finding, report, lines) -> str | None:
    """A form's funds row under a header naming only the budget of the year's start (年初预算数(A) 全年执行数(B)):
    spending above it may be money added during the year, the form gives no later budget to hold it against."""
    if finding.code != "report.executed_over_budget":
        return None
    claim = _claim_at(report, finding, "fund_row")
    number = claim.line if claim is not None else finding.location.get("line")
    if not number:
        return None
    data = rules()
    for line in reversed(lines[max(0, number - 1 - data["header_lookback"]):number]):
        compact = re.sub(r"\s+", "", line)
        if any(word in compact for word in data["full_year_budget_words"]):
            return None
        if any(word in compact for word in data["initial_budget_words"]):
            return "表头只有年初预算数，没有全年（调整后）预算数，年中追加的资金不算超预算"
    return None


_COMPARED = {
    "report.execution_rate": ("stated", "computed"),
    "report.execution_score": ("stated", "expected"),
    "report.by_source_total": ("stated", "expected"),
    "report.by_nature_total": ("stated", "expected"),
    "report.by_source_sum": ("computed", "stated"),
    "report.by_nature_sum": ("computed", "stated"),
    "report.income_expenditure": ("income", "expenditure"),
    "report.executed_over_budget": ("executed", "budget"),
    "report.completion_rate": ("stated", "computed"),
    "report.same_amount": ("listed", "form"),
}


def _gross(finding: Finding, report, lines) -> str | None:
    names = _COMPARED.get(finding.code)
    if names is None:
        return None
    factor = _factor(finding.evidence.get(names[0]), finding.evidence.get(names[1]))
    if factor is not None and factor > rules()["gross_factor"]:
        return f"两个数相差 {factor.quantize(Decimal(1))} 倍，更可能是读错了栏目或单位（元与万元），而不是报告的笔误"
    return None


def _cut_rate(finding: Finding, report, lines) -> str | None:
    """99.3% written for 1,389.3 ÷ 1,397.90 = 99.38%: the writer (or the spreadsheet) cut the rate at the
    decimals written instead of rounding it. A rounding convention, not a wrong figure; a whole 99% for 99.99%
    drops most of a point and stays a finding (``rate_cut_min_places``)."""
    if finding.code != "report.execution_rate":
        return None
    executed, budget, stated = (_decimal(finding.evidence.get(k)) for k in ("executed", "budget", "stated"))
    if executed is None or budget is None or stated is None:
        return None
    exponent = stated.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places >= rules()["rate_cut_min_places"] and rate_cut_agrees(executed, budget, stated):
        return f"执行率 {stated}% 是按位截去尾数（未四舍五入）的结果，不是算错"
    return None


_AMOUNT = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")


def _parts_own_total(finding: Finding, report, lines) -> str | None:
    """Parts (基本支出, 项目支出; the sources) held against a total of the report while their own line states another
    amount, not one of them, that they add up to (本年度总支出1688.46万元,其中基本支出…): they are that amount's parts
    (the spending's, where the spending was not read), so they say nothing of the total they were held against."""
    if finding.code not in ("report.by_nature_total", "report.by_source_total") or not finding.evidence.get("summed"):
        return None  # (a total the report states for its parts is the one held against the report's total)
    parts = finding.evidence.get("parts") or {}
    amounts = [a for a in (_decimal(v) for v in parts.values()) if a is not None]
    if len(amounts) < 2:
        return None
    compared = _decimal(finding.evidence.get("expected"))
    for number in _AMOUNT.findall(_line(finding, lines)):
        value = _decimal(number)
        if value is None or value in amounts or value == compared or value <= max(amounts):
            continue
        if sum_agrees(amounts, value):
            return f"同一行另写有 {number}，正是各项之和：这些是它的组成部分，不是所比较的合计的"
    return None


def _unread_rows(finding: Finding, report, lines) -> str | None:
    """A table's weights or scores added over the rows that were read, while a row of the table between them
    and its total was not read (完成时间 | 2022年12月 | 2022年11月 | 15 | 15): the sum misses that row."""
    if finding.code not in ("report.table_weights", "report.table_score"):
        return None
    table = finding.location.get("table")
    total_line = finding.location.get("line")
    rows = sorted(c.line for c in report.claims if c.key == "indicator_row"
                  and (table is None or c.block == table - 1))
    if not rows or not total_line or rows[0] >= total_line:
        return None
    total = _claim_at(report, finding, "total_row")
    if total is not None and total.value.weight is not None:
        over = [c.value.weight for c in report.claims if c.key == "indicator_row" and c.value.weight is not None
                and (table is None or c.block == table - 1) and c.value.weight > total.value.weight]
        if over:
            return f"有指标的分值 {over[0]} 超过总分值 {total.value.weight}，该行的单元格读错了位置"
    read = set(rows)
    for number in range(rows[0] + 1, total_line):
        line = lines[number - 1] if number <= len(lines) else ""
        cells = line.count("|") >= rules()["cell_separators_min"] and re.search(r"\d", line)
        if number not in read and (cells or re.search(rules()["row_end_pattern"], line)):
            return f"表中第 {number} 行未能读出，各项之和缺少该行"
    return None


def _nested_counts(finding: Finding, report, lines) -> str | None:
    """Counts whose parts hold sub-parts in brackets (产出指标5个(数量指标3个、质量指标1个、时效指标1个)):
    a part followed by a run of parts that add up to it is a part with its own breakdown."""
    if finding.code != "report.count_parts":
        return None
    claim = _claim_at(report, finding, "count_statement")
    if claim is None or not re.search(r"[(（]", claim.text or ""):
        return None
    counts = [n for _, n in claim.value.parts]
    kept, index = [], 0
    while index < len(counts):
        kept.append(counts[index])
        run_end = next((end for end in range(index + 2, len(counts) + 1)
                        if sum(counts[index + 1:end]) == counts[index]), None)
        index = run_end if run_end is not None else index + 1
    if len(kept) < len(counts) and sum(kept) == claim.value.total:
        return "括号内是前一项的细分，不能与其并列相加"
    return None


def _two_forms(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.score_inconsistent":
        return None
    first, here = finding.evidence.get("first_line"), finding.location.get("line")
    if not first or not here:
        return None
    between = lines[first:here]  # the lines after the first score, up to and with the second
    if any(word in line for line in between for word in rules()["form_title_words"]):
        return "两个得分之间是另一张自评表的标题，它们是两个项目各自的得分"
    sections = getattr(report, "sections", ())
    if any(h.line in (first, here) for h in sections):
        return "有一个得分写在章节标题上，是该部分的得分，不是全文的自评得分"
    under = [max((h for h in sections if h.line < line), key=lambda h: h.line, default=None) for line in (first, here)]
    if all(under) and under[0].level != under[1].level:
        return "两个得分分属上下两级章节，是一部分与其中一项各自的得分，不是同一得分写了两次"
    if all(under) and under[0] is not under[1] and under[0].level > 1:
        return "两个得分在同一部分下的两个分项中，是两个分项各自的得分，不是同一得分写了两次"
    return None


def _grade_apart(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.grade_band":
        return None
    line = finding.location.get("line")
    score = finding.evidence.get("score")
    scores = [c.line for c in report.claims if c.key == "score" and c.value == score]
    if not line or not scores:
        return None
    nearest = min(scores, key=lambda s: abs(s - line))
    low, high = sorted((nearest, line))
    if high - low > rules()["grade_score_max_lines"]:
        return "等级与得分相隔较远，等级可能另有所指，不是这一得分的等次"
    if any(low < h.line <= high for h in getattr(report, "sections", ())):
        return "等级与得分在不同的章节，等级可能另有所指，不是这一得分的等次"
    return None


def _basis(label: str) -> set[str]:
    return {basis for basis, words in rules()["basis_words"].items() if any(word in label for word in words)}


def _parts(finding: Finding, report, lines) -> str | None:
    if finding.code not in ("report.parts_exceed_total", "report.parts_sum"):
        return None
    claim = _claim_at(report, finding, "part_statement")
    if claim is None:
        return None
    statement = claim.value
    labels = [label for label, _, _ in statement.parts]
    text = claim.text or ""
    for _, _, written in statement.parts:
        at = text.find(written)
        if at > 0:
            before = text[:at]
            opened = max(before.rfind("("), before.rfind("（"))
            if opened >= 0 and opened > max(before.rfind(")"), before.rfind("）")):
                inside = before[opened + 1:] + written
                if any(inside.startswith(word) for word in rules()["contained_words"]):
                    return f"“{written}”在前一部分后的括号中，是前一部分所含的，不是并列的部分"
    apart = re.compile(rules()["another_allocation_pattern"])
    end = -1
    for label, _, written in statement.parts:
        at = text.find(written, max(end, 0))
        if at > 0 and end >= 0 and apart.search(text[end:at] + label):
            return f"“{written}”之前是另一份文件下达的另一笔资金，不是前一合计的组成部分"
        end = at + len(written) if at >= 0 else end
    for label in labels:
        if any(label.startswith(word) for word in rules()["nested_words"]):
            return f"“{label}”是另一部分的组成，各部分不在同一层级"
        if any(word in label for word in rules()["total_words"]):
            return f"“{label}”本身是合计，不是前一合计的组成部分"
        if any(label.startswith(word) for word in rules()["status_words"]):
            return f"“{label}”说的是资金拨付或使用的进度，不是合计的组成部分"
        if any(word in label for word in rules()["left_over_words"]):
            return f"“{label}”是年末剩余的资金，不是收入或支出合计的组成部分"
    bases = set().union(*(_basis(label) for label in labels)) if labels else set()
    if len(bases) > 1:
        return "各部分既有收入又有支出，不是同一合计的组成部分"
    computed = sum((amount for _, amount, _ in statement.parts), Decimal(0))
    if statement.total and computed > statement.total * rules()["parts_excess_factor"]:
        return "各部分之和远超合计，列出的不都是这一合计的组成部分"
    return None


def _year(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.year_mismatch":
        return None
    line = _line(finding, lines)
    year = str(finding.evidence.get("year") or "")
    if not line or not year:
        return None
    start = _position(line, finding)
    at = line.find(year, start)
    if at < 0:
        at = line.find(year)
    if at < 0:
        return None
    before = line[:at]
    if re.match(r"\s*年\s*\d{1,2}\s*月", line[at + len(year):]):
        return f"{year} 年后接月份，是日期而不是评价年度"
    if before.count("《") > before.count("》"):
        title = line[before.rindex("《"):]
        title = title[:title.index("》") + 1] if "》" in title else title
        if any(word in title for word in rules()["cited_title_words"]):
            return f"{year} 年在所引用文件的标题中"
    window = before[-rules()["process_year_window"]:]
    word = next((w for w in rules()["process_year_words"] if w in window), None)
    if word:
        return f"{year} 年前有“{word}”，是过程日期或所依据文件的年度"
    return None


def _form_labels(line: str) -> list[str]:
    compact = re.sub(r"\s+", "", line)
    return [label for label in rules()["form_labels"] if label in compact]


def _numbering(finding: Finding, report, lines) -> str | None:
    if finding.code not in _NUMBERING_CODES:
        return None
    line = _line(finding, lines)
    labels = _form_labels(line)
    if len(labels) >= rules()["form_labels_min"]:
        return f"该行是表格单元格连成的一行（{'、'.join(labels[:3])}…），其中的数字不是列举编号"
    if finding.code.startswith("report.list_") and line.count("|") >= rules()["cell_separators_min"]:
        return "该行是表格的一行，单元格中的数字不是列举编号"
    return _cell_outline(finding, lines)


def _cell_outline(finding: Finding, lines) -> str | None:
    """A heading that opens the answer in a form's cell (年度…总体运行情况及取得的成绩 | on the line before, then
    一、群文活动出成效; 1.…) after the form's cells, one a line: the cell's answer numbers its own points afresh,
    they are no part of the report's outline above the form."""
    if not finding.code.startswith("report.section_"):
        return None
    here, first = finding.location.get("line") or 0, finding.evidence.get("previous_line") or 0
    before = [n for n in range(here - 1, max(first, 0), -1) if n <= len(lines) and lines[n - 1].strip(" |\t")]
    if not before:
        return None
    label = lines[before[0] - 1].strip()
    cells = sum(1 for n in range(first + 1, here) if n <= len(lines) and "|" in lines[n - 1])
    if label.endswith("|") and label.count("|") == 1 and not re.search(r"\d", label) \
            and cells >= rules()["cell_lines_min"]:
        return f"该标题是表格单元格“{label.rstrip('| ')}”中填写内容的编号，不是报告正文的章节编号"
    return None


def _opening_gap(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.section_gap" or "previous_line" in finding.evidence:
        return None
    line = finding.location.get("line") or 0
    sections = getattr(report, "sections", ())
    heading = next((h for h in sections if h.line == line), None)
    before = [h for h in sections if h.line < line]
    # only deeper headings above it (3.… （三）… then 二、): the text opens inside a part
    if heading is not None and before and all(h.level > heading.level for h in before):
        return "文本从某一部分的中间开始，之前的部分不在摘录中"
    return None


def _lost_markers(finding: Finding, report, lines) -> str | None:
    """（一）… then （四）… with two short lines between them that read as headings but carry no number
    (总体绩效情况分析 / ）总体绩效目标完成情况分析): the page lost the numerals, the report did not skip them."""
    if finding.code != "report.section_gap" or "previous_line" not in finding.evidence:
        return None
    first, here = finding.evidence["previous_line"], finding.location.get("line") or 0
    markers = [m.strip() for m in re.split(r"[、,，]", str(finding.evidence.get("missing") or "")) if m.strip()]
    missing = len(markers)
    numbered = {h.line for h in getattr(report, "sections", ())}
    label = str(finding.evidence.get("missing") or "").strip()
    for n in range(first + 1, here):
        text = (lines[n - 1] if n <= len(lines) else "").strip()
        if label and missing == 1 and text.startswith(label):
            return f"缺少的编号“{label}”在第 {n} 行行首，只是该行未被读作标题，不是报告跳号"
    bare = [n for n in range(first + 1, here) if n not in numbered and _heading_like(lines[n - 1] if n <= len(lines) else "")]
    if missing and len(bare) >= missing:
        shown = "”“".join(lines[n - 1].strip() for n in bare[:2])
        return f"缺少的编号处有无编号的标题（“{shown}”），是页面丢失了编号，不是报告跳号"
    return None


def _inverted_nesting(finding: Finding, report, lines) -> str | None:
    """（1）资金到位情况, then 1、 2、 3、, then （2）资金使用情况: the report nests a run of 1、 items under its （1）, the
    reverse of the usual order, so the （2） follows its sibling （1） rather than opening its level without it."""
    if finding.code != "report.section_gap" or "previous_line" in finding.evidence:
        return None
    here = finding.location.get("line") or 0
    sections = list(getattr(report, "sections", ()))
    heading = next((h for h in sections if h.line == here), None)
    if heading is None:
        return None
    above = [h for h in sections if h.line < here]
    sibling = next((h for h in reversed(above) if h.level == heading.level), None)
    if sibling is None or sibling.number != heading.number - 1:
        return None
    between = [h for h in above if h.line > sibling.line]
    if between and len({h.level for h in between}) == 1 and between[0].number == 1:
        return (f"第 {sibling.line} 行的{sibling.label}与{heading.label}同级，其间的{between[0].label}等是"
                f"{sibling.label}之下的小项（编号层次与常见顺序相反），不是跳号")
    return None


def _running_numbers(finding: Finding, report, lines) -> str | None:
    """（一）… 1、 2、 （二）… 3、 （三）… 4、 5、: the report numbers its items on through the whole text, across the
    groups above them, so a 3、 after a new （二） continues the 2、 before it rather than opening its level without 1、."""
    if finding.code != "report.section_gap" or "previous_line" in finding.evidence:
        return None
    here = finding.location.get("line") or 0
    sections = list(getattr(report, "sections", ()))
    heading = next((h for h in sections if h.line == here), None)
    if heading is None or "." in heading.label:
        return None
    same = [h.number for h in sections if h.line < here and h.level == heading.level and "." not in h.label]
    if len(same) >= 2 and same == list(range(1, heading.number)):
        return (f"本级编号从 1 起贯穿全文连续编排（前面已有 1 至 {heading.number - 1}），"
                f"{heading.label}接续上一组的编号，不是跳号")
    return None


def _heading_like(line: str) -> bool:
    text = line.strip().lstrip(rules()["lost_marker_chars"]).strip()
    if not text or len(text) > rules()["bare_heading_max_chars"] or re.search(r"[。;；,，:：|\d]", text):
        return False
    return any(text.endswith(word) for word in rules()["heading_endings"])


def _staff(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.staff_over_establishment":
        return None
    line = _line(finding, lines)
    start = _position(line, finding)
    end = line.find("。", start)
    sentence = line[start:end if end >= 0 else len(line)]
    word = next((w for w in rules()["staff_scope_words"] if w in sentence), None)
    serving = any(w in str(finding.evidence.get("text") or "") for w in rules()["staff_serving_words"])
    if word and not serving:
        return f"实有人数所在的句子也计入了“{word}”人员，口径与编制数不同"
    actual, establishment = _decimal(finding.evidence.get("actual")), _decimal(finding.evidence.get("establishment"))
    if actual is not None and establishment is not None:
        stated = {Decimal(m) for m in re.findall(rules()["establishment_pattern"], line)}
        larger = sorted(v for v in stated if v >= actual and v != establishment)
        if larger:
            return f"同一处还写有编制数 {larger[-1]} 人，编制数 {establishment} 人只是其中一部分，口径不同"
        kinds = {kind: Decimal(number) for kind, number in re.findall(rules()["establishment_kind_pattern"], line)}
        if len(kinds) >= 2 and establishment in kinds.values() and sum(kinds.values()) >= actual:
            shown = "、".join(f"{kind}编制 {number} 人" for kind, number in kinds.items())
            return (f"同一处分类写有{shown}，共 {sum(kinds.values())} 人；编制数 {establishment} 人只是其中一类，"
                    f"实有人数是全部人员")
    return None


def _template(finding: Finding, report, lines) -> str | None:
    if finding.code != "report.template_text":
        return None
    line = _line(finding, lines)
    placeholder = finding.evidence.get("template")
    if not isinstance(placeholder, str) or placeholder not in line:
        return None
    before = line[:line.index(placeholder)]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    word = next((w for w in rules()["template_condition_words"] if w in clause), None)
    if word:
        return f"“{placeholder}”是表格对某种情形（“{word}…”）的填写说明，不是未填写的答案"
    return None


def _merged_part(finding: Finding, report, lines) -> str | None:
    """A part missing from the outline whose partner part is there (六、建议 with no part titled 问题): most outlines
    give the two as one part (存在的问题及改进措施), so the one titled may hold the other under it."""
    if finding.code != "report.section_missing":
        return None
    missing = set(finding.evidence.get("missing") or ())
    partners = {name: pair for pair in rules()["merged_parts"] for name in pair}
    if missing and all(name in partners and any(p not in missing for p in partners[name] if p != name)
                       for name in missing):
        return "缺少的部分常与报告中已有的部分合为一部分（如存在的问题及改进措施），可能写在该部分之下"
    return None


def _joined_last_item(finding: Finding, report, lines) -> str | None:
    """One item more than the count, the last two joined by 及 / 和 (…移民安置及移民项目验收 for six 事项): the
    conjunction may join two items or be inside one item's name; on the second reading the count agrees."""
    if finding.code != "report.enumeration":
        return None
    items, count = list(finding.evidence.get("items") or ()), finding.evidence.get("count")
    if count is None or len(items) != count + 1 or len(items) < 2:
        return None
    text = re.sub(r"\s+", "", str(finding.evidence.get("text") or "") + _line(finding, lines))
    word = next((w for w in rules()["item_conjunctions"] if f"{items[-2]}{w}{items[-1]}" in text), None)
    suffixes = wording().words("org_suffixes")
    if word and len(items) >= 3 and all(item.endswith(suffixes) for item in items):
        return None  # every item a body's name (…委员会和县人大办公室): the conjunction joins two bodies
    if word:
        return f"最后两项以“{word}”相连，可能是一项的名称（“{items[-2]}{word}{items[-1]}”），按此计数与所称个数一致"
    return None


def _lone_first_sub_part(finding: Finding, report, lines) -> str | None:
    """Parts missing from a text whose last part holds its （一） and nothing after: a part is divided into two sub-parts
    or more, so the text stops inside that part (a page giving the opening of a report), before the parts missing."""
    if finding.code != "report.section_missing":
        return None
    sections = list(getattr(report, "sections", ()))
    last = next((i for i in range(len(sections) - 1, -1, -1) if sections[i].level == 1), None)
    if last is None:
        return None
    subs = [h for h in sections[last + 1:] if h.level == 2]
    if len(subs) == 1 and subs[0].number == 1:
        return (f"最后一部分“{sections[last].label}{sections[last].title}”只有{subs[0].label}而没有其后的小节，"
                "正文在该部分中途结束，缺少的部分可能只是未载入")
    return None


def _formula_markers(finding: Finding, report, lines) -> str | None:
    """Circled numbers joined by operators (⑤=④/③, ⑥=③-④): a table header's column numbers and the formulas between
    its columns, printed in the columns' order, not a list."""
    if not finding.code.startswith("report.list_"):
        return None
    formula = re.search(rules()["formula_marker_pattern"], _line(finding, lines))
    if formula:
        return f"该行的圈码是表格栏目的编号（“{formula.group(0)}”为栏目间的计算公式），不是列举编号"
    return None


def _doubled_marker(finding: Finding, report, lines) -> str | None:
    """A list number written twice running ((2)(2) 宣传氛围…): the page doubled it, as it doubles the figures around
    it (1313 个), so the second is no second item."""
    if finding.code != "report.list_duplicate":
        return None
    labels = list(finding.evidence.get("numbers") or ())
    line = _line(finding, lines)
    doubled = next((label for label in dict.fromkeys(labels)
                    if re.search(re.escape(label) + r"\s*" + re.escape(label), line)), None)
    if doubled:
        return f"编号“{doubled}”在原文中连写两次（“{doubled}{doubled}”），是页面把字符重复了，不是两个列举项"
    return None


def _inferred_initial(finding: Finding, report, lines) -> str | None:
    """An adjustment between a row's budget at the year's start and its full-year budget whose header names no
    budget of the year's start (预算数(A) 执行数(B) 执行率 得分): the columns were inferred from the values, and the
    two “budgets” are the budget and the amount spent."""
    if finding.code != "report.budget_adjusted":
        return None
    claim = _claim_at(report, finding, "fund_row")
    number = claim.line if claim is not None else finding.location.get("line")
    if not number:
        return None
    header = "".join(re.sub(r"\s+", "", line) for line in lines[max(0, number - 1 - rules()["header_lookback"]):number])
    if not any(word in header for word in rules()["initial_column_words"]):
        return "表头没有年初预算数一栏，年初预算数和全年预算数是按数值推断的栏目，可能是预算数和执行数"
    return None


def _kind_bracket(finding: Finding, report, lines) -> str | None:
    """Items in brackets right after the counted noun (十三个县(市、区)): the bracket says which kinds of unit the
    count takes in, it does not list them."""
    if finding.code != "report.enumeration":
        return None
    items = list(finding.evidence.get("items") or ())
    claim = _claim_at(report, finding, "enumeration")
    noun = getattr(getattr(claim, "value", None), "noun", None)
    if not items or not noun:
        return None
    line = re.sub(r"\s+", "", _line(finding, lines))
    listed = "、".join(items)
    if re.search(re.escape(noun) + r"[(（]" + re.escape(listed) + r"[)）]", line):
        return f"括号中的“{listed}”说明“{noun}”包括哪些种类的单位，不是所称个数的逐项列举"
    return None


def _masked_identity(finding: Finding, report, lines) -> str | None:
    """A mask (20xx, XX) that everywhere it is written stands for a year or a name (20xx年, 财教〔20xx〕, XX市, XX日报):
    a reprint or an uploader hiding whose report it is, not an answer the writer left unfilled (XX万元 is)."""
    if finding.code != "report.template_text":
        return None
    mask = finding.evidence.get("template")
    if not isinstance(mask, str) or not re.fullmatch(settings()["mask_placeholder_pattern"], mask):
        return None
    numbers = finding.evidence.get("lines") or [finding.location.get("line")]
    year_before, name_after = re.compile(rules()["mask_year_before"]), re.compile(rules()["mask_name_after"])
    places = [(line, match) for number in numbers if number and 0 < number <= len(lines)
              for line in [lines[number - 1]] for match in re.finditer(re.escape(mask), line)]
    if places and all(year_before.search(line[:match.start()]) or name_after.match(line[match.end():])
                      for line, match in places):
        return f"“{mask}”处处遮盖的是年份或单位、地名（转载页面或上传者隐去了报告出处），不是未填写的答案"
    return None


def _run_in_headings(finding: Finding, report, lines) -> str | None:
    """Numbers missing from the outline, a number out of order or a part missing, where the page ran headings into its
    lines (…满意度达90%以上。 二、项目资金管理…): the missing numbers, the higher heading that starts the numbering afresh,
    or the missing part are there, inside the lines the outline reads from their starts only."""
    if finding.code not in ("report.section_gap", "report.section_order", "report.section_missing"):
        return None
    if finding.code == "report.section_missing":
        titles = [h.title for line in lines for h in headings_run_in(line)]
        missing = list(finding.evidence.get("missing") or ())
        patterns = dict(vocabulary().report_sections)
        if missing and all(name in patterns and any(patterns[name].search(t) for t in titles) for name in missing):
            return f"缺少的部分（{'、'.join(missing)}）写在正文行中的标题里（页面把标题并入了正文行），报告并不缺少"
        return None
    start = finding.location.get("start")
    heading = next((h for h in report.sections if h.start == start and h.line == finding.location.get("line")), None)
    if heading is None:
        return None
    first = finding.evidence.get("previous_line") or 1
    read = {h.line for h in report.sections}
    # a gap's numbers may also open a line the outline read as a list (1.…。 2.…。 3.…); a higher heading is run in
    run_in = [h for number, line in enumerate(lines[first - 1: heading.line], start=first)
              for h in headings_run_in(line, line_start=number not in read
                                       and finding.code == "report.section_gap")]
    if finding.code == "report.section_order":
        higher = next((h for h in run_in if h.level < heading.level), None)
        if higher is not None:
            return f"两处编号之间，正文行中还有上一级标题“{higher.label}{higher.title}”（页面把标题并入了正文行），编号由此重新开始"
        return None
    previous = next((h for h in report.sections if h.line == first and h.level == heading.level), None)
    wanted = set(range((previous.number if previous and finding.evidence.get("previous_line") else 0) + 1,
                       heading.number))
    written = {h.number for h in run_in if h.level == heading.level}
    if wanted and wanted <= written:
        return "缺少的编号写在前面的正文行中（页面把标题并入了正文行），编号并不缺"
    return None


def _overspend_stated(finding: Finding, report, lines) -> str | None:
    """Spending above the budget that the report states itself, with the difference (年初下达预算支出910.47万元,年底决算
    支出1060.30万元,实际支出比预算增加149.83万元): the writer saw and accounts for it, no slip to point out."""
    if finding.code != "report.executed_over_budget":
        return None
    executed, budget = _decimal(finding.evidence.get("executed")), _decimal(finding.evidence.get("budget"))
    if executed is None or budget is None:
        return None
    difference = executed - budget
    data = rules()
    words = "|".join(re.escape(word) for word in data["overspend_words"])
    pattern = re.compile(rf"(?:{words})[^\d。;；\n]{{0,{data['overspend_window']}}}?(?P<n>\d[\d,]*(?:\.\d+)?)")
    for line in lines:
        for match in pattern.finditer(line):
            stated = _decimal(match.group("n").replace(",", ""))
            if stated is not None and stated == difference:
                return f"报告自己写明支出比预算多 {stated}，已作说明"
    return None
