"""Comments (批注) on an indicator of an evaluation, between the department and its reviewers: one
service that stores the comment, writes its event and tells the other side."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from jixiao.bureau.models import IndicatorComment
from jixiao.bureau.services import AdministrationNotPermitted, AdministrationRefused
from jixiao.domain.enums import EventVerb, Role
from jixiao.domain.workflow import DEPARTMENT_ROLES, REGION_ROLES
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.selectors import people_with_roles


COMMENT_MAX = 2000


@transaction.atomic
def comment_on_indicator(*, evaluation, indicator_code: str, text: str, acting_user) -> IndicatorComment:
    """批注 an indicator of an evaluation: by one of the region's reviewers or of the department's
    people (any status; a comment changes no figure). The other side is told."""
    from jixiao.evaluations.models import Indicator

    roles = acting_user.roles_on(evaluation.department) if acting_user.is_authenticated else frozenset()
    if not roles:
        raise AdministrationNotPermitted(f"只有本部门和本辖区财政审核人可以批注{evaluation}")
    text = (text or "").strip()
    if not text:
        raise AdministrationRefused("请填写批注内容")
    if len(text) > COMMENT_MAX:
        raise AdministrationRefused(f"批注不能超过 {COMMENT_MAX} 字（现为 {len(text)} 字）")
    indicator = Indicator.objects.filter(task__evaluation=evaluation, code=indicator_code).first()
    if indicator is None:
        raise AdministrationRefused(f"{evaluation}没有编号为“{indicator_code}”的指标")
    comment = IndicatorComment.objects.create(evaluation=evaluation, indicator_code=indicator.code,
                                              indicator_name=indicator.name, text=text,
                                              author=acting_user if getattr(acting_user, "pk", None) else None)
    event = record_event(actor=acting_user, verb=EventVerb.COMMENT, obj=comment, evaluation=evaluation,
                         data={"indicator": indicator.code, "name": indicator.name, "text": text})
    reviewer = Role.FINANCE_REVIEWER in roles and not acting_user.is_superuser
    told = DEPARTMENT_ROLES if reviewer or acting_user.is_superuser else REGION_ROLES
    notify(recipients=(u for u in people_with_roles(evaluation.department, told) if u.pk != acting_user.pk),
           title=f"{evaluation}：指标“{indicator.name}”有新批注", body=f"{acting_user}：{text}",
           link=reverse("web:evaluation" if told is DEPARTMENT_ROLES else "web:bureau:review", args=[evaluation.pk]),
           evaluation=evaluation, event=event)
    return comment
