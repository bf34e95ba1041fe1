"""The self-evaluation workbook (自评工作簿): jixiao's interchange document, in and out.

The workbook is the second stored form of the :class:`~jixiao.domain.document.EvaluationDocument`
(the first is the database): a department fills it in Excel or WPS, ``jixiao`` scores, checks and
reports on it with no server, and the web app imports and exports exactly the same format. Every
field of the document round-trips: export → import → export gives the same cell values.

Sheets (in this order): 说明, 基本信息, 单位, 资金, 任务, 项目, 指标, 监控, 调整, 评价要点, 报告, and a
hidden 选项 sheet that holds the drop-down lists. Their columns are defined once, in
:mod:`jixiao.documents.workbook.layout`.

API::

    doc = read_workbook(path_or_bytes)   # raises WorkbookError(problems), every problem at once
    write_workbook(doc, path)            # the exact same format
    write_blank_template(path)
"""

from __future__ import annotations

from jixiao.documents.workbook.package import WorkbookLimits
from jixiao.documents.workbook.problems import Problem, WorkbookError
from jixiao.documents.workbook.reader import read_workbook
from jixiao.documents.workbook.writer import workbook_bytes, write_blank_template, write_workbook

__all__ = [
    "Problem", "WorkbookError", "WorkbookLimits", "read_workbook", "workbook_bytes", "write_blank_template",
    "write_workbook",
]
