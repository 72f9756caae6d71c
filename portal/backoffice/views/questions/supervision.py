"""督办: 区政府办 urges a unit whose written answers are overdue (from the oversight page); the unit's
members read and acknowledge the notices; 区政府办 sees every notice and its acknowledgement."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import Unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import AcknowledgeForm, SupervisionForm
from portal.backoffice.views.common import int_param
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question
from portal.questions.queries import overdue_answers, supervision_notices_for
from portal.questions.services.supervision import acknowledge_supervision_notice, send_supervision_notice

DEFAULT_MESSAGE = _("以下网友提问的书面答复已超过截止日期，请尽快答复并报区城市数字治理中心审核发布。")


def _question_choices(questions) -> list[tuple[int, str]]:
    return [(q.pk, f"{q.formatted_receipt_code} {q.public_text[:50]}") for q in questions]


def overdue_answer_rows(user, today, year: int, bound: dict) -> list:
    """Each unit's overdue answers in one interview, with a 督办 form for whoever may send one."""
    can_send = user.has_perm("questions.send_supervision")
    rows = overdue_answers(today, year=year)
    for row in rows:
        row.days = row.days_overdue(today)
        row.form = None
        if can_send:
            key = (row.interview.pk, row.unit.pk)
            initial = {"questions": [q.pk for q in row.questions], "message": DEFAULT_MESSAGE}
            row.form = bound.get(key) or SupervisionForm(questions=_question_choices(row.questions), initial=initial)
            row.form.auto_id = f"id_sv{row.interview.pk}_{row.unit.pk}_%s"
    return rows


@require_POST
@staff_required
def supervision_send(request):
    from portal.backoffice.views.oversight import render_oversight  # noqa: PLC0415 -- oversight imports this module

    interview = visible_interview(request, int_param(request.POST.get("interview")) or 0)
    require_perm(request.user, "questions.send_supervision", interview)
    unit = get_object_or_404(Unit, pk=int_param(request.POST.get("unit")) or 0)
    scope = Question.objects.visible_to(request.user).filter(interview=interview)
    form = SupervisionForm(request.POST, questions=_question_choices(scope.order_by("pk")))
    if form.is_valid():
        questions = list(scope.filter(pk__in=form.cleaned_data["questions"]))
        try:
            send_supervision_notice(
                interview=interview,
                unit=unit,
                questions=questions,
                message=form.cleaned_data["message"],
                actor=request.user,
            )
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("已向%(unit)s发送督办通知。") % {"unit": unit})
            return redirect(f"{reverse('backoffice:oversight')}?year={interview.year}#overdue-answers")
    request.GET = request.GET.copy()
    request.GET["year"] = str(interview.year)
    return render_oversight(request, status=400, supervision_forms={(interview.pk, unit.pk): form})


def render_notices(request, *, status=200, bound=None, errors=None) -> TemplateResponse:
    notices = list(supervision_notices_for(request.user).prefetch_related("questions").order_by("-sent_at", "-pk"))
    for notice in notices:
        notice.can_acknowledge = not notice.is_acknowledged and request.user.has_perm(
            "questions.acknowledge_supervision", notice
        )
        notice.form = (bound or {}).get(notice.pk) or AcknowledgeForm(auto_id=f"id_ack{notice.pk}_%s")
        notice.error = (errors or {}).get(notice.pk, "")
    context = {"nav": "answers", "notices": notices, "sees_all": request.user.sees_all_interviews}
    return TemplateResponse(request, "backoffice/questions/supervision.html", context, status=status)


@staff_required
def supervision_list(request):
    return render_notices(request)


@require_POST
@staff_required
def supervision_acknowledge(request, npk):
    notice = get_object_or_404(supervision_notices_for(request.user), pk=npk)
    require_perm(request.user, "questions.acknowledge_supervision", notice)
    form = AcknowledgeForm(request.POST, auto_id=f"id_ack{notice.pk}_%s")
    if form.is_valid():
        try:
            acknowledge_supervision_notice(notice, actor=request.user, note=form.cleaned_data["note"])
        except QuestionsRefused as refused:
            return render_notices(request, status=400, bound={notice.pk: form}, errors={notice.pk: str(refused)})
        messages.success(request, _("已签收督办通知，区政府办会收到您的说明。"))
        return redirect(f"{reverse('backoffice:supervision-list')}#notice-{notice.pk}")
    return render_notices(request, status=400, bound={notice.pk: form}, errors={notice.pk: _("请检查签收说明。")})
