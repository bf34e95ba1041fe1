"""Refusing unsafe files before any parsing: the xlsx package (zip) is checked first.

A workbook arrives from people and from the web, so before python-calamine or openpyxl see a byte,
this module refuses, with a clear Chinese message: files that are not xlsx (a legacy .xls, a CSV, a
Word file), encrypted workbooks (an OLE/CFB container), oversized files, decompression bombs (member
sizes and compression ratios, checked from the zip directory and again while inflating), and sheets
whose cells reach beyond the configured number of rows or columns. The last check matters because
calamine allocates a dense grid up to the farthest cell: one cell at XFD1048576 would abort the process.

The limits come from environment variables (:meth:`WorkbookLimits.from_env`), with defaults sized for
a province's largest department (100,000 indicators).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from jixiao.site.env import SettingError, env_int

from jixiao.documents.workbook.problems import WorkbookError

MIB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1 << 20
_RATIO_FLOOR = MIB  # tiny members compress wildly (a run of spaces); only larger ones are checked


@dataclass(frozen=True)
class WorkbookLimits:
    """How large a workbook may be. Each limit has an environment variable (``JIXIAO_WORKBOOK_*``)."""

    max_file_bytes: int = 50 * MIB  # JIXIAO_WORKBOOK_MAX_FILE_MB
    max_unpacked_bytes: int = 600 * MIB  # JIXIAO_WORKBOOK_MAX_UNPACKED_MB (all members inflated)
    max_ratio: int = 200  # JIXIAO_WORKBOOK_MAX_RATIO (inflated / compressed, per member over 1 MiB)
    max_members: int = 2000  # JIXIAO_WORKBOOK_MAX_MEMBERS (files inside the zip)
    max_rows: int = 200_000  # JIXIAO_WORKBOOK_MAX_ROWS (per sheet that is read)
    max_columns: int = 64  # JIXIAO_WORKBOOK_MAX_COLUMNS (per sheet that is read)

    @classmethod
    def from_env(cls) -> "WorkbookLimits":
        """The limits in force: environment variables over the defaults; a bad value fails loudly."""
        defaults = cls()
        try:
            return cls(
                max_file_bytes=env_int("JIXIAO_WORKBOOK_MAX_FILE_MB", defaults.max_file_bytes // MIB, minimum=1) * MIB,
                max_unpacked_bytes=env_int("JIXIAO_WORKBOOK_MAX_UNPACKED_MB", defaults.max_unpacked_bytes // MIB,
                                           minimum=1) * MIB,
                max_ratio=env_int("JIXIAO_WORKBOOK_MAX_RATIO", defaults.max_ratio, minimum=10),
                max_members=env_int("JIXIAO_WORKBOOK_MAX_MEMBERS", defaults.max_members, minimum=10),
                max_rows=env_int("JIXIAO_WORKBOOK_MAX_ROWS", defaults.max_rows, minimum=10),
                max_columns=env_int("JIXIAO_WORKBOOK_MAX_COLUMNS", defaults.max_columns, minimum=16),
            )
        except SettingError as exc:
            raise WorkbookError.file(f"工作簿读取限制配置有误：{exc}") from exc


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_source(source, limits: WorkbookLimits) -> tuple[bytes, str]:
    """The workbook's bytes and a display name, from a path, bytes or a binary file object.

    The size is checked before the whole file is read.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), "上传的文件"
        if len(data) > limits.max_file_bytes:
            raise _too_large(len(data), limits)
        return data, name
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise WorkbookError.file(f"无法打开文件“{path}”：{exc.strerror or exc}", str(path)) from exc
        if size > limits.max_file_bytes:
            raise _too_large(size, limits)
        return path.read_bytes(), path.name
    if hasattr(source, "read"):
        data = source.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise _too_large(len(data), limits, at_least=True)
        return bytes(data), getattr(source, "name", "上传的文件")
    raise TypeError(f"cannot read a workbook from {type(source).__name__}")


def _too_large(size: int, limits: WorkbookLimits, at_least: bool = False) -> WorkbookError:
    shown = f"超过 {size / MIB:.1f} MB" if at_least else f"{size / MIB:.1f} MB"
    return WorkbookError.file(f"文件过大（{shown}），超过上限 {limits.max_file_bytes // MIB} MB；"
                              "请删除无关工作表或拆分后再导入")


def open_package(data: bytes, limits: WorkbookLimits) -> zipfile.ZipFile:
    """Check that ``data`` is a plain (unencrypted) xlsx package within the size limits."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise WorkbookError.file("文件已加密（设置了打开密码），无法读取；请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入")
        raise WorkbookError.file("这是旧版 Excel（.xls）文件；请在 Excel/WPS 中另存为 .xlsx 后再导入")
    if not data.startswith(_ZIP_MAGIC):
        raise WorkbookError.file("不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式；CSV、文本或 Word 文件请先在 Excel/WPS 中另存为 .xlsx")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise WorkbookError.file(f"文件已损坏，无法作为 xlsx 打开（{exc}）") from exc
    names = {member.filename for member in members}
    if "xl/workbook.bin" in names:
        raise WorkbookError.file("这是二进制工作簿（.xlsb）；请在 Excel/WPS 中另存为 .xlsx 后再导入")
    if "xl/workbook.xml" not in names:
        kind = "Word 文档" if "word/document.xml" in names else "zip 压缩包"
        raise WorkbookError.file(f"不是 Excel 工作簿（.xlsx）：这是一个{kind}")
    if len(members) > limits.max_members:
        raise WorkbookError.file(f"工作簿内部文件过多（{len(members)} 个，上限 {limits.max_members} 个），疑似异常文件，已拒绝")
    unpacked = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise WorkbookError.file("文件已加密，无法读取；请取消密码后另存为 .xlsx 再导入")
        unpacked += member.file_size
        if member.file_size > _RATIO_FLOOR and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise WorkbookError.file(
                f"文件压缩比异常（{member.filename} 解压后 {member.file_size / MIB:.0f} MB，"
                f"压缩比超过 {limits.max_ratio} 倍），疑似压缩炸弹，已拒绝")
    if unpacked > limits.max_unpacked_bytes:
        raise WorkbookError.file(f"工作簿解压后过大（{unpacked / MIB:.0f} MB，上限 {limits.max_unpacked_bytes // MIB} MB），已拒绝")
    return package


def sheet_members(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, from ``xl/workbook.xml`` and its relationships."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        workbook = ElementTree.fromstring(_read_member(package, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read_member(package, "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError,
            NotImplementedError) as exc:  # a damaged member (bad deflate data, CRC) as much as a missing one
        raise WorkbookError.file(f"文件已损坏：工作簿目录无法读取（{exc}）") from exc
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = target
    found = {}
    for sheet in workbook.iter(f"{main}sheet"):
        member = targets.get(sheet.get(f"{rel_ns}id"))
        if member:
            found[sheet.get("name", "")] = member
    return found


def _read_member(package: zipfile.ZipFile, name: str) -> bytes:
    with package.open(name) as stream:
        return stream.read()


def verify_members(package: zipfile.ZipFile, extents: dict[str, str], limits: WorkbookLimits) -> set[str]:
    """Inflate every member once (the zip module stops at the declared size and checks the CRC, so a
    member that lies about its size fails here) and check the cell extent of the sheets in ``extents``
    (member → sheet name) against the row and column limits. Returns the members of those sheets that
    hold formulas."""
    with_formulas = set()
    for member in package.infolist():
        sheet = extents.get(member.filename)
        try:
            with package.open(member) as stream:
                if sheet is None:
                    while stream.read(_CHUNK):
                        pass
                elif _check_extent(stream, sheet, limits):
                    with_formulas.add(member.filename)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise WorkbookError.file(f"文件已损坏，无法作为 xlsx 打开（{member.filename}：{exc}）") from exc
    return with_formulas


_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s([^>]*?)(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STRING_TYPE = re.compile(rb'\bt="str"')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]+)<")
_RECALCULATE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")


def formula_cells_without_values(package: zipfile.ZipFile, members: dict[str, str]) -> dict[str, set[tuple[int, int]]]:
    """(Excel row, 0-based column) of the formula cells with no calculated value, per sheet of
    ``members`` (sheet → zip member). A spreadsheet that saves a file stores each formula's result; a
    program that writes formulas (openpyxl, pandas) stores none, or a placeholder 0 and asks the
    spreadsheet to calculate everything when it opens the file (``fullCalcOnLoad``): such results are
    not to be trusted either."""
    if not members:
        return {}
    recalculate = bool(_RECALCULATE.search(_read_member(package, "xl/workbook.xml")))
    found: dict[str, set[tuple[int, int]]] = {}
    for sheet, member in members.items():
        cells = set()
        for attributes, body in _CELL.findall(_read_member(package, member)):
            if not body or not _FORMULA.search(body):
                continue
            reference = _CELL_REF.search(attributes)
            if reference is None:
                continue
            value = _VALUE.search(body)
            if recalculate or (value is None and not _STRING_TYPE.search(attributes)):
                cells.add((int(reference.group(2)), _column_index(reference.group(1)) - 1))
        if cells:
            found[sheet] = cells
    return found


def _check_extent(stream, sheet: str, limits: WorkbookLimits) -> bool:
    """Refuse a sheet whose cells reach past ``limits.max_rows`` / ``max_columns``.

    Returns whether the sheet holds formulas. Cells carry their reference as ` r="AB123"` (rows carry
    ` r="123"`, without letters).
    Fast path: a reference with more digits (letters) than the limit has is refused at once; only
    references with exactly as many digits (letters) are read as numbers. Cells written without a
    reference are placed by position, so their rows and columns are counted instead.
    """
    formulas = False
    row_digits = len(str(limits.max_rows))
    col_letters = len(column_letter(limits.max_columns))
    # One scan finds the references worth a closer look: as many letters or digits as the limits have
    # (the lookahead decides at a reference's first characters, so most are passed over at once).
    suspicious = re.compile(rb' r="(?=[A-Z]{%d}|[A-Z]{1,%d}\d{%d})([A-Z]+)(\d+)"'
                            % (col_letters, col_letters - 1 or 1, row_digits))
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        buffer = tail + chunk
        if chunk:
            cut = buffer.rfind(b"<")
            body, tail = buffer[:cut], buffer[cut:]
        else:
            body, tail = buffer, b""
        for letters, digits in suspicious.findall(body):
            if int(digits) > limits.max_rows:
                raise _extent_error(sheet, f"行数超过上限 {limits.max_rows:,} 行")
            if _column_index(letters) > limits.max_columns:
                raise _extent_error(sheet, f"列数超过上限 {limits.max_columns} 列（{column_letter(limits.max_columns)} 列）")
        if _UNREFERENCED_CELL.search(body) or _has_prefixed_cells(body):
            _check_unreferenced(body, sheet, limits)
        formulas = formulas or _FORMULA_TAG.search(body) is not None
        if not chunk:
            return formulas


# A cell whose first attribute is not its reference (or that has none): rare, checked the slow way.
_UNREFERENCED_CELL = re.compile(rb'<c(?:>|/>|\s(?!r="))')
# ``</f>``, ``<f `` or ``:f>`` (not <formula1>). Each pattern begins with a byte that is rare in a sheet
# (``f``, ``:``), which the regex engine skips to, where ``in`` compares at nearly every ``>`` or ``<``:
# one scan of a large sheet instead of three, and quicker than each of them.
_FORMULA_TAG = re.compile(rb"f(?:>(?<=</f>)|>(?<=:f>)|(?<=<f) )")
_PREFIXED_CELL_HINT = re.compile(rb":c ")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c\s")


def _has_prefixed_cells(body: bytes) -> bool:
    return _PREFIXED_CELL_HINT.search(body) is not None and _PREFIXED_CELL.search(body) is not None


_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(\s[^>]*)?/?>")


def _check_unreferenced(body: bytes, sheet: str, limits: WorkbookLimits) -> None:
    """Slow path for sheets written without cell references or with namespace prefixes: a cell
    without a reference takes the next column of its row, a row without one the next row, so count
    them (a row split across two chunks is counted as two, which errs on the lenient side)."""
    segments = _ROW_START.split(body)
    if len(segments) - 1 > limits.max_rows:
        raise _extent_error(sheet, f"行数超过上限 {limits.max_rows:,} 行")
    for segment in segments:
        unreferenced = sum(1 for match in _CELL_START.finditer(segment) if b' r="' not in (match.group(1) or b""))
        if unreferenced > limits.max_columns:
            raise _extent_error(sheet, f"列数超过上限 {limits.max_columns} 列")


def _column_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index


def _extent_error(sheet: str, what: str) -> WorkbookError:
    return WorkbookError.file(f"工作表“{sheet}”{what}，已拒绝；请删除多余的行列（可在 Excel 中选中空行后“删除”）再导入")
