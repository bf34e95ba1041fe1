"""Django-side helpers shared by the apps: choices from the domain enums, money and value fields."""

from __future__ import annotations

from django.db import models

from jixiao.domain.enums import LabeledEnum
from jixiao.domain.limits import MONEY, NUMBER, SCORE


def choice_field(enum: type[LabeledEnum], verbose_name: str, **kwargs) -> models.CharField:
    """A CharField whose choices are the enum's values and Chinese labels (defined once, in the domain)."""
    kwargs.setdefault("max_length", max(len(m.value) for m in enum))
    return models.CharField(verbose_name, choices=enum.choices(), **kwargs)


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """An amount in 万元 with two places (:data:`jixiao.domain.limits.MONEY`)."""
    kwargs.setdefault("default", 0)
    return models.DecimalField(verbose_name, max_digits=MONEY.digits, decimal_places=MONEY.places, **kwargs)


def number_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A parsed indicator number (targets and actuals such as 735, 90.8, 0.5), ``NULL`` when qualitative."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=NUMBER.digits, decimal_places=NUMBER.places, **kwargs)


def score_field(verbose_name: str, **kwargs) -> models.DecimalField:
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=SCORE.digits, decimal_places=SCORE.places, **kwargs)
