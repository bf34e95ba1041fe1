"""Self-evaluation tables (自评表) inside published text, read cell after cell.

A published table arrives as text whose cells come one after another: separated by ``|`` (web
pages, spreadsheets), by line breaks (one cell per line) or by single spaces with the columns
interleaved (PDF extraction). The readers here do not rely on the layout; they look for the
shapes the official forms give the cells:

- the funds row after the header 年初预算数 全年预算数 全年执行数 分值 执行率 得分;
- indicator rows: target, actual, points, score (``=100% 100% 10 10``; ``≧ | 735 | 人次 | 735 | 10 | 10``);
- the 总分 row: points available, score, grade;
- staff figures: 编制数, 实有人数, 控制率.
When cells are out of order (a PDF that interleaves columns), an amount is matched by value to
the stated rate, and the row says so (``reordered``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from jixiao.domain.numbers import canonical
from jixiao.domain.enums import Direction, Level1, Level2, QualitativeGrade
from jixiao.domain.values import ParsedValue, ValueParseError, parse_value, read_grade

from jixiao.published.model import (
    BUDGET_TOTAL,
    BY_NATURE,
    EXECUTED_TOTAL,
    EXECUTION_RATE,
    FUND_ROW,
    INDICATOR_ROW,
    STAFF_ACTUAL,
    STAFF_ESTABLISHMENT,
    STAFF_RATE,
    TOTAL_ROW,
    Claim,
    FundRow,
    IndicatorRow,
    SourcePart,
    TotalRow,
)
from jixiao.published.text import SourceText, Token, read_number, read_percent
from jixiao.published.wording import wording

_BUDGET_COLUMN = (r"(?:年\s*初\s*预\s*算\s*数?|全\s*年\s*(?:[(（]\s*调\s*整\s*[)）])?\s*预\s*算\s*数?"
                  r"|调\s*整\s*后\s*预\s*算\s*数?|预\s*算\s*数(?=\s*[(（]\s*A\s*[)）]))(?:\s*[(（]\s*[AB]\s*[)）])?")
# (全年执行 with its 数 lost, when the 分值 column follows: 全年预算数全年执行分值执行率得分)
_EXECUTED_COLUMN = (r"(?:全\s*年\s*)?(?:预\s*算\s*)?执\s*行\s*(?:数|(?=分\s*值))"
                    r"(?:\s*[(（]\s*B\s*[)）])?")
_AFTER_COLUMNS = (r"(?:[\s|]*(?:分\s*值(?:\s*[(（]\s*\d+\s*分\s*[)）])?|(?:预\s*算\s*)?执\s*行\s*率(?:\s*[(（][^)）\n]{0,10}[)）])?"
                  r"|(?:自\s*评\s*)?得\s*分|权\s*重))*")
# The header of the funds row: one or two budget columns, the executed column, then 分值/执行率/得分/权重.
_FUND_HEADER = re.compile(rf"(?P<budgets>{_BUDGET_COLUMN}(?:[\s|]*{_BUDGET_COLUMN})?)[^\d\n|]{{0,12}}?[\s|]*"
                          rf"{_EXECUTED_COLUMN}{_AFTER_COLUMNS}")
_BUDGET_COLUMN_RE = re.compile(_BUDGET_COLUMN)
_INDICATOR_HEADER = re.compile(r"一级指标|年度指标值|三级指标")
_PROJECT_NAME = re.compile(r"项目名称")
_NAME_STOP = re.compile(r"主管部门|实施单位|项目资金|年初预算|预算部门|项目负责人|联系电话|单位名称|\(\d{4}年度\)|自评表")
_DIRECTION_SIGNS = {"≥", "≤", "=", ">=", "<=", ">", "<", "==", "=>", "=<"}
_HEADER_WORDS = {
    "年度", "指标值", "年度指标值", "实际", "完成值", "实际完成值", "分值", "得分", "一级指标", "二级指标",
    "三级指标", "指标性质", "度量单位", "计量单位", "偏差原因分析及改进措施", "偏差原因分析及", "改进措施",
    "绩效指标", "绩", "效", "指", "标", "率", "总分", "—", "-", "/", "备注", "指标", "其他需要说明事项",
}
GRADE_WORDS = ("优秀", "优", "良好", "良", "中等", "中", "合格", "较差", "差")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    line: int
    row_end: bool
    pipes: bool  # the line uses | between cells


def _cells(source: SourceText, tokens: list[Token]) -> list[Cell]:
    """Tokens merged into cells: ``≧`` ``100`` ``%`` → ``≧100%``; ``735`` ``人次`` → ``735人次``."""
    cells: list[Cell] = []
    i = 0
    n = len(tokens)
    piped_lines = {number for number, line in enumerate(source.original.split("\n"), start=1) if "|" in line}

    def pipes(token: Token) -> bool:
        return token.line in piped_lines

    while i < n:
        token = tokens[i]
        text, j = token.text, i + 1
        if text in _DIRECTION_SIGNS and j < n and _is_number_text(tokens[j].text):
            text += tokens[j].text
            j += 1
        if _is_number_text(text.lstrip("≥≤=<>")) and j + 1 < n and _is_unit(tokens[j].text) \
                and _value(tokens[j + 1].text) is not None:
            text += tokens[j].text
            j += 1
        last = tokens[j - 1]
        cells.append(Cell(text, token.start, last.end, token.line, last.row_end, pipes(token)))
        i = j
    return cells


def _is_number_text(text: str) -> bool:
    return read_number(text) is not None or read_percent(text) is not None


def _is_unit(text: str) -> bool:
    return (0 < len(text) <= 4 and not re.search(r"\d", text) and text not in _HEADER_WORDS
            and text not in GRADE_WORDS and _label(text) is None and _grade(text) is None
            and text not in ("—", "-", "/", "无") and text not in wording().words("total_row_labels"))


def _grade(text: str) -> QualitativeGrade | None:
    if len(text) > 10 or re.search(r"\d", text):
        return None
    return read_grade(text)


def _value(text: str) -> ParsedValue | None:
    """A target/actual cell: a number (with sign or unit) or a short qualitative word."""
    if text in _HEADER_WORDS or _label(text) is not None or text in GRADE_WORDS:
        return None
    if not re.search(r"\d", text):
        if _grade(text) is None or text.strip().endswith(wording().words("indicator_name_endings")):
            return None  # 合格率 / 满意度: an indicator's name holding a grade word, no qualitative value
    try:
        value = parse_value(text)
    except (ValueParseError, ValueError, ArithmeticError):
        if _date_cell().match(text.strip()):
            return ParsedValue(text, Direction.QUALITATIVE)  # a 时效 row's date: a standard naming no grade
        return None
    return None if value.is_empty else value


@lru_cache(maxsize=1)
def _date_cell() -> re.Pattern:
    return re.compile(wording().data("date_cell"))


def _label(text: str):
    """Level-1 or level-2 label of an indicator table cell (产出指标, 服务对象满意度指标等)."""
    text = text.strip().rstrip("等")
    return Level1.from_label(text) or Level2.from_label(text)


# --- blocks ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    index: int
    header_start: int  # original offsets
    header_end: int
    end: int
    name_region: tuple[int, int]
    amount_columns: int = 3  # 年初预算数, 全年预算数, 全年执行数 — or two of them


def find_blocks(source: SourceText) -> list[Block]:
    prose = source.prose
    found = list(_FUND_HEADER.finditer(prose.text))
    blocks = []
    previous_end = 0
    for index, match in enumerate(found):
        start, end = source.prose_span(match.start(), match.end())
        next_start = (source.prose_span(found[index + 1].start(), found[index + 1].end())[0]
                      if index + 1 < len(found) else len(source.original))
        columns = len(_BUDGET_COLUMN_RE.findall(match.group("budgets"))) + 1
        blocks.append(Block(index, start, end, next_start, (previous_end, start), columns))
        previous_end = end
    return blocks


def project_name(source: SourceText, block: Block) -> Claim | None:
    """项目名称 of a table: the cell after the label, or before it when the cells are out of order."""
    region_start, region_end = block.name_region
    prose = source.prose
    # prose indices of the region
    lo = source.prose_index(region_start)
    hi = source.prose_index(region_end)
    text = prose.text[lo:hi]
    matches = list(_PROJECT_NAME.finditer(text))
    if not matches:
        return None
    match = matches[-1]
    after = text[match.end():]
    stop = _NAME_STOP.search(after)
    candidate = _clean_name(after[: stop.start()] if stop else after[:60])
    position = match.end()
    if not candidate:
        before = text[: match.start()]
        cut = max(before.rfind(")"), before.rfind("表"), before.rfind("\n\n"), 0)
        candidate = _clean_name(before[cut:].lstrip(")表"))
        position = cut
    if not candidate or len(candidate) > 60:
        return None
    start, end = source.prose_span(lo + position, lo + position + len(candidate))
    return Claim("project_name", candidate, source.excerpt(start, end), source.line_of(start), start, end,
                 block.index)


def _clean_name(text: str) -> str:
    text = re.sub(r"[|:\s]+", " ", text).strip()
    text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
    return text.strip(" :|")


def _tokens_between(source: SourceText, start: int, end: int) -> list[Token]:
    return [token for token in source.tokens if start <= token.start < end]


_AMOUNT_SUFFIX = re.compile(r"(?:万元|万|元)$")
_GLUED = re.compile(r"^(?:[\u4e00-\u9fff()（）]*[:：])?(?P<before>\d[\d.]*)%(?P<after>\d+(?:\.\d+)?)?$")
_PLACEHOLDER = {"—", "-", "/", "——", "…", "……"}
FUND_ROW_SKIP = 8  # label cells (预算执行率, 权重, 原因, 总额 …) that may stand between the header and the amounts


def amount_value(text: str) -> Decimal | None:
    """An amount cell: a number, possibly written with its unit (4753.66万元, 150万)."""
    return read_number(_AMOUNT_SUFFIX.sub("", (text or "").strip()))


def _cell_number(text: str) -> Decimal | None:
    value = amount_value(text)
    return value if value is not None else read_percent(text)


def split_run(before: str, after: str | None, amounts: int, *, weighted: bool = True, loose: bool = False
              ) -> tuple[list[Decimal], Decimal | None, Decimal, Decimal | None] | None:
    """The cells of a funds row whose numbers ran together (``202010100.00%10``: 20, 20, 分值 10, 100.00%,
    得分 10), split where the executed ÷ budget amounts give the stated rate and the score is 分值 × rate;
    without 分值 (``weighted=False``, the transfer-payment form: ``390390100%`` = 390, 390, 100%) the amounts
    and the rate alone. ``None`` unless exactly one split fits."""
    fits = set()
    for k in range(1, min(6, len(before)) + 1) if weighted else ():
        rate_text = before[-k:]
        if not re.fullmatch(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?", rate_text) or Decimal(rate_text) > 200:
            continue
        rest = before[:-k]
        for j in (2, 1, 3):
            weight_text = rest[-j:]
            if not re.fullmatch(r"[1-9]\d{0,2}", weight_text) or not 0 < int(weight_text) <= 100:
                continue
            for parts in _number_splits(rest[:-j], amounts):
                budget, executed = parts[-2], parts[-1]
                rate, weight = Decimal(rate_text), Decimal(weight_text)
                if not budget or not rounds_to(executed / budget * 100, rate):
                    continue
                score = Decimal(after) if after else None
                if score is not None and (score > weight if loose else
                                          abs(score - weight * min(rate, Decimal(100)) / 100) > 1):
                    continue
                fits.add((tuple(parts), weight, rate, score))
    if weighted and not fits and after and not loose:
        # no split gives the score as 分值 × rate: the one split the amounts and the rate allow with the score within
        # its 分值, the score as written (593.27593.27448.641076%10: 分值 10 given in full at 76%, the form's own slip)
        return split_run(before, after, amounts, loose=True)
    if weighted and len(fits) > 1:  # a trailing 0 read as a rate of 0% (30301 | 0 | 10 | 0%) is the weaker reading
        fits = {fit for fit in fits if fit[2]} or fits
    if weighted and fits and all(not fit[2] for fit in fits):
        # only a 0% rate of nothing executed fits with a 分值 cell (4000400 | 0 | 10 | 0%): the form without one
        # (4000 | 4000 | 100%) is the stronger reading when it fits
        plain = split_run(before, after, amounts, weighted=False)
        if plain is not None and plain[2]:
            return plain
    if not weighted:
        for k in range(1, min(6, len(before)) + 1):
            rate_text = before[-k:]
            if not re.fullmatch(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?", rate_text) or Decimal(rate_text) > 200:
                continue
            for parts in _number_splits(before[:-k], amounts):
                if parts[-2] and rounds_to(parts[-1] / parts[-2] * 100, Decimal(rate_text)):
                    fits.add((tuple(parts), None, Decimal(rate_text), None))
        if len(fits) > 1:  # a trailing 0 read as a rate of 0% is the weaker reading
            fits = {fit for fit in fits if fit[2]} or fits
    return (list(next(iter(fits))[0]), *next(iter(fits))[1:]) if len(fits) == 1 else None


def _number_splits(text: str, count: int):
    """Every way to cut ``text`` into ``count`` well-formed numbers (no leading zero, at most one point)."""
    if count == 1:
        if re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d{1,4})?", text):
            yield [Decimal(text)]
        return
    for cut in range(1, len(text)):
        head = text[:cut]
        if re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d{1,4})?", head):
            for tail in _number_splits(text[cut:], count - 1):
                yield [Decimal(head)] + tail


def read_fund_row(source: SourceText, block: Block, indicator_start: int) -> Claim | None:
    """The funds row after the header: amounts, then 分值, 执行率, 得分 in whatever cells follow."""
    tokens = [t for t in _tokens_between(source, block.header_end, indicator_start) if t.text not in _PLACEHOLDER]
    run: list[Token] = []
    skipped = 0
    after_run = None
    for index, token in enumerate(tokens):
        if _cell_number(token.text) is not None or _GLUED.match(token.text):
            run.append(token)
            continue
        if run:
            after_run = index
            break
        if skipped >= FUND_ROW_SKIP:
            break
        skipped += 1
    if not run:
        return _glued_fund_row(source, block)
    glued = next((_GLUED.match(t.text) for t in run if _GLUED.match(t.text)), None)
    if glued:
        split = split_run(glued.group("before"), glued.group("after"), block.amount_columns)
        if split:
            parts, weight, rate, score = split
            return _fund_claim(source, block, run[0], run[-1], parts, weight, rate, score, split=True,
                               sub=_sub_row(tokens, after_run, block),
                               sub_only=_sub_row_only(tokens, after_run, block))
    rate_token = next((t for t in run if read_percent(t.text) is not None), None)
    numbers = [(t, amount_value(t.text)) for t in run if amount_value(t.text) is not None]
    fraction = _fraction_rate(numbers, block)
    if fraction is not None and rate_token is None:
        # the 执行率 cell written as a fraction (29 29 27.8 9 0.958 8): 95.8%
        rate_token, rate_as_fraction = fraction
        numbers = [(t, v) for t, v in numbers if t is not rate_token]
    else:
        rate_as_fraction = None
    bare = _bare_rate(numbers, block) if rate_token is None and fraction is None else None
    if bare is not None:
        # the 执行率 cell without its % (header 执行率(%): 120,000.00 120,000.00 30,000.00 10.00 25 2.5), between
        # the 分值 and the 得分 cells: the amounts give it
        rate_token, rate_as_fraction = bare
        numbers = [(t, v) for t, v in numbers if t is not rate_token]
    # The next row (其中：当年财政拨款) often repeats the first amount: the row ends before it.
    for index in range(3, len(numbers)):
        if numbers[index][1] == numbers[0][1] and (numbers[0][1] > 100 or index + 1 < len(numbers)
                                                   and numbers[index + 1][1] == numbers[1][1]):
            # (a small amount repeated counts only with the next one repeated too: 65.66 65.07 10 99% 9 65.66 65.07)
            numbers = numbers[:index]
            break
    # 分值 is a whole number ≤ 100 after at least two amounts, followed by at most the score;
    # with only three numbers and no rate after them, all three are amounts.
    weight_index = None
    for index, (token, value) in enumerate(numbers):
        remaining = len(numbers) - index - 1
        rate_after = rate_token is not None and rate_token.start > token.start
        if index >= 2 and value == value.to_integral() and 0 < value <= 100 and remaining <= 1 \
                and (len(numbers) >= 4 or rate_after):
            if remaining and numbers[index + 1][1] > value and rate_token is not None \
                    and token.start < rate_token.start < numbers[index + 1][0].start:
                continue  # 5.00 | 100.00% | 10: a score above it, past the rate, makes this an amount
            weight_index = index
            break
    if weight_index is None and len(numbers) == 6 and all(v == 0 for i, (_, v) in enumerate(numbers) if i != 3):
        weight_index = 3  # a total row of zeros: 0 0 0 分值 0 0
    columns = block.amount_columns
    amounts = [value for _, value in numbers[: weight_index if weight_index is not None else columns]]
    weight = numbers[weight_index][1] if weight_index is not None else None
    score = (numbers[weight_index + 1][1]
             if weight_index is not None and weight_index + 1 < len(numbers) else None)
    if score is not None and weight is not None and score > weight:
        score = None  # a score above its points is another cell (the executed amount, out of order)
    if weight_index is None and columns == 2 and len(numbers) == 3 and rate_token is not None \
            and numbers[1][0].start < rate_token.start < numbers[2][0].start:
        score = numbers[2][1]  # 预算数 执行数 执行率 得分 (the points in the header: 得分(20分*执行率))
    if weight_index is None and columns == 2 and len(numbers) == 2 and rate_token is not None \
            and numbers[0][0].start < rate_token.start < numbers[1][0].start \
            and numbers[1][1] <= 100 and numbers[1][1] < numbers[0][1]:
        # 预算数 864.2 | 执行数 left empty | 100% | 得分 20: the number after the rate is the score
        amounts, score = amounts[:1], numbers[1][1]
    rate = rate_as_fraction if rate_as_fraction is not None else read_percent(rate_token.text) if rate_token else None
    if rate is None and (weight_index is None or weight_index + 2 >= len(numbers)):
        # The rate cell was carried elsewhere (PDF columns interleaved): the first bare percentage
        # of the block before the indicators.
        rate_token = next((t for t in tokens if read_percent(t.text) is not None), None)
        rate = read_percent(rate_token.text) if rate_token else None
    if rate is None and weight_index is None:
        rate_token, rate = _sub_row_rate(tokens, after_run, block, amounts) or (rate_token, rate)
    end_token = max([run[-1]] + ([rate_token] if rate_token else []), key=lambda t: t.end)
    return _fund_claim(source, block, run[0], end_token, amounts, weight, rate, score, tokens=tokens,
                       sub=_sub_row(tokens, after_run, block), sub_only=_sub_row_only(tokens, after_run, block),
                       sources=_source_rows(tokens, after_run, block))


def _fraction_rate(numbers: list[tuple[Token, Decimal]], block: Block) -> tuple[Token, Decimal] | None:
    """A rate cell written as a fraction of one (0.958): the number after the amounts, below 1 with decimals,
    that the executed ÷ budget amounts give at its precision (or cut to it); as a percentage (95.8)."""
    columns = block.amount_columns
    if len(numbers) <= columns:
        return None
    budget, executed = numbers[columns - 2][1], numbers[columns - 1][1]
    if not budget:
        return None
    for token, value in numbers[columns:]:
        if not (0 < value <= 1) or value.as_tuple().exponent >= -1:
            continue
        places = -value.as_tuple().exponent
        exact = executed / budget
        if rounds_to(exact, value) or abs(exact - value) < Decimal(1).scaleb(-places):
            return token, (value * 100).quantize(Decimal(1).scaleb(min(0, 2 - places)))
    return None


def _bare_rate(numbers: list[tuple[Token, Decimal]], block: Block) -> tuple[Token, Decimal] | None:
    """A rate cell written without its % sign: the middle one of exactly three numbers after the amounts (分值,
    执行率, 得分), which the executed ÷ budget amounts give at its precision (or cut to it), the score being at most
    the points before it. With two numbers after the amounts (预算数(A) 执行数(B) 执行率(B/A) 得分: 104 103.97 99.97 19,
    the points in the header) the first is the rate when the amounts give it, and the second the score."""
    columns = block.amount_columns
    if len(numbers) == columns + 2 and columns >= 2:
        budget, executed = numbers[columns - 2][1], numbers[columns - 1][1]
        (token, value), (_, score) = numbers[columns:]
        if budget and score <= 100 and rounds_to(executed / budget * 100, value):
            return token, value
        return None
    if len(numbers) != columns + 3:
        return None
    budget, executed = numbers[columns - 2][1], numbers[columns - 1][1]
    (_, weight), (token, value), (_, score) = numbers[columns:]
    if not budget or not (0 < weight <= 100) or score > weight:
        return None
    exact = executed / budget * 100
    places = max(0, -value.as_tuple().exponent)
    if rounds_to(exact, value) or Decimal(0) <= exact - value < Decimal(1).scaleb(-places):
        return token, value
    return None


def _sub_row(tokens: list[Token], after_run: int | None, block: Block) -> tuple:
    """The amounts of 其中：当年财政拨款 (or 其中：中央财政资金) right after the total row."""
    return _sub_row_span(tokens, after_run, block)[0]


def _sub_row_span(tokens: list[Token], after_run: int | None, block: Block) -> tuple[tuple, int]:
    """The sub-row's amounts and the index of the token after them."""
    if after_run is None or after_run >= len(tokens):
        return (), 0
    label = tokens[after_run].text
    pattern = wording().data("fund_sub_row_pattern")
    if not re.match(pattern, label):
        if after_run + 1 < len(tokens) and re.match(pattern, label + tokens[after_run + 1].text):
            after_run += 1
        else:
            return (), 0
    values = []
    for token in tokens[after_run + 1: after_run + 1 + block.amount_columns]:
        value = amount_value(token.text)
        if value is None:
            break
        values.append(value)
    return tuple(values), after_run + 1 + len(values)


def _sub_row_rate(tokens: list[Token], after_run: int | None, block: Block, amounts: list[Decimal]
                  ) -> tuple[Token, Decimal] | None:
    """The rate written only in the row below (年度总金额 | 3,724,055.00 | 4,764,453.11 | 4,614,453.11, then 其中:财政拨款
    with the same amounts and 96.85 | 10.00 | 9.68): the sub-row holds all the money, so its rate is the total's,
    when its amounts are the total's and the number after them is their rate."""
    values, index = _sub_row_span(tokens, after_run, block)
    if len(values) < 2 or tuple(values) != tuple(amounts[-len(values):]) or index >= len(tokens):
        return None
    token = tokens[index]
    rate = read_percent(token.text)
    rate = rate if rate is not None else amount_value(token.text)
    budget, executed = values[-2], values[-1]
    if rate is None or not budget or not rounds_to(executed / budget * 100, rate):
        return None
    return token, rate


def _sub_row_only(tokens: list[Token], after_run: int | None, block: Block) -> bool:
    """Whether the sub-row is the only part of the total with money: the other source rows after it (地方财政资金,
    其他资金) stand with no amount, so that it should equal the total."""
    values, index = _sub_row_span(tokens, after_run, block)
    if len(values) < 2 or index >= len(tokens) or read_percent(tokens[index].text) is None or not values[-2]:
        return False
    rate, exact = read_percent(tokens[index].text), values[-1] / values[-2] * 100
    places = max(0, -rate.as_tuple().exponent)
    if not (rounds_to(exact, rate) or Decimal(0) <= exact - rate < Decimal(1).scaleb(-places)):
        return False  # its own rate does not fit its amounts: a cell left empty (-) shifted the row
    while index < len(tokens) and (read_percent(tokens[index].text) is not None
                                   or amount_value(tokens[index].text) is not None):
        index += 1  # the sub-row's own rate, points and score
    others = 0
    while index < len(tokens) and re.match(wording().data("fund_other_source_row"), tokens[index].text):
        others += 1
        index += 1
    ends = index >= len(tokens) or amount_value(tokens[index].text) is None
    return others > 0 and ends


def _source_rows(tokens: list[Token], after_run: int | None, block: Block) -> tuple:
    """The source rows after the total row (其中:财政拨款 | 0 | 0.58 | 0.58 | 100, 其他资金 | 0 | 1.8 | 1.8 | 0) that
    hold their amounts and one number after them, their 分值 and 得分 cells empty (——): that number is the row's
    rate. A row with more or fewer numbers is left (which cell is which is not known)."""
    if after_run is None or block.amount_columns < 2:
        return ()
    labels = re.compile(f"(?:{wording().data('fund_sub_row_pattern')})|(?:{wording().data('fund_other_source_row')})")
    rows, index = [], after_run
    while index < len(tokens):
        label = tokens[index].text
        if not labels.match(label):
            break
        index += 1
        values: list[tuple[Token, Decimal]] = []
        while index < len(tokens) and _cell_number(tokens[index].text) is not None:
            values.append((tokens[index], _cell_number(tokens[index].text)))
            index += 1
        if len(values) == block.amount_columns + 1:
            (_, full_year), (_, executed), (token, rate) = values[-3:]
            rows.append((re.sub(r"^其中[:：]?", "", label), full_year, executed, rate, token.line))
    return tuple(rows)


def _glued_fund_row(source: SourceText, block: Block) -> Claim | None:
    """A funds row written in one piece with its header (年度资金总额:202010100.00%10…)."""
    lo = source.prose_index(block.header_end)
    match = re.search(r"(?P<before>\d[\d.]*)%(?P<after>\d+(?:\.\d+)?)?", source.prose.text[lo: lo + 80])
    if not match:
        return None
    header = source.prose.text[source.prose_index(block.header_start): lo]
    weighted = bool(re.search(r"分\s*值|权\s*重|得\s*分", header))
    split = split_run(match.group("before"), match.group("after") if weighted else None, block.amount_columns,
                      weighted=weighted)
    if not split and block.amount_columns == 3:
        # one of the three amount cells left empty (年初预算数 blank: 303010100% = 30, 30, 分值 10, 100%)
        split = split_run(match.group("before"), match.group("after") if weighted else None, 2, weighted=weighted)
    if not split and not weighted:
        split = _split_by_parts(match.group("before"), source.prose.text[lo + match.end(): lo + match.end() + 80],
                                block.amount_columns)
    if not split:
        return None
    parts, weight, rate, score = split
    start, end = source.prose_span(lo + match.start(), lo + match.end())
    row = FundRow(*_amount_columns(parts), weight, rate, score, split=True)
    return Claim(FUND_ROW, row, source.excerpt(block.header_start, end, 200), source.line_of(start), start, end,
                 block.index)


def _split_by_parts(before: str, after: str, amounts: int):
    """A total run whose rate does not tell the split (1484631.00%: 46 ÷ 148 is 31.08%, written 31.00%), split
    by its parts' runs that follow (其中:中央财政资金10200% 地方资金4646100%): the total's amounts are theirs
    added, and what is left of the run is the rate as written."""
    if amounts != 2:
        return None
    sums = [Decimal(0), Decimal(0)]
    found = 0
    for run in re.finditer(r"(?P<run>\d[\d.]*)%", after):
        split = split_run(run.group("run"), None, 2, weighted=False)
        if split is None:
            break
        sums = [sums[0] + split[0][0], sums[1] + split[0][1]]
        found += 1
    if found < 2:
        return None
    head = f"{canonical(sums[0])}{canonical(sums[1])}"
    rate_text = before[len(head):]
    if not before.startswith(head) or not re.fullmatch(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?", rate_text):
        return None
    return sums, None, Decimal(rate_text), None


def _amount_columns(amounts: list[Decimal]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if len(amounts) >= 3:
        return amounts[0], amounts[1], amounts[2]
    if len(amounts) == 2:
        return None, amounts[0], amounts[1]
    return None, (amounts[0] if amounts else None), None


def _fund_claim(source: SourceText, block: Block, first: Token, last: Token, amounts: list[Decimal],
                weight, rate, score, *, split: bool = False, sub: tuple = (), tokens=None,
                sub_only: bool = False, sources: tuple = ()) -> Claim:
    if block.amount_columns == 2 and len(amounts) == 2:
        initial, full_year, executed = None, amounts[0], amounts[1]
    else:
        initial, full_year, executed = _amount_columns(amounts)
    reordered = False
    if rate is not None and full_year and executed is not None and tokens:
        computed = executed / full_year * 100
        if abs(computed - rate) > 1:
            # Cells out of order: another amount of the block that gives exactly the stated rate.
            seen: set = set()
            for token in tokens:
                value = amount_value(token.text)
                repeated = value in seen  # the budget's amount a second time: the executed column, as full
                if value is not None:
                    seen.add(value)
                if value is None or value in (executed, initial) or value == full_year and not repeated:
                    continue
                if rounds_to(value / full_year * 100, rate):
                    executed, reordered = value, True
                    break
    row = FundRow(initial, full_year, executed, weight, rate, score, reordered, split, sub, sub_only, sources)
    return Claim(FUND_ROW, row, source.excerpt(block.header_start, last.end, 200),
                 source.line_of(first.start), first.start, last.end, block.index)


def rounds_to(value: Decimal, written: Decimal) -> bool:
    """``value`` written to the places of ``written`` (half either way) is ``written``."""
    exponent = written.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    half = Decimal(1).scaleb(-places) / 2
    return written - half <= value < written + half


def indicator_start(source: SourceText, block: Block) -> int:
    prose = source.prose
    lo = source.prose_index(block.header_end)
    hi = source.prose_index(block.end)
    match = _INDICATOR_HEADER.search(prose.text, lo, hi)
    return source.prose_span(match.start(), match.end())[0] if match else block.end


def read_indicator_rows(source: SourceText, block: Block, start: int) -> list[Claim]:
    """Indicator rows and the 总分 row of one table."""
    cells = _cells(source, _tokens_between(source, start, block.end))
    row_at = _row_at_weight_first if _weight_first(cells) else _row_at_with_rate if _rate_column(cells) else _row_at
    width = 5 if row_at is _row_at_with_rate else 4  # the cells of a row from its target to its score
    shortfall_only = _reason_for_shortfall_only(cells)
    claims: list[Claim] = []
    level1: str | None = None
    level2: str | None = None
    confirmed = False
    pending: list = []
    since = 0  # non-label cells since the last label or row
    weights: list[Decimal] = []
    i = 0
    n = len(cells)
    last_row_end = -1
    while i < n:
        cell = cells[i]
        if cell.text in wording().words("total_row_labels"):  # 总分, or 合计 closing the indicator rows
            total = _total_row(source, cells, i + 1, block, points_only=cell.text != "总分")
            if total:
                claims.append(total)
            break
        label = None
        if i + 1 < n and cells[i + 1].text == "指标":
            label = _label(cell.text + "指标")
            if label is not None:
                i += 1
        label = label or _label(cell.text)
        if label is not None:
            pending.append(label)
            since = 0
            i += 1
            continue
        row = row_at(cells, i)
        if row is None:
            since += 1
            i += 1
            continue
        target, actual, weight, score = row
        name_cell = cells[i - 1] if i > 0 and i - 1 > last_row_end else None
        name = ""
        if name_cell is not None and name_cell.text not in _HEADER_WORDS and _label(name_cell.text) is None \
                and not _is_number_text(name_cell.text) and not re.match(r"^[≥≤=<>]", name_cell.text) \
                and name_cell.text not in GRADE_WORDS:
            name = name_cell.text
        non_label_between = since - (1 if name else 0)
        if pending and non_label_between <= 0:
            for item in pending:
                if isinstance(item, Level1):
                    level1, level2 = item.label, None
                else:
                    level1, level2 = item.level1.label, item.label
            confirmed = True
        elif not pending and since <= 1 and confirmed:
            pass
        else:
            level1 = level2 = None
            confirmed = False
        pending = []
        since = 0
        reason: str | None = None
        consumed = width
        score_cell = cells[i + width - 1]
        if score_cell.pipes:
            reason = ""
            if not score_cell.row_end and i + width < n and cells[i + width].line == score_cell.line:
                candidate = cells[i + width]
                if _value(candidate.text) is None and _label(candidate.text) is None \
                        and candidate.text not in _HEADER_WORDS and read_number(candidate.text) is None:
                    reason = candidate.text
                    consumed = width + 1
        first = name_cell if name else cells[i]
        last = cells[i + consumed - 1]
        weights.append(weight)
        claims.append(Claim(
            INDICATOR_ROW,
            IndicatorRow(level1, level2, name, target.text, actual.text, weight, score, reason, shortfall_only),
            source.excerpt(first.start, last.end), first.line, first.start, last.end, block.index,
        ))
        i += consumed
        last_row_end = i - 1
        # 总分 written without its label right after the rows (PDF): points, then the score.
        if i + 1 < n and _bare(cells[i]) is not None and _bare(cells[i + 1]) is not None \
                and row_at(cells, i) is None and (i + 2 >= n or row_at(cells, i + 2) is None):
            points = _bare(cells[i])
            if points >= sum(weights) and points <= 100 and (i + 2 >= n or _value(cells[i + 2].text) is None):
                grade = cells[i + 2].text if i + 2 < n and cells[i + 2].text in GRADE_WORDS else None
                end = cells[i + 2].end if grade else cells[i + 1].end
                claims.append(Claim(TOTAL_ROW, TotalRow(points, _bare(cells[i + 1]), grade),
                                    source.excerpt(cells[i].start, end), cells[i].line, cells[i].start, end,
                                    block.index))
                break
    return claims


def _bare(cell: Cell) -> Decimal | None:
    return read_number(cell.text)


def _row_at(cells: list[Cell], i: int):
    if i + 3 >= len(cells):
        return None
    target = _value(cells[i].text)
    if target is None:
        return None
    actual = _value(cells[i + 1].text)
    if actual is None or actual.direction is not None and actual.direction is not Direction.QUALITATIVE:
        return None
    if re.match(r"^[≥≤=<>]", cells[i + 1].text):
        return None
    weight, score = _bare(cells[i + 2]), _bare(cells[i + 3])
    if weight is None or score is None or not (0 < weight <= 100) or not (0 <= score <= 100):
        return None
    return target, actual, weight, score


def _rate_column(cells: list[Cell]) -> bool:
    """Whether the table's header has a 完成率 column between the actual and the 分值 (年度指标值 度量单位 实际完成值
    完成率 分值 得分): its rows are target, actual, rate, points, score."""
    seen_actual = False
    for cell in cells[:24]:
        if _TARGET_HEADER.match(cell.text) and "实际" in cell.text:
            seen_actual = True
        elif seen_actual and cell.text in wording().words("completion_rate_headers"):
            return True
        elif _WEIGHT_HEADER.match(cell.text):
            return False
    return False


def _row_at_with_rate(cells: list[Cell], i: int):
    """A row written target, actual, completion rate, 分值, score (52 | 10 | 19.23% | 20.00 | 3.85)."""
    if i + 4 >= len(cells) or read_percent(cells[i + 2].text) is None:
        return None
    row = _row_at(cells[:i + 2] + cells[i + 3:], i)
    return row


_WEIGHT_HEADER = re.compile(r"^分值(?:[(（]\d+分[)）])?$")
_TARGET_HEADER = re.compile(r"^(?:年度|实际|(?:年度)?(?:指标值|目标值)|(?:全年)?实际(?:完成)?值)$")


def _reason_for_shortfall_only(cells: list[Cell]) -> bool:
    """Whether the header's reason column asks only why a target was not met (未完成原因及拟采取的改进措施)."""
    for cell in cells[:24]:
        if "偏差" in cell.text:
            return False
        if cell.text.startswith("未完成原因"):
            return True
    return False


def _weight_first(cells: list[Cell]) -> bool:
    """Whether the table's header puts 分值 before the target (三级指标 分值 年度指标值 全年实际值 得分, as forms of
    some provinces do), rather than after the actual."""
    for cell in cells[:20]:
        if _WEIGHT_HEADER.match(cell.text):
            return True
        if _TARGET_HEADER.match(cell.text):
            return False
    return False


def _row_at_weight_first(cells: list[Cell], i: int):
    """A row written 分值, target, actual, score (5 | >=4754人 | 4604人 | 5)."""
    if i + 3 >= len(cells):
        return None
    weight, score = _bare(cells[i]), _bare(cells[i + 3])
    if weight is None or score is None or not (0 < weight <= 100) or not (0 <= score <= 100):
        return None
    target, actual = _value(cells[i + 1].text), _value(cells[i + 2].text)
    if target is None or actual is None or re.match(r"^[≥≤=<>]", cells[i + 2].text) \
            or actual.direction is not None and actual.direction is not Direction.QUALITATIVE:
        return None
    return target, actual, weight, score


def _total_row(source: SourceText, cells: list[Cell], i: int, block: Block, *, points_only: bool = False
               ) -> Claim | None:
    """The 总分 row: points, then the score, then a grade. A 合计 row with one number (合计 | 100 | | |) adds the
    weights only (``points_only``): its score cell is empty."""
    numbers = []
    j = i
    while j < len(cells) and len(numbers) < 2 and _bare(cells[j]) is not None:
        numbers.append(_bare(cells[j]))
        j += 1
    grade = None
    if j < len(cells) and cells[j].text in GRADE_WORDS:
        grade = cells[j].text
        j += 1
    if not numbers and grade is None or points_only and len(numbers) < 2:
        return None
    weight, score = (numbers[0], numbers[1]) if len(numbers) == 2 else (None, numbers[0] if numbers else None)
    first, last = cells[i - 1], cells[j - 1]
    return Claim(TOTAL_ROW, TotalRow(weight, score, grade), source.excerpt(first.start, last.end),
                 first.line, first.start, last.end, block.index)


# --- staff ---------------------------------------------------------------------------------------
_STAFF_LABELS = (
    (STAFF_ESTABLISHMENT, re.compile(r"^(?:人员|核定)?编制(?:数|人数)?$")),
    (STAFF_ACTUAL, re.compile(r"(?:实有|在职|在编)人数$")),
    (STAFF_RATE, re.compile(r"^(?:在职人员)?控制率$")),
)


def read_staff(source: SourceText) -> list[Claim]:
    """编制数, 实有人数 and 控制率, written label-value or as a header row followed by its values."""
    tokens = source.tokens
    claims: list[Claim] = []
    i = 0
    while i < len(tokens):
        key = _staff_key(tokens[i].text)
        if key is None:
            i += 1
            continue
        # a header row: labels one after another (a year may stand before a label: 2023 年实际在职人数)
        labels = [(key, tokens[i])]
        j = i + 1
        while j < len(tokens):
            text = tokens[j].text
            if re.fullmatch(r"(?:19|20)\d{2}", text) and j + 1 < len(tokens) and _staff_key(tokens[j + 1].text):
                j += 1
                continue
            next_key = _staff_key(text)
            if next_key is None:
                break
            labels.append((next_key, tokens[j]))
            j += 1
        if len(labels) > 1:
            values = []
            while j < len(tokens) and len(values) < len(labels) and _is_number_text(tokens[j].text):
                values.append(tokens[j])
                j += 1
            for (label_key, label_token), value_token in zip(labels, values):
                claims.append(_staff_claim(source, label_key, label_token, value_token))
            i = j
            continue
        if j < len(tokens) and _is_number_text(tokens[j].text):
            claims.append(_staff_claim(source, key, tokens[i], tokens[j]))
            i = j + 1
            continue
        i = j
    return [claim for claim in claims if claim is not None]


def _staff_key(text: str) -> str | None:
    text = re.sub(r"^(?:19|20)\d{2}年", "", text.strip(":： ")).replace("(人", "").rstrip(")")
    for key, pattern in _STAFF_LABELS:
        if pattern.search(text):
            return key
    return None


def _staff_claim(source: SourceText, key: str, label: Token, value: Token) -> Claim | None:
    number = read_percent(value.text) if key == STAFF_RATE else read_number(value.text)
    if number is None:
        return None
    return Claim(key, number, f"{label.text} {value.text}", value.line, value.start, value.end)


# --- lettered funds columns ------------------------------------------------------------------------
# The forms of transfer payments (转移支付) letter their money columns and write the rates as formulas:
# 行次 | 全年预算数(A) | 统筹整合资金数(B) | 扣除统筹整合资金后预算金额(C) | 全年到位资金(D) | 预算到位(D/C×100%) |
# 全年执行资金(E) | 预算执行(E/C×100%), the row led by its row number: 年度资金总额(万元): 1 52.8 52.8 52.8 100.00% 30.8 58.33%
_LETTERED_BUDGET = re.compile(r"全\s*年\s*预\s*算\s*数\s*[(（]\s*A\s*[)）]")
_LETTERED_EXECUTED = re.compile(r"执\s*行\s*(?:资\s*金|数|金\s*额)\s*[(（]\s*(?P<e>[B-H])\s*[)）]")
_LETTERED_ROW = re.compile(r"(?:年度)?资金总额\s*(?:[(（]万元[)）])?\s*[:：]?")


def read_lettered_funds(source: SourceText) -> list[Claim]:
    """Budget (column A), executed amount (the 执行 column) and execution rate (the last percentage) of the
    total row of a form that letters its money columns; the row number (行次) before them is no amount."""
    text = source.prose.text
    budget_header = _LETTERED_BUDGET.search(text)
    executed_header = _LETTERED_EXECUTED.search(text, budget_header.end()) if budget_header else None
    if not executed_header:
        return []
    row = _LETTERED_ROW.search(text, executed_header.end())
    if not row:
        return []
    cells = []
    for token in re.finditer(r"[^\s|]+", text[row.end(): row.end() + 200]):
        number = re.match(r"\d[\d.,]*%?", token.group())
        if not number:
            break
        cells.append((number.group(), row.end() + token.start()))
        if number.end() < len(token.group()):
            break  # 58.33%其中:… the next label follows the last cell
    if "行次" in text[max(0, budget_header.start() - 40): executed_header.end()] and cells \
            and re.fullmatch(r"\d{1,2}", cells[0][0]):
        cells = cells[1:]  # the row number
    percents = [i for i, (cell, _) in enumerate(cells) if cell.endswith("%")]
    if not percents or percents[-1] == 0 or cells[0][0].endswith("%"):
        return []
    budget = read_number(cells[0][0])
    executed = read_number(cells[percents[-1] - 1][0])
    rate = read_percent(cells[percents[-1]][0])
    if budget is None or executed is None or rate is None:
        return []
    claims = []
    for key, (cell, position), value in ((BUDGET_TOTAL, cells[0], budget),
                                         (EXECUTED_TOTAL, cells[percents[-1] - 1], executed),
                                         (EXECUTION_RATE, cells[percents[-1]], rate)):
        if key == EXECUTION_RATE and (not budget or not rounds_to(executed / budget * 100, rate)):
            continue  # a rate of another column (C: the budget less the money pooled elsewhere)
        start, end = source.prose_span(position, position + len(cell))
        claims.append(Claim(key, value, source.excerpt(start, end), source.line_of(start), start, end,
                            label=row.group(0).rstrip(":：")))
    return claims


def _rate_triple(cells: str) -> tuple[int, Decimal, Decimal, Decimal] | None:
    """The first budget, executed amount and rate standing side by side in a row's cells (130.54 58.07 188.61
    188.45 99.92 0.16 0.08: 188.61 188.45 99.92), the rate being what the amounts give; or, the cells run together
    (68006027.9588.65%), the one split whose rate fits. (index of the budget, budget, executed, rate)."""
    pieces = [p for p in re.split(r"[\s|]+", cells) if p]
    if len(pieces) == 1 and pieces[0].endswith("%"):
        split = split_run(pieces[0][:-1], None, 2, weighted=False)
        if split is not None and split[0][0]:
            return 0, split[0][0], split[0][1], split[2]
        return None
    numbers = [read_percent(p) if p.endswith("%") else read_number(p) for p in pieces]
    for index in range(len(numbers) - 2):
        budget, executed, rate = numbers[index: index + 3]
        if None in (budget, executed, rate) or not budget or pieces[index].endswith("%") \
                or pieces[index + 1].endswith("%") or not 0 < rate <= 200:
            continue
        if rounds_to(executed / budget * 100, rate):
            return index, budget, executed, rate
    return None


def read_rate_rows(source: SourceText) -> list[Claim]:
    """A table's total row of money whose cells hold a budget, its executed amount and their rate side by side, and
    its 基本支出 / 项目支出 rows (their budgets), in any layout the page left: cells spaced, barred or run together.
    Only the numbers whose rate is what the amounts give are read; the lowest in authority of the readings."""
    text = source.prose.text
    claims: list[Claim] = []
    for match in re.finditer(wording().data("rate_row_total_pattern"), text, re.MULTILINE):
        triple = _rate_triple(match.group("cells"))
        if triple is None:
            continue
        _, budget, executed, rate = triple
        start, end = source.prose_span(match.start(), match.end())
        line = source.line_of(start)
        excerpt = source.excerpt(start, end)
        claims += [Claim(BUDGET_TOTAL, budget, excerpt, line, start, end, label="合计"),
                   Claim(EXECUTED_TOTAL, executed, excerpt, line, start, end, label="合计"),
                   Claim(EXECUTION_RATE, rate, excerpt, line, start, end, label="合计")]
        break
    if not claims:
        return claims
    for match in re.finditer(wording().data("rate_row_nature_pattern"), text, re.MULTILINE):
        triple = _rate_triple(match.group("cells"))
        if triple is None:
            continue
        start, end = source.prose_span(match.start(), match.end())
        part = SourcePart(match.group("label"), triple[1], match.group(0).strip(), "支出")
        claims.append(Claim(BY_NATURE, part, source.excerpt(start, end), source.line_of(start), start, end))
    return claims
