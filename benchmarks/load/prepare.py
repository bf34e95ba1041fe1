"""Accounts for the load test on a generated province (``jixiao generate``): a 填报人 and 负责人 for
each of ``--departments`` departments that have a draft of the latest year, and a 财政审核人 of the
whole province; written as JSON for the locustfile. One password hash made once and given to every
account (hashing it per account would take a second each)."""

from __future__ import annotations

import argparse
import json
import sys

PASSWORD = "load-test-pw-2026"


def prepare(departments: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from jixiao.domain.enums import EvaluationStatus, Role
    from jixiao.evaluations.models import Evaluation
    from jixiao.orgs.models import Membership, Region, User

    year = Evaluation.objects.order_by("-year").values_list("year", flat=True).first()
    drafts = list(Evaluation.objects.filter(year=year, kind="department",
                                            status__in=[EvaluationStatus.DRAFT.value, EvaluationStatus.RETURNED.value],
                                            department__region__code__startswith="99")
                  .select_related("department").order_by("pk")[:departments])
    published = list(Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED.value).order_by("pk")
                     .values_list("pk", flat=True)[:200])
    hashed = make_password(PASSWORD)
    staff = []
    with transaction.atomic():
        for n, evaluation in enumerate(drafts):
            user, _ = User.objects.get_or_create(username=f"load-staff-{n}")
            user.password = hashed
            user.save(update_fields=["password"])
            for role in (Role.DEPARTMENT_STAFF, Role.DEPARTMENT_APPROVER):
                Membership.objects.get_or_create(user=user, role=role.value, department=evaluation.department)
            staff.append({"username": user.username, "evaluation": evaluation.pk})
        reviewer, _ = User.objects.get_or_create(username="load-reviewer")
        reviewer.password = hashed
        reviewer.save(update_fields=["password"])
        Membership.objects.get_or_create(user=reviewer, role=Role.FINANCE_REVIEWER.value,
                                         region=Region.objects.get(code="990000"))
    return {"password": PASSWORD, "year": year, "staff": staff, "reviewer": "load-reviewer",
            "published": published}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    from jixiao.site.bootstrap import setup_django

    setup_django()
    data = prepare(args.departments)
    if not data["staff"]:
        print("没有可用的草稿自评：请先用 jixiao generate 生成数据", file=sys.stderr)
        return 2
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
