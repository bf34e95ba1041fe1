"""The vectorised bulk path gives exactly the scores of the explained path (score_document)."""

import random
from decimal import Decimal

import pytest

from jixiao.demo.synthetic import documents
from jixiao.domain.document import EvaluationDocument, Fact, FundLine, Indicator, Task
from jixiao.domain.enums import EvaluationKind, FundNature, FundSource, Level1, Level2
from jixiao.rules import load_pack, pack_from_dict
from jixiao.scoring import ScoringError, allocate, score_document
from jixiao.scoring.bulk import build_table, score_table

D = Decimal
LEVEL2 = {Level1.OUTPUT: Level2.COST, Level1.BENEFIT: Level2.SOCIAL, Level1.SATISFACTION: Level2.SATISFACTION}
UNITS = ("场", "%", "万元", "元", "‰", "")


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return "0"
    if kind < 0.15:
        return f"-{rng.randint(1, 50)}"
    if kind < 0.6:
        return str(rng.randint(1, 2000))
    return f"{rng.randint(0, 9999)}.{rng.randint(0, 999):03d}"


def _indicator(rng: random.Random, code: str, weighted: bool) -> Indicator:
    level1 = rng.choice(list(Level1))
    weight = D(rng.randint(1, 300)) / D(10) if weighted else None
    applicable = rng.random() > 0.05
    if rng.random() < 0.2:
        grade = rng.choice(["达成", "部分达成", "未达成", ""])
        own = None
        if weight is not None and rng.random() < 0.6:
            own = (weight * D(rng.randint(0, 120)) / D(100)).quantize(D("0.01"))
        return Indicator.from_text(code=code, level1=level1, level2=LEVEL2[level1], name=code, target="有效",
                                   actual=grade, direction="定性", weight=weight, self_score=own, applicable=applicable)
    unit = rng.choice(UNITS)
    actual_unit = {"万元": rng.choice(["万元", "元"]), "%": rng.choice(["%", "‰"])}.get(unit, unit)
    sign = rng.choice(["≥", "≤", "="])
    actual = rng.choice([_number(rng), "", "达成"]) if rng.random() < 0.05 else _number(rng)
    return Indicator.from_text(code=code, level1=level1, level2=LEVEL2[level1], name=code,
                               target=f"{sign}{_number(rng)}{unit}",
                               actual=f"{actual}{actual_unit}" if actual and actual != "达成" else actual,
                               weight=weight, self_score=D(rng.randint(0, 30)) if rng.random() < 0.1 else None,
                               applicable=applicable)


def random_documents(seed: int, count: int, pack_name: str, document_mode: bool = False) -> list[EvaluationDocument]:
    rng = random.Random(seed)
    docs = []
    for d in range(count):
        weighted = document_mode or rng.random() < 0.9  # a table has 分值 for all its indicators or for none
        items = [_indicator(rng, f"{d}-{i}", weighted) for i in range(rng.randint(3, 40))]
        if document_mode:  # a project table: indicator 分值 adding up to 90 beside execution's 10
            shares = allocate(D(90), [i.weight for i in items])
            items = [Indicator(**{**i.__dict__, "weight": w}) for i, w in zip(items, shares)]
        elif rng.random() < 0.5:
            for level in Level1:
                items.append(Indicator.from_text(code=f"{d}-{level.value}", level1=level, level2=LEVEL2[level],
                                                 name="保底", target="≥1个", actual="1个",
                                                 weight=None if items[0].weight is None else D(1)))
        budget = D(rng.randint(0, 100000)) / 100
        facts = tuple(Fact(key, rng.choice(["是", "否", "不适用", ""])) for key in
                      ("management_rules", "info_disclosure", "performance_monitoring", "asset_management",
                       "targets_reasonable", "funds_compliance"))
        facts += (Fact("staff_control_rate", f"{rng.randint(90, 130)}%"),)
        docs.append(EvaluationDocument(
            region_code="1", region_name="r", department_code=str(d), department_name=f"部门{d}", year=2022,
            kind=EvaluationKind.PROJECT if document_mode else EvaluationKind.DEPARTMENT, rule_pack=pack_name,
            fund_lines=(FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, D(rng.randint(0, 100000)) / 100,
                                 budget, D(rng.randint(0, 100000)) / 100, D(rng.randint(0, 5000)) / 100),),
            tasks=(Task(code="1", name="t", indicators=tuple(items)),), facts=facts))
    return docs


def pack_variant(name: str, **methods):
    import copy

    import yaml

    from jixiao.rules import PACKS_DIR

    data = copy.deepcopy(yaml.safe_load((PACKS_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    data["indicator_methods"].update(methods)
    return pack_from_dict(data)


def scorable(docs, pack):
    kept = []
    for doc in docs:
        try:
            score_document(doc, pack)
        except ScoringError:  # e.g. units that cannot convert: refused by both paths alike
            with pytest.raises(ScoringError):
                build_table([doc], pack)
            continue
        kept.append(doc)
    return kept


def assert_same(docs, pack):
    table = build_table(docs, pack)
    bulk = score_table(table)
    results = [score_document(doc, pack) for doc in docs]
    explained = [item.score for result in results for item in result.items if item.indicator_code]
    assert bulk.indicator_scores() == explained
    assert bulk.totals() == [result.total for result in results]
    return table


@pytest.mark.parametrize("pack", [
    load_pack("gd-2022-department"),
    load_pack("mof-2013-department"),
    pack_variant("gd-2022-department", le="linear", eq="below"),
    pack_variant("mof-2013-department", qualitative={"bands": {"部分达成": ["0.60", "0.80"], "未达成": ["0", "0.60"]}}),
], ids=["gd", "mof-2013", "gd-linear-below", "mof-2013-band-60"])
def test_bulk_equals_explained_on_a_large_random_sample(pack):
    docs = scorable(random_documents(seed=11, count=400, pack_name=pack.name), pack)
    table = assert_same(docs, pack)
    assert len(table) > 5000


def test_bulk_equals_explained_on_project_tables():
    pack = load_pack("mof-2020-project")
    docs = scorable(random_documents(seed=5, count=300, pack_name=pack.name, document_mode=True), pack)
    assert len(assert_same(docs, pack)) > 3000


def test_bulk_equals_explained_on_the_synthetic_province_and_the_reference(reference_document):
    pack = load_pack("gd-2022-department")
    docs = list(documents(departments=150, years=(2021, 2022), seed=2)) + [reference_document]
    assert_same(docs, pack)
    assert score_table(build_table([reference_document], pack)).totals() == [D("95.91")]


def test_numbers_beyond_int64_fall_back_to_exact_python_integers():
    pack = load_pack("gd-2022-department")
    huge = [Indicator.from_text(code=f"h{i}", level1=level, level2=LEVEL2[level], name="大数",
                                target="≥123456789012345.678元", actual="98765432109876.5432元", weight=D("7.77"))
            for i, level in enumerate(Level1)]
    doc = random_documents(seed=1, count=1, pack_name=pack.name)[0]
    doc = doc.with_changes(tasks=(Task(code="1", name="t", indicators=tuple(huge)),))
    table = assert_same([doc], pack)
    assert table.weight.dtype == object


def test_unverifiable_rows_unscorable_documents_and_empty_ones_at_the_end_as_the_engine_scores_them():
    """Rows without values (a hand score stands, capped at the points), a document the engine refuses
    (some 分值 given, some not: left out with its reason), a document with no indicators last."""
    from jixiao.assessment import assess

    pack = load_pack("gd-2022-department")
    docs = random_documents(seed=3, count=30, pack_name=pack.name)
    output = dict(level1=Level1.OUTPUT, level2=LEVEL2[Level1.OUTPUT])
    unverifiable = docs[2].with_changes(tasks=(Task(code="1", name="t", indicators=(
        Indicator.from_text(code="u1", name="无值", target="", actual="", weight=D(5), self_score=D("3.5"), **output),
        Indicator.from_text(code="u2", name="无值超分", target="", actual="", weight=D(5), self_score=D(9), **output),
        Indicator.from_text(code="u3", name="无值无分", target="", actual="", weight=D(5), **output),
        Indicator.from_text(code="u4", name="有值", target="≥1个", actual="1个", weight=D(5), **output))),))
    mixed = docs[3].with_changes(tasks=(Task(code="1", name="t", indicators=(
        Indicator.from_text(code="m1", name="有分值", target="≥1个", actual="1个", weight=D(5), **output),
        Indicator.from_text(code="m2", name="无分值", target="≥1个", actual="1个", **output))),))
    empty = docs[4].with_changes(tasks=())
    docs = [unverifiable, *docs, mixed, empty]
    table = build_table(docs, pack, skip_unscorable=True)
    bulk = score_table(table)
    assessments = [assess(doc, pack) for doc in docs]
    assert sorted(table.unscorable) == [i for i, a in enumerate(assessments) if a.result is None] == [len(docs) - 2]
    explained = [item.score for a in assessments if a.result for item in a.result.items if item.indicator_code]
    assert bulk.indicator_scores() == explained
    totals = bulk.totals()
    assert [totals[i] for i, a in enumerate(assessments) if a.result] == [a.result.total for a in assessments if a.result]
    with pytest.raises(ScoringError):
        build_table(docs, pack)
