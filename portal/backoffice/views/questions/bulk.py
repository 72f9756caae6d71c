"""Bulk moderation from the queue: approve, reject with one reason, or join the selected questions' groups."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import BulkForm, reason_choices
from portal.backoffice.views.questions.common import require_perm
from portal.backoffice.views.questions.queue import Filters, parse_queue, queue_interview, queue_url, render_queue
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question, QuestionGroup, RejectionReason
from portal.questions.services.grouping import join_groups
from portal.questions.services.moderation import bulk_approve, bulk_reject


def _report(request, done: int, refused: dict[str, str], verb: str) -> None:
    if done:
        messages.success(request, _("已%(verb)s%(n)s条问题。") % {"verb": verb, "n": done})
    if refused:
        listed = "；".join(f"{code[:5]}-{code[5:]}：{why}" for code, why in refused.items())
        messages.warning(request, _("以下%(n)s条未能处理：%(list)s") % {"n": len(refused), "list": listed})


@require_POST
@staff_required
def question_bulk(request):
    queue = parse_queue(request.GET.get("queue"))
    if queue is None:
        raise Http404
    interview = queue_interview(request, queue)
    require_perm(request.user, "questions.moderate_question", interview)
    form = BulkForm(request.POST, reasons=reason_choices())
    if not form.is_valid():
        return render_queue(request, interview, status=400, bulk_form=form)
    scope = Question.objects.visible_to(request.user)
    if interview is not None:
        scope = scope.filter(interview=interview)
    questions = list(scope.filter(pk__in=form.cleaned_data["questions"]).order_by("created_at", "pk"))
    if not questions:
        form.add_error(None, _("所选问题已不在列表中，请刷新页面后重试。"))
        return render_queue(request, interview, status=400, bulk_form=form)
    action = form.cleaned_data["action"]
    try:
        if action == "approve":
            result = bulk_approve(questions, actor=request.user)
            _report(request, len(result.done), result.refused, _("审核通过"))
        elif action == "reject":
            reason = get_object_or_404(RejectionReason.objects.active(), pk=form.cleaned_data["reason"])
            result = bulk_reject(questions, actor=request.user, reason=reason, note=form.cleaned_data["note"])
            _report(request, len(result.done), result.refused, _("不予采纳"))
        else:
            groups = list(QuestionGroup.objects.filter(questions__in=questions).distinct().order_by("pk"))
            join_groups(groups, actor=request.user)
            messages.success(request, _("已将%(n)s个分组合并为一组。") % {"n": len(groups)})
    except QuestionsRefused as refused:
        form.add_error(None, str(refused))
        return render_queue(request, interview, status=400, bulk_form=form)
    return redirect(f"{queue_url(queue)}?{Filters.from_query(request.GET).query()}")
