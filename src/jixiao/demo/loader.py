"""Load the demo data (regions, the reference department and its neighbours, demo accounts) into the
database, idempotently: what is already there is left as it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from django.db import transaction

from jixiao.documents.datafile import load_document
from jixiao.domain.enums import EventVerb, Role
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.services import advance_to, import_document
from jixiao.orgs.models import SYSTEM, Department, Membership, Region, User

DEMO_DIR = Path(str(resources.files("jixiao.demo")))


@dataclass
class DemoReport:
    """What a demo load did, for printing."""

    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, role label, scope
    password: str = ""


def _read_yaml(name: str):
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def demo_files() -> list[Path]:
    return sorted((DEMO_DIR / "data").glob("*.yaml"))


@transaction.atomic
def load_demo() -> DemoReport:
    report = DemoReport()
    for item in _read_yaml("regions.yaml"):
        parent = Region.objects.get(code=item["parent"]) if item.get("parent") else None
        Region.objects.update_or_create(code=item["code"], defaults={"name": item["name"], "parent": parent})
    for path in demo_files():
        document = load_document(path)
        label = f"{document.year} 年度 {document.department_name}"
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
    return report


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

