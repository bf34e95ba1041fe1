"""Open data: CSV and JSON with a Frictionless datapackage.json, stable codes, no formula injection."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from decimal import Decimal

from jixiao.documents.opendata import open_data_files, write_open_data
from jixiao.scoring import score_document

_NAME = re.compile(r"^[a-z0-9._-]+$")  # Data Package: package and resource names


def _csv(files: dict[str, bytes], name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8-sig"), newline="")))


def test_the_package_describes_every_file_and_column(reference_document, worked_project):
    files = open_data_files([reference_document, worked_project])
    package = json.loads(files["datapackage.json"])
    assert _NAME.match(package["name"]) and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == set(files) - {"datapackage.json"}
    for resource in package["resources"]:
        assert _NAME.match(resource["name"])
        if resource["path"].endswith(".csv"):
            assert files[resource["path"]].startswith(b"\xef\xbb\xbf")  # BOM: Excel/WPS read the Chinese right
            header = next(csv.reader(io.StringIO(files[resource["path"]].decode("utf-8-sig"))))
            assert header == [field["name"] for field in resource["schema"]["fields"]]
            assert set(resource["schema"]["primaryKey"]) <= set(header)


def test_one_row_per_indicator_and_fund_line_with_stable_unique_ids(reference_document, worked_project):
    files = open_data_files([reference_document, worked_project])
    assert open_data_files([reference_document, worked_project]) == files  # same data, same bytes
    evaluations, indicators, funds = (_csv(files, name) for name in ("evaluations", "indicators", "funds"))
    assert [e["evaluation_id"] for e in evaluations] == [
        "440112-107:2022:department", "440112-107:2022:project:44011222Y000000107009"]
    assert len(indicators) == len(reference_document.indicators) + len(worked_project.indicators)
    assert len({i["indicator_id"] for i in indicators}) == len(indicators)
    assert {i["evaluation_id"] for i in indicators} <= {e["evaluation_id"] for e in evaluations}
    assert len(funds) == 2 and funds[1]["fund_id"] == "440112-107:2022:department:general_budget:project"
    case = next(i for i in indicators if i["indicator_id"] == "440112-107:2022:department:1-5")
    assert (case["level1"], case["level1_label"], case["target"], case["target_number"], case["actual_number"],
            case["met"], case["score"]) == ("benefit", "效益指标", "≥1个", "1", "0", "false", "0")
    department = evaluations[0]
    assert (department["budget_total"], department["executed_total"], department["execution_rate"]) == (
        "1291.73", "1288.38", "0.997407")
    assert (department["score"], department["grade"]) == (str(score_document(reference_document).total), "优")


def test_csv_text_cannot_become_a_formula_but_json_keeps_it(reference_document):
    task = reference_document.tasks[0]
    risky = replace(task.indicators[0], deviation_reason="=1+1", improvement="-加强对接", target_basis="@SUM(A1)")
    doc = replace(reference_document, tasks=(replace(task, indicators=(risky,) + task.indicators[1:]),)
                  + reference_document.tasks[1:])
    files = open_data_files([doc])
    row = _csv(files, "indicators")[0]
    assert (row["deviation_reason"], row["improvement"], row["target_basis"]) == ("'=1+1", "'-加强对接", "'@SUM(A1)")
    nested = json.loads(files["evaluations.json"])[0]["indicators"][0]
    assert (nested["deviation_reason"], nested["improvement"]) == ("=1+1", "-加强对接")


def test_an_evaluation_that_cannot_be_scored_says_why(reference_document):
    doc = replace(reference_document, rule_pack="mof-2020-project")  # department weights do not fit
    (row,) = _csv(open_data_files([doc]), "evaluations")
    assert row["score"] == "" and row["scoring_note"].startswith("权重合计")


def test_written_to_a_folder_or_a_zip(reference_document, tmp_path):
    counts = write_open_data([reference_document], tmp_path / "open")
    assert counts == {"evaluations": 1, "indicators": 19, "funds": 2}
    assert sorted(p.name for p in (tmp_path / "open").iterdir()) == [
        "datapackage.json", "evaluations.csv", "evaluations.json", "funds.csv", "indicators.csv"]
    buffer = io.BytesIO()
    write_open_data([reference_document], buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        nested = json.loads(package.read("evaluations.json"))
    assert nested[0]["funds"][0]["full_year_budget"] == "815.05"
    assert Decimal(nested[0]["budget_total"]) == reference_document.budget_total
