"""The outline of a published report: title, numbered headings, numbered lists inside paragraphs,
and whether the text stops mid-way.

Chinese official documents number their headings (第一部分 →) 一、 → （一） → 1、/1. → （1） → ①, and lists
inside a paragraph 1.… 2.… or 一是…二是…. The numbers are read, not judged: the checks decide what
a repeated or skipped number means.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.published.model import INLINE_LIST, TRUNCATED, Claim, Heading, InlineList
from jixiao.published.text import SourceText, chinese_ordinal
from jixiao.published.wording import wording

_CN = "[一二三四五六七八九十]{1,3}"
# (level, pattern, label format); patterns run on the prose view of one line, where "（" is "(".
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern, str], ...] = (
    # 第一部分 / 第一章 stand above 一、 (Zhejiang, Hubei and others split reports into parts).
    (0, re.compile(rf"^\s*第\s*(?P<n>{_CN}|\d{{1,2}})\s*部分\s*[、.:]?\s*(?P<title>.*)$"), "第{}部分"),
    (0, re.compile(rf"^\s*第\s*(?P<n>{_CN}|\d{{1,2}})\s*章\s*[、.:]?\s*(?P<title>.*)$"), "第{}章"),
    (1, re.compile(rf"^\s*(?P<n>{_CN})\s*[、.]\s*(?P<title>\S.*)?$"), "{}、"),
    (2, re.compile(rf"^\s*\(\s*(?P<n>{_CN})\s*\)\s*[、.]?\s*(?P<title>.*)$"), "（{}）"),
    # 1.2 部门支出描述: a numbered sub-part; the 1. 2. items under it are numbered afresh
    (3, re.compile(r"^\s*(?P<major>\d{1,2})\.(?P<n>\d{1,2})(?![\d.])\s*(?P<title>[^\d\s].*)$"), "{major}.{n}"),
    # 1、2022年12月30日…: a title may open with a number after 、 (a date); after a point it is a decimal (1.5)
    (3, re.compile(r"^\s*(?P<n>\d{1,2})\s*(?:、|\.(?!\d))\s*(?P<title>.*)$"), "{}、"),
    (4, re.compile(r"^\s*\(\s*(?P<n>\d{1,2})\s*\)\s*(?P<title>.*)$"), "（{}）"),
    (5, re.compile(r"^\s*(?P<n>[①-⑳])\s*(?P<title>.*)$"), "{}"),
)
_TITLE_END = re.compile(r"[。;；!?！？]|:(?!\d)")

# Items numbered inside one paragraph; each item must start the paragraph or follow a sentence end.
_BOUNDARY = r"(?:^|(?<=[。;；!！?？,，:：.\s]))"
_INLINE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("1.", re.compile(r"(?:^|(?<=[。;；!！?？\s]))(?P<n>\d{1,2})[.、](?![\d.])")),
    ("(1)", re.compile(_BOUNDARY + r"\((?P<n>\d{1,2})\)")),
    ("一是", re.compile(_BOUNDARY + rf"(?P<n>{_CN})是")),
    ("①", re.compile(r"(?P<n>[①-⑳])")),
    # 任务1:… 任务2:… (a form's 年度主要工作内容)
    ("任务1", re.compile(_BOUNDARY + r"任务(?P<n>\d{1,2})[:：]")),
)
_TERMINAL = "。！？!?;；…」』”\"')）]】"
_TRUNCATION_NOTE = re.compile(
    r"^\s*[\[(（【<《].{0,200}?(stops? here|truncated|cut off|excerpt ends|未完|待续|截断|以下(?:内容)?(?:从?略|省略|缺失|未公开)|余略|下略)",
    re.IGNORECASE,
)
_NUMBER_CELL = re.compile(r"^[\d.,%]+$")
_FILE_NAME = re.compile(r"\.(?:xlsx?|docx?|pdf|wps|et|zip|rar)$", re.IGNORECASE)
_PAGE_MARK = re.compile(r"^\s*(?:-\s*\d+\s*-|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_SOURCE_LINE = re.compile(r"^\s*(?:source\s*:|来源\s*[:：]|https?://|www\.|浏览(?:量|次数)|发布(?:时间|日期))",
                          re.IGNORECASE)


def _ordinal(text: str) -> int | None:
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    return chinese_ordinal(text)


def _heading_title(rest: str) -> str:
    rest = (rest or "").strip().strip("|").strip()
    match = _TITLE_END.search(rest)
    title = rest[: match.start()] if match else rest
    return title[:60].strip()


def _run_together_form(text: str) -> bool:
    """Whether a paragraph is a form's cells run into one line (three labels or more): its numbered
    cells come from different columns and are not one list."""
    return len(set(wording().pattern("form_labels").findall(text))) >= 3


def content_lines(source: SourceText) -> list[tuple[int, str, int]]:
    """Prose lines that carry content: not blank, not a page number, not a source address."""
    if "content_lines" not in source.memo:
        source.memo["content_lines"] = tuple(
            (number, text, offset) for number, text, offset in source.prose_lines()
            if text.strip(" |") and not _PAGE_MARK.match(text) and not _SOURCE_LINE.match(text))
    return list(source.memo["content_lines"])


def _paragraphs(source: SourceText) -> list[list]:
    """Lines joined into paragraphs where a prose line runs on to the next (PDF line breaks):
    ``[line, text, prose offset, [(position in text, prose offset), …]]``."""
    result: list[list] = []
    short_heading = False  # the paragraph so far is a heading line of its own
    for number, text, offset in content_lines(source):
        starts_heading = any(p.match(text) for _, p, _ in _HEADING_PATTERNS)
        if (result and not starts_heading and not short_heading and len(result[-1][1]) >= 15
                and result[-1][1].rstrip()[-1:] not in _TERMINAL and "|" not in text):
            result[-1][1] += text
            result[-1][3].append((len(result[-1][1]) - len(text), offset))
            continue
        result.append([number, text, offset, [(0, offset)]])
        short_heading = starts_heading and len(text.strip()) < 40
    return result


def read_outline(source: SourceText) -> tuple[tuple[Heading, ...], tuple[Claim, ...]]:
    """Numbered headings (one per line that starts with a number) and inline numbered lists."""
    headings: list[Heading] = []
    claims: list[Claim] = []
    for line, text, offset, pieces in _paragraphs(source):
        lists = [] if _run_together_form(text) else _inline_lists(text)
        list_styles = {style for style, _ in lists}
        for style, items in lists:
            first, last = items[0], items[-1]
            start, _ = _prose_to_original(source, pieces, first.start())
            _, end = _prose_to_original(source, pieces, last.end())
            claims.append(Claim(
                INLINE_LIST,
                InlineList(style, tuple(_ordinal(m.group("n")) or 0 for m in items),
                           tuple(m.group(0).strip("，,。;；:： ") for m in items)),
                source.excerpt(start, end + 40), source.line_of(start), start, end,
            ))
        attachment = _ATTACHMENT_LIST.match(text)
        if attachment:
            # 附件:1.…分配表 / 2.…目标表: the first of a list of attachments, whose next items are headed 2. 3.
            start = source.prose.offsets[offset] if offset < len(source.prose.offsets) else 0
            headings.append(Heading(3, int(attachment.group("n")), f"{attachment.group('n')}、",
                                    _heading_title(text[attachment.end():]), line, start, start + len(text)))
            continue
        if re.match(wording().data("file_name_line"), text, re.IGNORECASE):
            continue  # 1.jpg: the file name of the page's image, no heading
        if _table_row(text):
            continue  # a row of cells (二、化肥减量增效田间试验 | ≥15组 | 15组 | 15.0 |) heads no part of the text
        for level, pattern, label in _HEADING_PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            if level == 3 and "1." in list_styles:
                break  # the line is a list of items, not a heading
            number = _ordinal(match.group("n"))
            if number is None:
                continue
            start = source.prose.offsets[offset] if offset < len(source.prose.offsets) else 0
            first_line = pieces[1][0] if len(pieces) > 1 else len(text)
            title = _heading_title(text[match.start("title"): first_line] if match.group("title") else "")
            end = start + len(match.group(0).split("。")[0])
            written = (label.format(major=match.group("major"), n=match.group("n")) if "major" in match.groupdict()
                       else label.format(match.group("n")))
            headings.append(Heading(level, number, written, title, line, start, end))
            break
    return tuple(headings), tuple(claims)


def headings_run_in(text: str, *, line_start: bool = False) -> list[Heading]:
    """Headings a page ran into a line after a space, a sentence's end or a colon (…满意度达90%以上。 二、项目资金管理及组织
    实施情况 (一)资金申报…), and a heading's first sub-headings glued to its title (二、绩效目标完成情况(一)资金投入情况分析
    1.资金分配情况): the outline reads headings at the lines' starts only, so these are not in it. With ``line_start``
    also the number the line opens with (the first item of a list the outline read as a list). Line 0, offsets 0."""
    text = unicodedata.normalize("NFKC", text)
    found = []
    # the line's own opening heading is the outline's (unless ``line_start``), but its glued sub-headings are not
    starts = [0] + [b.end() for b in re.finditer(wording().data("run_in_heading_boundary"), text)]
    glued = re.compile(wording().data("run_in_first_sub_heading"))
    for position in starts:
        above = 0
        while position is not None:
            heading = _heading_at(text[position:])
            if heading is None or heading.level <= above:
                break
            if position or above or line_start:
                found.append(heading)
            # the heading's first sub-heading, glued to its title by the page ((一)资金投入情况分析1.资金分配情况)
            title_end = _TITLE_END.search(text, position)
            glue = glued.search(text, position + 1, title_end.start() if title_end else len(text))
            above, position = heading.level, glue.start() if glue else None
    return found


def _heading_at(rest: str) -> Heading | None:
    """The heading of levels 1 to 3 a piece of text opens with, if any (line 0, offsets 0)."""
    for level, pattern, label in _HEADING_PATTERNS:
        match = pattern.match(rest)
        if not 1 <= level <= 3 or match is None or "major" in match.groupdict():
            continue
        number = _ordinal(match.group("n"))
        if number is None:
            return None
        return Heading(level, number, label.format(match.group("n")),
                       (_heading_title(match.group("title") or "").split() or [""])[0], 0)
    return None


_ATTACHMENT_LIST = re.compile(r"^\s*附\s*[件表]\s*[:：]\s*(?P<n>\d{1,2})\s*[.、]")


def _table_row(text: str) -> bool:
    """A line of three cells or more between | (a table's row), not a line of prose."""
    return sum(1 for cell in text.split("|") if cell.strip()) >= 3


def _prose_to_original(source: SourceText, pieces, position: int) -> tuple[int, int]:
    """Original offsets of a position in a joined paragraph."""
    base = 0
    prose_offset = pieces[0][1]
    for joined_at, offset in pieces:
        if joined_at <= position:
            base, prose_offset = joined_at, offset
    index = prose_offset + (position - base)
    return source.prose_span(index, index + 1)


def _inline_lists(text: str) -> list[tuple[str, list[re.Match]]]:
    found = []
    for style, pattern in _INLINE_PATTERNS:
        items = []
        for match in pattern.finditer(text):
            if not _ordinal(match.group("n")):
                continue
            if items and _ordinal(items[-1].group("n")) == _ordinal(match.group("n")) \
                    and not text[items[-1].end(): match.start()].strip():
                continue  # “2. 2、”: a page's list marker before the item's own number, one item
            items.append(match)
        if len(items) >= 2:
            found.append((style, items))
    return found


def find_truncation(source: SourceText) -> Claim | None:
    """A claim that the text stops mid-way: an editor's note saying so, or a last line that breaks off."""
    lines = content_lines(source)
    if not lines:
        return None
    note = None
    while lines and _TRUNCATION_NOTE.match(lines[-1][1]):
        note = lines.pop()
    if note is not None:
        number, text, offset = note
        start = source.prose.offsets[offset] if offset < len(source.prose.offsets) else 0
        return Claim(TRUNCATED, "文末注明原文在此中断", source.excerpt(start, start + len(text)), number,
                     start, start + len(text))
    if not lines:
        return None
    number, text, offset = lines[-1]
    last_line = source.original.rstrip().rsplit("\n", 1)[-1]
    last_cells = last_line.split()
    if sum(1 for cell in last_cells if _NUMBER_CELL.match(cell)) >= 2:
        return None  # the text ends with a table row (总分 100 89.5 优), whatever the prose view joined
    # judged on the last line as written: a wrapped paragraph joined in the prose view is not its last words
    folded_last = unicodedata.normalize("NFKC", last_line).strip(" |\t")
    if folded_last.endswith(wording().words("complete_endings")) or _FILE_NAME.search(folded_last):
        return None
    if len(folded_last.split()) >= 3 and not re.search(r"[,，。;；、]", folded_last):
        return None  # a row of table cells (满意度指标 群众幸福感 明显提升), not a sentence
    body = text.strip(" |")
    if folded_last and folded_last in body:
        body = folded_last
    start = source.prose.offsets[offset] if offset < len(source.prose.offsets) else 0
    excerpt = source.excerpt(start, start + len(text))
    if body.count("(") > body.count(")"):
        return Claim(TRUNCATED, "最后一行括号未闭合，正文在句中中断", excerpt, number, start, start + len(text))
    prose_like = len(body) >= 20 and re.search(r"[,，、]", body) and "|" not in text
    if prose_like and body[-1] not in _TERMINAL and not body[-1].isdigit() and body[-1] != "%":
        return Claim(TRUNCATED, "最后一句没有结束，正文在句中中断", excerpt, number, start, start + len(text))
    return None
