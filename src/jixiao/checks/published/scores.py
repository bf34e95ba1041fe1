"""The self-evaluation score of a published report against its grade band and against itself."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published.model import Claim
from jixiao.rules import RulePack

from jixiao.checks import packs
from jixiao.checks.published.context import E, W, Review, settings, show

def check_score_grade(review: Review) -> None:
    pack = review.pack
    pairs: list[tuple[Decimal, str, Claim]] = []
    score, grade = review.report.first(pm.SCORE), review.report.first(pm.GRADE)
    if score is not None and grade is not None:
        pairs.append((score.value, grade.value, grade))
    for claim in review.claims(pm.TOTAL_ROW):
        if claim.value.score is not None and claim.value.grade:
            pairs.append((claim.value.score, claim.value.grade, claim))
    for value, written, claim in pairs:
        label = packs.grade_label(pack, written)
        if label is None:
            continue
        band = pack.grade_for(value)
        if value > pack.total:
            review.find("score_over_total", E, f"自评得分 {show(value)} 超过满分 {show(pack.total)}", claim)
        elif band.label == label:
            review.confirm("grade_band", f"自评得分 {show(value)} 分，等次“{written}”与分档（{band.label} ≥ "
                           f"{show(band.minimum)} 分）一致", claim, score=value, grade=written)
        else:
            review.find("grade_band", E, f"自评得分 {show(value)} 分应评为“{band.label}”（{_bands(pack)}），报告写为“{written}”",
                        claim, score=value, grade=written, expected=band.label)
    scores = review.claims(pm.SCORE)
    for claim in scores[1:]:
        if claim.value != scores[0].value:
            review.find("score_inconsistent", W, f"第 {scores[0].line} 行自评得分为 {show(scores[0].value)} 分，第 {claim.line} "
                        f"行为 {show(claim.value)} 分，前后不一致", claim, first=scores[0].value, here=claim.value,
                        first_line=scores[0].line)
            break


def _bands(pack: RulePack) -> str:
    return "、".join(f"{g.label} ≥ {show(g.minimum)}" for g in pack.grades if g.minimum > 0) + "分"


def _part_name(heading, points: re.Match) -> str:
    """一、投入 of 一、投入(分值18分,自评得18分): the heading without its points."""
    return heading.label + heading.title[: points.start()].rstrip("(（ ")


def check_heading_points(review: Review) -> None:
    """Parts of a score sheet written as headings with their points (一、投入(分值18分,自评得18分) / (一)项目立项
    (分值10分,自评得10分) / (二)…): the points and scores of a part's sub-parts against the part's own."""
    pattern = re.compile(settings()["heading_points_pattern"])
    sections = review.report.sections
    for index, parent in enumerate(sections):
        own = pattern.search(parent.title)
        if own is None:
            continue
        children = []
        for heading in sections[index + 1:]:
            if heading.level <= parent.level:
                break
            if not children or heading.level == children[0][0].level:
                children.append((heading, pattern.search(heading.title)))
        if len(children) < 2 or any(match is None for _, match in children):
            continue  # a part whose sub-parts do not all state their points: nothing to add
        location = Claim("heading", None, f"{parent.label}{parent.title}", parent.line, parent.start, parent.end)
        for group, word in (("w", "分值"), ("s", "得分")):
            parts = [Decimal(match.group(group)) for _, match in children]
            whole = Decimal(own.group(group))
            if sum(parts) != whole:
                listed = " + ".join(f"{_part_name(h, m)} {show(v)}" for (h, m), v in zip(children, parts))
                review.find("table_weights" if group == "w" else "table_score", E,
                            f"第 {parent.line} 行{_part_name(parent, own)}{word} {show(whole)} 分，其下各项 {listed} = "
                            f"{show(sum(parts))} 分", location, lines=[parent.line] + [h.line for h, _ in children])
