from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from jixiao.orgs.models import Department, Membership, Region, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["department", "region"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "is_active", "is_staff"]
    fieldsets = BaseUserAdmin.fieldsets + (("jixiao", {"fields": ["display_name"]}),)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    inlines = [UnitInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "department", "region"]
    list_filter = ["role"]
