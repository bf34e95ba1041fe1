"""The three-way merge of a workbook exported at an older version (domain/rows.py), cell by cell."""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.rows import cells_from_json, changes, merge, rows_json
from jixiao.domain.values import parse_value


def _indicator_changed(doc, code, **changes_):
    tasks = []
    for task in doc.tasks:
        tasks.append(replace(task, indicators=tuple(replace(i, **changes_) if i.code == code else i
                                                    for i in task.indicators)))
    return doc.with_changes(tasks=tuple(tasks))


def test_cells_changed_on_one_side_each_are_all_kept(reference_document):
    base = cells_from_json(rows_json(reference_document))
    mine = _indicator_changed(reference_document, "1-5", actual=parse_value("1个", unit="个"))
    theirs = reference_document.with_changes(self_grade="良")
    merged = merge(base, mine, theirs)
    assert merged.conflicts == ()
    assert merged.document.self_grade == "良"
    assert next(i for i in merged.document.indicators if i.code == "1-5").actual.text == "1个"
    assert changes(theirs, merged.document).updated["指标"] == ["1-5 乡村振兴产业对接成功案例"]


def test_the_same_cell_changed_differently_is_a_conflict_and_alike_is_not(reference_document):
    base = cells_from_json(rows_json(reference_document))
    one = _indicator_changed(reference_document, "1-5", actual=parse_value("1个", unit="个"))
    two = _indicator_changed(reference_document, "1-5", actual=parse_value("2个", unit="个"))
    (conflict,) = merge(base, two, one).conflicts
    assert (conflict.key, conflict.field, conflict.mine, conflict.stored) == (("1-5",), "actual", "2个", "1个")
    assert merge(base, one, one).conflicts == ()


def test_a_row_added_on_both_sides_with_different_cells_is_a_conflict(reference_document):
    base = cells_from_json(rows_json(reference_document))
    task = reference_document.tasks[0]
    new = replace(task.indicators[0], code="1-9", name="新增指标")

    def with_new(doc, indicator):
        return doc.with_changes(tasks=(replace(task, indicators=task.indicators + (indicator,)),)
                                + doc.tasks[1:])

    merged = merge(base, with_new(reference_document, new),
                   with_new(reference_document, replace(new, name="另一个新增指标")))
    assert [(c.key, c.field) for c in merged.conflicts] == [(("1-9",), "name")]


def test_an_indicator_left_under_a_task_deleted_on_the_other_side_is_a_conflict(reference_document):
    base = cells_from_json(rows_json(reference_document))
    without_task_3 = reference_document.with_changes(tasks=reference_document.tasks[:2])
    theirs = _indicator_changed(reference_document, "3-1", improvement="加强宣传")
    conflicts = merge(base, without_task_3, theirs).conflicts
    assert any(c.key == ("3-1",) and "已被他人修改" in c.why for c in conflicts)
