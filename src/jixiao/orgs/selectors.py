"""Reads of people by what they do: who holds a role on a department (its staff and approvers, and
the finance reviewers of its region or of any region above it)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from jixiao.domain.enums import Role
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.orgs.models import Department, Region, User


def region_and_ancestor_ids(region: Region) -> list[int]:
    """The region and every region above it (a province's reviewer reviews its districts too)."""
    ids, current = [], region
    while current is not None:
        ids.append(current.pk)
        current = current.parent
    return ids


def people_with_roles(department: Department, roles: Iterable[Role]) -> list[User]:
    """Active users holding any of ``roles`` on ``department`` (a reviewer through its region)."""
    roles = tuple(Role(role) for role in roles)
    scope = Q(pk__in=[])
    department_roles = [role.value for role in roles if role in DEPARTMENT_ROLES]
    if department_roles:
        scope |= Q(memberships__role__in=department_roles, memberships__department=department)
    if Role.FINANCE_REVIEWER in roles:
        scope |= Q(memberships__role=Role.FINANCE_REVIEWER.value,
                   memberships__region_id__in=region_and_ancestor_ids(department.region))
    return list(User.objects.filter(scope, is_active=True).distinct().order_by("username"))


def department_people_in_region(region: Region) -> list[User]:
    """Active staff and approvers of every department of ``region`` and of the regions under it."""
    return list(User.objects.filter(memberships__role__in=[role.value for role in DEPARTMENT_ROLES],
                                    memberships__department__region_id__in=region.descendant_ids(),
                                    is_active=True).distinct().order_by("username"))
