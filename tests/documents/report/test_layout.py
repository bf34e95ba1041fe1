"""The report's layout as a reader sees it, in the PDF and in the docx as LibreOffice prints it: the
自评表 has no text outside its cells (a merged cell cut by a page break spilled below the table),
each 二级指标 group once, headings broken only where their words end, 0.00 in columns of amounts,
rows vertically centred, and the 落款 under the body."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from jixiao.documents import office
from jixiao.documents.report import render_docx, render_pdf
from jixiao.documents.report.layout import column_widths_mm, em, signature_indents
from jixiao.narrative import draft_report

SIGNED = date(2023, 5, 8)
NAME = "广州市黄埔区工商业联合会"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def crowded(reference_document):
    """The reference department with 24 more output indicators in task 3: its 产出指标 and 数量指标
    groups run over more than a page, so page breaks must fall inside them."""
    task = reference_document.tasks[2]
    extra = tuple(replace(task.indicators[0], code=f"3-{10 + n}", name=f"{task.indicators[0].name}（第 {n} 批）")
                  for n in range(1, 25))
    return reference_document.with_changes(tasks=(*reference_document.tasks[:2],
                                                   replace(task, indicators=(*extra, *task.indicators))))


@pytest.fixture(scope="module")
def report(reference_document):
    return draft_report(reference_document, charts=False, signed_on=SIGNED)


@pytest.fixture(scope="module")
def pdf_path(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "report.pdf"
    render_pdf(report, path)
    return path


@pytest.fixture(scope="module")
def crowded_pdf(reference_document, tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "crowded.pdf"
    render_pdf(draft_report(crowded(reference_document), charts=False, signed_on=SIGNED), path)
    return path


@pytest.fixture(scope="module")
def docx_path(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "report.docx"
    render_docx(report, path)
    return path


@pytest.fixture(scope="module")
def docx_pdf(docx_path):
    if office.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    return office.convert(docx_path, "pdf")


def appendix_pages(path):
    """The pages of the appendix (自评表) with the tables pdfplumber finds on each."""
    with pdfplumber.open(str(path)) as pdf:
        start = next(i for i, page in enumerate(pdf.pages) if squeeze(page.extract_text()).startswith("附件："))
        for page in pdf.pages[start:]:
            yield page, page.find_tables()


def cell_text(page, bbox) -> str:
    return page.crop(bbox).extract_text() or ""


def _stray_text(path, report) -> list[str]:
    """Text on the appendix pages outside every table that is not the appendix title, a table's
    caption or a page number."""
    allowed = [squeeze(s.title) for s in report.appendices] + [squeeze(f"{t.number}{t.title}") for t in report.tables()]
    stray = []
    for page, tables in appendix_pages(path):
        boxes = [t.bbox for t in tables]

        def outside(obj):
            if obj["object_type"] != "char":
                return True
            x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        text = squeeze(page.filter(outside).extract_text())
        for known in allowed:
            text = text.replace(known, "")
        text = re.sub(r"—\d+—", "", text)
        if text:
            stray.append(f"第 {page.page_number} 页：{text}")
    return stray


@pytest.mark.parametrize("which", ["pdf_path", "crowded_pdf", "docx_pdf"])
def test_no_text_spills_out_of_the_tables(request, report, which):
    """A merged cell cut by a page break printed its text below the table (服务对象满意度指标 under
    the last row of a page): no text of the appendix may lie outside the tables."""
    path = request.getfixturevalue(which)
    source = report if which != "crowded_pdf" else draft_report(crowded(request.getfixturevalue("reference_document")),
                                                                 charts=False)
    assert _stray_text(path, source) == []


def test_a_page_break_inside_a_merged_group_names_the_group_again(crowded_pdf):
    """Where a page breaks inside 产出指标 / 数量指标, the next page's first row says so again."""
    continued = []
    for page, tables in appendix_pages(crowded_pdf):
        for table in tables:
            first_body = table.rows[1].cells
            header = squeeze(cell_text(page, table.rows[0].cells[0]))
            if header == "一级指标" and first_body[1] is not None:  # a row of indicators, not a group heading
                continued.append((squeeze(cell_text(page, first_body[0])), squeeze(cell_text(page, first_body[1]))))
    assert len(continued) >= 2
    assert all(level1 and level2 for level1, level2 in continued), continued
    assert ("产出指标", "数量指标") in continued


def test_each_level2_group_appears_once_within_its_level1(report):
    """Tasks list their indicators task by task; the 评分表 shows 社会效益指标 once (with the 经济效益
    indicator of task 1 before it), not twice around it."""
    table = next(t for t in report.tables() if t.key == "score")
    grid = table.grid()
    runs = []  # (一级, 二级) per run of rows
    for row in grid[table.header_rows:]:
        if row[0][0].colspan == table.columns or row[1] is None or row[0][0] is row[1][0]:
            continue
        key = (squeeze(row[0][0].text), squeeze(row[1][0].text))
        if not runs or runs[-1] != key:
            runs.append(key)
    assert len(runs) == len(set(runs)), runs
    assert [r for r in runs if r[0] == "效益指标"] == [("效益指标", "经济效益指标"), ("效益指标", "社会效益指标")]


def _header_lines(path) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {}
    for page, tables in appendix_pages(path):
        for table in tables:
            for cell in table.rows[0].cells:
                if cell is not None:
                    text = cell_text(page, cell)
                    lines[squeeze(text)] = [line.strip() for line in text.split("\n") if line.strip()]
    return lines


@pytest.mark.parametrize("which", ["pdf_path", "docx_pdf"])
def test_headings_break_only_between_words(request, report, which):
    """执行数（万/元）, 一级指/标, 实际完成/值 were headings broken wherever the column ended."""
    printed = _header_lines(request.getfixturevalue(which))
    for table in report.tables():
        for cell in table.rows[0]:
            if not cell.text:
                continue
            wanted = [line.replace(" ", "") for line in cell.text.split("\n")]
            assert [line.replace(" ", "") for line in printed[squeeze(cell.text)]] == wanted, cell.text


def test_columns_are_wide_enough_for_their_headings_and_level_names(report):
    for table in report.tables():
        widths = column_widths_mm(table)
        assert abs(sum(widths) - 156) < 0.01
        for r, row in enumerate(table.grid()):
            for c, (cell, origin) in enumerate(row):
                if origin and cell.colspan == 1 and (r < table.header_rows or cell.nowrap):
                    need = max(em(line) for line in cell.text.split("\n")) * 10.5 * 25.4 / 72
                    assert need < widths[c], (cell.text, widths[c])


def test_zero_amounts_in_tables_have_two_places(report, docx_path):
    funds = next(t for t in report.tables() if t.key == "funds")
    amounts = [cell.text for row in funds.rows[1:] for cell in row if cell.align == "right" and "%" not in cell.text]
    assert "0" not in amounts and "0.00" in amounts and "1,266.80" in amounts
    table = docx.Document(str(docx_path)).tables[0]
    assert [c.text for c in table.rows[3].cells][2:] == ["0.00", "0.00", "0.00", "—", "0.00"]


def test_prose_keeps_writing_zero_as_the_reference_does(report):
    assert "年末结转和结余 0 万元。" in report.text()


@pytest.mark.parametrize("which", ["pdf_path", "docx_pdf"])
def test_rows_are_vertically_centred(request, which):
    """LibreOffice drew the rows beside a merged cell cut by a page break top-aligned among centred
    ones: every cell's text is centred in it (the same small offset everywhere, the fonts' ascent
    being larger than their descent)."""
    offsets = []
    for page, tables in appendix_pages(request.getfixturevalue(which)):
        for table in tables:
            for row in table.rows:
                for bbox in row.cells:
                    chars = page.crop(bbox).chars if bbox is not None else []
                    if chars:
                        middle = (min(ch["top"] for ch in chars) + max(ch["bottom"] for ch in chars)) / 2
                        offsets.append((middle - (bbox[1] + bbox[3]) / 2, page.page_number,
                                        squeeze("".join(ch["text"] for ch in chars))[:12]))
    offsets.sort()
    assert len(offsets) > 150
    assert offsets[-1][0] - offsets[0][0] < 3, (offsets[:3], offsets[-3:])  # points


def test_the_report_ends_with_the_unit_and_the_date(report, pdf_path, docx_path):
    assert report.signature == (NAME, "2023 年 5 月 8 日")
    lines = report.lines()
    at = lines.index(NAME)
    assert lines[at + 1] == "2023 年 5 月 8 日" and lines[at + 2].startswith("附件：")
    with pdfplumber.open(str(pdf_path)) as pdf:
        text = squeeze("".join(page.extract_text() for page in pdf.pages))
    assert text.index("四、下一步改进措施") < text.index(f"{NAME}2023年5月8日") < text.index("附件：")
    paragraphs = docx.Document(str(docx_path)).paragraphs
    name = next(i for i, p in enumerate(paragraphs) if p.text == NAME)
    assert paragraphs[name - 1].text == "" and paragraphs[name + 1].text == "2023 年 5 月 8 日"
    for paragraph, indent in zip(paragraphs[name:name + 2], signature_indents(NAME, "2023 年 5 月 8 日")):
        ppr = paragraph._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == "right"
        assert ppr.find(qn("w:ind")).get(qn("w:rightChars")) == str(round(indent * 100))


def test_signature_indents_follow_gbt9704():
    # the name two characters from the right, the date starting two characters right of the name
    name, day = signature_indents(NAME, "2023年5月8日")
    assert name == 2 and round(day + em("2023年5月8日"), 1) == round(name + em(NAME) - 2, 1)
    # a date longer than the name: the date two from the right, the name moves left
    name, day = signature_indents("区司法局", "2023 年 12 月 31 日")
    assert day == 2 and round(name + em("区司法局") - 2, 1) == round(day + em("2023 年 12 月 31 日"), 1)


def layout_sizes(monkeypatch) -> list[int]:
    """The page counts of the WeasyPrint layouts made from now on."""
    import weasyprint

    sizes = []
    real = weasyprint.HTML.render

    def counting(self, *args, **kwargs):
        document = real(self, *args, **kwargs)
        sizes.append(len(document.pages))
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", counting)
    return sizes


def test_the_pdf_is_laid_out_in_full_once(reference_document, monkeypatch):
    """Where groups longer than a page are cut (the crowded department), the trial layouts that
    split the cut merged cells cover only the appendix (it starts on a page of its own), not the
    whole report."""
    sizes = layout_sizes(monkeypatch)
    render_pdf(draft_report(crowded(reference_document), charts=False), io.BytesIO())
    full = max(sizes)
    assert len(sizes) >= 2  # the fallback ran
    # the body (12 of the 18 pages) is not laid out again
    assert sizes.count(full) == 1 and all(size < full * 0.6 for size in sizes if size != full)
    assert len(sizes) <= 4


def test_groups_that_fit_a_page_are_kept_whole_so_one_layout_does(reference_document, monkeypatch):
    """Every merged group of the reference 自评表 fits on a page, so each is kept on one page (as
    the docx does) and no page break cuts a merged cell: one layout, no trial layouts."""
    sizes = layout_sizes(monkeypatch)
    render_pdf(draft_report(reference_document, charts=True), io.BytesIO())
    assert len(sizes) == 1
