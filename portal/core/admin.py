from django.contrib import admin

from portal.core.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        ("网站", {"fields": ("site_name", "column_name", "portal_url", "organiser", "operator", "contact_phone")}),
        ("备案与标识", {"fields": ("site_id_code", "icp_number", "police_number", "police_number_url")}),
        ("纠错与嵌入", {"fields": ("error_report_url", "embed_origins")}),
    )

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
