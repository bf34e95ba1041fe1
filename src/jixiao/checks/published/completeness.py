"""Whether a published report is whole: cut off, missing parts of the official outline, template text left in."""

from __future__ import annotations

import re

from jixiao.published import model as pm

from jixiao.checks.published.context import W, Review, settings
from jixiao.checks.vocabulary import vocabulary

_NOT_CONTENT = ("department", pm.TITLE_YEAR, pm.EVALUATION_YEAR, "mentioned_year", "round_object_year", pm.TRUNCATED)
_REPORT_WORDS = ("绩效", "自评", "评价", "预算", "决算", "指标", "资金", "项目", "万元", "得分", "分值", "执行率")


def check_is_report(review: Review) -> None:
    """A text with nothing of a self-evaluation in it (no title, numbered section, amount, score or
    indicator) is said to be so, rather than passed as having no problem."""
    report = review.report
    if not review.text.strip() or report.sections or any(word in review.text for word in _REPORT_WORDS) \
            or any(c.key not in _NOT_CONTENT for c in report.claims):
        return
    review.find("not_a_report", W, "未识别到自评报告的内容：没有报告或自评表的标题、章节编号、金额、得分或指标，未作审核")


def check_completeness(review: Review) -> None:
    report = review.report
    truncated = report.truncated
    if truncated is not None:
        review.find("incomplete", W, f"文档不完整：{truncated.value}（第 {truncated.line} 行），其后的内容缺失，"
                    "未检查缺少的章节", truncated)
        return
    if report.is_table or sum(1 for h in report.sections if h.level == 1) < 2 or "报告" not in report.title:
        return  # the official outline is that of a report, not of a table, a notice or a note
    titles = [h.title for h in report.sections]
    missing = [name for name, pattern in vocabulary().report_sections if not any(pattern.search(t) for t in titles)]
    if missing:
        review.find("section_missing", W, f"报告缺少以下部分：{'、'.join(missing)}", None, missing=missing)


def check_template_text(review: Review) -> None:
    """Form instructions or placeholders left in place of answers: one finding a line, naming each once
    (a page whose years are all 20xx has one placeholder, not six findings). A mask standing for a figure or a
    name (20xx, XX, ○○) is one matter however many lines it is on: one finding at its first line, naming them all."""
    mask = re.compile(settings()["mask_placeholder_pattern"])
    by_line: dict[int, list] = {}
    masks: dict[str, list] = {}
    for claim in review.claims(pm.TEMPLATE_TEXT):
        if mask.fullmatch(str(claim.value)):
            masks.setdefault(str(claim.value), []).append(claim)
        else:
            by_line.setdefault(claim.line, []).append(claim)
    for line, claims in by_line.items():
        texts = list(dict.fromkeys(c.value for c in claims))
        shown = "”“".join(texts)
        review.find("template_text", W, f"第 {line} 行留有模板填写说明或占位符“{shown}”，未按实际填写",
                    claims[0], template=texts[0] if len(texts) == 1 else texts)
    for text, claims in masks.items():
        lines = sorted({c.line for c in claims})
        where = f"第 {lines[0]} 行" if len(lines) == 1 else f"第 {'、'.join(map(str, lines))} 行"
        review.find("template_text", W, f"{where}留有模板填写说明或占位符“{text}”，未按实际填写", claims[0],
                    template=text, lines=lines)


def check_copied_unit(review: Review) -> None:
    """A report copied from a neighbour: another unit of the same kind and place (金寨县白塔畈镇人民政府 in 金寨县
    麻埠镇人民政府's report) made the subject of a sentence that restates the report's own amount (755.19万元)."""
    department = review.report.department or ""
    data = settings()
    suffix = next((s for s in data["copied_unit_suffixes"] if department.endswith(s)), None)
    place = re.match(data["copied_unit_place_pattern"], department)
    if suffix is None or place is None:
        return
    lines = review.report.lines
    own_amounts = set()
    for line in lines:
        for sentence in re.split(r"[。;；]", line):
            if department in sentence:
                own_amounts |= set(re.findall(r"(\d+(?:\.\d+)?)\s*万元", sentence))
    other = re.compile(rf"{re.escape(place.group(0))}[\u4e00-\u9fff]{{1,10}}?{re.escape(suffix)}")
    payer = re.compile(data["copied_unit_payer_pattern"])
    for number, line in enumerate(lines, start=1):
        for sentence in re.split(r"[。;；]", line):
            for match in other.finditer(sentence):
                name = match.group(0)
                if name == department or name in department or department in name:
                    continue
                if any(word in name for word in data["copied_unit_funder_words"]) or payer.search(sentence):
                    continue  # the body that passes the money on to the report's unit, not a neighbour
                shared = sorted(own_amounts & set(re.findall(r"(\d+(?:\.\d+)?)\s*万元", sentence)))
                if shared:
                    claim = pm.Claim("copied_unit", name, sentence.strip(), number, None, None)
                    review.find("naming", W, f"第 {number} 行把本报告的 {shared[0]} 万元写在“{name}”名下，而报告是"
                                f"“{department}”的（疑为照抄其他单位的报告）", claim, named=department, written=name)
                    return


def check_place_names(review: Review) -> None:
    """The village a form's project is named for, written one character apart elsewhere in the same document
    (古昌镇大青冈村 in the name, 古昌镇大青杠村 in its description): one of the two is wrong."""
    for claim in review.claims(pm.PLACE_VARIANT):
        named, written, lines = claim.value
        review.find("naming", W, f"项目名称中为“{named}”，第 {'、'.join(map(str, lines))} 行却写为“{written}”", claim,
                    named=named, written=written)
