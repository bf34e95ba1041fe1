"""What the department's pages read: my evaluations, an evaluation's overview, the grid's rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from jixiao.assessment import Assessment, assess
from jixiao.bureau.selectors import with_deadline
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.findings import Finding
from jixiao.domain.rows import FUNDS, INDICATORS, PROJECTS, TASKS
from jixiao.evaluations.edits import EDITABLE, indicator_cells, row_cells
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Project, Task
from jixiao.evaluations.store import document_for
from jixiao.usecases.review import review_document

# The grid's parts by the slug of their address, with the Chinese name of each.
PARTS = {"indicators": INDICATORS, "funds": FUNDS, "tasks": TASKS, "projects": PROJECTS}
SLUGS = {part: slug for slug, part in PARTS.items()}
# A finding's location object → the grid that shows it.
_FINDING_GRIDS = {"indicator": "indicators", "fund_line": "funds", "funds": "funds", "task": "tasks",
                  "project": "projects", "section": "sections"}


def my_evaluations(user):
    """我的自评: the evaluations of the departments ``user`` works in (and of the regions they review;
    every one for an administrator), with the region's deadline, newest year first."""
    evaluations = Evaluation.objects.for_user(user)
    if not user.is_superuser:
        evaluations = evaluations.filter(Q(department_id__in=user.department_ids())
                                         | Q(department__region_id__in=user.reviewed_region_ids()))
    return (with_deadline(evaluations).select_related("department__region")
            .order_by("-year", "department__code", "kind", "project_code"))


@dataclass(frozen=True)
class LinkedFinding:
    finding: Finding
    link: str  # the grid (and cell) it is about, or ""

    @property
    def severity(self) -> str:
        return self.finding.severity.value


def finding_link(evaluation_pk: int, finding: Finding) -> str:
    """The address of the grid cell a finding is about (``…/edit/indicators/#1-5:deviation_reason``)."""
    from django.urls import reverse

    where = finding.location or {}
    slug = _FINDING_GRIDS.get(where.get("object", ""))
    if slug is None:
        return ""
    if slug == "sections":
        return reverse("web:department:sections", args=[evaluation_pk]) + (f"#section-{where['code']}"
                                                                          if where.get("code") else "")
    anchor = ":".join(str(where.get(k, "")) for k in ("code", "field") if where.get(k))
    return reverse("web:department:grid", args=[evaluation_pk, slug]) + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Overview:
    document: EvaluationDocument
    assessment: Assessment
    findings: list[LinkedFinding]
    parts: list[tuple[str, object, object]]  # (level 1, weight, score) of the score

    @property
    def open_findings(self) -> int:
        return sum(1 for f in self.findings if f.severity in ("error", "warning"))


def overview(evaluation: Evaluation) -> Overview:
    """The evaluation's document, its assessment, the review checks' findings (each linked to the cell
    it is about) and the points of every part of the score."""
    document = document_for(evaluation)
    assessment = assess(document)
    findings = [LinkedFinding(f, finding_link(evaluation.pk, f)) for f in review_document(assessment)]
    parts = ([(name, weight, score) for name, (weight, score) in assessment.result.by_level1().items()]
             if assessment.result else [])
    return Overview(document, assessment, findings, parts)


# --- the grid's rows ------------------------------------------------------------------------------

def _cell_findings(findings, kind: str) -> dict[str, dict[str, list[str]]]:
    """code → field → messages of the findings about ``kind`` rows."""
    by_code: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        where = finding.location or {}
        if where.get("object") == kind and where.get("code"):
            by_code[str(where["code"])][where.get("field", "") or ""].append(finding.message)
    return by_code


def indicator_rows(evaluation: Evaluation, assessment: Assessment | None = None,
                   findings: list[Finding] | None = None) -> list[dict]:
    """Every indicator of the evaluation as a grid row: its cells, task, computed score and explanation,
    whether it met its target, whether a 偏差原因 is required, and the review findings on its cells."""
    if assessment is None:
        assessment = assess(document_for(evaluation))
    if findings is None:
        findings = review_document(assessment)
    notes = _cell_findings(findings, "indicator")
    tasks = {t.pk: t for t in Task.objects.filter(evaluation=evaluation).only("id", "code", "name", "position")}
    rows = []
    queryset = (Indicator.objects.filter(task__evaluation=evaluation)
                .only("id", "task_id", "code", "score", "score_explanation", "position", *EDITABLE[INDICATORS].values())
                .order_by("task__position", "task_id", "position", "id"))
    for row in queryset:
        cells = indicator_cells(row)
        task = tasks[row.task_id]
        met = assessment.met.get(row.code)
        cells.update(task=f"任务{task.code} {task.name}", task_id=task.pk, met=met,
                     reason_required=met is False and row.applicable and not row.deviation_reason.strip(),
                     findings={field or "name": messages for field, messages in notes.get(row.code, {}).items()})
        rows.append(cells)
    return rows


def part_rows(evaluation: Evaluation, part: str, findings: list[Finding] | None = None) -> list[dict]:
    """The rows of funds, tasks or projects as grid rows."""
    if part == FUNDS:
        queryset = FundLine.objects.filter(evaluation=evaluation).order_by("source", "nature")
        return [{"id": f.pk, "source": f.get_source_display(), "nature": f.get_nature_display(),
                 "rate": _rate(f.executed, f.full_year_budget), **row_cells(FUNDS, f)} for f in queryset]
    if part == TASKS:
        return [{"id": t.pk, "code": t.code, **row_cells(TASKS, t)}
                for t in Task.objects.filter(evaluation=evaluation).order_by("position", "id")]
    queryset = Project.objects.filter(task__evaluation=evaluation).select_related("task").order_by(
        "task__position", "task_id", "position", "id")
    return [{"id": p.pk, "code": p.code, "task": f"任务{p.task.code} {p.task.name}", "rate": _rate(p.executed, p.budget),
             **row_cells(PROJECTS, p)} for p in queryset]


def _rate(executed, budget) -> str:
    """执行率 as the report writes it (98.47%), or — without a budget; derived, never stored."""
    from jixiao.domain.numbers import format_percent

    return format_percent(executed / budget, 2) if budget else "—"
