"""Unsafe or wrong files are refused with a clear Chinese message before any parsing, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest

from jixiao.documents.workbook import WorkbookError, WorkbookLimits, read_workbook, workbook_bytes
from jixiao.documents.workbook.cells import neutralise_formula, starts_like_formula

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def refusal(source, **kwargs) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(source, **kwargs)
    (problem,) = caught.value.problems
    assert problem.sheet == "" and problem.row is None
    return str(problem)


def test_text_files_are_not_workbooks():
    assert refusal("项目,金额\n培训,12.5\n".encode()).startswith("不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式")


def test_an_encrypted_workbook_is_named_as_such():
    # Excel saves a password-protected xlsx as an OLE compound file holding an "EncryptedPackage" stream.
    data = OLE_HEADER + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert refusal(data) == "文件已加密（设置了打开密码），无法读取；请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入"


def test_a_legacy_xls_is_asked_to_be_saved_as_xlsx():
    assert refusal(OLE_HEADER + "Workbook".encode("utf-16-le")) == "这是旧版 Excel（.xls）文件；请在 Excel/WPS 中另存为 .xlsx 后再导入"


def test_other_zip_files_are_named():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    assert refusal(buffer.getvalue()) == "不是 Excel 工作簿（.xlsx）：这是一个Word 文档"


def test_a_truncated_workbook_is_reported_as_damaged(reference_document):
    data = workbook_bytes(reference_document)
    assert refusal(data[: len(data) // 2]).startswith("文件已损坏")


def test_an_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_FILE_MB", "1")
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * (1024 * 1024 + 10))
    assert refusal(path) == "文件过大（1.0 MB），超过上限 1 MB；请删除无关工作表或拆分后再导入"


def test_a_decompression_bomb_is_refused(reference_document):
    data = workbook_bytes(reference_document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            bomb.writestr(member, source.read(member))
        bomb.writestr("xl/media/padding.bin", b"\x00" * (300 * 1024 * 1024))  # 300 MB of zeros: ~300 KB zipped
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    message = refusal(buffer.getvalue())
    assert message.startswith("文件压缩比异常（xl/media/padding.bin 解压后 300 MB") and "疑似压缩炸弹" in message


def test_a_member_that_lies_about_its_size_is_refused(reference_document):
    data = bytearray(workbook_bytes(reference_document))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        declared = package.getinfo("xl/sharedStrings.xml").file_size
    entry = _central_entry(data, "xl/sharedStrings.xml")
    # Halve the declared size: inflating stops early and the CRC check fails.
    data[entry + 24:entry + 28] = (declared // 2).to_bytes(4, "little")
    assert refusal(bytes(data)).startswith("文件已损坏，无法作为 xlsx 打开（xl/sharedStrings.xml")


def test_sheets_beyond_the_row_limit_are_refused_by_name(reference_document, xlsx, monkeypatch):
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_ROWS", "100")
    sheets = xlsx.sheets(workbook_bytes(reference_document))
    sheets["指标"] += [list(sheets["指标"][1]) for _ in range(120)]
    assert refusal(xlsx.build(sheets)) == ("工作表“指标”行数超过上限 100 行，已拒绝；"
                                           "请删除多余的行列（可在 Excel 中选中空行后“删除”）再导入")


@pytest.mark.parametrize("far_cell", ["A1048576", "XFD1", "XFD1048576", "BM2"])
def test_a_single_far_away_cell_is_refused_not_allocated(reference_document, xlsx, far_cell):
    # calamine allocates a dense grid up to the farthest cell: XFD1048576 would abort the process.
    sheets = xlsx.sheets(workbook_bytes(reference_document))
    data = xlsx.build(sheets)
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as out:
        names = {name: member for name, member in _sheet_files(source).items()}
        for member in source.infolist():
            body = source.read(member)
            if member.filename == names["指标"]:
                row = int("".join(ch for ch in far_cell if ch.isdigit()))
                body = body.replace(b"</sheetData>",
                                    f'<row r="{row}"><c r="{far_cell}" t="inlineStr"><is><t>x</t></is></c></row>'
                                    f"</sheetData>".encode())
            out.writestr(member, body)
    message = refusal(patched.getvalue())
    assert message.startswith("工作表“指标”") and ("行数超过上限" in message or "列数超过上限" in message)


def test_limits_come_from_the_environment_and_bad_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_ROWS", "5000")
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_FILE_MB", "8")
    limits = WorkbookLimits.from_env()
    assert (limits.max_rows, limits.max_file_bytes) == (5000, 8 * 1024 * 1024)
    assert WorkbookLimits().max_rows == 200_000
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_ROWS", "很多")
    with pytest.raises(WorkbookError) as caught:
        WorkbookLimits.from_env()
    assert "JIXIAO_WORKBOOK_MAX_ROWS=“很多”不是整数" in str(caught.value)


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+86 20", "'+86 20"), ("-受疫情影响", "'-受疫情影响"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("≥4场", "≥4场"), ("", ""), ("效果明显", "效果明显"),
])
def test_formula_like_text_is_neutralised_for_csv(text, safe):
    assert neutralise_formula(text) == safe
    assert starts_like_formula(text) == (safe != text)


def _sheet_files(package: zipfile.ZipFile) -> dict[str, str]:
    from jixiao.documents.workbook.package import sheet_members

    return sheet_members(package)


def _central_entry(data: bytearray, name: str) -> int:
    """Offset of ``name``'s record in the zip's central directory."""
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + length] == name.encode():
            return position
        position = data.find(b"PK\x01\x02", position + 4)
    raise LookupError(name)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_a_member_compressed_by_an_unknown_method_is_reported_as_damaged(reference_document, member):
    """zipfile raises NotImplementedError for a compression method it does not know (here 99, AE-x
    encryption): that is a damaged file to the user, never a crash."""
    data = bytearray(workbook_bytes(reference_document))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    data[info.header_offset + 8:info.header_offset + 10] = (99).to_bytes(2, "little")  # local header's method
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:  # the central directory's entry of the member carries the method too
        if data[at + 46:at + 46 + len(name)] == name:
            data[at + 10:at + 12] = (99).to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    assert refusal(bytes(data)).startswith("文件已损坏")
