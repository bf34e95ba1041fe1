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
from jixiao.published.text import SourceText, cover_date_year, is_cover_field
from jixiao.published.wording import wording

TITLE_SCAN = 15  # content lines a title may stand in
TITLE_MAX = 80
_YEAR = r"(?:19|20)\d{2}"
_LEAD = re.compile(r"^[\s•·\-*|#>\[【]+")
_ATTACHMENT = re.compile(r"^(?:附\s*件\s*\d*\s*[:：]?\s*(?:\d+\s*[.、])?|\d+\s*[、.]\s*|[（(]?[一二三四五六七八九十]+[)）、]\s*)")
_DATE_LINE = re.compile(rf"^\s*{_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*$")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z_*]")
_CODE = re.compile(r"^(?:\[?\d+\]|\d+\s*[-－—])\s*")
_SEAL = re.compile(r"[(（](?:盖章|公章|签章|签字)[)）]$")
_SEAL_AFTER_LABEL = r"(?:\s*[(（](?:盖章|公章|签章|签字)[)）])?"


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
    if "title_lines" not in source.memo:
        source.memo["title_lines"] = tuple(_find_title_lines(source))
    return list(source.memo["title_lines"])


def _find_title_lines(source: SourceText) -> list[tuple[int, str, int]]:
    lines = []
    value_of_label, label_bullet = False, ""
    for number, text, offset in content_lines(source)[:TITLE_SCAN + 10]:
        # a page's metadata label alone on its line (• 公开目录) has its value on the next (• 自评报告): no title
        bullet = _LEAD.match(text)
        bullet = bullet.group(0).strip() if bullet else ""
        after_label = value_of_label and bullet and bullet == label_bullet
        value_of_label, label_bullet = _plain(text) in wording().words("metadata_labels"), bullet
        if after_label or is_metadata(text) or is_mirror_wrapper(text) or not _could_be_title(text):
            continue
        lines.append((number, _plain(text), offset))
        if len(lines) >= TITLE_SCAN:
            break
    return lines


def _could_be_title(text: str) -> bool:
    """Whether a line may be a title: not a value on a line of its own (a code, a date, 财政, 有效), not the
    addressee of a letter (区人大常委会办公室:), not a cover page's field (评价机构:…)."""
    stripped = text.strip(" |")
    if len(re.findall(r"[\u4e00-\u9fff]", stripped)) < 4:
        return False
    if stripped.endswith((":", "：")) and organisation(stripped.rstrip(":：")):
        return False
    return not is_cover_field(_plain(text))


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


_BARE_TITLE = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:支出|资金))?绩效(?:自评|评价)(?:自评)?(?:总结)?报告$")


def whole_title(source: SourceText, title: str, title_line: int) -> str:
    """The title with the line above it when it is only the document's words (…项目资金 / 绩效评价报告)."""
    if not _BARE_TITLE.match(title):
        return title
    above = [text for number, text, _ in _title_lines(source) if title_line - 2 <= number < title_line]
    return (above[-1] + title) if above else title


def title_lines(source: SourceText) -> list[tuple[int, str, int]]:
    """Every early line that names the document (a report may repeat its title with the unit's name); a title
    broken over two lines (隆回县…项目资金 / 绩效评价报告) counts with the line above its last words."""
    lines = _title_lines(source)
    found = []
    for index, item in enumerate(lines):
        if not any(w in item[1] for w in wording().words("title_words")):
            continue
        if index and _BARE_TITLE.match(item[1]) and item[0] - lines[index - 1][0] <= 2:
            found.append(lines[index - 1])
        found.append(item)
    return found


def _shorten(title: str) -> str:
    """A title line that runs on into the body ends at its first 报告/自评表/说明, or after TITLE_MAX characters."""
    if len(title) <= TITLE_MAX:
        return title
    end = re.search(r"(?:报告|自评表|评分表|评价表|说明|自评价)(?:\s*[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）])?", title)
    return title[: end.end()] if end and end.end() <= TITLE_MAX else title[:TITLE_MAX]


def title_year(title: str) -> re.Match | None:
    """The year of a title: one written with 年 or in brackets (a file's timestamp is not one)."""
    number = r"(?!\s*第?\s*\d+\s*号)"  # 财预[2020]10号 numbers a cited document
    return (re.search(rf"(?<!\d)(?P<y>{_YEAR})(?=\s*年)", title)
            or re.search(rf"[(（\[]\s*(?P<y>{_YEAR})\s*[)）\]]{number}", title)
            or re.search(rf"(?<![\d\-/:T])(?P<y>{_YEAR})(?![\d\-/:])(?![)）\]〕】]\s*第?\s*\d+\s*号)", title))


# --- names ---------------------------------------------------------------------------------------
def _suffixes() -> tuple[str, ...]:
    return wording().words("org_suffixes")


def organisation(text: str, *, places: bool = False, cell: bool = False) -> str | None:
    """The name of a unit that ``text`` starts with, cut where it runs on into the title or body. In a form's cell
    (``cell``) a citing word followed by a place's suffix is the start of a place's name (会同县农业农村局), not a
    clause citing a body."""
    text = _ATTACHMENT.sub("", re.sub(wording().data("part_heading_lead"), "", _plain(text)))
    leads = list(wording().pattern("name_leads").finditer(text[:16]))
    if leads:
        text = text[leads[-1].end():]  # a field label or a clause's words run into the name (标题西藏…)
    # (…于2020年6月至7月对某委员会…: the end of a date before the clause's word)
    text = re.sub(r"^[年月日]?(?:现将|关于|我|对|纳入|经|为)", "", text)
    text = _CODE.sub("", text)  # a budget code before the name (219001-…, [155]…)
    cut = next((m for m in wording().pattern("name_cuts").finditer(text)
                if not text.startswith(wording().words("names_holding_cut_words"), m.start())), None)
    # (the seal's bracket goes before the brackets are stripped: 某县卫生健康局(盖章))
    candidate = _SEAL.sub("", (text[: cut.start()] if cut else text).strip(" |:：，,。")).strip(" |:：，,。()（）")
    if candidate.count("(") + candidate.count("（") > candidate.count(")") + candidate.count("）"):
        head, tail = re.split(r"[(（]", candidate, maxsplit=1)
        if head.endswith(_suffixes()) and re.fullmatch(r"[\u4e00-\u9fff]{3,}(?:、[\u4e00-\u9fff]{2,})*", tail) \
                and tail.endswith(_suffixes()):
            # a second name (or several, 某局(市国资委、市金融监管局…) in a bracket the line cut off (某局(广播电视局…)
            candidate = head
    joined = candidate.rsplit("-", 1)
    if len(joined) == 2 and joined[0].endswith(wording().words("site_name_endings")) \
            and joined[1].endswith(_suffixes()) and len(joined[1]) >= 3:
        candidate = joined[1]  # a site's name and the unit's, joined by a dash (某县人民政府-某县某局)
    doubled = re.fullmatch(r"(.{3,20})\1", candidate)
    if doubled:
        candidate = doubled.group(1)  # two cells of one name run together (主管单位, 实施单位 广水市交通运输局 ×2)
    place = re.match(rf"[\u4e00-\u9fff]{{1,6}}?(?:{wording().pattern('place_suffixes').pattern})", candidate)
    again = candidate.find(place.group(0), place.end()) if place else -1
    if again > 0 and candidate[:again].endswith(_suffixes()) and len(candidate[:again]) > place.end() \
            and not re.fullmatch(wording().data("place_only_name"), candidate[:again]):
        candidate = candidate[:again]  # two bodies signing together (浙江省财政厅浙江省教育厅): the first
    if not (3 <= len(candidate) <= 40) or _LATIN_OR_DIGIT.search(candidate) \
            or re.search(wording().data("not_a_name_pattern"), candidate) \
            or candidate.startswith(wording().words("citing_words")) and not (cell and _cited_place(candidate)) \
            or candidate.startswith("各"):
        return None  # a cited notice's title (根据《…), a cell's label (公章):…) or many units (各地州…)
    if candidate.endswith(wording().words("not_unit_endings")) \
            or candidate.startswith(wording().words("spam_words")):
        return None  # a residential estate, a site, or a betting site's string a spam mirror wrote in
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
    labels = wording().words("department_cells") + wording().words("department_cells_supervisor")
    if clause.rstrip(" |:：").endswith(labels):
        return False  # the form's own cell (…专项经费主管部门新洲区楚剧团: the 经 of 经费 cites nothing)
    return any(word in clause[-8:] for word in wording().words("citing_words"))


def _cell_values(source: SourceText, labels: tuple[str, ...]):
    """(label, value, prose offset) of each form cell whose label is one of ``labels``, in label order."""
    prose = source.prose.text
    stops = wording().pattern("cell_stops")
    for label in labels:
        colon = label in ("部门", "预算单位")  # too common a word: only as “部门:”
        pattern = re.compile(rf"{re.escape(label)}(?P<paired>/(?:项目)?(?:负责人|联系人|联系电话))?{_SEAL_AFTER_LABEL}"
                             rf"\s*(?P<sep>[:：]?)[\s|]*")
        for match in pattern.finditer(prose):
            line_start = match.start() == 0 or prose[match.start() - 1] == "\n"
            own_cell = line_start and "|" in prose[match.start(): match.end()]  # 部门 | 某某中心 |: a cell of its own
            if colon and not match.group("sep") and not own_cell and not (label == "预算单位" and line_start):
                continue  # 预算单位 heads a form's row (预算单位 区卫生健康局) where it starts a line
            if match.start() > 0 and prose[match.start() - 1] in "管施":
                continue  # 主管部门 is not 部门, 实施单位 not 单位
            if prose[max(0, match.start() - 4): match.start()].endswith(wording().words("outside_cell_prefixes")):
                continue  # 中央主管部门, 自治区主管部门: the body above, never the unit evaluated
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
            if not match.group("sep") and value_text.startswith(wording().words("sentence_after_label")):
                continue  # 市级主管部门对相关县(市、区)项目…: a sentence speaking of the body, no cell
            if match.group("paired"):
                value_text = value_text.split("/")[0]  # 项目实施单位/项目负责人: 原州区农技中心/杨勃兴
            if stops.match(value_text):
                continue  # the cell is empty: what follows is the next cell's label (主管部门 | 财政处室 | 自评总分)
            stop = stops.search(value_text, 1)
            if stop:
                value_text = value_text[: stop.start()]
            value_text = _CODE.sub("", value_text).strip(" :：")
            name = organisation(value_text, cell=True)
            if name:
                yield label, name, prose.find(name, offset if offset >= 0 else match.end())


def _cited_place(candidate: str) -> bool:
    """Whether a name that opens with a citing word is a place's (会同县…): the word then a place's suffix."""
    return any(candidate.startswith(word) and candidate[len(word):].startswith(wording().words("place_suffixes"))
               for word in wording().words("citing_words"))


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
        first_word = min((text.find(w) for w in wording().words("title_words") if w in text), default=len(text))
        if re.search(r"[。,，;；]", text[:first_word]):
            continue  # a sentence of the body that speaks of the evaluation (通过建立…总分馆制,发挥…), no title
        if bool(_ATTACHMENT.match(text) and re.match(r"附\s*件|\d+\s*[.、]", text)) != annexes:
            continue
        line = source.prose.text[offset: offset + len(text) + 40].split("\n", 1)[0]
        plain = _ATTACHMENT.sub("", _plain(line))
        base = offset + max(line.find(plain), 0)
        year = re.search(rf"{_YEAR}\s*年", plain)
        head = plain[: year.start()] if year else plain
        about = re.search(r"关于(?P<unit>.{3,40})$", head)
        if about and organisation(about.group("unit")) == about.group("unit"):
            # 某县财政局关于某县民政局2022年度…的报告: the unit the report is about, not the one sending it
            head = about.group("unit")
        name = organisation(head) or _leading_unit(head)
        if name:
            # 昌都市卡若区2022年度…报告: a district's name alone is a place, below a form's unit in authority
            only_place = bool(re.fullmatch(wording().data("place_only_name"), name))
            found.append((name, base + max(plain.find(name), 0), only_place))
            continue
        if year:
            place = organisation(head, places=True)
            if place and place == head.strip(" |:"):
                found.append((place, base + max(plain.find(place), 0), True))
                continue
            name = organisation(plain[year.end():].lstrip("度 "))
            if name and not _names_a_fund(plain[plain.find(name, year.end()) + len(name):]):
                found.append((name, base + plain.find(name, year.end()), False))
    return found


def _names_a_fund(after: str) -> bool:
    """Whether what follows a name makes it part of a fund's name (新增地方政府|专项债券): no unit."""
    return after.startswith(wording().words("fund_name_followers"))


def _leading_unit(head: str) -> str | None:
    """A unit's name that a title runs on into its project's (红河州第二人民医院国家基本公共卫生服务项目…): the
    longest start of the words before the year that is a unit's name, not a mere place."""
    places = wording().words("place_suffixes") + ("镇", "乡", "村", "街道")
    for end in range(min(len(head), 40), 4, -1):
        name = organisation(head[:end])
        if name and name == head[:end] and not name.endswith(places):
            return name
    return None


def find_department(source: SourceText, title: str) -> Claim | None:
    """The unit that made the report (see the module's docstring for the order of authority)."""
    prose = source.prose.text
    candidates: list[tuple[str, int, str]] = _line_above_title(source, title)  # (name, prose offset, how)
    for label, name, offset in _cell_values(source, wording().words("department_cells")):
        candidates.append((name, offset, f"表格“{label}”"))
        break
    titles = _title_names(source)
    candidates += [(name, offset, "标题") for name, offset, place in titles if not place]
    candidates += _line_below_title(source, title)
    for label, name, offset in _cell_values(source, wording().words("department_cells_supervisor")):
        candidates.append((name, offset, f"表格“{label}”"))
        break
    candidates += [(name, offset, "标题（地名）") for name, offset, place in titles if place]
    candidates += _short_form_names(source)
    candidates += _subject(source)
    candidates += _stated_unit(source)
    candidates += _signature(source)
    candidates += _document_header(source)
    publishers = _publisher(source)
    candidates += publishers
    candidates += [c for c in _publisher(source, "source_labels") if not _publishes_only(c[0])]
    candidates += _run_in_signature(source)
    candidates += _year_lines(source)
    candidates += _opening_subject(source)
    candidates += _site_owner(source)
    candidates = [c for c in candidates if not _cited(prose, c[1])
                  and not c[0].endswith(wording().words("evaluator_endings"))
                  and not (c[2] == "标题（地名）" and c[0].endswith(wording().words("province_suffixes")))]
    if not candidates:
        # the last resort: a body of a province or city that the text's 我厅 / 我委 speaks as
        candidates = [c for c in _self_named(source) + _year_opening_subject(source)
                      if not c[0].endswith(wording().words("evaluator_endings")) and not _cited(prose, c[1])]
    if not candidates:
        return None
    name, offset, how = candidates[0]
    if how == "标题上方" and name.endswith("人民政府"):
        # a site's banner (阜康市人民政府) above a title that names one of the place's units (阜康市统计局…自评表)
        place = name[: -len("人民政府")]
        inner = next((c for c in candidates[1:] if c[2] in ("标题",) or c[2].startswith("表格")
                      if c[0].startswith(place) and c[0] != name and len(c[0]) > len(place)), None)
        if inner is not None:
            name, offset, how = inner
    if how.startswith("标题"):
        name, how = _completed(name, how, publishers + _publisher(source, "source_labels"))
    # a name that lost its first characters in extraction (陵区林业局) is taken whole from another reading
    longer = [c for c in candidates[1:] if c[0].endswith(name) and len(c[0]) > len(name)
              and not re.match(r"本|该|我|此|由|经|对|在|从|为|向|据|按", c[0])
              and not re.search(r"[|:：\s]", c[0])]  # not a form's label and its cell (单位名称 | 塘湖镇人民政府)
    if longer:
        name, offset, how = longer[0]
    elif name[:1] in wording().data("bare_level_chars") and len(name) > 3:
        # a name without its place (来源:市文化和广电旅游体育局) that the text writes whole (东阳市文化和广电旅游体育局)
        whole = re.search(rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{1,6}}?{re.escape(name)}", prose)
        if whole and organisation(whole.group(0)) == whole.group(0):
            name, offset, how = whole.group(0), whole.start(), how + "，正文全称补全"
    if re.fullmatch(wording().data("place_only_name"), name):
        unit = _only_unit_of_place(prose, name)
        if unit:
            name, offset, how = unit[0], unit[1], how + "，正文中该地唯一单位补全"
    return _claim(source, name, max(offset, 0), how)


def _only_unit_of_place(prose: str, place: str) -> tuple[str, int] | None:
    """The one unit of ``place`` the text names (埇桥区 → 埇桥区文化和旅游局), not cited (根据《…》), not run into a page's
    label (金凤区财政局责任部门…), not a body that only publishes; None when it names none or several."""
    core = re.sub(wording().data("upper_place_prefix"), "", place)
    labels = re.compile(f"{wording().pattern('publisher_labels').pattern}|{wording().pattern('metadata_labels').pattern}")
    found: dict[str, int] = {}
    limit = int(wording().data("place_unit_max_chars"))
    for match in re.finditer(rf"{re.escape(core)}[\u4e00-\u9fff]{{1,{limit}}}", prose):
        head = labels.split(match.group(0)[len(core):], maxsplit=1)[0]
        head = core + head.split(core, 1)[0]  # up to the place written again
        for end in range(len(head), len(core), -1):
            name = organisation(head[:end])
            if name and name == head[:end]:
                if not re.fullmatch(wording().data("place_only_name"), name) and not _cited(prose, match.start()) \
                        and not _only_publishes(name):
                    found.setdefault(name, match.start())
                break
    return next(iter(found.items())) if len(found) == 1 else None


def _site_owner(source: SourceText) -> list[tuple[str, int, str]]:
    """The unit whose own site the page is on (欢迎来到南县政协网站!), a last resort: a government's portal only
    publishes what its units wrote."""
    for _, line, offset in content_lines(source)[:TITLE_SCAN]:
        match = re.search(wording().data("site_owner_pattern"), line)
        if match and organisation(match.group("n")) == match.group("n") and not _only_publishes(match.group("n")) \
                and not match.group("n").endswith(wording().words("site_name_endings")):
            return [(match.group("n"), offset + match.start("n"), "网站主办单位")]
    return []


def _short_form_names(source: SourceText) -> list[tuple[str, int, str]]:
    """A name followed by （以下简称…）: the report's author introducing itself."""
    found = []
    for match in re.finditer(r"(?P<n>[\u4e00-\u9fff]{3,30}?)[(（]以下简称", source.prose.text):
        text = match.group("n")
        if match.start() and source.prose.text[match.start() - 1].isdigit():
            text = re.sub(r"^年?度?", "", text)  # 现将2021年度某街道办事处(以下简称…): the year's word, not the name's
        leads = list(wording().pattern("self_introduction_leads").finditer(text))
        if leads:
            text = text[leads[-1].end():]  # 为加强吉首市…(以下简称: the clause's words before the unit
        for start in range(len(text) - 2):
            name = organisation(text[start:])
            if name and text.endswith(name):  # whole, or after a clause's words it dropped (为加强…)
                found.append((name, match.end("n") - len(name), "自称（以下简称）"))
                break
    return found[:1]


def _line_above_title(source: SourceText, title: str) -> list[tuple[str, int, str]]:
    """The unit's name on the line right above the title (儋州市人民法院 / 2018年度…报告), as documents sign
    their author; a site's banner separated from the title by the page's metadata is not one."""
    lines = content_lines(source)
    for index, (_, text, offset) in enumerate(lines[:TITLE_SCAN]):
        if index + 1 >= len(lines):
            break
        if text.strip(" |").endswith((":", "：")):
            continue  # the addressee of a letter (区人大常委会办公室:), not its author
        following = _plain(lines[index + 1][1])
        plain, name = _plain(text), organisation(_plain(text))
        # (a name with its second name in brackets: 中共湖南省委党校(湖南行政学院))
        if name and name != plain and not re.fullmatch(rf"{re.escape(name)}[(（][^()（）]+[)）]", plain):
            name = None
        if title and following and title.startswith(following[: len(title)][:8]) and name:
            return [(name, offset + max(text.find(name), 0), "标题上方")]
        if title and following and title.startswith(following[:8]):
            break
    return []


def _line_below_title(source: SourceText, title: str) -> list[tuple[str, int, str]]:
    """A cover page's unit on the line right below a title that names none (部门整体支出绩效自评报告 / 某县气象局)."""
    lines = content_lines(source)
    for index, (_, text, offset) in enumerate(lines[:TITLE_SCAN]):
        if not title or not _plain(text) or not title.startswith(_plain(text)[:8]):
            continue
        if index + 1 < len(lines):
            below = _plain(lines[index + 1][1])
            addressee = lines[index + 1][1].strip(" |").endswith((":", "："))  # 省财政厅: the letter's addressee
            if below and organisation(below) == below and not addressee:
                return [(below, lines[index + 1][2] + max(lines[index + 1][1].find(below), 0), "标题下方")]
        break
    return []


def _signature(source: SourceText) -> list[tuple[str, int, str]]:
    """The issuing unit signed above a date at the end (天水市财政局 / 2022年12月15日)."""
    lines = [item for item in content_lines(source) if not is_metadata(item[1])]
    for index in range(len(lines) - 1, 0, -1):
        if _DATE_LINE.match(lines[index][1]):
            number, text, offset = lines[index - 1]
            # units that issue a notice together sign side by side (宁波市财政局 宁波市卫生健康委员会)
            written = source.original.split("\n")[number - 1].split()
            first = _plain(written[0]) if len(written) > 1 and all(organisation(w) == _plain(w) for w in written) \
                else _plain(text)
            name = organisation(first)
            if name == first or name and first.startswith(name) and organisation(first[len(name):]) == first[len(name):]:
                return [(name, offset, "落款")]  # (or side by side with no space: 浙江省财政厅浙江省教育厅)
    # the prose view may have run the signature into the line above (…绩效目标表 / 安溪县水利局 / 2023年3月20日): the
    # lines as written
    written = [line.strip(" |") for line in source.folded.text.split("\n")]
    for index in range(len(written) - 1, 0, -1):
        if _DATE_LINE.match(written[index]) and written[index - 1]:
            first = _plain(written[index - 1])
            # (the signature's own place, the last: the text may cite the unit's notices earlier, 以《某局关于…》)
            if organisation(first) == first and source.prose.text.rfind(first) >= 0:
                return [(first, source.prose.text.rfind(first), "落款")]
    return []


def _document_header(source: SourceText) -> list[tuple[str, int, str]]:
    """The body named in the red header of an official document (某市某区财政局文件 / 某财农〔2021〕99号)."""
    pattern = re.compile(wording().data("document_header_pattern"))
    for _, text, offset in content_lines(source):
        match = pattern.match(text.strip())
        if match and organisation(match.group("n")) == match.group("n"):
            return [(match.group("n"), offset + text.find(match.group("n")), "文头")]
    return []


def _run_in_signature(source: SourceText) -> list[tuple[str, int, str]]:
    """A signature the page ran into the text, the last one: a unit right before a full date, after the end of a
    title or a sentence (…绩效目标表安溪县农业农村局2025年3月17日附件1…)."""
    found = [(m.group("n"), m.start("n")) for m in re.finditer(wording().data("run_in_signature_pattern"),
                                                                 source.prose.text)]
    for name, offset in reversed(found):
        if organisation(name) == name:
            return [(name, offset, "落款")]
    return []


def _publisher(source: SourceText, labels_name: str = "publisher_labels") -> list[tuple[str, int, str]]:
    labels = wording().pattern(labels_name)
    for match in re.finditer(rf"(?:{labels.pattern})\s*[\]】]?\s*[:：]?[\s|•]*(?P<v>[^\s|:：\]】]{{3,30}})",
                             source.prose.text):
        value = wording().pattern("metadata_labels").split(match.group("v"))[0]  # 同德镇人民政府发布时间:…
        name = organisation(value)
        if name:
            return [(name, match.start("v"), "发布机构")]
    return []


def _publishes_only(name: str) -> bool:
    """A page's 来源 that publishes what others wrote (the finance bureau that passes on transfer-payment reports,
    the county's portal or its media centre), never the unit evaluated: ``source_only_publishers``."""
    if len(name) < int(wording().data("source_min_chars")):
        return True  # 市人社: a short form without its place, not a name to stand for the unit
    return _only_publishes(name)


def _only_publishes(name: str) -> bool:
    """A body whose words say it publishes (a finance bureau, a portal, a government's office)."""
    return any(word in name for word in wording().words("source_only_publishers")) \
        or bool(re.search(wording().data("source_only_publisher_pattern"), name))


def _completed(name: str, how: str, publishers: list[tuple[str, int, str]]) -> tuple[str, str]:
    """A title's place or town (施甸县, 同德镇) completed by the unit the page names as its publisher or source:
    施甸县农业农村局, 同德镇人民政府, 市水利局 under a title of 重庆市 (重庆市水利局), or a unit named without any place
    (民政局) under a title of 叶集区 (叶集区民政局)."""
    if not name.endswith(wording().words("place_suffixes") + ("镇", "乡", "街道")):
        return name, how
    for publisher, _, _ in publishers:
        if _only_publishes(publisher):
            continue  # the government's office that runs the site (西畴县人民政府办公室) is not the unit evaluated
        if publisher.startswith(name) and len(publisher) > len(name):
            return publisher, how + "，发布机构补全"
        if publisher[0] in "省市县区州旗" and name.endswith(publisher[0]) and len(publisher) > 2:
            return name + publisher[1:], how + "，发布机构补全"
        if not any(suffix in publisher for suffix in wording().words("place_suffixes")) and len(publisher) > 2:
            return name + publisher, how + "，发布机构补全"  # 作者:民政局 under a title of 叶集区: 叶集区民政局
    return name, how


def _stated_unit(source: SourceText) -> list[tuple[str, int, str]]:
    """The unit a sentence says carries the project out (项目组织实施单位为津市市教育局(以下简称“市教育局”)): the form's
    实施单位 cell written as prose."""
    for match in re.finditer(wording().data("stated_unit_pattern"), source.prose.text):
        name = organisation(match.group("n"))
        if name == match.group("n"):
            return [(name, match.start("n"), "正文所述实施单位")]
    return []


def _subject(source: SourceText) -> list[tuple[str, int, str]]:
    """The unit that says it carried out the self-evaluation (…住房和城乡建设厅、财政厅认真组织开展了…绩效自评工作;
    教育部在对各地报送的…基础上,对2020年度…进行了绩效自评)."""
    for match in _SUBJECT.finditer(source.prose.text):
        first = match.group("n").split("、")[0]
        name = organisation(first)
        if name == first:
            return [(name, match.start("n"), "开展自评的单位")]
    for pattern in (_CLAUSE_SUBJECT, _OBJECT_SUBJECT):
        for match in pattern.finditer(source.prose.text):
            name = organisation(match.group("n"))
            if name == match.group("n"):
                return [(name, match.start("n"), "开展自评的单位")]
    return []


# A unit opening a clause that evaluated what it names after 对 (池州市人社局对2022年度…补贴使用情况开展了…绩效评价工作).
_OBJECT_SUBJECT = re.compile(r"(?:^|(?<=[,，。;；:：\n]))(?P<n>[\u4e00-\u9fff]{3,30}?)对[^。;；\n]{2,60}?"
                             r"(?:开展|进行)了?[^。;；\n]{0,12}?(?:绩效自评|绩效评价|自评)")


_SUBJECT = re.compile(r"(?<![\u4e00-\u9fff、])(?P<n>[\u4e00-\u9fff、]{4,60}?)(?:认真|积极|及时)?(?:组织)?开展了?"
                      r"[^。;；\n]{0,40}?绩效自评")


# A unit opening a clause, then what it did before it evaluated (教育部在对…审核评价基础上,对…进行了绩效自评).
_CLAUSE_SUBJECT = re.compile(r"(?:^|(?<=[,，。;；\n]))(?P<n>[\u4e00-\u9fff]{2,30}?)(?:在|于)[^。;；\n]{0,100}?"
                             r"(?:进行|开展)了?[^。;；\n]{0,12}?绩效自评")


_OPENING = re.compile(r"^\s*(?P<n>[\u4e00-\u9fff]{4,30}?)(?:" + "|".join(wording().words("opening_subject_verbs")) + ")")


def _opening_subject(source: SourceText) -> list[tuple[str, int, str]]:
    """A unit that opens a paragraph as its subject (绵阳市科学技术局主要有部门预算项目支出…)."""
    for _, line, offset in content_lines(source)[:40]:
        match = _OPENING.match(line)
        if match and organisation(match.group("n")) == match.group("n"):
            return [(match.group("n"), offset + match.start("n"), "段首主语")]
    return []


def _self_named(source: SourceText) -> list[tuple[str, int, str]]:
    """The unit that calls itself 我厅 / 我委 / 我局 when the text names one body of a province or city with that
    ending (我厅… / 省应急管理厅主要职责如下), not cited (根据省财政厅…, 《陕西省应急管理厅职能配置…》) nor a body that
    launches rounds or runs an office (`self_named_excluded`); none when it names several."""
    prose = source.prose.text
    data = wording().data("self_reference_endings")
    endings = {ending for match in re.finditer(wording().data("self_reference_pattern"), prose)
               for ending in data[match.group("s")]}
    if not endings:
        return []
    levels = "|".join(wording().words("self_named_levels"))
    tails = "|".join(sorted(endings, key=len, reverse=True))
    found: dict[str, tuple[str, int]] = {}
    word_before = tuple(wording().words("self_named_word_before"))
    for match in re.finditer(rf"(?P<level>{levels})(?P<core>[\u4e00-\u9fff]{{2,14}}?(?:{tails}))", prose):
        core = match.group("core")
        if core.startswith(tuple(wording().words("self_named_excluded"))) or _cited(prose, match.start("level")) \
                or prose[: match.start()].endswith(word_before):
            continue
        if prose[match.start() - 1: match.start()] == "、" or prose.startswith("、", match.end()):
            continue  # one of several bodies (市财政局、市教育局出台…): a joint notice, not the unit speaking
        place = ""
        for size in range(2, 9):  # the place before the level, as the text writes it again (湖南省… ×2), if any
            before = prose[max(0, match.start() - size): match.start()]
            if not re.fullmatch(rf"[^\W\d_年度月日的]{{{size}}}", before) \
                    or prose.count(before + match.group("level")) < 2:
                break
            place = before
        whole = place + match.group(0)
        if organisation(whole) != whole:
            continue
        found.setdefault(core, (whole, match.start() - len(place)))
    if len(found) != 1:
        return []
    name, offset = next(iter(found.values()))
    return [(name, offset, "自称我厅（委、局）的单位")]


def _year_opening_subject(source: SourceText) -> list[tuple[str, int, str]]:
    """A unit that opens a paragraph on its year's work (2023年,市卫生健康委以…为指导,…): the unit reporting."""
    pattern = re.compile(wording().data("year_opening_subject_pattern"))
    for _, line, offset in content_lines(source)[:40]:
        match = pattern.match(line)
        if match and organisation(match.group("n")) == match.group("n") \
                and not match.group("n").startswith(tuple(wording().words("self_named_excluded"))) \
                and not re.search(wording().data("self_named_level_excluded"), match.group("n")):
            return [(match.group("n"), offset + match.start("n"), "年度段首主语")]
    return []


def _year_lines(source: SourceText) -> list[tuple[str, int, str]]:
    """A unit's name right before or after a year in the first lines (…局2021年度…, 2021年茂名市…局…)."""
    for _, line, offset in content_lines(source)[:40]:
        if is_metadata(line) or "|" in line:
            continue  # a table's cell (a project named 江北区2020年度…项目) is no author
        for year in re.finditer(rf"{_YEAR}(?:年度|年)?", line):
            before = re.split(r"[,，。;；:：()（）《》\[\]]", line[: year.start()])[-1]
            after = line[year.end():]
            for candidate in (before, after):
                name = organisation(candidate)
                if name:
                    return [(name, offset + max(line.find(name), 0), "年度前后")]
    return []


# --- kind, unit, year ---------------------------------------------------------------------------
_CITED_TITLE = re.compile(r"《[^《》\n]{0,120}》")


def find_kind(title: str, text: str, other_titles: tuple[str, ...] = ()) -> str | None:
    """部门整体 or 项目: from the title first, then the document's other title lines (a cover page's own title
    under a page's heading), else the indicators only department frameworks use, else the body; the titles of
    documents the body cites (《关于开展部门整体支出和项目支出绩效自评的通知》) say nothing of its kind."""
    words = wording().words
    for line in (title, *other_titles):
        if re.search(wording().data("fund_whole_title_pattern"), line):
            return "项目"  # 特殊教育补助资金转移支付整体绩效…: the whole of a fund's money, not of a unit's budget
        if any(word in line for word in words("department_kind_title_words")):
            return "部门整体"
        if _launches_round(line):
            return None  # a round of evaluations of many projects and units, not one evaluation
        if any(word in line for word in words("project_kind_title_words")):
            return "项目"
    own = _CITED_TITLE.sub("", text)
    if any(word in own for word in words("department_indicators")):
        return "部门整体"
    if all(word in own for word in words("department_budget_parts")):
        return "部门整体"  # a unit's whole budget, split into 基本支出 and 项目支出
    # (a cited notice on 中央对地方转移支付…绩效自评 still says what is evaluated: a fund's money)
    if any(word in text for word in words("project_kind_text_words")):
        return "项目"
    if any(word in own for word in words("department_kind_text_words")):
        return "部门整体"
    return None


def _launches_round(line: str) -> bool:
    """Whether a title launches or reports a round of evaluations itself, not by citing the notice that
    launched the round its own evaluation belongs to (根据《…关于开展2024年度…绩效自评工作的通知》)."""
    own = _CITED_TITLE.sub("", line)
    match = re.search(wording().data("evaluation_round_pattern"), own)
    return bool(match) and "《" not in own[: match.start()] and not own.startswith("通知", match.end())


def round_object_year(source: SourceText, title: str, year: re.Match) -> Claim | None:
    """The year of the money or work a round of evaluations evaluates (开展2020年…评价工作 on 12项2019年度市级预算资金;
    完成2017年…评价工作 after 梳理2016年各项业务工作), when the title is that round and ``year`` (the title's) is the
    round's: one earlier year, the only one written with money or work, outside cited titles and comparisons."""
    own = _CITED_TITLE.sub(lambda m: " " * len(m.group(0)), title)
    round_match = re.search(wording().data("evaluation_round_pattern"), own)
    if not _launches_round(title) or not round_match or not round_match.start() <= year.start() < round_match.end():
        return None
    text = source.prose.text
    earlier: dict[int, re.Match] = {}
    for match in re.finditer(wording().data("round_object_year_pattern"), text):
        before = text[max(0, text.rfind("\n", 0, match.start()) + 1, match.start() - 80): match.start()]
        if before.count("《") > before.count("》"):
            continue  # the year of a cited notice's title
        if int(match.group("y")) < int(year.group("y")):
            earlier.setdefault(int(match.group("y")), match)
    if len(earlier) != 1:
        return None  # none, or several earlier years: which one the round evaluates is not said
    value, match = next(iter(earlier.items()))
    start, end = source.prose_span(match.start("y"), match.end("y"))
    return Claim("round_object_year", value, source.excerpt(start, end + 12), source.line_of(start), start, end)


def other_titles(source: SourceText, title_line: int) -> tuple[str, ...]:
    """The early lines other than the title that name the document, each with the line above when it is only
    the document's words (岳阳楼区2021年度部门(单位)整体支出 / 绩效评价自评报告)."""
    found = title_lines(source)
    result = []
    for index, (number, text, _) in enumerate(found):
        if number == title_line or len(text) > TITLE_MAX or re.search(r"[。,，;；]", text):
            continue  # a sentence of the body that speaks of the evaluation, not a title
        above = found[index - 1][1] if index and _BARE_TITLE.match(text) and found[index - 1][0] < number else ""
        result.append(above + text)
    return tuple(result)


# (after 单位: the unit is declared whatever follows, the page having run the next cell on: 金额单位:万元单位代码;
# a column of a standard per head, (元/人), declares none)
_UNIT_DECLARED = re.compile(r"\(\s*(?P<u>亿元|万元|元)(?!\w|\s*[/／])|单位\s*:\s*(?P<v>亿元|万元|元)")
# (an amount a page masks, 预算数*元 / 78.*元, still says the unit; a rate per head, 4000元/人, or a list of
# contribution grades, 100元、200元、…, says nothing of the unit the report's money is written in)
_UNIT_AFTER_NUMBER = re.compile(r"(?<![\d.,、])(?<!、\s)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\d*\.?\*+[\d*]*)\s*"
                                r"(?P<u>亿元|万元|万(?![\u4e00-\u9fff])|元)(?!\s*[/／]|\s*、\s*\d)")


def find_unit(text: str) -> str | None:
    """The unit amounts are written in: a declared （万元）/单位：元, else the unit most amounts carry."""
    attachment = re.compile(wording().data("attachment_title_line"))
    for declared in _UNIT_DECLARED.finditer(text):
        # an attachment listed by its title (附件6 收入支出决算总表(单位:元)), its table not in the text
        if attachment.match(text, text.rfind("\n", 0, declared.start()) + 1) \
                and not re.search(r"\d\.\d{2}", text[declared.end(): declared.end() + 200]):
            continue
        return declared.group("u") or declared.group("v")
    before, after = wording().words("rate_amount_before"), wording().words("rate_amount_after")
    # (a standard per head or a scoring rule, 人均不低于10元标准 / 每少1元扣1分, says nothing of the unit either)
    counts: Counter = Counter("万元" if m.group("u") == "万" else m.group("u") for m in _UNIT_AFTER_NUMBER.finditer(text)
                              if not any(w in text[max(0, m.start() - 6): m.start()] for w in before)
                              and not text[m.end(): m.end() + 4].lstrip(" ,，").startswith(after))
    if not counts:
        return "元" if re.search(wording().data("yuan_shaped_amount"), text) else None
    if set(counts) - {"亿元"}:
        del counts["亿元"]  # 亿元 writes a few large totals beside the 万元 or 元 the report keeps its accounts in
    return max(counts, key=lambda unit: (counts[unit], unit == "万元"))


_NOTE_LINE = re.compile(r"\s*(?:注|备注|说明|填表说明)\s*[:：]")
# a year in brackets counts when it is the whole bracket, a form's (2022年度); 〔2022〕 numbers a document
_MENTIONED_YEAR = re.compile(rf"(?:(?<![\d〔\[【（(])|(?<=[（(])(?={_YEAR}\s*年度?\s*[)）]))(?P<y>{_YEAR})\s*年(?:度)?(?!\s*\d{{1,2}}\s*月)(?![—\-~至到]\s*{_YEAR})")


def mentioned_year(source: SourceText) -> Claim | None:
    """The year the body speaks of most (2022年项目…, 2022年按生均…), when nothing states the evaluation
    year: years of dates (2022年12月), of document numbers (〔2022〕) and of comparisons (较2021年) aside."""
    text = source.prose.text
    counts: Counter = Counter()
    first: dict[int, re.Match] = {}
    for match in _MENTIONED_YEAR.finditer(text):
        before = text[max(0, match.start() - 3): match.start()]
        if re.search(r"[较比与至到截]$|[高低多少早晚大小优好强弱快慢]于$|截至$|截止$", before):
            # 较2021年, 高于2021年; not 项目于2020年初 (in 2020)
            continue
        if _NOTE_LINE.match(text, text.rfind("\n", 0, match.start()) + 1):
            continue  # a form's printed note (注:…可参照2014年预算编制…) speaks of no year of the report
        if cover_date_year(text, match):
            continue  # 填报日期:2025年4月28日 / …制 / 2025年: the cover's date
        year = int(match.group("y"))
        counts[year] += 1
        first.setdefault(year, match)
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], -first[y].start()))
    match = first[year]
    start, end = source.prose_span(match.start("y"), match.end("y"))
    return Claim("mentioned_year", year, source.excerpt(start, end + 12), source.line_of(start), start, end)
