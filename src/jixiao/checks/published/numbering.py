"""Section and list numbering of a published report: repeated, skipped or out-of-order numbers."""

from __future__ import annotations

import re

from jixiao.narrative.numbering import REFERENCE_STYLE, chinese_numeral, format_number
from jixiao.published import model as pm
from jixiao.published.model import Claim, Heading

from jixiao.checks.published.context import E, W, Review, settings

def heading_label(level: int, number: int, like: Heading | None = None) -> str:
    """How a heading number of a level is written: 一、 （一） 1、 （1） ① (as the narrative numbers them);
    a part (level 0) as ``like`` writes it: 第二部分 / 第二章."""
    if level == 0:
        word = "章" if like is not None and like.label.endswith("章") else "部分"
        return f"第{chinese_numeral(number)}{word}"
    return format_number(level - 1, number, REFERENCE_STYLE)


def check_headings(review: Review) -> None:
    last: dict[int, Heading] = {}
    sections = review.report.sections
    # A text whose first heading is a later sub-part (3、 or （三）) starts inside a part: the parts above
    # it were left out, so the first heading of each shallower level has its earlier numbers there.
    opening = sections[0] if sections and sections[0].number > 1 and "." not in sections[0].label else None
    for index, heading in enumerate(sections):
        if "." in heading.label:
            # a numbered sub-part (1.2): the items under it are numbered afresh, the sub-parts themselves
            # follow their part's number
            for level in [lvl for lvl in last if lvl >= heading.level]:
                del last[level]
            continue
        for level in [lvl for lvl in last if lvl > heading.level]:
            del last[level]
        previous = last.get(heading.level)
        last[heading.level] = heading
        location = Claim("heading", heading.number, f"{heading.label}{heading.title}", heading.line,
                         heading.start, heading.end)
        if previous is None:
            starts_text = index == 0 and heading.line <= review.report.first_content_line
            starts_text = starts_text or (opening is not None and 0 < heading.level < opening.level)
            if heading.number > 1 and not starts_text and (heading.level <= 1 or any(lvl < heading.level for lvl in last)):
                missing = "、".join(heading_label(heading.level, n, heading) for n in range(1, heading.number))
                review.find("section_gap", W, f"第 {heading.line} 行“{heading.label}{heading.title}”之前没有"
                            f"{missing}，章节编号不连续", location, missing=missing)
            continue
        if heading.number == previous.number and heading.title and heading.title == previous.title:
            continue  # the same heading written again (a contents list, then the body it lists): no second number
        if heading.number == previous.number:
            review.find("section_duplicate", E,
                        f"章节编号重复：第 {previous.line} 行“{previous.label}{previous.title}”与第 {heading.line} 行"
                        f"“{heading.label}{heading.title}”都编为{heading.label}，后者应为"
                        f"{heading_label(heading.level, heading.number + 1, heading)}",
                        location, previous_line=previous.line, number=heading.label)
        elif heading.number > previous.number + 1:
            missing = "、".join(heading_label(heading.level, n, heading)
                               for n in range(previous.number + 1, heading.number))
            review.find("section_gap", W,
                        f"章节编号不连续：第 {previous.line} 行{previous.label}之后是第 {heading.line} 行"
                        f"{heading.label}，缺少{missing}", location, previous_line=previous.line, missing=missing)
        elif heading.number < previous.number and heading.number != 1:
            review.find("section_order", W,
                        f"章节编号顺序错误：第 {previous.line} 行{previous.label}之后是第 {heading.line} 行{heading.label}",
                        location, previous_line=previous.line)


def check_lists(review: Review) -> None:
    for claim in review.claims(pm.INLINE_LIST):
        items = claim.value
        for index in range(1, len(items.numbers)):
            before, number = items.numbers[index - 1], items.numbers[index]
            label = items.labels[index]
            if number == before == 1:
                continue  # a second list begins (存在的问题：一是…二是… 改进措施：一是…)
            if number <= before and _restarts(review, claim, index):
                continue  # a heading or the list's own 1. between them: a new list, whose 1. the page glued on
            if number == before:
                review.find("list_duplicate", E,
                            f"第 {claim.line} 行的列举编号重复：出现两个“{label}”"
                            f"（{'、'.join(items.labels)}），后一个应为下一个序号", claim,
                            numbers=list(items.labels))
            elif number > before + 1:
                review.find("list_gap", W, f"第 {claim.line} 行的列举编号从“{items.labels[index - 1]}”跳到“{label}”，"
                            "中间缺少序号", claim, numbers=list(items.labels))
            elif number < before and number != 1:
                review.find("list_order", W, f"第 {claim.line} 行的列举编号顺序错误：“{items.labels[index - 1]}”"
                            f"之后是“{label}”", claim, numbers=list(items.labels))


def _item_pattern(label: str) -> str:
    """How an item's number as written (2. / (2) / 二是) is found again in the text, not inside a figure."""
    return r"(?<![\d.])" + r"\s*".join(re.escape(ch) for ch in label) + r"(?![\d.])"


def _restarts(review: Review, claim: Claim, index: int) -> bool:
    """Whether the text between item ``index - 1`` and item ``index`` of an inline list starts a new list: a
    heading of a higher level ((二)项目绩效目标) or an item 1 of the same style that the reader of the list did not
    take for an item because the page glued it to the word before (…项目绩效目标1.项目年度总体目标)."""
    items = claim.value
    lines = review.report.lines
    if not claim.line or not lines:
        return False
    text = "".join(lines[claim.line - 1: claim.line - 1 + settings()["list_restart_lines"]])
    position, spans = 0, []
    for label in items.labels[: index + 1]:
        match = re.compile(_item_pattern(label)).search(text, position)
        if match is None:
            return False
        spans.append(match.span())
        position = match.end()
    between = text[spans[index - 1][1]: spans[index][0]]
    first = "1." if items.style == "1." else "(1)" if items.style == "(1)" else "一是" if items.style == "一是" else None
    restart = settings()["list_restart_pattern"]
    return bool(re.search(restart, between) or (first and re.search(_item_pattern(first), between)))
