"""Shared fixtures: demo data, personas (own department staff, another department's staff, a reviewer
of another region, anonymous), and the browser set-up for end-to-end tests."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop beside the ORM in the browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import copy
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import yaml

from jixiao.documents.datafile import document_from_dict, load_document
from jixiao.rules import PACKS_DIR, pack_from_dict

def pytest_configure(config):
    """Pages name their static files; the tests do not run collectstatic, so they use the plain storage
    (the hashed manifest is tested on its own in tests/web/test_frame.py)."""
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


# Not imported from jixiao.demo.loader: that needs Django, and pure tests run without it.
REFERENCE_FILE = resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the local-memory cache outlives a test's database)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def reference_document():
    """The reference department's 2022 document, from its data file (no database)."""
    return load_document(REFERENCE_FILE)


@pytest.fixture
def demo_db(db):
    """The whole demo data set loaded into the test database (beside the personas, if a test has them)."""
    from jixiao.demo.loader import load_demo

    return load_demo(force=True)


def load_evaluation(document):
    """``document`` imported as the system, then taken through the workflow to the status it records
    (an import never sets a status)."""
    from jixiao.evaluations.services import advance_to, import_document
    from jixiao.orgs.models import SYSTEM

    evaluation = import_document(document=document, acting_user=SYSTEM)
    return advance_to(evaluation=evaluation, status=document.status, acting_user=SYSTEM, reason="测试数据")


@pytest.fixture(name="load_evaluation", scope="session")
def load_evaluation_fixture():
    """:func:`load_evaluation`, for tests that store documents of their own."""
    return load_evaluation


@pytest.fixture
def reference_evaluation(db, reference_document):
    """The reference department's 2022 evaluation, stored and published (已公开) as its data file says."""
    return load_evaluation(reference_document)


@pytest.fixture
def personas(db):
    """Users in each role the permission tests need, around two regions and three departments."""
    from jixiao.domain.enums import Role
    from jixiao.orgs.models import Department, Membership, Region, User

    home = Region.objects.get_or_create(code="440112", defaults={"name": "广州市黄埔区"})[0]
    other_region = Region.objects.create(code="440106", name="广州市天河区")
    own = Department.objects.get_or_create(code="440112-107", defaults={"region": home, "name": "广州市黄埔区工商业联合会"})[0]
    neighbour = Department.objects.get_or_create(code="440112-114", defaults={"region": home, "name": "广州市黄埔区司法局"})[0]
    far = Department.objects.create(code="440106-300", region=other_region, name="广州市天河区司法局")

    def user(name, role=None, **scope):
        u = User.objects.create_user(username=name, password="pw-" + name)
        if role:
            Membership.objects.create(user=u, role=role.value, **scope)
        return u

    return {
        "own_staff": user("own_staff", Role.DEPARTMENT_STAFF, department=own),
        "own_approver": user("own_approver", Role.DEPARTMENT_APPROVER, department=own),
        "other_staff": user("other_staff", Role.DEPARTMENT_STAFF, department=neighbour),
        "reviewer": user("reviewer", Role.FINANCE_REVIEWER, region=home),
        "far_reviewer": user("far_reviewer", Role.FINANCE_REVIEWER, region=other_region),
        "departments": {"own": own, "neighbour": neighbour, "far": far},
    }


@pytest.fixture
def generated_province(db):
    """``make(departments, years, seed=…, tasks_per_department=…)``: a synthetic province (region 990000
    with two districts, as ``jixiao generate`` writes it) and a 财政审核人 of the whole province."""
    def make(departments: int, years: tuple[int, ...], *, seed: int, tasks_per_department: int):
        from jixiao.demo.generate import write_synthetic
        from jixiao.demo.synthetic import documents
        from jixiao.domain.enums import Role
        from jixiao.orgs.models import Membership, Region, User

        write_synthetic(documents(departments, years, seed=seed, tasks_per_department=tasks_per_department),
                        departments=departments)
        reviewer = User.objects.create_user("province_reviewer")
        Membership.objects.create(user=reviewer, role=Role.FINANCE_REVIEWER.value,
                                  region=Region.objects.get(code="990000"))
        return reviewer
    return make


# --- documents and packs built in memory (the ``build`` fixture) --------------------------------
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
    rows = yaml.safe_load((Path(__file__).parent / "data" / "worked_example.yaml").read_text(encoding="utf-8"))
    for index, changes in overrides.items():
        rows[int(index)].update(changes)
    return rows


def variant(name: str, **changes):
    """The pack ``name`` with top-level keys replaced (e.g. ``indicator_methods``)."""
    data = pack_data(name)
    data.update(changes)
    return pack_from_dict(data)


BUILDERS = SimpleNamespace(doc=make_doc, example=worked_example, pack_data=pack_data, variant=variant)


@pytest.fixture(scope="session")
def build():
    return BUILDERS


@pytest.fixture(scope="session")
def worked():
    """The same builders under a name of their own, for folders whose ``build`` fixture is another."""
    return BUILDERS


# --- end-to-end (Playwright with Debian's Chromium; no browser download) -------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def plain_static_storage(settings):
    """live_server cannot serve Manifest-hashed static names; use plain storage in browser tests."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def cycle(personas, load_evaluation):
    """The personas, and the reference department's 2021 and 2022 years stored (2022 in draft), for the
    year's cycle (targets, monitoring, warnings, adjustments, rectification)."""
    from jixiao.domain.enums import EvaluationStatus

    data = resources.files("jixiao.demo") / "data"
    earlier = load_evaluation(load_document(data / "440112-gsl-2021.yaml"))
    current = load_evaluation(load_document(data / "440112-gsl-2022.yaml").with_changes(status=EvaluationStatus.DRAFT))
    return {**personas, "evaluation": current, "earlier": earlier, "region": current.department.region}
