"""Properties that hold for any document: 0 ≤ score ≤ weight, two places, total = Σ rounded items."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.document import EvaluationDocument, Fact, FundLine, Indicator, Task
from jixiao.domain.enums import EvaluationKind, FundNature, FundSource, Level1, Level2
from jixiao.rules import load_pack
from jixiao.scoring import allocate, score_document
from jixiao.scoring import methods as m

D = Decimal
Q = D("0.01")
LEVEL2 = {Level1.OUTPUT: Level2.QUANTITY, Level1.BENEFIT: Level2.SOCIAL, Level1.SATISFACTION: Level2.SATISFACTION}

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value="0.5", max_value=30, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def indicators(draw, code):
    level1 = draw(st.sampled_from(list(Level1)))
    kind = draw(st.sampled_from(["≥", "≤", "=", "qual"]))
    weight = draw(weights)
    if kind == "qual":
        actual = draw(st.sampled_from(["达成", "部分达成", "未达成"]))
        share = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=2)))
        self_score = None if share is None else (weight * share).quantize(Q)
        return Indicator.from_text(code=code, level1=level1, level2=LEVEL2[level1], name=code, target="有效",
                                   actual=actual, direction="定性", weight=weight, self_score=self_score)
    target = draw(st.decimals(min_value=0, max_value=5000, places=1))
    actual = draw(st.decimals(min_value=0, max_value=10000, places=1))
    unit = draw(st.sampled_from(["场", "%", "万元"]))
    return Indicator.from_text(code=code, level1=level1, level2=LEVEL2[level1], name=code,
                               target=f"{kind}{target}{unit}", actual=f"{actual}{unit}", weight=weight,
                               applicable=draw(st.booleans()) or draw(st.booleans()))


@st.composite
def documents(draw):
    count = draw(st.integers(min_value=3, max_value=25))
    items = [draw(indicators(f"1-{i}")) for i in range(count)]
    for level in Level1:  # every level present, so that no group is empty
        items.append(Indicator.from_text(code=f"x-{level.value}", level1=level, level2=LEVEL2[level], name="保底",
                                         target="≥1个", actual="1个", weight=D(1)))
    budget, executed = draw(amounts), draw(amounts)
    initial = draw(amounts)
    facts = tuple(Fact(key, draw(st.sampled_from(["是", "否", "不适用", ""]))) for key in
                  ("management_rules", "info_disclosure", "performance_monitoring", "asset_management"))
    return EvaluationDocument(
        region_code="1", region_name="r", department_code="d", department_name="d", year=2022,
        kind=EvaluationKind.DEPARTMENT, rule_pack=draw(st.sampled_from(["gd-2022-department", "mof-2013-department"])),
        fund_lines=(FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, initial, budget, executed,
                             draw(amounts)),),
        tasks=(Task(code="1", name="t", indicators=tuple(items)),), facts=facts)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_any_document_scores_within_bounds_and_adds_up(doc):
    result = score_document(doc)
    pack = load_pack(doc.rule_pack)
    entries = list(result.items) + ([result.execution] if result.execution else [])
    for entry in entries:
        assert D(0) <= entry.score <= entry.weight
        assert entry.score == entry.score.quantize(Q)
        assert entry.explanation
    assert result.total == sum((item.score for item in result.items), result.execution.score)
    assert result.weight_total == pack.total
    assert result.grade == pack.grade_for(result.total).label
    assert sum(score for _, score in result.by_level1().values()) == result.total


@given(weights, st.decimals(min_value="-100", max_value=1000, places=3), st.decimals(min_value="-100", max_value=1000,
                                                                                       places=3),
       st.sampled_from(["ge", "le_ratio", "le_linear", "eq_ratio", "eq_below"]))
def test_every_quantitative_method_stays_within_zero_and_the_points(weight, target, actual, method):
    if method == "ge":
        score, met, _ = m.score_ge(weight, target, actual, Q, "a", "t")
    elif method.startswith("le"):
        score, met, _ = m.score_le(weight, target, actual, Q, "a", "t", method[3:])
    else:
        score, met, _ = m.score_eq(weight, target, actual, Q, "a", "t", method[3:])
    assert D(0) <= score <= weight
    assert (score == weight.quantize(Q)) if met else True


@given(st.decimals(min_value=1, max_value=1000, places=2),
       st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=40))
def test_allocate_adds_up_exactly_and_keeps_two_places(total, given_weights):
    shares = allocate(total, given_weights)
    assert sum(shares) == total
    assert all(share == share.quantize(Q) and share >= 0 for share in shares)


@st.composite
def project_documents(draw):
    """Project tables under mof-2020-project: indicator 分值 adding up to 90 beside execution's 10."""
    count = draw(st.integers(min_value=3, max_value=15))
    items = [draw(indicators(f"1-{i}")) for i in range(count)]
    items += [Indicator.from_text(code=f"x-{level.value}", level1=level, level2=LEVEL2[level], name="保底",
                                  target="≥1个", actual="1个", weight=D(1)) for level in Level1]
    shares = allocate(D(90), [i.weight for i in items])
    items = [Indicator(**{**i.__dict__, "weight": w,
                          "self_score": None if i.self_score is None else min(i.self_score, w)})
             for i, w in zip(items, shares)]
    budget = draw(amounts)
    return EvaluationDocument(
        region_code="1", region_name="r", department_code="d", department_name="d", year=2022,
        kind=EvaluationKind.PROJECT, rule_pack="mof-2020-project",
        fund_lines=(FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, budget, budget, draw(amounts)),),
        tasks=(Task(code="1", name="t", indicators=tuple(items)),))


@settings(max_examples=100, deadline=None)
@given(project_documents())
def test_any_project_table_scores_within_bounds_and_adds_up(doc):
    result = score_document(doc)
    for entry in [*result.items, result.execution]:
        assert D(0) <= entry.score <= entry.weight and entry.score == entry.score.quantize(Q)
    assert result.weight_total == D(100)
    assert result.total == sum((item.score for item in result.items), result.execution.score)
