"""Cell edits from the web grid: the import's messages, all or nothing, optimistic locking, rescoring,
read-only when locked (the admin included), and an event with before and after for every change."""

import inspect

import pytest

from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.domain.rows import FUNDS, INDICATORS, PROJECTS, TASKS
from jixiao.evaluations import edits, services
from jixiao.evaluations.edits import CellChange, EditRefused
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Project, ReportSection, Task
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM, User


@pytest.fixture
def draft(personas, reference_document):
    return services.import_document(document=reference_document.with_changes(status=EvaluationStatus.DRAFT),
                                    acting_user=SYSTEM)


def _indicator(evaluation, code="1-1"):
    return Indicator.objects.get(task__evaluation=evaluation, code=code)


def _counts():
    return (Indicator.objects.count(), Event.objects.count(),
            list(Indicator.objects.order_by("id").values_list("target_text", "actual_text", "weight")))


def test_a_cell_edit_is_saved_with_its_event_and_rescored(draft, personas):
    row = _indicator(draft)
    before_total = Evaluation.objects.get().score_total
    result = edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                                       field="actual", value="0", old=row.actual_text)
    row.refresh_from_db()
    assert row.actual_text.startswith("0") and row.actual_value == 0
    event = Event.objects.order_by("-id").first()
    assert (event.verb, event.actor) == (EventVerb.EDIT.value, personas["own_staff"])
    (change,) = event.data["changes"]
    assert change["field_label"] == "实际完成值" and change["after"] == row.actual_text
    evaluation = Evaluation.objects.get()
    assert evaluation.revision == draft.revision + 1
    assert evaluation.score_total < before_total == draft.score_total
    assert result.score_total == evaluation.score_total
    assert result.rows[INDICATORS][row.pk]["actual"] == row.actual_text
    assert row.score == 0 and "0" in row.score_explanation


def test_refused_values_have_the_import_messages_and_nothing_is_written(draft, personas):
    a, b = _indicator(draft, "1-1"), _indicator(draft, "1-2")
    before = _counts()
    with pytest.raises(EditRefused) as refused:
        edits.save_cells(evaluation=draft, acting_user=personas["own_staff"], changes=[
            CellChange(INDICATORS, a.pk, "actual", "12"),  # valid, but the block is all or nothing
            CellChange(INDICATORS, b.pk, "weight", "-3"),
            CellChange(INDICATORS, b.pk, "name", "a\x07b"),
        ])
    messages = [p.message for p in refused.value.problems]
    assert "分值：分值不能为负数：“-3”" in messages
    assert any(m.startswith("三级指标：含有不可见的控制字符") for m in messages)
    assert _counts() == before


def test_money_cells_read_as_the_import_reads_them(draft, personas):
    line = FundLine.objects.filter(evaluation=draft).first()
    edits.edit_fund_cell(evaluation=draft, acting_user=personas["own_staff"], fund_line_id=line.pk,
                         field="executed", value="425,200元")
    line.refresh_from_db()
    assert str(line.executed) == "42.52"
    with pytest.raises(EditRefused) as refused:
        edits.edit_fund_cell(evaluation=draft, acting_user=personas["own_staff"], fund_line_id=line.pk,
                             field="executed", value="很多")
    assert refused.value.problems[0].message == "执行数：“很多”不是有效的金额（单位：万元）"


def test_a_second_writer_is_told_the_other_value(draft, personas):
    row = _indicator(draft)
    seen = row.target_text
    edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                              field="target", value="≥22", old=seen)
    with pytest.raises(EditRefused) as refused:
        edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_approver"], indicator_id=row.pk,
                                  field="target", value="≥30", old=seen)
    (problem,) = refused.value.problems
    assert problem.kind == "conflict" and problem.stored.startswith("≥22")
    assert "已被他人改为" in problem.message
    row.refresh_from_db()
    assert row.target_text.startswith("≥22")


def test_a_level2_must_belong_to_its_level1(draft, personas):
    row = _indicator(draft)
    with pytest.raises(EditRefused) as refused:
        edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                                  field="level2", value="社会效益指标")
    assert "不属于" in refused.value.problems[0].message


@pytest.mark.parametrize("who", ["other_staff", "reviewer", "far_reviewer"])
def test_outsiders_and_reviewers_cannot_edit(draft, personas, who):
    row = _indicator(draft)
    with pytest.raises(services.NotPermitted):
        edits.edit_indicator_cell(evaluation=draft, acting_user=personas[who], indicator_id=row.pk,
                                  field="actual", value="1")


def test_a_submitted_evaluation_is_read_only_even_for_the_admin(draft, personas):
    services.submit_evaluation(evaluation=draft, acting_user=personas["own_approver"])
    admin = User.objects.create_superuser("root", password="pw-root-123")
    row = _indicator(draft)
    for user in (personas["own_staff"], admin):
        with pytest.raises(services.EvaluationLocked):
            edits.edit_indicator_cell(evaluation=draft, acting_user=user, indicator_id=row.pk, field="actual",
                                      value="1")


def test_a_row_of_another_evaluation_cannot_be_reached(draft, personas, load_evaluation, reference_document):
    other = load_evaluation(reference_document.with_changes(year=2021, status=EvaluationStatus.DRAFT))
    foreign = Indicator.objects.filter(task__evaluation=other).first()
    with pytest.raises(EditRefused):
        edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=foreign.pk,
                                  field="actual", value="1")


def test_deleting_a_task_needs_confirmation(draft, personas):
    task = Task.objects.filter(evaluation=draft).first()
    with pytest.raises(edits.RowDeletionNotConfirmed) as asked:
        edits.delete_row(evaluation=draft, acting_user=personas["own_staff"], part=TASKS, row_id=task.pk)
    assert "个指标" in str(asked.value)
    assert Task.objects.filter(pk=task.pk).exists()
    edits.delete_row(evaluation=draft, acting_user=personas["own_staff"], part=TASKS, row_id=task.pk, confirmed=True)
    assert not Task.objects.filter(pk=task.pk).exists()


def test_redraft_keeps_text_a_person_changed(draft, personas):
    section = ReportSection.objects.filter(evaluation=draft).first()
    edits.save_section(evaluation=draft, acting_user=personas["own_staff"], key=section.key, text="人写的文字")
    edits.redraft_sections(evaluation=draft, acting_user=personas["own_staff"])
    section.refresh_from_db()
    assert section.text == "人写的文字" and section.edited


def test_a_workbook_exported_before_a_web_edit_names_it(draft, personas):
    """Web edits are content changes: the stale-workbook merge lists them."""
    services.record_export(evaluation=draft, acting_user=personas["own_staff"])
    row = _indicator(draft)
    edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                              field="deviation_reason", value="网页修改")
    assert Evaluation.objects.get().revision == draft.revision + 1
    assert services._CONTENT_VERBS.count(EventVerb.EDIT.value) == 1


def _first(model, evaluation):
    path = "evaluation" if model in (FundLine, Task) else "task__evaluation"
    return model.objects.filter(**{path: evaluation}).first()


SCENARIOS = {
    "save_cells": lambda e, u: edits.save_cells(evaluation=e, acting_user=u, changes=[
        CellChange(INDICATORS, _first(Indicator, e).pk, "improvement", "加强管理")]),
    "edit_indicator_cell": lambda e, u: edits.edit_indicator_cell(
        evaluation=e, acting_user=u, indicator_id=_first(Indicator, e).pk, field="actual", value="1"),
    "edit_fund_cell": lambda e, u: edits.edit_fund_cell(
        evaluation=e, acting_user=u, fund_line_id=_first(FundLine, e).pk, field="executed", value="1"),
    "edit_task_cell": lambda e, u: edits.edit_task_cell(
        evaluation=e, acting_user=u, task_id=_first(Task, e).pk, field="responsible_unit", value="某单位"),
    "edit_project_cell": lambda e, u: edits.edit_project_cell(
        evaluation=e, acting_user=u, project_id=_first(Project, e).pk, field="name", value="新名称"),
    "add_row": lambda e, u: edits.add_row(evaluation=e, acting_user=u, part=INDICATORS, task_id=_first(Task, e).pk,
                                          values={"name": "新增"}),
    "delete_row": lambda e, u: edits.delete_row(evaluation=e, acting_user=u, part=PROJECTS,
                                                row_id=_first(Project, e).pk, confirmed=True),
    "save_section": lambda e, u: edits.save_section(
        evaluation=e, acting_user=u, key=ReportSection.objects.filter(evaluation=e).first().key, text="新文字"),
    "redraft_sections": lambda e, u: (ReportSection.objects.filter(evaluation=e).update(edited=False, text=""),
                                      edits.redraft_sections(evaluation=e, acting_user=u)),
    "record_download": lambda e, u: edits.record_download(evaluation=e, acting_user=u, what="自评报告（PDF）"),
}
READ_ONLY = {"row_cells", "indicator_cells", "deletion_text"}


def test_every_public_edit_service_has_a_scenario():
    public = {name for name, member in inspect.getmembers(edits, inspect.isfunction)
              if member.__module__ == edits.__name__ and not name.startswith("_")}
    assert public == set(SCENARIOS) | READ_ONLY


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_edit_service_writes_its_event_naming_the_actor(name, draft, personas):
    SCENARIOS[name](draft, personas["own_staff"])
    event = Event.objects.order_by("-id").first()
    assert event.actor == personas["own_staff"] and event.evaluation == draft
    assert event.verb in (EventVerb.EDIT.value, EventVerb.DOWNLOAD.value)
    parameter = inspect.signature(getattr(edits, name)).parameters["acting_user"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty


# The same bad value gets the same message in the grid as in an imported workbook.
SAME_MESSAGES = [
    ("指标", "分值", "weight", "-3"),
    ("指标", "分值", "weight", "很高"),
    ("指标", "实际完成值", "actual", "大约一些"),
    ("指标", "三级指标", "name", "名" * 301),
    ("指标", "年度指标值", "target", "≥" + "9" * 40),
    ("资金", "执行数", "executed", "很多"),
    ("资金", "执行数", "executed", "-5"),
]


@pytest.mark.parametrize("sheet, header, field, value", SAME_MESSAGES)
def test_the_grid_says_what_the_import_says(draft, personas, sheet, header, field, value):
    import io

    import openpyxl

    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file
    from jixiao.evaluations.store import document_for
    from jixiao.usecases.workbooks import export_document

    book = openpyxl.load_workbook(io.BytesIO(export_document(document_for(draft), ".xlsx").data))
    column = next(c.column for c in book[sheet][1] if str(c.value).startswith(header))
    book[sheet].cell(row=2, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookError) as imported:
        read_workbook_file(out.getvalue())
    (problem,) = [p for p in imported.value.problems if p.row == 2]
    part, model = (INDICATORS, Indicator) if sheet == "指标" else (FUNDS, FundLine)
    path = "task__evaluation" if model is Indicator else "evaluation"
    row = model.objects.filter(**{path: draft}).order_by("id").first()
    if model is Indicator:
        row = model.objects.filter(**{path: draft}).order_by("task__position", "position").first()
    with pytest.raises(EditRefused) as edited:
        edits.save_cells(evaluation=draft, acting_user=personas["own_staff"],
                         changes=[CellChange(part, row.pk, field, value)])
    assert edited.value.problems[0].message == f"{header}：{problem.message}"
