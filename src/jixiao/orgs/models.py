from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from jixiao.common.fields import choice_field
from jixiao.domain.enums import Role
from jixiao.domain.limits import TEXT
from jixiao.domain.workflow import DEPARTMENT_ROLES, Action


class SystemActor:
    """The acting user of what no person does through the pages: the operator's commands on the
    server (``jixiao import`` without ``--user``), loaders and scheduled jobs. It may do everything a
    superuser may; events record it as 系统 (no user)."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    is_anonymous = False
    username = "system"

    def __str__(self) -> str:
        return "系统"

    def department_ids(self, roles=DEPARTMENT_ROLES) -> list[int]:
        return []

    def reviewed_region_ids(self) -> list[int]:
        return []

    def roles_on(self, department) -> frozenset[Role]:
        return frozenset(Role)


SYSTEM = SystemActor()


class RegionQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "RegionQuerySet":
        """Regions a user works in: those reviewed, and those of the user's departments."""
        if Action(action) is not Action.VIEW or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(pk__in=user.reviewed_region_ids())
                           | Q(departments__pk__in=user.department_ids())).distinct()


class Region(models.Model):
    """行政区划: a province, city or district, with its administrative code (e.g. 440112)."""

    code = models.CharField("区划代码", max_length=TEXT["region.code"], unique=True)
    name = models.CharField("名称", max_length=TEXT["region.name"])
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def descendant_ids(self) -> list[int]:
        """This region and every region under it (breadth-first; regions are few)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return ids


class DepartmentQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "DepartmentQuerySet":
        """Departments a user may see (own, or in a reviewed region) or edit the data of (own, as staff
        or approver)."""
        action = Action(action)
        if not user.is_authenticated or action not in (Action.VIEW, Action.EDIT):
            return self.none()
        if user.is_superuser:
            return self.all()
        if action is Action.EDIT:
            return self.filter(pk__in=user.department_ids())
        return self.filter(Q(pk__in=user.department_ids()) | Q(region_id__in=user.reviewed_region_ids()))


class Department(models.Model):
    """预算部门: a budget department of a region, e.g. 广州市黄埔区工商业联合会."""

    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="departments")
    code = models.CharField("部门编码", max_length=TEXT["department.code"], unique=True)
    name = models.CharField("部门名称", max_length=TEXT["department.name"])
    self_name = models.CharField("报告自称", max_length=TEXT["department.self_name"], default="本部门", help_text="报告中对本部门的称呼，如“本会”“本局”")

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "预算部门"
        ordering = ["region__code", "code"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """所属单位: a unit under a department (the department's own office is one too)."""

    department = models.ForeignKey(Department, verbose_name="预算部门", on_delete=models.CASCADE, related_name="units")
    code = models.CharField("单位编码", max_length=TEXT["unit.code"])
    name = models.CharField("单位名称", max_length=TEXT["unit.name"])
    duties = models.TextField("主要职责", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "所属单位"
        ordering = ["department", "code"]
        constraints = [models.UniqueConstraint(fields=["department", "code"], name="unit_code_unique_in_department")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person using jixiao; what they may see and do comes from their memberships (角色)."""

    display_name = models.CharField("姓名", max_length=50, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    def department_ids(self, roles=DEPARTMENT_ROLES) -> list[int]:
        return [m.department_id for m in self._memberships() if m.role in roles and m.department_id]

    def reviewed_region_ids(self) -> list[int]:
        """Regions this user reviews as 财政审核人, with every region under them (cached per instance)."""
        if not hasattr(self, "_reviewed_cache"):
            ids: list[int] = []
            for membership in self._memberships():
                if membership.role == Role.FINANCE_REVIEWER and membership.region_id:
                    ids.extend(membership.region.descendant_ids())
            self._reviewed_cache = ids
        return self._reviewed_cache

    def has_role(self, role: Role) -> bool:
        return any(m.role == role for m in self._memberships())

    def roles_on(self, department) -> frozenset[Role]:
        """The roles this user holds on ``department`` (its own roles, and 财政审核人 when it reviews
        the department's region); a superuser holds every role."""
        if self.is_superuser:
            return frozenset(Role)
        roles = {Role(m.role) for m in self._memberships() if m.department_id == department.pk}
        if department.region_id in self.reviewed_region_ids():
            roles.add(Role.FINANCE_REVIEWER)
        return frozenset(roles)

    def _memberships(self) -> list["Membership"]:
        # Cached per user instance: scoping reads it on every request.
        if not hasattr(self, "_membership_cache"):
            self._membership_cache = list(self.memberships.select_related("region"))
        return self._membership_cache


class Membership(models.Model):
    """角色: a user's role in a department (填报人/负责人) or in a region's finance bureau (审核人)."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    role = choice_field(Role, "角色")
    department = models.ForeignKey(Department, verbose_name="预算部门", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="memberships")
    region = models.ForeignKey(Region, verbose_name="行政区划", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role=Role.FINANCE_REVIEWER.value, region__isnull=False, department__isnull=True)
                    | Q(role__in=[r.value for r in DEPARTMENT_ROLES], department__isnull=False, region__isnull=True)
                ),
                violation_error_message="财政审核人须指定行政区划；单位填报人和单位负责人须指定预算部门。",
            ),
            models.UniqueConstraint(fields=["user", "role", "department", "region"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        scope = self.department or self.region
        return f"{self.user} · {Role(self.role).label} · {scope}"

    def clean(self) -> None:
        if self.role == Role.FINANCE_REVIEWER and (not self.region_id or self.department_id):
            raise ValidationError({"region": "财政审核人须指定行政区划，且不指定预算部门。"})
        if self.role in DEPARTMENT_ROLES and (not self.department_id or self.region_id):
            raise ValidationError({"department": "单位填报人和单位负责人须指定预算部门，且不指定行政区划。"})


class LoginFailure(models.Model):
    """A failed login (登录失败): counted to lock an account, and an address, after repeated failures."""

    username = models.CharField("用户名", max_length=150, db_index=True)
    address = models.GenericIPAddressField("来源地址", null=True, blank=True, db_index=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.address or ''}"
