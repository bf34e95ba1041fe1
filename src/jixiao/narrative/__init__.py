"""Narrative (报告文字): the self-evaluation report drafted from an evaluation document.

``draft_report(doc)`` returns a :class:`Report` (ordered sections with generated numbering,
paragraphs, tables, charts' data); :mod:`jixiao.documents.report` renders it to docx, pdf and html.
``redraft(doc)`` says what a fresh draft would change in the stored sections without overwriting
what people edited. Pure: no Django, no I/O.
"""

from jixiao.narrative.draft import SECTION_KINDS, draft_report, drafted_texts, prepare, report_title  # noqa: F401
from jixiao.narrative.findings import Problem, find_problems  # noqa: F401
from jixiao.narrative.model import Cell, Chart, Paragraph, Report, Section, Series, Table  # noqa: F401
from jixiao.narrative.numbering import GBT9704_STYLE, REFERENCE_STYLE, chinese_numeral  # noqa: F401
from jixiao.narrative.redraft import SectionChange, apply_redraft, redraft  # noqa: F401
