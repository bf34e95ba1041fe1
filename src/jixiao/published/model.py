"""What a published self-evaluation report states, as data: the report and its claims.

A *claim* (声明) is one thing the document says — an amount, a rate, a count, a section number —
with the words it was read from and where (line, offsets in the original text). The checks
(:mod:`jixiao.checks.published.review`) compare claims with each other; nothing here judges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.domain.document import Indicator
from jixiao.domain.enums import Level1, Level2
from jixiao.domain.values import ValueParseError

# Claim keys, one concept each. Payload types are noted beside them.
BUDGET_TOTAL = "budget_total"  # Decimal, 全年预算数
INITIAL_BUDGET = "initial_budget"  # Decimal, 年初预算数
EXECUTED_TOTAL = "executed_total"  # Decimal, 执行数 / 已拨付
EXECUTION_RATE = "execution_rate"  # Decimal percentage (99.7 for 99.7%)
CARRYOVER = "carryover"  # Decimal, 年末结转和结余
OPENING_CARRYOVER = "opening_carryover"  # Decimal, 年初结转和结余 (上年结转)
BY_SOURCE = "by_source"  # SourcePart, 按资金来源
SOURCE_TOTAL = "source_total"  # Decimal, the stated total of a by-source breakdown (按收入性质分)
BY_NATURE = "by_nature"  # SourcePart, 按支出性质 (基本支出 / 项目支出)
NATURE_TOTAL = "nature_total"  # Decimal, the stated total of a by-nature breakdown (按支出性质分)
INCOME_TOTAL = "income_total"  # Decimal, 收入合计
EXPENDITURE_TOTAL = "expenditure_total"  # Decimal, 支出合计
SCORE = "score"  # Decimal, 自评得分 / 总分
GRADE = "grade"  # str, 优 / 良 / 中 / 差 as written
FUND_ROW = "fund_row"  # FundRow, the 项目资金 row of a 自评表
TOTAL_ROW = "total_row"  # TotalRow, the 总分 row of a 自评表
INDICATOR_ROW = "indicator_row"  # IndicatorRow, one indicator of a 自评表
COUNT_STATEMENT = "count_statement"  # CountStatement, 设置指标 N 个，其中 …
PART_STATEMENT = "part_statement"  # PartStatement, 共 X 万元，其中 a 万元、b 万元
ACHIEVED_STATEMENT = "achieved_statement"  # AchievedStatement, N 个指标已达到目标值
FULL_PAYMENT = "full_payment"  # Decimal | None, 已全部拨付 (amount or None when unnamed)
PAID_AMOUNT = "paid_amount"  # Decimal, 已完成拨付 X 万元
ARRIVED_AMOUNT = "arrived_amount"  # Decimal, 实际到位 / 收到资金 X 万元 (money received, not spent)
SHARE = "share"  # Share, 35个项目评为中,占评定项目的85.36% (of the 41 stated before)
ENUMERATION = "enumeration"  # Enumeration, 直属事业单位10个,即 a、b、c…
EVALUATION_YEAR = "evaluation_year"  # int, a year the document gives as its evaluation year
TITLE_YEAR = "title_year"  # int, the year of the title
TARGET_YEAR = "target_year"  # int, the year a form's 项目年度目标 cell opens with (2022年…计划使用…)
STAFF_ESTABLISHMENT = "staff_establishment"  # Decimal, 编制数
STAFF_ACTUAL = "staff_actual"  # Decimal, 实有人数
STAFF_RATE = "staff_rate"  # Decimal percentage, 控制率
TEMPLATE_TEXT = "template_text"  # str, unfilled template wording such as （200字以内）
INLINE_LIST = "inline_list"  # InlineList, 1.… 2.… 4.… 4.… within one paragraph
TRUNCATED = "truncated"  # str, why the text is taken as cut off
PROSE_TARGET = "prose_target"  # ProseTarget, 年初指标值为不低于180人，全年实际完成值164人
ALL_MET = "all_met"  # str, a sentence saying every target was met (已按照计划完成目标)
COMPLETION = "completion"  # Completion, 实施…380公里…完成200.031公里…完工率为100%
EXECUTION_POINTS = "execution_points"  # tuple[Decimal, Decimal, Decimal], an indicator row 预算执行率 分值 目标 率% 得分
LISTED_PROJECT = "listed_project"  # tuple[str, Decimal], a project listed with its money on a line: 义务植树项目40万元
PLACE_VARIANT = "place_variant"  # tuple[str, str, tuple[int, ...]], a form project's village written otherwise
FORM_PROJECT = "form_project"  # str, the name a 绩效目标表 gives its project (项目(专项)名称 | …)
LEVEL_POINTS = "level_points"  # tuple[str, Decimal], a level-1 header with its points: 产出指标(70分)


@dataclass(frozen=True)
class Claim:
    """声明: one statement of the document, where it is made and what it says."""

    key: str
    value: Any
    text: str  # the words as written (an excerpt of the original)
    line: int  # 1-based line of the original text
    start: int  # offsets in the original text
    end: int
    block: int | None = None  # index of the 自评表 it belongs to, when the document has tables
    label: str = ""  # the label the value was written under (全年预算数, 项目支出 …), as written

    def location(self) -> dict:
        location = {"line": self.line, "start": self.start, "end": self.end}
        if self.block is not None:
            location["table"] = self.block + 1
        return location


@dataclass(frozen=True)
class SourcePart:
    """One part of a breakdown: ``label`` as canonical (一般公共预算财政拨款) and as written."""

    label: str
    amount: Decimal | None
    written: str = ""
    basis: str = ""  # 支出 / 收入 / 预算 when the sentence says which


@dataclass(frozen=True)
class FundRow:
    """项目资金 row of a self-evaluation table (年初预算数 全年预算数 全年执行数 分值 执行率 得分)."""

    initial: Decimal | None
    full_year: Decimal | None
    executed: Decimal | None
    weight: Decimal | None
    rate: Decimal | None  # percentage as written (86.19)
    score: Decimal | None
    reordered: bool = False  # the executed amount was matched by value, the cells being out of order
    split: bool = False  # the cells' numbers ran together (202010100.00%10) and were split by the stated rate
    sub: tuple = ()  # the amounts of the row below (其中：当年财政拨款), when the total row is read
    sub_only: bool = False  # the row below is the only source row with money (the others left empty)
    # the source rows below (其中:财政拨款, 其他资金 …) written with their amounts and a rate alone after them:
    # (label, full-year budget, executed, rate, line)
    sources: tuple = ()


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a self-evaluation table as written."""

    level1: str | None  # canonical Level1 label (产出指标) when the table says it
    level2: str | None
    name: str
    target: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    reason: str | None  # 偏差原因; "" when the cell is known to be empty, None when it cannot be located
    # whether the reason column asks about every deviation (偏差原因分析…) or only about targets not met
    # (未完成原因…), which an actual above its target leaves empty by design
    reason_for_shortfall_only: bool = False

    def to_indicator(self) -> Indicator | None:
        """The row as a domain :class:`~jixiao.domain.document.Indicator` (an actual written without
        unit takes the target's: 735 against ≥735人次), or ``None`` when its values cannot be read."""
        level1 = Level1.from_label(self.level1 or "") or Level1.OUTPUT
        level2 = Level2.from_label(self.level2 or "")
        if level2 is None or level2.level1 is not level1:
            level2 = next(l2 for l2 in Level2 if l2.level1 is level1)
        try:
            return Indicator.from_text(code="", level1=level1, level2=level2, name=self.name, target=self.target,
                                       actual=self.actual, weight=self.weight, self_score=self.score,
                                       deviation_reason=self.reason or "")
        except (ValueParseError, ValueError, ArithmeticError):
            return None


@dataclass(frozen=True)
class TotalRow:
    """总分 row of a self-evaluation table: the points available, the score, the grade."""

    weight: Decimal | None
    score: Decimal | None
    grade: str | None


@dataclass(frozen=True)
class CountStatement:
    """“设置绩效指标 N 个，其中产出指标 a 个、效益指标 b 个…”."""

    total: int
    parts: tuple[tuple[str, int], ...]
    subject: str = "指标"
    whole: bool = False  # the parts are given as the whole's breakdown (in a bracket right after the count)
    measure: str = "个"  # what is counted in (个, 人)

    @property
    def parts_sum(self) -> int:
        return sum(n for _, n in self.parts)


@dataclass(frozen=True)
class PartStatement:
    """“共 X 万元，其中 a 万元、b 万元”: an amount and some of its parts."""

    total: Decimal
    total_text: str
    parts: tuple[tuple[str, Decimal, str], ...]  # (label, amount, written)


@dataclass(frozen=True)
class AchievedStatement:
    """“该 N 个指标中 a 个已达到目标值，b 个未达到” (any of the numbers may be missing)."""

    total: int | None
    achieved: int | None
    not_achieved: int | None


@dataclass(frozen=True)
class ProseTarget:
    """An indicator stated in a sentence: its target (with 不低于/不超过 …) and its actual, as written."""

    name: str
    target: str
    actual: str
    direction: str  # ≥ or ≤

    @property
    def met(self) -> bool | None:
        try:
            target, actual = Decimal(self.target), Decimal(self.actual)
        except ArithmeticError:
            return None
        return actual >= target if self.direction == "≥" else actual <= target


@dataclass(frozen=True)
class Completion:
    """A task and how much of it was done, with the rate the text gives (380 公里, 完成 200.031 公里, 100%)."""

    planned: Decimal
    done: Decimal
    unit: str
    percent: Decimal


@dataclass(frozen=True)
class Share:
    """“抽审的41个项目…35个项目评为中,占评定项目的85.36%”: a part of a stated count and its stated share."""

    part: int
    whole: int
    percent: Decimal


@dataclass(frozen=True)
class Enumeration:
    """“内设机构12个,分别为: a、b、…”: a stated count and the items named for it."""

    count: int
    noun: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class InlineList:
    """Items numbered inside one paragraph (``1.… 2.… 4.… 4.…`` or ``一是…二是…``)."""

    style: str  # "1." "(1)" "一是" "①"
    numbers: tuple[int, ...]
    labels: tuple[str, ...]  # each item's number as written


@dataclass(frozen=True)
class Heading:
    """A numbered heading (一、 （一） 1、 （1） ①) of the document's outline."""

    level: int
    number: int
    label: str  # the number as written: 一、 / （三） / 1、
    title: str
    line: int
    start: int = 0
    end: int = 0

    def to_json(self) -> dict:
        return {"level": self.level, "number": self.label, "title": self.title, "line": self.line}


@dataclass(frozen=True)
class PublishedTask:
    """A task (任务) or project (项目) the report states, with its funds and indicator counts."""

    name: str
    code: str = ""
    funds: Decimal | None = None
    indicator_total: int | None = None
    indicator_by_level1: tuple[tuple[str, int], ...] = ()
    indicator_achieved: int | None = None
    score: Decimal | None = None
    line: int = 0
    block: int | None = None
    rows: tuple[IndicatorRow, ...] = ()

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "code": self.code or None,
            "funds": None if self.funds is None else str(self.funds),
            "indicators": {
                "total": self.indicator_total,
                "by_level1": dict(self.indicator_by_level1),
                "achieved": self.indicator_achieved,
            },
            "score": None if self.score is None else str(self.score),
            "line": self.line,
        }


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class PublishedReport:
    """What a published self-evaluation report (自评报告 / 自评表) states.

    Amounts are ``Decimal`` in the document's own unit (``unit``: 万元 or 元), as written.
    ``execution_rate`` is the stated percentage (99.7 for “99.7%”). Every field comes from a
    :class:`Claim` in ``claims`` that says where it was read.
    """

    department: str | None = None
    year: int | None = None
    kind: str | None = None  # 部门整体 / 项目
    unit: str | None = None  # 万元 / 元
    budget_total: Decimal | None = None
    executed_total: Decimal | None = None
    execution_rate: Decimal | None = None
    by_source: tuple[tuple[str, Decimal | None], ...] = ()
    by_nature: tuple[tuple[str, Decimal | None], ...] = ()
    carryover: Decimal | None = None
    score: Decimal | None = None
    grade: str | None = None
    tasks: tuple[PublishedTask, ...] = ()
    sections: tuple[Heading, ...] = ()
    title: str = ""
    is_table: bool = False  # a 自评表 rather than a narrative 报告
    claims: tuple[Claim, ...] = field(default=(), repr=False)
    line_count: int = 0
    text: str = field(default="", repr=False)  # the prose view the claims were read from
    first_content_line: int = 0  # the first line of the report itself (page metadata and source aside)
    # the original text's lines, folded like the prose view (full-width forms, traditional characters) but
    # neither joined nor split: line n of a claim is lines[n - 1]
    lines: tuple[str, ...] = field(default=(), repr=False)

    def claims_for(self, key: str) -> tuple[Claim, ...]:
        return tuple(claim for claim in self.claims if claim.key == key)

    def first(self, key: str) -> Claim | None:
        return next((claim for claim in self.claims if claim.key == key), None)

    @property
    def truncated(self) -> Claim | None:
        return self.first(TRUNCATED)

    def to_json(self) -> dict:
        """The parse result with exactly the keys of ``jixiao parse --json``."""
        return {
            "department": self.department,
            "year": self.year,
            "kind": self.kind,
            "unit": self.unit,
            "budget_total": _amount(self.budget_total),
            "executed_total": _amount(self.executed_total),
            "execution_rate": None if self.execution_rate is None else f"{self.execution_rate}%",
            "by_source": {label: _amount(amount) for label, amount in self.by_source} or None,
            "by_nature": {label: _amount(amount) for label, amount in self.by_nature} or None,
            "carryover": _amount(self.carryover),
            "score": _amount(self.score),
            "grade": self.grade,
            "tasks": [task.to_json() for task in self.tasks],
            "sections": [heading.to_json() for heading in self.sections],
        }
