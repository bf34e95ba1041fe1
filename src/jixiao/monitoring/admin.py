from django.contrib import admin

from jixiao.evaluations.admin import EvaluationScopedAdmin
from jixiao.monitoring.models import MonitoringSnapshot


@admin.register(MonitoringSnapshot)
class MonitoringSnapshotAdmin(EvaluationScopedAdmin):
    """Snapshots scoped and locked with their evaluation, changes recorded (see :mod:`jixiao.evaluations.admin`)."""

    list_display = ["evaluation", "as_of", "indicator_code", "value_text", "executed", "projected_text", "warning"]
    list_filter = ["warning", "as_of"]
    list_select_related = ["evaluation__department"]
    evaluation_path = parent_field = "evaluation"
