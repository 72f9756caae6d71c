"""Read-only views for the system administrator. Questions and lists change through the services
(which keep the history, the audit log and the caches); askers' personal data has no admin page at all."""

from django.contrib import admin

from portal.questions.models import Category, ForwardChannel, Question, RejectionReason, SupervisionNotice


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["receipt_code", "interview", "nickname", "state", "answer_status", "created_at"]
    list_filter = ["state", "answer_status", "via"]
    fields = ["receipt_code", "interview", "nickname", "public_text", "state", "answer_status", "created_at"]
    search_fields = ["receipt_code"]


@admin.register(Category, RejectionReason, ForwardChannel)
class ListAdmin(ReadOnlyAdmin):
    pass


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(ReadOnlyAdmin):
    list_display = ["interview", "unit", "sent_at", "acknowledged_at"]
