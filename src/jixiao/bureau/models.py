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


class IndicatorCommentQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "IndicatorCommentQuerySet":
        """Comments are between a department and its reviewers: seen by whoever holds a role on the
        evaluation's department (its people, the region's reviewers), never by the public."""
        from jixiao.evaluations.models import Evaluation

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if Action(action) is not Action.VIEW:
            return self.none()
        members = Evaluation.objects.filter(Q(department_id__in=user.department_ids())
                                            | Q(department__region_id__in=user.reviewed_region_ids()))
        return self.filter(evaluation__in=members)


class IndicatorComment(models.Model):
    """批注: a remark on one indicator of an evaluation (by a reviewer, or the department's answer),
    kept with the indicator by its code, so that it survives a re-import of the workbook."""

    evaluation = models.ForeignKey("evaluations.Evaluation", verbose_name="绩效自评", on_delete=models.CASCADE,
                                   related_name="indicator_comments")
    indicator_code = models.CharField("指标编号", max_length=40)
    indicator_name = models.CharField("三级指标", max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批注人", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("批注")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = IndicatorCommentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "指标批注"
        ordering = ["evaluation", "indicator_code", "created_at", "id"]
        indexes = [models.Index(fields=["evaluation", "indicator_code"], name="comment_indicator_idx")]

    def __str__(self) -> str:
        return f"指标{self.indicator_code}（{self.indicator_name}）的批注"
