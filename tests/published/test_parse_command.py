"""``jixiao parse FILE [--json]`` on published reports."""

import json
from pathlib import Path

from jixiao.cli import main

PUBLISHED = Path(__file__).parents[1] / "data" / "published"


def test_json_of_the_reference_report(capsys):
    assert main(["parse", str(PUBLISHED / "reference-440112-gsl-2022.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["department", "year", "kind", "unit", "budget_total", "executed_total", "execution_rate",
                          "by_source", "by_nature", "carryover", "score", "grade", "tasks", "sections"]
    assert (data["budget_total"], data["executed_total"], data["execution_rate"], data["carryover"]) == (
        "1291.73", "1288.38", "99.7%", "0")
    assert data["tasks"][0]["indicators"] == {"total": 6, "by_level1": {"产出指标": 3, "效益指标": 2, "满意度指标": 1},
                                              "achieved": 5}
    assert data["sections"][4] == {"level": 2, "number": "（三）", "title": "部门整体绩效管理情况", "line": 27}


def test_null_where_the_document_does_not_say(capsys):
    main(["parse", str(PUBLISHED / "006.txt"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["budget_total"] is None and data["score"] is None and data["unit"] is None
    assert data["department"] == "岳阳市城市管理监督指挥中心"


def test_readable_output(capsys):
    assert main(["parse", str(PUBLISHED / "011.txt")]) == 0
    out = capsys.readouterr().out
    assert "部门：临沧市永德县明朗中学" in out and "金额单位：元" in out
    assert "指标 9 个（产出指标 4、效益指标 3、满意度指标 2），达到目标 8 个" in out


def test_a_file_that_cannot_be_read(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF")
    assert main(["parse", str(path)]) == 2
    assert "PDF" in capsys.readouterr().err


def test_check_on_an_empty_file_says_it_is_empty(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "文件为空" in captured.err and "未发现问题" not in captured.out


def test_check_on_a_file_with_no_report_says_so_instead_of_no_problem(tmp_path, capsys):
    path = tmp_path / "list.txt"
    path.write_text("购物清单\n苹果 三个\n牛奶 一瓶\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "未识别到自评报告的内容" in out and "未发现问题" not in out
