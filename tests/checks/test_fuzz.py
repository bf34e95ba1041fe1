"""Fuzzing (hypothesis): random and mangled report text and mangled documents never raise.

Whatever arrives — random Unicode, a real report cut, shuffled, with digits and brackets swapped —
parsing and checking return a report and findings; a document that cannot be read raises only the
documented error with a Chinese message.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.checks import Finding, check_document, check_report_text, review_report
from jixiao.documents.datafile import DocumentFormatError, document_from_dict
from jixiao.published import parse_report_text

SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[1] / "data" / "published")
                                                         .glob("*.txt"))]
ALPHABET = st.sampled_from(list("一二三四五（）()、。，,.:：；%万元0123456789 \n|≥≤=≧═其中指标个设置执行率预算数全部拨付"
                                "得分优良中差年度自评报告任务基本支出项目支出①②③是XX字以内-—…[]【】\t\u3000"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _review_never_raises(text: str) -> None:
    report = parse_report_text(text)
    data = report.to_json()
    assert isinstance(data["tasks"], list) and isinstance(data["sections"], list)
    result = review_report(report)
    for finding in result.findings:
        assert isinstance(finding, Finding) and finding.message
        finding.to_json()
    for confirmation in result.confirmed:
        confirmation.to_json()


@FUZZ
@given(st.text(max_size=400))
def test_random_unicode(text):
    _review_never_raises(text)


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=600))
def test_random_text_made_of_report_vocabulary(text):
    _review_never_raises(text)


@FUZZ
@given(sample=st.sampled_from(SAMPLES), data=st.data())
def test_real_reports_cut_shuffled_and_mangled(sample, data):
    lines = sample.splitlines()
    start = data.draw(st.integers(0, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    piece = lines[start:end]
    if data.draw(st.booleans()):
        piece = data.draw(st.permutations(piece))
    text = "\n".join(piece)
    for _ in range(data.draw(st.integers(0, 8))):
        if not text:
            break
        position = data.draw(st.integers(0, len(text) - 1))
        replacement = data.draw(st.sampled_from(["", "9", "0", "（", "）", "、", "%", "|", "\n", "万元", ".", ",", "一、"]))
        text = text[:position] + replacement + text[position + 1:]
    _review_never_raises(text)


@FUZZ
@given(st.lists(st.sampled_from(["全年预算数", "执行数", "执行率", "万元", "元", "%", "其中", "基本支出", "项目支出",
                                 "设置指标", "个", "年初预算数", "全年执行数", "分值", "得分", "总分", "优", "|", "\n",
                                 "≥", "=", "100", "0", "1,291.73", "99.7", "86.19", "十", "二、", "（三）"]),
                max_size=80))
def test_sequences_of_report_phrases(words):
    _review_never_raises(" ".join(words))


BASE = {
    "region": {"code": "440112", "name": "黄埔区"}, "department": {"code": "T", "name": "测试局"},
    "year": 2022, "kind": "project", "rule_pack": "mof-2020-project",
    "funds": [{"source": "一般公共预算财政拨款", "nature": "项目支出", "initial_budget": "50", "full_year_budget": "50",
               "executed": "48.5"}],
    "tasks": [{"code": "1", "name": "培训", "funds": "50",
               "projects": [{"code": "P", "name": "培训经费", "budget": "50", "executed": "48.5"}],
               "indicators": [
                   {"code": "1-1", "level1": "产出指标", "level2": "数量指标", "name": "培训场次", "target": "≥10场",
                    "actual": "9场", "weight": "50"},
                   {"code": "1-2", "level1": "效益指标", "level2": "社会效益指标", "name": "企业合规率", "target": "有效",
                    "actual": "达成", "weight": "30"},
                   {"code": "1-3", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度",
                    "target": "≥90%", "actual": "93%", "weight": "10"}]}],
    "sections": [{"key": "s", "title": "概况", "text": "全年预算数 50 万元，执行数 48.5 万元，执行率 97%。"}],
}
VALUES = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(
    ["", "0", "-5", "1e9", "≥", "≤0", "=0", "0%", "NaN", "∞", "100000000000", "有效", "未达成", "0.001", "abc",
     "产出指标", "成本指标", "定性", "2021", "项目支出", "其他资金"]), st.integers(-10, 10 ** 6),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=10 ** 7))
FIELDS = [("year",), ("kind",), ("rule_pack",), ("funds", 0, "executed"), ("funds", 0, "full_year_budget"),
          ("funds", 0, "source"), ("tasks", 0, "funds"), ("tasks", 0, "projects", 0, "budget")]
for index in range(3):
    for key in ("level1", "level2", "target", "actual", "weight", "self_score", "direction", "name", "code",
                "deviation_reason"):
        FIELDS.append(("tasks", 0, "indicators", index, key))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FIELDS), VALUES), max_size=6),
       st.sampled_from(["evaluation", "targets"]))
def test_mangled_documents_are_refused_clearly_or_checked(changes, stage):
    data = copy.deepcopy(BASE)
    for path, value in changes:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = str(value) if isinstance(value, Decimal) else value
    try:
        doc = document_from_dict(data)
    except DocumentFormatError as exc:
        assert str(exc)  # a message naming the field
        return
    for finding in check_document(doc, stage=stage):
        assert finding.message and finding.to_json()["severity"] in ("错误", "警告", "提示")


def test_check_report_text_of_nothing():
    assert check_report_text("") == [] and check_report_text("\n\n \u3000") == []


@lru_cache(maxsize=None)
def _file_samples() -> dict[str, bytes]:
    """A small .docx, .pdf and .xlsx to mangle (made once)."""
    import io

    import docx

    from jixiao.documents.workbook import workbook_bytes

    samples = {}
    document = docx.Document()
    for line in SAMPLES[-1].splitlines()[:30]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["年初预算数", "全年预算数", "全年执行数",
                                                                      "10.00", "10.00", "9.50"]):
        cell.text = text
    stream = io.BytesIO()
    document.save(stream)
    samples[".docx"] = stream.getvalue()
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    stream = io.BytesIO()
    writer.write(stream)
    samples[".pdf"] = stream.getvalue()
    samples[".xlsx"] = workbook_bytes(document_from_dict(copy.deepcopy(BASE)))
    return samples


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".docx", ".pdf", ".xlsx"]), data=st.data())
def test_mangled_files_through_the_commands(tmp_path, suffix, data):
    from jixiao.cli import main

    content = bytearray(_file_samples()[suffix])
    for _ in range(data.draw(st.integers(0, 12))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        content = content[: data.draw(st.integers(0, len(content)))]
    path = tmp_path / f"mangled{suffix}"
    path.write_bytes(bytes(content))
    assert main(["check", str(path), "--json"]) in (0, 1, 2)
    if suffix != ".xlsx":
        assert main(["parse", str(path), "--json"]) in (0, 2)
