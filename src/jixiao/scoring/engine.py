"""Score an evaluation document under a rule pack: every leaf, the budget execution score, the
total and the grade, every point explained in Chinese, and the flags a reviewer needs.

How weights are settled (the pack's ``indicator_weights``):
- ``rescale``: each indicator group (产出指标…) has the pack's points; the indicators' own 分值 only
  divide them (group points × 分值 ÷ Σ 分值, cents by largest remainder). No 分值 at all: equal shares.
- ``document``: the indicators' 分值 are the points; with the other leaves they must add up to
  the pack total, else the document is refused (``权重合计 110，应为 100``).
Indicators marked not applicable are dropped and the rest of their group rescaled when the pack's
``not_applicable`` is ``rescale``; a group or leaf left with nothing applicable is dropped and every
other item rescaled so the total stays the pack's. With ``refuse`` they stay at 0 points.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from jixiao.domain.document import EvaluationDocument, Indicator
from jixiao.domain.enums import Direction
from jixiao.domain.findings import Finding, Severity, indicator_location, item_location, object_location
from jixiao.domain.numbers import round_half_up
from jixiao.rules import load_pack
from jixiao.scoring.methods import format_number
from jixiao.rules.model import (
    BandedMethod,
    ChecklistMethod,
    DeductionMethod,
    ExecutionMethod,
    IndicatorMethods,
    PackNode,
    RulePack,
    RulePackError,
)

from jixiao.scoring import methods as m
from jixiao.scoring.judgements import comparable
from jixiao.scoring.measures import answer, funds, measure, percent, show
from jixiao.scoring.result import ExecutionScore, ItemScore, ScoreResult, ScoringError

ZERO = Decimal(0)
DIRECTION_SIGNS = {Direction.GE: "≥", Direction.LE: "≤", Direction.EQ: "="}
METHOD_NAMES = {Direction.GE: "ge", Direction.LE: "le", Direction.EQ: "eq", Direction.QUALITATIVE: "qualitative"}


def allocate(total: Decimal, weights: list[Decimal], places: int = 2) -> list[Decimal]:
    """Share ``total`` in proportion to ``weights``, each rounded to ``places`` decimals by largest
    remainder, so the shares add up to ``total`` exactly (ties go to the earlier item). All-zero
    weights share equally."""
    if not weights:
        return []
    quantum = Decimal(1).scaleb(-places)
    if sum(weights, ZERO) == total and all(w == w.quantize(quantum) for w in weights):
        return list(weights)
    base = sum(weights, ZERO)
    if not base:
        weights, base = [Decimal(1)] * len(weights), Decimal(len(weights))
    exact = [total * w / base for w in weights]
    shares = [e.quantize(quantum, ROUND_DOWN) for e in exact]
    left = int(((total - sum(shares, ZERO)) / quantum).to_integral_value())
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += quantum
    return shares


def pack_for(doc: EvaluationDocument) -> RulePack:
    """The pack a document names; a clear Chinese error when it names none or an unknown one."""
    if not doc.rule_pack:
        raise RulePackError(f"自评文档（{doc.department_name} {doc.year} 年）未指定规则包（rule_pack），"
                            "请用 --rules 指定")
    try:
        return load_pack(doc.rule_pack)
    except RulePackError as exc:
        raise RulePackError(f"自评文档（{doc.department_name} {doc.year} 年）的评分规则无法使用：{exc}") from exc


def _value(number: Decimal, unit: str) -> str:
    return m.value_text(number, unit)


class _Scorer:
    """One scoring run: the document, the pack and the flags gathered along the way."""

    def __init__(self, doc: EvaluationDocument, pack: RulePack):
        self.doc, self.pack = doc, pack
        self.quantum = Decimal(1).scaleb(-pack.places)
        self.notes: list[Finding] = []
        self.task_of = {id(i): task.code for task in doc.tasks for i in task.indicators}

    def note(self, code: str, severity: str, message: str, location: dict) -> None:
        """A note on how the document was scored (weights rescaled, a value missing…)."""
        self.notes.append(Finding(code, Severity(severity), message, location))

    def at(self, indicator: Indicator) -> dict:
        return indicator_location(self.task_of.get(id(indicator), ""), indicator.code or indicator.name, "",
                                  indicator.name)

    # --- weights ------------------------------------------------------------------------------
    def slots(self) -> list[tuple[PackNode, Indicator | None, Decimal]]:
        """Every item to score as (leaf, indicator or None, weight), in the pack's order."""
        pack, doc = self.pack, self.doc
        groups: dict = {}
        for leaf in pack.leaves:
            for level in leaf.indicators:
                groups[level] = leaf
        members: dict[str, list[Indicator]] = {leaf.key: [] for leaf in pack.leaves if leaf.is_group}
        for indicator in doc.indicators:
            leaf = groups.get(indicator.level1)
            if leaf is None:
                self.note("indicator_outside_pack", "warning",
                          f"指标“{indicator.name}”属{indicator.level1.label}，规则包“{pack.name}”不对该类指标计分",
                          self.at(indicator))
                continue
            members[leaf.key].append(indicator)

        document_mode = pack.indicator_weights == "document"
        drop = pack.not_applicable == "rescale"
        slots: list[tuple[PackNode, Indicator | None, Decimal]] = []
        stated_total, dropped = ZERO, ZERO
        for leaf in pack.leaves:
            if not leaf.is_group:
                stated_total += leaf.weight
                if drop and isinstance(leaf.method, ChecklistMethod) and self._all_not_applicable(leaf.method):
                    dropped += leaf.weight
                    self.note("not_applicable_dropped", "info",
                              f"“{leaf.name}”各项均不适用，已剔除，其余指标按比例折算", item_location(leaf.key, leaf.name))
                    continue
                slots.append((leaf, None, leaf.weight))
                continue
            indicators = members[leaf.key]
            if document_mode:
                for indicator in indicators:
                    if indicator.weight is None:
                        raise ScoringError(f"指标“{indicator.name}”（{indicator.code}）未填写分值，"
                                           f"规则包“{pack.name}”按指标分值计分")
                group_weight = sum((i.weight for i in indicators), ZERO)
                stated_total += group_weight
                if indicators and group_weight != leaf.weight:
                    self.note("weights_adjusted", "warning",
                              f"{leaf.name}分值合计 {format_number(group_weight)}，与规则包的 {format_number(leaf.weight)} "
                              "不一致，需说明调整理由", item_location(leaf.key, leaf.name))
            else:
                group_weight = leaf.weight
                stated_total += leaf.weight
            kept = [i for i in indicators if i.applicable] if drop else list(indicators)
            for indicator in indicators:
                if not indicator.applicable:
                    if drop:
                        self.note("not_applicable_dropped", "info",
                                  f"指标“{indicator.name}”不适用，已剔除，同组其余指标按比例折算", self.at(indicator))
                    else:
                        self.note("not_applicable_refused", "warning",
                                  f"指标“{indicator.name}”标为不适用，但规则包“{pack.name}”不允许剔除，按 0 分计",
                                  self.at(indicator))
            if not kept:
                if not group_weight:
                    continue
                if drop:
                    dropped += group_weight
                    self.note("group_empty", "warning",
                              f"{leaf.name}没有可计分的指标，其 {format_number(group_weight)} 分按比例折算到其余指标",
                              item_location(leaf.key, leaf.name))
                else:
                    slots.append((leaf, None, group_weight))
                    self.note("group_empty", "warning",
                              f"{leaf.name}没有可计分的指标，该项 {format_number(group_weight)} 分不得分",
                              item_location(leaf.key, leaf.name))
                continue
            given = [i.weight for i in kept]
            if not document_mode and any(w is None for w in given):
                if all(w is None for w in given):
                    given = [Decimal(1)] * len(kept)
                else:
                    missing = next(i for i in kept if i.weight is None)
                    raise ScoringError(f"指标“{missing.name}”（{missing.code}）未填写分值，"
                                       f"而{leaf.name}的其他指标填写了分值，无法分配权重")
            for indicator, weight in zip(kept, allocate(group_weight, given, pack.places)):
                slots.append((leaf, indicator, weight))

        if stated_total != pack.total:
            fixed = sum((leaf.weight for leaf in pack.leaves if not leaf.is_group), ZERO)
            indicator_total = stated_total - fixed
            if document_mode and fixed and indicator_total == pack.total:
                # a published table of 100 indicator points with the 10-point execution row on top: its
                # indicators keep their proportions within the points left beside the execution row
                self.note("weights_scaled", "info",
                          f"指标分值合计 {format_number(indicator_total)}，另有预算执行等 {format_number(fixed)} 分，共 "
                          f"{format_number(stated_total)} 分；已按各指标分值的比例折算为 {format_number(pack.total - fixed)} 分"
                          f"（规则包“{pack.name}”满分 {format_number(pack.total)}）", object_location("document", field_name="weights"))
                return self._scale_indicators(slots, pack.total - fixed)
            parts = f"（指标分值 {format_number(indicator_total)} + 其他 {format_number(fixed)}）" if fixed else ""
            raise ScoringError(f"权重合计 {format_number(stated_total)}{parts}，应为 {format_number(pack.total)}"
                               f"（规则包“{pack.name}”）")
        if dropped:
            shares = allocate(pack.total, [w for _, _, w in slots], pack.places)
            slots = [(leaf, ind, w) for (leaf, ind, _), w in zip(slots, shares)]
        return slots

    def _scale_indicators(self, slots, points: Decimal):
        """The indicators' weights shared out of ``points`` in their own proportions, the other leaves kept."""
        places = [i for i, (_, indicator, _) in enumerate(slots) if indicator is not None]
        shares = allocate(points, [slots[i][2] for i in places], self.pack.places)
        scaled = list(slots)
        for i, share in zip(places, shares):
            scaled[i] = (slots[i][0], slots[i][1], share)
        return scaled

    def _all_not_applicable(self, method: ChecklistMethod) -> bool:
        return all(answer(self.doc.fact(item.fact).value if self.doc.fact(item.fact) else "") is None
                   for item in method.items)

    # --- items --------------------------------------------------------------------------------
    def management(self, leaf: PackNode, weight: Decimal) -> ItemScore:
        method, q, doc = leaf.method, self.quantum, self.doc
        if isinstance(method, ExecutionMethod):
            budget, executed = funds(doc, method.scope)
            label = {"total": "执行率", "basic": "基本支出执行率", "project": "项目支出执行率"}[method.scope]
            score, rate, text = m.score_execution(weight, budget, executed, q, label)
            actual = percent(rate) if rate is not None else ""
            met = score >= weight
        elif isinstance(method, BandedMethod):
            figure = measure(doc, method.measure, leaf.name)
            score, met, text = m.score_banded(weight, method, figure, q)
            actual = show(figure.value, figure.kind) if figure.value is not None else ""
            if figure.value is None:
                self.note("measure_missing", "warning", f"“{leaf.name}”：{figure.text}", item_location(leaf.key, leaf.name))
        elif isinstance(method, DeductionMethod):
            figure = measure(doc, method.measure, leaf.name)
            score, met, text = m.score_deduction(weight, method, figure, q)
            actual = show(figure.value, figure.kind) if figure.value is not None else ""
            if figure.value is None:
                self.note("measure_missing", "warning", f"“{leaf.name}”：{figure.text}", item_location(leaf.key, leaf.name))
        else:
            answers = []
            for item in method.items:
                fact = doc.fact(item.fact)
                value = answer(fact.value) if fact else ""
                if value is None and self.pack.not_applicable == "refuse":
                    value = ""
                if value == "":
                    self.note("fact_missing", "warning",
                              f"“{leaf.name}”的评价要点“{item.label}”（{item.fact}）"
                              f"{'未填写' if not fact or not fact.value else f'的答复“{fact.value}”无法识别为是/否'}，按不得分计",
                              item_location(leaf.key, leaf.name))
                answers.append((item.label, item.points, value, fact.note if fact else ""))
            score, met, text = m.score_checklist(weight, answers, q)
            words = ["是" if v is True else "否" if v is False else "不适用" if v is None else "未填写"
                     for _, _, v, _ in answers]
            actual = words[0] if len(words) == 1 else "；".join(f"{a[0]}：{w}" for a, w in zip(answers, words))
        return ItemScore(leaf.path, "", leaf.key, leaf.standard, actual, weight, score, score, None, met, text,
                         method.type)

    def indicator(self, leaf: PackNode, indicator: Indicator, weight: Decimal) -> ItemScore:
        methods: IndicatorMethods = leaf.indicator_methods or self.pack.indicator_methods
        q = self.quantum
        path = (*leaf.path, indicator.level2.label, indicator.name)
        target, actual = indicator.target, indicator.actual
        self_score = indicator.self_score
        direction = indicator.direction
        # A hand-entered score is on the scale of the indicator's own 分值; when the pack rescaled
        # that 分值, the score is converted to the same share of the points that count.
        own_weight = indicator.weight if indicator.weight is not None else weight
        scaled_self = self_score
        if self_score is not None and own_weight != weight and own_weight > 0:
            scaled_self = round_half_up(self_score * weight / own_weight, self.pack.places)
        if not indicator.applicable:  # kept only when the pack refuses to drop it
            score = Decimal(0).quantize(q)
            return ItemScore(path, indicator.code, leaf.key, target.text, actual.text, weight, score, score,
                             self_score, False, f"指标标为不适用，规则包不允许剔除，得分 {score}", "not_applicable")

        if indicator.unread:
            return self._unverifiable(path, indicator, leaf, weight, scaled_self, indicator.unread)
        if target.is_empty and actual.is_empty:
            return self._unverifiable(path, indicator, leaf, weight, scaled_self)
        reject = False
        if direction is Direction.QUALITATIVE or (actual.number is None and actual.grade is not None):
            grade = actual.grade
            if grade is None:
                return self._missing_actual(path, indicator, leaf, weight)
            if direction is not Direction.QUALITATIVE:
                self.note("actual_not_numeric", "warning",
                          f"指标“{indicator.name}”的指标值是数值（{target.text}），实际完成值“{actual.text}”"
                          "却是文字，已按定性档次计分，应填写实际数值", self.at(indicator))
            score, met, text, reject = m.score_qualitative(weight, grade, scaled_self, methods.qualitative, q,
                                                           actual.text.strip())
            if scaled_self is not self_score:
                text = text.replace(f"自评 {format_number(scaled_self)} 分",
                                    f"自评 {format_number(self_score)} 分（按分值 {format_number(own_weight)} 折算为 "
                                    f"{format_number(scaled_self)} 分）", 1)
            method = "qualitative"
            rule_score = score
        else:
            tnum, anum = comparable(indicator)
            if anum is None:
                return self._missing_actual(path, indicator, leaf, weight)
            if tnum is None:
                score = Decimal(0).quantize(q)
                self.note("target_missing", "error", f"指标“{indicator.name}”没有可计分的指标值（“{target.text}”）",
                          self.at(indicator))
                return ItemScore(path, indicator.code, leaf.key, target.text, actual.text, weight, score, score,
                                 self_score, False, f"指标值“{target.text}”不是数值，无法计分，得分 {score}", "none")
            unit = target.unit
            sign = DIRECTION_SIGNS[direction]
            target_text = f"{sign}{_value(tnum, unit)}"
            actual_text = _value(anum, unit)
            if actual.unit and unit and actual.unit != unit:  # converted (万元/元, %/‰): show both
                actual_text = f"{_value(actual.number, actual.unit)}（折合 {actual_text}）"
            if direction is Direction.GE:
                score, met, text = m.score_ge(weight, tnum, anum, q, actual_text, target_text)
                method = "ge"
            elif direction is Direction.LE:
                score, met, text = m.score_le(weight, tnum, anum, q, actual_text, target_text, methods.le)
                method = f"le_{methods.le}"
            else:
                score, met, text = m.score_eq(weight, tnum, anum, q, actual_text, target_text, methods.eq)
                method = f"eq_{methods.eq}"
            rule_score = score
        if reject:
            self.note("self_score_out_of_band", "error",
                      f"指标“{indicator.name}”自评得分 {format_number(self_score)} 不在“{m.GRADE_SHORT[actual.grade]}”档的区间内，"
                      f"已按规则计 {score}", self.at(indicator))
        return ItemScore(path, indicator.code, leaf.key, target.text, actual.text, weight, score, rule_score,
                         self_score, met, text, method)

    def _unverifiable(self, path, indicator: Indicator, leaf: PackNode, weight: Decimal,
                      scaled_self: Decimal | None, unread: str = "") -> ItemScore:
        """A row with neither target nor actual (published tables leave them empty), or whose wording
        cannot be read (``unread``): nothing to check the hand score against, so it stands, and the row is
        named as unverifiable (and, when unread, asked about)."""
        why = f"{unread}（请写明可计分的指标值和完成情况）" if unread else "未填写指标值和实际完成值"
        if scaled_self is None:
            score = Decimal(0).quantize(self.quantum)
            text = f"{why}，也没有自评得分，无法核实，得分 {score}"
        else:
            score = min(scaled_self, weight).quantize(self.quantum)
            text = f"{why}，无法核实，按自评得分 {format_number(score)} 分计"
        self.note("unverifiable", "warning", f"指标“{indicator.name}”{text}", self.at(indicator))
        return ItemScore(path, indicator.code, leaf.key, indicator.target.text, indicator.actual.text, weight, score,
                         score, indicator.self_score, False, text, "unverifiable")

    def _missing_actual(self, path, indicator: Indicator, leaf: PackNode, weight: Decimal) -> ItemScore:
        score = Decimal(0).quantize(self.quantum)
        self.note("actual_missing", "error", f"指标“{indicator.name}”未填写实际完成值，按 0 分计", self.at(indicator))
        return ItemScore(path, indicator.code, leaf.key, indicator.target.text, indicator.actual.text, weight, score,
                         score, indicator.self_score, False, f"未填写实际完成值，得分 {score}", "none")

    def empty_group(self, leaf: PackNode, weight: Decimal) -> ItemScore:
        score = Decimal(0).quantize(self.quantum)
        return ItemScore(leaf.path, "", leaf.key, "", "", weight, score, score, None, False,
                         f"未设置{leaf.name}，该项不得分，得分 {score}", "none")

    # --- the whole document -------------------------------------------------------------------
    def run(self) -> ScoreResult:
        pack, doc = self.pack, self.doc
        if pack.illustrative:
            self.note("illustrative_pack", "info",
                      f"规则包“{pack.name}”的权重和计分标准为示例值，正式自评前应按财政局通知核对",
                      object_location("document", field_name="rule_pack"))
        if doc.kind.value != pack.kind:
            self.note("kind_mismatch", "warning",
                      f"自评文档是{doc.kind.label}，而规则包“{pack.name}”用于{'部门整体' if pack.kind == 'department' else '项目'}自评",
                      object_location("document", field_name="rule_pack"))
        execution_leaf = pack.execution_leaf
        execution = None
        items: list[ItemScore] = []
        for leaf, indicator, weight in self.slots():
            if indicator is not None:
                items.append(self.indicator(leaf, indicator, weight))
            elif leaf.is_group:
                items.append(self.empty_group(leaf, weight))
            elif leaf is execution_leaf:
                budget, executed = funds(doc, "total")
                score, rate, text = m.score_execution(weight, budget, executed, self.quantum)
                execution = ExecutionScore(budget, executed, rate, weight, score, text, leaf.path, leaf.key)
                if rate is None:
                    self.note("execution_missing", "error", "全年预算数为 0，无法计算预算执行率", item_location(leaf.key, leaf.name))
            else:
                items.append(self.management(leaf, weight))
        total = sum((item.score for item in items), execution.score if execution else ZERO)
        weight_total = sum((item.weight for item in items), execution.weight if execution else ZERO)
        grade = pack.grade_for(total)
        return ScoreResult(rules=pack.name, total=total, grade=grade.label, grade_code=grade.code, execution=execution,
                           items=tuple(items), notes=tuple(self.notes), weight_total=weight_total,
                           level1_order=pack.level1_names())


def score_document(doc: EvaluationDocument, pack: RulePack | str | None = None) -> ScoreResult:
    """Score ``doc`` under ``pack`` (a :class:`RulePack`, a pack name or path; ``None``: the pack the
    document names). Raises :class:`RulePackError` for an unknown pack and :class:`ScoringError`
    for a document that cannot be scored (weights that do not add up, units that disagree)."""
    if pack is None:
        pack = pack_for(doc)
    elif not isinstance(pack, RulePack):
        pack = load_pack(pack)
    return _Scorer(doc, pack).run()
