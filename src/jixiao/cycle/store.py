"""Last year's rectification items as the document's ``rectification`` tuple (read only: items change
through :mod:`jixiao.cycle.rectification`, never through an import)."""

from __future__ import annotations

from collections import defaultdict

from jixiao.domain.document import RectificationNote


class RectificationStore:
    field = "rectification"
    label = "上年整改"

    def read(self, evaluation_ids) -> dict[int, tuple[RectificationNote, ...]]:
        from jixiao.cycle.models import RectificationItem, RectificationReply, RectificationStatus
        from jixiao.evaluations.models import Evaluation

        years = {e["id"]: (e["department_id"], e["year"]) for e in
                 Evaluation.objects.filter(pk__in=list(evaluation_ids), kind="department").values("id", "department_id", "year")}
        if not years:
            return {}
        items = (RectificationItem.objects
                 .filter(department_id__in={d for d, _ in years.values()}, year__in={y - 1 for _, y in years.values()})
                 .exclude(status=RectificationStatus.DRAFT.value).order_by("key").values())
        replies = {}
        for r in RectificationReply.objects.filter(item_id__in=[i["id"] for i in items]).order_by("submitted_at", "id").values():
            replies[r["item_id"]] = r["text"]
        by_key = defaultdict(list)
        for i in items:
            by_key[(i["department_id"], i["year"])].append(RectificationNote(
                year=i["year"], problem=i["problem"], requirement=i["requirement"],
                status=RectificationStatus(i["status"]).label, done=replies.get(i["id"], ""),
                confirmed=i["status"] == RectificationStatus.CONFIRMED.value))
        return {eid: tuple(by_key.get((dep, year - 1), ())) for eid, (dep, year) in years.items()}

    def write(self, evaluation, notes) -> dict[str, int]:
        return {"created": 0, "updated": 0, "deleted": 0}


RECTIFICATION = RectificationStore()
