"""Who and what a published report is: its title, the unit that made it (部门 / 单位), its kind (部门整体 or
项目), the year evaluated and the unit its amounts are written in.

Published text carries many names and years that are not the report's own: the bureau whose notice
launched the evaluation (根据县财政局要求…), the site's banner, breadcrumbs and metadata (发布日期, 索引号), a
mirror's wrapper (《….docx》由会员分享), the date a form was filled in. The readers here prefer, in order,
the form's cells (部门（单位）名称, 实施单位, then 主管部门), the title, the signature above a date, and the
page's 发布机构 last; a body cited after 根据/按照 or inside 《》 is never taken.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.published.model import Claim
from jixiao.published.outline import content_lines
from jixiao.published.text import SourceText
from jixiao.published.wording import wording

TITLE_SCAN = 15  # content lines a title may stand in
TITLE_MAX = 80
_YEAR = r"(?:19|20)\d{2}"
_LEAD = re.compile(r"^[\s•·\-*|#>]+")
_ATTACHMENT = re.compile(r"^(?:附\s*件\s*\d*\s*[:：]?\s*(?:\d+\s*[.、])?|\d+\s*[、.]\s*|[（(]?[一二三四五六七八九十]+[)）、]\s*)")
_DATE_LINE = re.compile(rf"^\s*{_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*$")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z_*]")


def _plain(text: str) -> str:
    return _LEAD.sub("", text or "").strip(" |:：")


def is_metadata(text: str) -> bool:
    """A line of the page around the report (发布日期, 索引号, breadcrumbs), not the report."""
    text = _plain(text)
    return bool(text) and (text.startswith(wording().words("metadata_labels")) or "http" in text
                           or text.count(">") >= 2)


def is_mirror_wrapper(text: str) -> bool:
    return any(word in text for word in wording().words("mirror_markers"))


def _title_lines(source: SourceText) -> list[tuple[int, str, int]]:
    lines = []
    for number, text, offset in content_lines(source)[:TITLE_SCAN + 10]:
        if is_metadata(text) or is_mirror_wrapper(text):
            continue
        lines.append((number, _plain(text), offset))
        if len(lines) >= TITLE_SCAN:
            break
    return lines


def find_title(source: SourceText) -> tuple[str, int]:
    """The document's title and its line: the first early line that names the document (自评报告, 自评表…),
    else the first that speaks of a report or evaluation, else the first line of content."""
    lines = _title_lines(source)
    for words in (wording().words("title_words"), wording().words("weak_title_words")):
        for number, text, _ in lines:
            if any(word in text for word in words):
                return _shorten(text), number
    if lines:
        return _shorten(lines[0][1]), lines[0][0]
    return "", 0


def title_lines(source: SourceText) -> list[tuple[int, str, int]]:
    """Every early line that names the document (a report may repeat its title with the unit's name)."""
    return [item for item in _title_lines(source) if any(w in item[1] for w in wording().words("title_words"))]


def _shorten(title: str) -> str:
    """A title line that runs on into the body ends at its first 报告/自评表/说明, or after TITLE_MAX characters."""
    if len(title) <= TITLE_MAX:
        return title
    end = re.search(r"报告|自评表|评分表|评价表|说明|自评价", title)
    return title[: end.end()] if end and end.end() <= TITLE_MAX else title[:TITLE_MAX]


def title_year(title: str) -> re.Match | None:
    """The year of a title: one written with 年 or in brackets (a file's timestamp is not one)."""
    return (re.search(rf"(?<!\d)(?P<y>{_YEAR})(?=\s*年)", title)
            or re.search(rf"[(（\[]\s*(?P<y>{_YEAR})\s*[)）\]]", title)
            or re.search(rf"(?<![\d\-/:T])(?P<y>{_YEAR})(?![\d\-/:])", title))


# --- names ---------------------------------------------------------------------------------------
def _suffixes() -> tuple[str, ...]:
    return wording().words("org_suffixes")


def organisation(text: str, *, places: bool = False) -> str | None:
    """The name of a unit that ``text`` starts with, cut where it runs on into the title or body."""
    text = _ATTACHMENT.sub("", _plain(text))
    text = re.sub(r"^(?:现将|关于|我|对|纳入|经|为)", "", text)
    text = re.sub(r"^\d+\s*[-－—]\s*", "", text)  # a budget code before the name (219001-…)
    cut = wording().pattern("name_cuts").search(text)
    candidate = (text[: cut.start()] if cut else text).strip(" |:：，,。()（）")
    candidate = re.sub(r"[(（]盖章[)）]$", "", candidate)
    if not (3 <= len(candidate) <= 40) or _LATIN_OR_DIGIT.search(candidate):
        return None
    if candidate.endswith(_suffixes()):
        return candidate
    if places and candidate.endswith(wording().words("place_suffixes")):
        return candidate
    return None


def _claim(source: SourceText, value: str, prose_start: int, kind: str) -> Claim:
    start, end = source.prose_span(prose_start, prose_start + len(value))
    return Claim("department", value, source.excerpt(start, end), source.line_of(start), start, end, label=kind)


def _cited(prose: str, start: int) -> bool:
    """Whether the name at ``start`` is only cited: after 根据/按照/受…, or inside 《》."""
    clause = re.split(r"[。;；!?！？\n,，]", prose[max(0, start - 24): start])[-1]
    if clause.count("《") > clause.count("》"):
        return True
    return any(word in clause[-8:] for word in wording().words("citing_words"))


def _cell_values(source: SourceText, labels: tuple[str, ...]):
    """(label, value, prose offset) of each form cell whose label is one of ``labels``, in label order."""
    prose = source.prose.text
    stops = wording().pattern("cell_stops")
    for label in labels:
        colon = label in ("部门", "预算单位")  # too common a word: only as “部门:”
        pattern = re.compile(rf"{re.escape(label)}(?:\s*[(（]盖章[)）])?\s*(?P<sep>[:：]?)[\s|]*")
        for match in pattern.finditer(prose):
            if colon and not match.group("sep"):
                continue
            if match.start() > 0 and prose[match.start() - 1] in "管施":
                continue  # 主管部门 is not 部门, 实施单位 not 单位
            rest = prose[match.end(): match.end() + 60]
            if not rest.split("\n", 1)[0].strip(" |"):
                # the value is the next cell, on a line of its own (one cell per line)
                following = [piece.strip(" |") for piece in rest.split("\n")[1:4] if piece.strip(" |")]
                if not following:
                    continue
                value_text = following[0]
                offset = prose.find(value_text, match.end())
            else:
                value_text = rest.split("\n", 1)[0]
                offset = match.end() + len(value_text) - len(value_text.lstrip(" |"))
                value_text = value_text.strip(" |")
            value_text = re.split(r"\s*\|\s*", value_text)[0]
            stop = stops.search(value_text, 1)
            if stop:
                value_text = value_text[: stop.start()]
            value_text = re.sub(r"^\d+\s*[-－—]\s*", "", value_text).strip(" :：")
            name = organisation(value_text)
            if name:
                yield label, name, prose.find(name, offset if offset >= 0 else match.end())


def _title_names(source: SourceText) -> list[tuple[str, int, bool]]:
    """Names a title starts with (name, prose offset, whether it is only a place before the year). Annex
    lines (附件1:…报告) count when they name one unit; a list of several units' reports is not a title."""
    found = _names_in_titles(source, annexes=False)
    annexes = _names_in_titles(source, annexes=True)
    if len({name for name, _, _ in annexes}) == 1:
        found += annexes
    return found


def _names_in_titles(source: SourceText, *, annexes: bool) -> list[tuple[str, int, bool]]:
    found = []
    for _, text, offset in title_lines(source) or _title_lines(source)[:1]:
        if bool(_ATTACHMENT.match(text) and re.match(r"附\s*件|\d+\s*[.、]", text)) != annexes:
            continue
        line = source.prose.text[offset: offset + len(text) + 40].split("\n", 1)[0]
        plain = _ATTACHMENT.sub("", _plain(line))
        base = offset + max(line.find(plain), 0)
        year = re.search(rf"{_YEAR}\s*年", plain)
        head = plain[: year.start()] if year else plain
        name = organisation(head)
        if name:
            found.append((name, base + max(plain.find(name), 0), False))
            continue
        if year:
            place = organisation(head, places=True)
            if place and place == head.strip(" |:"):
                found.append((place, base + max(plain.find(place), 0), True))
                continue
            name = organisation(plain[year.end():].lstrip("度 "))
            if name:
                found.append((name, base + plain.find(name, year.end()), False))
    return found


def find_department(source: SourceText, title: str) -> Claim | None:
    """The unit that made the report (see the module's docstring for the order of authority)."""
    prose = source.prose.text
    candidates: list[tuple[str, int, str]] = _line_above_title(source, title)  # (name, prose offset, how)
    for label, name, offset in _cell_values(source, wording().words("department_cells")):
        candidates.append((name, offset, f"表格“{label}”"))
        break
    titles = _title_names(source)
    candidates += [(name, offset, "标题") for name, offset, place in titles if not place]
    for label, name, offset in _cell_values(source, wording().words("department_cells_supervisor")):
        candidates.append((name, offset, f"表格“{label}”"))
        break
    candidates += [(name, offset, "标题（地名）") for name, offset, place in titles if place]
    candidates += _short_form_names(source)
    candidates += _signature(source)
    candidates += _publisher(source)
    candidates += _year_lines(source)
    candidates = [c for c in candidates if not _cited(prose, c[1])]
    if not candidates:
        return None
    name, offset, how = candidates[0]
    # a name that lost its first characters in extraction (陵区林业局) is taken whole from another reading
    longer = [c for c in candidates[1:] if c[0].endswith(name) and len(c[0]) > len(name)
              and not re.match(r"本|该|我|此|由|经|对|在|从|为|向|据|按", c[0])]
    if longer:
        name, offset, how = longer[0]
    return _claim(source, name, max(offset, 0), how)


def _short_form_names(source: SourceText) -> list[tuple[str, int, str]]:
    """A name followed by （以下简称…）: the report's author introducing itself."""
    found = []
    for match in re.finditer(r"(?P<n>[\u4e00-\u9fff]{3,30}?)[(（]以下简称", source.prose.text):
        text = match.group("n")
        for start in range(len(text) - 2):
            name = organisation(text[start:])
            if name == text[start:]:
                found.append((name, match.start("n") + start, "自称（以下简称）"))
                break
    return found[:1]


def _line_above_title(source: SourceText, title: str) -> list[tuple[str, int, str]]:
    """The unit's name on the line right above the title (儋州市人民法院 / 2018年度…报告), as documents sign
    their author; a site's banner separated from the title by the page's metadata is not one."""
    lines = content_lines(source)
    for index, (_, text, offset) in enumerate(lines[:TITLE_SCAN]):
        if index + 1 >= len(lines):
            break
        following = _plain(lines[index + 1][1])
        if title and following and title.startswith(following[: len(title)][:8]) and organisation(_plain(text)) == _plain(text):
            return [(_plain(text), offset + max(text.find(_plain(text)), 0), "标题上方")]
        if title and following and title.startswith(following[:8]):
            break
    return []


def _signature(source: SourceText) -> list[tuple[str, int, str]]:
    """The issuing unit signed above a date at the end (天水市财政局 / 2022年12月15日)."""
    lines = [item for item in content_lines(source) if not is_metadata(item[1])]
    for index in range(len(lines) - 1, 0, -1):
        if _DATE_LINE.match(lines[index][1]):
            text = _plain(lines[index - 1][1])
            if organisation(text) == text:
                return [(text, lines[index - 1][2], "落款")]
    return []


def _publisher(source: SourceText) -> list[tuple[str, int, str]]:
    labels = wording().pattern("publisher_labels")
    for match in re.finditer(rf"(?:{labels.pattern})\s*[:：]?[\s|•]*(?P<v>[^\s|:：]{{3,30}})", source.prose.text):
        name = organisation(match.group("v"))
        if name:
            return [(name, match.start("v"), "发布机构")]
    return []


def _year_lines(source: SourceText) -> list[tuple[str, int, str]]:
    """A unit's name right before or after a year in the first lines (…局2021年度…, 2021年茂名市…局…)."""
    for _, line, offset in content_lines(source)[:40]:
        if is_metadata(line):
            continue
        for year in re.finditer(rf"{_YEAR}(?:年度|年)?", line):
            before = re.split(r"[,，。;；:：()（）《》\[\]]", line[: year.start()])[-1]
            after = line[year.end():]
            for candidate in (before, after):
                name = organisation(candidate)
                if name:
                    return [(name, offset + max(line.find(name), 0), "年度前后")]
    return []


# --- kind, unit, year ---------------------------------------------------------------------------
def find_kind(title: str, text: str) -> str | None:
    """部门整体 or 项目: from the title first, else the indicators only department frameworks use, else the body."""
    if re.search(r"部门整体|整体支出|单位整体|机关整体", title):
        return "部门整体"
    if re.search(r"项目|专项资金|资金", title):
        return "项目"
    if any(word in text for word in wording().words("department_indicators")):
        return "部门整体"
    if re.search(r"项目支出|项目自评|项目绩效|项目名称|专项资金|项目资金", text):
        return "项目"
    return None


_UNIT_DECLARED = re.compile(r"(?:\(|单位\s*:)\s*(?P<u>亿元|万元|元)(?!\w)")
_UNIT_AFTER_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>亿元|万元|万(?![\u4e00-\u9fff])|元)")


def find_unit(text: str) -> str | None:
    """The unit amounts are written in: a declared （万元）/单位：元, else the unit most amounts carry."""
    declared = _UNIT_DECLARED.search(text)
    if declared:
        return declared.group("u")
    counts: Counter = Counter("万元" if m.group("u") == "万" else m.group("u") for m in _UNIT_AFTER_NUMBER.finditer(text))
    if not counts:
        return None
    return max(counts, key=lambda unit: (counts[unit], unit == "万元"))


_MENTIONED_YEAR = re.compile(rf"(?<![\d〔\[【（(])(?P<y>{_YEAR})\s*年(?:度)?(?!\s*\d{{1,2}}\s*月)(?![—\-~至到]\s*{_YEAR})")


def mentioned_year(source: SourceText) -> Claim | None:
    """The year the body speaks of most (2022年项目…, 2022年按生均…), when nothing states the evaluation
    year: years of dates (2022年12月), of document numbers (〔2022〕) and of comparisons (较2021年) aside."""
    text = source.prose.text
    counts: Counter = Counter()
    first: dict[int, re.Match] = {}
    for match in _MENTIONED_YEAR.finditer(text):
        before = text[max(0, match.start() - 3): match.start()]
        if re.search(r"[较比与于至到截]$|截至$|截止$", before):
            continue
        year = int(match.group("y"))
        counts[year] += 1
        first.setdefault(year, match)
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], -first[y].start()))
    match = first[year]
    start, end = source.prose_span(match.start("y"), match.end("y"))
    return Claim("mentioned_year", year, source.excerpt(start, end + 12), source.line_of(start), start, end)
