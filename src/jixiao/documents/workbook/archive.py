"""A zip of self-evaluation workbooks (工作簿压缩包), for the bulk import job: its workbooks listed once
when the job starts, then read one at a time by the workers, each within a single workbook's limits.

The archive is read from a seekable binary file (the stored upload), never loaded whole into memory.
Names written by Chinese Windows without the zip's UTF-8 flag are in GBK; they are shown as such, so that
a result lists ``财政局.xlsx``, not the mojibake the zip module makes of it.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from jixiao.documents.workbook.package import MIB, WorkbookLimits
from jixiao.documents.workbook.problems import WorkbookError
from jixiao.site.env import SettingError, env_int

_UTF8_FLAG = 0x800
_SKIPPED_DIRECTORIES = ("__MACOSX",)  # macOS's resource forks beside each file


@dataclass(frozen=True)
class ArchiveLimits:
    """How large an archive of workbooks may be (``JIXIAO_IMPORT_ARCHIVE_*``); each member is then held to
    :class:`WorkbookLimits` like a workbook uploaded alone."""

    max_file_bytes: int = 2048 * MIB  # JIXIAO_IMPORT_ARCHIVE_MAX_MB
    max_workbooks: int = 10_000  # JIXIAO_IMPORT_ARCHIVE_MAX_WORKBOOKS

    @classmethod
    def from_env(cls) -> "ArchiveLimits":
        defaults = cls()
        try:
            return cls(max_file_bytes=env_int("JIXIAO_IMPORT_ARCHIVE_MAX_MB", defaults.max_file_bytes // MIB,
                                              minimum=1) * MIB,
                       max_workbooks=env_int("JIXIAO_IMPORT_ARCHIVE_MAX_WORKBOOKS", defaults.max_workbooks, minimum=1))
        except SettingError as exc:
            raise WorkbookError.file(f"批量导入压缩包的限制配置有误：{exc}") from exc


@dataclass(frozen=True)
class ArchivedWorkbook:
    """One workbook of the archive: its position in the zip's directory and its name as shown."""

    index: int
    name: str

    def __str__(self) -> str:
        return self.name


def display_name(member: zipfile.ZipInfo) -> str:
    """The member's path as its author wrote it (GBK when the zip does not say UTF-8)."""
    if member.flag_bits & _UTF8_FLAG:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _open(handle) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise WorkbookError.file(f"不是 zip 压缩包，或压缩包已损坏（{exc}）；请把各部门的工作簿（.xlsx）打包成一个 .zip 再上传") from exc


def list_workbooks(handle, *, size: int, limits: ArchiveLimits | None = None,
                   workbook_limits: WorkbookLimits | None = None) -> list[ArchivedWorkbook]:
    """The .xlsx workbooks of the archive in ``handle`` (``size`` bytes), in the order of their names.
    Refuses, naming the member, an archive that is too large, encrypted, holds no workbook or too many,
    or a workbook larger than one may be on its own."""
    limits = limits or ArchiveLimits.from_env()
    workbook_limits = workbook_limits or WorkbookLimits.from_env()
    if size > limits.max_file_bytes:
        raise WorkbookError.file(f"压缩包过大（{size / MIB:.0f} MB），超过上限 {limits.max_file_bytes // MIB} MB；请分成几个压缩包上传")
    with _open(handle) as archive:
        members = archive.infolist()
    found = []
    for index, member in enumerate(members):
        name = display_name(member)
        path = PurePosixPath(name)
        if member.is_dir() or path.parts[:1] and path.parts[0] in _SKIPPED_DIRECTORIES or path.name.startswith(("~$", ".")):
            continue  # folders, resource forks, Office's lock files and hidden files
        if not path.name.lower().endswith((".xlsx", ".xlsm")):
            continue  # a readme or a scan beside the workbooks is no workbook: left out, not an error
        if member.flag_bits & 0x1:
            raise WorkbookError.file(f"压缩包中的“{name}”已加密，无法读取；请去掉压缩包密码后重新上传")
        if member.file_size > workbook_limits.max_file_bytes:
            raise WorkbookError.file(f"压缩包中的“{name}”过大（{member.file_size / MIB:.1f} MB），超过单个工作簿的上限 "
                                     f"{workbook_limits.max_file_bytes // MIB} MB")
        found.append(ArchivedWorkbook(index, name))
    if not found:
        raise WorkbookError.file("压缩包中没有 Excel 工作簿（.xlsx）")
    if len(found) > limits.max_workbooks:
        raise WorkbookError.file(f"压缩包中的工作簿过多（{len(found)} 个，上限 {limits.max_workbooks} 个）；请分成几个压缩包上传")
    return sorted(found, key=lambda workbook: (workbook.name, workbook.index))


def read_workbook_member(handle, workbook: ArchivedWorkbook, limits: WorkbookLimits | None = None) -> bytes:
    """The bytes of one workbook of the archive, inflated no further than a workbook may be (a member
    that lies about its size stops at the limit)."""
    limits = limits or WorkbookLimits.from_env()
    with _open(handle) as archive:
        members = archive.infolist()
        if workbook.index >= len(members) or display_name(members[workbook.index]) != workbook.name:
            raise WorkbookError.file(f"压缩包中已找不到“{workbook.name}”")
        try:
            with archive.open(members[workbook.index]) as stream:
                data = stream.read(limits.max_file_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise WorkbookError.file(f"压缩包中的“{workbook.name}”已损坏，无法解压（{exc}）") from exc
    if len(data) > limits.max_file_bytes:
        raise WorkbookError.file(f"压缩包中的“{workbook.name}”解压后超过单个工作簿的上限 {limits.max_file_bytes // MIB} MB")
    return data
