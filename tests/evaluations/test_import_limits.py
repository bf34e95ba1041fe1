"""Every entry (a YAML/JSON data file, the API, the web grid) reaches the database through
``import_document``, which refuses what a column cannot hold with the same Chinese message on SQLite
and PostgreSQL, and writes nothing (before: raw database errors, or accepted on SQLite only)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.domain.values import parse_value
from jixiao.evaluations.services import DocumentRefused, import_document
from jixiao.orgs.models import SYSTEM


def dump() -> dict[str, list[dict]]:
    from django.apps import apps

    return {model._meta.label: list(model.objects.order_by("pk").values())
            for app in ("evaluations", "orgs", "events", "monitoring")
            for model in apps.get_app_config(app).get_models()}


def _with_fund(doc, **changes):
    return doc.with_changes(fund_lines=(replace(doc.fund_lines[0], **changes),) + doc.fund_lines[1:])


def _with_indicator(doc, **changes):
    task = doc.tasks[0]
    indicators = (replace(task.indicators[0], **changes),) + task.indicators[1:]
    return doc.with_changes(tasks=(replace(task, indicators=indicators),) + doc.tasks[1:])


CASES = [
    (lambda d: _with_fund(d, executed=Decimal("-5")), "资金（一般公共预算财政拨款·基本支出）·执行数：金额不能为负数：“-5”"),
    (lambda d: _with_fund(d, executed=Decimal("1E+20")),
     "资金（一般公共预算财政拨款·基本支出）·执行数：金额过大：“100000000000000000000”（须小于 1000000000000）"),
    (lambda d: _with_fund(d, executed=Decimal("NaN")), "资金（一般公共预算财政拨款·基本支出）·执行数：“NaN”不是有效的金额"),
    (lambda d: _with_fund(d, carryover=Decimal("Infinity")), "·结转结余：“Infinity”不是有效的金额"),
    (lambda d: _with_fund(d, executed=Decimal("815.055")), "·执行数：金额最多保留 2 位小数：“815.055”"),
    (lambda d: _with_indicator(d, name="名" * 301), "指标（1-1）·三级指标：文字过长（301 字），超过上限 300 字"),
    (lambda d: _with_indicator(d, deviation_reason="原因\x00"), "指标（1-1）·偏差原因分析：含有不可见的控制字符（U+0000）"),
    (lambda d: _with_indicator(d, weight=Decimal("-1")), "指标（1-1）·分值：分值不能为负数：“-1”"),
    (lambda d: _with_indicator(d, target=parse_value("≥99999999999999999999场")),
     "指标（1-1）·年度指标值：数值过大：“99999999999999999999”（须小于 100000000000000）"),
    (lambda d: d.with_changes(sections=(replace(d.sections[0], text="字" * 60000),) + d.sections[1:]),
     "·正文：文字过长（60,000 字），超过上限 32,767 字"),
    (lambda d: d.with_changes(department_name="部" * 201), "基本信息·部门名称：文字过长（201 字），超过上限 200 字"),
]


@pytest.mark.parametrize(("spoil", "message"), CASES)
def test_values_the_database_cannot_hold_are_refused_alike_everywhere(db, reference_document, spoil, message):
    stored = import_document(document=reference_document, acting_user=SYSTEM)
    before = dump()
    with pytest.raises(DocumentRefused) as caught:
        import_document(document=spoil(reference_document), acting_user=SYSTEM)
    assert message in str(caught.value)
    assert dump() == before
    assert stored.pk


def test_a_new_evaluation_with_such_a_value_is_not_created(db, reference_document):
    with pytest.raises(DocumentRefused, match="金额不能为负数"):
        import_document(document=_with_fund(reference_document, executed=Decimal("-0.01")), acting_user=SYSTEM)
    assert dump()["evaluations.Evaluation"] == []


def test_two_projects_of_a_task_without_codes_are_not_stored_as_one(db, reference_document):
    task = reference_document.tasks[1]
    projects = (replace(task.projects[0], code=""), replace(task.projects[0], code="", name="另一个项目"))
    doc = reference_document.with_changes(tasks=(reference_document.tasks[0], replace(task, projects=projects))
                                          + reference_document.tasks[2:])
    with pytest.raises(DocumentRefused, match="任务2中有项目编码相同的项目：（空）"):
        import_document(document=doc, acting_user=SYSTEM)
    assert dump()["evaluations.Project"] == []
