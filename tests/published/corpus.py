"""The real published documents of the corpus (``tests/data/published/corpus/``, its README.md), read the way
each batch's tests read them."""

from pathlib import Path

from jixiao.published import parse_report_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "published" / "corpus"


def parsed(stem: str):
    """The corpus document ``stem`` as ``jixiao parse`` reads it."""
    return parse_report_file(CORPUS / f"{stem}.txt")


def text(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
