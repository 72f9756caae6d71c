"""A failed CSRF check, in Chinese, and without losing a question that was being asked.

The check fails when the form's page was open longer than its token lives, or when the browser
withheld the CSRF cookie (a cross-site frame with SameSite=Lax cookies: see PORTAL_CSRF_COOKIE_SAMESITE).
The asker then gets the interview's page back with everything typed and a fresh token.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _lazy

from portal.website.question_box import NON_FIELD, AskForm, question_box
from portal.website.views.interviews import public_interview_or_404, render_interview

KEPT = _lazy(
    "页面的安全验证已失效（页面打开时间过长，或浏览器阻止了本站的 Cookie）。您填写的内容已保留，请核对后再次提交。"
)


def csrf_failure(request, reason: str = ""):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "website:question-ask":
        try:
            interview = public_interview_or_404(match.kwargs["pk"])
        except Http404:
            interview = None
        if interview is not None:
            form = AskForm.from_post(request.POST)
            form.refuse({NON_FIELD: [str(KEPT)]})
            box = question_box(request, interview, form=form)
            if box.accepts:
                return render_interview(request, interview, box=box, status=403)
    return render(request, "403_csrf.html", status=403)
