"""Figures stated in the sentences of a published report.

Reports state their figures in a few set phrasings (全年预算数 1,291.73 万元，执行数 1,288.38 万元，
完成预算的 99.7%；设置绩效评价指标 6 个，其中产出指标 3 个…). Each reader here matches one family
of phrasings on the prose view and returns :class:`Claim` objects; none of them decides whether a
figure is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.enums import FundNature, FundSource, Level1
from jixiao.domain.values import convert

from jixiao.published.model import (
    ACHIEVED_STATEMENT,
    ALL_MET,
    COMPLETION,
    LEVEL_POINTS,
    PROSE_TARGET,
    Completion,
    ProseTarget,
    ARRIVED_AMOUNT,
    BUDGET_TOTAL,
    BY_NATURE,
    BY_SOURCE,
    CARRYOVER,
    COUNT_STATEMENT,
    ENUMERATION,
    EVALUATION_YEAR,
    TARGET_YEAR,
    LISTED_PROJECT,
    FORM_PROJECT,
    EXECUTION_POINTS,
    PLACE_VARIANT,
    SHARE,
    EXECUTED_TOTAL,
    EXECUTION_RATE,
    EXPENDITURE_TOTAL,
    FULL_PAYMENT,
    GRADE,
    INCOME_TOTAL,
    INITIAL_BUDGET,
    NATURE_TOTAL,
    OPENING_CARRYOVER,
    PAID_AMOUNT,
    PART_STATEMENT,
    SCORE,
    SOURCE_TOTAL,
    STAFF_ACTUAL,
    STAFF_ESTABLISHMENT,
    TEMPLATE_TEXT,
    AchievedStatement,
    Claim,
    CountStatement,
    Enumeration,
    PartStatement,
    Share,
    SourcePart,
)
from jixiao.published.text import NUMBER_PATTERN, SourceText, chinese_ordinal, cover_date_year, read_number
from jixiao.published.wording import wording

class _lazy:
    """A pattern compiled on its first use: the patterns of rarer shapes (their classes of Chinese characters
    take milliseconds to compile) cost a command nothing on the texts that never need them."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


H = r"[^\S\n]*"  # horizontal space only: a label and its value stand on one line
NUM = rf"(?<![\d.,])(?:{NUMBER_PATTERN})(?!\d|[.,]\d)"
CN = "[一二三四五六七八九十两]{1,3}"
COUNT = rf"(?:\d{{1,4}}|{CN})"
UNIT = r"万元|亿元|元|万(?![\u4e00-\u9fff\w])|万(?=已|均|全部)"  # “150万” is written without 元 (350万已全部到位)
_COUNTED = "年月日号个人家项次条所万亿元余多名户件台套座批期份场"  # words that make a bare number a count or date
# A value: 1,291.73万元 / ：1,291.73 / or, in a table flattened into a line, a bare number standing as a
# cell of its own before the next label (全年预算数 5,678.90 全年执行数 5,600.00), never one of a run of
# numbers (年度资金总额 800 1,000 950, whose first number is the 年初 column).
_PAREN_UNIT = r"(?:[(（](?:万元|元|亿元)[)）])?"
# a note in brackets between a label and its value (下达…资金(残疾人事业发展补助资金)29.6万元)
# or the years the money is for (…救灾资金(2021—2022年冬春救助)614万元)
_PAREN_NOTE = r"(?:[(（](?:[^()（）\n\d]{1,30}|[^()（）\n]{0,12}\d{4}[^()（）\n]{0,16}?年[^()（）\n\d]{0,12})[)）])?"
_NOT_PERCENT = r"(?![\d.]*\s*%)"
# a bare number before a name is an economic classification code (30399 村专职委员工作补贴), not an amount
_NOT_CODE = rf"(?!(?:{wording().data('economic_code')})(?!\d))"
# a year run into the fund's name (提前下达2023中央财政…补助资金), or after a colon before its 年 (项目资金:2016年县财政安排
# 30万元): no amount
_NOT_YEAR = r"(?!(?:19|20)\d{2}(?=[\u4e00-\u9fff]))"
_VALUE = (rf"[)）]?{H}(?:\|{H}(?=[\d(（]))?{_PAREN_UNIT}{H}{_PAREN_NOTE}{H}(?:(?:为|是|[,，]?共计|共|[,，]?合计|[,，]?总计|计|达到|达|约){H})?"
          rf"(?:(?P<n1>{NUM}){H}(?P<u1>{UNIT})|[:：]{H}(?P<n2>{NUM}){_NOT_PERCENT}(?!{H}年)(?:{H}(?P<u2>{UNIT}))?"
          rf"|{_NOT_CODE}{_NOT_YEAR}(?P<n3>{NUM}){_NOT_PERCENT}(?={H}(?:\n|$)|{H}(?![{_COUNTED}])[\u4e00-\u9fff]|{H}\|{H}(?![\d.,|])"
          # …or a bracket that lists its parts (执行数1032849.44(含中央资金…))
          rf"|{H}[(（](?:含|其中|包括))"
          # a number with decimals counts nothing, whatever word follows (75.00 项目当年预算…)
          rf"|(?P<n4>(?<![\d.,])\d+\.\d{{1,6}}){_NOT_PERCENT}(?={H}[\u4e00-\u9fff]))")


def _value_group(match: re.Match) -> str:
    return next(group for group in ("n1", "n2", "n3", "n4") if match.group(group))


@lru_cache(maxsize=None)
def _labeled(label: str) -> re.Pattern:
    return re.compile(rf"(?P<label>{label}){_VALUE}")


@lru_cache(maxsize=None)
def _label_alone(label: str) -> re.Pattern:
    return re.compile(label)


def _labeled_matches(label: str, text: str) -> Iterator[re.Match]:
    """The label's matches with their values. A pattern with _VALUE takes milliseconds to compile (its classes
    of Chinese characters), so it is compiled only for a text where the label itself occurs: a command reading
    one document starts well under its time limit."""
    if not _label_alone(label).search(text):
        return iter(())
    return _labeled(label).finditer(text)


# Labels in order of authority; the first family that matches gives the report's figure.
_BUDGET_LABELS = (
    r"全年预算(?:数|总额|资金)?(?:安排)?", r"调整(?:预算)?后(?:的)?(?:项目)?预算(?:数|总额|金额)?",
    r"(?:年中|年度|全年)调整预算(?:数|总额)?", r"年度预算(?:数|总额|资金)",
    # (money paid or completed is no budget: 已支付项目资金196.56万元, 完成计划总投资11286.5万元)
    r"预算(?:资金)?总额", r"(?:支出)?总额预算数", r"(?<!支付)(?<!拨付)(?<!使用)(?<!发放)(?<!追加)(?<!新增)(?<!增加)项目资金(?:总额)?",
    r"(?<!中期)资金总额",  # (a target form's 中期资金总额 is the money of several years)
    r"(?<!完成)(?<!完成计划)(?:计划|总)投资(?:额)?", r"计划安排资金",
    # lower in authority: the money a project was given, as reports word it
    r"(?:项目)?(?:当年|经费)预算", r"项目总预算", r"项目预算(?:资金|金额|数)?", r"预算收入", r"财政拨款(?:资金|小计)",
    # (money paid is no budget: 项目累计支付资金合计795333.77元)
    r"(?<!支付)(?<!拨付)(?<!使用)(?<!发放)(?<!支出)资金(?:合计|共计)",
    r"(?:共)?下达[\u4e00-\u9fff、]{0,32}?(?:资金|经费)", r"资金共下达", r"(?:部门)?预算总金额", r"(?:共|已)?下达(?=\d)",
    r"(?:项目)?资金总预算", r"预算项目经费", r"(?:项目)?批复(?:的)?(?:项目)?资金", r"(?:实际)?下达预算(?:资金)?",
    r"(?:(?<=\n)|(?<=^))预算数(?=[^\S\n]*\d)",  # a form's row: 预算数 6.84 到位数 6.84 执行数 6.84
    r"(?<=\d年)预算安排(?:资金)?",  # 州人大常委会机关2020年预算安排725万元
    # the money named by its parts, then added (省级配套补助资金17280元及州级补助资金28800元,合计共46080元)
    rf"(?<=[元万][,，])合计(?:共计|共)?(?={H}\d)",
    # a notice passing the money on: 现将2023年中央…补助资金134.39万元下达给你们
    rf"现将[\u4e00-\u9fff\d]{{0,40}}?(?:资金|经费)(?=[\d.,]+{H}(?:万元|元|亿元){H}下达)",
)
_INITIAL_LABELS = (r"年初预算(?:数|资金)?",)
# (应执行数 is what was due to be spent: a budget, not the execution)
_EXECUTED_LABELS = (r"(?<!应)(?:全年)?(?<!应)执行数", r"执行金额", r"(?:全年|年度|累计)(?:实际)?执行(?:资金)?", r"实际执行(?:数|金额)?", r"实际(?:总)?支出(?:数|金额)?",
                    r"(?<=年)度?支出(?:总额|合计)?", r"(?<![\u4e00-\u9fff])支出(?=[:：])", r"安排支出", r"支出费用",
                    r"资金已使用", r"(?:已)?拨付使用(?:资金)?", r"已(?:全部|累计)?发放(?:资金|补贴|补助)?",
                    # 共计46080元全部发放完毕: the whole amount paid out
                    rf"(?:共计|共|合计)(?={H}[\d.,]+{H}(?:万元|元|万){H}(?:已)?全部(?:发放|支付|拨付|使用)完毕)")
_ARRIVED_LABELS = (r"(?:实际)?(?:收到|到位)(?:的)?(?:项目)?资金", r"资金(?:实际)?(?:已)?到位(?:数)?")
_PAID_LABELS = (r"(?:已(?:完成)?|累计(?:已)?|共)(?:拨付|支付)(?:资金)?", r"已兑现[\u4e00-\u9fff]{0,20}?资金")
# Lowest in authority: how transfer-payment reports word the money in prose (wording.yaml)
_BUDGET_LABELS += tuple(wording().data("budget_prose_labels"))
_EXECUTED_LABELS += tuple(wording().data("executed_prose_labels"))
_PAID_LABELS += tuple(wording().data("paid_prose_labels"))
_CARRYOVER_LABELS = (r"(?<!年初)(?<!期初)(?<!上年)(?:年末|期末|年终)?(?:结转(?:和|及|与|、)?结余|结余结转)(?:资金|总额|数)?",)
_OPENING_CARRYOVER_LABELS = (r"(?:年初|期初|上年)结转(?:和|及|与|、)?(?:结余)?(?:资金|总额|数)?",)
_SOURCE_ALIASES: tuple[tuple[FundSource, str], ...] = (
    (FundSource.GENERAL_BUDGET, r"一般公共预算(?:财政)?(?:拨款)?"),
    (FundSource.GOVERNMENT_FUND, r"政府性基金(?:预算)?(?:财政)?(?:拨款)?"),
    (FundSource.STATE_CAPITAL, r"国有资本经营预算(?:财政)?(?:拨款)?"),
    (FundSource.OTHER, r"其他(?:资金(?:来源)?|收入)"),
)
_SOURCE_BASIS = r"(?P<basis>支出|收入|资金)?"
_NATURE_LABELS: tuple[tuple[FundNature, str], ...] = (
    (FundNature.BASIC, r"基本支出(?:总额)?"),
    (FundNature.PROJECT, r"项目支出(?:总额)?"),
)
_SOURCE_TOTAL = re.compile(rf"按(?P<what>收入性质|资金来源|收入来源|来源){H}分?{H}:?{H}(?P<n>{NUM})(?:{H}(?P<u>{UNIT}))?")
_NATURE_TOTAL = re.compile(rf"按支出(?:性质|类别|用途){H}分?{H}:?{H}(?P<n>{NUM})(?:{H}(?P<u>{UNIT}))?")
_INCOME_LABELS = (r"(?:本年|全年|年度)?收入(?:合计|总计|总额)", r"(?<![\u4e00-\u9fff])收入(?=[:：])", r"预算收入",
                  r"(?<=年)度?收入(?=\d)")
_EXPENDITURE_LABELS = (r"(?:本年|全年|年度)?支出(?:合计|总计|总额)", r"(?<![\u4e00-\u9fff])支出(?=[:：])",
                       r"(?<=年)度?支出(?=\d)")

_RATE = (
    re.compile(rf"(?P<label>[\u4e00-\u9fff]{{0,8}}?执行率){H}(?:为|达到|达|是|:)?{H}(?P<p>{NUM}){H}%"),
    re.compile(rf"(?P<label>完成(?:全年|年度)?预算的){H}(?P<p>{NUM}){H}%"),
    re.compile(rf"(?P<label>(?:资金|预算)?使用率){H}(?:为|达到|达|是|:)?{H}(?P<p>{NUM}){H}%"),
    # lowest: the share of the money paid, as transfer-payment reports word it (wording.yaml)
    # (at most three whole digits: 预算完成率5100% is a weight of 5 run into 100%)
    *(re.compile(rf"(?P<label>{label}){H}(?:为|达到|达|是|:)?{H}(?P<p>(?<![\d.])\d{{1,3}}(?:\.\d+)?){H}%")
      for label in wording().data("rate_prose_labels")),
)
_SCORE = (
    # (绩效自评分为94.92分: 自评分, the score's label said short)
    # (指标评价得分7分 scores one indicator or part, not the whole)
    re.compile(rf"(?<!指标)(?P<label>(?:自评|评价|综合)(?:得分|总分|分数|评分|分(?={H}(?:为|是|:|\d)))?|总得?分){H}(?:为|是|:|得|达)?{H}"
               rf"(?P<n>{NUM}){H}分"),
    # a form's cell: 自评总分(分)97.6 / 自评得分98 / 自评总分: 95
    # …and a form's cell holding the points available before the score: 自评总分(分) 100 96.5
    re.compile(rf"(?<!指标)(?P<label>自评总分|自评得分|综合得分|评价得分|总得分|自评分数){H}(?:[(（]分[)）])?{H}(?:[:：]{H})?\|?{H}"
               rf"(?:100(?:\.0+)?{H}\|?{H}(?=\d{{1,2}}(?:\.\d+)?(?![\d.%])))?(?P<n>{NUM})"
               rf"{_NOT_PERCENT}(?!{H}分)"),
    # the 总分 row: points available (100, once per level of indicators: 总分 100 100 100 78), then the score, even run
    # together (总分100100)
    re.compile(rf"(?P<label>总分){H}[:：|]?{H}(?:100(?:\.0+)?{H}\|?{H})+(?P<n>(?:100|\d{{1,2}})(?:\.\d{{1,2}})?)(?![\d.])"),
)
# lowest in authority: how reports word the score in prose (评定结果得分为90.15分, 绩效评分100分; wording.yaml)
_SCORE += tuple(re.compile(rf"(?P<label>{label}){H}(?:为|是|:|达)?{H}(?P<n>{NUM}){H}分")
                for label in wording().data("score_prose_labels"))
_GRADE_WORD = r"优秀|优|良好|良|中等|中|合格|较差|差"
# The total row of a result table: 100 points, the score, the grade (100.00 | 94.04 | 优)
_RESULT_ROW = re.compile(rf"^{H}\|?{H}(?:(?:合计|总计|总分){H}\|?{H})?100(?:\.0+)?{H}\|{H}(?P<n>\d{{1,3}}(?:\.\d{{1,2}})?)"
                         rf"{H}\|{H}(?P<g>{{grades}}){H}\|?{H}$", re.MULTILINE)
_GRADE = (
    re.compile(rf"(?P<label>(?:自评|评价|绩效)?(?:结果|等级|等次|级别|结论)){H}(?:(?:均|都)?(?:为|是){H}[:：]?|[:：|]|评定为|评为)?{H}"
               rf"(?:[“\"'‘]|\((?={_GRADE_WORD}\)))?(?P<g>{_GRADE_WORD})[”\"'’]?(?=[。,，;；!！\s|)]|$)"),
    # (a grade in brackets, 绩效等级为(良), as a form's blank filled in)
    re.compile(rf"(?P<label>评为|评定为|等级为|等次为|评级为){H}(?:[“\"'‘]|\((?={_GRADE_WORD}\)))?(?P<g>{_GRADE_WORD})[”\"'’]?(?=[。,，;；!！\s|)]|$|等)"),
)
_FULL_PAYMENT = re.compile(
    rf"(?:(?P<n>{NUM}){H}(?P<u>{UNIT}))?(?P<gap>[^。;；\n\d]{{0,16}}?)"
    rf"(?P<label>(?:均已|目前已|已经|已)?(?:全部|全额|足额|全面)(?:拨付|支付|支出|使用|执行)(?:完毕|到位)?)"
    # 资金足额拨付率, 足额拨付到位率: the name of an indicator, no claim that the money was paid
    rf"(?!(?:完毕|到位)?率)")

_COUNT_TOTAL = re.compile(
    rf"(?:指标[^。;；\n,，:]{{0,6}}?(?P<t1>{COUNT}){H}[个项条]|(?P<t2>{COUNT}){H}[个项条][^。;；\n,，:\d]{{0,10}}?指标)"
    rf"{H}[,，;:]?{H}其中{H}:?(?P<parts>[^。;；\n]+)")
_COUNT_PART = re.compile(
    rf"(?P<l1>[\u4e00-\u9fff]{{0,12}}?指标){H}(?:为|有)?{H}(?P<n1>{COUNT}){H}[个项条]"
    rf"|(?P<n2>{COUNT}){H}[个项条]{H}(?P<l2>[\u4e00-\u9fff]{{0,12}}?指标)")
_ACHIEVED_VERB = r"(?:达到|到达|完成|实现|达成)"
_ACHIEVED = (
    # 该 6 个指标中 5 个指标已达到目标值，1 个指标未到达目标值
    re.compile(rf"(?P<t>{COUNT}){H}[个项](?:绩效)?指标中{H}[,，]?{H}(?:有{H})?(?P<a>{COUNT}){H}[个项](?:(?:绩效)?指标)?"
               rf"(?:已|均已)?{_ACHIEVED_VERB}(?:[^,，。;；]*[,，、]{H}(?:有{H})?(?P<b>{COUNT}){H}[个项](?:(?:绩效)?指标)?"
               rf"(?:未|没有|尚未){_ACHIEVED_VERB})?"),
    # 所设定的 5 项绩效指标均已达到目标值
    re.compile(rf"(?P<all>{COUNT}){H}[个项](?:绩效)?(?:评价)?指标(?:均已|均|全部|已全部|都已|都)(?:已)?{_ACHIEVED_VERB}"),
    # 1 个指标未到达目标值
    re.compile(rf"(?P<b>{COUNT}){H}[个项](?:绩效)?指标(?:未|没有|尚未){_ACHIEVED_VERB}"),
    # 5 个指标已达到目标值
    re.compile(rf"(?P<a>{COUNT}){H}[个项](?:绩效)?指标(?:已)?{_ACHIEVED_VERB}(?:了)?(?:目标|预期|年度)"),
)
_PART_TOTAL = re.compile(
    rf"(?P<n>{NUM}){H}(?P<u>{UNIT})[^。;；\n\d]{{0,4}}?[,，:。]?{H}其中{H}[:：]?(?P<parts>[^。\n]+)")
_PARTS_END = re.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|共计|合计|总计|累计"
                        r"|[;；](?=本次|本年|另|此外|同时|其余|上述|以上)")  # ;本次纳入评价范围的…: another sum
_PLANNED_ACTUAL_HEADER = re.compile(rf"计划支出数{H}[|]?{H}实际支出数")
_EXECUTION_ROW = _lazy(rf"预算数{H}{NUM}{H}到位数{H}{NUM}{H}执行数{H}(?P<e>{NUM}){H}(?P<p>\d{{1,3}}(?:\.\d{{1,2}})?){H}%?(?={H}(?:\n|$|其中))")
_THIS_YEAR_TOTAL = _lazy(rf"上年度[\u4e00-\u9fff]{{0,6}}{H}\|?{H}本年度[\u4e00-\u9fff]{{0,6}}[^\d]{{0,40}}?合{H}计{H}\|?{H}"
                         rf"(?P<a>{NUM}){H}\|?{H}(?P<b>{NUM})(?![\d.%])")
_SPENDING_TOTAL = re.compile(rf"支出合计{H}[|]?{H}(?P<a>{NUM}){H}[|]?{H}(?P<b>{NUM})(?![\d.%])")
# A semicolon before a clause with its own 其中 starts another total (…263.90万元;全年实际支出1595.59万元,其中…).
_ANOTHER_TOTAL = re.compile(r"[;；](?=[^;；。]*其中)")


def _in_brackets(text: str, position: int) -> bool:
    before = text[max(0, position - 30): position]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


# A part taken away (国家级森林生态效益补偿资金调减2.66万元), not added.
_REDUCTION = re.compile(r"调减|核减|减少|收回")
# A form's total with its parts after 其中, each cell on a line of its own or run into one line (年度预算资金
# 总额: 321.25 / 其中:中央补助 166.00 / 市级资金 136.00 / 本级资金(包括结转结余) 20.25), amounts without a unit.
_CELL_SEP = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]*)"
_LINE_PARTS = _lazy(
    rf"(?:^|(?<=\n))(?P<label>[^\n\d]{{0,40}}(?:总额|合计|小计|总计)[^\n\d:：]{{0,6}}){H}[:：]?{H}(?P<n>{NUM}){H}"
    rf"(?P<u>{UNIT})?{_CELL_SEP}(?P<parts>其中{H}[:：]{H}[^\n\d:：]{{1,30}}?{H}{NUM}{H}(?:{UNIT})?"
    rf"(?:{_CELL_SEP}(?!其中)[^\n\d:：]{{1,30}}?{H}{NUM}{H}(?:{UNIT})?)+)(?={H}(?:\n|$|其中))")
_LINE_PART = _lazy(rf"(?:其中{H}[:：]{H})?(?P<label>[^\n\d:：]{{1,30}}?){H}(?P<n>{NUM}){H}(?P<u>{UNIT})?")
_PART_ITEM = re.compile(rf"(?P<label>[\u4e00-\u9fff]{{1,16}}?){H}(?:为|:)?{H}(?P<n>{NUM}){H}(?P<u>{UNIT})"
                        rf"|(?P<n_first>{NUM}){H}(?P<u_first>{UNIT}){H}用于(?P<use>[\u4e00-\u9fff、]{{1,20}})")

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_YEAR_CLAIMS = (
    re.compile(rf"\({H}{_YEAR}{H}年度?{H}\)"),
    # a year on a line of its own above or below the title (2022年度 / 部门整体支出绩效自评报告)
    re.compile(rf"^{H}[(（]?{H}{_YEAR}{H}年度?{H}[)）]?{H}\|?{H}$", re.MULTILINE),
    re.compile(rf"{_YEAR}{H}年度?[^。\n,，;；:()]{{0,30}}?(?:自评表|自评(?:总结)?报告|评价报告|自评价|基础数据表|绩效评价表|评分表)"),
    re.compile(rf"{_YEAR}{H}年初(?:设置|设定|制定|编制|确定)"),
    # a form's year cell (评价年度:2022 / 年度:2024年)
    re.compile(rf"(?:评价|所属|预算|自评)?年度{H}[:：]{H}{_YEAR}(?!\d)"),
    # 本部门2021年度部门整体支出绩效自评得分为… (not 较2021年度自评得分提高…, a comparison)
    re.compile(rf"(?<![较比与同])(?<!相比)(?<!对比){_YEAR}{H}年度?[^。\n,，;；:()]{{0,20}}?"
               rf"(?:(?:自评|评价)(?:得分|总分|结果|等级|结论)|绩效自评)"),
)
_TEMPLATE_PATTERNS = (
    re.compile(r"\([^()\n]{0,20}?(?:\d+\s*字(?:以内|以下|左右)|不超过\s*\d+\s*字|限\s*\d+\s*字|字数不超过)[^()\n]{0,12}\)?"),
    re.compile(r"\((?:请|此处)(?:填写|填报|简要|简述|说明|列明|列出|描述)[^()\n]{0,24}\)?"),
    re.compile(r"\((?:每个|每项|每一)[^()\n]{0,8}一行[^()\n]{0,4}\)?"),
    re.compile(r"(?<![A-Za-z])(?:XX+|xx+|×{2,}|○{2,}|□{2,}|＿{2,}|_{3,})(?![A-Za-z])"),
    re.compile(r"\{\{[^{}\n]{0,40}\}\}|\[(?:请填写|待填写|填写)[^\]\n]{0,20}\]"),
)


def _claim(source: SourceText, key: str, value, match: re.Match, group: str | int = 0, *, label: str = "",
           block: int | None = None, context: tuple[int, int] | None = None) -> Claim:
    start, end = source.prose_span(match.start(group), match.end(group))
    if context:
        text_start, text_end = source.prose_span(*context)
    else:
        text_start, text_end = start, end
    return Claim(key, value, source.excerpt(text_start, text_end), source.line_of(start), start, end, block,
                 label)


def _in_unit(number: Decimal, written_unit: str | None, unit: str | None) -> Decimal:
    written_unit = "万元" if written_unit == "万" else written_unit
    if not written_unit or not unit or written_unit == unit:
        return number
    try:
        return convert(number, written_unit, unit)
    except ValueError:
        return number


def _listed_part(text: str, position: int) -> bool:
    """Whether ``position`` stands in the list of parts after an amount and 其中 of its own sentence."""
    start = max(text.rfind(mark, 0, position) for mark in "。;；\n")
    return bool(re.search(rf"\d{H}(?:{UNIT})[^。;；\n\d]{{0,8}}?其中{H}[:：]?{H}[^。;；\n\d]{{0,16}}$",
                          text[start + 1: position]))


def _introduced_item(text: str, position: int) -> bool:
    """Whether ``position`` stands in a numbered item of a list that a line stating an amount introduces (…资金
    2000.59656万元,实施项目27个,具体情况是: / 1.…项目资金614.015万元 / 2.…)."""
    item = re.compile(wording().data("item_number_pattern"), re.MULTILINE)
    start = text.rfind("\n", 0, position) + 1
    if not item.match(text, start):
        return False
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous: start - 1]
        if not item.match(line):
            return bool(re.search(wording().data("items_intro_pattern"), line))
        start = previous
    return False


def _labeled_amounts(source: SourceText, key: str, labels: tuple[str, ...], unit: str | None) -> list[Claim]:
    claims = []
    for label in labels:
        for match in _labeled_matches(label, source.prose.text):
            group = _value_group(match)
            number = read_number(match.group(group))
            if number is None:
                continue
            if key == BUDGET_TOTAL and _listed_part(source.prose.text, match.start()):
                continue  # …预算资金105.33万元,其中:市本级项目资金20万元: a part of the total before it
            if key == BUDGET_TOTAL and _introduced_item(source.prose.text, match.start()):
                continue  # 1.…项目资金614.015万元 under …资金2000.59656万元,…具体情况是:
            written_unit = match.group("u1") or match.group("u2")
            claims.append(_claim(source, key, _in_unit(number, written_unit, unit), match, group,
                                 label=match.group("label"), context=match.span()))
    return claims


# A unit's 基础数据表 (部门整体支出绩效评价基础数据表): columns of last year's 决算, this year's 预算 and this year's 决算,
# each cell on a line of its own or separated by spaces or bars; rows 支出总额, 基本支出, 项目支出.
_CELLS = r"(?:[^\S\n]*(?:\||\n)[^\S\n]*|[^\S\n]+)+"
_BASIC_DATA_HEADER = re.compile(rf"(?:\d{{4}}年|上年)(?:度)?决算数{_CELLS}(?:\d{{4}}年|本年)(?:度)?预算数{_CELLS}"
                                rf"(?:\d{{4}}年|本年)(?:度)?决算数")


def _basic_data_rows(text: str):
    """(label, last year's, budget, executed, match) of the rows of each 基础数据表 of ``text``."""
    for header in _BASIC_DATA_HEADER.finditer(text):
        for label in wording().words("basic_data_rows"):
            row = re.compile(rf"(?<![\u4e00-\u9fff]){label}{_CELLS}(?P<a>{NUM}){_CELLS}(?P<b>{NUM}){_CELLS}(?P<c>{NUM})")
            match = row.search(text, header.end(), header.end() + 800)
            if match:
                yield label, match


def _basic_data_claims(source: SourceText, unit: str | None) -> list[Claim]:
    claims = []
    for label, match in _basic_data_rows(source.prose.text):
        budget, executed = (_in_unit(read_number(match.group(g)), None, unit) for g in ("b", "c"))
        if label == "支出总额":
            claims.append(_claim(source, BUDGET_TOTAL, budget, match, "b", label="基础数据表预算数",
                                 context=match.span()))
            claims.append(_claim(source, EXECUTED_TOTAL, executed, match, "c", label="基础数据表决算数",
                                 context=match.span()))
        else:
            nature = FundNature.BASIC if label == FundNature.BASIC.label else FundNature.PROJECT
            claims.append(_claim(source, BY_NATURE, SourcePart(nature.label, executed, match.group(0), "支出"),
                                 match, "c", label=label, context=match.span()))
    return claims


def read_amounts(source: SourceText, unit: str | None) -> list[Claim]:
    """Budget, execution, rates, carry-over, breakdowns by source and nature, scores and grades."""
    text = source.prose.text
    claims: list[Claim] = _basic_data_claims(source, unit) if "决算数" in text else []
    claims += _labeled_amounts(source, BUDGET_TOTAL, _BUDGET_LABELS, unit)
    claims += _labeled_amounts(source, INITIAL_BUDGET, _INITIAL_LABELS, unit)
    claims += _labeled_amounts(source, EXECUTED_TOTAL, _EXECUTED_LABELS, unit)
    claims += _labeled_amounts(source, PAID_AMOUNT, _PAID_LABELS, unit)
    claims += _labeled_amounts(source, ARRIVED_AMOUNT, _ARRIVED_LABELS, unit)
    claims += _labeled_amounts(source, CARRYOVER, _CARRYOVER_LABELS, unit)
    claims += _labeled_amounts(source, OPENING_CARRYOVER, _OPENING_CARRYOVER_LABELS, unit)
    claims += _labeled_amounts(source, INCOME_TOTAL, _INCOME_LABELS, unit)
    claims += _labeled_amounts(source, EXPENDITURE_TOTAL, _EXPENDITURE_LABELS, unit)
    for source_kind, alias in _SOURCE_ALIASES:
        for match in _labeled_matches(alias + _SOURCE_BASIS, text):
            group = _value_group(match)
            number = _in_unit(read_number(match.group(group)), match.group("u1") or match.group("u2"), unit)
            sentence_start = max(text.rfind("。", 0, match.start()), text.rfind("\n\n", 0, match.start()))
            sentence = text[sentence_start + 1: match.start()]
            basis = match.group("basis") or ("支出" if "支出" in sentence else "收入" if "收入" in sentence else "")
            claims.append(_claim(source, BY_SOURCE, SourcePart(source_kind.label, number, match.group(0), basis),
                                 match, group, label=match.group("label"), context=match.span()))
    for nature, label in _NATURE_LABELS:
        for match in _labeled_matches(label, text):
            group = _value_group(match)
            number = _in_unit(read_number(match.group(group)), match.group("u1") or match.group("u2"), unit)
            claims.append(_claim(source, BY_NATURE, SourcePart(nature.label, number, match.group(0), "支出"),
                                 match, group, label=match.group("label"), context=match.span()))
    for pattern, key, also in ((_SOURCE_TOTAL, SOURCE_TOTAL, INCOME_TOTAL), (_NATURE_TOTAL, NATURE_TOTAL,
                                                                             EXPENDITURE_TOTAL)):
        for match in pattern.finditer(text):
            number = _in_unit(read_number(match.group("n")), match.group("u"), unit)
            label = match.group(0)[: match.start("n") - match.start()].rstrip(": ")
            claims.append(_claim(source, key, number, match, "n", label=label, context=match.span()))
            if key == SOURCE_TOTAL and "收入" in label or key == NATURE_TOTAL:
                claims.append(_claim(source, also, number, match, "n", label=label, context=match.span()))
    indicator_row = re.compile(wording().data("rate_indicator_row_after"))
    for pattern in _RATE:
        for match in pattern.finditer(text):
            if indicator_row.match(text, match.end()):
                continue  # 预算资金执行率 90% 100% 10: an indicator's target, its actual value and its points
            claims.append(_claim(source, EXECUTION_RATE, read_number(match.group("p")), match, "p",
                                 label=match.group("label"), context=match.span()))
    part_points = re.compile(wording().data("part_points_before"))
    scores = []
    for pattern in _SCORE:
        for match in pattern.finditer(text):
            if part_points.search(text[max(0, match.start() - 12): match.start()]):
                continue  # 一、投入(20分,自评得分20分): a part's score, in the bracket after its points
            number = read_number(match.group("n"))
            if number is not None and number <= 150:
                scores.append((match, number))
    listed = _listed_scores(text, scores)
    claims += [_claim(source, SCORE, number, match, "n", label=match.group("label"), context=match.span())
               for match, number in scores if match.start() not in listed]
    for match in re.finditer(_RESULT_ROW.pattern.replace("{grades}", _GRADE_WORD), text, re.MULTILINE):
        number = read_number(match.group("n"))
        if number is not None and number <= 100:
            claims.append(_claim(source, SCORE, number, match, "n", label="总分", context=match.span()))
            claims.append(_claim(source, GRADE, match.group("g"), match, "g", label="总分", context=match.span()))
    for pattern in _GRADE:
        for match in pattern.finditer(text):
            if re.search(rf"\d+{H}[个家项所][\u4e00-\u9fff]{{0,6}}$", text[max(0, match.start() - 12): match.start()]):
                continue  # 1个项目评为优, 3个项目评为良: how the projects reviewed were graded, not this report
            claims.append(_claim(source, GRADE, match.group("g"), match, "g", label=match.group("label"),
                                 context=match.span()))
    for match in _FULL_PAYMENT.finditer(text):
        amount = None
        if match.group("n") and not re.search(r"[,，]", match.group("gap") or ""):
            amount = _in_unit(read_number(match.group("n")), match.group("u"), unit)
        claims.append(_claim(source, FULL_PAYMENT, amount, match, label=match.group("label")))
    if _PLANNED_ACTUAL_HEADER.search(text):
        # the 项目支出明细 table: 支出内容 | 计划支出数 | 实际支出数, closed by 支出合计 21.7 21.7
        for match in _SPENDING_TOTAL.finditer(text):
            for key, group in ((BUDGET_TOTAL, "a"), (EXECUTED_TOTAL, "b")):
                claims.append(_claim(source, key, _in_unit(read_number(match.group(group)), None, unit), match, group,
                                     label="支出合计", context=match.span()))
    if "到位数" in text:
        # the row of a form whose columns are 预算数 | 到位数 | 执行数 | 预算执行进度(%): the rate ends the row
        for match in _EXECUTION_ROW.finditer(text):
            claims.append(_claim(source, EXECUTED_TOTAL, _in_unit(read_number(match.group("e")), None, unit), match, "e",
                                 label="执行数", context=match.span()))
            claims.append(_claim(source, EXECUTION_RATE, read_number(match.group("p")), match, "p",
                                 label="预算执行进度", context=match.span()))
    if "本年度" in text:
        # a target form's funds: 上年度安排资金 | 本年度申请资金, then 合 计 213.4 259: this year's money is the budget
        for match in _THIS_YEAR_TOTAL.finditer(text):
            claims.append(_claim(source, BUDGET_TOTAL, _in_unit(read_number(match.group("b")), None, unit), match, "b",
                                 label="本年度合计", context=match.span()))
    for match in _PART_TOTAL.finditer(text):
        total = _in_unit(read_number(match.group("n")), match.group("u"), unit)
        parts = []
        # the parts end where a new section, a new total or a sentence about spending begins
        listed = _PARTS_END.split(match.group("parts"), 1)[0]
        listed = _ANOTHER_TOTAL.split(listed, 1)[0]
        spending = re.search(wording().data("parts_end_spending"), listed)
        if spending and re.search(r"\d", listed[: spending.start()]):
            listed = listed[: spending.start()]  # …,其中管理费1.07万元,目前项目资金已拨付106.36万元: money paid, no part
        if _in_brackets(text, match.start("parts")):
            listed = re.split(r"[)）]", listed, 1)[0]  # (其中建筑工程3292万元): a part of the amount before the bracket
        if re.search(wording().data("masked_amount"), listed):
            continue  # a part hidden by the page (点击查看>>): the parts cannot be added
        for item in _PART_ITEM.finditer(listed):
            if item.group("n_first"):
                label = "用于" + item.group("use")
                amount = _in_unit(read_number(item.group("n_first")), item.group("u_first"), unit)
            else:
                label = re.sub(r"^(?:和|及|与|以及|、|,)+", "", item.group("label"))
                amount = _in_unit(read_number(item.group("n")), item.group("u"), unit)
                if _REDUCTION.search(label):
                    amount = -amount
            parts.append((label, amount, item.group(0)))
        if parts:
            claims.append(_claim(source, PART_STATEMENT, PartStatement(total, match.group("n"), tuple(parts)),
                                 match))
    for match in _LINE_PARTS.finditer(text) if "其中" in text else ():
        total = _in_unit(read_number(match.group("n")), match.group("u"), unit)
        parts = tuple((item.group("label").strip(), _in_unit(read_number(item.group("n")), item.group("u"), unit),
                       item.group(0).strip()) for item in _LINE_PART.finditer(match.group("parts")))
        if len(parts) >= 2:
            claims.append(_claim(source, PART_STATEMENT, PartStatement(total, match.group("n"), parts), match))
    return claims


_STAFF = (
    (STAFF_ESTABLISHMENT, re.compile(rf"(?P<label>(?:人员|核定)?编制(?:数|人数)?){H}(?:为|是|:|共)?{H}(?P<n>\d+){H}(?:人|名)")),
    (STAFF_ACTUAL, re.compile(rf"(?P<label>(?:实有|在职|在编|实际在职)人数|(?:在职)?(?:在编)?实有(?:行政|事业)?(?:人员)?){H}(?:为|是|:|共)?{H}"
                              rf"(?P<n>\d+){H}(?:人|名)")),
)


# Labels that stand on a line of their own with their value on the next line (one cell per line); the label
# may carry its unit (计划安排资金 (万元)), or the unit stand on a line between (实际使用情况 / (万元) / 18821.06).
_LINE_UNIT = rf"(?:{H}[(（](?P<lu>万元|元|亿元)[)）])?"
_HEADING_NUMBER = r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.．])?"
_LINE_LABELS = (
    (BUDGET_TOTAL, re.compile(rf"^(?:全年预算数|调整后预算数|全年预算|预算数|计划投资额|计划安排资金"
                              rf"|{wording().pattern('budget_line_labels').pattern}){_LINE_UNIT}$")),
    # a total whose next cell may be the 年初 column: taken only when it is the line's one value
    (BUDGET_TOTAL, re.compile(rf"^(?:年度)?资金总额{_LINE_UNIT}$")),
    (EXECUTED_TOTAL, re.compile(rf"^(?:全年执行数|执行数|预算执行数|实际支出|实际使用情况|实际使用){_LINE_UNIT}$")),
    # the score's label, even numbered as a heading of its own ((一)自评得分 / 100分。)
    (SCORE, re.compile(rf"^{_HEADING_NUMBER}(?:{wording().pattern('score_line_labels').pattern})(?:[(（]分[)）])?$")),
)
# A table's total row one cell per line: 总分 / 100 / 99 (the points available, then the score), or the points in
# the label and the score below (总分(100分) / 100).
_TOTAL_LINE = re.compile(rf"^(?:{wording().pattern('score_total_line_labels').pattern}){H}"
                         rf"(?:[(（]{H}(?P<w>100){H}分?{H}[)）])?$")
_LINE_SCORE = re.compile(rf"(?P<n>{NUMBER_PATTERN}){H}分?{H}[。.]?")
_SOLE_VALUE = re.compile(r"^(?:年度)?资金总额")
_LINE_VALUE = re.compile(rf"(?:[(（](?P<pu>万元|元|亿元)[)）]{H})?(?P<n>{NUMBER_PATTERN}){H}(?P<u>{UNIT})?(?:{H}[(（].*)?")
_UNIT_ONLY = re.compile(r"[(（](?:万元|元|亿元)[)）]")


def read_line_labels(source: SourceText, unit: str | None) -> list[Claim]:
    """A label alone on its line and its value alone on the next non-empty line (自评得分 / 95), a unit in
    brackets on the label, between them or before the value (计划投资额 / (万元)18821.06)."""
    claims = []
    lines = [(n, text.strip(" |:："), offset) for n, text, offset in source.prose_lines()]
    lines = [item for item in lines if item[1]]
    for index, (number, text, offset) in enumerate(lines):
        for key, pattern in _LINE_LABELS:
            label = pattern.match(text)
            if not label:
                continue
            following = lines[index + 1: index + 4]
            written_unit = label.groupdict().get("lu")
            if following and _UNIT_ONLY.fullmatch(following[0][1]):
                written_unit = written_unit or following[0][1].strip("()（）")
                following = following[1:]
            if not following:
                continue
            _, value_text, value_offset = following[0]
            match = (_LINE_SCORE if key == SCORE else _LINE_VALUE).fullmatch(value_text)
            if not match:
                continue
            if _SOLE_VALUE.match(text) and len(following) > 1 and _LINE_VALUE.fullmatch(following[1][1]):
                continue  # 年度资金总额 / 99 / 99 / 99: a row of cells, whose first is 年初预算数
            value = read_number(match.group("n"))
            if key != SCORE:
                value = _in_unit(value, match.group("u") or match.group("pu") or written_unit, unit)
            elif value > 150:
                continue
            position = value_offset + match.start("n")
            start, end = source.prose_span(position, position + len(match.group("n")))
            claims.append(Claim(key, value, f"{text} {value_text}", source.line_of(start), start, end, label=text))
            break
        if "|" in text:
            claims += _sole_total_cells(source, offset, unit)
        total = _TOTAL_LINE.match(text)
        if total:
            claim = _total_line_score(source, text, lines[index + 1: index + 3], bool(total.group("w")))
            if claim is not None:
                claims.append(claim)
        for key, pattern, value_pattern in _LINE_WORDS:
            if not pattern.match(text) or index + 1 >= len(lines):
                continue
            _, value_text, value_offset = lines[index + 1]
            match = value_pattern.fullmatch(value_text)
            after = lines[index + 2][1] if index + 2 < len(lines) else ""
            if match and not value_pattern.fullmatch(after):  # 预算执行率 / 100% / 83.5%: an indicator's target, actual
                value = read_number(match.group("v")) if key == EXECUTION_RATE else match.group("v")
                position = value_offset + match.start("v")
                start, end = source.prose_span(position, position + len(match.group("v")))
                claims.append(Claim(key, value, f"{text} {value_text}", source.line_of(start), start, end, label=text))
    return claims


def _sole_total_cells(source: SourceText, offset: int, unit: str | None) -> list[Claim]:
    """A target form's row that sets the periods' money side by side (中期资金总额: | 68.50 | 年度资金总额: | 51.35 |):
    the 年度 total's cell and its one value, read as a label alone on its line and its value on the next; a second value
    after it (| 99 | 99 |) makes it a row of columns whose first is 年初预算数, as on lines."""
    cells, position = [], 0
    for cell in source.prose.text[offset:].split("\n", 1)[0].split("|"):
        stripped = cell.strip(" :：")
        if stripped:
            cells.append((stripped, position + cell.find(stripped)))
        position += len(cell) + 1
    if len(cells) < 3:
        return []  # a label and its value alone: read as a line of its own
    claims = []
    for index, (cell, at) in enumerate(cells[:-1]):
        label = _LINE_LABELS[1][1].match(cell)
        if not label:
            continue
        value_text, value_at = cells[index + 1]
        match = _LINE_VALUE.fullmatch(value_text)
        if not match or (index + 2 < len(cells) and _LINE_VALUE.fullmatch(cells[index + 2][0])):
            continue
        value = _in_unit(read_number(match.group("n")), match.group("u") or match.group("pu") or label.group("lu"), unit)
        start_at = offset + value_at + match.start("n")
        start, end = source.prose_span(start_at, start_at + len(match.group("n")))
        claims.append(Claim(BUDGET_TOTAL, value, f"{cell} {value_text}", source.line_of(start), start, end, label=cell))
    return claims


def _total_line_score(source: SourceText, label: str, following: list, points_in_label: bool) -> Claim | None:
    """The score of a total row written one cell per line: after the points available (100), or first when the
    label carries them (总分(100分) / 98)."""
    values = []
    for _, value_text, value_offset in following:
        match = _LINE_SCORE.fullmatch(value_text)
        if not match:
            break
        values.append((read_number(match.group("n")), value_offset + match.start("n"), match.group("n"), value_text))
    if points_in_label and values:
        value = values[0]
    elif len(values) == 2 and values[0][0] == 100:
        value = values[1]
    else:
        return None
    if value[0] is None or value[0] > 100:
        return None
    start, end = source.prose_span(value[1], value[1] + len(value[2]))
    return Claim(SCORE, value[0], f"{label} {value[3]}", source.line_of(start), start, end, label=label)


# A rate or a grade alone on its line under its label (预算执行率 / 98.23%, 评价等级 / 优): a form one cell a line.
_LINE_WORDS = (
    (EXECUTION_RATE, re.compile(r"^(?:全年)?(?:预算|资金)?执行率(?:[(（]%[)）])?$"),
     re.compile(rf"(?P<v>\d{{1,3}}(?:\.\d+)?){H}%")),
    (GRADE, re.compile(r"^(?:自评|评价|绩效)?(?:等级|等次)$|^(?:自评|评价)结果$"),
     re.compile(rf"[“\"]?(?P<v>{_GRADE_WORD})[”\"]?")),
)


_QUANTITY_UNIT = r"%|万元|亿元|元|人次|人|户|个|项|次|公里|千米|亩|平方米|米|座|处|条|所|家|台|套|册|场"
_PROSE_TARGET = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{2,30}}?)(?:年初|年度)?(?:指标值|目标值)(?:为|是)?{H}(?P<dir>不低于|不少于|不高于|不超过|≥|≤|>=|<=|达到)?"
    rf"{H}(?P<t>{NUM}){H}(?P<tu>{_QUANTITY_UNIT})?{H}[,，;；]{H}(?:全年)?实际(?:完成值|完成|支出|值)?(?:为|是)?{H}"
    rf"(?P<a>{NUM}){H}(?P<au>{_QUANTITY_UNIT})?")
_COMPLETION = re.compile(
    rf"(?:实施|计划|建设|改造|养护|新建|完成任务)[^。;；\n]{{0,30}}?(?P<x>{NUM}){H}(?P<u>公里|千米|km|个|座|处|户|亩|平方米|米|条|所|项|栋|套)"
    rf"[^。;；\n]{{0,60}}?完成(?:了)?{H}(?P<y>{NUM}){H}(?P=u)[^。;；\n]{{0,20}}?(?:完工率|完成率|完成比例)(?:为|达到|达)?{H}"
    rf"(?P<p>{NUM}){H}%")


_LEVEL_POINTS = re.compile(rf"(?P<l>[\u4e00-\u9fff]{{0,8}}指标){H}[(（]{H}(?P<p>\d{{1,3}}){H}分{H}[)）]")


# A budget page's list of projects, one a line with its money (义务植树及林地改造项目40万元), and the name a form gives
# its project, in the cell after 项目(专项)名称 / 项目名称 (one cell per line or on the same line).
_LISTED_PROJECT = _lazy(rf"^{H}(?P<name>[\u4e00-\u9fff“”()（）\-\d]{{4,40}}?(?:项目|经费)){H}(?P<n>{NUM}){H}(?:万元|万){H}$",
                             re.MULTILINE)
_FORM_PROJECT = _lazy(rf"项目(?:[(（]专项[)）])?名称{H}[|:：]?{H}\n?{H}(?P<name>[^\n|]{{4,60}}?){H}(?:\||\n)")


_PLACE = re.compile(r"(?P<town>[\u4e00-\u9fff]{2,3}[镇乡])(?P<village>[\u4e00-\u9fff]{2,3}村)")


def read_listed_projects(source: SourceText, unit: str | None) -> list[Claim]:
    """Read on the lines as written (the reading text joins lines that end without punctuation)."""
    text = source.original

    def claim(key: str, value, match: re.Match, group: str) -> Claim:
        start, end = match.span(group)
        return Claim(key, value, match.group(0).strip(), source.line_of(start), start, end,
                     label=match.group("name").strip())

    if "名称" not in text:
        return []
    claims = [claim(LISTED_PROJECT, (match.group("name"), _in_unit(read_number(match.group("n")), "万元", unit)),
                    match, "n") for match in _LISTED_PROJECT.finditer(text)] if re.search(r"万元?\s*$", text, re.M) else []
    forms = [claim(FORM_PROJECT, match.group("name").strip(), match, "name") for match in _FORM_PROJECT.finditer(text)]
    for form in forms:
        # the village the project is named for, written one character apart elsewhere (大青冈村 / 大青杠村)
        for place in _PLACE.finditer(form.value):
            town, village = place.group("town"), place.group("village")
            others = [m for m in re.finditer(rf"{re.escape(town)}(?P<v>[\u4e00-\u9fff]{{{len(village) - 1}}}村)", text)
                      if m.group("v") != village and sum(a != b for a, b in zip(m.group("v"), village)) == 1]
            if others:
                lines = tuple(sorted({source.line_of(m.start()) for m in others}))
                claims.append(Claim(PLACE_VARIANT, (town + village, town + others[0].group("v"), lines), form.text,
                                    form.line, form.start, form.end, label=form.value))
    return claims + forms if claims else forms


def read_level_points(source: SourceText) -> list[Claim]:
    """Level-1 headers of a form with their points (产出指标(70分) 效益指标(20分) 满意度指标(10分)), even with
    the cells before them run on (…全年实际值得分产出指标(70分))."""
    claims = []
    for match in _LEVEL_POINTS.finditer(source.prose.text):
        words = match.group("l")
        level = next((Level1.from_label(words[k:]) for k in range(len(words) - 3)
                      if Level1.from_label(words[k:]) is not None), None)
        if level is not None:
            claims.append(_claim(source, LEVEL_POINTS, (level.label, Decimal(match.group("p"))), match))
    return claims


def read_targets(source: SourceText) -> list[Claim]:
    """Indicators stated in sentences (target and actual), sentences saying every target was met, and tasks
    stated with how much of them was done and the rate of it."""
    text = source.prose.text
    claims = []
    for match in _PROSE_TARGET.finditer(text):
        if match.group("tu") and match.group("au") and match.group("tu") != match.group("au"):
            continue  # a target and an actual of different things
        direction = "≤" if match.group("dir") in ("不高于", "不超过", "≤", "<=") else "≥"
        value = ProseTarget(match.group("name"), match.group("t").replace(",", ""), match.group("a").replace(",", ""),
                            direction)
        claims.append(_claim(source, PROSE_TARGET, value, match))
    for match in re.finditer(wording().data("all_targets_met"), text):
        claims.append(_claim(source, ALL_MET, match.group(0), match))
    for match in _COMPLETION.finditer(text):
        value = Completion(read_number(match.group("x")), read_number(match.group("y")), match.group("u"),
                           read_number(match.group("p")))
        claims.append(_claim(source, COMPLETION, value, match))
    return claims


_SERVING = re.compile(rf"[,，]?{H}其中{H}[:：]?{H}在职(?:人员)?{H}(?P<n>\d+){H}[人名]")


def read_staff_sentences(source: SourceText) -> list[Claim]:
    """编制数 and 实有人数 stated in sentences (编制数 85 人，实有人数 82 人); of 实有266人,其中在职人员143人,离休1人,
    退休122人 the staff against the 编制 are the 143 serving."""
    claims = []
    text = source.prose.text
    for key, pattern in _STAFF:
        for match in pattern.finditer(text):
            serving = _SERVING.match(text, match.end()) if key == STAFF_ACTUAL else None
            if serving:
                claims.append(_claim(source, key, Decimal(serving.group("n")), serving, "n", label="在职人员",
                                     context=(match.start(), serving.end())))
                continue
            claims.append(_claim(source, key, Decimal(match.group("n")), match, "n", label=match.group("label"),
                                 context=match.span()))
    return claims


_ENUMERATIONS = (
    # 直属事业单位10个,即 a、b、c。 / 内设机构12个,分别为: a、b、c。 / 内设机构8个:a、b、c。
    re.compile(rf"(?P<noun>[\u4e00-\u9fff]{{2,10}}?)(?:共|共有|有){{0,1}}{H}(?P<n>{COUNT}){H}(?:个|项|家|所)[,，]?{H}"
               rf"(?:(?:即|分别为|分别是|包括|为|是){H}[:：]?|[:：]){H}(?P<items>[^。;；\n:：]+?)(?=[。;；])"),
    # 共5个单位:a、b、c。 / 辖4个全额拨款事业单位(a、b、c、d)
    re.compile(rf"(?<![\d.])(?P<n>{COUNT}){H}(?:个|项|家|所)(?P<noun>[\u4e00-\u9fff]{{1,10}}?){H}[:：(（]{H}"
               rf"(?P<items>[^。;；\n:：()（）]+?)(?=[)）。;；])"),
)
_ITEM_MAX = 30


_SHARE_PART = re.compile(rf"(?<![\d.])(?P<n>{COUNT}){H}(?P<cls>个|项|家|所|人|名)[^。;；\n%\d:：]{{0,16}}?占[^。;；\n\d%]{{0,10}}?"
                         rf"(?P<p>{NUM}){H}%")


def read_shares(source: SourceText) -> list[Claim]:
    """Parts of a count stated with their share (35个项目评为中,占评定项目的85.36%), against the count stated
    before them in the sentence (抽审的41个项目…)."""
    text = source.prose.text
    claims = []
    for sentence in re.finditer(r"[^。\n]+", text):
        parts = list(_SHARE_PART.finditer(text, sentence.start(), sentence.end()))
        if len(parts) < 2:
            continue
        head = text[sentence.start(): parts[0].start()]
        wholes = list(re.finditer(rf"(?<![\d.])(?P<m>{COUNT}){H}{parts[0].group('cls')}", head))
        if not wholes:
            continue
        whole = chinese_ordinal(wholes[-1].group("m"))
        counts = [chinese_ordinal(p.group("n")) for p in parts]
        if not whole or any(c is None or c > whole for c in counts):
            continue
        for part, count in zip(parts, counts):
            claims.append(_claim(source, SHARE, Share(count, whole, read_number(part.group("p"))), part))
    return claims


def read_enumerations(source: SourceText) -> list[Claim]:
    """A count stated with the items it counts named one after another (内设机构12个,分别为: a、b、…)."""
    claims = []
    taken: list[tuple[int, int]] = []
    for pattern in _ENUMERATIONS:
        for match in pattern.finditer(source.prose.text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            count = chinese_ordinal(match.group("n"))
            if re.match(r"(?:含|包括|包含|其中|如)", match.group("items")) or "以下简称" in match.group("items"):
                continue  # 26个区县(含万盛经开区、两江新区,以下简称各区县): some of them named, not all
            # 、 inside brackets lists what one item holds (综合股(含政府采购、资产管理)), not more items
            items = [item.strip() for item in re.split(r"、(?![^(（]*[)）])", match.group("items"))]
            if items and re.search(r"(?:和|及|以及)", items[-1]):
                items = items[:-1] + [p for p in re.split(r"和|以及|及", items[-1]) if p.strip()]
            if count is None or len(items) < 2 or any(not item or len(item) > _ITEM_MAX for item in items) \
                    or re.search(r"等$|等[\u4e00-\u9fff]{0,4}$", match.group("items")):
                continue
            taken.append(match.span())
            noun = re.sub(r"^.*(?:所属|下属|内设|直属|纳入)", lambda m: m.group(0)[-2:], match.group("noun"))[-8:]
            claims.append(_claim(source, ENUMERATION, Enumeration(count, noun, tuple(items)), match))
    return claims


# Recipients paid one by one (补助施甸县何元乡王家庄村2万元、隆阳区水寨乡新路4万元…), then counted (用于补助3个村).
_PAID_LIST = _lazy(rf"补助(?P<items>(?:[\u4e00-\u9fff]{{2,24}}?{H}{NUM}{H}万元、){{1,20}}[\u4e00-\u9fff]{{2,24}}?{H}{NUM}{H}万元)")
_PAID_COUNT = _lazy(rf"补助{H}(?P<n>\d{{1,3}}|{CN}){H}个(?P<noun>村|乡镇|社区|单位|学校)")


# The 预算执行率 indicator of a 决策/过程/产出/效益 table run into one line: its points, the target's dash or 100%,
# the rate reached, the score (预算执行率10一100%9).
_EXECUTION_POINTS = _lazy(rf"预算执行率{H}(?P<w>[1-9]\d?){H}(?:[一\-—–]|100%){H}(?P<r>\d{{1,3}}(?:\.\d{{1,2}})?){H}%"
                          rf"{H}(?P<s>\d{{1,2}}(?:\.\d{{1,2}})?)(?![\d.%])")


def read_execution_points(source: SourceText) -> list[Claim]:
    text = source.prose.text
    if "预算执行率" not in text:
        return []
    return [_claim(source, EXECUTION_POINTS, (Decimal(m.group("w")), Decimal(m.group("r")), Decimal(m.group("s"))), m)
            for m in _EXECUTION_POINTS.finditer(text)]


def read_paid_recipients(source: SourceText) -> list[Claim]:
    """The recipients a text pays one by one against the count it then gives them (4 named, 补助3个村)."""
    text = source.prose.text
    if "补助" not in text or "万元、" not in text:
        return []
    lists = list(_PAID_LIST.finditer(text))
    claims = []
    for count in _PAID_COUNT.finditer(text) if lists else ():
        before = [m for m in lists if m.end() <= count.start()]
        if not before:
            continue
        items = tuple(re.sub(rf"{H}{NUM}{H}万元$", "", item).strip() for item in before[-1].group("items").split("、"))
        number = chinese_ordinal(count.group("n"))
        if number is not None and len(items) >= 2:
            claims.append(_claim(source, ENUMERATION, Enumeration(number, count.group("noun"), items), count))
    return claims


_PROJECTS_ADDED = _lazy(rf"项目共{H}(?P<n>\d{{1,3}}){H}个[^。;；\n]{{0,60}}?年初[^。;；\n\d]{{0,12}}(?P<a>\d{{1,3}}){H}个项目"
                        rf"[^。;；\n]{{0,80}}?(?:年中|年内|年度中|执行中)(?:增加|追加|新增){H}(?P<b>\d{{1,3}}){H}个项目")


# People counted, then broken down in a bracket right after the count (在职人员18人(公务员12人,机关工人2人,事业人员5人)):
# the bracket gives the whole by its kinds, so its parts add up to the count.
_PEOPLE_PART = rf"[\u4e00-\u9fff]{{1,12}}?{H}\d{{1,5}}{H}人"
_PEOPLE_BRACKET = _lazy(rf"(?P<noun>[\u4e00-\u9fff]{{2,10}}?){H}(?P<t>\d{{1,5}}){H}人{H}[(（]{H}(?:其中[:：]?|含)?"
                        rf"(?P<parts>(?:{_PEOPLE_PART}{H}[,，、;；]{H}){{1,7}}{_PEOPLE_PART}){H}[)）]")
_PEOPLE_ITEM = re.compile(rf"(?P<l>[\u4e00-\u9fff]{{1,12}}?){H}(?P<n>\d{{1,5}}){H}人")


def read_people_counts(source: SourceText) -> list[Claim]:
    """Counts of people broken down in a bracket right after them, by kinds (编制, 身份, 岗位) that do not overlap:
    no part counted by an attribute that cuts across the others (女, 党员, 本科: head_count_attribute_words)."""
    text = source.prose.text
    if "人(" not in text and "人（" not in text:
        return []
    attributes = wording().pattern("head_count_attribute_words")
    claims = []
    for match in _PEOPLE_BRACKET.finditer(text):
        parts = [(item.group("l"), int(item.group("n"))) for item in _PEOPLE_ITEM.finditer(match.group("parts"))]
        if len(parts) < 2 or any(attributes.search(label) or label.startswith("其中") for label, _ in parts):
            continue
        noun = re.sub(r"^(?:其中|现有|共有|实有|有|共)", "", match.group("noun")) or match.group("noun")
        claims.append(_claim(source, COUNT_STATEMENT, CountStatement(
            int(match.group("t")), tuple(parts), subject=noun, whole=True, measure="人"), match))
    return claims


def read_counts(source: SourceText) -> list[Claim]:
    """“设置指标 N 个，其中…” statements and “N 个指标已达到目标值” statements."""
    text = source.prose.text
    claims: list[Claim] = []
    for match in _COUNT_TOTAL.finditer(text):
        total = chinese_ordinal(match.group("t1") or match.group("t2"))
        parts = []
        for part in _COUNT_PART.finditer(match.group("parts")):
            label = re.sub(r"^(?:和|及|与|以及|另有|共有|有)+", "", part.group("l1") or part.group("l2") or "")
            number = chinese_ordinal(part.group("n1") or part.group("n2"))
            if number is not None and label:
                parts.append((label, number))
        if total is not None and parts:
            claims.append(_claim(source, COUNT_STATEMENT, CountStatement(total, tuple(parts)), match))
    for match in _PROJECTS_ADDED.finditer(text) if "个项目" in text else ():
        # 实施项目共15个 … 年初批复预算8个项目 … 年中增加8个项目: the projects of the year's start and those added
        claims.append(_claim(source, COUNT_STATEMENT, CountStatement(
            int(match.group("n")), (("年初项目", int(match.group("a"))), ("年中增加项目", int(match.group("b")))),
            subject="项目"), match, context=match.span()))
    taken: list[tuple[int, int]] = []
    for pattern in _ACHIEVED:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            groups = match.groupdict()
            total = chinese_ordinal(groups.get("t") or groups.get("all") or "")
            achieved = chinese_ordinal(groups.get("a") or groups.get("all") or "")
            not_achieved = chinese_ordinal(groups.get("b") or "")
            if groups.get("all"):
                not_achieved = 0
            claims.append(_claim(source, ACHIEVED_STATEMENT, AchievedStatement(total, achieved, not_achieved),
                                 match))
    return claims


_PARTIAL_SCOPE = ("基本", "项目", "专项", "三公", "公用", "人员", "政府采购")


def is_partial_rate(label: str) -> bool:
    """Whether a rate's label names a part of the funds (基本支出执行率, 项目支出执行率…), not the whole."""
    return any(word in (label or "") for word in _PARTIAL_SCOPE)


def level1_counts(statement: CountStatement) -> tuple[tuple[str, int], ...] | None:
    """The parts of a count statement as level-1 counts (产出指标 3 …) when they are level-1 kinds."""
    result = []
    for label, number in statement.parts:
        level = Level1.from_label(label) or Level1.from_label(label.replace("类", ""))
        if level is None:
            return None
        result.append((level.label, number))
    return tuple(result)


_DATE_AFTER = re.compile(rf"{H}年{H}\d{{1,2}}{H}月")


_OWN_FILE_NAME = re.compile(r"[^《》\n]{0,80}?\.(?:docx?|pdf|xlsx?|wps|txt)》", re.IGNORECASE)


def _in_cited_title(prose: str, start: int) -> bool:
    """Whether ``start`` lies inside 《…》 on its line: the title of a cited notice or plan (not the
    document's own file name, which a mirror site writes 《….docx》)."""
    before = prose[max(0, prose.rfind("\n", 0, start) + 1, start - 80): start]
    return before.count("《") > before.count("》") and not _OWN_FILE_NAME.match(prose, start)


# A whole year as the period evaluated (评价时间:2017年1月1日至2017年12月31日 / 2019.1.1-2019.12.30): the dates
# are the year's first and last day.
_YEAR_PERIODS = (
    re.compile(rf"{_YEAR}{H}年{H}0?1{H}月{H}0?1{H}日?{H}(?:至|到|—|-|~){H}(?P=y){H}年{H}12{H}月{H}(?:30|31){H}日?"),
    re.compile(rf"(?<![\d.]){_YEAR}[.\-/]0?1[.\-/]0?1{H}(?:至|到|—|-|~){H}(?P=y)[.\-/]12[.\-/](?:30|31)(?![\d])"),
    # by months, as the 项目起止时间 cell of a cover form has it (2021年1月起至2021年12月止)
    re.compile(rf"{_YEAR}{H}年{H}0?1{H}月{H}起?{H}(?:至|到|—|-|~){H}(?P=y){H}年{H}12{H}月{H}(?:止|底|末)?"),
)


# The cell under a form's 项目年度目标 header that opens with a year (2022年医疗保障局计划使用财政资金45万元…).
_TARGET_YEAR = _lazy(rf"项目年度目标{H}\|[^\n]*\n{H}\|?{H}{_YEAR}{H}年(?!度|\d)")


def read_years(source: SourceText, title_line: int) -> list[Claim]:
    """Years the document gives as its evaluation year (table titles, 年初设置…, a whole year's period),
    outside its title, and the years a form's annual target opens with."""
    claims = [_claim(source, TARGET_YEAR, int(match.group("y")), match, "y")
              for match in (_TARGET_YEAR.finditer(source.prose.text) if "项目年度目标" in source.prose.text else ())]
    seen: set[int] = set()
    for pattern in _YEAR_PERIODS:
        for match in pattern.finditer(source.prose.text):
            seen.add(match.start("y"))
            claim = _claim(source, EVALUATION_YEAR, int(match.group("y")), match, "y",
                           context=(match.start(), match.end()))
            if claim.line != title_line:
                claims.append(claim)
    for pattern in _YEAR_CLAIMS:
        for match in pattern.finditer(source.prose.text):
            if match.start("y") in seen:
                continue
            seen.add(match.start("y"))
            if _in_cited_title(source.prose.text, match.start("y")) or _DATE_AFTER.match(source.prose.text,
                                                                                           match.end("y")):
                continue  # the year of a document cited by its title, or a date (填报日期:2022年8月10日)
            if pattern is _YEAR_CLAIMS[1] and cover_date_year(source.prose.text, match):
                continue  # 填报日期:2025年4月28日 / 林芝市财政局制 / 2025年: the cover's date, not the year evaluated
            claim = _claim(source, EVALUATION_YEAR, int(match.group("y")), match, "y",
                           context=(match.start(), match.end()))
            if claim.line != title_line:
                claims.append(claim)
    return claims


def _listed_scores(text: str, scores: list) -> set[int]:
    """Where scores of several things are listed in one sentence (普通国省道建设绩效自评分数为73.18分、省交通事业发展保障
    支出绩效自评分数为89.03分、…得分86.89分): each is a part's, none the report's. The starts of those matches."""
    ordered = sorted({m.start(): (m, n) for m, n in scores}.values(), key=lambda item: item[0].start())
    separators = wording().data("score_list_separators")
    listed: set[int] = set()
    for (first, a), (second, b) in zip(ordered, ordered[1:]):
        between = text[first.end(): second.start()]
        if a != b and re.search(separators, between) and not re.search(r"[。！？!?\n]", between):
            listed |= {first.start(), second.start()}
    return listed


def _conditional_note(prose: str, start: int) -> bool:
    """Whether the word limit at ``start`` closes a note asking for an answer only in some cases."""
    sentence = re.split(r"[。;；\n|]", prose[max(0, start - 40): start])[-1]
    return any(word in sentence for word in wording().words("conditional_notes"))


def read_template_text(source: SourceText) -> list[Claim]:
    """Template wording left in the text: （200字以内）, （请填写…）, XX万元, {{…}}."""
    claims = []
    seen: set[int] = set()
    for pattern in _TEMPLATE_PATTERNS:
        for match in pattern.finditer(source.prose.text):
            if match.start() in seen:
                continue
            seen.add(match.start())
            if _conditional_note(source.prose.text, match.start()):
                continue
            claims.append(_claim(source, TEMPLATE_TEXT, match.group(0), match,
                                 context=(max(match.start() - 12, 0), min(match.end() + 12, len(source.prose.text)))))
    return claims


_TEMPLATE_HINT = re.compile(r"[字请每Xx×○□_＿{\[【]")


@lru_cache(maxsize=4096)
def find_template_text(text: str) -> tuple[str, ...]:
    """Template wording left in a piece of text (（200字以内）, （请填写…）, XX万元), as read."""
    if not text or not _TEMPLATE_HINT.search(text):
        return ()
    return tuple(claim.value for claim in read_template_text(SourceText(text)))
