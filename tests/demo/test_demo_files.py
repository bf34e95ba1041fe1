"""The demo data set (src/jixiao/demo/data): every file loads, the region it shows a finance bureau is
internally consistent, and it holds the cases the checks, scoring and monitoring must find."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
import yaml

from jixiao.documents.datafile import load_document
from jixiao.domain.enums import Direction, EvaluationStatus, FundNature, Level1, QualitativeGrade, WarningLevel

DATA_DIR = Path(str(resources.files("jixiao.demo") / "data"))
REFERENCE_FILE = "440112-gsl-2022.yaml"
REFERENCE_DEPARTMENT = "440112-107"
FICTIONAL_MARK = "虚构示例数据，仅用于演示"
REQUIRED_SECTIONS = {"performance_management", "annual_work", "conclusion_basis", "achievements"}
DEMO_FILES = sorted(DATA_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def documents():
    return {path.name: load_document(path) for path in DEMO_FILES}


@pytest.fixture(scope="module")
def reference(documents):
    return documents[REFERENCE_FILE]


def _falls_short(indicator) -> bool:
    """Whether the actual value misses the target (the case that needs a 偏差原因)."""
    target, actual = indicator.target, indicator.actual
    if indicator.direction is Direction.QUALITATIVE:
        return actual.grade is not QualitativeGrade.ACHIEVED
    if target.number is None or actual.number is None:
        return False
    if indicator.direction is Direction.LE:
        return actual.number > target.number
    if indicator.direction is Direction.EQ:
        return actual.number != target.number
    return actual.number < target.number


def _header(path: Path) -> str:
    """The comment block at the top of a data file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    end = next(n for n, line in enumerate(lines) if not line.startswith("#"))
    return "\n".join(lines[:end])


def test_the_demo_set_has_four_departments_over_two_years(documents):
    assert len(DEMO_FILES) == 8
    keys = Counter((doc.department_code, doc.year) for doc in documents.values())
    assert all(count == 1 for count in keys.values()), keys
    years = defaultdict(set)
    for doc in documents.values():
        years[doc.department_code].add(doc.year)
    assert len(years) == 4
    assert all(found == {2021, 2022} for found in years.values()), years


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_file_loads_as_a_department_evaluation_of_huangpu(path):
    doc = load_document(path)
    assert (doc.region_code, doc.region_name) == ("440112", "广州市黄埔区")
    assert doc.kind.value == "department"
    assert doc.rule_pack == "gd-2022-department"
    assert path.name.startswith("440112-") and path.name.endswith(f"-{doc.year}.yaml")


def test_a_department_code_names_one_department_in_the_reference_style(documents):
    names = defaultdict(set)
    for doc in documents.values():
        assert re.fullmatch(r"440112-1\d\d", doc.department_code), doc.department_code
        names[doc.department_code].add(doc.department_name)
        for unit in doc.units:
            assert unit.code.startswith(doc.department_code + "-"), unit.code
    assert all(len(found) == 1 for found in names.values()), names
    all_names = [next(iter(found)) for found in names.values()]
    assert len(set(all_names)) == len(all_names)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_codes_are_unique_within_a_file(path):
    doc = load_document(path)
    for codes in ([t.code for t in doc.tasks], [i.code for i in doc.indicators],
                  [p.code for p in doc.projects], [u.code for u in doc.units]):
        assert len(codes) == len(set(codes)), codes
    for task in doc.tasks:
        assert all(i.code.startswith(task.code + "-") for i in task.indicators)


def test_project_codes_are_unique_across_the_region(documents):
    codes = Counter(p.code for doc in documents.values() for p in doc.projects)
    assert [code for code, n in codes.items() if n > 1] == []
    for doc in documents.values():
        year = str(doc.year)[2:]
        assert all(p.code.startswith(f"440112{year}Y") for p in doc.projects), doc.department_name


def _weights_by_level1(doc) -> dict:
    totals = defaultdict(Decimal)
    for indicator in doc.indicators:
        totals[indicator.level1] += indicator.weight
    return dict(totals)


def test_indicator_weights_add_up_like_the_reference(documents, reference):
    """Same total and the same split over 产出/效益/满意度 as the reference department, so the points a
    department entered are the points the rule pack gives."""
    expected = _weights_by_level1(reference)
    for name, doc in documents.items():
        assert all(i.weight is not None for i in doc.indicators), name
        assert sum(i.weight for i in doc.indicators) == sum(expected.values()), name
        assert _weights_by_level1(doc) == expected, name
        for indicator in doc.indicators:
            if indicator.self_score is not None:
                assert indicator.self_score <= indicator.weight, (name, indicator.code)


def test_tasks_have_indicators_of_all_three_levels(documents):
    for name, doc in documents.items():
        assert 2 <= len(doc.tasks) <= 4, name
        for task in doc.tasks:
            assert 4 <= len(task.indicators) <= 9, (name, task.code)
            assert all(count > 0 for count in task.count_by_level1().values()), (name, task.code)
            assert all(i.level2.level1 is i.level1 for i in task.indicators), (name, task.code)
            assert all(i.target_basis for i in task.indicators), (name, task.code)


def test_every_status_is_used(documents):
    assert {doc.status for doc in documents.values()} == set(EvaluationStatus)


def test_fund_lines_projects_and_tasks_agree(documents):
    for name, doc in documents.items():
        pairs = [(line.source, line.nature) for line in doc.fund_lines]
        assert len(pairs) == len(set(pairs)), name
        for line in doc.fund_lines:
            assert line.executed <= line.full_year_budget, (name, line)
            assert line.carryover <= line.full_year_budget - line.executed, (name, line)
            assert line.prior_year_carryover <= line.full_year_budget, (name, line)
        project_executed = doc.executed_by_nature()[FundNature.PROJECT]
        assert sum(t.funds for t in doc.tasks) <= project_executed, name
        for task in doc.tasks:
            assert sum(p.budget for p in task.projects) == task.funds, (name, task.code)
            for project in task.projects:
                assert project.executed <= project.budget, (name, project.code)
                assert project.prior_year_carryover + project.initial_budget <= project.budget, (name, project.code)
        assert sum(p.prior_year_carryover for p in doc.projects) <= sum(
            line.prior_year_carryover for line in doc.fund_lines), name


def test_approved_budget_adjustments_lead_from_initial_to_full_year_budget(documents):
    for name, doc in documents.items():
        for adjustment in doc.adjustments:
            nature = FundNature.from_label(adjustment.subject)
            if adjustment.kind.value != "budget" or adjustment.status.value != "approved" or nature is None:
                continue
            initial = sum((l.initial_budget for l in doc.fund_lines if l.nature is nature), Decimal(0))
            assert Decimal(adjustment.before.replace(",", "")) == initial, name
            assert Decimal(adjustment.after.replace(",", "")) == doc.budget_by_nature()[nature], name


def test_one_department_carries_funds_over_and_spends_too_slowly(documents):
    by_key = {(doc.department_code, doc.year): doc for doc in documents.values()}
    slow = [doc for doc in documents.values() if doc.execution_rate < Decimal("0.90")]
    assert [doc.year for doc in slow] == [2022]
    assert slow[0].carryover_total > 0
    for (code, year), doc in by_key.items():
        if year == 2022:
            carried_in = sum(line.prior_year_carryover for line in doc.fund_lines)
            assert carried_in == by_key[(code, 2021)].carryover_total, doc.department_name


def test_funds_come_from_more_than_one_source(documents):
    sources = {line.source.label for doc in documents.values() for line in doc.fund_lines}
    assert {"政府性基金预算财政拨款", "其他资金"} <= sources


def test_unmet_indicators_have_reasons_except_the_forgotten_one(documents):
    forgotten = [(name, i.code) for name, doc in documents.items() for i in doc.indicators
                 if _falls_short(i) and not i.deviation_reason]
    assert forgotten == [("440112-wgl-2022.yaml", "2-1")]
    with_reason = [i for doc in documents.values() for i in doc.indicators if _falls_short(i) and i.deviation_reason]
    assert len(with_reason) >= 5


def test_history_shows_targets_set_too_low_and_too_high(documents):
    """2022 targets compared with the same department's 2021 actuals of the same indicator."""
    actual_2021 = {(doc.department_code, i.name): i.actual.number
                   for doc in documents.values() if doc.year == 2021 for i in doc.indicators}
    too_low, too_high = [], []
    for doc in documents.values():
        if doc.year != 2022:
            continue
        for indicator in doc.indicators:
            before = actual_2021.get((doc.department_code, indicator.name))
            if indicator.direction is not Direction.GE or before is None or indicator.target.number is None:
                continue
            if before > indicator.target.number * Decimal("1.2"):
                too_low.append((doc.department_code, indicator.name))
            elif before < indicator.target.number * Decimal("0.9"):
                too_high.append((doc.department_code, indicator.name))
    assert len({code for code, _ in too_low}) >= 3
    assert len({code for code, _ in too_high}) >= 3


def test_monitoring_snapshots_belong_to_the_year_and_name_real_indicators(documents):
    warnings = set()
    for name, doc in documents.items():
        codes = {i.code for i in doc.indicators}
        assert any(m.executed is not None for m in doc.monitoring), name
        for snapshot in doc.monitoring:
            assert snapshot.as_of.isoformat() == f"{doc.year}-07-31", name
            if snapshot.indicator_code:
                assert snapshot.indicator_code in codes, (name, snapshot.indicator_code)
                warnings.add(snapshot.warning)
            else:
                assert snapshot.executed <= doc.executed_total, name
    assert warnings == set(WarningLevel)


def test_facts_and_sections_use_the_reference_keys(documents, reference):
    fact_keys = {f.key for f in reference.facts}
    section_keys = {s.key for s in reference.sections}
    for name, doc in documents.items():
        assert {f.key for f in doc.facts} == fact_keys, name
        keys = {s.key for s in doc.sections}
        assert REQUIRED_SECTIONS <= keys <= section_keys, name
    assert any(not {"problems", "measures"} <= {s.key for s in doc.sections} for doc in documents.values())


@pytest.mark.parametrize("path", [p for p in DEMO_FILES if p.name != REFERENCE_FILE], ids=lambda p: p.name)
def test_invented_files_say_so_in_their_header(path):
    header = _header(path)
    doc = load_document(path)
    if doc.department_code == REFERENCE_DEPARTMENT:
        assert "ILLUSTRATIVE" in header and "示例值" in header
    else:
        assert FICTIONAL_MARK in header and "FICTIONAL" in header


def test_written_forms_of_targets_are_varied(documents):
    """The demo shows the forms people write: ≥/≤/＝/≧, units, qualitative text, a separate unit column."""
    texts = [i.target.text for doc in documents.values() for i in doc.indicators]
    for form in ("≥", "≤", "＝", "≧"):
        assert any(text.startswith(form) for text in texts), form
    directions = {i.direction for doc in documents.values() for i in doc.indicators}
    assert directions == set(Direction)
    # a separate unit column in the file; the document then writes the value with its unit
    raw = [item for path in DEMO_FILES for task in yaml.safe_load(path.read_text(encoding="utf-8"))["tasks"]
           for item in task.get("indicators") or []]
    separate = [item for item in raw if item.get("unit") and item["unit"] not in str(item["target"])]
    assert separate
    by_name = {i.name: i for doc in documents.values() for i in doc.indicators}
    assert all(by_name[item["name"]].target.text.endswith(item["unit"]) for item in separate)
    assert {i.level1 for doc in documents.values() for i in doc.indicators} == set(Level1)
