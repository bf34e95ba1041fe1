"""Builders for scoring tests: evaluation documents and rule-pack variants made in memory, given to
tests as the ``build`` fixture (``build.doc(...)``, ``build.example(...)``, ``build.variant(...)``)."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from jixiao.documents.datafile import document_from_dict
from jixiao.rules import PACKS_DIR, pack_from_dict


def pack_data(name: str) -> dict:
    """A shipped pack's data, ready to be changed and rebuilt with ``pack_from_dict``."""
    return copy.deepcopy(yaml.safe_load((PACKS_DIR / f"{name}.yaml").read_text(encoding="utf-8")))


def make_doc(indicators=(), *, budget="50.00", executed="48.50", kind="project", rule_pack="mof-2020-project",
             facts=(), funds=None, self_total=None, self_grade=""):
    """A one-task document; ``indicators`` are dicts in the YAML form (level1, level2, name, target…)."""
    items = []
    for index, item in enumerate(indicators, start=1):
        entry = {"code": f"1-{index}", "level2": None}
        entry.update(item)
        items.append(entry)
    if funds is None:
        funds = [{"source": "一般公共预算财政拨款", "nature": "项目支出", "initial_budget": budget,
                  "full_year_budget": budget, "executed": executed}]
    return document_from_dict({
        "region": {"code": "440112", "name": "广州市黄埔区"},
        "department": {"code": "T-1", "name": "测试单位"},
        "year": 2022, "kind": kind, "rule_pack": rule_pack,
        "self_score": {"total": self_total, "grade": self_grade},
        "funds": funds,
        "tasks": [{"code": "1", "name": "测试任务", "indicators": items}],
        "facts": [dict(f) for f in facts],
    })


def worked_example(**overrides) -> list[dict]:
    """regulations.md §6.6: project 会员企业培训服务 (budget 50.00, executed 48.50) → 95.62, 优."""
    rows = yaml.safe_load((Path(__file__).parents[1] / "data" / "worked_example.yaml").read_text(encoding="utf-8"))
    for index, changes in overrides.items():
        rows[int(index)].update(changes)
    return rows


def variant(name: str, **changes):
    """The pack ``name`` with top-level keys replaced (e.g. ``indicator_methods``)."""
    data = pack_data(name)
    data.update(changes)
    return pack_from_dict(data)


@pytest.fixture(scope="session")
def build():
    return SimpleNamespace(doc=make_doc, example=worked_example, pack_data=pack_data, variant=variant)
