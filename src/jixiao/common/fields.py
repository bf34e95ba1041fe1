"""Django-side helpers shared by the apps: choices from the domain enums, money and value fields."""

from __future__ import annotations

from django.db import models

from jixiao.domain.enums import LabeledEnum


def choice_field(enum: type[LabeledEnum], verbose_name: str, **kwargs) -> models.CharField:
    """A CharField whose choices are the enum's values and Chinese labels (defined once, in the domain)."""
    kwargs.setdefault("max_length", max(len(m.value) for m in enum))
    return models.CharField(verbose_name, choices=enum.choices(), **kwargs)


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """An amount in 万元 with two places (up to 10^14 万元)."""
    kwargs.setdefault("default", 0)
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, **kwargs)


def number_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A parsed indicator number (targets and actuals such as 735, 90.8, 0.5), ``NULL`` when qualitative."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=20, decimal_places=6, **kwargs)


def score_field(verbose_name: str, **kwargs) -> models.DecimalField:
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=8, decimal_places=2, **kwargs)
