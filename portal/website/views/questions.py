"""Netizens ask (on the preview page, or on the page while live), verify their mobile first if asked to, and
support (“我也关注”) published questions. Every form works without JavaScript; htmx only updates in place.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal.interviews.models import Interview
from portal.questions.exceptions import IntakeRefused, VerificationRefused
from portal.questions.models import Question
from portal.questions.services.identity import send_verification_code, verify_code
from portal.questions.services.intake import submit_question
from portal.questions.services.support import support_question
from portal.website.clients import SUPPORT_RATE, over_limit, request_client_key
from portal.website.question_box import (
    HONEYPOT,
    IDENTITY_COOKIE,
    NON_FIELD,
    AskForm,
    box_mode,
    identity_ticket,
    question_box,
)
from portal.website.question_list import decorate
from portal.website.views.common import public_interviews
from portal.website.views.interviews import public_interview_or_404, render_interview

SUBMITTED = _lazy("您的问题已提交，正在等待审核。请记下下面的查询码。")
VERIFIED = _lazy("手机号码验证成功，请填写您的问题。号码不会公开。")


@require_POST
def ask(request, pk: int):
    """The question form: the domain decides; a refusal comes back with everything typed and each reason."""
    # The service reads the interview (among the public ones) and what it checks in one query; the
    # page's details are loaded only to show a refusal.
    form = AskForm.from_post(request.POST)
    try:
        question = submit_question(
            interview=Interview(pk=pk),
            scope=Interview.objects.public(),
            nickname=form.values["nickname"],
            text=form.values["text"],
            contact=form.values["contact"],
            consent=form.checks["consent"],
            real_name=form.values["real_name"],
            show_real_name=form.checks["show_real_name"],
            client_key=request_client_key(request),
            challenge_token=request.POST.get("challenge_token", ""),
            challenge_answer=form.values["challenge_answer"],
            honeypot=request.POST.get(HONEYPOT, ""),
            identity_ticket=identity_ticket(request),
        )
    except Interview.DoesNotExist:
        raise Http404("访谈不存在或尚未发布") from None
    except IntakeRefused as refused:
        form.refuse(refused.errors)
        interview = public_interview_or_404(pk)
        box = question_box(request, interview, form=form)
        if not box.accepts:  # too late (or cancelled meanwhile): say so, and give back what was typed
            box.mode = box.mode or "closed"
            box.closed_message, box.kept_text = refused.message, form.values["text"]
        return render_interview(request, interview, box=box, status=400)
    messages.success(request, SUBMITTED)
    # An explicit fragment: without one the browser would carry the form's "#ask" over to the receipt.
    return redirect(reverse("website:question-receipt", args=[question.receipt_code]) + "#main")


def _remember_identity(response, ticket: str):
    response.set_cookie(
        IDENTITY_COOKIE,
        ticket,
        max_age=settings.PORTAL_IDENTITY_TICKET_MAX_AGE_SECONDS,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_POST
def verify(request, pk: int):
    """后台实名 by SMS, in two steps that work without JavaScript: send a code, then check it.

    The mobile and code fields sit at the top of the question form (their buttons post here), so
    whatever the asker has typed in the question comes back with every step.
    """
    interview = public_interview_or_404(pk)
    if box_mode(interview, timezone.now()) not in ("open", "live"):
        return redirect(f"{interview.get_absolute_url()}#ask")
    form = AskForm.from_post(request.POST)
    mobile = request.POST.get("mobile", "").strip()
    checking = request.POST.get("action") == "check"
    step = "code" if request.POST.get("step") == "code" else "mobile"
    try:
        if checking:
            ticket = verify_code(mobile=mobile, code=request.POST.get("sms_code", ""))
        else:
            send_verification_code(mobile=mobile, client_key=request_client_key(request))
    except VerificationRefused as refused:
        errors = {NON_FIELD if key == "__all__" else key: list(value) for key, value in refused.errors.items()}
        step = "mobile" if "mobile" in errors else ("code" if checking else step)
        box = question_box(request, interview, form=form, sms_step=step, mobile=mobile, verify_errors=errors)
        return render_interview(request, interview, box=box, status=400)
    if not checking:
        box = question_box(request, interview, form=form, sms_step="code", mobile=mobile, code_sent=True)
        return render_interview(request, interview, box=box)
    if form.has_values:  # keep the question typed so far: show the form again rather than redirect
        box = question_box(request, interview, form=form, verified=True, just_verified=True)
        return _remember_identity(render_interview(request, interview, box=box), ticket)
    messages.success(request, VERIFIED)
    return _remember_identity(redirect(f"{interview.get_absolute_url()}#ask"), ticket)


def _back_to(request, question: Question) -> str:
    candidate = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        candidate = question.interview.get_absolute_url()
    return f"{candidate.split('#')[0]}#q-{question.pk}"


@require_POST
def support(request, pk: int):
    """“我也关注”, once per person (the domain enforces it). htmx gets the block back; others a redirect."""
    question = get_object_or_404(Question.objects.published().select_related("interview"), pk=pk)
    if not public_interviews().filter(pk=question.interview_id).exists():
        raise Http404("访谈不存在或尚未发布")
    status, level = 200, messages.SUCCESS
    if over_limit(request, "website.support", SUPPORT_RATE):
        note, status, level = "操作过于频繁，请稍后再试。", 429, messages.ERROR
        supported = False
    else:
        try:
            added = support_question(question, client_key=request_client_key(request))
        except IntakeRefused as refused:
            note, status, level, added = refused.message, 400, messages.ERROR, False
        else:
            note = "感谢关注！" if added else "您已经关注过这个问题。"
            level = messages.SUCCESS if added else messages.INFO
        supported = status == 200
    question.refresh_from_db(fields=["support_count"])
    decorate(question, {question.pk} if supported else set())
    if request.headers.get("HX-Request") == "true":
        context = {"question": question, "note": note, "next": request.POST.get("next", "")}
        return TemplateResponse(request, "website/questions/support_response.html", context, status=status)
    messages.add_message(request, level, note)
    return redirect(_back_to(request, question))
