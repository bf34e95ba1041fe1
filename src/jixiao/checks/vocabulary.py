"""The wording the checks look for, read once from ``vocabulary.yaml`` (data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class Vocabulary:
    report_sections: tuple[tuple[str, re.Pattern], ...]
    input_indicator: re.Pattern  # any of the file's input_indicator_patterns, in one search
    money_units: tuple[str, ...]
    vague_target_words: tuple[str, ...]
    service_recipient_words: tuple[str, ...]
    reason_words: tuple[str, ...]
    execution_words: tuple[str, ...]

    def has_any(self, text: str, words: tuple[str, ...]) -> str | None:
        """The first of ``words`` that ``text`` contains, else ``None``."""
        return next((word for word in words if word in (text or "")), None)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return Vocabulary(
        report_sections=tuple((item["name"], re.compile(item["pattern"])) for item in data["report_sections_patterns"]),
        input_indicator=re.compile("|".join(f"(?:{p})" for p in data["input_indicator_patterns"])),
        money_units=tuple(data["money_units"]),
        vague_target_words=tuple(data["vague_target_words"]),
        service_recipient_words=tuple(data["service_recipient_words"]),
        reason_words=tuple(data["reason_words"]),
        execution_words=tuple(data["execution_words"]),
    )
