"""What every check of a published report works on: the report, its rule pack, and the findings and
confirmations gathered so far (:class:`Review`); how a figure is shown in a message."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from jixiao.domain.findings import Confirmation, Finding, Severity
from jixiao.published import PublishedReport
from jixiao.published.model import Claim
from jixiao.rules import RulePack

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
SETTINGS_FILE = Path(__file__).with_name("published.yaml")


@lru_cache(maxsize=1)
def settings() -> dict:
    """Thresholds and wording of these checks, read once from ``published.yaml``."""
    data = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    return {key: (Decimal(value) if isinstance(value, str) and value.replace(".", "", 1).isdigit() else
                  tuple(value) if isinstance(value, list) else value) for key, value in data.items()}


def show(value: Decimal | int | None) -> str:
    """A figure as the document wrote it, with thousands separators (``1,291.73``, ``215,457.6``)."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:,}"


class Review:
    """One check run over a report under a rule pack: what the checks found and confirmed so far."""

    def __init__(self, report: PublishedReport, pack: RulePack):
        self.report, self.pack = report, pack
        self.findings: list[Finding] = []
        self.confirmed: list[Confirmation] = []

    def find(self, code: str, severity: Severity, message: str, claim: Claim | None = None, **evidence) -> None:
        location = claim.location() if claim else {}
        if claim is not None:
            evidence.setdefault("text", claim.text)
        self.findings.append(Finding(f"report.{code}", severity, message, location, evidence))

    def confirm(self, code: str, message: str, claim: Claim | None = None, **evidence) -> None:
        location = claim.location() if claim else {}
        self.confirmed.append(Confirmation(f"report.{code}", message, location, evidence))

    def claims(self, key: str) -> tuple[Claim, ...]:
        return self.report.claims_for(key)

    @property
    def text(self) -> str:
        """The report's text as the parser folded it (full-width forms and traditional characters folded)."""
        return self.report.text

    def unit(self) -> str:
        return f" {self.report.unit}" if self.report.unit else ""


def places(value: Decimal) -> int:
    """How many decimals a figure was written with (86.19 → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
