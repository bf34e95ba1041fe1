"""Read-side helpers: finding departments and evaluations by what people type."""

from __future__ import annotations

from django.db.models import Q

from jixiao.domain.enums import EvaluationKind
from jixiao.orgs.models import Department

from jixiao.evaluations.models import Evaluation


class NotFound(LookupError):
    """Nothing matches; the message is Chinese and names what was looked for."""


def find_department(text: str) -> Department:
    """A department by its code or its full name (e.g. ``广州市黄埔区工商业联合会``)."""
    text = (text or "").strip()
    matches = list(Department.objects.filter(Q(code=text) | Q(name=text)).select_related("region")[:2])
    if not matches:
        raise NotFound(f"找不到预算部门“{text}”（请输入部门编码或部门全称）")
    if len(matches) > 1:
        raise NotFound(f"“{text}”对应多个预算部门，请改用部门编码")
    return matches[0]


def find_evaluation(department: str, year: int, kind: EvaluationKind = EvaluationKind.DEPARTMENT,
                    project_code: str = "") -> Evaluation:
    """The evaluation of a department (code or full name) for a year."""
    dept = find_department(department)
    try:
        return Evaluation.objects.select_related("department__region").get(
            department=dept, year=year, kind=kind.value, project_code=project_code)
    except Evaluation.DoesNotExist:
        raise NotFound(f"{dept.name} 没有 {year} 年度的{kind.label}") from None
