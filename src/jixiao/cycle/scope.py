"""Row-level scope of the cycle's rows (targets, monitoring, warnings, adjustments, rectification).

These rows belong to a department and a year, not to the year-end evaluation's workflow: a department
reports monitoring and answers rectification whatever the status of its evaluation. So:
- VIEW: the department's own staff and approvers, and the finance reviewers of its region (and above);
- EDIT (the department's side: declare, report, request, answer): the department's staff and approvers;
- REVIEW (the bureau's side: approve, return, issue, confirm, escalate): the reviewers of its region.
Superusers see everything and act on both sides.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from jixiao.domain.workflow import DEPARTMENT_ROLES

VIEW, EDIT, REVIEW = "view", "edit", "review"


def department_scope(user, action: str = VIEW, path: str = "department") -> Q | None:
    """A ``Q`` over the department reached by ``path`` for what ``user`` may do; ``None`` = everything."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    own = Q(**{f"{path}__in": user.department_ids(DEPARTMENT_ROLES)})
    reviewed = Q(**{f"{path}__region_id__in": user.reviewed_region_ids()})
    return {VIEW: own | reviewed, EDIT: own, REVIEW: reviewed}[action]


def scoped(queryset, user, action: str = VIEW, path: str = "department"):
    condition = department_scope(user, action, path)
    return queryset if condition is None else queryset.filter(condition)


def region_scope(user, path: str = "region") -> Q | None:
    """Rounds and library entries of a region: its reviewers manage them; departments of it read them."""
    if user.is_superuser:
        return None
    return Q(**{f"{path}_id__in": user.reviewed_region_ids()}) | Q(**{f"{path}__departments__in": user.department_ids()})


class ScopedQuerySet(models.QuerySet):
    """Rows of a department (reached by ``department_path``) scoped by :func:`scoped`."""

    department_path = "department"

    def for_user(self, user, action: str = VIEW):
        return scoped(self, user, action, self.department_path)
