"""Money in a published report: breakdowns against their totals, execution rates against the amounts
they are rates of, the funds row of a 自评表, payments, income against expenditure, parts of a stated total."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from jixiao.domain.numbers import round_half_up
from jixiao.published import model as pm
from jixiao.published.model import Claim
from jixiao.published.prose import is_partial_rate
from jixiao.published.text import read_number

from jixiao.checks.published.context import E, I, W, Review, places, settings, show
from jixiao.checks.tolerance import interval, meets, percent_of, places_of, product_agrees, rate_agrees, sum_agrees

def _parts(review: Review, key: str) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for claim in review.claims(key):
        if claim.value.amount is not None:
            seen.setdefault(claim.value.label, claim)
    return list(seen.values())


def _sum_text(parts: list[Claim]) -> str:
    return " + ".join(f"{c.value.label} {show(c.value.amount)}" for c in parts)


def check_breakdowns(review: Review) -> None:
    report = review.report
    executed, budget = report.executed_total, report.budget_total
    unit = review.unit()
    for key, total_key, what in ((pm.BY_SOURCE, pm.SOURCE_TOTAL, "按资金来源"),
                                 (pm.BY_NATURE, pm.NATURE_TOTAL, "按支出性质")):
        parts = _parts(review, key)
        stated_total = review.report.first(total_key)
        amounts = [c.value.amount for c in parts]
        if len(parts) >= 2 and stated_total is not None:
            _compare_sum(review, f"{key}_sum", parts, amounts, stated_total.value, stated_total.label or what,
                         stated_total, what)
        anchor_value = stated_total.value if stated_total is not None else None
        anchor_text = (f"{stated_total.label} {show(stated_total.value)}" if stated_total is not None
                       else f"{what}各项之和（{_sum_text(parts)}）")
        anchor_claim = stated_total or (parts[0] if parts else None)
        if anchor_value is None and len(parts) >= 2:
            anchor_value = sum(amounts, Decimal(0))
        if anchor_value is None or (len(parts) < 2 and stated_total is None):
            continue
        basis = {c.value.basis for c in parts}
        targets = []
        if key == pm.BY_NATURE or "支出" in basis:
            targets = [("全年执行数", executed), ("全年预算数", budget)]
        elif "收入" in basis or (stated_total is not None and "收入" in stated_total.label):
            targets = [("全年预算数", budget), ("全年执行数", executed)]
        else:
            targets = [("全年执行数", executed), ("全年预算数", budget)]
        targets = [(name, value) for name, value in targets if value is not None]
        if not targets:
            continue
        pieces = amounts if stated_total is None else [anchor_value]
        matched = next(((name, value) for name, value in targets if sum_agrees(pieces, value)), None)
        if matched:
            review.confirm(f"{key}_total", f"{anchor_text} = {matched[0]} {show(matched[1])}{unit}", anchor_claim,
                           parts={c.value.label: c.value.amount for c in parts}, total=matched[1])
        else:
            name, value = targets[0]
            difference = value - anchor_value
            review.find(f"{key}_total", E,
                        f"{anchor_text}，与{name} {show(value)}{unit} 不符，相差 {show(abs(difference))}{unit}",
                        anchor_claim, parts={c.value.label: c.value.amount for c in parts}, stated=anchor_value,
                        expected=value, difference=difference, summed=stated_total is None)


def _compare_sum(review: Review, code: str, parts: list[Claim], amounts: list[Decimal], total: Decimal,
                 total_label: str, claim: Claim, what: str) -> None:
    unit = review.unit()
    computed = sum(amounts, Decimal(0))
    if sum_agrees(amounts, total):
        review.confirm(code, f"{what}：{_sum_text(parts)} = {show(computed)}{unit}，与{total_label} {show(total)} 一致",
                       claim, parts=amounts, total=total)
    else:
        review.find(code, E, f"{what}各项之和 {_sum_text(parts)} = {show(computed)}{unit}，与{total_label} "
                    f"{show(total)}{unit} 不符，相差 {show(abs(total - computed))}{unit}", claim,
                    parts={c.value.label: c.value.amount for c in parts}, computed=computed, stated=total)


def check_rates(review: Review) -> None:
    report = review.report
    executed, budget = report.executed_total, report.budget_total
    unit = review.unit()
    for claim in review.claims(pm.EXECUTION_RATE):
        if executed is None or budget is None or claim.value is None:
            continue
        if is_partial_rate(claim.label) and not (report.kind == "项目" and re.match(r"(?:本)?(?:项目|专项)(?:资金|预算)?执行率",
                                                                             claim.label or "")):
            continue  # 基本支出执行率 and the like are rates of parts, not of the totals (a project's own 项目预算执行率 is)
        agrees = rate_agrees(executed, budget, claim.value)
        if agrees is None:
            continue
        computed = percent_of(executed, budget, max(places(claim.value), 2))
        other = None if agrees else _other_denominator(review, executed, claim.value, budget)
        if agrees:
            review.confirm("execution_rate", f"执行率 {show(claim.value)}% = {show(executed)} ÷ {show(budget)}{unit}"
                           f"（{computed}%）", claim, executed=executed, budget=budget, stated=claim.value)
        elif other is not None:
            review.confirm("execution_rate", f"执行率 {show(claim.value)}% = {show(executed)} ÷ {other.label} "
                           f"{show(other.value)}{unit}", claim, executed=executed, budget=other.value, stated=claim.value)
        else:
            review.find("execution_rate", E, f"执行率写为 {show(claim.value)}%，但 {show(executed)} ÷ {show(budget)}{unit} "
                        f"= {computed}%", claim, executed=executed, budget=budget, stated=claim.value, computed=computed)
    if executed is not None and budget is not None and executed > budget and not review.claims(pm.FUND_ROW) \
            and not _other_money(review) and not _arrived_covers(review, executed) \
            and not _other_source_covers(review, executed, budget):
        claim = report.first(pm.EXECUTED_TOTAL) or report.first(pm.PAID_AMOUNT)
        review.find("executed_over_budget", W, f"执行数 {show(executed)}{unit} 超过全年预算数 {show(budget)}{unit}",
                    claim, executed=executed, budget=budget)


def _other_denominator(review: Review, executed: Decimal, rate: Decimal, budget: Decimal) -> Claim | None:
    """Another amount the report states (the money that arrived, the first budget) of which the rate is the
    rate: 到位资金支付率 95.02% = 470.37 ÷ 实际收到资金 495, not ÷ 总投资 660."""
    for key in (pm.ARRIVED_AMOUNT, pm.BUDGET_TOTAL, pm.INITIAL_BUDGET):
        for claim in review.claims(key):
            if claim.value and claim.value != budget and rate_agrees(executed, claim.value, rate):
                return claim
    return None


def _arrived_covers(review: Review, executed: Decimal) -> bool:
    """Whether the money the report says arrived (资金已到位36,982.43万元) covers what was spent: spending above
    the first budget but within the money received is no spending beyond means."""
    return any(c.value is not None and c.value >= executed for c in review.claims(pm.ARRIVED_AMOUNT))


def _other_source_covers(review: Review, executed: Decimal, budget: Decimal) -> bool:
    """Whether the text names money from another source (县级整合、配套资金1290.6万元, 自筹资金…) that, with the budget,
    covers what was spent: 2734.6 paid out of 1444 received and the county's own 1290.6 is no spending beyond means."""
    pattern = re.compile(settings()["other_source_pattern"])
    for match in pattern.finditer(review.text):
        amount = Decimal(match.group("n").replace(",", ""))
        written = "元" if match.group("u") == "元" else "万元"
        if written != (review.report.unit or "万元"):
            amount = amount / 10000 if written == "元" else amount * 10000
        if amount and (budget + amount >= executed or sum_agrees([budget, amount], executed)):
            return True
    return False


def _other_money(review: Review) -> bool:
    """Whether the report names money beside the budget (其他资金, 上年结转) that spending may draw on."""
    return bool(review.claims(pm.OPENING_CARRYOVER)) or any(
        c.value.label == "其他资金" and c.value.amount for c in review.claims(pm.BY_SOURCE))


def check_shares(review: Review) -> None:
    """A stated share of a count against the count (35 of 41 is 85.37%, not 85.36%)."""
    for claim in review.claims(pm.SHARE):
        share = claim.value
        exact = Decimal(share.part) / Decimal(share.whole) * 100  # counts are exact, only the share is rounded
        agrees = meets((exact, exact), interval(share.percent))
        computed = percent_of(Decimal(share.part), Decimal(share.whole), max(places(share.percent), 2))
        if agrees:
            review.confirm("share_rate", f"{share.part} ÷ {share.whole} = {computed}%", claim)
        else:
            review.find("share_rate", E, f"第 {claim.line} 行：{share.part} ÷ {share.whole} = {computed}%，文中写为 "
                        f"{show(share.percent)}%", claim, part=share.part, whole=share.whole, stated=share.percent)


def check_total_row(review: Review) -> None:
    """A total row (年度资金总额) of zeros above a row that holds the money (其中：当年财政拨款), or a row
    below its total: the table's total, its rate and its score do not say what was spent."""
    unit = review.unit()
    for claim in review.claims(pm.FUND_ROW):
        row = claim.value
        if not row.sub:
            continue
        main = [row.initial, row.full_year, row.executed][-len(row.sub):]
        if all(not value for value in main) and any(value for value in row.sub):
            sub = " / ".join(show(value) for value in row.sub)
            review.find("total_row", E, f"年度资金总额行为 0，而其中当年财政拨款行为 {sub}{unit}：合计行未填写，"
                        f"执行率和得分随之为 0", claim, sub=list(row.sub))
        elif row.sub_only and any(total is not None and not sum_agrees([part], total)
                                  for total, part in zip(main, row.sub)):
            review.find("total_row", E, f"其中一行（{' / '.join(show(v) for v in row.sub)}{unit}）是唯一填有金额的资金来源，"
                        f"却与年度资金总额（{' / '.join(show(v) for v in main)}{unit}）不等", claim, sub=list(row.sub))
        elif any(total is not None and part > total and not sum_agrees([part], total)
                 for total, part in zip(main, row.sub)):
            review.find("total_row", E, f"其中当年财政拨款（{' / '.join(show(v) for v in row.sub)}{unit}）超过年度资金"
                        f"总额（{' / '.join(show(v) for v in main)}{unit}）", claim, sub=list(row.sub))


def check_execution_low(review: Review) -> None:
    """Money left unspent while the report says it has no problem to report: most of it (below
    ``execution_low_below``), or past the line a form asks reasons for (``execution_claim_below``, 90%) while
    it says the execution did not stray from the budget (不存在执行数偏离预算数较多的问题)."""
    report = review.report
    executed, budget = report.executed_total, report.budget_total
    if not executed and executed != 0 or not budget:
        return
    statement = None
    if executed / budget < settings()["execution_low_below"]:
        statement = re.search(settings()["no_problem_pattern"], review.text)
    if statement is None and executed / budget < settings()["execution_claim_below"]:
        statement = re.search(settings()["on_budget_pattern"], review.text)
    if not statement:
        return
    claim = report.first(pm.EXECUTED_TOTAL) or report.first(pm.PAID_AMOUNT) or report.first(pm.FUND_ROW)
    rate = percent_of(executed, budget, 1)
    left = "大部分资金未使用" if executed / budget < settings()["execution_low_below"] else \
        f"{show(budget - executed)}{review.unit()} 未使用"
    review.find("execution_low", W, f"执行 {show(executed)} ÷ {show(budget)}{review.unit()} = {rate}%，{left}，"
                f"报告却称“{statement.group(0)[-16:]}”", claim, executed=executed, budget=budget)


def check_fund_rows(review: Review) -> None:
    unit = review.unit()
    for claim in review.claims(pm.FUND_ROW):
        row = claim.value
        table = f"第 {claim.block + 1} 张表" if claim.block is not None and len(review.claims(pm.FUND_ROW)) > 1 else "自评表"
        note = "（表格单元格顺序错乱，全年执行数按数值对应为 {}）".format(show(row.executed)) if row.reordered else ""
        if row.full_year and row.executed is not None:
            if row.executed > row.full_year:
                review.find("executed_over_budget", W, f"{table}全年执行数 {show(row.executed)}{unit} 超过全年预算数 "
                            f"{show(row.full_year)}{unit}", claim, executed=row.executed, budget=row.full_year)
            if row.rate is not None:
                computed = percent_of(row.executed, row.full_year, max(places(row.rate), 2))
                if rate_agrees(row.executed, row.full_year, row.rate):
                    review.confirm("execution_rate", f"{table}执行率 {show(row.rate)}% = {show(row.executed)} ÷ "
                                   f"{show(row.full_year)}{unit}（{computed}%）{note}", claim, stated=row.rate)
                else:
                    review.find("execution_rate", E, f"{table}执行率写为 {show(row.rate)}%，但全年执行数 {show(row.executed)} ÷ "
                                f"全年预算数 {show(row.full_year)}{unit} = {computed}%{note}", claim,
                                executed=row.executed, budget=row.full_year, stated=row.rate, computed=computed)
            if row.weight is not None and row.score is not None:
                agrees = product_agrees(row.weight, row.executed, row.full_year, row.score, Decimal(1))
                expected = round_half_up(row.weight * min(row.executed / row.full_year, Decimal(1)), 2)
                if agrees and row.rate is not None and rate_agrees(row.executed, row.full_year, row.rate):
                    # the score is the points times the rate the form states (9 × 95.8% = 8.62, not 8), which
                    # pins the rate closer than whole amounts do (27.8 ÷ 29)
                    low, high = interval(row.rate)
                    agrees = meets((row.weight * min(low, Decimal(100)) / 100, row.weight * min(high, Decimal(100)) / 100),
                                   interval(row.score))
                if agrees:
                    review.confirm("execution_score", f"{table}预算执行得分 {show(row.score)} = 分值 {show(row.weight)} × "
                                   f"执行率", claim, score=row.score, expected=expected)
                else:
                    review.find("execution_score", E, f"{table}预算执行得分写为 {show(row.score)}，按分值 {show(row.weight)} × "
                                f"执行率应为 {expected}", claim, stated=row.score, expected=expected)
        for label, full_year, executed, rate, line in row.sources:
            agrees = rate_agrees(executed, full_year, rate) if full_year else None
            if agrees is False:
                computed = percent_of(executed, full_year, max(places(rate), 2))
                source = Claim(pm.FUND_ROW, rate, f"{label} {show(full_year)} {show(executed)} {show(rate)}", line,
                               None, None, claim.block)
                review.find("execution_rate", E, f"{table}“{label}”一行执行率写为 {show(rate)}%，但全年执行数 "
                            f"{show(executed)} ÷ 全年预算数 {show(full_year)}{unit} = {computed}%", source,
                            executed=executed, budget=full_year, stated=rate, computed=computed)
        if row.initial and row.full_year is not None and row.initial != row.full_year:
            change = row.full_year - row.initial
            review.find("budget_adjusted", I, f"{table}全年预算数 {show(row.full_year)}{unit} 比年初预算数 "
                        f"{show(row.initial)}{unit} {'增加' if change > 0 else '减少'} {show(abs(change))}{unit}"
                        f"（{percent_of(abs(change), row.initial, 1)}%），请核对年中预算调整的依据", claim,
                        initial=row.initial, full_year=row.full_year)


def check_rate_of_nothing(review: Review) -> None:
    """A table row giving a rate for nothing budgeted and nothing spent (彩票公益金 | 0 | 0 | 100%): no rate
    follows from 0 of 0, so a rate above 0 is written without its figures."""
    pattern = re.compile(settings()["rate_of_nothing_pattern"])
    for number, line in enumerate(review.report.lines, start=1):
        for match in pattern.finditer(line):
            rate = Decimal(match.group("rate"))
            if rate > 0:
                label = line[: match.start()].strip(" |:：")
                claim = Claim("rate_of_nothing", rate, line.strip(), number, None, None)
                review.find("execution_rate", E, f"第 {number} 行“{label[-16:]}”预算数与执行数均为 0，执行率却写为 "
                            f"{show(rate)}%（0 ÷ 0 无执行率可言）", claim, executed=Decimal(0), budget=Decimal(0),
                            stated=rate)


def check_yuan_slips(review: Review) -> None:
    """A budget or execution written once in 元 in a text of 万元 whose same number stands elsewhere in 万元
    (全年预算数2089元, 预算资金2089万元): one figure given two values, a slip of the unit."""
    from jixiao.published.parse import yuan_slip

    for key, what in ((pm.BUDGET_TOTAL, "预算数"), (pm.EXECUTED_TOTAL, "执行数")):
        for claim in review.claims(key):
            twin = yuan_slip(review.report, claim)
            if twin is not None:
                review.find("same_amount", W, f"第 {claim.line} 行{what}写为 {show(twin.value)} 元，第 {twin.line} 行同一"
                            f"数字为 {show(twin.value)} 万元：单位前后不一", claim, written_yuan=twin.value,
                            twin_line=twin.line)
                return


def check_payments(review: Review) -> None:
    report = review.report
    unit = review.unit()
    for claim in review.claims(pm.FULL_PAYMENT):
        amount = claim.value if claim.value is not None else report.budget_total
        if claim.value is not None and report.budget_total is not None and claim.value < report.budget_total \
                and not sum_agrees([claim.value], report.budget_total):
            continue  # 中央资金80万元已全部拨付 of a 100万元 budget: one part paid in full, not the whole
        contradictions = []
        for paid in review.claims(pm.PAID_AMOUNT):
            if amount is not None and paid.value < amount and not sum_agrees([paid.value], amount):
                contradictions.append(f"第 {paid.line} 行称已拨付 {show(paid.value)}{unit}")
        if "到位" not in claim.label and not _into_account(review, claim):
            # 拨付到位 says the money arrived, 足额拨付至专户 that it was moved into an account: neither says it was spent
            for rate in review.claims(pm.EXECUTION_RATE):
                if rate.value < 100 and not is_partial_rate(rate.label) and not _rate_of_a_part(rate.label):
                    contradictions.append(f"第 {rate.line} 行称执行率 {show(rate.value)}%")
        if contradictions:
            what = f"{show(amount)}{unit} " if amount is not None else ""
            review.find("payment_contradiction", E, f"第 {claim.line} 行称资金 {what}“{claim.label}”，而"
                        f"{'，'.join(contradictions)}，前后矛盾", claim, amount=amount, contradictions=contradictions)


def _into_account(review: Review, claim: Claim) -> bool:
    """Whether a payment claim goes on to name an account the money was moved into (足额拨付至专户, 拨付到财政专户):
    a transfer between accounts, not spending, so an execution rate below 100% does not contradict it."""
    lines = review.report.lines
    line = lines[claim.line - 1] if claim.line and 0 < claim.line <= len(lines) else ""
    at = line.find(claim.text or "\0")
    if at < 0:
        return False
    after = re.split(r"[,，。;；]", line[at + len(claim.text):], maxsplit=1)[0]
    return bool(re.match(settings()["into_account_pattern"], after))


def _rate_of_a_part(label: str | None) -> bool:
    """Whether a rate's label names something besides the whole money (设备采购资金执行率, not 预算执行率)."""
    rest = label or ""
    for word in sorted(settings()["whole_rate_words"], key=len, reverse=True):
        rest = rest.replace(word, "")
    return bool(re.search(r"[\u4e00-\u9fff]", rest))


def check_income_expenditure(review: Review) -> None:
    """收入 + 年初结转结余 − 支出 = 年末结转结余; a gap with no carry-over stated is pointed out."""
    income, expenditure = review.report.first(pm.INCOME_TOTAL), review.report.first(pm.EXPENDITURE_TOTAL)
    if income is None or expenditure is None:
        return
    unit = review.unit()
    opening = review.report.first(pm.OPENING_CARRYOVER)
    if opening is not None and _part_of(review, income.value, opening.value):
        opening = None  # 收入总计820.50万元,其中…上年结转结余120.00万元: already inside the income, not added again
    carryover = review.report.first(pm.CARRYOVER)
    available = [income.value] + ([opening.value] if opening else [])
    spent_and_kept = [expenditure.value] + ([carryover.value] if carryover else [])
    if sum_agrees(available, sum(spent_and_kept, Decimal(0))) and sum_agrees(spent_and_kept, sum(available, Decimal(0))):
        return
    difference = sum(available, Decimal(0)) - expenditure.value
    opening_text = f" + 年初结转结余 {show(opening.value)}{unit}" if opening else ""
    if carryover is None:
        review.find("income_expenditure", W, f"收入 {show(income.value)}{unit}（{income.label}）{opening_text}与支出 "
                    f"{show(expenditure.value)}{unit}（{expenditure.label}）相差 {show(abs(difference))}{unit}，"
                    "未说明结转结余", expenditure, income=income.value, expenditure=expenditure.value,
                    difference=difference)
    else:
        review.find("income_expenditure", W, f"收入 {show(income.value)}{unit}{opening_text} − 支出 "
                    f"{show(expenditure.value)}{unit} = {show(difference)}{unit}，与年末结转结余 "
                    f"{show(carryover.value)}{unit} 不符", carryover, difference=difference, carryover=carryover.value)


def _part_of(review: Review, total: Decimal, amount: Decimal) -> bool:
    """Whether the text gives ``amount`` as one of the parts it lists under ``total`` (X万元,其中…a万元)."""
    return any(claim.value.total == total and any(part == amount for _, part, _ in claim.value.parts)
               for claim in review.claims(pm.PART_STATEMENT))


def _whole_lists(review: Review) -> set[tuple[str, ...]]:
    """The labels of part lists that add up to their total: the same labels listed under another total are that
    total's whole breakdown too (a form's 申请预算 and 执行 each broken down into the same five items)."""
    whole = set()
    for claim in review.claims(pm.PART_STATEMENT):
        statement = claim.value
        amounts = [amount for _, amount, _ in statement.parts]
        exact = any(places_of(amount) > 0 for amount in amounts)
        if len(amounts) >= settings()["whole_list_min_parts"] and sum_agrees(amounts, statement.total,
                                                                             exact_integers=exact):
            whole.add(tuple(label for label, _, _ in statement.parts))
    return whole


def _amounts_written(review: Review) -> set[Decimal]:
    """Every amount of money the text writes, in the report's unit."""
    unit = review.report.unit or "万元"
    found = set()
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)", review.text):
        amount = Decimal(match.group(1).replace(",", ""))
        written = "元" if match.group(2) == "元" else "万元"
        found.add((amount / 10000 if written == "元" else amount * 10000) if written != unit else amount)
    return found


def _gap_written(review: Review, gap: Decimal) -> bool:
    return any(sum_agrees([amount], gap) for amount in _amounts_written(review))


def check_parts_statements(review: Review) -> None:
    unit = review.unit()
    whole_lists = _whole_lists(review)
    for claim in review.claims(pm.PART_STATEMENT):
        statement = claim.value
        amounts = [amount for _, amount, _ in statement.parts]
        computed = sum(amounts, Decimal(0))
        parts = " + ".join(f"{label} {show(amount)}" for label, amount, _ in statement.parts)
        # parts written some with decimals, some without (30万元…;29.99万元…): the round ones are exact
        exact = any(places_of(amount) > 0 for amount in amounts)

        def agrees() -> bool:
            return sum_agrees(amounts, statement.total, exact_integers=exact)

        if computed > statement.total and not agrees():
            review.find("parts_exceed_total", E, f"第 {claim.line} 行：合计 {show(statement.total)}{unit}，其中 {parts} = "
                        f"{show(computed)}{unit}，超过合计", claim, total=statement.total, computed=computed)
        elif len(amounts) >= 2 and statement.total and not agrees() \
                and ((statement.total - computed) / statement.total <= settings()["parts_near_miss_ratio"]
                     or tuple(label for label, _, _ in statement.parts) in whole_lists
                     and not _gap_written(review, statement.total - computed)):
            # a small gap, or the same items that add up to another total (and the gap is no amount written apart,
            # a part stated elsewhere): the whole list, which does not add up
            review.find("parts_sum", E, f"第 {claim.line} 行：{show(statement.total)}{unit}，其中 {parts} = "
                        f"{show(computed)}{unit}，相差 {show(statement.total - computed)}{unit}", claim,
                        total=statement.total, computed=computed)
        elif len(amounts) >= 2 and agrees():
            review.confirm("parts_sum", f"第 {claim.line} 行：{parts} = {show(statement.total)}{unit}", claim)


def check_arranged_uses(review: Review) -> None:
    """The uses a fund's money is arranged to, listed after 资金安排是: (支持体育设施建设5万元,支持青少年竞技体育13万元,…),
    against the budget the report states before them (省下达…专项资金63.2万元): the arrangement of all the money that
    does not add up to it. Only a list of several uses with no total of its own, adding up to less than the budget."""
    budget = review.report.first(pm.BUDGET_TOTAL)
    if budget is None or budget.value is None or not budget.value:
        return
    data = settings()
    intro, amount = re.compile(data["arranged_uses_intro"]), re.compile(data["arranged_use_amount"])
    unit = review.unit()
    for number, line in enumerate(review.report.lines, start=1):
        if number <= budget.line:
            continue
        for match in intro.finditer(line):
            sentence = re.split(r"[。;；]", line[match.end():])[0]
            amounts = [Decimal(a.replace(",", "")) for a in amount.findall(sentence)]
            if len(amounts) < data["arranged_uses_min"] or any(a >= budget.value for a in amounts):
                continue
            computed = sum(amounts, Decimal(0))
            # uses written some with decimals, some without (1.2万元 beside 5万元): the round ones are exact
            exact = any(places_of(a) > 0 for a in amounts)
            if computed < budget.value and not sum_agrees(amounts, budget.value, exact_integers=exact):
                parts = " + ".join(show(a) for a in amounts)
                claim = Claim("arranged_uses", computed, sentence.strip(), number, None, None)
                review.find("parts_sum", W, f"第 {budget.line} 行资金为 {show(budget.value)}{unit}，第 {number} 行的资金安排 "
                            f"{parts} = {show(computed)}{unit}，相差 {show(budget.value - computed)}{unit}", claim,
                            total=budget.value, computed=computed)
            return


def _source_mentions(review: Review) -> list[dict]:
    """Every mention of one source's money (中央资金投入776.84万元, 下达中央级资金转移支付755.19万元) with its line, its
    sentence, whether its sentence names a notice, the year written before it, and whether it is a part of a breakdown
    of money spent or arrived rather than allocated."""
    data = settings()
    pattern, label_end = re.compile(data["source_amount_pattern"]), re.compile(data["source_amount_label_end"])
    lead, excluded = re.compile(data["source_amount_lead"]), re.compile(data["source_amount_excluded"])
    spent = re.compile(data["source_amount_spent_total"])
    notice = re.compile(r"[〔【\[(（]\s*(?:19|20)\d\d\s*[〕】\])）]")
    found = []
    for number, line in enumerate(review.report.lines, start=1):
        offset = 0
        for index, sentence in enumerate(re.split(r"[。;；]", line)):
            for match in pattern.finditer(sentence):
                mid = match.group("mid")
                before = sentence[max(0, match.start() - 4):match.start()]
                if not label_end.search(mid) or excluded.search(mid.replace("转移支付", "")) or not lead.search(before):
                    continue
                # the breakdown the mention is a part of: its total's label is what stands before the last 其中
                where = line.rfind("其中", 0, offset + match.start())
                total_label = ""
                if where >= offset - 3 and where >= 0:
                    pieces = re.split(r"万元", line[:where].rstrip(" ,，:：。"))
                    total_label = pieces[-2] if len(pieces) >= 2 else pieces[-1]
                    total_label = re.split(r"[。;；]", total_label)[-1]
                # the year the mention is of: the last year written before it in its sentence
                year = re.findall(r"((?:19|20)\d\d)\s*年", sentence[:match.start()])
                amount = Decimal(match.group("n").replace(",", ""))
                found.append({"src": match.group("src").rstrip("级"), "amount": amount, "line": number,
                              "sentence": (number, index), "text": match.group(0),
                              "notice": bool(notice.search(sentence)), "year": year[-1] if year else None,
                              "spent": bool(spent.search(total_label.replace("转移支付", ""))),
                              "words": sentence.strip()})
            offset += len(sentence) + 1
    return found


def _breakdown_totals(review: Review, mention: dict) -> set[Decimal]:
    """The totals of the breakdowns on the mention's line that list its amount as a part named by its source."""
    return {claim.value.total for claim in review.claims(pm.PART_STATEMENT) if claim.line == mention["line"]
            and any(amount == mention["amount"] and mention["src"] in label for label, amount, _ in claim.value.parts)}


def check_source_amounts(review: Review) -> None:
    """One source's money given two amounts (其中:中央级资金转移支付124.23万元 in a breakdown, later 下达中央级资金转移支付
    755.19万元; 地方资金投入992.88万元 in one, 地方投入…资金877.99万元 before): one figure, two values. One side is
    the source's part of a breakdown of allocated money; the other is stated in another sentence, not as the source's
    part of a breakdown of another total (budget and spending, two batches), not in another year, and the two are not
    both money of named notices (two allocations)."""
    mentions = [m for m in _source_mentions(review) if not m["spent"]]
    unit = review.unit()
    reported = set()
    for first in mentions:
        totals = _breakdown_totals(review, first)
        if not totals or first["src"] in reported:
            continue
        for other in mentions:
            if other["src"] != first["src"] or other["amount"] == first["amount"] \
                    or other["sentence"] == first["sentence"] or (first["notice"] and other["notice"]) \
                    or (first["year"] and other["year"] and first["year"] != other["year"]):
                continue
            other_totals = _breakdown_totals(review, other)
            if other_totals and not other_totals & totals:
                continue
            reported.add(first["src"])
            claim = Claim("source_amount", other["amount"], other["words"], other["line"], None, None)
            review.find("same_amount", W, f"第 {first['line']} 行“{first['text']}”（合计 {show(min(totals))}{unit}的一部分），"
                        f"第 {other['line']} 行却写“{other['text']}”：同一来源的资金前后为 {show(first['amount'])}"
                        f"{unit} 和 {show(other['amount'])}{unit}", claim, first=first["amount"], other=other["amount"],
                        first_line=first["line"])
            break


def check_listed_wholes(review: Review) -> None:
    """An amount and the list of what it is, in its sentence (省级资金转移支付124.23万元,为桂花村美丽乡村建设25万元,对村集体
    组织帮助0.71万元,…100万元,…21.24万元): items that do not add up to it. A list ending on 等 names only some."""
    data = settings()
    head, amount = re.compile(data["listed_whole_pattern"]), re.compile(data["listed_whole_amount"])
    partial = re.compile(data["listed_whole_partial"])
    unit = review.unit()
    items_head = re.compile(data["listed_items_pattern"])
    for number, line in enumerate(review.report.lines, start=1):
        listed = [(match, sentence[match.end():], sentence) for sentence in re.split(r"[。;；]", line)
                  for match in head.finditer(sentence)]
        for match in items_head.finditer(line):
            # the items after the amount's full stop, one amount each between semicolons, to the sentence's end
            rest = line[match.end():].split("。", 1)[0]
            pieces = [p for p in re.split(r"[;；]", rest) if p.strip()]
            if len(pieces) >= data["listed_whole_min"] and all(len(amount.findall(p)) == 1 for p in pieces):
                listed.append((match, rest, line[match.start(): match.end() + len(rest)]))
        for match, rest, sentence in listed:
            total = Decimal(match.group("n").replace(",", ""))
            amounts = [Decimal(a.replace(",", "")) for a in amount.findall(rest)]
            if len(amounts) < data["listed_whole_min"] or any(a >= total for a in amounts) \
                    or partial.search(rest.rstrip(" ,，、")):
                continue
            exact = any(places_of(a) > 0 for a in amounts)
            if sum_agrees(amounts, total, exact_integers=exact):
                continue
            computed = sum(amounts, Decimal(0))
            parts = " + ".join(show(a) for a in amounts)
            claim = Claim("listed_whole", total, sentence.strip(), number, None, None)
            code = "parts_exceed_total" if computed > total else "parts_sum"
            review.find(code, E, f"第 {number} 行：{show(total)}{unit}，为 {parts} = {show(computed)}{unit}，"
                        f"相差 {show(abs(computed - total))}{unit}", claim, total=total, computed=computed)


def check_share_slips(review: Review) -> None:
    """A share of an amount written in 元 that is, to the digit, that share of the amount the sentence gives in 万元
    (总保费1293.45万元,…补贴32.5%为420.37元 = 1293.45 × 32.5% = 420.37万元): the 万 was left out. Only when a share of the
    same sentence written in 万元 agrees with that amount, so the amount is the base of the shares."""
    data = settings()
    shares, bases = re.compile(data["share_amount_pattern"]), re.compile(data["share_base_pattern"])
    for number, line in enumerate(review.report.lines, start=1):
        for sentence in re.split(r"[。;；]", line):
            found = list(shares.finditer(sentence))
            if len(found) < 2:
                continue
            share_spans = [m.span("n") for m in found]
            for base_match in bases.finditer(sentence):
                if base_match.span("n") in share_spans:
                    continue
                base = Decimal(base_match.group("n").replace(",", ""))

                def share_of(match: re.Match) -> tuple[Decimal, Decimal]:
                    written = Decimal(match.group("n").replace(",", ""))
                    return written, round_half_up(base * Decimal(match.group("p")) / 100, places(written))

                later = [m for m in found if m.start() > base_match.end()]
                if not any(m.group("u") == "万元" and share_of(m)[0] == share_of(m)[1] for m in later):
                    continue
                for match in later:
                    written, computed = share_of(match)
                    if match.group("u") == "元" and written and written == computed:
                        claim = Claim("share_amount", written, match.group(0), number, None, None)
                        review.find("amount_standard", W, f"第 {number} 行：{show(base)} 万元 × {match.group('p')}% = "
                                    f"{show(computed)} 万元，文中写为 {show(written)} 元：金额漏写了“万”", claim,
                                    written=written, base=base, share=Decimal(match.group("p")))
                        return
                break


def check_listed_projects(review: Review) -> None:
    """A project listed with its money (古昌镇…绿化美化项目100万元) against the 年度资金总额 of its own form further
    on (项目(专项)名称 | 古昌镇…绿化美化项目 … 年度资金总额: 153.5184): one project, two amounts."""
    forms = review.claims(pm.FORM_PROJECT)
    budget = review.report.first(pm.BUDGET_TOTAL)
    if len(forms) != 1 or budget is None or budget.value is None:
        return
    unit = review.unit()
    for claim in review.claims(pm.LISTED_PROJECT):
        name, amount = claim.value
        if name == forms[0].value and claim.start < forms[0].start < budget.start:
            if sum_agrees([amount], budget.value):
                review.confirm("same_amount", f"“{name}”第 {claim.line} 行列为 {show(amount)}{unit}，与其绩效目标表的"
                               f"年度资金总额一致", claim)
            else:
                review.find("same_amount", W, f"“{name}”在第 {claim.line} 行列为 {show(amount)}{unit}，第 {budget.line} 行"
                            f"其绩效目标表的年度资金总额却为 {show(budget.value)}{unit}", claim,
                            listed=amount, form=budget.value)


def check_execution_points(review: Review) -> None:
    """The 预算执行率 indicator of a table, its points against the rate it reached (10 points, 100%, scored 9)."""
    if review.claims(pm.FUND_ROW):
        return  # the funds row is checked with its amounts
    for claim in review.claims(pm.EXECUTION_POINTS):
        weight, rate, score = claim.value
        expected = round_half_up(weight * min(rate, Decimal(100)) / 100, 2)
        if score > weight or abs(expected - score) >= 1:
            review.find("execution_score", E, f"第 {claim.line} 行：预算执行率 {show(rate)}%，分值 {show(weight)}，应得 "
                        f"{show(expected)} 分，表中为 {show(score)} 分", claim, weight=weight, rate=rate, score=score)


def check_notice_amounts(review: Review) -> None:
    """The money one notice allocated, restated otherwise (呼财农指【2023】41号 … 下达…资金5万元, later 41号 … 下达…6万元),
    where the report restates the other notices' money the same (10号 2263万元 both times): one figure, two values.
    Only sentences naming one notice and one amount are read, so a notice allocating several items is not compared."""
    data = settings()
    notice, amount = re.compile(data["notice_number_pattern"]), re.compile(data["notice_amount_pattern"])
    stated: dict[str, list[tuple[Decimal, int, str]]] = {}
    for number, line in enumerate(review.report.lines, start=1):
        for sentence in re.split(r"[。;；]", line):
            # keyed on the two characters before the bracket, the year and the number: the issuer may be written or not
            numbers = set(re.sub(r"\s+", "", m.group(0)) for m in notice.finditer(sentence))
            if len(numbers) != 1:
                continue
            amounts = amount.findall(sentence[notice.search(sentence).end():])
            if len(amounts) == 1:
                value = Decimal(amounts[0].replace(",", ""))
                stated.setdefault(numbers.pop(), []).append((value, number, sentence.strip()))
    restated = [values for values in stated.values() if len(values) >= 2]
    agreeing = [v for v in restated if len({value for value, _, _ in v}) == 1]
    if not agreeing:
        return  # nothing shows the report restates its notices' money: different amounts may be different items
    for name, values in stated.items():
        # stated twice only: a notice named three times or more may be broken down sentence by sentence
        if len(values) == 2 and len({value for value, _, _ in values}) > 1:
            (first, first_line, _), (other, line, text) = values[0], next(v for v in values if v[0] != values[0][0])
            # the two readings are a list of the notices' money and its restatement: a notice restated the same was
            # listed on the same line and restated on another one
            if line == first_line or not any(v[0][1] == first_line and v[1][1] != first_line for v in agreeing):
                continue
            claim = Claim("notice_amount", other, text, line, None, None)
            review.find("same_amount", W, f"{name}下达的资金在第 {first_line} 行为 {show(first)} 万元，第 {line} 行"
                        f"却为 {show(other)} 万元（报告对其他文件的资金前后一致）", claim,
                        first=first, other=other, first_line=first_line)


def check_sentence_rates(review: Review) -> None:
    """A rate written in the sentence that gives its amounts, done and left (支付18501.096万元,未支703万元,支付率95%):
    the rate is done ÷ (done + left), whatever the report's totals were read as."""
    for number, match, (done, left, stated) in _rate_sentences(review, "sentence_rate_pattern", ("done", "left")):
        total = done + left
        agrees = rate_agrees(done, total, stated)
        if agrees is None:
            continue
        if not agrees and _other_denominator(review, done, stated, total) is not None:
            continue  # the rate is of the budget or the money that arrived, the left-over is not all of the rest
        verb = match.group("verb")
        _sentence_rate(review, "sentence_rate", number, match, (done, total, stated), agrees,
                       f"{show(done)} ÷ ({show(done)} + {show(left)})",
                       f"已{verb} {show(done)} 万元、未{verb} {show(left)} 万元，{verb}率")


def _sentence_rate(review: Review, key: str, number: int, match: re.Match, values: tuple, agrees: bool,
                   division: str, wrong: str) -> None:
    """Confirm a rate written in its sentence (``division`` = …%), or name it against the amounts (``wrong`` 应为…)."""
    done, total, stated = values
    claim = Claim(key, stated, match.group(0), number, None, None)
    computed = percent_of(done, total, max(places(stated), 2))
    if agrees:
        review.confirm("execution_rate", f"第 {number} 行：{division} = {computed}%，与所写 {show(stated)}% 一致", claim)
    else:
        review.find("execution_rate", E, f"第 {number} 行：{wrong}应为 {computed}%，文中写为 {show(stated)}%", claim,
                    executed=done, budget=total, stated=stated, computed=computed)


def _rate_sentences(review: Review, pattern_key: str, groups: tuple[str, str]):
    """(line, match, (first amount, second amount, rate)) of each sentence of the pattern, on lines where no
    execution-rate finding stands yet."""
    pattern = re.compile(settings()[pattern_key])
    for number, line in enumerate(review.report.lines, start=1):
        for match in pattern.finditer(line):
            if any(f.code == "report.execution_rate" and f.location.get("line") == number for f in review.findings):
                continue
            values = tuple(Decimal(match.group(k).replace(",", "")) for k in (*groups, "rate"))
            yield number, match, values


def check_due_rates(review: Review) -> None:
    """A rate written in the sentence that gives the money due and the money that came (应配套20971.00万元,实际配套到位
    104880.14万元,超规模配套83909.14万元,执行率为400.12%): the rate is what came ÷ what was due."""
    for number, match, (due, done, stated) in _rate_sentences(review, "due_rate_pattern", ("due", "done")):
        agrees = rate_agrees(done, due, stated)
        if agrees is None:
            continue
        _sentence_rate(review, "due_rate", number, match, (done, due, stated), agrees, f"{show(done)} ÷ {show(due)}",
                       f"应{match.group('verb')} {show(due)} 万元、实际 {show(done)} 万元，比率")


# amounts with decimals only: whole numbers as long are as often codes, dates or telephone numbers
_LONG_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+(?![\d.])")


def _swapped(first: str, second: str) -> bool:
    """Whether two numbers as written are one another with two neighbouring, different digits swapped."""
    if len(first) != len(second) or first == second:
        return False
    differ = [k for k, (a, b) in enumerate(zip(first, second)) if a != b]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and first[differ[0]] == second[differ[1]] \
        and first[differ[1]] == second[differ[0]] and "." not in (first[differ[0]], first[differ[1]])


def check_swapped_digits(review: Review) -> None:
    """One figure given twice with two neighbouring digits swapped (2021: 预算计划安排 661.628093, 实际支出金额
    661.682093, 市本级支出 661.628093): long numbers only, close together, which cannot differ so by chance."""
    data = settings()
    least, gap = data["swapped_digits_min_digits"], data["swapped_digits_max_line_gap"]
    numbers = []
    for number, line in enumerate(review.report.lines, start=1):
        for match in _LONG_NUMBER.finditer(line):
            written = match.group().replace(",", "")
            if sum(c.isdigit() for c in written) >= least:
                numbers.append((number, written))
    counts = Counter(written for _, written in numbers)
    reported: set[frozenset] = set()
    for index, (line, written) in enumerate(numbers):
        for other_line, other in numbers[index + 1:]:
            if other_line - line > gap:
                break
            pair = frozenset((written, other))
            if pair in reported or not _swapped(written, other):
                continue
            reported.add(pair)
            # the finding stands where the figure written fewer times stands (the slip)
            odd_line, odd = (line, written) if counts[written] < counts[other] else (other_line, other)
            claim = Claim("swapped_digits", Decimal(odd), odd, odd_line, None, None)
            review.find("same_amount", W, f"第 {line} 行的 {written} 与第 {other_line} 行的 {other} 只差相邻两位数字"
                        f"互换，应是同一数字，其中一处笔误", claim, first=Decimal(written), other=Decimal(other),
                        first_line=line)


def _cell_blocks(lines: tuple[str, ...]) -> list[tuple[str, int, list[Decimal], list[int]] | None]:
    """A table whose cells stand one a line (项目支出: | 1505.3 | 1377.9 | 1369.3 | then ||| between rows): each row as
    (label, its line, its numbers, their lines); ``None`` where a line of another shape breaks the table."""
    blocks: list = []
    current = None
    for number, line in enumerate(lines, start=1):
        cell = line.strip()
        if cell and not cell.strip("| "):
            if current is not None:
                blocks.append(current)
            current = None
            continue
        if not cell.endswith("|") or cell.count("|") != 1:
            if current is not None:
                blocks.append(current)
            current = None
            if cell:
                blocks.append(None)
            continue
        text = cell[:-1].strip()
        value = read_number(text)
        if value is None:
            if current is not None:
                blocks.append(current)
            current = (text, number, [], [])
        elif current is not None:
            current[2].append(value)
            current[3].append(number)
    if current is not None:
        blocks.append(current)
    return blocks


def check_cell_rows(review: Review) -> None:
    """A total row of a table whose cells stand one a line, against the numbered rows under it (项目支出: 1505.3 |
    1377.9 | 1369.3, then 1、… 2、… each with as many figures), column by column. A column is compared only when
    another column of the same rows adds up: that the rows are the total's parts is read from the table itself."""
    numbered = re.compile(settings()["cell_row_number_pattern"])
    blocks = _cell_blocks(review.report.lines)
    for index, parent in enumerate(blocks):
        if parent is None or not parent[2] or numbered.match(parent[0]):
            continue
        width, children = len(parent[2]), []
        for block in blocks[index + 1:]:
            if block is None:
                break
            label, _, values, _ = block
            if not values:
                continue  # 其中:公车购置 with its cells empty: a sub-row of a numbered row
            match = numbered.match(label)
            if match is None or len(values) != width or int(match.group("n")) != len(children) + 1:
                break
            children.append(block)
        if len(children) < 2:
            continue
        columns = [[child[2][j] for child in children] for j in range(width)]
        agree = [sum_agrees(column, parent[2][j], exact_integers=True) for j, column in enumerate(columns)]
        if not any(agree):
            continue
        for j, column in enumerate(columns):
            if agree[j]:
                continue
            computed = sum(column, Decimal(0))
            line = parent[3][j]
            parts = " + ".join(show(v) for v in column)
            total, unit = parent[2][j], review.unit()
            claim = Claim("cell_row", total, f"{parent[0]} {show(total)}", line, None, None)
            review.find("parts_sum", E, f"第 {line} 行：“{parent[0].rstrip(':：')}”第 {j + 1} 栏为 {show(total)}{unit}，"
                        f"其下各行 {parts} = {show(computed)}{unit}，相差 {show(abs(computed - total))}{unit}（其他栏相符）",
                        claim, total=total, computed=computed)


def check_standard_amounts(review: Review) -> None:
    """An amount written in 元 that is, to the digit, what a count at its standard makes in 万元 (慰问对象120人,
    慰问标准300/人 = 36000元; the money written 市级资金配套3.6元): the 万 was left out, the amount as written
    contradicts its own count × standard. Only this exact slip is named: money that differs otherwise from count ×
    standard may have other uses."""
    data = settings()
    counts = re.compile(data["standard_count_pattern"])
    amounts = re.compile(data["yuan_amount_pattern"])
    products = []
    for number, line in enumerate(review.report.lines, start=1):
        for match in counts.finditer(line):
            products.append((Decimal(match.group("n")) * Decimal(match.group("r")), number, match))
    if not products:
        return
    for number, line in enumerate(review.report.lines, start=1):
        for match in amounts.finditer(line):
            written = Decimal(match.group("n"))
            for product, count_line, count in products:
                if written and written * 10000 == product:
                    claim = Claim("standard_amount", written, match.group(0), number, None, None)
                    review.find("amount_standard", W, f"第 {number} 行资金写为 {show(written)} 元，而第 {count_line} 行 "
                                f"{count.group('n')}{count.group('u')} × 标准 {count.group('r')} 元 = {show(product)} 元"
                                f"（{show(written)} 万元）：金额漏写了“万”", claim, written=written, product=product,
                                count_line=count_line)
                    return
