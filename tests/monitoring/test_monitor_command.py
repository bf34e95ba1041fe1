"""``jixiao monitor WORKBOOK.xlsx [--json]``: monitoring from the workbook's 监控 sheet, no database."""

import json
from importlib import resources

from jixiao.cli import main
from jixiao.documents.registry import read_document
from jixiao.documents.workbook import workbook_bytes

REFERENCE = resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml"


def workbook(tmp_path):
    path = tmp_path / "自评.xlsx"
    path.write_bytes(workbook_bytes(read_document(REFERENCE)))
    return str(path)


def test_json_from_a_workbook(tmp_path, capsys):
    assert main(["monitor", workbook(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2022-07-31" and data["time_progress"] == "58.33"
    by_code = {i["code"]: i for i in data["indicators"]}
    case = by_code["1-5"]
    assert case["name"] == "乡村振兴产业对接成功案例" and case["colour"] == "red"
    assert case["projection"]["method"] == "linear" and case["projection"]["value"] == "0.00"
    assert case["possibility"] and case["reason"]
    assert by_code["3-1"]["colour"] == "green" and by_code["3-1"]["completion"] == "102.85"
    assert data["funds"]["rate"] == "54.36" and data["funds"]["colour"] == "green"


def test_readable_output(tmp_path, capsys):
    assert main(["monitor", workbook(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[红] 1-5 乡村振兴产业对接成功案例" in out
    assert "按序时进度线性推算" in out and "序时进度 58.33%" in out


def test_as_of_before_any_snapshot_and_unknown_rules(tmp_path, capsys):
    path = workbook(tmp_path)
    assert main(["monitor", path, "--as-of", "2022-01-31"]) == 2
    assert "没有监控记录" in capsys.readouterr().err
    assert main(["monitor", path, "--rules", "nope"]) == 2
    assert "监控规则包“nope”不存在" in capsys.readouterr().err
    assert main(["monitor", path, "--as-of", "7月"]) == 2


def test_seasonal_projection_from_an_earlier_years_file(tmp_path, capsys):
    import yaml

    earlier = yaml.safe_load((resources.files("jixiao.demo") / "data" / "440112-gsl-2021.yaml").read_text(encoding="utf-8"))
    # 2021: 11 of the year's 20 场次 of 党群活动 by the end of July (55%)
    earlier["monitoring"] = [{"as_of": "2021-07-31", "indicator": "3-1", "value": "11场次"}]
    path = tmp_path / "2021.yaml"
    path.write_text(yaml.safe_dump(earlier, allow_unicode=True), encoding="utf-8")
    assert main(["monitor", str(REFERENCE), "--history", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    case = next(i for i in data["indicators"] if i["code"] == "3-1")
    assert case["projection"]["method"] == "seasonal" and case["projection"]["value"] == "21.82"
    assert "2021 年同期完成全年的 55.00%" in case["projection"]["explanation"]
