"""Text of a published report file: .docx (python-docx), .pdf (pdfplumber, pypdf as fallback), .txt.

Tables come out one row per line with ``|`` between cells, the shape the table readers expect
from web pages; a merged cell that python-docx repeats across the row is written once.

Reading is bounded (``limits.yaml``): the file's size, the text's length, a PDF's pages, the time and
memory its extraction may take (it runs in a child process that is stopped past them), and the unpacked
size and compression ratio of a .docx's parts and of a PDF's compressed streams (a zip or flate bomb is
refused before anything is extracted, having unpacked at most the limit, a chunk at a time).
"""

from __future__ import annotations

import re
import resource
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LIMITS_FILE = Path(__file__).with_name("limits.yaml")
MB = 1024 * 1024
# Where a PDF stream's data starts (after its dictionary's ">>" and the keyword), and what marks an image.
_PDF_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_INFLATE_CHUNK = MB


@dataclass(frozen=True)
class Limits:
    max_file_mb: float
    max_characters: int
    max_pdf_pages: int
    pdf_seconds: float
    pdf_memory_mb: int
    max_expanded_mb: float
    max_compression_ratio: float
    max_zip_members: int


@lru_cache(maxsize=1)
def default_limits() -> Limits:
    return Limits(**yaml.safe_load(LIMITS_FILE.read_text(encoding="utf-8")))


def _megabytes(size: float) -> str:
    return f"{size / MB:.1f} MB"


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


def check_package(path: Path, limits: Limits) -> None:
    """Refuse a .docx whose unpacked size or compression ratio is past the limits, before unpacking it."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReportFileError(f"{path.name}：不是有效的 Word (.docx) 文件（{type(exc).__name__}）") from exc
    if len(members) > limits.max_zip_members:
        raise ReportFileError(f"{path.name}：Word 文件内含 {len(members):,} 个部件，超过上限 {limits.max_zip_members:,} 个")
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > limits.max_expanded_mb * MB:
        raise ReportFileError(f"{path.name}：Word 文件解压后有 {_megabytes(unpacked)}，超过上限 "
                              f"{limits.max_expanded_mb:g} MB（可能是压缩炸弹），未读取")
    if unpacked / packed > limits.max_compression_ratio and unpacked > MB:
        raise ReportFileError(f"{path.name}：Word 文件的压缩比为 {unpacked / packed:,.0f} 倍，远超正常文档（上限 "
                              f"{limits.max_compression_ratio:g} 倍），可能是压缩炸弹，未读取")


def _inflated_size(data: bytes, budget: int) -> int:
    """How many bytes a FlateDecode stream unpacks to, counting no further than past ``budget`` (a chunk
    at a time: memory stays at a chunk whatever the stream holds). A damaged stream counts what came out."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        size += len(inflater.decompress(data, _INFLATE_CHUNK))
        while inflater.unconsumed_tail and not inflater.eof and size <= budget:  # bytes after the end stay in the tail
            produced = len(inflater.decompress(inflater.unconsumed_tail, _INFLATE_CHUNK))
            if not produced:
                break
            size += produced
    except zlib.error:
        pass
    return size


def check_pdf_streams(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose compressed streams (page contents, fonts: what text extraction unpacks; images
    are not read) unpack past the limits, before extracting anything."""
    budget = int(limits.max_expanded_mb * MB)
    unpacked = packed = 0
    for match in _PDF_STREAM.finditer(data):
        dictionary = data[data.rfind(b"obj", 0, match.start()):match.start()]  # this stream's object only
        if b"/FlateDecode" not in dictionary or _PDF_IMAGE.search(dictionary):
            continue
        end = data.find(b"endstream", match.end())
        stream = data[match.end():end if end >= 0 else len(data)]
        packed += len(stream)
        unpacked += _inflated_size(stream, budget - unpacked)
        if unpacked > budget:
            raise ReportFileError(f"{path.name}：PDF 中的压缩内容解压后超过上限 {limits.max_expanded_mb:g} MB"
                                  f"（文件只有 {_megabytes(len(data))}，可能是压缩炸弹），未读取")
    if unpacked > MB and unpacked / (packed or 1) > limits.max_compression_ratio:
        raise ReportFileError(f"{path.name}：PDF 中压缩内容的压缩比为 {unpacked / packed:,.0f} 倍，远超正常文档（上限 "
                              f"{limits.max_compression_ratio:g} 倍），可能是压缩炸弹，未读取")


def read_docx(path: Path, limits: Limits | None = None) -> str:
    check_package(path, limits or default_limits())
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


def read_pdf(path: Path, limits: Limits | None = None) -> str:
    """Text of a PDF, extracted in a child process bounded in pages, time and memory, once its
    compressed streams are known to unpack within the limits."""
    import multiprocessing  # here: a .txt or .docx report never pays for importing it

    limits = limits or default_limits()
    check_pdf_streams(path, path.read_bytes(), limits)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_pdf_child, args=(str(path), limits, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.pdf_seconds):
            raise ReportFileError(f"{path.name}：读取 PDF 超过 {limits.pdf_seconds:g} 秒仍未完成，已停止（页面或压缩内容过大）")
        try:
            kind, value = receiver.recv()
        except EOFError:
            child.join(1)
            raise ReportFileError(f"{path.name}：读取 PDF 所需内存超过上限 {limits.pdf_memory_mb} MB（压缩内容过大），"
                                  "已停止") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        receiver.close()
    if kind == "error":
        raise ReportFileError(value)
    return value


def _virtual_size() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0
    return pages * resource.getpagesize()


def _pdf_child(path: str, limits: Limits, sender) -> None:
    # the budget is on top of what the process (a copy of its parent) already maps
    memory = _virtual_size() + limits.pdf_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    name = Path(path).name
    try:
        sender.send(("text", _extract_pdf(Path(path), limits)))
    except ReportFileError as exc:
        sender.send(("error", str(exc)))
    except MemoryError:
        sender.send(("error", f"{name}：读取 PDF 所需内存超过上限 {limits.pdf_memory_mb} MB（压缩内容过大），已停止"))
    finally:
        sender.close()


def _extract_pdf(path: Path, limits: Limits) -> str:
    pages: list[str] = []
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            _check_pages(path, len(pdf.pages), limits)
            size = 0
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                size += len(pages[-1])
                if size > limits.max_characters:
                    raise ReportFileError(f"{path.name}：文字超过可读取的上限 {limits.max_characters:,} 字")
        text = "\n".join(pages)
        if text.strip():
            return text
    except (ReportFileError, MemoryError):
        raise
    except Exception:  # pdfminer raises many kinds on damaged files; pypdf gets a second try
        pages = []
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        _check_pages(path, len(reader.pages), limits)
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except (ReportFileError, MemoryError):
        raise
    except Exception as exc:
        raise ReportFileError(f"{path.name}：PDF 文件已损坏或加密，无法提取文字（{type(exc).__name__}）") from exc
    if not text.strip():
        raise ReportFileError(f"{path.name}：PDF 中没有可提取的文字（可能是扫描件，需要先进行文字识别）")
    return text


def _check_pages(path: Path, count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise ReportFileError(f"{path.name}：PDF 共 {count:,} 页，超过可读取的上限 {limits.max_pdf_pages} 页")


def read_report_file(path: str | Path, limits: Limits | None = None) -> str:
    """The text of a report file, whatever its form; raise :class:`ReportFileError` with a Chinese message."""
    path = Path(path)
    limits = limits or default_limits()
    if not path.exists():
        raise ReportFileError(f"找不到文件：{path}")
    if path.is_dir():
        raise ReportFileError(f"{path} 是目录，不是文件")
    size = path.stat().st_size
    if size == 0:
        raise ReportFileError(f"{path.name}：文件为空，没有可读取的内容")
    if size > limits.max_file_mb * MB:
        raise ReportFileError(f"{path.name}：文件大小 {_megabytes(size)}，超过可读取的上限 {limits.max_file_mb:g} MB")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = read_docx(path, limits)
    elif suffix == ".pdf":
        text = read_pdf(path, limits)
    elif suffix in TEXT_SUFFIXES or not suffix:
        text = read_text_file(path)
    else:
        text = None
    if text is not None:
        if len(text) > limits.max_characters:
            raise ReportFileError(f"{path.name}：文字有 {len(text):,} 字，超过可读取的上限 {limits.max_characters:,} 字")
        if not text.strip():
            raise ReportFileError(f"{path.name}：文件中没有文字，没有可读取的内容")
        return text
    if suffix == ".doc":
        raise ReportFileError(f"{path.name}：旧版 Word (.doc) 文件请先另存为 .docx")
    raise ReportFileError(f"{path.name}：不支持的文件类型“{suffix}”（可读取 .docx、.pdf、.txt）")
