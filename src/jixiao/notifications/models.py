from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jixiao.domain.workflow import Action


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "NotificationQuerySet":
        """A person sees (and marks read) only their own notifications."""
        if not getattr(user, "pk", None) or Action(action) not in (Action.VIEW, Action.EDIT):
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """通知: one message to one person (a submission waiting for review, a return with its reason, a
    warning), shown in the app until read and sent by e-mail when the person has an address.

    ``key`` makes a notification idempotent: a job that runs twice (or two copies at once) tells a
    person once per key."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE,
                                  related_name="notifications")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    evaluation = models.ForeignKey("evaluations.Evaluation", verbose_name="绩效自评", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey("events.Event", verbose_name="操作记录", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="notifications")
    key = models.CharField("去重键", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""),
                                               name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"
