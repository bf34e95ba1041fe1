"""Workbook coordinates for findings: the sheet, row and column of the field to fix."""

from jixiao.checks import check_document, locate_in_workbook
from jixiao.documents.workbook import write_workbook


def test_findings_on_a_workbook_name_their_cells(build, tmp_path, find):
    def spoil(data):
        build.indicator(data, "1-4")["actual"] = "85%"
        data["funds"][0]["executed"] = "60"
        data["self_score"] = {"total": "99", "grade": "良"}
        data["sections"].append({"key": "problems", "title": "存在的问题", "text": "（200字以内）"})
    doc = build.doc(spoil)
    path = tmp_path / "自评.xlsx"
    write_workbook(doc, path)
    findings = locate_in_workbook(check_document(doc), path)
    reason = find(findings, "indicator.reason_missing").location
    assert (reason["sheet"], reason["row"], reason["column"]) == ("指标", 5, "K")
    assert reason["code"] == "1-4" and reason["field"] == "deviation_reason"  # the object location stays
    executed = find(findings, "funds.executed_over_budget").location
    assert (executed["sheet"], executed["row"], executed["column"]) == ("资金", 2, "F")
    template = find(findings, "text.template_unfilled").location
    assert (template["sheet"], template["row"], template["column"]) == ("报告", 3, "C")
    grade = find(findings, "score.self_grade_band").location
    assert (grade["sheet"], grade["column"]) == ("基本信息", "B")


def test_a_finding_without_a_place_in_the_workbook_is_unchanged(build, tmp_path):
    doc = build.doc()
    path = tmp_path / "自评.xlsx"
    write_workbook(doc, path)
    assert locate_in_workbook([], path) == []
    assert locate_in_workbook([], b"not a workbook") == []


def _demo_documents():
    from importlib import resources

    from jixiao.documents.datafile import load_document

    folder = resources.files("jixiao.demo") / "data"
    return [load_document(item) for item in sorted(folder.iterdir(), key=lambda item: item.name)
            if item.name.endswith(".yaml") and item.name[:1].isdigit()]


def test_findings_placed_in_the_export_without_writing_it_name_the_cells_the_workbook_has(build):
    """The review page places findings in the evaluation's workbook without exporting it: every cell
    must be the one the exported workbook really has, on a spoilt document and on every demo one."""
    from jixiao.checks.document.locations import locate_in_export
    from jixiao.documents.workbook import workbook_bytes

    def spoil(data):
        build.indicator(data, "1-4")["actual"] = "85%"
        build.indicator(data, "1-2")["deviation_reason"] = ""
        data["funds"][0]["executed"] = "60"
        data["self_score"] = {"total": "99", "grade": "良"}
        data["sections"].append({"key": "problems", "title": "存在的问题", "text": "（200字以内）"})
    documents = [build.doc(spoil), *_demo_documents()]
    assert len(documents) > 3
    placed = 0
    for doc in documents:
        findings = check_document(doc)
        in_export = locate_in_export(findings, doc)
        assert in_export == locate_in_workbook(findings, workbook_bytes(doc)), doc.department_name
        placed += sum("row" in f.location for f in in_export)
    assert placed >= 5  # the comparison is about cells, not about findings left unplaced
