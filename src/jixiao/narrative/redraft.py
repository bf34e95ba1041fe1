"""Redrafting: what a fresh draft would change in the stored sections, without overwriting what
people wrote.

``redraft(doc)`` compares each drafted section's fresh text with the stored one and returns a
:class:`SectionChange` per difference. Sections a person edited (``ReportSection.edited``) are
reported but kept unless ``overwrite=True``; :func:`apply_redraft` writes the applicable changes
into a new document (the document itself is immutable).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from jixiao.assessment import Assessment
from jixiao.domain.document import EvaluationDocument, ReportSection

from jixiao.narrative.draft import SECTION_KINDS, drafted_texts, prepare


@dataclass(frozen=True)
class SectionChange:
    """One section whose draft differs from what is stored. ``edited``: a person changed the
    stored text; ``applies``: the change will be written (not edited, or overwrite was asked)."""

    key: str
    title: str
    old: str
    new: str
    edited: bool
    applies: bool

    @property
    def action(self) -> str:
        """``新增`` (nothing stored), ``更新`` (will replace) or ``保留`` (edited text kept)."""
        if not self.old:
            return "新增"
        return "更新" if self.applies else "保留"


def redraft(source: EvaluationDocument | Assessment, *, overwrite: bool = False) -> list[SectionChange]:
    """The changes a fresh draft would make to ``doc``'s stored sections, in outline order.

    Stored-only sections (部门概况, 年度总体工作…) appear only when nothing is stored for them, as
    a proposed first draft; what people wrote there is never replaced."""
    ctx = prepare(source, charts=False)
    doc = ctx.doc
    changes = []
    for key, (title, new) in drafted_texts(ctx).items():
        stored = doc.section(key)
        kind = SECTION_KINDS.get(key.split(":")[0], ("", "drafted"))[1]
        old = stored.text if stored is not None else ""
        if kind == "stored" and old.strip():
            continue
        if _same(old, new):
            continue
        edited = bool(stored and stored.edited)
        changes.append(SectionChange(key=key, title=stored.title if stored and stored.title else title,
                                     old=old, new=new, edited=edited, applies=overwrite or not edited))
    return changes


def _same(old: str, new: str) -> bool:
    return [line.strip() for line in old.strip().splitlines() if line.strip()] == \
        [line.strip() for line in new.strip().splitlines() if line.strip()]


def apply_redraft(doc: EvaluationDocument, changes: list[SectionChange]) -> EvaluationDocument:
    """``doc`` with the applicable changes written into its sections (as drafts, ``edited=False``)."""
    sections = list(doc.sections)
    index = {section.key: i for i, section in enumerate(sections)}
    for change in changes:
        if not change.applies:
            continue
        section = ReportSection(key=change.key, title=change.title, text=change.new, edited=False)
        if change.key in index:
            sections[index[change.key]] = section
        else:
            index[change.key] = len(sections)
            sections.append(section)
    return replace(doc, sections=tuple(sections))
