"""Which rule pack (评分规则包) a check reads its thresholds and grade bands from."""

from __future__ import annotations

from functools import lru_cache

from jixiao.rules import RulePack, list_packs, load_pack

_KINDS = {"部门整体": "department", "项目": "project", "department": "department", "project": "project"}


@lru_cache(maxsize=8)
def pack_for_kind(kind: str | None) -> RulePack:
    """The first shipped pack for a kind of evaluation (部门整体 / 项目); any pack when the kind is
    unknown. Only what all packs share (grade bands, thresholds) is read from it for a document
    that names no pack of its own."""
    wanted = _KINDS.get(kind or "", "project")
    packs = [load_pack(name) for name, _ in list_packs()]
    for pack in packs:
        if pack.kind == wanted and not pack.illustrative:
            return pack
    for pack in packs:
        if pack.kind == wanted:
            return pack
    return packs[0]


def resolve(pack: RulePack | str | None, *, named: str = "", kind: str | None = None) -> RulePack:
    """``pack`` itself, the pack ``named`` by a document, else the default pack of ``kind``."""
    if isinstance(pack, RulePack):
        return pack
    if pack:
        return load_pack(pack)
    if named:
        return load_pack(named)
    return pack_for_kind(kind)


def grade_label(pack: RulePack, written: str) -> str | None:
    """The pack's grade label a written grade stands for (优秀 → 优, 良好 → 良), else ``None``."""
    written = (written or "").strip()
    for grade in pack.grades:
        if written == grade.label or written == grade.code:
            return grade.label
    aliases = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差", "一般": "中"}
    label = aliases.get(written)
    if label and any(grade.label == label for grade in pack.grades):
        return label
    return None
