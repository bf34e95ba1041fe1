"""Section numbering (序号) of official documents, generated from the outline, never typed.

GB/T 9704 numbers headings 一、 → （一） → 1. → （1）; Guangdong self-evaluation reports (and the
reference report) write the third level ``1、``. The style is a parameter. Typed numbers found in
stored text are recognised (:func:`strip_number`) so that they can be replaced by generated ones.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.narrative.model import Chart, Section, Table

_DIGITS = "零一二三四五六七八九"

# Formats by depth; {cn} is the Chinese numeral, {n} the Arabic one.
REFERENCE_STYLE = ("{cn}、", "（{cn}）", "{n}、", "（{n}）", "{circled}")
GBT9704_STYLE = ("{cn}、", "（{cn}）", "{n}.", "（{n}）", "{circled}")

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# A typed number at the start of a line: 一、 （一） (一) 1、 1. 1． （1） ①. "1.5万元" and "2022年" are
# not numbers: a dot must not be followed by a digit.
TYPED_NUMBER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百零]+[）)]|[一二三四五六七八九十百零]+[、．.]"
    r"|\d{1,3}(?:[、．]|\.(?!\d))|[（(]\d{1,3}[）)]|[①-⑳])\s*"
)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as section numbers are written)."""
    if n <= 0:
        raise ValueError(f"序号应为正整数：{n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else ""))
    raise ValueError(f"序号过大：{n}")


def format_number(depth: int, n: int, style: tuple[str, ...] = REFERENCE_STYLE) -> str:
    template = style[min(depth, len(style) - 1)]
    circled = _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"({n})"
    return template.format(cn=chinese_numeral(n), n=n, circled=circled)


def strip_number(line: str) -> tuple[str, bool]:
    """``line`` without a typed leading number, and whether it had one."""
    match = TYPED_NUMBER.match(line)
    if not match:
        return line, False
    return line[match.end():], True


def number_sections(sections: tuple[Section, ...], style: tuple[str, ...] = REFERENCE_STYLE,
                    depth: int = 0) -> tuple[Section, ...]:
    """Give every section its number by depth and position. Sections with ``level`` 0 (a title
    without a number, e.g. an appendix heading) are left unnumbered and do not count."""
    numbered = []
    position = 0
    for section in sections:
        if section.level == 0:
            children = number_sections(section.children, style, depth)
            numbered.append(replace(section, number="", children=children))
            continue
        position += 1
        children = number_sections(section.children, style, depth + 1)
        numbered.append(replace(section, number=format_number(depth, position, style), children=children))
    return tuple(numbered)


def number_figures(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Number tables (表1, 表2…) and charts (图1, 图2…) in reading order."""
    counters = {"table": 0, "chart": 0}

    def visit(section: Section) -> Section:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                counters["table"] += 1
                block = replace(block, number=f"表{counters['table']}")
            elif isinstance(block, Chart):
                counters["chart"] += 1
                block = replace(block, number=f"图{counters['chart']}")
            blocks.append(block)
        return replace(section, blocks=tuple(blocks), children=tuple(visit(c) for c in section.children))

    return tuple(visit(s) for s in sections)
