"""Regions, departments and accounts in Django's admin (数据管理).

Accounts, roles and API tokens are the superusers' (a staff user given a permission on them could
grant themselves more); the bureau's pages manage accounts through
:mod:`jixiao.bureau.services`. Regions and departments are listed in the user's scope
(``for_user``) and changed by superusers. Every change is an event 后台修改."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import TokenProxy

from jixiao.domain.workflow import Action
from jixiao.events.admin import RecordedAdmin, SuperusersOnly, superusers_only
from jixiao.orgs.models import Department, Membership, Region, Unit, User

superusers_only(Group)
superusers_only(TokenProxy)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["department", "region"]


@admin.register(User)
class UserAdmin(SuperusersOnly, RecordedAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "is_active", "is_staff"]
    fieldsets = BaseUserAdmin.fieldsets + (("jixiao", {"fields": ["display_name"]}),)


class ScopedOrgAdmin(RecordedAdmin, admin.ModelAdmin):
    """Listed in the user's scope like the pages; changed by superusers only."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user, Action.VIEW)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Region)
class RegionAdmin(ScopedOrgAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Department)
class DepartmentAdmin(ScopedOrgAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    inlines = [UnitInline]


@admin.register(Membership)
class MembershipAdmin(SuperusersOnly, RecordedAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "department", "region"]
    list_filter = ["role"]
