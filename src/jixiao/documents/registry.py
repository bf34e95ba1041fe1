"""Which file form a file is, by its suffix: the one table from a file name to its reader and writer.

Forms of the evaluation document (文档形式) are read and written whole: the self-evaluation workbook
(.xlsx) and the data file (.yaml/.yml/.json). The report (.docx/.pdf/.html) is written from a
drafted report; a published report (.txt/.docx/.pdf) is read as evidence by :mod:`jixiao.published`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from jixiao.domain.document import EvaluationDocument


class UnsupportedFile(ValueError):
    """A file whose suffix names no form jixiao reads or writes; the message lists the ones it does."""


@dataclass(frozen=True)
class FileForm:
    """One file form: its suffixes, its Chinese name, its MIME type, and how it is read and written."""

    key: str
    label: str
    suffixes: tuple[str, ...]
    content_type: str
    read: Callable[[bytes | Path], EvaluationDocument] | None = None
    write: Callable[[EvaluationDocument], bytes] | None = None

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


def _read_workbook(source) -> EvaluationDocument:
    from jixiao.documents.workbook import read_workbook

    return read_workbook(source)


def _write_workbook(doc: EvaluationDocument) -> bytes:
    from jixiao.documents.workbook import workbook_bytes

    return workbook_bytes(doc)


def _read_data(source) -> EvaluationDocument:
    from jixiao.documents.datafile import DocumentFormatError, document_from_dict, load_document, read_data_text

    if isinstance(source, (str, Path)):
        return load_document(source)
    try:
        text = bytes(source).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentFormatError(f"不是有效的 YAML/JSON 文件（{exc}）") from exc
    return document_from_dict(read_data_text(text))


def _write_yaml(doc: EvaluationDocument) -> bytes:
    from jixiao.documents.datafile import document_to_dict

    return yaml.safe_dump(document_to_dict(doc), allow_unicode=True, sort_keys=False).encode("utf-8")


def _write_json(doc: EvaluationDocument) -> bytes:
    from jixiao.documents.datafile import document_to_dict

    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2).encode("utf-8")


WORKBOOK = FileForm("workbook", "自评工作簿", (".xlsx",),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _read_workbook, _write_workbook)
YAML = FileForm("yaml", "自评文档（YAML）", (".yaml", ".yml"), "application/yaml", _read_data, _write_yaml)
JSON = FileForm("json", "自评文档（JSON）", (".json",), "application/json", _read_data, _write_json)
DOCUMENT_FORMS = (WORKBOOK, YAML, JSON)

REPORT_DOCX = FileForm("docx", "Word 报告", (".docx",),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
REPORT_PDF = FileForm("pdf", "PDF 报告", (".pdf",), "application/pdf")
REPORT_HTML = FileForm("html", "网页报告", (".html", ".htm"), "text/html; charset=utf-8")
REPORT_FORMS = (REPORT_DOCX, REPORT_PDF, REPORT_HTML)

PUBLISHED_SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf")  # read by jixiao.published.files


def _find(name: str | Path, forms: tuple[FileForm, ...], what: str) -> FileForm:
    suffix = Path(str(name)).suffix.lower()
    for form in forms:
        if suffix in form.suffixes:
            return form
    known = "、".join(s for form in forms for s in form.suffixes)
    raise UnsupportedFile(f"不支持的{what}文件类型“{suffix or Path(str(name)).name}”（可用：{known}）")


def document_form(name: str | Path) -> FileForm:
    """The form of the evaluation document a file name says (.xlsx, .yaml, .yml, .json)."""
    return _find(name, DOCUMENT_FORMS, "")


def report_form(name_or_format: str | Path) -> FileForm:
    """The report form of a file name (.docx, .pdf, .html) or of a format name (docx, pdf, html)."""
    text = str(name_or_format)
    if "." not in text:
        text = "report." + text  # a bare format name
    return _find(text, REPORT_FORMS, "报告")


def is_document_file(name: str | Path) -> bool:
    return Path(str(name)).suffix.lower() in {s for form in DOCUMENT_FORMS for s in form.suffixes}


def read_document(path: str | Path) -> EvaluationDocument:
    """Read an evaluation document from a file of one of its forms."""
    path = Path(path)
    form = document_form(path)
    if not path.is_file():
        raise UnsupportedFile(f"文件“{path}”不存在")
    return form.read(path)


def write_document(doc: EvaluationDocument, name: str | Path) -> bytes:
    """The document in the form a file name says (the bytes of a .xlsx, .yaml or .json)."""
    return document_form(name).write(doc)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(doc: EvaluationDocument, what: str, suffix: str) -> str:
    """A file name that says what the file is, safe on Windows too:
    ``2022-440112-107-广州市黄埔区工商业联合会-绩效自评报告.docx``."""
    parts = [str(doc.year), doc.department_code, doc.department_name]
    if doc.kind.value == "project" and doc.projects:
        parts.append(doc.projects[0].name)
    stem = "-".join(_UNSAFE.sub("_", part).strip("_") for part in parts if part)
    return f"{stem}-{what}{suffix if suffix.startswith('.') else '.' + suffix}"
