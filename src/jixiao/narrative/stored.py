"""Reading and writing the text of a section as people store it (workbook 报告 sheet, web form).

Stored text is lines. A line starting with a typed number (（一） 1、 …) starts an item; the number
is dropped, since the report generates its own. An item whose first sentence is followed by more
text is a run-in item (``（一）标题。正文``); a short line without final punctuation is a heading
with the following lines as its paragraphs (``1、踔厉奋发新征程，思想引领有特色``).
"""

from __future__ import annotations

import re

from jixiao.narrative.model import Paragraph, Section
from jixiao.narrative.numbering import format_number, strip_number

_SENTENCE_END = re.compile(r"[。！？!?]")
_FINAL_PUNCTUATION = "。！？!?；;：:"


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def paragraphs_of(text: str) -> tuple[Paragraph, ...]:
    """Each non-empty line is a paragraph."""
    return tuple(Paragraph(line) for line in lines_of(text))


def split_lead(line: str) -> tuple[str, str]:
    """``"标题。正文……"`` → ``("标题。", "正文……")``; a line of one sentence → ``(line, "")``."""
    match = _SENTENCE_END.search(line)
    if not match or match.end() >= len(line):
        return line, ""
    return line[:match.end()], line[match.end():].strip()


def item_section(key: str, line: str, level: int, source: str) -> Section:
    """One item line (without its number) as a child section."""
    if line[-1:] in _FINAL_PUNCTUATION or _SENTENCE_END.search(line):
        title, rest = split_lead(line)
        blocks = (Paragraph(rest),) if rest else ()
        return Section(key=key, title=title, level=level, blocks=blocks, run_in=True, source=source)
    return Section(key=key, title=line, level=level, source=source)


def parse_outline(text: str, *, key: str, level: int, source: str = "stored",
                  list_mode: bool = False) -> tuple[tuple[Paragraph, ...], tuple[Section, ...]]:
    """Stored text → (paragraphs before the first item, item sections at ``level``).

    With ``list_mode`` every line is an item even without a typed number (the form of 存在的主要问题
    and 下一步改进措施); otherwise unnumbered text is plain paragraphs.
    """
    lines = lines_of(text)
    stripped = [strip_number(line) for line in lines]
    numbered = any(had for _, had in stripped)
    if not numbered and not list_mode:
        return tuple(Paragraph(line) for line in lines), ()
    intro: list[Paragraph] = []
    items: list[Section] = []
    for body, had_number in stripped:
        if not body:
            continue
        starts_item = had_number or (list_mode and not numbered)
        if starts_item:
            items.append(item_section(f"{key}.{len(items) + 1}", body, level, source))
        elif items:
            last = items[-1]
            items[-1] = Section(key=last.key, title=last.title, level=last.level,
                                blocks=(*last.blocks, Paragraph(body)), run_in=last.run_in, source=source)
        else:
            intro.append(Paragraph(body))
    return tuple(intro), tuple(items)


def outline_text(intro: tuple[Paragraph, ...], items: tuple[Section, ...], depth: int) -> str:
    """The inverse of :func:`parse_outline`: the stored form of drafted items. Items carry their
    number so that people editing the text can see the structure; the report ignores typed
    numbers and numbers the items again, so deleting or reordering items is safe."""
    out = [p.plain for p in intro]
    for position, item in enumerate(items, start=1):
        number = format_number(depth, position)
        body = [p.plain for p in item.blocks if isinstance(p, Paragraph)]
        if item.run_in:
            out.append(number + item.title + (body[0] if body else ""))
            out.extend(body[1:])
        else:
            out.append(number + item.title)
            out.extend(body)
    return "\n".join(out)
