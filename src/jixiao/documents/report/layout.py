"""Page geometry the report renderers share (docx and PDF say the same thing, laid out the same way):
column widths of a table that never break a heading or a level name inside a word, rows kept on one
page with the rows a merged cell spans, and the indents of the 落款 (署名 and 成文日期, GB/T 9704 7.3.5).

Widths are measured the way the fonts draw them: a Chinese character (or a full-width sign) is one
em, anything else at most 0.7 em (Times New Roman's digits are 0.5 em; DejaVu Serif Bold, which
LibreOffice takes where Times New Roman is missing, 0.7), and Word, WPS and LibreOffice put a quarter
em between Chinese and Latin text (200 人次).
"""

from __future__ import annotations

import math
import re
import unicodedata

from jixiao.narrative.model import Table

TEXT_WIDTH_MM = 156  # A4 width less the GB/T 9704 side margins (28 + 26 mm)
TEXT_HEIGHT_MM = 225  # A4 height less the top and bottom margins (37 + 35 mm)
TABLE_FONT_PT = 10.5  # 五号
TABLE_LINE_MM = 14 * 25.4 / 72  # 14 pt lines in the PDF; Word's single spacing of 五号 is a little less
CELL_PADDING_MM = 2.4  # both sides: 3 pt in the PDF, 1 mm in Word, and the borders
CELL_PADDING_V_MM = 1.6
NARROW_EM = 0.7
AUTOSPACE_EM = 0.25
SPACE_EM = 0.3
# A merged group is kept on one page when it takes at most this share of a page, in the docx and the
# PDF alike: a merged cell split across pages is hard to read, and in the PDF a page break that cuts
# one costs a second layout (the cut cells split, their text repeated on the next page; see
# documents/report/html.py), which is then left to groups longer than a page. The price is white
# space where a kept group moves to the next page (the reference report: 17 pages instead of 16).
PDF_KEEP_SHARE = 0.9
DOCX_KEEP_SHARE = 0.9

_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def em(text: str) -> float:
    """The width of ``text`` in ems of its font."""
    width = sum(1.0 if _wide(ch) else SPACE_EM if ch == " " else NARROW_EM for ch in text)
    spaced = sum(1 for a, b in zip(text, text[1:])
                 if (_wide(a) and b.isascii() and b.isalnum()) or (_wide(b) and a.isascii() and a.isalnum()))
    return width + AUTOSPACE_EM * spaced


def mm_of_em(ems: float, font_pt: float = TABLE_FONT_PT) -> float:
    return ems * font_pt * 25.4 / 72


def cell_lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _needed_mm(cell, header: bool) -> float:
    """The narrowest the cell's column may be: a heading's or a level name's every line on one
    line; in other text the longest run that has no place to break (a number such as 1,291.73)."""
    lines = cell_lines(cell.text)
    if not lines:
        return 0.0
    if header or cell.nowrap:
        widest = max(em(line) for line in lines)
    else:
        widest = max((em(run) for line in lines for run in _UNBREAKABLE.findall(line)), default=0.0)
    return mm_of_em(widest) + CELL_PADDING_MM


def column_widths_mm(table: Table, total: float = TEXT_WIDTH_MM) -> list[float]:
    """The table's columns in mm: its relative widths, each column widened where a cell needs it
    (see :func:`_needed_mm`; a cell spanning columns shares its need among them), the width taken
    from the other columns in proportion to what they can spare."""
    share = sum(table.widths) or 1
    widths = [total * w / share for w in table.widths]
    needed = [0.0] * table.columns
    for r, row in enumerate(table.grid()):
        for c, entry in enumerate(row):
            if entry is None or not entry[1]:
                continue
            cell = entry[0]
            span = min(cell.colspan, table.columns - c)
            need = _needed_mm(cell, r < table.header_rows)
            if span == 1:
                needed[c] = max(needed[c], need)
            elif need > sum(widths[c:c + span]):
                for k in range(c, c + span):
                    needed[k] = max(needed[k], need * widths[k] / sum(widths[c:c + span]))
    for _ in range(table.columns):  # settles in a few rounds: each takes only from columns with room
        short = sum(max(0.0, n - w) for n, w in zip(needed, widths))
        if short < 1e-6:
            break
        spare = [max(0.0, w - n) for n, w in zip(needed, widths)]
        room = sum(spare)
        if room <= 0:
            break  # the needs exceed the page: keep what there is, the text will wrap
        take = min(short, room)
        widths = [max(w, n) if n > w else w - take * s / room for w, n, s in zip(widths, needed, spare)]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def row_heights_mm(table: Table, widths: list[float] | None = None) -> list[float]:
    """An estimate of each row's height (cells of one row; a merged cell is left to its rows)."""
    widths = widths or column_widths_mm(table)
    heights = []
    for row in table.grid():
        lines = 1
        for c, entry in enumerate(row):
            if entry is None or not entry[1] or entry[0].rowspan > 1:
                continue
            cell = entry[0]
            inner = sum(widths[c:c + cell.colspan]) - CELL_PADDING_MM
            per_line = max(1.0, inner / mm_of_em(1))
            count = sum(max(1, math.ceil(em(line) / per_line)) for line in cell_lines(cell.text)) or 1
            lines = max(lines, count)
        heights.append(lines * TABLE_LINE_MM + CELL_PADDING_V_MM)
    return heights


def keep_with_next(table: Table, share: float = PDF_KEEP_SHARE) -> list[bool]:
    """For each row, whether it stays on the page of the row after it: a group heading row (one
    cell across the table) always; a row inside a merged cell's span when the whole span fits on
    a page (the innermost span that does decides, so a long 产出指标 still breaks between its
    二级指标 groups, never inside one)."""
    rows = len(table.rows)
    widths = column_widths_mm(table)
    heights = row_heights_mm(table, widths)
    header = sum(heights[:table.header_rows])
    capacity = (TEXT_HEIGHT_MM - header) * share
    keep = [r < table.header_rows for r in range(rows)]
    grid = table.grid()
    for r in range(table.header_rows, rows - 1):
        first = grid[r][0]
        if first is not None and first[1] and first[0].colspan >= table.columns:
            keep[r] = True
    spans = []
    for r, row in enumerate(grid):
        for entry in row:
            if entry is not None and entry[1] and entry[0].rowspan > 1:
                spans.append((r, min(r + entry[0].rowspan, rows)))
    for start, end in set(spans):
        if sum(heights[start:end]) <= capacity:
            for r in range(start, end - 1):
                keep[r] = True
    return keep


def signature_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters of the body font) of the 署名 and the 成文日期 below it: the name
    two characters from the right, the date starting two characters right of the name's start; a
    date longer than that is set two from the right and the name moves left (GB/T 9704 7.3.5.2)."""
    name_em, date_em = em(name), em(date)
    if name_em - 2 >= date_em:
        return 2.0, round(2 + name_em - 2 - date_em, 1)
    return round(2 + date_em + 2 - name_em, 1), 2.0
