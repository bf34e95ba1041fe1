"""LibreOffice (办公套件) on the files jixiao writes: converting a .docx or .xlsx to PDF (or legacy
.doc/.xls to their current forms) with the bundled Chinese fonts.

A machine with no Chinese font installed (``fc-list :lang=zh`` prints nothing) would otherwise draw
boxes for every character; :func:`jixiao.fonts.fontconfig_env` points LibreOffice at the fonts jixiao
ships and maps the official font names (宋体, 仿宋, 黑体…) to them. Each conversion runs with a
private profile, so conversions in parallel do not collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.fonts import fontconfig_env


class OfficeError(RuntimeError):
    """LibreOffice is missing or could not convert the file; the message says which, in Chinese."""


def soffice() -> str | None:
    """The LibreOffice command on this machine, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: str | Path, to: str = "pdf", *, outdir: str | Path | None = None, timeout: int = 180) -> Path:
    """Convert ``source`` with LibreOffice to the format ``to`` (``pdf``, ``docx``, ``xlsx``…) in
    ``outdir`` (default: beside the source); returns the written file."""
    command = soffice()
    if command is None:
        raise OfficeError("本机未安装 LibreOffice（soffice），无法转换文件")
    source = Path(source)
    outdir = Path(outdir or source.parent)
    with tempfile.TemporaryDirectory(prefix="jixiao-office-") as profile:
        env = fontconfig_env()
        env["HOME"] = profile  # LibreOffice writes its user files under HOME as well
        try:
            result = subprocess.run(
                [command, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}/profile",
                 "--convert-to", to, "--outdir", str(outdir), str(source)],
                env=env, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice 转换“{source.name}”超过 {timeout} 秒，已停止") from None
    written = outdir / f"{source.stem}.{to.split(':', 1)[0]}"
    if result.returncode != 0 or not written.exists():
        detail = result.stderr.decode(errors="replace").strip()[-300:]
        raise OfficeError(f"LibreOffice 无法转换“{source.name}”：{detail or '未生成文件'}")
    return written
