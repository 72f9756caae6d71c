"""The lead unit's view of the collected questions by group, where it picks the representative questions
the script will ask and links each to the netizen questions it stands for (shown both ways)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import RepresentativeForm
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.interviews.models import Interview
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question, RepresentativeQuestion
from portal.questions.queries import collected_questions_by_group
from portal.questions.services.representatives import (
    create_representative_question,
    remove_representative_question,
    reorder_representative_questions,
    update_representative_question,
)

TEMPLATE = "backoffice/questions/representatives.html"
SORTS = {"size": _("按提问人数"), "support": _("按关注人数"), "category": _("按分类")}


def _url(interview: Interview) -> str:
    return reverse("backoffice:representatives", args=[interview.pk])


def _choices(groups) -> list[tuple[int, str]]:
    return [(q.pk, f"{q.formatted_receipt_code} {q.public_text[:60]}") for group in groups for q in group.questions]


def _sorted(groups, sort: str):
    if sort == "support":
        return sorted(groups, key=lambda g: (-g.support, -g.size))
    if sort == "category":
        return sorted(groups, key=lambda g: (g.main_category == "", g.main_category, -g.size))
    return groups


def _render(request, interview: Interview, *, status=200, form=None, error="") -> TemplateResponse:
    user = request.user
    require_perm(user, "questions.view_question", interview)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "size"
    groups = _sorted(collected_questions_by_group(interview, user), sort)
    form = form or RepresentativeForm(questions=_choices(groups), auto_id="id_rep_%s")
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "groups": groups,
        "sort": sort,
        "sorts": SORTS.items(),
        "representatives": list(interview.representative_questions.prefetch_related("questions")),
        "can_pick": user.has_perm("questions.pick_representatives", interview),
        "form": form,
        "checked": {str(pk) for pk in form.data.getlist("questions")} if form.is_bound else set(),
        "error": error,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _linked(interview: Interview, user, ids) -> list[Question]:
    return list(Question.objects.visible_to(user).filter(interview=interview, pk__in=ids))


@require_http_methods(["GET", "POST"])
@staff_required
def representatives(request, pk):
    interview = visible_interview(request, pk)
    if request.method == "GET":
        return _render(request, interview)
    require_perm(request.user, "questions.pick_representatives", interview)
    groups = collected_questions_by_group(interview, request.user)
    form = RepresentativeForm(request.POST, questions=_choices(groups), auto_id="id_rep_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            rep = create_representative_question(
                interview,
                actor=request.user,
                text=data["text"],
                questions=_linked(interview, request.user, data["questions"]),
            )
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("已添加第%(n)s个代表性问题。") % {"n": rep.order})
            return redirect(f"{_url(interview)}#rep-{rep.pk}")
    return _render(request, interview, status=400, form=form)


@require_http_methods(["GET", "POST"])
@staff_required
def representative_edit(request, pk, rpk):
    interview = visible_interview(request, pk)
    rep = get_object_or_404(RepresentativeQuestion, pk=rpk, interview=interview)
    require_perm(request.user, "questions.pick_representatives", interview)
    choices = _choices(collected_questions_by_group(interview, request.user))
    status = 200
    if request.method == "POST":
        form = RepresentativeForm(request.POST, questions=choices)
        if form.is_valid():
            data = form.cleaned_data
            linked = _linked(interview, request.user, data["questions"])
            try:
                update_representative_question(rep, actor=request.user, text=data["text"], questions=linked)
            except QuestionsRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("第%(n)s个代表性问题已保存。") % {"n": rep.order})
                return redirect(f"{_url(interview)}#rep-{rep.pk}")
        status = 400
    else:
        initial = {"text": rep.text, "questions": list(rep.questions.values_list("pk", flat=True))}
        form = RepresentativeForm(questions=choices, initial=initial)
    context = {"nav": "interviews", "interview": interview, "rep": rep, "form": form, "shows_demo": interview.is_demo}
    return TemplateResponse(request, "backoffice/questions/representative_form.html", context, status=status)


@require_POST
@staff_required
def representative_move(request, pk, rpk):
    interview = visible_interview(request, pk)
    rep = get_object_or_404(RepresentativeQuestion, pk=rpk, interview=interview)
    require_perm(request.user, "questions.pick_representatives", interview)
    ordered = list(interview.representative_questions.order_by("order", "pk").values_list("pk", flat=True))
    index = ordered.index(rep.pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    if 0 <= index + step < len(ordered):
        ordered[index], ordered[index + step] = ordered[index + step], ordered[index]
    try:
        reorder_representative_questions(interview, actor=request.user, ordered=ordered)
    except QuestionsRefused as refused:
        return _render(request, interview, status=400, error=str(refused))
    messages.success(request, _("顺序已调整。"))
    return redirect(f"{_url(interview)}#rep-{rep.pk}")


@require_POST
@staff_required
def representative_remove(request, pk, rpk):
    interview = visible_interview(request, pk)
    rep = get_object_or_404(RepresentativeQuestion, pk=rpk, interview=interview)
    require_perm(request.user, "questions.pick_representatives", interview)
    try:
        remove_representative_question(rep, actor=request.user)
    except QuestionsRefused as refused:
        return _render(request, interview, status=400, error=str(refused))
    messages.success(request, _("已删除代表性问题；对应的网友提问不受影响。"))
    return redirect(f"{_url(interview)}#selected")
