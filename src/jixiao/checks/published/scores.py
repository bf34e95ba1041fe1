"""The self-evaluation score of a published report against its grade band and against itself."""

from __future__ import annotations

from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published.model import Claim
from jixiao.rules import RulePack

from jixiao.checks import packs
from jixiao.checks.published.context import E, W, Review, show

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
