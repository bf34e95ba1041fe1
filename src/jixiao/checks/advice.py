"""Target advice (目标值建议): for an indicator being set, what the department achieved in earlier years and
what comparable indicators of other departments achieved (min / median / max, the last three years),
with flags: a target below last year's actual, or far above the best result so far
(:func:`jixiao.checks.document.history.assess_target`, thresholds from the rule pack). Pure: no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from jixiao.checks.document.history import PastValue, assess_target
from jixiao.domain.enums import Direction
from jixiao.domain.numbers import format_number
from jixiao.domain.values import ParsedValue, ValueParseError, parse_value

YEARS_SHOWN = 3


@dataclass(frozen=True)
class PeerValue:
    department: str
    year: int
    actual: Decimal


@dataclass(frozen=True)
class Advice:
    own: tuple[tuple[int, str], ...]  # (year, actual as written) of the last three years, oldest first
    peer_stats: dict | None  # min / median / max of the peers' actuals of the last three years
    peer_count: int
    peer_years: tuple[int, ...]
    flags: tuple[str, ...]
    codes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        stats = {k: format_number(v) for k, v in self.peer_stats.items()} if self.peer_stats else None
        return {"own": [{"year": y, "actual": a} for y, a in self.own], "peers": stats, "peer_count": self.peer_count,
                "peer_years": list(self.peer_years), "flags": list(self.flags), "codes": list(self.codes)}

    @property
    def summary(self) -> str:
        parts = []
        if self.own:
            parts.append("本部门以往：" + "，".join(f"{y} 年 {a}" for y, a in self.own))
        if self.peer_stats:
            s = self.peer_stats
            parts.append(f"可比指标（{self.peer_count} 个，{'、'.join(map(str, self.peer_years))} 年）：最低 "
                         f"{format_number(s['min'])}、中位 {format_number(s['median'])}、最高 {format_number(s['max'])}")
        return "；".join(parts) or "没有可比的历史数据"


def advise(target_text: str, *, direction: Direction | str | None, unit: str, year: int, own: Sequence[PastValue],
           peers: Sequence[PeerValue], high_ratio: Decimal | None) -> Advice:
    """The advice for a target being set (``target_text`` may be empty: then only the history is shown)."""
    earlier = sorted((p for p in own if year - YEARS_SHOWN <= p.year < year and p.actual is not None
                      and not p.actual.is_empty), key=lambda p: p.year)
    recent = [p for p in peers if year - YEARS_SHOWN <= p.year < year]
    stats = None
    if recent:
        values = [p.actual for p in recent]
        stats = {"min": min(values), "median": median(values), "max": max(values)}
    flags, codes = [], []
    target: ParsedValue | None = None
    if target_text.strip():
        try:
            target = parse_value(target_text, direction=direction, unit=unit, target=True)
        except ValueParseError:
            target = None
    if target is not None:
        resolved = target.direction or (Direction(direction) if direction else Direction.GE)
        for a in assess_target(target, resolved, list(own), year=year, high_ratio=high_ratio):
            flags.append(a.message)
            codes.append(a.code)
        if stats and target.number is not None and resolved is Direction.GE and high_ratio and stats["max"] > 0 \
                and target.number > stats["max"] * high_ratio:
            flags.append(f"指标值 {target.text} 高于可比指标最好实际值 {format_number(stats['max'])} 的 "
                         f"{format_number((high_ratio * 100).quantize(Decimal(1)))}%")
            codes.append("target_above_peers")
    return Advice(own=tuple((p.year, p.actual.text) for p in earlier), peer_stats=stats,
                  peer_count=len({p.department for p in recent}), peer_years=tuple(sorted({p.year for p in recent})),
                  flags=tuple(flags), codes=tuple(codes))
