"""Dump what re-scoring stores, to check that a faster re-score stores exactly the same.

Run in a database holding a freshly generated province (``jixiao generate``; DATABASE_URL or
JIXIAO_DATA_DIR as usual): re-scores it in stages through every path a user or a job takes —
``rescore_evaluation`` one at a time (the system, then a superuser, after a pack change),
``rescore_many`` after a pack change, with ``explain_all`` after the pack is changed back, and with
nothing changed — and after each stage writes every evaluation's score, grade, review counts and
read-with mark, every indicator's values, score and explanation, the events and the history rows, all
without ids of their own or timestamps, to one JSON file. Two runs on copies of the same province,
before and after a change of the re-scoring code, must write identical files.

    DATABASE_URL=postgres://…/copy_of_province .venv/bin/python benchmarks/rescore_dump.py out.json
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal


def snapshot() -> dict:
    from django.db import connection

    from jixiao.evaluations.models import Evaluation, Indicator
    from jixiao.events.models import Event

    evaluations = [[*row[:-1], row[-1] is None] for row in Evaluation.objects.order_by("pk").values_list(
        "pk", "rule_pack", "score_total", "score_grade", "error_count", "warning_count", "values_read_with",
        "revision", "scored_at")]
    indicators = [list(row) for row in Indicator.objects.order_by("pk").values_list(
        "pk", "direction", "unit", "target_value", "actual_value", "actual_grade", "score", "score_explanation")]
    events = [list(row) for row in Event.objects.order_by("pk").values_list(
        "actor__username", "verb", "evaluation_id", "object_type", "object_id", "object_repr", "from_state",
        "to_state", "reason", "data")]
    history = {}
    with connection.cursor() as cursor:
        for table in sorted(t for t in connection.introspection.table_names() if "historical" in t):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            history[table] = cursor.fetchone()[0]
    # The scored_at of unchanged evaluations is set to the time of the re-score: same within a stage.
    stamps = Evaluation.objects.exclude(scored_at=None).values_list("scored_at", flat=True).distinct().count()
    return {"evaluations": evaluations, "indicators": indicators, "events": events, "history": history,
            "distinct_scored_at": stamps}


def main(argv=None) -> int:
    out = (argv or sys.argv[1:])[0]
    from jixiao.site.bootstrap import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    admin = get_user_model().objects.create_superuser("rescore_dump", "", "x")
    ids = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    picked = ids[:100]
    stages = {}

    def pack(names, old, new):
        Evaluation.objects.filter(pk__in=names, rule_pack=old).update(rule_pack=new)

    for pk in picked:
        rescore_evaluation(evaluation=Evaluation(pk=pk), acting_user=SYSTEM, reason="逐份")
    stages["rescore_evaluation"] = snapshot()
    pack(picked, "gd-2022-department", "mof-2013-department")
    for pk in picked[:30]:
        rescore_evaluation(evaluation=Evaluation(pk=pk), acting_user=admin, reason="逐份换包")
    stages["rescore_evaluation after a pack change"] = snapshot()
    rescore_many(evaluation_ids=picked, acting_user=SYSTEM, reason="批量换包")
    stages["rescore_many after a pack change"] = snapshot()
    pack(picked, "mof-2013-department", "gd-2022-department")
    rescore_many(evaluation_ids=picked[:50], acting_user=admin, reason="换回", explain_all=True)
    stages["rescore_many explain_all"] = snapshot()
    rescore_many(evaluation_ids=ids, acting_user=SYSTEM, reason="全部")
    stages["rescore_many everything"] = snapshot()
    rescore_many(evaluation_ids=ids, acting_user=SYSTEM, reason="无变化")
    stages["rescore_many nothing changed"] = snapshot()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(stages, f, ensure_ascii=False, indent=0, sort_keys=True,
                  default=lambda v: str(v) if isinstance(v, Decimal) else repr(v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
