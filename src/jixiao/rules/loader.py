"""Reading rule packs (评分规则包) from YAML, validated on load.

A pack is chosen by its code (规则包代码) from the registry, never by a path: the packs shipped in
``src/jixiao/rules/packs/`` plus a region's own packs, which the administrator puts in the directory
named by ``JIXIAO_RULES_DIR`` (one ``<code>.yaml`` each) so that a region adds a pack without touching
code. ``load_pack("gd-2022-department")`` reads the shipped ``gd-2022-department.yaml``. A code
written in a user's file (the workbook's 评分规则 cell) thus never reaches the file system; an
unknown code is refused with the available ones, quoted no longer than :data:`QUOTE_CHARS`.
:func:`load_pack_file` reads a pack from a path the operator gives on the command line (``jixiao
score --rules my-pack.yaml``, to try a pack before adding it to the directory).

Every problem is refused with a Chinese message that names the pack, the key and the value
(``权重合计 110，应为 100``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from jixiao.domain.enums import Level1, QualitativeGrade
from jixiao.domain.numbers import format_number
from jixiao.site.env import SettingError, env_str

from jixiao.rules.model import (
    EXECUTION_SCOPES,
    FACT_MEASURE_PREFIX,
    MEASURES,
    Band,
    BandedMethod,
    ChecklistItem,
    ChecklistMethod,
    DeductionMethod,
    ExecutionMethod,
    Grade,
    IndicatorMethods,
    PackNode,
    QualitativeBands,
    RulePack,
    RulePackError,
)

PACKS_DIR = Path(__file__).with_name("packs")
RULES_DIR_VARIABLE = "JIXIAO_RULES_DIR"  # the directory of a region's own packs
CODE_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")  # a pack's code: its file name without .yaml
QUOTE_CHARS = 40  # how much of an unknown code (or a bad value) a message quotes back
REQUIRED_THRESHOLDS = ("execution_reason_below", "overachievement_ratio", "output_benefit_ratio_max")
KINDS = {"department": "部门整体", "project": "项目"}
WEIGHT_MODES = ("document", "rescale")
NOT_APPLICABLE_MODES = ("rescale", "refuse")
METHOD_VARIANTS = {"ge": ("ratio",), "le": ("ratio", "linear"), "eq": ("ratio", "below")}
PACK_KEYS = ("name", "title", "kind", "illustrative", "source", "notes", "total", "rounding", "grades", "thresholds",
             "indicator_weights", "not_applicable", "indicator_methods", "tree")
NODE_KEYS = ("key", "name", "weight", "standard", "children", "method", "indicators", "indicator_methods")
METHOD_KEYS = {
    "execution": ("type", "scope"),
    "banded": ("type", "measure", "bands", "absolute"),
    "deduction": ("type", "measure", "limit", "step", "deduct", "floor", "when", "count"),
    "checklist": ("type", "items"),
}
DEFAULT_BANDS = {
    QualitativeGrade.ACHIEVED: ("0.80", "1.00"),
    QualitativeGrade.PARTIAL: ("0.50", "0.80"),
    QualitativeGrade.NOT_ACHIEVED: ("0", "0.50"),
}


def quote(value) -> str:
    """``value`` as a message quotes it: on one line and cut to :data:`QUOTE_CHARS` characters, so a
    message never echoes a whole file or a long text back."""
    text = " ".join(str(value).split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


class _Reader:
    """Reads one pack's data, keeping the name of the pack for every message."""

    def __init__(self, pack_name: str):
        self.pack_name = pack_name

    def fail(self, where: str, problem: str) -> RulePackError:
        place = f"{where}：" if where else ""
        return RulePackError(f"规则包“{self.pack_name}”：{place}{problem}")

    def mapping(self, value, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"“{quote(value)}”应为键值结构")
        return value

    def known(self, data: dict, allowed, where: str) -> dict:
        """Refuse keys the pack format does not have: a misspelt key (``not_aplicable``) would
        otherwise be ignored silently and its default used."""
        unknown = [str(key) for key in data if key not in allowed]
        if unknown:
            raise self.fail(where, f"未知的键“{'、'.join(unknown)}”（可选：{'、'.join(allowed)}）")
        return data

    def boolean(self, data: dict, key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):  # bool("false") and bool("否") are True
            raise self.fail(f"{where}.{key}" if where else key, f"“{quote(value)}”应为 true 或 false")
        return value

    def sequence(self, value, where: str) -> list:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"“{quote(value)}”应为非空列表")
        return value

    def required(self, data: dict, key: str, where: str):
        if data.get(key) in (None, ""):
            raise self.fail(f"{where}{key}" if not where else f"{where}.{key}", "缺少此项")
        return data[key]

    def text(self, data: dict, key: str, where: str, *, required: bool = False) -> str:
        value = self.required(data, key, where) if required else data.get(key)
        return "" if value is None else str(value).strip()

    def decimal(self, value, where: str, *, minimum: Decimal | None = Decimal(0)) -> Decimal:
        if isinstance(value, bool) or value is None:
            raise self.fail(where, f"“{quote(value)}”不是有效的数值")
        try:
            number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            raise self.fail(where, f"“{quote(value)}”不是有效的数值") from None
        if not number.is_finite():
            raise self.fail(where, f"“{quote(value)}”不是有效的数值")
        if minimum is not None and number < minimum:
            raise self.fail(where, f"“{quote(value)}”不能小于 {format_number(minimum)}")
        return number

    def share(self, value, where: str) -> Decimal:
        number = self.decimal(value, where)
        if number > 1:
            raise self.fail(where, f"“{quote(value)}”应为 0 到 1 之间的比例（如 0.80 表示 80%）")
        return number

    def choice(self, value, allowed, where: str) -> str:
        text = str(value).strip() if value is not None else ""
        if not text:
            raise self.fail(where, f"缺少此项（可选：{'、'.join(allowed)}）")
        if text not in allowed:
            raise self.fail(where, f"“{quote(value)}”不是有效的取值（可选：{'、'.join(allowed)}）")
        return text

    def measure(self, value, where: str) -> str:
        text = str(value or "").strip()
        if text in MEASURES or (text.startswith(FACT_MEASURE_PREFIX) and len(text) > len(FACT_MEASURE_PREFIX)):
            return text
        allowed = "、".join([*MEASURES, f"{FACT_MEASURE_PREFIX}<要点键>"])
        raise self.fail(where, f"“{quote(value)}”不是可计算的指标（可选：{allowed}）")


def _indicator_methods(reader: _Reader, data, where: str, base: IndicatorMethods | None) -> IndicatorMethods:
    data = reader.mapping(data or {}, where)
    unknown = set(data) - {"ge", "le", "eq", "qualitative"}
    if unknown:
        raise reader.fail(where, f"未知的键“{'、'.join(sorted(unknown))}”（可选：ge、le、eq、qualitative）")
    variants = {}
    for direction, allowed in METHOD_VARIANTS.items():
        fallback = getattr(base, direction) if base else allowed[0]
        variants[direction] = reader.choice(data.get(direction, fallback), allowed, f"{where}.{direction}")
    qualitative = base.qualitative if base and "qualitative" not in data else _qualitative(
        reader, data.get("qualitative") or {}, f"{where}.qualitative")
    return IndicatorMethods(qualitative=qualitative, **variants)


def _grade_key(reader: _Reader, key, where: str) -> QualitativeGrade:
    grade = QualitativeGrade.from_label(str(key))
    if grade is None:
        raise reader.fail(where, f"“{key}”不是定性完成情况（可选：达成、部分达成、未达成）")
    return grade


def _qualitative(reader: _Reader, data, where: str) -> QualitativeBands:
    data = reader.known(reader.mapping(data, where), ("bands", "default_share"), where)
    bands = {grade: tuple(Decimal(edge) for edge in edges) for grade, edges in DEFAULT_BANDS.items()}
    for key, edges in reader.mapping(data.get("bands") or {}, f"{where}.bands").items():
        grade = _grade_key(reader, key, f"{where}.bands")
        if not isinstance(edges, list) or len(edges) != 2:
            raise reader.fail(f"{where}.bands.{key}", f"“{edges}”应为 [下限, 上限] 两个比例")
        low, high = (reader.share(edge, f"{where}.bands.{key}") for edge in edges)
        if low > high:
            raise reader.fail(f"{where}.bands.{key}", f"下限 {low} 大于上限 {high}")
        bands[grade] = (low, high)
    achieved, partial, missed = (bands[g] for g in
                                 (QualitativeGrade.ACHIEVED, QualitativeGrade.PARTIAL, QualitativeGrade.NOT_ACHIEVED))
    if achieved[1] != 1 or missed[0] != 0 or partial[1] != achieved[0] or missed[1] != partial[0]:
        raise reader.fail(f"{where}.bands", "各档应首尾相接并覆盖 0 到 1（如 达成 [0.80, 1.00]、部分达成 "
                          "[0.50, 0.80]、未达成 [0, 0.50]）")
    # Without a stated default: the top of 达成 (full points), the bottom of the other bands.
    shares = {grade: bands[grade][1] if grade is QualitativeGrade.ACHIEVED else bands[grade][0] for grade in bands}
    for key, share in reader.mapping(data.get("default_share") or {}, f"{where}.default_share").items():
        shares[_grade_key(reader, key, f"{where}.default_share")] = reader.share(share, f"{where}.default_share.{key}")
    for grade, share in shares.items():
        low, high = bands[grade]
        inside = low <= share <= high if grade is QualitativeGrade.ACHIEVED else low <= share < high
        if not inside:
            raise reader.fail(f"{where}.default_share.{grade.label}",
                              f"默认比例 {share} 不在该档区间 [{low}, {high}{']' if grade is QualitativeGrade.ACHIEVED else ')'} 内")
    return QualitativeBands(bands=MappingProxyType(bands), default_share=MappingProxyType(shares))


def _method(reader: _Reader, data, weight: Decimal, where: str):
    data = reader.mapping(data, where)
    kind = reader.choice(data.get("type"), tuple(METHOD_KEYS), f"{where}.type")
    reader.known(data, METHOD_KEYS[kind], where)
    if kind == "execution":
        return ExecutionMethod(scope=reader.choice(data.get("scope", "total"), tuple(EXECUTION_SCOPES), f"{where}.scope"))
    if kind == "banded":
        measure = reader.measure(data.get("measure"), f"{where}.measure")
        rows = reader.sequence(data.get("bands"), f"{where}.bands")
        bands, previous = [], None
        for index, row in enumerate(rows):
            at = f"{where}.bands[{index}]"
            row = reader.known(reader.mapping(row, at), ("upto", "points", "label"), at)
            upto = None if row.get("upto") in (None, "") else reader.decimal(row["upto"], f"{at}.upto", minimum=None)
            points = reader.decimal(reader.required(row, "points", at), f"{at}.points")
            if points > weight:
                raise reader.fail(f"{at}.points", f"得分 {format_number(points)} 超过该项分值 {format_number(weight)}")
            if upto is None and index != len(rows) - 1:
                raise reader.fail(f"{at}.upto", "只有最后一档可以不写上限")
            if upto is not None and previous is not None and upto <= previous:
                raise reader.fail(f"{at}.upto", f"“{row['upto']}”应大于上一档的上限 {previous}")
            previous = upto if upto is not None else previous
            bands.append(Band(upto=upto, points=points, label=str(row.get("label") or "").strip()))
        if bands[-1].upto is not None:
            raise reader.fail(f"{where}.bands", "最后一档应不写上限（upto），以覆盖所有取值")
        return BandedMethod(measure=measure, bands=tuple(bands), absolute=reader.boolean(data, "absolute", where))
    if kind == "deduction":
        method = DeductionMethod(
            measure=reader.measure(data.get("measure"), f"{where}.measure"),
            limit=reader.decimal(reader.required(data, "limit", where), f"{where}.limit", minimum=None),
            step=reader.decimal(reader.required(data, "step", where), f"{where}.step"),
            deduct=reader.decimal(reader.required(data, "deduct", where), f"{where}.deduct"),
            floor=reader.decimal(data.get("floor", 0), f"{where}.floor"),
            when=reader.choice(data.get("when", "above"), ("above", "below"), f"{where}.when"),
            count=reader.choice(data.get("count", "exact"), ("exact", "ceil"), f"{where}.count"),
        )
        if method.step == 0:
            raise reader.fail(f"{where}.step", "“0”不能作为扣分步长")
        if method.floor > weight:
            raise reader.fail(f"{where}.floor", f"最低分 {format_number(method.floor)} 超过该项分值 {format_number(weight)}")
        return method
    rows = reader.sequence(data.get("items"), f"{where}.items")
    items = []
    for index, row in enumerate(rows):
        at = f"{where}.items[{index}]"
        row = reader.known(reader.mapping(row, at), ("fact", "label", "points"), at)
        items.append(ChecklistItem(fact=reader.text(row, "fact", at, required=True),
                                   label=reader.text(row, "label", at, required=True),
                                   points=reader.decimal(reader.required(row, "points", at), f"{at}.points")))
    points = sum((item.points for item in items), Decimal(0))
    if points != weight:
        raise reader.fail(f"{where}.items", f"各项分值合计 {format_number(points)}，应为该项分值 {format_number(weight)}")
    return ChecklistMethod(items=tuple(items))


def _node(reader: _Reader, data, where: str, parent: tuple[str, ...], base: IndicatorMethods,
          keys: set[str]) -> PackNode:
    data = reader.mapping(data, where)
    name = reader.text(data, "name", where, required=True)
    at = f"{where}（{name}）"
    key = reader.text(data, "key", at, required=True)
    reader.known(data, NODE_KEYS, at)
    if key in keys:
        raise reader.fail(f"{at}.key", f"“{key}”与其他节点重复")
    keys.add(key)
    path = (*parent, name)
    shapes = [s for s in ("children", "method", "indicators") if data.get(s) not in (None, "", [])]
    if len(shapes) != 1:
        raise reader.fail(at, "每个节点应且只应有 children（下级）、method（计分方法）、indicators（指标组）之一")
    weight = None if data.get("weight") in (None, "") else reader.decimal(data["weight"], f"{at}.weight")
    standard = reader.text(data, "standard", at)

    if shapes[0] == "children":
        children = tuple(_node(reader, child, f"{at}.children[{i}]", path, base, keys)
                         for i, child in enumerate(reader.sequence(data["children"], f"{at}.children")))
        total = sum((child.weight for child in children), Decimal(0))
        if weight is not None and total != weight:
            raise reader.fail(at, f"下级权重合计 {format_number(total)}，应为 {format_number(weight)}")
        return PackNode(key=key, name=name, weight=total, children=children, standard=standard, path=path)

    if weight is None:
        raise reader.fail(f"{at}.weight", "缺少此项")
    if shapes[0] == "method":
        return PackNode(key=key, name=name, weight=weight, method=_method(reader, data["method"], weight, f"{at}.method"),
                        standard=standard, path=path)

    levels = []
    for value in reader.sequence(data["indicators"], f"{at}.indicators"):
        level = Level1.from_label(str(value))
        if level is None:
            allowed = "、".join(m.label for m in Level1)
            raise reader.fail(f"{at}.indicators", f"“{value}”不是一级指标（可选：{allowed}）")
        levels.append(level)
    methods = (_indicator_methods(reader, data["indicator_methods"], f"{at}.indicator_methods", base)
               if data.get("indicator_methods") else None)
    return PackNode(key=key, name=name, weight=weight, indicators=tuple(levels), indicator_methods=methods,
                    standard=standard, path=path)


def pack_from_dict(data, *, name: str = "", path: str = "") -> RulePack:
    """Build and validate a pack from plain data; raise :class:`RulePackError` on any problem."""
    reader = _Reader(name or (data.get("name") if isinstance(data, dict) else "") or "?")
    data = reader.mapping(data, "")
    pack_name = reader.text(data, "name", "", required=True)
    if name and pack_name != name:
        raise reader.fail("name", f"“{pack_name}”应与文件名“{name}”一致")
    reader.pack_name = pack_name
    reader.known(data, PACK_KEYS, "")
    kind = reader.choice(data.get("kind"), tuple(KINDS), "kind")
    total = reader.decimal(reader.required(data, "total", ""), "total")
    if total <= 0:
        raise reader.fail("total", f"“{data['total']}”应大于 0")

    rounding = reader.known(reader.mapping(data.get("rounding") or {}, "rounding"), ("places", "mode"), "rounding")
    reader.choice(rounding.get("mode", "half_up"), ("half_up",), "rounding.mode")
    places = rounding.get("places", 2)
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 4:
        raise reader.fail("rounding.places", f"“{places}”应为 0 到 4 之间的整数")

    grades = []
    for index, row in enumerate(reader.sequence(data.get("grades"), "grades")):
        at = f"grades[{index}]"
        row = reader.known(reader.mapping(row, at), ("code", "label", "min"), at)
        grades.append(Grade(code=reader.text(row, "code", at, required=True),
                            label=reader.text(row, "label", at, required=True),
                            minimum=reader.decimal(reader.required(row, "min", at), f"{at}.min")))
    for index in range(1, len(grades)):
        if grades[index].minimum >= grades[index - 1].minimum:
            raise reader.fail(f"grades[{index}].min",
                              f"{format_number(grades[index].minimum)} 应低于上一等次的 {format_number(grades[index - 1].minimum)}"
                              "（等次按分数从高到低排列）")
    if grades[-1].minimum != 0:
        raise reader.fail(f"grades[{len(grades) - 1}].min", "最低等次的下限应为 0")
    if grades[0].minimum > total:
        raise reader.fail("grades[0].min", f"{format_number(grades[0].minimum)} 超过总分 {format_number(total)}")

    thresholds_data = reader.mapping(data.get("thresholds") or {}, "thresholds")
    for key in REQUIRED_THRESHOLDS:
        reader.required(thresholds_data, key, "thresholds")
    thresholds = {key: reader.decimal(value, f"thresholds.{key}") for key, value in thresholds_data.items()}

    base = _indicator_methods(reader, data.get("indicator_methods") or {}, "indicator_methods", None)
    keys: set[str] = set()
    tree = tuple(_node(reader, node, f"tree[{i}]", (), base, keys)
                 for i, node in enumerate(reader.sequence(data.get("tree"), "tree")))
    weight_total = sum((node.weight for node in tree), Decimal(0))
    if weight_total != total:
        raise reader.fail("tree", f"权重合计 {format_number(weight_total)}，应为 {format_number(total)}")

    leaves = tuple(node for top in tree for node in top.walk() if node.is_leaf or node.is_group)
    covered = [level for leaf in leaves for level in leaf.indicators]
    duplicated = {level.label for level in covered if covered.count(level) > 1}
    if duplicated:
        raise reader.fail("tree", f"一级指标“{'、'.join(sorted(duplicated))}”被多个指标组选取")
    if sum(isinstance(leaf.method, ExecutionMethod) and leaf.method.scope == "total" for leaf in leaves) > 1:
        raise reader.fail("tree", "只能有一个全部资金的预算执行率节点（scope: total）")

    return RulePack(
        name=pack_name,
        title=reader.text(data, "title", "", required=True),
        kind=kind,
        total=total,
        grades=tuple(grades),
        thresholds=MappingProxyType(thresholds),
        tree=tree,
        indicator_methods=base,
        indicator_weights=reader.choice(data.get("indicator_weights", "rescale"), WEIGHT_MODES, "indicator_weights"),
        not_applicable=reader.choice(data.get("not_applicable", "rescale"), NOT_APPLICABLE_MODES, "not_applicable"),
        places=places,
        illustrative=reader.boolean(data, "illustrative", ""),
        source=reader.text(data, "source", ""),
        notes=reader.text(data, "notes", ""),
        path=path,
        _leaves=leaves,
    )


def _read_file(path: Path, name: str) -> RulePack:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulePackError(f"规则包“{name}”：{path.name} 不是有效的 YAML 文件（{exc}）") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"规则包“{name}”：无法读取文件 {path.name}（{getattr(exc, 'strerror', None) or exc}）") from exc
    return pack_from_dict(data, name=name, path=str(path))


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> RulePack:
    file = Path(path)
    return _read_file(file, file.stem)


def region_packs_dir() -> Path | None:
    """The directory of the region's own packs (``JIXIAO_RULES_DIR``), if the administrator set one."""
    value = env_str(RULES_DIR_VARIABLE)
    if value is None:
        return None
    directory = Path(value).expanduser()
    if not directory.is_dir():
        raise SettingError(f"环境变量 {RULES_DIR_VARIABLE}=“{value}”不是已存在的目录（存放本地区规则包的目录）")
    return directory.resolve()


def registry() -> dict[str, Path]:
    """Every pack that may be chosen, by code: the shipped ones, then the region's own (a region's file
    cannot replace a shipped pack of the same code: scores already published under that code would
    change). A file whose name is not a code (``[a-z0-9][a-z0-9_-]*.yaml``) is not a pack."""
    directories = tuple(d for d in (PACKS_DIR, region_packs_dir()) if d is not None)
    return dict(_registry_cached(directories, tuple(d.stat().st_mtime_ns for d in directories)))


@lru_cache(maxsize=8)
def _registry_cached(directories: tuple[Path, ...], mtimes_ns: tuple[int, ...]) -> tuple[tuple[str, Path], ...]:
    packs: dict[str, Path] = {}
    for directory in directories:  # a directory's mtime changes when a pack is added or removed
        for file in sorted(directory.glob("*.yaml")):
            if CODE_PATTERN.fullmatch(file.stem) and file.is_file():
                packs.setdefault(file.stem, file)
    return tuple(packs.items())


def unknown_pack_message(code: str, known=None) -> str:
    """The Chinese message for a code that names no pack: the code quoted short, and the available codes."""
    known = sorted(registry() if known is None else known)
    return f"规则包“{quote(code)}”不存在（可用：{'、'.join(known)}）"


def is_pack_code(code: str) -> bool:
    """Whether ``code`` names a pack of the registry."""
    return str(code).strip() in registry()


def load_pack(code: str) -> RulePack:
    """The pack of the registry with this code (``gd-2022-department``); anything else, a path
    included, is an unknown code. Packs are immutable and cached (a changed file is read again)."""
    text = str(code).strip()
    if not text:
        raise RulePackError("未指定规则包")
    packs = registry()
    file = packs.get(text)
    if file is None:
        raise RulePackError(unknown_pack_message(text, packs))
    return _load_cached(str(file), file.stat().st_mtime_ns)


def load_pack_file(path: str | Path) -> RulePack:
    """A pack read from a ``.yaml`` file the operator names on the command line (``--rules``), e.g. to
    try a region's pack before adding it to ``JIXIAO_RULES_DIR``; never for a name read from a file."""
    file = Path(path).expanduser()
    if file.suffix.lower() not in (".yaml", ".yml"):
        raise RulePackError(f"规则包文件“{quote(file.name)}”应为 .yaml 文件")
    if not file.is_file():
        raise RulePackError(f"规则包文件“{quote(str(path))}”不存在")
    file = file.resolve()
    return _load_cached(str(file), file.stat().st_mtime_ns)


def list_packs() -> list[tuple[str, str]]:
    """The packs of the registry as ``(code, title)``, sorted by code."""
    return [(code, load_pack(code).title) for code in sorted(registry())]
