"""Helpers shared by the netizen-question screens: scoped look-ups, permission checks, labels, going back."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from portal.questions.models import Question
from portal.questions.textproc.screening import FINDING_LABELS

# questions.textproc.screening.spam_signals() codes, in words.
SPAM_LABELS = {
    "repeated_chars": "重复字符",
    "same_text_repeated": "内容重复",
    "link": "含网址链接",
    "advertising": "广告用语",
    "too_many_digits": "数字过多",
    "no_chinese": "不含中文",
}


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def visible_question(request, qpk: int) -> Question:
    """The question if its interview is one the user sees; 404 otherwise, so that nothing leaks."""
    queryset = Question.objects.visible_to(request.user).select_related("interview", "group", "asker")
    return get_object_or_404(queryset, pk=qpk)


def label_screening(questions) -> None:
    """Give each question ``finding_labels`` and ``spam_labels``: what screening found, in words."""
    for question in questions:
        kinds = dict.fromkeys(finding.get("kind") for finding in question.findings or [])
        question.finding_labels = [FINDING_LABELS.get(kind, kind) for kind in kinds if kind]
        question.spam_labels = [SPAM_LABELS.get(code, code) for code in question.spam_signals or []]


def back_to(request, default: str):
    """Redirect to the page the form came from (``next``, same site only), else to ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def question_url(question: Question) -> str:
    return reverse("backoffice:question-detail", args=[question.pk])
