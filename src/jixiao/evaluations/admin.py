from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Adjustment, Evaluation, Fact, FundLine, Indicator, Project, ReportSection, Task


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
class EvaluationAdmin(SimpleHistoryAdmin):
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
    fields = ["code", "level1", "level2", "name", "target_text", "actual_text", "weight", "self_score", "score"]
    readonly_fields = ["score"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["evaluation", "code", "name", "responsible_unit", "funds"]
    search_fields = ["name", "evaluation__department__name"]
    inlines = [ProjectInline, IndicatorInline]
    list_select_related = ["evaluation__department"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "task", "level1", "level2", "target_text", "actual_text", "weight", "score"]
    list_filter = ["level1", "level2", "direction", "task__evaluation__year"]
    search_fields = ["name", "task__name", "task__evaluation__department__name"]
    readonly_fields = ["score", "score_explanation"]
    list_select_related = ["task__evaluation__department"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "task", "budget", "executed"]
    search_fields = ["code", "name"]
