"""The official forms (官方自评表) as printable xlsx: the 项目支出绩效自评表 and the 部门整体支出绩效自评表
out (:mod:`.writer`), and filled 项目支出绩效自评表 read back into project documents (:mod:`.reader`)."""

from jixiao.documents.forms.writer import (  # noqa: F401
    DEPARTMENT_FORM_TITLE,
    PROJECT_FORM_TITLE,
    FormError,
    FormNotes,
    default_project_pack,
    project_document,
    write_department_form,
    write_project_forms,
)
