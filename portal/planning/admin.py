from django.contrib import admin

from portal.planning.models import Plan, PlanRevision, PlanRow


class PlanRowInline(admin.TabularInline):
    model = PlanRow
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "doc_number", "status", "is_demo"]
    inlines = [PlanRowInline]

    def has_change_permission(self, request, obj=None):
        # Plans change through the back office, which keeps revisions and the audit log.
        return False


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "created_at", "created_by"]

    def has_change_permission(self, request, obj=None):
        return False
