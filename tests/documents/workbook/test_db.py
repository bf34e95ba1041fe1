"""The workbook and the database: ``jixiao import`` / ``export`` / ``forms`` / ``opendata`` against a
real database. Nothing is written unless the whole workbook is valid; a refused import leaves every
table exactly as it was."""

from __future__ import annotations

import copy
import io
import json
import re

import pytest


from jixiao.orgs.models import SYSTEM
from jixiao.cli import main
from jixiao.documents.datafile import document_to_dict
from jixiao.documents.workbook import workbook_bytes
from jixiao.domain.enums import EvaluationStatus

pytestmark = pytest.mark.django_db(transaction=True)  # the commands migrate and open their own transactions


@pytest.fixture
def draft_document(reference_document):
    return reference_document.with_changes(status=EvaluationStatus.DRAFT)


def _tables() -> dict[str, int]:
    """Row counts of every table an import touches (and their history tables)."""
    from django.apps import apps

    return {model._meta.label: model.objects.count() for app in ("evaluations", "orgs", "events", "monitoring")
            for model in apps.get_app_config(app).get_models()}


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def _stored(department="440112-107", year=2022):
    from jixiao.evaluations.selectors import find_evaluation
    from jixiao.evaluations.store import document_for

    return document_for(find_evaluation(department, year))


def test_import_then_export_gives_the_same_workbook(draft_document, tmp_path, capsys, xlsx):
    original = workbook_bytes(draft_document)
    assert main(["import", _write(tmp_path / "gsl.xlsx", original)]) == 0
    out = capsys.readouterr().out
    assert "已导入：2022 年度广州市黄埔区工商业联合会部门整体支出绩效自评：任务 3 个、项目 3 个、指标 19 个" in out
    assert main(["export", "--department", "广州市黄埔区工商业联合会", "--year", "2022", "-o",
                 str(tmp_path / "back.xlsx")]) == 0
    back = xlsx.sheets((tmp_path / "back.xlsx").read_bytes())
    label, stamp = back["基本信息"][12][:2]
    assert label == "导出版本" and re.fullmatch(r"1-[0-9a-f]{16}", stamp)  # the version it was exported at
    back["基本信息"][12][1] = ""
    assert back == xlsx.sheets(original)


def test_reimporting_an_edited_workbook_updates_the_same_evaluation(draft_document, tmp_path, xlsx):
    from jixiao.events.models import Event
    from jixiao.evaluations.models import Evaluation, Indicator

    first = workbook_bytes(draft_document)
    assert main(["import", _write(tmp_path / "v1.xlsx", first)]) == 0
    sheets = copy.deepcopy(xlsx.sheets(first))
    row = next(r for r in sheets["指标"] if r[14] == "1-5")
    row[7] = "1个"  # 乡村振兴产业对接成功案例 now achieved
    assert main(["import", _write(tmp_path / "v2.xlsx", xlsx.build(sheets))]) == 0
    assert Evaluation.objects.count() == 1
    indicator = Indicator.objects.get(code="1-5")
    assert indicator.actual_text == "1个"
    assert [h.actual_text for h in indicator.history.order_by("history_date")][-2:] == ["0个", "1个"]
    events = list(Event.objects.filter(verb="import").order_by("at"))
    assert [e.data["file_name"] for e in events] == ["v1.xlsx", "v2.xlsx"]
    assert len({e.data["sha256"] for e in events}) == 2


def test_a_broken_workbook_changes_nothing_and_lists_every_problem(draft_document, tmp_path, capsys, xlsx):
    assert main(["import", _write(tmp_path / "v1.xlsx", workbook_bytes(draft_document))]) == 0
    before_tables, before_document = _tables(), document_to_dict(_stored())
    sheets = copy.deepcopy(xlsx.sheets(workbook_bytes(draft_document)))
    sheets["指标"][11][5] = "≥约30场"
    sheets["指标"][2][7] = "99场"  # a valid change in the same file must not be written either
    sheets["资金"][1][3] = "很多"
    capsys.readouterr()
    assert main(["import", _write(tmp_path / "broken.xlsx", xlsx.build(sheets))]) == 2
    err = capsys.readouterr().err
    assert "broken.xlsx 未导入，工作簿有 2 处问题" in err
    assert "资金!D2：“很多”不是有效的金额（单位：万元）" in err and "指标!F12：“≥约30场”无法识别为数值" in err
    assert _tables() == before_tables
    assert document_to_dict(_stored()) == before_document


def test_an_import_refused_by_the_service_changes_nothing(reference_document, tmp_path, capsys, load_evaluation):
    published = workbook_bytes(reference_document)  # status 已公开: locked once stored
    from jixiao.evaluations.services import import_document

    load_evaluation(reference_document)
    before = _tables()
    changed = reference_document.with_changes(self_total=None)
    assert main(["import", _write(tmp_path / "again.xlsx", workbook_bytes(changed))]) == 2
    assert "已锁定，不能导入修改" in capsys.readouterr().err
    assert _tables() == before
    assert published  # the original stays as stored


def test_an_unsafe_file_is_refused_before_the_database(tmp_path, capsys):
    before = _tables()
    assert main(["import", _write(tmp_path / "fake.xlsx", b"not a workbook at all")]) == 2
    assert "不是 Excel 工作簿" in capsys.readouterr().err
    assert _tables() == before


def test_filled_project_forms_become_project_evaluations(worked_project, tmp_path, capsys):
    from jixiao.documents.forms import write_project_forms
    from jixiao.evaluations.models import Evaluation

    buffer = io.BytesIO()
    write_project_forms(worked_project, buffer)
    path = _write(tmp_path / "forms.xlsx", buffer.getvalue())
    assert main(["import", path, "--form"]) == 2
    assert "--department-code" in capsys.readouterr().err
    for _ in range(2):  # the second import updates the same evaluation
        assert main(["import", path, "--form", "--department-code", "440112-107", "--region-code", "440112"]) == 0
    (evaluation,) = Evaluation.objects.filter(kind="project")
    assert evaluation.project_code == "会员企业培训服务" and evaluation.score_total is not None
    assert str(evaluation.score_total) == "95.62"


def test_forms_and_open_data_from_the_database(reference_document, tmp_path, capsys, load_evaluation):
    from jixiao.evaluations.services import import_document

    load_evaluation(reference_document)  # 已公开
    assert main(["forms", "department", "--department", "440112-107", "--year", "2022", "-o",
                 str(tmp_path / "dept.xlsx")]) == 0
    assert main(["opendata", "-o", str(tmp_path / "open"), "--year", "2022"]) == 0
    assert "评价 1 个、指标 19 个、资金 2 条" in capsys.readouterr().out
    package = json.loads((tmp_path / "open" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["evaluations", "indicators", "funds", "evaluations-nested"]
    assert main(["opendata", "-o", str(tmp_path / "none"), "--year", "2019"]) == 2


def test_a_form_row_in_wording_jixiao_does_not_know_is_imported_and_stays_unverifiable(worked_project, tmp_path):
    from dataclasses import replace

    from jixiao.assessment import assess
    from jixiao.documents.forms import write_project_forms
    from jixiao.domain.document import Indicator
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.store import document_for

    first = worked_project.indicators[0]
    unread = Indicator.unreadable(code=first.code, level1=first.level1, level2=first.level2, name=first.name,
                                  target="不发生", actual="未发生", weight=first.weight, self_score=first.weight,
                                  reason="")
    task = worked_project.tasks[0]
    document = worked_project.with_changes(tasks=(replace(task, indicators=(unread, *task.indicators[1:])),))
    buffer = io.BytesIO()
    write_project_forms(document, buffer)
    path = _write(tmp_path / "forms.xlsx", buffer.getvalue())
    assert main(["import", path, "--form", "--department-code", "440112-107", "--region-code", "440112"]) == 0
    (evaluation,) = Evaluation.objects.filter(kind="project")
    stored = document_for(evaluation)
    row = next(i for i in stored.indicators if i.name == first.name)
    assert row.unread == "指标值“不发生”无法识别为数值或定性完成情况"
    result = assess(stored).result
    assert result.unverified == 1 and evaluation.score_total == result.total
