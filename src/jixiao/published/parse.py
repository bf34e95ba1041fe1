"""Reading published self-evaluation reports (自评报告 / 自评表) that jixiao did not write.

``parse_report_text(text)`` and ``parse_report_file(path)`` return a :class:`PublishedReport`: the
department, year, kind, unit, budget, execution, breakdowns by source and nature, carry-over,
score and grade, the tasks or projects with their indicator counts, and the outline of numbered
sections — each read from a :class:`Claim` that names its line and words. Amounts stay in the
document's unit (万元 or 元), as written.

The text may be a narrative report, a table as a web page gives it (cells between ``|``), or PDF
text whose table columns come interleaved; see :mod:`.tables` and :mod:`.prose`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.domain.enums import FundNature, FundSource
from jixiao.scoring import ScoringError, target_met

from jixiao.published.files import Limits, ReportFileError, read_report_file
from jixiao.published.model import (
    ACHIEVED_STATEMENT,
    BUDGET_TOTAL,
    BY_NATURE,
    BY_SOURCE,
    CARRYOVER,
    COUNT_STATEMENT,
    EXECUTED_TOTAL,
    EXECUTION_RATE,
    FUND_ROW,
    GRADE,
    INDICATOR_ROW,
    INITIAL_BUDGET,
    PAID_AMOUNT,
    PART_STATEMENT,
    SCORE,
    TITLE_YEAR,
    TOTAL_ROW,
    Claim,
    Heading,
    PublishedReport,
    PublishedTask,
)
from jixiao.published.identity import (
    find_department,
    find_kind,
    find_title,
    find_unit,
    is_metadata,
    mentioned_year,
    other_titles,
    round_object_year,
    title_year,
    whole_title,
)
from jixiao.published.outline import content_lines, find_truncation, read_outline
from jixiao.published.prose import (
    NUM,
    UNIT,
    H,
    _in_unit,
    is_partial_rate,
    level1_counts,
    read_amounts,
    read_counts,
    read_people_counts,
    read_enumerations,
    read_line_labels,
    read_shares,
    read_staff_sentences,
    read_level_points,
    read_listed_projects,
    read_paid_recipients,
    read_execution_points,
    read_targets,
    read_template_text,
    read_years,
)
from jixiao.published.tables import (
    find_blocks,
    indicator_start,
    project_name,
    read_fund_row,
    read_indicator_rows,
    read_lettered_funds,
    read_rate_rows,
    read_staff,
    rounds_to,
)
from jixiao.published.text import SourceText, read_number
from jixiao.published.wording import wording

__all__ = ["Claim", "Heading", "PublishedReport", "PublishedTask", "ReportFileError", "parse_report_file",
           "parse_report_text"]

# A title's year that opens the name of a fund (隆阳区2021年中央化肥减量增效示范县项目补助资金绩效自评): the year the
# money was given, which a later year's form may evaluate (2022年度项目支出绩效自评表).
FUND_YEAR = "资金年度"
_FUND_YEAR = re.compile(r"年(?!度)[^,，。;；\n]{2,30}?(?:资金|经费)")
_TASK_MARK = re.compile(r"[(（]?\s*任务\s*(?P<code>\d+|[一二三四五六七八九十]+)\s*[)）]?")
_TASK_FUNDS = re.compile(rf"(?:涉及|安排|使用|投入|下达)(?:项目)?资金{H}(?:为|共|合计|共计)?{H}(?P<n>{NUM}){H}(?P<u>{UNIT})")
_REPORT_PART = re.compile(r"情况|分析|设定|设置|综述|结论|评价|概况|说明")


def parse_report_file(path: str | Path, limits: Limits | None = None) -> PublishedReport:
    """Read a .docx, .pdf or .txt report within ``limits`` (``limits.yaml`` by default); raise
    :class:`ReportFileError` (Chinese message) when it is unreadable or past a limit."""
    return parse_report_text(read_report_file(path, limits))


def parse_report_text(text: str) -> PublishedReport:
    """Read what a report's text states. Never raises on odd text: what it cannot read stays ``None``."""
    source = SourceText(text if isinstance(text, str) else str(text or ""))
    title, title_line = find_title(source)
    unit = find_unit(source.prose.text)
    headings, list_claims = read_outline(source)
    claims: list[Claim] = list(list_claims)
    truncated = find_truncation(source)
    if truncated:
        claims.append(truncated)

    # tables
    block_claims: list[Claim] = []
    blocks = find_blocks(source)
    for block in blocks:
        start = indicator_start(source, block)
        for claim in (read_fund_row(source, block, start), project_name(source, block)):
            if claim is not None:
                block_claims.append(claim)
        block_claims.extend(read_indicator_rows(source, block, start))
    claims.extend(block_claims)
    if not blocks:
        claims.extend(read_lettered_funds(source))

    # prose
    claims.extend(read_amounts(source, unit))
    claims.extend(read_line_labels(source, unit))
    claims.extend(read_counts(source))
    claims.extend(read_people_counts(source))
    claims.extend(read_enumerations(source))
    claims.extend(read_shares(source))
    claims.extend(read_years(source, title_line))
    claims.extend(read_template_text(source))
    claims.extend(read_staff(source))
    claims.extend(read_staff_sentences(source))
    claims.extend(read_targets(source))
    claims.extend(read_level_points(source))
    claims.extend(read_listed_projects(source, unit))
    claims.extend(read_paid_recipients(source))
    claims.extend(read_execution_points(source))
    claims.extend(read_rate_rows(source))
    year = title_year(title)
    if year:
        line_start = source.original.find(title[:6]) if title else -1
        offset = source.original.find(year.group("y"), max(line_start, 0))
        claims.append(Claim(TITLE_YEAR, int(year.group("y")), title, title_line, max(offset, 0),
                            max(offset, 0) + 4, label=FUND_YEAR if _FUND_YEAR.match(title, year.end()) else ""))
        money_year = round_object_year(source, title, year)
        if money_year:
            claims.append(money_year)
    elif not any(c.key == "evaluation_year" for c in claims):
        mentioned = mentioned_year(source)
        if mentioned:
            claims.append(mentioned)
    department = find_department(source, title)
    if department:
        claims.append(department)

    report = PublishedReport(
        department=department.value if department else None,
        kind=find_kind(whole_title(source, title, title_line), source.prose.text, other_titles(source, title_line)),
        unit=unit,
        title=title,
        sections=headings,
        is_table=bool(blocks),
        claims=tuple(claims),
        line_count=source.original.count("\n") + 1,
        text=source.prose.text,
        first_content_line=_first_content_line(source),
        lines=tuple(source.folded.text.split("\n")),
    )
    return _derive(report, source, blocks)


def spans_years(title: str) -> bool:
    """Whether a title names a span of years (2017-2019年度…), not a season crossing the new year (冬春救助)."""
    return bool(re.search(wording().data("year_span_pattern"), title or "")) \
        and not any(word in title for word in wording().words("season_span_words"))


def later_evaluation_year(report: PublishedReport) -> Claim | None:
    """The 年度 a form states (2022年度…自评表, (2024年度)) after the year of the fund its title names, if any."""
    title = report.first(TITLE_YEAR)
    if title is None or title.label != FUND_YEAR:
        return None
    return next((c for c in report.claims_for("evaluation_year") if c.value > title.value and "年度" in c.text), None)


def _first_content_line(source: SourceText) -> int:
    lines = [number for number, text, _ in content_lines(source) if not is_metadata(text)]
    return lines[0] if lines else 0


def _first_value(report: PublishedReport, key: str):
    claim = report.first(key)
    if claim is None:
        return None
    twin = yuan_slip(report, claim)
    return twin.value if twin is not None else claim.value


_WRITTEN_IN_YUAN = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*元\s*$")


def yuan_slip(report: PublishedReport, claim: Claim) -> Claim | None:
    """The claim of the same figure written in 万元 when ``claim`` writes its number in 元 in a text of 万元
    (全年预算数2089元 beside 预算资金2089万元 and parts of 1777万元 and 312万元): the 元 is a slip of the pen,
    not an amount ten thousand times smaller. ``None`` when there is no such twin."""
    if report.unit != "万元" or claim.value is None:
        return None
    written = _WRITTEN_IN_YUAN.search((claim.text or "").replace("萬", "万").replace("億", "亿"))
    if written is None or re.search(r"[万亿]\s*元\s*$", claim.text.replace("萬", "万").replace("億", "亿")):
        return None
    number = read_number(written.group("n"))
    return next((c for c in report.claims_for(claim.key) if c is not claim and c.value == number), None)


def _derive(report: PublishedReport, source: SourceText, blocks) -> PublishedReport:
    fund_rows = report.claims_for(FUND_ROW)
    single = fund_rows[0].value if len(blocks) == 1 and fund_rows else None
    budget = _first_value(report, BUDGET_TOTAL)
    executed = _first_value(report, EXECUTED_TOTAL)
    if executed is None:
        executed = _first_value(report, PAID_AMOUNT)
    rate = _first_value(report, EXECUTION_RATE)
    rates = report.claims_for(EXECUTION_RATE)
    if rates and len({c.value for c in rates if c.label == rates[0].label}) > 1:
        # the same label with several values (中央资金…预算执行率81.97%, 省级资金…预算执行率99.28%): the rates of
        # parts; the whole's is one stated otherwise (…总体执行率92.9%), if any
        rate = next((c.value for c in rates if c.label != rates[0].label and not is_partial_rate(c.label)), None)
        if rate is None and budget and executed is not None and rounds_to(executed / budget * 100, rates[0].value):
            # the first is what the whole's amounts give (7505, 2171.13: 28.93%), the others its parts'
            rate = rates[0].value
    score = _first_value(report, SCORE)
    grade = _first_value(report, GRADE)
    totals = report.claims_for(TOTAL_ROW)
    if single is not None:
        # the one table's funds row states the figures the form asks for; prose numbers only fill its gaps
        budget = single.full_year if single.full_year else budget
        executed = single.executed if single.full_year and single.executed is not None else executed
        rate = single.rate if single.rate is not None else rate
        if not single.full_year and single.sub and len(single.sub) >= 2:
            # a total row of zeros above the money: the figures are the row below (其中：当年财政拨款)
            budget, executed = single.sub[-2], single.sub[-1]
    first_row = fund_rows[0].value if len(blocks) > 1 and fund_rows else None
    if first_row is not None and first_row.full_year and budget == first_row.full_year:
        # several forms (one per project), the budget read from the first: its execution and rate are the first's
        executed = executed if executed is not None else first_row.executed
        rate = rate if rate is not None else first_row.rate
        first_total = next((c.value for c in totals if c.block == fund_rows[0].block), None)
        if score is None and first_total is not None and first_total.weight == 100:
            score = first_total.score
    if single is not None and single.weight == 100 and single.score is not None and score is None:
        score = single.score  # the funds row carries the table's total: 分值 100, 得分 98
    if len(blocks) == 1 and totals:
        score = score if score is not None else totals[0].value.score
        grade = grade if grade is not None else totals[0].value.grade
    if budget is not None and single is None and not _allocation_stands(report, source):
        # allocations by level that are no budget (中央下达 1372.7, 自治区下达 98.6): the money the text then states
        # as a whole under another label (收到财政资金共2330.9万元), if any
        budget = next((c.value for c in report.claims_for(BUDGET_TOTAL) if "下达" not in c.label), None)
    summed = _summed_budget(report, source)
    if summed is not None and single is None:
        budget = summed  # 一批…3374.3万元…二批…三批…,合计批复总投资6222.4万元
    if budget is None:
        budget = _funding_total(report)
    if budget is None and executed is not None and report.kind == "项目":
        # 年初预算为5430万元,实际支出共计5353.48万元: the one budget a project's text states, beside its spending (a unit's
        # 年初预算 is as often one item's, or the figure before the year's adjustments)
        spent_on = {c.line for c in report.claims_for(EXECUTED_TOTAL) if c.value == executed}
        initial = {c.value for c in report.claims_for(INITIAL_BUDGET)}
        budget = next((c.value for c in report.claims_for(INITIAL_BUDGET) if c.line in spent_on and len(initial) == 1),
                      None)
    year_claim = (report.first("round_object_year") or report.first(TITLE_YEAR) or report.first("evaluation_year")
                  or report.first("mentioned_year"))  # a round's title: the year of the money it evaluates
    later = later_evaluation_year(report)
    if later is not None:
        year_claim = later  # the 2022年度 form on the 2021年…资金 of its title
    if spans_years(report.title):
        year_claim = None  # an evaluation of 2015—2018年度: no single year is the one evaluated
    tasks = _prose_tasks(report, source) or _table_tasks(report, blocks)
    by_nature = _breakdown(report, BY_NATURE, [m.label for m in FundNature])
    if report.kind == "项目" and [label for label, _ in by_nature] == [FundNature.PROJECT.label]:
        # a project's report (or a unit's projects evaluated together: 参与评价的项目共4个,项目支出609.74万元) whose
        # 项目支出 is the whole of what it spent, not the project part of a unit's budget beside a 基本支出
        # (spent when the clause opens with it; 批复我局项目支出160万元, 其中部门预算项目支出87.5万元 are money given)
        claim = report.claims_for(BY_NATURE)[0]
        lo = source.prose_index(claim.start)
        opens = re.search(r"(?:^|[,，。;；:：\n])[^\S\n]*项目支出(?:总额)?$",
                          source.prose.text[max(0, lo - len(claim.label) - 8): lo].rstrip(" :：为是共计"))
        if executed is None and opens:
            executed = by_nature[0][1]
        by_nature = ()
    return replace(
        report,
        year=year_claim.value if year_claim else None,
        budget_total=budget,
        executed_total=executed,
        execution_rate=rate,
        by_source=_breakdown(report, BY_SOURCE, [m.label for m in FundSource]),
        by_nature=by_nature,
        carryover=_first_value(report, CARRYOVER),
        score=score,
        grade=grade,
        tasks=tasks,
    )


def _summed_budget(report: PublishedReport, source: SourceText) -> Decimal | None:
    """A budget stated as the 合计 of those before it (一批…3374.3万元, 二批…2069.51万元…, 合计…6222.4万元)."""
    claims = report.claims_for(BUDGET_TOTAL)
    for claim in claims[1:]:
        lo = source.prose_index(claim.start)
        before = source.prose.text[max(0, lo - len(claim.label) - 6): lo - len(claim.label) + 1]
        if re.search(r"合计|共计|总计", before) and all(c.value <= claim.value for c in claims if c.label == claim.label):
            return claim.value
    return None


def _allocation_stands(report: PublishedReport, source: SourceText) -> bool:
    """Whether money “下达” (passed down) is the budget. It is not when the text hides the amount of one
    allocation (下达…资金 点击查看>> 万元, on a tender site), passes down a bigger sum (土壤 1737, then 大气
    24047), passes down sums from several levels that are not parts of it (中央下达 9056, 省级下达 804,
    市县下达 2040.56: three sources and no total), or passes down several sums in a report on several years."""
    first = report.first(BUDGET_TOTAL)
    if first is None or "下达" not in first.label:
        return True
    if re.search(rf"下达[^。\n]{{0,24}}?(?:资金|经费){H}(?:{wording().data('masked_amount')})", source.prose.text):
        return False
    others = [c for c in report.claims_for(BUDGET_TOTAL) if "下达" in c.label and c.value != first.value]
    if any(c.value > first.value for c in others):
        return False
    if others and spans_years(report.title):
        return False  # an evaluation of 2019年-2020年度 given each year's allocation (2387, then 1253): no one budget
    levels = {_level(source, c) for c in [first] + others} - {None}
    if len(levels) < 2:
        return True
    values = [c.value for c in others]
    return any(abs(sum(parts, Decimal(0)) - first.value) <= Decimal("0.01") * len(parts)
               for parts in (values, list(dict.fromkeys(values))))


def _level(source: SourceText, claim: Claim) -> str | None:
    """The level of government an allocation comes from (中央下达, 省级下达资金…), as written before 下达."""
    lo = source.prose_index(claim.start)
    before = source.prose.text[max(0, lo - len(claim.label) - 4): lo]
    match = re.search(rf"({wording().pattern('allocation_levels').pattern})(?:财政)?下达", before)
    return match.group(1) if match else None


def _funding_total(report: PublishedReport) -> Decimal | None:
    """“共计239万元，其中上级资金179.25万元，本级59.75万元”: a total whose parts are sources of money is the
    money the project had, when no budget is stated otherwise."""
    words = wording().words("funding_part_words")
    for claim in report.claims_for(PART_STATEMENT):
        labels = [label for label, _, _ in claim.value.parts]
        if len(labels) >= 2 and all(any(word in label for word in words) for label in labels):
            return claim.value.total
    return None


def _breakdown(report: PublishedReport, key: str, order: list[str]) -> tuple[tuple[str, Decimal | None], ...]:
    found: dict[str, Decimal | None] = {}
    for claim in report.claims_for(key):
        found.setdefault(claim.value.label, claim.value.amount)
    return tuple((label, found[label]) for label in order if label in found)


def _prose_tasks(report: PublishedReport, source: SourceText) -> tuple[PublishedTask, ...]:
    """Tasks written as numbered headings, each with its funds and indicator statements in its own text."""
    headings = report.sections
    counts = report.claims_for(COUNT_STATEMENT)
    achieved = report.claims_for(ACHIEVED_STATEMENT)
    tasks = []
    for index, heading in enumerate(headings):
        body_end = headings[index + 1].start if index + 1 < len(headings) else len(source.original)
        body = [c for c in counts if heading.start <= c.start < body_end]
        mark = _TASK_MARK.search(heading.title)
        if not mark and (not body or _REPORT_PART.search(heading.title)):
            continue  # a part of the report (绩效目标设定情况), not a task of its own
        name = _TASK_MARK.sub("", heading.title).strip(" :、") or heading.title
        lo = source.prose_index(heading.start)
        hi = source.prose_index(body_end)
        funds_match = _TASK_FUNDS.search(source.prose.text, lo, hi)
        funds = None
        if funds_match:
            funds = _in_unit(read_number(funds_match.group("n")), funds_match.group("u"), report.unit)
        total = by_level1 = reached = None
        if body:
            statement = body[0].value
            total = statement.total
            by_level1 = level1_counts(statement)
        for claim in achieved:
            if heading.start <= claim.start < body_end:
                value = claim.value
                if value.achieved is not None:
                    reached = value.achieved
                elif value.not_achieved is not None and (value.total or total) is not None:
                    reached = (value.total or total) - value.not_achieved
                if total is None and value.total is not None:
                    total = value.total
                break
        tasks.append(PublishedTask(
            name=name, code=mark.group("code") if mark else "", funds=funds, indicator_total=total,
            indicator_by_level1=by_level1 or (), indicator_achieved=reached, line=heading.line,
        ))
    return tuple(tasks)


def _table_tasks(report: PublishedReport, blocks) -> tuple[PublishedTask, ...]:
    """Projects of 自评表 tables: name, funds, indicator rows and the 总分 row."""
    tasks = []
    for block in blocks:
        in_block = [c for c in report.claims if c.block == block.index]
        name = next((c for c in in_block if c.key == "project_name"), None)
        fund = next((c.value for c in in_block if c.key == FUND_ROW), None)
        total = next((c.value for c in in_block if c.key == TOTAL_ROW), None)
        rows = tuple(c.value for c in in_block if c.key == INDICATOR_ROW)
        by_level1: dict[str, int] = {}
        for row in rows:
            if row.level1:
                by_level1[row.level1] = by_level1.get(row.level1, 0) + 1
        reached = 0
        known = bool(rows)
        for row in rows:
            met = _row_met(row)
            if met is None:
                known = False
                break
            reached += int(met)
        first_line = name.line if name else _block_line(report, block)
        tasks.append(PublishedTask(
            name=name.value if name else "",
            funds=fund.full_year if fund else None,
            indicator_total=len(rows) if rows else None,
            indicator_by_level1=tuple(by_level1.items()) if rows and all(r.level1 for r in rows) else (),
            indicator_achieved=reached if known else None,
            score=total.score if total else None,
            line=first_line,
            block=block.index,
            rows=rows,
        ))
    return tuple(tasks)


def _block_line(report: PublishedReport, block) -> int:
    claim = next((c for c in report.claims if c.block == block.index), None)
    return claim.line if claim else 0


def _row_met(row) -> bool | None:
    indicator = row.to_indicator()
    if indicator is None:
        return None
    try:
        return target_met(indicator)
    except ScoringError:
        return None
