"""Values given with their sign (指标性质) and unit (度量单位) in columns of their own: combined into one
value as one cell would write it, a sign said once, a sign that contradicts the value refused at its
cell naming both, and what the export writes read back equal."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from jixiao.documents.workbook import WorkbookError, read_workbook, workbook_bytes
from jixiao.domain.enums import Direction

DIRECTION, TARGET, UNIT, ACTUAL = 4, 5, 6, 7  # columns E, F, G, H of the 指标 sheet


@pytest.fixture
def sheets(reference_document, xlsx):
    data = copy.deepcopy(xlsx.sheets(workbook_bytes(reference_document)))
    assert data["指标"][1][DIRECTION:ACTUAL + 1] == ["≥", "≥4场", "场", "4场"]  # 基层商（协）会专题培训场次
    return data


def test_a_sign_column_and_a_sign_in_words_are_said_once_and_read_back(sheets, xlsx):
    sheets["指标"][1][TARGET:ACTUAL + 1] = ["不少于4", "场", "4"]
    doc = read_workbook(xlsx.build(sheets))
    indicator = doc.indicators[0]
    assert (indicator.target.text, indicator.actual.text) == ("不少于4场", "4场")  # was ≥不少于4场, refused on import
    assert (indicator.direction, indicator.target.number, indicator.unit) == (Direction.GE, Decimal(4), "场")
    again = read_workbook(workbook_bytes(doc))  # what the export writes, the import reads equal
    assert again.indicators == doc.indicators


def test_a_sign_after_the_number_and_a_multiplier_with_a_unit_column(sheets, xlsx):
    sheets["指标"][1][TARGET:ACTUAL + 1] = ["1万", "人次", "12000"]
    sheets["指标"][2][TARGET] = "20场及以上"
    doc = read_workbook(xlsx.build(sheets))
    first, second = doc.indicators[:2]
    assert (first.target.text, first.actual.text, first.unit) == ("≥1万人次", "12000人次", "万人次")
    assert (second.target.text, second.target.direction, second.target.number) == ("20场及以上", Direction.GE, 20)
    assert read_workbook(workbook_bytes(doc)).indicators == doc.indicators


def test_a_sign_column_that_contradicts_the_value_is_refused_at_its_cell(sheets, xlsx):
    sheets["指标"][1][DIRECTION] = "≤"
    with pytest.raises(WorkbookError) as caught:
        read_workbook(xlsx.build(sheets))
    (problem,) = caught.value.problems
    assert str(problem) == "指标!E2：“≤”（指标性质）与指标值“≥4场”所写的“≥”矛盾，请改正其中之一"
