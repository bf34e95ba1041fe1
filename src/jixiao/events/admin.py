"""The admin's side of the history: every change made through Django's admin (数据管理) is an event
后台修改 in the timeline, written in the transaction of the change (the admin wraps its add, change and
delete views in one), beside the admin's own log and the simple-history record of the row."""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.admin.models import LogEntry

from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event, record_event


def readable_change(message) -> str:
    """The admin's change message (a list of ``{"changed": {"fields": [...]}}``…) as it reads it out, in
    Chinese (``已修改 实际完成值（原文）。``)."""
    if isinstance(message, list):
        message = json.dumps(message)
    return LogEntry(change_message=message).get_change_message()


class RecordedAdmin:
    """Writes an event 后台修改 for every addition, change and deletion made through this admin.

    ``evaluation_of(obj)`` names the evaluation the object belongs to (``None``: none), so the event
    appears on its timeline; ``after_change(request, evaluation)`` runs after each change (the
    evaluations' admins rescore there)."""

    def evaluation_of(self, obj):
        return None

    def after_change(self, request, evaluation) -> None:
        pass

    def record_admin_change(self, request, obj, action: str, message) -> None:
        text = readable_change(message) if message else ""
        evaluation = self.evaluation_of(obj)
        record_event(actor=request.user, verb=EventVerb.ADMIN_EDIT, obj=obj, evaluation=evaluation,
                     reason=f"管理后台{action}{obj._meta.verbose_name}“{obj}”" + (f"：{text}" if text else ""),
                     data={"action": action, "change": message or []})

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self.record_admin_change(request, obj, "新增", message)
        self.after_change(request, self.evaluation_of(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self.record_admin_change(request, obj, "修改", message)
        self.after_change(request, self.evaluation_of(obj))
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:  # called before the deletion, in its transaction
            self.record_admin_change(request, obj, "删除", None)
        return super().log_deletions(request, queryset)

    def get_actions(self, request):
        # Deletion one object at a time, through the delete view's checks of that object.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class SuperusersOnly:
    """An admin only superusers see and use (accounts, roles, tokens, task results): a staff user given
    a permission on these could otherwise grant themselves more."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


def superusers_only(model) -> None:
    """Register again another app's admin of ``model`` for superusers only, its changes recorded."""
    existing = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(f"SuperusersOnly{existing.__name__}", (SuperusersOnly, RecordedAdmin, existing), {}))


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "verb", "object_repr", "from_state", "to_state", "reason"]
    list_filter = ["verb", "object_type"]
    list_select_related = ["actor"]
    search_fields = ["object_repr", "reason"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # the timeline is append-only

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
