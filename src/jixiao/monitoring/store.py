"""Monitoring snapshots (运行监控) as rows and back: the part of the evaluation document this app keeps.

Registered with :mod:`jixiao.evaluations.store` when the app is ready, so the evaluations app reads
and writes whole documents without importing this one (monitoring depends on evaluations, never the
other way). Snapshots are matched by their key (date, indicator code; an empty code is the funds),
so a re-import updates the same rows and their history shows what changed.
"""

from __future__ import annotations

from collections import defaultdict

from jixiao.domain.document import MonitoringSnapshot
from jixiao.domain.enums import WarningLevel
from jixiao.domain.numbers import canonical
from jixiao.domain.values import ParsedValue
from jixiao.monitoring.models import MonitoringSnapshot as SnapshotRow

FIELDS = ("value_text", "value", "executed", "projected_text", "projected", "warning", "likelihood", "reason", "note")


class SnapshotStore:
    """The document's ``monitoring`` tuple ↔ :class:`~jixiao.monitoring.models.MonitoringSnapshot` rows."""

    field = "monitoring"
    label = "监控"

    def read(self, evaluation_ids) -> dict[int, tuple[MonitoringSnapshot, ...]]:
        grouped: dict[int, list[MonitoringSnapshot]] = defaultdict(list)
        rows = SnapshotRow.objects.filter(evaluation_id__in=evaluation_ids).order_by("as_of", "id").values()
        for row in rows:
            grouped[row["evaluation_id"]].append(_snapshot(row))
        return {eid: tuple(items) for eid, items in grouped.items()}

    def write(self, evaluation, snapshots: tuple[MonitoringSnapshot, ...]) -> dict[str, int]:
        from jixiao.evaluations.store import sync_rows

        return sync_rows(
            SnapshotRow,
            {(row.as_of, row.indicator_code): row for row in SnapshotRow.objects.filter(evaluation=evaluation)},
            {(s.as_of, s.indicator_code): _row(evaluation, s) for s in snapshots},
            FIELDS,
        )


def _row(evaluation, s: MonitoringSnapshot) -> SnapshotRow:
    return SnapshotRow(evaluation=evaluation, as_of=s.as_of, indicator_code=s.indicator_code,
                       value_text=s.value.text if s.value else "", value=s.value.number if s.value else None,
                       executed=s.executed, projected_text=s.projected.text if s.projected else "",
                       projected=s.projected.number if s.projected else None,
                       warning=s.warning.value if s.warning else "", likelihood=s.likelihood, reason=s.reason,
                       note=s.note)


def _snapshot(s: dict) -> MonitoringSnapshot:
    def value(text, number):
        return ParsedValue(text, None, canonical(number), "") if text else None

    return MonitoringSnapshot(as_of=s["as_of"], indicator_code=s["indicator_code"],
                              value=value(s["value_text"], s["value"]), executed=canonical(s["executed"]),
                              projected=value(s["projected_text"], s["projected"]),
                              warning=WarningLevel(s["warning"]) if s["warning"] else None,
                              likelihood=s["likelihood"], reason=s["reason"], note=s["note"])


SNAPSHOTS = SnapshotStore()
