"""``jixiao score FILE [--rules PACK] [--json]`` on files, with no database."""

import json
import sys
import types
from importlib import resources

import pytest
import yaml

from jixiao.cli import main

REFERENCE = str(resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml")


def test_json_output(capsys):
    assert main(["score", REFERENCE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules"] == "gd-2022-department" and data["total"] == "95.91" and data["grade"] == "优"
    assert data["execution"]["score"] == "9.97"
    assert data["items"][-1]["path"] == ["履职效能", "满意度指标", "服务对象满意度指标", "基层党务工作者培训满意度"]


def test_readable_table(capsys):
    assert main(["score", REFERENCE]) == 0
    out = capsys.readouterr().out
    assert "规则包：gd-2022-department" in out
    assert "实际 0 个 < 目标 ≥1 个，得分 = 3 × 0/1 = 0.00" in out
    assert "合计：95.91 / 100    等次：优" in out
    assert "管理效率：28.91 / 30" in out


def test_a_row_with_neither_target_nor_actual_is_counted_under_the_total(tmp_path, capsys):
    data = yaml.safe_load(open(REFERENCE, encoding="utf-8"))
    data["tasks"][0]["indicators"][0].update(target="", actual="", self_score="4")
    file = tmp_path / "doc.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["score", str(file)]) == 0
    out = capsys.readouterr().out
    assert "（其中 1 个指标无法核实：未填写或无法识别指标值和实际完成值，按自评得分计）" in out
    assert "未填写指标值和实际完成值，无法核实，按自评得分 4 分计" in out


def test_rules_option_and_json_file(tmp_path, capsys):
    data = yaml.safe_load(open(REFERENCE, encoding="utf-8"))
    file = tmp_path / "doc.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(file), "--rules", "mof-2013-department", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rules"] == "mof-2013-department"


def test_user_errors_are_chinese_messages(tmp_path, capsys):
    assert main(["score", str(tmp_path / "none.yaml")]) == 2
    assert "不存在" in capsys.readouterr().err
    assert main(["score", REFERENCE, "--rules", "xx-1999"]) == 2
    assert "规则包“xx-1999”不存在" in capsys.readouterr().err
    other = tmp_path / "doc.txt"
    other.write_text("x", encoding="utf-8")
    assert main(["score", str(other)]) == 2
    assert "不支持的文件类型" in capsys.readouterr().err
    data = yaml.safe_load(open(REFERENCE, encoding="utf-8"))
    data["rule_pack"] = "mof-2020-project"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["score", str(bad)]) == 2  # indicator weights 70 + execution 10 ≠ 100
    assert "权重合计 80（指标分值 70 + 其他 10），应为 100" in capsys.readouterr().err


def test_workbook_is_read_through_the_workbook_module(tmp_path, capsys, monkeypatch, reference_document):
    book = tmp_path / "自评.xlsx"
    book.write_bytes(b"")
    fake = types.ModuleType("jixiao.documents.workbook")
    fake.read_workbook = lambda path: reference_document
    monkeypatch.setitem(sys.modules, "jixiao.documents.workbook", fake)
    assert main(["score", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "95.91"




def test_list_rules(capsys):
    assert main(["score", "--list-rules"]) == 0
    assert "gd-2022-department\t" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["score"]])
def test_missing_file(argv, capsys):
    assert main(argv) == 2
    assert "请指定" in capsys.readouterr().err


def test_real_workbook_of_the_reference_department(tmp_path, capsys, reference_document):
    workbook = pytest.importorskip("jixiao.documents.workbook")
    book = tmp_path / "440112-gsl-2022.xlsx"
    workbook.write_workbook(reference_document, book)
    assert main(["score", str(book), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["grade"]) == ("95.91", "优")
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    assert main(["score", str(broken)]) == 2
    assert "broken.xlsx" in capsys.readouterr().err
