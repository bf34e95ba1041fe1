from django.contrib import admin

from jixiao.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "title", "read_at", "emailed_at"]
    list_select_related = ["recipient"]
    search_fields = ["title", "body"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user) if not request.user.is_superuser \
            else super().get_queryset(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
