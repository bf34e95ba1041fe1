"""Round-trip properties: whatever the import accepts, the workbook writer writes and the reader reads
back unchanged, and every other writer (the docx, HTML and PDF reports, the official forms, open data)
can write. Values are generated within the limits of :mod:`jixiao.domain.limits`, awkward ones
included: quotes, line breaks, CJK punctuation, emoji, text that looks like a formula or like Excel's
``_x0041_`` escapes, text up to the column's length, amounts up to the largest accepted."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.documents.datafile import document_to_dict
from jixiao.documents.workbook import read_workbook, workbook_bytes
from jixiao.domain.limits import MONEY, SCORE, TEXT, document_problems

_AWKWARD = ["\"", "'", "“", "”", "「", "」", "、", "，", "。", "；", "（", "）", "《", "》", "—", "…", "\n", "\t",
            "=", "+", "-", "@", "_x0041_", "_x000D_", "&", "<", ">", "😀", "👨‍👩‍👧", "𠀀", "\u00a0", "\u3000", "¥"]
_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                            blacklist_characters="\u200b\u200c\u200d\u2060\ufeff\ufffe\uffff\u2028\u2029")


def as_read(text: str) -> str:
    """What the reader keeps of a text: no white space, nor joiners (ZWJ, ZWNJ), at either end."""
    while text != (stripped := text.strip().strip("\u200c\u200d")):
        text = stripped
    return text


def texts(max_size: int, min_size: int = 0):
    """Text as the reader gives it back: stripped, without the invisible characters it drops (a text
    cut at its column's length may end inside an emoji sequence, on a joiner)."""
    pieces = st.lists(st.one_of(st.sampled_from(_AWKWARD), st.text(_CHARACTERS, max_size=8)), max_size=12)
    text = pieces.map("".join).map(as_read)
    if max_size > 200:
        text = st.one_of(text, st.integers(max_size - 3, max_size).map(lambda n: "长" * n))
    return text.map(lambda s: as_read(s[:max_size])).filter(lambda s: len(s) >= min_size)


amounts = st.decimals(min_value=0, max_value=MONEY.bound - Decimal("0.01"), places=2, allow_nan=False,
                      allow_infinity=False)
scores = st.decimals(min_value=0, max_value=SCORE.bound - Decimal("0.01"), places=2, allow_nan=False,
                     allow_infinity=False)


@st.composite
def documents(draw, reference):
    """The reference document with its free texts, amounts and weights replaced by generated ones."""
    task = reference.tasks[0]
    project = replace(task.projects[0], name=draw(texts(TEXT["project.name"], 1)),
                      unit=draw(texts(TEXT["project.unit"])), goal=draw(texts(TEXT["project.goal"])),
                      budget=draw(amounts), executed=draw(amounts), other_funds=draw(amounts))
    indicator = replace(task.indicators[0], name=draw(texts(TEXT["indicator.name"], 1)),
                        deviation_reason=draw(texts(TEXT["indicator.deviation_reason"])),
                        improvement=draw(texts(TEXT["indicator.improvement"])),
                        target_basis=draw(texts(TEXT["indicator.target_basis"])), weight=draw(scores))
    task = replace(task, name=draw(texts(TEXT["task.name"], 1)), description=draw(texts(TEXT["task.description"])),
                   responsible_unit=draw(texts(TEXT["task.responsible_unit"])), funds=draw(amounts),
                   projects=(project,) + task.projects[1:], indicators=(indicator,) + task.indicators[1:])
    line = replace(reference.fund_lines[0], initial_budget=draw(amounts), full_year_budget=draw(amounts),
                   executed=draw(amounts), carryover=draw(amounts))
    section = replace(reference.sections[0], title=draw(texts(TEXT["section.title"], 1)),
                      text=draw(texts(TEXT["section.text"])))
    return reference.with_changes(
        department_name=draw(texts(TEXT["department.name"], 1)), self_grade=draw(texts(TEXT["evaluation.stated_grade"])),
        fund_lines=(line,) + reference.fund_lines[1:], tasks=(task,) + reference.tasks[1:],
        sections=(section,) + reference.sections[1:])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_what_the_workbook_writes_it_reads_back_unchanged(reference_document, data):
    document = data.draw(documents(reference_document))
    assert document_problems(document) == []  # within what an import accepts
    assert document_to_dict(read_workbook(workbook_bytes(document))) == document_to_dict(document)


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_writer_writes_what_the_import_accepts(reference_document, fmt, data):
    from jixiao.documents.opendata import open_data_files
    from jixiao.usecases.forms import department_form, project_forms
    from jixiao.usecases.reports import produce_report

    document = data.draw(documents(reference_document))
    assert produce_report(document, fmt).data
    if fmt == "docx":  # once per example is enough for the others
        assert department_form(document).data and project_forms(document).data
        assert open_data_files([document])


def test_control_characters_never_reach_a_writer(reference_document):
    """Refused at the import (see test_nothing_lost): the docx and forms writers would crash on them
    ("All strings must be XML compatible")."""
    task = reference_document.tasks[0]
    spoiled = reference_document.with_changes(
        tasks=(replace(task, name="任务\x0b名称"),) + reference_document.tasks[1:])
    (problem,) = document_problems(spoiled)
    assert str(problem) == "任务（1）·任务名称：含有不可见的控制字符（U+000B），请删除后再导入"
