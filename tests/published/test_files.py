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


# --- bounded reading ------------------------------------------------------------------------------
from dataclasses import replace  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402

from jixiao.published.files import default_limits  # noqa: E402


def test_an_empty_file_or_one_without_text_says_so(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReportFileError, match="文件为空"):
        parse_report_file(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(ReportFileError, match="没有文字"):
        parse_report_file(blank)


def test_a_file_past_the_size_limit_is_refused_naming_both_sizes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("全年预算数 100 万元。" * 20000, encoding="utf-8")
    with pytest.raises(ReportFileError, match=r"文件大小 0\.\d MB，超过可读取的上限 0\.1 MB"):
        parse_report_file(path, replace(default_limits(), max_file_mb=0.1))


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(200):  # 200 MB of spaces, about 200 KB packed
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(ReportFileError, match="解压后有 200.0 MB，超过上限 60 MB"):
        parse_report_file(path)
    assert time.perf_counter() - started < 5  # refused from the zip's directory, nothing unpacked


def _pdf(pages: list[bytes]) -> bytes:
    """A minimal PDF whose pages have the given (compressed) content streams."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for content in pages:
        page_number = len(objects) + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_number + 1} 0 R >>"
                       .encode())
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(f"{page_number} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf([zlib.compress(b"BT ET")] * 40))
    with pytest.raises(ReportFileError, match="PDF 共 40 页，超过可读取的上限 30 页"):
        parse_report_file(path, replace(default_limits(), max_pdf_pages=30))


def test_a_pdf_flate_bomb_is_stopped_within_its_memory_and_time(tmp_path):
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(400)) + compressor.flush()  # 400 MB of spaces
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf([stream]))
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    unchecked = replace(default_limits(), pdf_memory_mb=150, pdf_seconds=10, max_expanded_mb=100_000,
                        max_compression_ratio=10**9)  # past the streams' check: the extraction's own bounds
    with pytest.raises(ReportFileError, match="内存超过上限 150 MB|超过 10 秒|没有可提取的文字"):
        parse_report_file(path, unchecked)
    assert time.perf_counter() - started < 15


def _flate_bomb(megabytes: int, line: bytes = b" " * 1023 + b"\n", level: int = 9) -> bytes:
    compressor = zlib.compressobj(level)
    chunk = line * (1024 * 1024 // len(line))
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def test_a_pdf_flate_bomb_is_refused_from_its_unpacked_size_before_any_extraction(tmp_path, monkeypatch):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf([zlib.compress(b"BT ET")] * 3 + [_flate_bomb(250, level=1)]))  # 250 MB in 1.5 MB
    assert 1.4 * 1024 * 1024 < path.stat().st_size < 1.6 * 1024 * 1024

    def no_extraction(*args):
        raise AssertionError("the extraction must not start")

    monkeypatch.setattr("multiprocessing.get_context", no_extraction)  # imported when a PDF is read
    with pytest.raises(ReportFileError) as error:
        parse_report_file(path)
    assert str(error.value) == "bomb.pdf：PDF 中的压缩内容解压后超过上限 60 MB（文件只有 1.5 MB，可能是压缩炸弹），未读取"


def test_a_pdf_whose_streams_unpack_far_past_the_usual_ratio_is_refused(tmp_path):
    path = tmp_path / "ratio.pdf"
    path.write_bytes(_pdf([_flate_bomb(4)]))  # 4 MB from a few KB
    with pytest.raises(ReportFileError, match=r"压缩比为 [\d,]+ 倍，远超正常文档（上限 200 倍）"):
        parse_report_file(path)


def test_images_are_not_unpacked_and_do_not_count(tmp_path):
    from jixiao.published.files import check_pdf_streams

    image = (b"1 0 obj\n<< /Type /XObject /Subtype /Image /Width 4096 /Height 4096 /Filter /FlateDecode >>\nstream\n"
             + _flate_bomb(100) + b"\nendstream\nendobj\n")
    check_pdf_streams(tmp_path / "photo.pdf", image, default_limits())  # no error: text extraction never reads it
    # a bomb is not hidden by an image's words in the object before it
    disguised = (b"1 0 obj\n<< /Type /Page /Resources << /ProcSet [/PDF /ImageB] /Subtype /Image >> >>\nendobj\n"
                 b"2 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n" + _flate_bomb(100) + b"\nendstream\nendobj\n")
    with pytest.raises(ReportFileError, match="解压后超过上限 60 MB"):
        check_pdf_streams(tmp_path / "disguised.pdf", disguised, default_limits())


@pytest.mark.parametrize("command", ["parse", "check"])
def test_the_commands_refuse_a_flate_bomb_and_many_pages_with_the_limit(tmp_path, capsys, command):
    from jixiao.cli import main

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf([_flate_bomb(100, level=1)]))
    assert main([command, str(bomb)]) == 2
    assert "解压后超过上限 60 MB" in capsys.readouterr().err
    pages = tmp_path / "pages.pdf"
    pages.write_bytes(_pdf([zlib.compress(b"BT ET")] * 301))
    assert main([command, str(pages)]) == 2
    assert "PDF 共 301 页，超过可读取的上限 300 页" in capsys.readouterr().err
