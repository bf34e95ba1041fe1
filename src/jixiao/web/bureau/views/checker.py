"""检查工具: a reviewer uploads a published report (.docx / .pdf / .txt) or a workbook (.xlsx) and sees
what was read from it and the check findings, errors first, each linked to its line (or naming its
cell). The same use cases as ``jixiao check``; the file is read within the published-report limits
(``published/limits.yaml``) and the workbook reader's, and never stored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.shortcuts import render

from jixiao.domain.findings import describe
from jixiao.published.files import SUFFIXES as REPORT_SUFFIXES
from jixiao.published.files import default_limits
from jixiao.web.bureau.common import int_or_none, reviewer_required

WORKBOOK_SUFFIXES = {".xlsx"}
ACCEPTED = sorted(REPORT_SUFFIXES | WORKBOOK_SUFFIXES)
TEXT_LINES_SHOWN = 3000
FORM_OVERHEAD = 64 * 1024  # the multipart envelope around the file


def _row(finding) -> dict:
    line = finding.location.get("line")
    return {"finding": finding, "where": describe(finding.location),
            "anchor": f"line-{line}" if isinstance(line, int) and "table" not in finding.location else ""}


def _check_report(path: Path) -> dict:
    from jixiao.published.files import read_report_file
    from jixiao.usecases.review import review_published_text

    text = read_report_file(path)
    review = review_published_text(text)
    report = review.report
    lines = text.splitlines()
    return {"kind": "report", "report": report, "findings": [_row(f) for f in review.findings],
            "doubtful": [{**_row(f), "doubt": f.evidence.get("doubt", "")} for f in review.doubtful],
            "confirmed": review.confirmed, "indicator_count": sum((t.indicator_total or len(t.rows)) for t in report.tasks),
            "lines": list(enumerate(lines[:TEXT_LINES_SHOWN], start=1)), "more_lines": max(0, len(lines) - TEXT_LINES_SHOWN)}


def _check_workbook(data: bytes) -> dict:
    """A self-evaluation workbook, or else filled official 项目支出绩效自评表 (one document per form)."""
    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file
    from jixiao.usecases.forms import read_filled_forms
    from jixiao.usecases.review import review_document

    try:
        read = read_workbook_file(data)
    except WorkbookError as as_workbook:
        try:
            documents = read_filled_forms(data)
        except (WorkbookError, ValueError) as as_forms:
            return {"kind": "workbook", "problems": as_workbook.problems, "forms_refusal": str(as_forms)}
        forms = [{"document": d, "findings": [_row(f) for f in review_document(d)]} for d in documents]
        return {"kind": "forms", "forms": forms, "findings": [row for form in forms for row in form["findings"]],
                "problems": ()}
    findings = review_document(read.document, workbook=data)
    return {"kind": "workbook", "document": read.document, "findings": [_row(f) for f in findings], "problems": ()}


@reviewer_required
def checker(request):
    limit = default_limits().max_file_mb * 1024 * 1024
    context = {"accepted": ACCEPTED, "max_mb": default_limits().max_file_mb}
    declared = int_or_none(request.META.get("CONTENT_LENGTH")) or 0
    if request.method == "POST" and declared > limit + FORM_OVERHEAD:  # refused before the upload is read
        context["error"] = f"上传的内容有 {declared / 1048576:.1f} MB，超过检查上限 {context['max_mb']:g} MB。"
        return render(request, "web/bureau/checker.html", context, status=400)
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST":
        error = ""
        suffix = Path(upload.name).suffix.lower() if upload else ""
        if upload is None:
            error = "请选择要检查的文件。"
        elif suffix not in ACCEPTED:
            error = f"不支持“{suffix or upload.name}”文件，可检查：{'、'.join(ACCEPTED)}。"
        elif upload.size > limit:
            error = (f"文件 {upload.name} 有 {upload.size / 1048576:.1f} MB，"
                     f"超过检查上限 {default_limits().max_file_mb:g} MB。")
        if error:
            context["error"] = error
            return render(request, "web/bureau/checker.html", context, status=400)
        context["name"] = upload.name
        if suffix in WORKBOOK_SUFFIXES:
            context.update(_check_workbook(upload.read()))
        else:
            from jixiao.published import ReportFileError

            with tempfile.TemporaryDirectory(prefix="jixiao-check-") as folder:
                path = Path(folder) / f"upload{suffix}"
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    context.update(_check_report(path))
                except ReportFileError as exc:
                    context["error"] = str(exc).replace(str(path), upload.name).replace(path.name, upload.name)
                    return render(request, "web/bureau/checker.html", context, status=400)
        findings = context.get("findings", [])
        context["counts"] = {label: sum(1 for f in findings if f["finding"].severity.label == label)
                             for label in ("错误", "警告", "提示")}
    return render(request, "web/bureau/checker.html", context)
