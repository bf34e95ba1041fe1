"""Checking grows with the document, not with its square: each indicator's score and each finding's
workbook row are looked up in an index, never by a scan of every item or row (25,000 indicators took
42 s to check against 0.7 s to score, 100,000 past 120 s; see benchmarks/bench_checks.py for the
times). The tests count the scans, so they do not depend on the machine's speed."""

from __future__ import annotations

from jixiao.assessment import assess
from jixiao.checks import check_document, locate_in_workbook
from jixiao.checks.document import locations
from jixiao.demo.synthetic import documents
from jixiao.documents.workbook import workbook_bytes


class CountedItems(tuple):
    """A result's items that count how often they are walked through."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def _document(indicators: int):
    return next(documents(1, years=(2022,), tasks_per_department=20, indicators_per_task=indicators // 20))


def test_the_checks_walk_the_scored_items_a_fixed_number_of_times_whatever_the_size():
    walks = []
    for size in (200, 800):
        assessment = assess(_document(size))
        CountedItems.walks = 0
        object.__setattr__(assessment.result, "items", CountedItems(assessment.result.items))
        check_document(assessment)
        walks.append(CountedItems.walks)
    assert walks[0] == walks[1] and walks[1] < 50, walks  # not one walk per indicator


def test_findings_are_placed_in_the_workbook_reading_each_row_a_fixed_number_of_times(monkeypatch):
    reads = {"count": 0}
    value = locations._Sheet.value

    def counted(self, row, key):
        reads["count"] += 1
        return value(self, row, key)

    monkeypatch.setattr(locations._Sheet, "value", counted)
    per_row = []
    for size in (200, 800):
        doc = _document(size)
        findings = check_document(doc)
        assert len(findings) > size / 10
        reads["count"] = 0
        located = locate_in_workbook(findings, workbook_bytes(doc))
        assert sum("row" in f.location for f in located) > size / 10
        per_row.append(reads["count"] / len(doc.indicators))
    assert per_row[1] < 5 and per_row[1] <= per_row[0] * 1.5, per_row  # not findings × rows
