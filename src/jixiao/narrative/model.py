"""The drafted report (自评报告) as plain data: ordered sections with generated numbering, their
paragraphs, tables and charts. Renderers (docx, pdf, html) read this structure and nothing else,
so the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterator, Union

from jixiao.domain.findings import Finding


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. ``lead`` is a run-in heading written before the text in the heading
    font (``（一）提高各项指标完成率。``+text); ``style`` is ``body`` or ``note``."""

    text: str
    lead: str = ""
    style: str = "body"

    @property
    def plain(self) -> str:
        return f"{self.lead}{self.text}"


@dataclass(frozen=True)
class Cell:
    """A table cell; ``colspan``/``rowspan`` as in HTML (covered positions are simply absent).
    ``text`` may hold line breaks (``执行数\n（万元）``); a ``nowrap`` cell's lines (like those of a
    heading row) are never broken further, the renderers make its column wide enough."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"  # left | center | right
    bold: bool = False
    nowrap: bool = False


@dataclass(frozen=True)
class Table:
    """A table; ``rows`` hold cells in HTML order, the first ``header_rows`` rows are headings.
    ``widths`` are relative column widths (the renderers widen a column its headings need, see
    :mod:`jixiao.documents.report.layout`)."""

    key: str
    title: str
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    header_rows: int = 1
    number: str = ""  # 表1 (generated)

    @property
    def columns(self) -> int:
        return len(self.widths)

    def grid(self) -> list[list[tuple[Cell, bool] | None]]:
        """The table as a full grid: each position holds ``(cell, is_origin)``; positions covered
        by a span point at the spanning cell with ``is_origin`` False."""
        grid: list[list[tuple[Cell, bool] | None]] = [[None] * self.columns for _ in self.rows]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.columns and grid[r][c] is not None:
                    c += 1
                if c >= self.columns:
                    raise ValueError(f"表“{self.title}”第 {r + 1} 行的单元格多于 {self.columns} 列")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if r + dr < len(self.rows) and c + dc < self.columns:
                            grid[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
                c += cell.colspan
        return grid

    def split_before(self, rows) -> "Table":
        """The table with every merged cell that runs across the boundary before one of ``rows``
        cut there, its text repeated in the part below (where a page breaks a merged 一级指标, the
        next page names it again instead of a cell whose text would spill below the table)."""
        cuts = sorted({r for r in rows if self.header_rows < r < len(self.rows)})
        if not cuts:
            return self
        grid = self.grid()
        out: list[list[tuple[int, Cell]]] = []  # (column, cell) per row
        for r, row in enumerate(grid):
            cells = []
            for c, entry in enumerate(row):
                if entry is None or (c and row[c - 1] is not None and row[c - 1][0] is entry[0]):
                    continue  # covered by a span to the left
                cell, origin = entry
                top = r if origin else next(k for k in range(r, -1, -1) if grid[k][c] is not None
                                            and grid[k][c][1] and grid[k][c][0] is cell)
                if not origin and r not in cuts:
                    continue
                end = top + cell.rowspan
                start = max([top] + [k for k in cuts if k <= r])
                stop = min([end] + [k for k in cuts if k > r])
                if origin or r in cuts:
                    cells.append((c, replace(cell, rowspan=stop - start)))
            out.append(cells)
        return replace(self, rows=tuple(tuple(cell for _, cell in row) for row in out))


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's data; :mod:`jixiao.documents.report.charts` draws it (SVG for PDF/HTML, PNG for docx).

    ``kind``: ``bar`` (grouped vertical bars), ``barh`` (grouped horizontal bars) or
    ``stacked_barh`` (horizontal bars stacked, e.g. met / unmet indicators).
    """

    key: str
    title: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    value_format: str = "amount"  # amount | count | score
    number: str = ""  # 图1 (generated)


Block = Union[Paragraph, Table, Chart]


@dataclass(frozen=True)
class Section:
    """A numbered part of the report.

    ``source`` says where the text came from: ``drafted`` (written from data), ``stored`` (text a
    person wrote, kept with the evaluation), ``edited`` (a drafted section a person changed) or
    ``missing`` (only a person can write it and nobody has yet: such a section is left out of the
    drafted report and named in its ``missing``). ``run_in``: the heading is the
    first words of the first paragraph (``（一）由于……。``) instead of a line of its own.
    """

    key: str
    title: str
    level: int
    blocks: tuple[Block, ...] = ()
    children: tuple["Section", ...] = ()
    number: str = ""
    run_in: bool = False
    source: str = "drafted"

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Report:
    """A drafted self-evaluation report: title, numbered body sections, appendices (自评表)."""

    title: str
    kind: str
    department_name: str
    year: int
    sections: tuple[Section, ...]
    appendices: tuple[Section, ...] = ()
    total: Decimal | None = None
    grade: str = ""
    missing: tuple[Finding, ...] = ()  # what is still to be filled in, each naming its place
    signature: tuple[str, ...] = ()  # 落款 under the body: the unit's name and the date
    warnings: tuple[str, ...] = ()  # e.g. the document could not be scored
    meta: dict = field(default_factory=dict)  # values offered to docx templates
    title_lines: tuple[str, ...] = ()  # the title broken where the meaning allows (GB/T 9704 回行)

    def walk(self) -> Iterator[Section]:
        for section in (*self.sections, *self.appendices):
            yield from section.walk()

    @property
    def missing_sections(self) -> tuple[str, ...]:
        """Keys of the sections only a person can write and nobody has (left out of the report)."""
        return tuple(f.location.get("code", "") for f in self.missing if f.location.get("object") == "section")

    def find(self, key: str) -> Section | None:
        return next((s for s in self.walk() if s.key == key), None)

    def blocks(self) -> Iterator[Block]:
        for section in self.walk():
            yield from section.blocks

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks() if isinstance(b, Chart)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def lines(self) -> list[str]:
        """The report as the lines a reader sees: title, headings and paragraphs, in order (what
        the docx, pdf and html all contain; used by tests and by the published-report checker)."""
        out = [self.title]
        for section in self.sections:
            _section_lines(section, out)
        out.extend(self.signature)
        for section in self.appendices:
            _section_lines(section, out)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())

    def with_sections(self, sections: tuple[Section, ...]) -> "Report":
        return replace(self, sections=sections)


def _section_lines(section: Section, out: list[str]) -> None:
    first = True
    if not section.run_in:
        out.append(section.heading)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            if section.run_in and first:
                out.append(f"{section.heading}{block.plain}")
            else:
                out.append(block.plain)
            first = False
        elif isinstance(block, Table):
            out.append(f"{block.number} {block.title}".strip())
        elif isinstance(block, Chart):
            out.append(f"{block.number} {block.title}".strip())
    if section.run_in and first:
        out.append(section.heading)
    for child in section.children:
        _section_lines(child, out)
