"""Load the demo data (regions, the reference department and its neighbours, demo accounts) into the
database.

The demo adds a superuser with the README's public password and invented published evaluations, so
it goes only into an empty database (no user, region, department or evaluation: what ``migrate``
leaves). A database that holds the demo already (its load events, 载入演示数据, are kept for good) is
left as it is, so ``./run`` may call it at every start, and an account the administrator deleted is
never created again. Any other database is refused with :class:`DemoRefused` unless forced; forced,
the load adds what is missing and leaves what is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

import yaml
from django.db import transaction

from jixiao.documents.datafile import load_document
from jixiao.domain.enums import EventVerb, Role
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.services import advance_to, import_document
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM, Department, Membership, Region, User

DEMO_DIR = Path(str(resources.files("jixiao.demo")))


@dataclass
class DemoReport:
    """What a demo load did, for printing."""

    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, role label, scope
    password: str = ""
    loaded_at: datetime | None = None  # when the demo was loaded before (then nothing was written now)


class DemoRefused(Exception):
    """The database holds data other than the demo; the message says what and how to force the load."""


def _read_yaml(name: str):
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def demo_files() -> list[Path]:
    return sorted((DEMO_DIR / "data").glob("*.yaml"))


def database_contents() -> dict[str, int]:
    """What the database holds beyond what ``migrate`` makes, by the Chinese name of each kind."""
    counts = {"用户": User.objects.count(), "行政区划": Region.objects.count(),
              "预算部门": Department.objects.count(), "绩效自评": Evaluation.objects.count()}
    return {name: count for name, count in counts.items() if count}


def demo_loaded_at() -> datetime | None:
    """When the demo was first loaded into this database, if it was."""
    return Event.objects.filter(verb=EventVerb.LOAD.value).order_by("at").values_list("at", flat=True).first()


@transaction.atomic
def load_demo(*, force: bool = False) -> DemoReport:
    """Load the demo into an empty database; leave a database that holds it as it is; refuse any other
    (:class:`DemoRefused`) unless ``force``."""
    report = DemoReport()
    if not force:
        report.loaded_at = demo_loaded_at()
        if report.loaded_at is not None:
            report.skipped = [_label(load_document(path)) for path in demo_files()]
            report.accounts, report.password = _existing_accounts()
            return report
        contents = database_contents()
        if contents:
            held = "、".join(f"{name} {count} 个" for name, count in contents.items())
            raise DemoRefused(f"数据库中已有数据（{held}），未载入演示数据：演示数据会添加一个使用公开密码的系统管理员"
                              "账号和虚构的已公开自评，只应载入空数据库。如确需载入，请执行 jixiao demo --force")
    for item in _read_yaml("regions.yaml"):
        parent = Region.objects.get(code=item["parent"]) if item.get("parent") else None
        Region.objects.update_or_create(code=item["code"], defaults={"name": item["name"], "parent": parent})
    for path in demo_files():
        document = load_document(path)
        label = _label(document)
        exists = Evaluation.objects.filter(department__code=document.department_code, year=document.year,
                                           kind=document.kind.value).exists()
        if exists:
            report.skipped.append(label)
            continue
        evaluation = import_document(document=document, acting_user=SYSTEM, file_name=path.name,
                                     verb=EventVerb.LOAD)
        # The status the data file records is reached through the workflow, each step an event.
        evaluation = advance_to(evaluation=evaluation, status=document.status, acting_user=SYSTEM,
                                reason="演示数据：载入时即为已退回")
        total = f"{evaluation.score_total} 分 {evaluation.score_grade}" if evaluation.score_total is not None else "未评分"
        report.loaded.append(f"{label}（{evaluation.get_status_display()}，{total}）")
    report.accounts, report.password = _ensure_accounts()
    from jixiao.demo.cycle import load_cycle

    report.loaded.extend(load_cycle(_read_yaml("cycle.yaml")))
    return report


def _label(document) -> str:
    return f"{document.year} 年度 {document.department_name}"


def _existing_accounts() -> tuple[list[tuple[str, str, str]], str]:
    """The demo accounts still in the database (none is created)."""
    spec = _read_yaml("accounts.yaml")
    users = {user.username: user for user in User.objects.filter(
        username__in=[item["username"] for item in spec["accounts"]])}
    accounts = []
    for item in spec["accounts"]:
        if item["username"] in users:
            accounts.append((item["username"], *_role_and_scope(item)))
    return accounts, spec["password"]


def _role_and_scope(item) -> tuple[str, str]:
    if not item.get("role"):
        return "系统管理员", "全部"
    where = (Department.objects.filter(code=item["department"]).first() if item.get("department")
             else Region.objects.filter(code=item["region"]).first())
    return Role(item["role"]).label, str(where or "")


def _ensure_accounts() -> tuple[list[tuple[str, str, str]], str]:
    spec = _read_yaml("accounts.yaml")
    password = spec["password"]
    accounts = []
    for item in spec["accounts"]:
        user = User.objects.filter(username=item["username"]).first()
        if user is None:
            user = User(username=item["username"], display_name=item.get("display_name", ""),
                        is_staff=bool(item.get("superuser")),
                        is_superuser=bool(item.get("superuser")))
            user.set_password(password)
            user.save()
        role_label, scope = "系统管理员", "全部"
        if item.get("role"):
            role = Role(item["role"])
            department = Department.objects.get(code=item["department"]) if item.get("department") else None
            region = Region.objects.get(code=item["region"]) if item.get("region") else None
            Membership.objects.get_or_create(user=user, role=role.value, department=department, region=region)
            role_label, scope = role.label, str(department or region)
        accounts.append((user.username, role_label, scope))
    return accounts, password

