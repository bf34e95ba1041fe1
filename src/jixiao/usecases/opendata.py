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


def open_data_part(sources) -> bytes:
    """The rows of some documents (or assessments) as one JSON part, to be joined with the others
    by :func:`open_data_joined` (a batch job makes one part per evaluation)."""
    from jixiao.documents.opendata import open_data_tables, tables_to_json

    return tables_to_json(*open_data_tables(sources))


def open_data_joined(parts, *, title: str = "预算绩效自评公开数据") -> dict[str, bytes]:
    """File name → content of the data package made of parts, in the order given."""
    import json

    from jixiao.documents.opendata import RESOURCES, files_from_tables

    tables: dict[str, list[dict]] = {name: [] for name, *_ in RESOURCES}
    nested: list[dict] = []
    for part in parts:
        data = json.loads(part)
        for name, rows in data["tables"].items():
            tables[name].extend(rows)
        nested.extend(data["nested"])
    return files_from_tables(tables, nested, title=title)[0]


def open_data_zip(sources, name: str):
    """The data package of some documents (or assessments) as one .zip file to download."""
    import io
    import zipfile

    from jixiao.usecases.common import Produced

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in open_data_archive(sources).items():
            archive.writestr(member, content)
    return Produced(name, "application/zip", buffer.getvalue())
