"""Evaluations in Django's admin (数据管理), held to the same rules as the pages:

- scoped by the same querysets, ``for_user(user, Action.VIEW)``: a staff user given a view permission
  sees what the pages would show them, never another department's drafts;
- changed only where the workflow lets the user edit (``for_user(user, Action.EDIT)``): a submitted,
  accepted or published evaluation is read-only for everybody, superusers included, with its parts,
  inlines and history (no revert);
- every change is a simple-history record, an event 后台修改 and a rescore through
  :func:`~jixiao.evaluations.services.rescore_evaluation` with the acting user, so the stored score is
  always the engine's; the status is changed by the workflow's services only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import router, transaction
from simple_history.admin import SimpleHistoryAdmin

from jixiao.domain.workflow import Action
from jixiao.evaluations.models import Adjustment, Evaluation, Fact, FundLine, Indicator, Project, ReportSection, Task
from jixiao.evaluations.services import rescore_evaluation
from jixiao.events.admin import RecordedAdmin


def _evaluation(obj, path: str):
    """The evaluation ``obj`` belongs to, following ``path`` (``"task.evaluation"``; ``""``: ``obj``
    itself); ``None`` when it is gone (a deleted row seen from its history)."""
    try:
        for name in filter(None, path.split(".")):
            obj = getattr(obj, name)
    except ObjectDoesNotExist:
        return None
    return obj


def _allowed(user, evaluation, action: Action) -> bool:
    if evaluation is None:
        return user.is_superuser and action is Action.VIEW
    return Evaluation.objects.for_user(user, action).filter(pk=evaluation.pk).exists()


class EvaluationScopedAdmin(RecordedAdmin, SimpleHistoryAdmin):
    """An admin of evaluations or of their parts (``evaluation_path`` leads from a row to its
    evaluation; ``parent_field`` is the foreign key that places a row, fixed once it is created)."""

    evaluation_path = ""
    parent_field = ""

    def evaluation_of(self, obj):
        return _evaluation(obj, self.evaluation_path)

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user, Action.VIEW)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or _allowed(request.user, self.evaluation_of(obj), Action.VIEW))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or _allowed(request.user, self.evaluation_of(obj), Action.EDIT))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or _allowed(request.user, self.evaluation_of(obj), Action.EDIT))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent_field:
            fields.append(self.parent_field)
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.parent_field:  # a new row only where the user may edit
            kwargs["queryset"] = db_field.related_model.objects.for_user(request.user, Action.EDIT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def after_change(self, request, evaluation) -> None:
        if evaluation is not None:
            rescore_evaluation(evaluation=evaluation, acting_user=request.user, reason="管理后台修改")

    def delete_model(self, request, obj):
        evaluation = self.evaluation_of(obj)
        super().delete_model(request, obj)
        if evaluation is not None and evaluation is not obj:
            self.after_change(request, evaluation)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's page of an old version, whose POST reverts to it: a change like any other
        (the current row in the user's scope and editable), in one transaction."""
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class LockedWithParent:
    """An inline is read-only, with no row added or deleted, when the user may not edit the evaluation of
    the object it is shown in (``parent_path`` leads from that object to its evaluation)."""

    parent_path = ""

    def _editable(self, request, parent) -> bool:
        return parent is None or _allowed(request.user, _evaluation(parent, self.parent_path), Action.EDIT)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class FundLineInline(LockedWithParent, admin.TabularInline):
    model = FundLine
    extra = 0


class TaskInline(LockedWithParent, admin.TabularInline):
    model = Task
    extra = 0
    fields = ["code", "name", "responsible_unit", "funds"]
    show_change_link = True


class SectionInline(LockedWithParent, admin.StackedInline):
    model = ReportSection
    extra = 0


class FactInline(LockedWithParent, admin.TabularInline):
    model = Fact
    extra = 0


class AdjustmentInline(LockedWithParent, admin.TabularInline):
    model = Adjustment
    extra = 0


class EvaluationForm(forms.ModelForm):
    """The rule pack is one of the registry's codes (never a path); the choices are read when the form is."""

    class Meta:
        model = Evaluation
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rule_pack" in self.fields:
            from jixiao.rules import list_packs

            choices = [("", "（未指定）")] + [(code, f"{code}　{title}") for code, title in list_packs()]
            self.fields["rule_pack"] = forms.ChoiceField(label=self.fields["rule_pack"].label, choices=choices,
                                                         required=False)


@admin.register(Evaluation)
class EvaluationAdmin(EvaluationScopedAdmin):
    form = EvaluationForm
    list_display = ["department", "year", "kind", "status", "rule_pack", "score_total", "score_grade",
                    "stated_total"]
    list_filter = ["year", "status", "kind", "rule_pack", "department__region"]
    search_fields = ["department__name", "department__code", "project_code"]
    readonly_fields = ["status", "score_total", "score_grade", "scored_at", "created_at", "updated_at"]
    inlines = [FundLineInline, TaskInline, FactInline, AdjustmentInline, SectionInline]
    list_select_related = ["department"]
    parent_field = "department"


class ProjectInline(LockedWithParent, admin.TabularInline):
    model = Project
    extra = 0
    parent_path = "evaluation"


class IndicatorInline(LockedWithParent, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["code", "level1", "level2", "name", "direction", "target_text", "actual_text", "weight", "self_score",
              "score"]
    readonly_fields = ["score"]
    parent_path = "evaluation"


@admin.register(Task)
class TaskAdmin(EvaluationScopedAdmin):
    list_display = ["evaluation", "code", "name", "responsible_unit", "funds"]
    search_fields = ["name", "evaluation__department__name"]
    inlines = [ProjectInline, IndicatorInline]
    list_select_related = ["evaluation__department"]
    evaluation_path = parent_field = "evaluation"


@admin.register(Indicator)
class IndicatorAdmin(EvaluationScopedAdmin):
    list_display = ["name", "task", "level1", "level2", "target_text", "actual_text", "weight", "score"]
    list_filter = ["level1", "level2", "direction", "task__evaluation__year"]
    search_fields = ["name", "task__name", "task__evaluation__department__name"]
    readonly_fields = ["target_value", "actual_value", "actual_grade", "score", "score_explanation"]
    list_select_related = ["task__evaluation__department"]
    evaluation_path = "task.evaluation"
    parent_field = "task"


@admin.register(Project)
class ProjectAdmin(EvaluationScopedAdmin):
    list_display = ["code", "name", "task", "budget", "executed"]
    search_fields = ["code", "name"]
    list_select_related = ["task__evaluation__department"]
    evaluation_path = "task.evaluation"
    parent_field = "task"
