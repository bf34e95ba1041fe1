"""Open data (公开数据) of published evaluations: CSV, JSON and a datapackage.json, in a folder or a .zip."""

from __future__ import annotations

from pathlib import Path

from jixiao.documents.opendata import open_data_files, write_open_data


def publish_open_data(sources, target: str | Path) -> dict[str, int]:
    """Write the data package of these documents (or assessments); returns the rows per resource."""
    return write_open_data(sources, target)


def open_data_archive(sources) -> dict[str, bytes]:
    """File name → content of the data package, for a download."""
    return open_data_files(sources)
