from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.common.fields import choice_field
from jixiao.domain.enums import EventVerb
from jixiao.domain.workflow import Action


class EventQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "EventQuerySet":
        """The events of the evaluations ``user`` may see; events about nothing a user can see (an
        account change) only for the system and superusers. Events are never changed."""
        from jixiao.evaluations.models import Evaluation

        if Action(action) is not Action.VIEW:
            return self.none()
        if getattr(user, "is_superuser", False):
            return self.all()
        return self.filter(evaluation__in=Evaluation.objects.for_user(user, Action.VIEW))


class Event(models.Model):
    """操作记录: one state change, written in the same transaction as the change itself. Kept for good."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="events")
    verb = choice_field(EventVerb, "操作", max_length=20)
    evaluation = models.ForeignKey("evaluations.Evaluation", verbose_name="绩效自评", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="events")
    object_type = models.CharField("对象类型", max_length=60)
    object_id = models.CharField("对象编号", max_length=40)
    object_repr = models.CharField("对象", max_length=300)
    from_state = models.CharField("原状态", max_length=40, blank=True)
    to_state = models.CharField("新状态", max_length=40, blank=True)
    reason = models.TextField("原因", blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="event_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or '系统'} {self.get_verb_display()} {self.object_repr}"


def record_event(*, actor, verb: EventVerb, obj, evaluation=None, from_state: str = "", to_state: str = "",
                 reason: str = "", data: dict | None = None) -> Event:
    """Write an event row for ``obj`` (and the evaluation it belongs to); call inside the transaction
    of the change it records. ``actor`` is a user or the system actor (stored as no user)."""
    if evaluation is None and obj._meta.label_lower == "evaluations.evaluation":
        evaluation = obj
    return Event.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=EventVerb(verb).value,
        evaluation=evaluation,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
