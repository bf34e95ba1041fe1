from django.contrib import admin

from jixiao.events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "verb", "object_repr", "from_state", "to_state", "reason"]
    list_filter = ["verb", "object_type"]
    list_select_related = ["actor"]
    search_fields = ["object_repr", "reason"]

    def has_change_permission(self, request, obj=None):
        return False  # the timeline is append-only

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
