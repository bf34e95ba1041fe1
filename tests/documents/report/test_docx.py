"""The report as .docx: every data-driven sentence of the reference report, correct numbering, the
GB/T 9704 layout, regional templates, and a file Word, WPS and LibreOffice open."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from jixiao.documents import office
from jixiao.documents.report import ReportTemplateError, docx_bytes, render_docx
from jixiao.documents.report.template import DEFAULT_TEMPLATE
from jixiao.narrative import draft_report

# The data-driven sentences of the reference report (shared/reference/000_9b854e6e413d734c.txt), as
# printed there. The reference words the task sentence three ways (“经费。主要实施机构为” for task 1,
# “，主要实施单位为” for tasks 2 and 3); jixiao writes one form, “，主要实施机构为”, so the reference
# sentences are compared after that one substitution. Everything else must match character for character.
REFERENCE_FUNDS = (
    "全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。按资金来源分，一般公共预算财政拨款支出 "
    "1,288.38 万元，政府性基金预算财政拨款支出 0 万元，国有资本经营预算财政拨款支出 0 万元，其他资金支出 0 万元。"
    "按支出性质看，基本支出 815.05 万元，项目支出 473.33 万元。年末结转和结余 0 万元。")
REFERENCE_TASKS = (
    "本任务的主要实施项目为工商联业务及海内外联谊工作经费。主要实施机构为业务科，涉及资金 42.52 万元。本任务 2022 "
    "年初设置绩效评价指标 6 个，其中产出指标 3 个、效益指标 2 个、满意度指标 1 个。经测评，该 6 个指标中 5 个指标已达到目标值，"
    "1 个指标未到达目标值：2022 年受新冠病毒疫情影响，会员企业与贵州等地的产业对接事宜暂未达成意向，导致“乡村振兴产业对接成功"
    "案例”未达预期目标。",
    "本任务的主要实施项目为非公党委工作经费，主要实施单位为非公有制经济组织党建工作科（“两新”组织党建创新中心），涉及资金 "
    "52.61 万元。本任务 2022 年初设置绩效评价指标 5 个，其中产出指标 2 个、效益指标 1 个、满意度指标 2 个。根据测评，所设定的 "
    "5 项绩效指标均已达到目标值。",
    "本任务的主要实施项目为两新党建中心工作经费，主要实施单位为“两新”组织党建创新中心，涉及资金 290.17 万元。本任务 2022 "
    "年初设置绩效评价指标 8 个，其中产出指标 5 个、效益指标 2 个、满意度指标 1 个。根据测评，所设定的 8 项绩效指标均已达到目标值。",
)
REFERENCE_CONCLUSION = "经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。"
# The outline of the reference report, with its second “（三）” numbered （四） as it should be.
REFERENCE_HEADINGS = [
    "一、基本情况", "（一）部门概况", "（二）年度总体工作和重点工作任务", "（三）部门整体收支情况", "（四）部门整体绩效管理情况",
    "二、综合评价分析", "（一）自评结论综述", "（二）各项工作任务绩效目标完成情况分析",
    "1、工商联业务及海内外联谊工作（任务 1）", "2、区非公有制经济组织党委工作（任务 2）", "3、区“两新”组织党建创新中心工作（任务 3）",
    "（三）主要工作成效", "1、踔厉奋发新征程，思想引领有特色", "2、实干担当促成效，服务企业谋新篇", "3、弘扬精神扛使命，社会履责显作为",
    "三、存在的主要问题", "四、下一步改进措施",
]


def one_form(sentence: str) -> str:
    return sentence.replace("经费。主要实施机构为", "经费，主要实施机构为").replace("主要实施单位为", "主要实施机构为")


@pytest.fixture(scope="module")
def reference_docx(reference_document, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.docx"
    render_docx(reference_document, path)
    return path


@pytest.fixture(scope="module")
def opened(reference_docx):
    return docx.Document(str(reference_docx))


def paragraph_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_docx_contains_every_data_driven_sentence_of_the_reference(opened):
    texts = paragraph_texts(opened)
    assert REFERENCE_FUNDS in texts
    for sentence in REFERENCE_TASKS:
        assert one_form(sentence) in texts
    conclusion = next(t for t in texts if REFERENCE_CONCLUSION in t)
    assert conclusion.startswith("根据收集的基础数据") and conclusion.endswith(REFERENCE_CONCLUSION)


def test_docx_numbering_is_the_reference_outline_corrected(opened):
    headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
    assert headings == REFERENCE_HEADINGS


def test_problems_and_measures_are_numbered_run_in_items(opened):
    texts = paragraph_texts(opened)
    problems = [t for t in texts[texts.index("三、存在的主要问题") + 1:texts.index("四、下一步改进措施")]]
    assert [t[:3] for t in problems] == ["（一）", "（二）", "（三）"]
    assert problems[1].startswith("（二）部分任务绩效指标设置不够全面。部分任务产出指标设置过多")
    measures = texts[texts.index("四、下一步改进措施") + 1:]
    assert [t[:3] for t in measures[:3]] == ["（一）", "（二）", "（三）"]
    assert not measures[3].startswith("（")  # then comes the appendix


def test_title_is_broken_between_unit_and_kind(opened):
    title = opened.paragraphs[0]
    assert title.style.name == "Title"
    assert title.text == "2022 年度广州市黄埔区工商业联合会部门\n整体支出绩效自评报告"


def test_appendix_holds_the_funds_and_score_tables(opened):
    assert any(p.text.startswith("附件：2022 年度广州市黄埔区工商业联合会部门整体支出绩效自评表") for p in opened.paragraphs)
    funds, score, monitoring = opened.tables
    assert "乡村振兴产业对接成功案例" in {c.text for row in monitoring.rows for c in row.cells}
    assert [c.text for c in funds.rows[1].cells][2:5] == ["1,266.80", "1,291.73", "1,288.38"]
    last = [c.text for c in score.rows[-1].cells]
    assert last[0] == "总分" and "95.91" in last and "自评等次：优" in last
    codes = {c.text for row in score.rows for c in row.cells}
    assert "乡村振兴产业对接成功案例" in codes and "≥1个" in codes and "0个" in codes


def test_score_columns_hold_their_figures_on_one_line(opened):
    """The 分值 column of the 自评表 must hold "100" (three digits, half an em each at the table's
    10.5 pt) inside the cell margins; Word's default 1.9 mm margins left too little and Word and
    LibreOffice broke "100" and "95.91" over lines."""
    score = opened.tables[1]
    header = [c.text for c in score.rows[0].cells]
    column = header.index("分值")
    grid = [int(col.get(qn("w:w"))) for col in score._tbl.tblGrid.findall(qn("w:gridCol"))]
    margins = score._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None
    side = sum(int(margins.find(qn(f"w:{edge}")).get(qn("w:w"))) for edge in ("left", "right"))
    three_digits = 3 * 0.5 * 10.5 * 20  # twips
    assert grid[column] - side >= three_digits


def test_charts_are_embedded_pictures(opened, reference_docx):
    assert len(opened.inline_shapes) == 4
    with zipfile.ZipFile(reference_docx) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 4 and all(n.endswith(".png") for n in media)
    assert any(p.text == "图1 预算执行情况（按资金来源）" for p in opened.paragraphs)


def test_layout_is_gbt9704(opened):
    section = opened.sections[0]
    def mm(length):
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)] == [
        37, 35, 28, 26]
    fonts = {name: opened.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
             for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Text")}
    assert fonts == {"Normal": "仿宋", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体",
                     "Table Text": "宋体"}
    assert opened.styles["Normal"].font.size.pt == 16 and opened.styles["Title"].font.size.pt == 22
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "— " in section.footer.paragraphs[0].text


def test_every_run_resolves_to_a_chinese_font(opened):
    """Runs carry no font of their own: the styles (with w:eastAsia) decide, so Word and WPS agree."""
    for paragraph in opened.paragraphs[:40]:
        for run in paragraph.runs:
            fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
            assert fonts is None


def test_default_template_is_the_committed_file(tmp_path):
    from jixiao.documents.report.template import build_default_template

    rebuilt = build_default_template(tmp_path / "report.docx")
    texts = [p.text for p in docx.Document(str(rebuilt)).paragraphs]
    assert texts == [p.text for p in docx.Document(str(DEFAULT_TEMPLATE)).paragraphs]
    assert texts == ["{{ title_broken }}", "{{p body }}", "{{p appendix }}"]


def make_template(path, *lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_a_region_template_replaces_the_layout_without_code(reference_document, tmp_path):
    template = make_template(tmp_path / "region.docx", "{{ region_name }}财政局 {{ year }} 年度绩效自评",
                             "{{ department_name }}：自评 {{ total }} 分，等次 {{ grade }}，执行率 {{ execution_rate }}",
                             "{{p sections.problems }}")
    out = tmp_path / "out.docx"
    render_docx(reference_document, out, template)
    texts = paragraph_texts(docx.Document(str(out)))
    assert texts[0] == "广州市黄埔区财政局 2022 年度绩效自评"
    assert texts[1] == "广州市黄埔区工商业联合会：自评 95.91 分，等次 优，执行率 99.7%"
    assert texts[2] == "三、存在的主要问题" and texts[3].startswith("（一）由于受新冠病毒疫情影响")
    assert REFERENCE_FUNDS not in texts  # only what the template asked for


def test_a_region_template_may_place_the_signature_itself(reference_document, tmp_path):
    template = make_template(tmp_path / "region.docx", "{{p body }}", "附：自评表见下页", "{{p signature }}")
    out = tmp_path / "signed.docx"
    render_docx(reference_document, out, template)
    texts = paragraph_texts(docx.Document(str(out)))
    at = texts.index("附：自评表见下页")
    assert texts.count("广州市黄埔区工商业联合会") == 1 and texts[at + 2] == "广州市黄埔区工商业联合会"
    assert texts[at + 3].endswith(" 日")


def test_special_characters_in_data_are_escaped(reference_document, tmp_path):
    doc = reference_document.with_changes(self_name="本会<&>")
    data = docx_bytes(doc, charts=False)
    texts = paragraph_texts(docx.Document(io.BytesIO(data)))
    assert any("本会<&>整体支出绩效自评" in t for t in texts)


def test_unusable_templates_fail_with_a_chinese_message(reference_document, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(ReportTemplateError, match="报告模板.*无法打开"):
        render_docx(reference_document, tmp_path / "x.docx", broken)
    bad_jinja = make_template(tmp_path / "bad.docx", "{{ title ")
    with pytest.raises(ReportTemplateError, match="无法填充"):
        render_docx(reference_document, tmp_path / "y.docx", bad_jinja)


def test_a_report_object_renders_the_same(reference_document, tmp_path):
    report = draft_report(reference_document, charts=False)
    render_docx(report, tmp_path / "a.docx")
    assert REFERENCE_FUNDS in paragraph_texts(docx.Document(str(tmp_path / "a.docx")))


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_docx_to_pdf_with_chinese_text(reference_docx, tmp_path):
    from pypdf import PdfReader

    pdf = office.convert(reference_docx, "pdf", outdir=tmp_path)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 10
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert "全年预算数1,291.73万元" in text
    assert "本会整体支出绩效自评95.91分" in text
    assert "四、下一步改进措施" in text
    assert os.path.getsize(pdf) > 50_000
