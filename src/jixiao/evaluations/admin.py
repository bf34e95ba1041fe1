from operator import attrgetter

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.evaluations.models import Adjustment, Evaluation, Fact, FundLine, Indicator, Project, ReportSection, Task
from jixiao.evaluations.services import rescore_evaluation


class RescoreOnSave:
    """After an edit in the admin, rescore the evaluation: the score shown is always the engine's."""

    evaluation_path = ""  # dotted path from the edited object to its evaluation; "" for the evaluation itself

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        evaluation = attrgetter(self.evaluation_path)(obj) if self.evaluation_path else obj
        rescore_evaluation(evaluation=evaluation, acting_user=request.user, reason="管理后台修改")


class FundLineInline(admin.TabularInline):
    model = FundLine
    extra = 0


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["code", "name", "responsible_unit", "funds"]
    show_change_link = True


class SectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0


class FactInline(admin.TabularInline):
    model = Fact
    extra = 0


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(RescoreOnSave, SimpleHistoryAdmin):
    list_display = ["department", "year", "kind", "status", "rule_pack", "score_total", "score_grade",
                    "stated_total"]
    list_filter = ["year", "status", "kind", "rule_pack", "department__region"]
    search_fields = ["department__name", "department__code", "project_code"]
    readonly_fields = ["score_total", "score_grade", "scored_at", "created_at", "updated_at"]
    inlines = [FundLineInline, TaskInline, FactInline, AdjustmentInline, SectionInline]
    list_select_related = ["department"]


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["code", "level1", "level2", "name", "direction", "target_text", "actual_text", "weight", "self_score",
              "score"]
    readonly_fields = ["score"]


@admin.register(Task)
class TaskAdmin(RescoreOnSave, SimpleHistoryAdmin):
    list_display = ["evaluation", "code", "name", "responsible_unit", "funds"]
    search_fields = ["name", "evaluation__department__name"]
    inlines = [ProjectInline, IndicatorInline]
    list_select_related = ["evaluation__department"]
    evaluation_path = "evaluation"


@admin.register(Indicator)
class IndicatorAdmin(RescoreOnSave, SimpleHistoryAdmin):
    list_display = ["name", "task", "level1", "level2", "target_text", "actual_text", "weight", "score"]
    list_filter = ["level1", "level2", "direction", "task__evaluation__year"]
    search_fields = ["name", "task__name", "task__evaluation__department__name"]
    readonly_fields = ["target_value", "actual_value", "actual_grade", "score", "score_explanation"]
    list_select_related = ["task__evaluation__department"]
    evaluation_path = "task.evaluation"


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "task", "budget", "executed"]
    search_fields = ["code", "name"]
