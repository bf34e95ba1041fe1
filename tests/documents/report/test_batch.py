"""Reports of many departments at once, into a folder or a zip, in parallel processes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pytest

from jixiao.documents.report import batch as report_batch
from jixiao.documents.report.batch import render_batch, report_filename


def departments(reference_document, count):
    return [reference_document.with_changes(department_code=f"440112-{900 + n}",
                                            department_name=f"广州市黄埔区测试局{n}")
            for n in range(count)]


def test_file_names_are_safe_and_distinct(reference_document):
    doc = reference_document.with_changes(department_name="广州市/黄埔区 工商联:*")
    assert report_filename(doc, "pdf") == "2022-440112-107-广州市_黄埔区_工商联-绩效自评报告.pdf"


def test_zip_in_parallel_processes_with_progress(reference_document, tmp_path):
    seen = []
    target = tmp_path / "out" / "region.zip"
    result = render_batch(departments(reference_document, 3), target, "docx", workers=2, charts=False,
                          progress=lambda done, total, name: seen.append((done, total)))
    assert result.failed == [] and len(result.written) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(result.written)
        opened = docx.Document(io.BytesIO(archive.read(names[0])))
    assert any("全年预算数 1,291.73 万元" in p.text for p in opened.paragraphs)


def test_folder_of_html_reports(reference_document, tmp_path):
    result = render_batch(departments(reference_document, 2), tmp_path / "dir", "html", workers=1)
    files = sorted(p.name for p in (tmp_path / "dir").iterdir())
    assert files == sorted(result.written) and len(files) == 2
    assert "测试局0" in (tmp_path / "dir" / files[0]).read_text(encoding="utf-8")


def test_one_failure_does_not_stop_the_batch(reference_document, tmp_path, monkeypatch):
    original = report_batch.render_bytes

    def flaky(doc, fmt, template=None, charts=True):
        if doc.department_code.endswith("901"):
            raise ValueError("模拟的失败")
        return original(doc, fmt, template, charts)

    monkeypatch.setattr(report_batch, "render_bytes", flaky)
    result = render_batch(departments(reference_document, 2), tmp_path / "b.zip", "html", workers=1)
    assert len(result.written) == 1
    assert result.failed == [(report_filename(departments(reference_document, 2)[1], "html"), "ValueError: 模拟的失败")]


def test_unknown_format_is_refused(reference_document, tmp_path):
    with pytest.raises(ValueError, match="不支持的报告格式"):
        render_batch([reference_document], tmp_path, "odt")


def test_duplicate_names_in_a_zip_are_kept_apart(reference_document, tmp_path):
    same = [reference_document, replace(reference_document)]
    result = render_batch(same, tmp_path / "same.zip", "html", workers=1, charts=False)
    assert len(set(result.written)) == 2
