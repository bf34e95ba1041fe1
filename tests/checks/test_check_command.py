"""``jixiao check FILE`` on reports, documents and workbooks, with no database."""

import json
from importlib import resources
from pathlib import Path

import yaml

from jixiao.cli import main
from jixiao.documents.workbook import write_workbook

PUBLISHED = Path(__file__).parents[1] / "data" / "published"
REFERENCE_DATA = resources.files("jixiao.demo") / "data"


def test_the_reference_report(capsys):
    assert main(["check", str(PUBLISHED / "reference-440112-gsl-2022.txt")]) == 1  # an 错误 was found
    out = capsys.readouterr().out
    assert "错误 1 条，警告 0 条，提示 0 条" in out
    assert "章节编号重复" in out and "（第 27 行）" in out and "report.section_duplicate" not in out  # codes stay in --json
    assert "✓ 执行率 99.7% = 1,288.38 ÷ 1,291.73 万元" in out
    assert "基本支出 815.05 + 项目支出 473.33" in out


def test_json_output_of_a_report(capsys):
    main(["check", str(PUBLISHED / "022.txt"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"findings", "confirmed"}
    finding = data["findings"][0]
    assert list(finding) == ["code", "severity", "message", "location", "evidence"]
    assert {f["code"] for f in data["findings"] if f["severity"] == "错误"} == {
        "report.count_parts", "report.payment_contradiction"}


def test_a_finding_the_gate_doubts_is_shown_apart_and_does_not_fail_the_check(capsys, tmp_path):
    # the row's 8.00 is read both as an amount and as the score: the columns may be shifted
    path = tmp_path / "form.txt"
    path.write_text("某县项目支出绩效自评表(2023年度)\n项目名称 | 道路养护 | 主管部门 | 某县交通运输局\n"
                    "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
                    "年度资金总额 | 8.00 | 8.00 | 8.00 | 100.00% | 10 | 8.00\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "存疑（读取不可靠，未列为问题）" in out and "既读作金额又读作分值" in out
    main(["check", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["doubtful"][0]["code"] == "report.execution_score" and data["doubtful"][0]["evidence"]["doubt"]


def test_a_document_with_history(capsys):
    assert main(["check", str(REFERENCE_DATA / "440112-gsl-2022.yaml"),
                 "--history", str(REFERENCE_DATA / "440112-gsl-2021.yaml"), "--json"]) == 0
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "indicator.target_too_low" in codes


def test_a_workbook_names_sheet_row_and_column(tmp_path, capsys, reference_document):
    doc = reference_document.with_changes(self_total=reference_document.self_total, self_grade="良")
    path = tmp_path / "gsl.xlsx"
    write_workbook(doc, path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "自评总分 95.91 分应为“优”，填报的等次为“良”" in out and "基本信息!B" in out


def test_target_stage_and_rules_option(tmp_path, capsys):
    data = yaml.safe_load((REFERENCE_DATA / "440112-gsl-2022.yaml").read_text(encoding="utf-8"))
    for task in data["tasks"]:
        for indicator in task["indicators"]:
            indicator["actual"] = ""
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path), "--stage", "targets", "--rules", "mof-2013-department"]) == 0
    assert "indicator.actual_missing" not in capsys.readouterr().out


def test_unreadable_files_and_unknown_packs_are_clear_errors(tmp_path, capsys):
    assert main(["check", str(tmp_path / "none.pdf")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("year: [", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "broken.yaml" in capsys.readouterr().err
    assert main(["check", str(PUBLISHED / "006.txt"), "--rules", "no-such-pack"]) == 2
    assert "no-such-pack" in capsys.readouterr().err
