"""Monitoring rule packs (运行监控预警规则包): the colour tables, possibility values and deviation reason
categories of in-year monitoring, as data.

Chosen by code like the scoring packs: the shipped ``rules/monitoring/<code>.yaml`` and a region's own
in ``JIXIAO_RULES_DIR/monitoring/``. Validated on load; every problem is a Chinese message naming the
pack and the key. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from jixiao.domain.enums import WarningLevel
from jixiao.rules.loader import CODE_PATTERN, quote, region_packs_dir
from jixiao.rules.model import RulePackError

MONITORING_DIR = Path(__file__).with_name("monitoring")
DEFAULT_CODE = "monitoring-default"
RULE_CONDITIONS = {
    "budget_rules": ("behind_at_least", "budget_at_least", "below_curve"),
    "indicator_rules": ("completion_below", "below_curve"),
}
KEYS = ("name", "title", "source", "percent_places", "budget_rules", "execution_curve", "indicator_rules",
        "indicator_curve", "qualitative_colours", "possibility_colours", "possibility_by_colour", "possibilities",
        "reason_categories", "level_units", "escalation", "seasonal_min_years", "missing_report")


@dataclass(frozen=True)
class ColourRule:
    """One row of a colour table: when every condition given holds, the colour (and why)."""

    colour: WarningLevel
    why: str
    behind_at_least: Decimal | None = None  # percentage points behind 序时进度
    budget_at_least: Decimal | None = None  # 万元: the amount floor of key projects
    completion_below: Decimal | None = None  # % of the target
    below_curve: bool = False


@dataclass(frozen=True)
class MonitoringPack:
    name: str
    title: str
    source: str
    percent_places: int
    budget_rules: tuple[ColourRule, ...]
    execution_curve: dict[int, Decimal]
    indicator_rules: tuple[ColourRule, ...]
    indicator_curve: dict[int, Decimal]
    qualitative_colours: dict[str, WarningLevel]
    possibility_colours: dict[str, WarningLevel]
    possibility_by_colour: dict[WarningLevel, str]
    possibilities: tuple[str, ...]
    reason_categories: tuple[str, ...]
    level_units: tuple[str, ...]
    escalation: tuple[str, ...]
    seasonal_min_years: int
    # a department that has not reported a round after its deadline: the warning's colour (None: none) and why
    missing_report_colour: WarningLevel | None = None
    missing_report_why: str = ""


def _fail(name: str, where: str, problem: str) -> RulePackError:
    return RulePackError(f"监控规则包“{name}”：{where}：{problem}")


def _number(name: str, value, where: str) -> Decimal:
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except (InvalidOperation, TypeError):
        raise _fail(name, where, f"“{quote(value)}”不是有效的数值") from None
    if isinstance(value, bool) or not number.is_finite() or number < 0:
        raise _fail(name, where, f"“{quote(value)}”不是有效的非负数值")
    return number


def _colour(name: str, value, where: str) -> WarningLevel:
    colour = WarningLevel.from_label(str(value)) or {"绿": WarningLevel.GREEN, "黄": WarningLevel.YELLOW,
                                                     "红": WarningLevel.RED}.get(str(value))
    if colour is None:
        raise _fail(name, where, f"“{quote(value)}”不是颜色（可选：green、yellow、red）")
    return colour


def _strings(name: str, value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(name, where, "应为非空的文字列表")
    return tuple(v.strip() for v in value)


def _curve(name: str, value, where: str) -> dict[int, Decimal]:
    if not isinstance(value, dict):
        raise _fail(name, where, "应为 月份: 百分比 的键值结构")
    curve = {}
    for month, rate in value.items():
        if not isinstance(month, int) or not 1 <= month <= 12:
            raise _fail(name, where, f"“{quote(month)}”不是 1 到 12 的月份")
        curve[month] = _number(name, rate, f"{where}.{month}")
    return curve


def _rules(name: str, value, key: str) -> tuple[ColourRule, ...]:
    if not isinstance(value, list):
        raise _fail(name, key, "应为规则列表")
    rules = []
    allowed = ("colour", "why", *RULE_CONDITIONS[key])
    for i, row in enumerate(value, 1):
        where = f"{key}[{i}]"
        if not isinstance(row, dict):
            raise _fail(name, where, "应为键值结构")
        unknown = [str(k) for k in row if k not in allowed]
        if unknown:
            raise _fail(name, where, f"未知的键“{'、'.join(unknown)}”（可选：{'、'.join(allowed)}）")
        conditions = {k: _number(name, row[k], f"{where}.{k}") for k in RULE_CONDITIONS[key]
                      if k != "below_curve" and row.get(k) is not None}
        below_curve = row.get("below_curve", False)
        if not isinstance(below_curve, bool):
            raise _fail(name, f"{where}.below_curve", "应为 true 或 false")
        if not conditions and not below_curve:
            raise _fail(name, where, "没有任何条件")
        rules.append(ColourRule(colour=_colour(name, row.get("colour"), f"{where}.colour"),
                                why=str(row.get("why") or "").strip(), below_curve=below_curve, **conditions))
    return tuple(rules)


def pack_from_dict(data, name: str) -> MonitoringPack:
    if not isinstance(data, dict):
        raise RulePackError(f"监控规则包“{name}”：文件内容应为键值结构")
    unknown = [str(k) for k in data if k not in KEYS]
    if unknown:
        raise _fail(name, "顶层", f"未知的键“{'、'.join(unknown)}”（可选：{'、'.join(KEYS)}）")
    if str(data.get("name", "")).strip() != name:
        raise _fail(name, "name", f"“{quote(data.get('name'))}”应与文件名“{name}”一致")
    places = data.get("percent_places", 2)
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 4:
        raise _fail(name, "percent_places", f"“{quote(places)}”应为 0 到 4 的整数")
    possibilities = _strings(name, data.get("possibilities"), "possibilities")

    def colour_map(key) -> dict[str, WarningLevel]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise _fail(name, key, "应为 文字: 颜色 的键值结构")
        return {str(k): _colour(name, v, f"{key}.{k}") for k, v in value.items()}

    by_colour = {}
    for colour, text in (data.get("possibility_by_colour") or {}).items():
        if str(text) not in possibilities:
            raise _fail(name, f"possibility_by_colour.{colour}", f"“{quote(text)}”不在 possibilities 中")
        by_colour[_colour(name, colour, f"possibility_by_colour.{colour}")] = str(text)
    minimum = data.get("seasonal_min_years", 1)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        raise _fail(name, "seasonal_min_years", f"“{quote(minimum)}”应为正整数")
    return MonitoringPack(
        name=name, title=str(data.get("title") or name), source=str(data.get("source") or ""), percent_places=places,
        budget_rules=_rules(name, data.get("budget_rules") or [], "budget_rules"),
        execution_curve=_curve(name, data.get("execution_curve") or {}, "execution_curve"),
        indicator_rules=_rules(name, data.get("indicator_rules") or [], "indicator_rules"),
        indicator_curve=_curve(name, data.get("indicator_curve") or {}, "indicator_curve"),
        qualitative_colours=colour_map("qualitative_colours"), possibility_colours=colour_map("possibility_colours"),
        possibility_by_colour=by_colour, possibilities=possibilities,
        reason_categories=_strings(name, data.get("reason_categories"), "reason_categories"),
        level_units=tuple(data.get("level_units") or ()),
        escalation=_strings(name, data.get("escalation"), "escalation"),
        seasonal_min_years=minimum,
        **_missing_report(name, data.get("missing_report")),
    )


def _missing_report(name: str, value) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - {"colour", "why"} or "colour" not in value:
        raise _fail(name, "missing_report", "应为 {colour: 颜色, why: 原因} 的键值结构")
    return {"missing_report_colour": _colour(name, value["colour"], "missing_report.colour"),
            "missing_report_why": str(value.get("why") or "").strip()}


def monitoring_registry() -> dict[str, Path]:
    """Monitoring packs by code: the shipped ones, then the region's (never replacing a shipped one)."""
    packs: dict[str, Path] = {}
    region = region_packs_dir()
    for directory in (MONITORING_DIR, region / "monitoring" if region else None):
        if directory is None or not directory.is_dir():
            continue
        for file in sorted(directory.glob("*.yaml")):
            if CODE_PATTERN.fullmatch(file.stem):
                packs.setdefault(file.stem, file)
    return packs


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> MonitoringPack:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"监控规则包“{file.stem}”：无法读取（{exc}）") from exc
    return pack_from_dict(data, file.stem)


def load_monitoring_pack(code: str = DEFAULT_CODE) -> MonitoringPack:
    """The monitoring pack with this code (default ``monitoring-default``); unknown codes are refused."""
    code = str(code or DEFAULT_CODE).strip()
    packs = monitoring_registry()
    file = packs.get(code)
    if file is None:
        raise RulePackError(f"监控规则包“{quote(code)}”不存在（可用：{'、'.join(sorted(packs))}）")
    return _load(str(file), file.stat().st_mtime_ns)
