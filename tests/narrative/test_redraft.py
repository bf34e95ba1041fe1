"""Redrafting reports what would change and never overwrites edited text unless asked."""

from __future__ import annotations

from jixiao.domain.document import ReportSection
from jixiao.narrative import apply_redraft, draft_report, redraft


def test_first_redraft_proposes_every_drafted_section(reference_document):
    changes = {c.key: c for c in redraft(reference_document)}
    assert {"funds", "conclusion", "task:1", "task:2", "task:3"} <= set(changes)
    assert changes["funds"].action == "新增" and changes["funds"].applies
    assert changes["conclusion"].new == "经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。"
    # Stored text of sections only people write is never proposed for replacement.
    assert "annual_work" not in changes and "performance_management" not in changes


def test_edited_sections_are_reported_but_kept(reference_document):
    changes = {c.key: c for c in redraft(reference_document)}
    problems = changes["problems"]
    assert problems.edited and not problems.applies and problems.action == "保留"
    assert problems.old.startswith("（一）由于受新冠病毒疫情影响")
    assert problems.new.startswith("（一）部分预算资金未能全额执行")


def test_overwrite_applies_edited_sections_too(reference_document):
    changes = {c.key: c for c in redraft(reference_document, overwrite=True)}
    assert changes["problems"].applies and changes["problems"].action == "更新"


def test_applying_keeps_edited_text_and_a_second_redraft_only_reports_it(reference_document):
    updated = apply_redraft(reference_document, redraft(reference_document))
    assert updated.section("problems").text == reference_document.section("problems").text
    assert updated.section("funds").text.startswith("全年预算数 1,291.73 万元") and not updated.section("funds").edited
    again = redraft(updated)
    assert {c.key for c in again} == {"problems", "measures"}
    assert all(not c.applies for c in again)


def test_data_changes_show_up_as_updates(reference_document):
    updated = apply_redraft(reference_document, redraft(reference_document))
    fewer = updated.with_changes(self_name="本联合会")
    changes = {c.key: c for c in redraft(fewer)}
    assert changes["conclusion"].action == "更新"
    assert "本联合会整体支出绩效自评" in changes["conclusion"].new


def test_applied_drafts_render_as_drafted_text(reference_document):
    updated = apply_redraft(reference_document, redraft(reference_document, overwrite=True))
    report = draft_report(updated)
    assert report.find("problems").source == "drafted"
    assert [c.number for c in report.find("problems").children] == ["（一）", "（二）", "（三）", "（四）"]


def test_edited_flag_is_kept_on_redraft_of_stored_edited_section(reference_document):
    mine = ReportSection("conclusion", "自评结论", "本会自评结论由人工撰写。", edited=True)
    doc = reference_document.with_changes(sections=(*reference_document.sections, mine))
    change = next(c for c in redraft(doc) if c.key == "conclusion")
    assert change.edited and not change.applies
