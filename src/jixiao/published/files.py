"""Text of a published report file: .docx (python-docx), .pdf (pdfplumber, pypdf as fallback), .txt.

Tables come out one row per line with ``|`` between cells, the shape the table readers expect
from web pages; a merged cell that python-docx repeats across the row is written once.
"""

from __future__ import annotations

from pathlib import Path


class ReportFileError(ValueError):
    """A file that cannot be read as a report; ``str(error)`` is a Chinese message naming the file."""


TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportFileError(f"{path.name}：无法识别文本编码（应为 UTF-8 或 GB18030）")


def read_docx(path: Path) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ReportFileError("读取 .docx 需要 python-docx") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReportFileError(f"{path.name}：不是有效的 Word (.docx) 文件（{exc}）") from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors on a damaged package
        raise ReportFileError(f"{path.name}：Word 文件已损坏，无法读取（{type(exc).__name__}）") from exc
    lines: list[str] = []
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell appears once per grid column
            previous = cell._tc
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            nested = [line for inner in cell.tables for line in _table_lines(inner)]
            cells.append(text + (" " + " ".join(nested) if nested else ""))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def read_pdf(path: Path) -> str:
    pages: list[str] = []
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
        text = "\n".join(pages)
        if text.strip():
            return text
    except Exception:  # pdfminer raises many kinds on damaged files; pypdf gets a second try
        pages = []
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except Exception as exc:
        raise ReportFileError(f"{path.name}：PDF 文件已损坏或加密，无法提取文字（{type(exc).__name__}）") from exc
    if not text.strip():
        raise ReportFileError(f"{path.name}：PDF 中没有可提取的文字（可能是扫描件，需要先进行文字识别）")
    return text


def read_report_file(path: str | Path) -> str:
    """The text of a report file, whatever its form; raise :class:`ReportFileError` with a Chinese message."""
    path = Path(path)
    if not path.exists():
        raise ReportFileError(f"找不到文件：{path}")
    if path.is_dir():
        raise ReportFileError(f"{path} 是目录，不是文件")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in TEXT_SUFFIXES or not suffix:
        return read_text_file(path)
    if suffix == ".doc":
        raise ReportFileError(f"{path.name}：旧版 Word (.doc) 文件请先另存为 .docx")
    raise ReportFileError(f"{path.name}：不支持的文件类型“{suffix}”（可读取 .docx、.pdf、.txt）")
