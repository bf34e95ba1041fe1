from django.contrib import admin

from jixiao.monitoring.models import MonitoringSnapshot


@admin.register(MonitoringSnapshot)
class MonitoringSnapshotAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "as_of", "indicator_code", "value_text", "executed", "projected_text", "warning"]
    list_filter = ["warning", "as_of"]
