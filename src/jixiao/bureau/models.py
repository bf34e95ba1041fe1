from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.domain.workflow import Action
from jixiao.orgs.models import Region


class DeadlineQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "DeadlineQuerySet":
        """Deadlines of the regions a user works in (seen by their departments too); set by the
        region's reviewers only."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if Action(action) is Action.EDIT:
            return self.filter(region_id__in=user.reviewed_region_ids())
        return self.filter(Q(region_id__in=user.reviewed_region_ids())
                           | Q(region__departments__pk__in=user.department_ids())).distinct()


class Deadline(models.Model):
    """报送截止日期: by when a region's departments submit their self-evaluation of a year."""

    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.CASCADE, related_name="deadlines")
    year = models.PositiveSmallIntegerField("年度")
    due_on = models.DateField("截止日期")
    note = models.CharField("说明", max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报送截止日期"
        ordering = ["-year", "region__code"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="deadline_unique")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} 年度自评报送截止 {self.due_on:%Y-%m-%d}"
