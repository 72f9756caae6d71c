"""Submission, the revision history, one revision with its two reviews, and the review itself."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.script_forms import CompareForm, ReviewForm, SubmitForm
from portal.backoffice.views.common import audit_entries
from portal.backoffice.views.scripts.common import require_perm, script_revision, viewable_script
from portal.backoffice.views.scripts.editing import render_script
from portal.scripts.enums import ReviewCenter
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import ScriptRevision
from portal.scripts.queries import revisions_of
from portal.scripts.services.review import decide_review, submit_script


def revision_url(interview, number: int) -> str:
    return reverse("backoffice:script-revision", args=[interview.pk, number])


@require_POST
@staff_required
def script_submit(request, pk):
    interview, script = viewable_script(request, pk)
    final = request.POST.get("final") == "1"
    require_perm(request.user, "scripts.submit_final" if final else "scripts.submit_script", script)
    form = SubmitForm(request.POST, auto_id="id_submit_%s")
    if form.is_valid():
        try:
            revision = submit_script(interview, actor=request.user, final=final, note=form.cleaned_data["note"])
        except ScriptRefused as refused:
            form.add_error(None, str(refused))
        else:
            if revision.is_late:
                messages.warning(
                    request,
                    _("定稿已提交（第%(n)s版），晚于截止日期%(due)s，已标记为逾期。")
                    % {"n": revision.number, "due": revision.final_due_date.isoformat()},
                )
            else:
                messages.success(
                    request,
                    _("第%(n)s版已提交，区城市数字治理中心和区融媒体中心将同时审核。") % {"n": revision.number},
                )
            return redirect(revision_url(interview, revision.number))
    return render_script(request, pk, status=400, submit_form=form)


@staff_required
def revision_list(request, pk):
    interview, script = viewable_script(request, pk)
    revisions = revisions_of(script)
    numbers = [revision.number for revision in revisions]
    initial = {"old": numbers[1], "new": numbers[0]} if len(numbers) >= 2 else {}
    compare_form = CompareForm(numbers=numbers, initial=initial)
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "revisions": revisions,
        "compare_form": compare_form,
        "now": timezone.now(),
    }
    return TemplateResponse(request, "backoffice/scripts/revisions.html", context)


def _review_for(user, revision: ScriptRevision):
    """The pending review of this revision that the user may decide (their own center's), if any."""
    for review in revision.reviews.all():
        if review.is_pending and user.has_perm("scripts.review_script", review):
            return review
    return None


def render_revision(request, pk: int, number: int, *, status=200, form=None, review=None) -> TemplateResponse:
    """The revision with its reviews; ``form`` and ``review``: a refused review, shown again with its message."""
    interview, script = viewable_script(request, pk)
    wanted = script_revision(script, number)
    revision = next(r for r in revisions_of(script) if r.pk == wanted.pk)
    doc = revision.as_document()
    reviews = list(revision.reviews.all())
    own = review or _review_for(request.user, revision)
    keys = [item.key for item in doc.items]
    if own is not None and form is None:
        form = ReviewForm(item_keys=keys, auto_id="id_review_%s")
    comments_by_item: dict[str, list] = {}
    for review in reviews:
        for comment in review.comments.all():
            comments_by_item.setdefault(comment.item_key, []).append((review, comment))
    items = [
        {
            "number": number,
            "item": item,
            "comments": comments_by_item.get(item.key, []),
            "field": form.item_field(item.key) if form is not None and own is not None else None,
        }
        for number, item in enumerate(doc.items, start=1)
    ]
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "revision": revision,
        "doc": doc,
        "items": items,
        "reviews": reviews,
        "whole_comments": comments_by_item.get("", []),
        "own_review": own,
        "form": form if own is not None else None,
        "now": timezone.now(),
        "audit_entries": [e for e in audit_entries(interview) if e.action.startswith("scripts.")],
        "full_log": request.user.has_perm("audit.view_full_log"),
    }
    return TemplateResponse(request, "backoffice/scripts/revision.html", context, status=status)


@staff_required
def revision_detail(request, pk, number):
    return render_revision(request, pk, number)


@require_http_methods(["POST"])
@staff_required
def revision_review(request, pk, number, center):
    interview, script = viewable_script(request, pk)
    revision = script_revision(script, number)
    review = revision.reviews.filter(center=center).first() if center in ReviewCenter.values else None
    if review is None:
        return redirect(revision_url(interview, number))
    require_perm(request.user, "scripts.review_script", review)
    form = ReviewForm(request.POST, item_keys=[i.key for i in revision.as_document().items], auto_id="id_review_%s")
    if form.is_valid():
        try:
            decide_review(
                review,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
                item_comments=form.item_comments(),
            )
        except ScriptRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("%(center)s对第%(n)s版的审核意见已提交。") % {"center": review.get_center_display(), "n": number},
            )
            return redirect(revision_url(interview, number))
    return render_revision(request, pk, number, status=400, form=form, review=review)
