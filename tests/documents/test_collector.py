"""The garbage collector paused around reading and laying out documents, and left as it was found."""

from __future__ import annotations

import gc

import pytest

from jixiao.documents.collector import collector_paused


@pytest.fixture(autouse=True)
def collector_on_after():
    yield
    gc.enable()


def test_paused_inside_and_on_again_after():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error():
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("x")
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    with collector_paused():
        with collector_paused():  # a second job at once
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_reading_a_workbook_and_writing_a_report_leave_it_on(reference_document, tmp_path):
    from jixiao.documents.report import render_docx
    from jixiao.documents.workbook import read_workbook, write_workbook

    gc.enable()
    write_workbook(reference_document, tmp_path / "w.xlsx")
    read_workbook(tmp_path / "w.xlsx")
    render_docx(reference_document, tmp_path / "r.docx", charts=False)
    assert gc.isenabled()
