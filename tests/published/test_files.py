"""Reading published reports from .docx, .pdf and .txt files."""

import html
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from jixiao.checks import review_report
from jixiao.published import ReportFileError, parse_report_file

REFERENCE = Path(__file__).parents[1] / "data" / "published" / "reference-440112-gsl-2022.txt"


def _reference_lines():
    return [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_docx_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    for line in _reference_lines()[:14]:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=7)
    header = ["项目名称", "培训服务", "", "", "", "", ""]
    rows = [["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "备注"],
            ["60.00", "60.00", "54.00", "10", "90%", "9", ""]]
    for cells, values in zip(table.rows, [header] + rows):
        for cell, value in zip(cells.cells, values):
            cell.text = value
    merged = table.rows[0].cells[1].merge(table.rows[0].cells[6])
    merged.text = "培训服务"
    path = tmp_path / "report.docx"
    document.save(path)
    report = parse_report_file(path)
    assert report.department == "广州市黄埔区工商业联合会" and report.year == 2022
    assert [h.title for h in report.sections[:2]] == ["基本情况", "部门概况"]
    row = report.first("fund_row").value
    assert (row.full_year, row.executed, row.rate, row.score) == (Decimal("60.00"), Decimal("54.00"), Decimal("90"),
                                                                   Decimal("9"))
    assert report.tasks[0].name == "培训服务"  # the merged cell is read once


def test_pdf_of_the_reference_report_gives_the_same_figures(tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    from jixiao.fonts import font_face_css

    body = "".join(f"<p>{html.escape(line)}</p>" for line in _reference_lines())
    page = (f"<html lang='zh-CN'><head><style>{font_face_css()} body {{ font-family: '仿宋'; font-size: 11pt }}"
            f"</style></head><body>{body}</body></html>")
    path = tmp_path / "report.pdf"
    weasyprint.HTML(string=page).write_pdf(path)
    report = parse_report_file(path)
    data = report.to_json()
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("1291.73", "1288.38", "99.7%")
    assert data["by_nature"] == {"基本支出": "815.05", "项目支出": "473.33"}
    assert (data["score"], data["grade"], data["department"]) == ("95.91", "优", "广州市黄埔区工商业联合会")
    assert [t["indicators"]["total"] for t in data["tasks"]] == [6, 5, 8]
    assert [f.code for f in review_report(report).findings] == ["report.section_duplicate"]


def test_text_files_in_gb18030(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("全年预算数 100.00 万元，执行数 90.00 万元，执行率 90%。".encode("gb18030"))
    assert parse_report_file(path).budget_total == Decimal("100.00")


@pytest.mark.parametrize("name, content, message", [
    ("damaged.docx", b"PK\x03\x04 not really a zip", "Word"),
    ("damaged.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("report.doc", b"\xd0\xcf\x11\xe0", ".docx"),
    ("table.xls", b"\xd0\xcf\x11\xe0", "不支持的文件类型"),
])
def test_unreadable_files_give_a_chinese_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=message):
        parse_report_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReportFileError, match="找不到文件"):
        parse_report_file(tmp_path / "none.txt")
