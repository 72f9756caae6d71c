from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from portal.accounts.models import Membership, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("平台", {"fields": ("full_name", "phone")}))


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "leader_name", "section", "contact_name", "contact_phone"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
