"""Reports of many departments at once (a region's year) into a folder or a .zip, in parallel
processes. Documents are read once by the caller (from files or the database) and sent to the
workers; workers only draft and render, so they never touch a database.
"""

from __future__ import annotations

import io
import os
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from jixiao.documents.registry import file_name
from jixiao.domain.document import EvaluationDocument

FORMATS = ("docx", "pdf", "html")

Progress = Callable[[int, int, str], None]  # (done, total, name of the file just finished)


@dataclass
class BatchResult:
    """What a batch wrote (file names, in the order finished) and what failed, with the reason."""

    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    target: Path | None = None


def report_filename(doc: EvaluationDocument, fmt: str) -> str:
    """``2022-440112-107-广州市黄埔区工商业联合会-绩效自评报告.docx`` (safe on Windows too)."""
    return file_name(doc, "绩效自评报告", fmt)


def render_bytes(doc: EvaluationDocument, fmt: str, template: str | None = None, charts: bool = True) -> bytes:
    from jixiao.documents.report import render_docx, render_html, render_pdf

    if fmt == "html":
        return render_html(doc, charts=charts).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "docx":
        render_docx(doc, buffer, template, charts=charts)
    elif fmt == "pdf":
        render_pdf(doc, buffer, charts=charts)
    else:
        raise ValueError(f"不支持的报告格式“{fmt}”（可选：{'、'.join(FORMATS)}）")
    return buffer.getvalue()


def _work(doc: EvaluationDocument, fmt: str, template: str | None, charts: bool, folder: str | None):
    """One report in a worker: written to ``folder`` (returns the name) or returned as bytes."""
    name = report_filename(doc, fmt)
    try:
        data = render_bytes(doc, fmt, template, charts)
    except Exception as exc:  # one bad document must not stop a province's batch
        return name, None, f"{type(exc).__name__}: {exc}"
    if folder is None:
        return name, data, ""
    Path(folder, name).write_bytes(data)
    return name, None, ""


def render_batch(documents: Iterable[EvaluationDocument], target: str | Path, fmt: str = "docx", *,
                 workers: int | None = None, template: str | Path | None = None, charts: bool = True,
                 progress: Progress | None = None) -> BatchResult:
    """Render every document's report into ``target``: a folder, or a ``.zip`` file.

    ``workers``: processes to use (default: the CPU count; 1 renders in this process). Failures are
    collected in the result, the other reports are still written."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的报告格式“{fmt}”（可选：{'、'.join(FORMATS)}）")
    docs = list(documents)
    target = Path(target)
    as_zip = target.suffix.lower() == ".zip"
    if as_zip:
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        target.mkdir(parents=True, exist_ok=True)
    folder = None if as_zip else str(target)
    template_arg = str(template) if template else None
    result = BatchResult(target=target)
    workers = max(1, workers or os.cpu_count() or 1)
    archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) if as_zip else None
    used: set[str] = set()

    def collect(name: str, data: bytes | None, error: str) -> None:
        if error:
            result.failed.append((name, error))
        else:
            if archive is not None:
                unique = _unique(name, used)
                archive.writestr(unique, data)
                name = unique
            result.written.append(name)
        if progress:
            progress(len(result.written) + len(result.failed), len(docs), name)

    try:
        if workers == 1 or len(docs) <= 1:
            for doc in docs:
                collect(*_work(doc, fmt, template_arg, charts, folder))
        else:
            with ProcessPoolExecutor(max_workers=min(workers, len(docs))) as pool:
                futures = [pool.submit(_work, doc, fmt, template_arg, charts, folder) for doc in docs]
                for future in as_completed(futures):
                    collect(*future.result())
    finally:
        if archive is not None:
            archive.close()
    return result


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        stem, dot, suffix = name.rpartition(".")
        candidate = f"{stem}-{n}.{suffix}"
    used.add(candidate)
    return candidate
