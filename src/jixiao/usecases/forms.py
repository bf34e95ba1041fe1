"""The official forms (官方自评表): 项目支出绩效自评表 and 部门整体支出绩效自评表 out, filled project forms in."""

from __future__ import annotations

import io

from jixiao.assessment import Assessment
from jixiao.documents.forms import write_department_form, write_project_forms
from jixiao.documents.forms.reader import read_project_forms
from jixiao.documents.registry import WORKBOOK, file_name
from jixiao.domain.document import EvaluationDocument
from jixiao.rules import RulePack
from jixiao.usecases.common import Produced


def project_forms(document: EvaluationDocument, *, projects: list[str] | None = None,
                  pack: RulePack | str | None = None) -> Produced:
    """The 项目支出绩效自评表 of each project (or of those named), one sheet each."""
    buffer = io.BytesIO()
    notes = write_project_forms(document, buffer, project_codes=projects, pack=pack)
    return Produced(file_name(document, "项目支出绩效自评表", ".xlsx"), WORKBOOK.content_type, buffer.getvalue(),
                    tuple(f"注意：{note}" for note in notes.notes))


def department_form(source: EvaluationDocument | Assessment, *, pack: RulePack | str | None = None) -> Produced:
    """The 部门整体支出绩效自评表 of a document (or of its assessment)."""
    buffer = io.BytesIO()
    notes = write_department_form(source, buffer, pack=pack)
    doc = source.document if isinstance(source, Assessment) else source
    return Produced(file_name(doc, "部门整体支出绩效自评表", ".xlsx"), WORKBOOK.content_type, buffer.getvalue(),
                    tuple(f"注意：{note}" for note in notes.notes))


def read_filled_forms(source, *, department_code: str = "", region_code: str = "", region_name: str = "",
                      year: int | None = None, rule_pack: str = "") -> list[EvaluationDocument]:
    """Filled 项目支出绩效自评表 (a path or bytes) as project documents, one per form."""
    return read_project_forms(source, region_code=region_code, region_name=region_name,
                              department_code=department_code, year=year, rule_pack=rule_pack)
