"""The report as PDF and HTML: real Chinese text in fonts that ship with jixiao, nothing from a
network, the same sentences as the docx."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from jixiao.documents.report import pdf_bytes, render_html, render_pdf
from jixiao.fonts import missing_characters
from jixiao.narrative import draft_report

BUNDLED_FONT_NAMES = ("Noto-Serif-CJK-SC-GB", "Noto-Sans-CJK-SC-GB", "NotoSerifCJKscGB", "NotoSansCJKscGB")


@pytest.fixture(scope="module")
def reference_pdf(reference_document, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    render_pdf(reference_document, path)
    return path


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_text_has_the_reference_sentences(reference_pdf):
    reader = PdfReader(str(reference_pdf))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert "2022年度广州市黄埔区工商业联合会部门整体支出绩效自评报告" in text
    assert squeeze("全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。") in text
    assert squeeze("根据测评，所设定的 8 项绩效指标均已达到目标值。") in text
    assert squeeze("经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。") in text
    assert "四、下一步改进措施" in text and "（四）部门整体绩效管理情况" in text
    assert "\ufffd" not in text


def test_pdf_embeds_only_the_bundled_fonts(reference_pdf):
    """Every font in the file is one of jixiao's own subsets, embedded: the PDF shows the same
    Chinese on a machine without any Chinese font."""
    reader = PdfReader(str(reference_pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert fonts and all(any(name in f for name in BUNDLED_FONT_NAMES) for f in fonts), fonts


def test_bundled_fonts_cover_every_character_of_the_report(reference_document):
    assert missing_characters(draft_report(reference_document).text()) == []


def test_pdf_has_page_numbers_and_a4_pages(reference_pdf):
    reader = PdfReader(str(reference_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    assert "—1—" in squeeze(reader.pages[0].extract_text())
    assert f"—{len(reader.pages)}—" in squeeze(reader.pages[-1].extract_text())


def test_first_page_renders_with_ink_in_the_title(reference_pdf):
    """Rasterise page 1 (pdfium, shipped with pdfplumber) and check the title band is drawn."""
    import pypdfium2

    page = pypdfium2.PdfDocument(str(reference_pdf))[0]
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    title_band = image.crop((0, int(height * 0.10), width, int(height * 0.22)))
    dark = sum(title_band.histogram()[:128])
    assert dark > 2000  # two lines of 22 pt characters


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_poppler_renders_the_pages(reference_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", str(reference_pdf), str(tmp_path / "p")],
                   check=True, timeout=60)
    assert len(list(tmp_path.glob("p-*.png"))) == 2


def test_pdf_to_a_stream(reference_document):
    data = pdf_bytes(draft_report(reference_document, charts=False))
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) >= 8


def test_html_is_one_offline_page(reference_document):
    html = render_html(reference_document)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert re.search(r"""(src|href)\s*=\s*["']?https?:""", html) is None
    assert "url(http" not in html and "<script" not in html
    assert html.count("<svg") == 4
    assert "<h3 class=\"h2\">（四）部门整体绩效管理情况</h3>" in html
    assert "全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。" in html
    assert "@font-face {" not in html  # fonts are embedded only for the PDF


def test_html_escapes_data(reference_document):
    html = render_html(reference_document.with_changes(self_name="<b>本会</b>"), charts=False)
    assert "&lt;b&gt;本会&lt;/b&gt;整体支出绩效自评" in html


def test_html_tables_span_as_the_report_says(reference_document):
    html = render_html(reference_document, charts=False)
    assert 'colspan="8"' in html  # the 管理效率/履职效能 group rows across the score table
    assert "<thead>" in html


def test_weasyprint_has_nothing_to_warn_about(reference_document, caplog):
    """The stylesheet WeasyPrint gets holds only what it reads (no media features), so a PDF made
    where logging is configured (the database path of ``jixiao report``) prints no warning."""
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf_bytes(draft_report(reference_document, charts=False))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    assert "max-width: 900px" in render_html(reference_document, charts=False)  # the screen keeps its rule


def test_what_is_missing_is_not_printed_as_report_text(reference_document):
    """Missing parts are shown to the user as missing, never printed: with 主要工作成效 unwritten and
    管理制度健全性 unanswered the PDF has no 【待填写】 placeholder, no "未填写", no invented weakness."""
    facts = tuple(f for f in reference_document.facts if f.key != "management_rules")
    sections = tuple(s for s in reference_document.sections if s.key not in ("achievements", "problems", "measures"))
    doc = reference_document.with_changes(facts=facts, sections=sections)
    text = squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(doc, charts=False))).pages))
    for placeholder in ("待填写", "未填写", "薄弱", "主要工作成效", "【"):
        assert placeholder not in text
    assert "（三）部门整体收支情况" in text and "三、存在的主要问题" in text
