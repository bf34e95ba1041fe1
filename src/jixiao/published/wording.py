"""The wording of published reports that the parser reads, once, from ``wording.yaml`` (data, not code):
character folds, the labels of page metadata and of form cells, the bodies a report cites but is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

WORDING_FILE = Path(__file__).with_name("wording.yaml")


@dataclass(frozen=True)
class Wording:
    traditional: dict[str, str]  # one traditional character → its simplified form

    def words(self, name: str) -> tuple[str, ...]:
        return _lists()[name]

    def data(self, name: str) -> str:
        """A single setting of the file (a pattern written as text)."""
        return _data()[name]

    def pattern(self, name: str) -> re.Pattern:
        """An alternation of the words of list ``name`` (longest first), for use inside larger patterns."""
        return _patterns()[name]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    return {name: tuple(values) for name, values in _data().items() if isinstance(values, list)}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    return {name: re.compile("|".join(re.escape(w) for w in sorted(values, key=len, reverse=True)))
            for name, values in _lists().items()}


@lru_cache(maxsize=1)
def wording() -> Wording:
    data = _data()
    source, target = _squeeze(data["traditional"]["from"]), _squeeze(data["traditional"]["to"])
    if len(source) != len(target):
        raise ValueError(f"{WORDING_FILE.name}: traditional.from 与 traditional.to 字数不同（{len(source)} ≠ {len(target)}）")
    return Wording(traditional=dict(zip(source, target)))
