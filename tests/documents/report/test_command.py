"""``jixiao report``: from a file (no database), from the database, and a region in a batch."""

from __future__ import annotations

import io
import os
import shutil
import sys
import unicodedata
import zipfile
from importlib import resources

import docx
import pytest

from jixiao.cli import main

REFERENCE_FILE = resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml"


def run(*args) -> int:
    return main(["report", *map(str, args)])


def test_report_from_a_file_needs_no_database(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert run(REFERENCE_FILE, "-o", out) == 0
    assert "已生成报告" in capsys.readouterr().out
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "四、下一步改进措施" in texts


def test_what_is_left_to_fill_in_is_told_not_printed(tmp_path, capsys):
    """The notes of ``jixiao report`` say what is still to be written or answered, by name."""
    import yaml

    data = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    data["facts"] = [f for f in data["facts"] if f["key"] != "management_rules"]
    data["sections"] = [s for s in data["sections"] if s["key"] != "achievements"]
    source = tmp_path / "gaps.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "gaps.html"
    assert run(source, "-o", out, "--no-charts") == 0
    err = capsys.readouterr().err
    assert "待填写：报告章节“主要工作成效”尚未填写，报告中暂不列出此节" in err
    assert "待填写：“管理制度健全性”的评价要点“已建立健全内部管理制度”（management_rules）未填写" in err
    html = out.read_text(encoding="utf-8")
    assert "待填写" not in html and "主要工作成效" not in html


@pytest.mark.parametrize("suffix, magic", [("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")])
def test_format_from_the_suffix(tmp_path, suffix, magic):
    out = tmp_path / f"report.{suffix}"
    assert run(REFERENCE_FILE, "-o", out, "--no-charts") == 0
    assert out.read_bytes().startswith(magic)


def test_default_output_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(REFERENCE_FILE, "--format", "html", "--no-charts") == 0
    assert (tmp_path / "2022-440112-107-广州市黄埔区工商业联合会-绩效自评报告.html").is_file()


def test_changes_lists_what_a_redraft_would_do(capsys):
    assert run(REFERENCE_FILE, "--changes") == 0
    out = capsys.readouterr().out
    assert "[新增] 部门整体收支情况（funds）" in out
    assert "[保留] 存在的主要问题（problems）（人工修改过" in out


@pytest.mark.parametrize("args, message", [
    (("missing.yaml",), "不存在"),
    ((), "请指定自评文件"),
    (("{ref}", "-o", "x.odt"), "无法从输出文件"),
    (("{ref}", "--department", "X"), "只指定一个来源"),
    (("--department", "X"), "需要 --year"),
    (("{ref}", "--template", "nope.docx", "-o", "{tmp}/a.docx"), "模板“nope.docx”不存在"),
])
def test_user_errors_are_chinese_messages(tmp_path, capsys, args, message):
    args = [a.format(ref=REFERENCE_FILE, tmp=tmp_path) for a in args]
    assert run(*args) == 2
    assert message in capsys.readouterr().err


@pytest.mark.django_db
def test_report_from_the_database(reference_evaluation, tmp_path):
    out = tmp_path / "db.docx"
    assert run("--department", "广州市黄埔区工商业联合会", "--year", 2022, "--format", "docx", "-o", out,
               "--no-charts") == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(t.endswith("经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。") for t in texts)


@pytest.mark.django_db
def test_unknown_department_in_the_database(reference_evaluation, capsys):
    assert run("--department", "不存在的局", "--year", 2022) == 2
    assert "找不到预算部门" in capsys.readouterr().err


@pytest.mark.django_db
def test_region_batch_from_the_database(demo_db, tmp_path, capsys):
    target = tmp_path / "440112-2022.zip"
    assert run("--region", "440112", "--year", 2022, "--out", target, "--workers", 1, "--no-charts",
               "--format", "html") == 0
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert len(names) >= 2 and any("工商业联合会" in n for n in names)
    err = capsys.readouterr().err
    assert f"[{len(names)}/{len(names)}]" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.django_db
@pytest.mark.parametrize("terminal", [False, True], ids=["log", "terminal"])
def test_region_batch_progress(demo_db, tmp_path, monkeypatch, terminal):
    """In a log (or a pipe) one line per report, never run together; on a 40-column terminal one
    line rewritten in place, cleared to its end and never wider than the terminal (a Chinese
    name is two columns a character), ended by a newline."""
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((40, 24)))
    assert run("--region", "440112", "--year", 2022, "--out", tmp_path / "out", "--workers", 1, "--no-charts",
               "--format", "html") == 0
    count = len(list((tmp_path / "out").iterdir()))
    lines = stderr.getvalue().split("\n")
    assert lines[0].startswith(f"共 {count} 个部门") and lines[-1] == ""
    if not terminal:
        assert [line.split(" ")[0] for line in lines[1:-1]] == [f"[{n}/{count}]" for n in range(1, count + 1)]
        assert all(line.endswith("-绩效自评报告.html") for line in lines[1:-1])
        return
    assert len(lines) == 3  # the progress is one line
    updates = lines[1].split("\r")[1:]
    assert [u.split("] ")[1].split(" ")[0] for u in updates] == [f"{n}/{count}" for n in range(1, count + 1)]
    for update in updates:
        assert update.endswith("\x1b[K")  # what a longer name before left is cleared
        assert _columns(update.removesuffix("\x1b[K")) < 40


@pytest.mark.django_db
def test_region_without_evaluations(demo_db, tmp_path, capsys):
    assert run("--region", "999999", "--year", 2022, "--out", tmp_path / "x") == 2
    assert "没有 2022 年度的部门整体支出绩效自评" in capsys.readouterr().err


def test_report_from_a_workbook(reference_document, tmp_path):
    """The self-evaluation workbook (.xlsx) is read without a database, its 报告 sheet included."""
    from jixiao.documents.workbook import write_workbook

    book = tmp_path / "自评工作簿.xlsx"
    write_workbook(reference_document, book)
    out = tmp_path / "from-xlsx.docx"
    assert run(book, "-o", out, "--no-charts") == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(t.startswith("全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。") for t in texts)
    assert any(t.startswith("根据收集的基础数据") and t.endswith("自评结果：优。") for t in texts)
