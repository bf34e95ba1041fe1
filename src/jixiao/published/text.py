"""Normalised views of a published report's text, each mapped back to the original.

Published text arrives in many shapes: full-width digits and brackets (``１，２９１．７３``, ``（三）``),
spaces that PDF extraction puts between Chinese characters and numbers (``2022 年度``, ``部门 整体``),
table cells separated by ``|`` or by nothing but whitespace. The parser reads two views of it:

- the *prose* view: NFKC-folded, spaces between Chinese text and numbers removed, lines kept, for
  the sentences that state figures (``全年预算数 1,291.73 万元``);
- the *token* view: the same folding but split on whitespace and ``|``, for tables whose cells
  come one after another (``250000.00 250000.00 215,457.6 10 8.62``).

Both views keep, for every character, its offset in the original text, so each claim can name the
line and the exact words it was read from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.published.wording import wording

# Look-alike symbols of real tables that NFKC leaves alone.
_EXTRA_FOLDS = {"≧": "≥", "≦": "≤", "═": "=", "〔": "[", "〕": "]", "【": "[", "】": "]",
                "\u200b": "", "\ufeff": "", "\r": ""}
# Circled numbers are list markers (①②③); NFKC would turn them into plain digits.
_EXTRA_FOLDS.update({chr(code): chr(code) for code in range(0x2460, 0x2474)})


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 <= code <= 0x303F
            or char in "“”‘’、")


def _is_numeric_edge(char: str) -> bool:
    return char.isdigit() or char in "%.‰"


@dataclass(frozen=True)
class MappedText:
    """A transformed text with ``offsets[i]`` = the original offset of ``text[i]``."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


# Mirrors that transcode a page into traditional characters may add the pinyin of some characters in
# brackets (區(qū)): the brackets are dropped. A year written in Chinese numerals (二〇二二年) or split by
# PDF extraction (20 22 年) reads as the digits.
_PINYIN_NOTE = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)")
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")
_SPLIT_YEAR = re.compile(r"(?<!\d)(?:19|20)(\s+)\d\d\s*(?:年|[-－]\s*度)")
# a page that lost the 年 of 年度 after a year, leaving a dash (岳阳县20 16 -度部门…): the dash stands for 年
_LOST_NIAN = re.compile(r"(?<!\d)(?:19|20)\s*\d\d(\s*[-－]\s*)度")
_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
                "八": "8", "九": "9"}


def _special_folds(original: str) -> dict[int, str]:
    """Characters replaced (or dropped, as "") before the general fold, by their offset."""
    special: dict[int, str] = {}
    for match in _PINYIN_NOTE.finditer(original):
        special.update({index: "" for index in range(match.start(), match.end())})
    for match in _CHINESE_YEAR.finditer(original):
        special.update({match.start() + k: _YEAR_DIGITS[c] for k, c in enumerate(match.group())})
    for match in _SPLIT_YEAR.finditer(original):
        special.update({index: "" for index in range(match.start(1), match.end(1))})
    for match in re.finditer(wording().data("lost_character_after_number"), original, re.MULTILINE):
        special[match.start()] = ""
    for match in _LOST_NIAN.finditer(original):
        special.update({index: "" for index in range(match.start(1), match.end(1))})
        special[match.group(1).index("-" if "-" in match.group(1) else "－") + match.start(1)] = "年"
    return special


def _fold(original: str) -> MappedText:
    chars: list[str] = []
    offsets: list[int] = []
    traditional = wording().traditional
    special = _special_folds(original)
    for index, char in enumerate(original):
        folded = special.get(index)
        if folded is None:
            folded = _EXTRA_FOLDS.get(char)
        if folded is None:
            folded = traditional.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char)
            if folded in ("\u3000", "\xa0", "\t"):
                folded = " "
        for piece in folded:
            if piece in ("\t", "\xa0", "\u3000", "\f", "\v"):
                piece = " "
            chars.append(piece)
            offsets.append(index)
    return MappedText("".join(chars), tuple(offsets))


def _close_gaps(folded: MappedText) -> MappedText:
    """Remove runs of spaces that merely separate Chinese text from Chinese text or numbers."""
    text, offsets = folded.text, folded.offsets
    chars: list[str] = []
    kept: list[int] = []
    i = 0
    while i < len(text):
        if text[i] == " ":
            j = i
            while j < len(text) and text[j] == " ":
                j += 1
            before = chars[-1] if chars else ""
            after = text[j] if j < len(text) else ""
            joinable = before and after and before != "\n" and after != "\n" and (
                (_is_cjk(before) and (_is_cjk(after) or _is_numeric_edge(after)))
                or (_is_numeric_edge(before) and _is_cjk(after))
            )
            if not joinable:
                chars.append(" ")
                kept.append(offsets[i])
            i = j
            continue
        chars.append(text[i])
        kept.append(offsets[i])
        i += 1
    return MappedText("".join(chars), tuple(kept))


_SPELLED_PERCENT = re.compile(r"百分之(?P<int>[零〇一二三四五六七八九十百]{1,4})(?:点(?P<frac>[零〇一二三四五六七八九]{1,4}))?")


def _spelled_percent_value(match: re.Match) -> str | None:
    whole = match.group("int")
    if whole in ("百", "一百"):
        number = 100
    elif whole in ("零", "〇"):
        number = 0
    else:
        number = chinese_ordinal(whole)
    if number is None:
        return None
    frac = "".join(str(_CHINESE_DIGITS[c]) for c in match.group("frac") or "")
    return f"{number}.{frac}%" if frac else f"{number}%"


def _spell_percents(mapped: MappedText) -> MappedText:
    """百分之九十八点五 written out in words becomes 98.5% (mapped to the whole words), as reports also write rates."""
    if "百分之" not in mapped.text:
        return mapped
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _SPELLED_PERCENT.finditer(mapped.text):
        value = _spelled_percent_value(match)
        if value is None:
            continue
        chars.extend(mapped.text[position: match.start()])
        offsets.extend(mapped.offsets[position: match.start()])
        first, last = mapped.offsets[match.start()], mapped.offsets[match.end() - 1]
        chars.extend(value)
        offsets.extend([first] * (len(value) - 1) + [last])
        position = match.end()
    chars.extend(mapped.text[position:])
    offsets.extend(mapped.offsets[position:])
    return MappedText("".join(chars), tuple(offsets))


# Where a new paragraph or item begins: a wrapped line is never joined onto one of these.
_BLOCK_START = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)"
                          r"|\d{1,2}\s*[、.](?!\d)|[①-⑳]|第[一二三四五六七八九十\d]+[章节部分条]|附件|附表|\||\[)")
_LINE_END_TERMINAL = "。！？!?;；:：…」』”\"')）]】"
_NOT_PROSE_START = re.compile(r"^\s*(?:source\s*:|https?://|www\.)", re.IGNORECASE)


_FILE_NAME_LINE = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|txt)\s*$", re.IGNORECASE)
_UNIT_LINE = re.compile(r"^\s*(?:金额)?单位\s*[:：]")


def _not_prose(line: str) -> bool:
    """A line of the page around the report (source, 发布时间, breadcrumbs), a document's file name (….docx), a
    table's unit line (单位:万元) or a cover page's field stands alone: it is never joined with another."""
    text = line.lstrip(" •·-*|")
    return bool(_NOT_PROSE_START.match(text)) or text.startswith(wording().words("metadata_labels")) \
        or text.count(">") >= 2 or bool(_FILE_NAME_LINE.search(text)) or bool(_UNIT_LINE.match(text)) \
        or is_cover_field(text)


def is_cover_field(text: str) -> bool:
    """A cover page's field (项目名称:…, 实施单位(公章):…), which stands on a line of its own."""
    match = re.match(r"([\u4e00-\u9fff()（）]{2,12}?)\s*(?:[(（](?:盖章|公章|签章|签字)[)）])?\s*[:：]", text)
    return bool(match) and match.group(1) in wording().words("cover_fields")


WRAP_MIN = 20  # a line this long that stops mid-sentence was wrapped by the page, not ended


def _join_wrapped(mapped: MappedText) -> MappedText:
    """Join lines that a page or PDF wrapped mid-sentence: a long line with no closing punctuation,
    followed (across blank lines) by a line that does not start a heading, an item or a table row."""
    text, offsets = mapped.text, mapped.offsets
    lines = text.split("\n")
    keep = [True] * len(text)
    position = 0
    starts, ends = [], []
    for line in lines:
        starts.append(position)
        ends.append(position + len(line))
        position += len(line) + 1
    index = 0
    while index < len(lines) - 1:
        line = lines[index].rstrip()
        following = index + 1
        while following < len(lines) and not lines[following].strip():
            following += 1
        if following >= len(lines):
            break
        nxt = lines[following]
        numbers_meet = line[-1:].isdigit() and nxt.lstrip()[:1].isdigit()  # 52.800000 / 52.800000: two cells
        if (len(line.strip()) >= WRAP_MIN and line[-1:] not in _LINE_END_TERMINAL and "|" not in line
                and not numbers_meet and "|" not in nxt and not _BLOCK_START.match(nxt) and not _BLOCK_START.match(line)
                and not _not_prose(line) and not _not_prose(nxt)):
            for cut in range(ends[index], starts[following]):
                keep[cut] = False
            lines[following] = line + nxt  # the next join is judged on the joined line
        index = following
    return MappedText("".join(c for c, k in zip(text, keep) if k),
                      tuple(o for o, k in zip(offsets, keep) if k))


@dataclass(frozen=True)
class Token:
    """One whitespace- or ``|``-separated piece of the folded text."""

    text: str
    start: int  # original offsets
    end: int
    line: int  # 1-based line of the original text
    row_end: bool = False  # last token of its line


_TOKEN = re.compile(r"[^\s|]+")


class SourceText:
    """The original text of a report with its prose and token views."""

    def __init__(self, original: str):
        self.original = original if isinstance(original, str) else str(original)
        self.folded = _fold(self.original)
        self.prose = _join_wrapped(_close_gaps(_spell_percents(self.folded)))
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.original)]
        self._tokens: tuple[Token, ...] | None = None
        self.memo: dict = {}  # views the readers derive from the text more than once (content lines, title lines)

    # --- positions -------------------------------------------------------------------------
    def line_of(self, original_offset: int) -> int:
        """1-based line number of an original offset."""
        return bisect_right(self._line_starts, max(original_offset, 0))

    def excerpt(self, start: int, end: int, limit: int = 120) -> str:
        piece = self.original[start:end]
        piece = re.sub(r"\s+", " ", piece).strip()
        return piece if len(piece) <= limit else piece[: limit - 1] + "…"

    def prose_span(self, start: int, end: int) -> tuple[int, int]:
        return self.prose.original_span(start, end)

    def prose_index(self, original_offset: int) -> int:
        """The position in the prose view of the first character at or after an original offset."""
        return bisect_left(self.prose.offsets, original_offset)

    # --- views -----------------------------------------------------------------------------
    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            found: list[Token] = []
            text, offsets = self.folded.text, self.folded.offsets
            for match in _TOKEN.finditer(text):
                start, end = offsets[match.start()], offsets[match.end() - 1] + 1
                found.append(Token(match.group(), start, end, self.line_of(start)))
            marked = []
            for index, token in enumerate(found):
                last = index + 1 == len(found) or found[index + 1].line != token.line
                marked.append(Token(token.text, token.start, token.end, token.line, last))
            self._tokens = tuple(marked)
        return self._tokens

    def prose_lines(self) -> list[tuple[int, str, int]]:
        """(line number, prose text of the line, prose offset of its start) for each line."""
        result = []
        position = 0
        for piece in self.prose.text.split("\n"):
            if position < len(self.prose.offsets):
                start_original = self.prose.offsets[position]
            else:
                start_original = len(self.original)
            result.append((self.line_of(start_original), piece, position))
            position += len(piece) + 1
        return result


# --- numbers as written -------------------------------------------------------------------------
NUMBER_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_ONLY = re.compile(rf"^[+-]?(?:{NUMBER_PATTERN})$")
_PERCENT_ONLY = re.compile(rf"^(?:{NUMBER_PATTERN})%$")


def read_number(text: str) -> Decimal | None:
    """A number as written (``1,291.73``, ``215457.6``), else ``None``."""
    text = (text or "").strip()
    if not _NUMBER_ONLY.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def read_percent(text: str) -> Decimal | None:
    """The number of a percentage as written (``86.19%`` → 86.19), else ``None``."""
    text = (text or "").strip()
    if not _PERCENT_ONLY.match(text):
        return None
    return read_number(text[:-1])


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}


def chinese_ordinal(text: str) -> int | None:
    """Read a small Chinese numeral (一 … 九十九) as used in section numbers and counts."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) > 4 or any(c not in _CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    value = (_CHINESE_DIGITS.get(tens, -100) if tens else 1) * 10 + (_CHINESE_DIGITS.get(ones, -100) if ones else 0)
    return value if value > 0 else None


def decimals_of(text: str) -> int:
    """How many decimals a number was written with (``99.7`` → 1, ``1,288`` → 0)."""
    text = (text or "").strip().rstrip("%")
    _, dot, frac = text.partition(".")
    return len(frac) if dot else 0


def cover_date_year(prose: str, match: re.Match) -> bool:
    """Whether the year of ``match`` (group ``y``), alone on its line or in the body, repeats the year of a cover's
    filling date on the lines just above it (填报日期:2025年4月28日 / 林芝市财政局制 / 2025年): the cover's date."""
    start = match.start()
    for _ in range(int(wording().data("cover_date_lines"))):
        start = prose.rfind("\n", 0, max(start - 1, 0))
        if start < 0:
            break
    above = prose[max(start, 0): match.start()]
    labels = "|".join(map(re.escape, wording().words("cover_date_labels")))
    return bool(re.search(rf"(?:{labels})\s*[:：]?\s*{match.group('y')}\s*年", above))
