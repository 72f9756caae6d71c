"""Moderation writes, from a queue row or from the question's page: each calls one service.

A success goes back where the form was (with a message, or, from htmx, the row alone); a refusal shows
that page again with the message beside the form and what was typed kept (status 400; an htmx row
answers 200 because htmx swaps only 2xx answers, and the row carries its own message).
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import (
    CategoryForm,
    ForwardForm,
    MergeForm,
    MoveGroupForm,
    RejectForm,
    TagsForm,
    UnitForm,
    reason_choices,
)
from portal.backoffice.views.common import is_htmx
from portal.backoffice.views.questions.common import question_url, require_perm, visible_question
from portal.backoffice.views.questions.detail import (
    render_question,
    tag_suggestions,
    target_candidates,
    unit_choices,
)
from portal.backoffice.views.questions.queue import (
    QUEUE_TEMPLATE,
    Filters,
    fresh_row,
    parse_queue,
    queue_interview,
    queue_url,
    render_queue,
    row_context,
)
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question, RejectionReason, TopicTag
from portal.questions.queries.public import normalise_receipt_code
from portal.questions.services.answers import assign_responsible_unit
from portal.questions.services.categories import add_topic_tag, confirm_category, set_question_tags
from portal.questions.services.grouping import move_question_to_group, split_question
from portal.questions.services.moderation import approve_question, forward_question, merge_question, reject_question

ROW = f"{QUEUE_TEMPLATE}#question-row"


def _done(request, question: Question, message: str):
    queue = parse_queue(request.GET.get("queue"))
    if queue and is_htmx(request):
        context = row_context(request, fresh_row(question), queue=queue, reasons=reason_choices(), done=message)
        return TemplateResponse(request, ROW, context)
    messages.success(request, message)
    if queue:
        return redirect(f"{queue_url(queue)}?{Filters.from_query(request.GET).query()}")
    return redirect(question_url(question))


def _refused(request, question: Question, name: str, message: str, form=None):
    queue = parse_queue(request.GET.get("queue"))
    reject_form = form if name == "reject" else None
    if queue and is_htmx(request):
        context = row_context(
            request, fresh_row(question), queue=queue, reasons=reason_choices(), form=reject_form, error=message
        )
        return TemplateResponse(request, ROW, context)
    if queue:
        errors = {question.pk: (message, reject_form)}
        return render_queue(request, queue_interview(request, queue), status=400, row_errors=errors)
    return render_question(request, question, status=400, forms={name: form} if form else None, errors={name: message})


def _form_message(form) -> str:
    """The first message of an invalid form, for a queue row (which shows one line)."""
    for errors in form.errors.values():
        return str(errors[0])
    return _("提交的内容有误，请检查后重试。")


def _moderator(request, qpk) -> Question:
    question = visible_question(request, qpk)
    require_perm(request.user, "questions.moderate_question", question)
    return question


def _in_interview(request, question: Question, data) -> Question | None:
    """The target a TargetForm names: by 查询码 or by id, among the same interview's questions the user sees."""
    scope = Question.objects.visible_to(request.user).filter(interview_id=question.interview_id)
    code = normalise_receipt_code(data.get("code") or "")
    if code:
        return scope.filter(receipt_code=code).first()
    return scope.filter(pk=data["target"]).first()


@require_POST
@staff_required
def question_approve(request, qpk):
    question = _moderator(request, qpk)
    try:
        approve_question(question, actor=request.user)
    except QuestionsRefused as refused:
        return _refused(request, question, "approve", str(refused))
    return _done(request, question, _("已审核通过：%(code)s") % {"code": question.formatted_receipt_code})


@require_POST
@staff_required
def question_reject(request, qpk):
    question = _moderator(request, qpk)
    form = RejectForm(request.POST, reasons=reason_choices())
    if not form.is_valid():
        return _refused(request, question, "reject", _form_message(form), form)
    reason = RejectionReason.objects.get(pk=form.cleaned_data["reason"])
    try:
        reject_question(question, actor=request.user, reason=reason, note=form.cleaned_data["note"])
    except QuestionsRefused as refused:
        return _refused(request, question, "reject", str(refused), form)
    return _done(request, question, _("已不予采纳：%(code)s（%(reason)s）") % {
        "code": question.formatted_receipt_code, "reason": reason.label,
    })  # fmt: skip


@require_POST
@staff_required
def question_merge(request, qpk):
    question = _moderator(request, qpk)
    form = MergeForm(request.POST, candidates=target_candidates(question, request.user))
    if not form.is_valid():
        return _refused(request, question, "merge", _form_message(form), form)
    target = _in_interview(request, question, form.cleaned_data)
    if target is None:
        return _refused(request, question, "merge", _("本期访谈中没有这个查询码的问题。"), form)
    try:
        merge_question(question, into=target, actor=request.user, note=form.cleaned_data["note"])
    except QuestionsRefused as refused:
        return _refused(request, question, "merge", str(refused), form)
    message = _("已将%(code)s合并到%(into)s，提问的网友都会收到答复。")
    return _done(
        request, question, message % {"code": question.formatted_receipt_code, "into": target.formatted_receipt_code}
    )


@require_POST
@staff_required
def question_forward(request, qpk):
    question = _moderator(request, qpk)
    form = ForwardForm(request.POST)
    if not form.is_valid():
        return _refused(request, question, "forward", _form_message(form), form)
    channel = form.cleaned_data["channel"]
    try:
        forward_question(question, actor=request.user, channel=channel, note=form.cleaned_data["note"])
    except QuestionsRefused as refused:
        return _refused(request, question, "forward", str(refused), form)
    return _done(request, question, _("已转办至%(channel)s：%(code)s") % {
        "channel": channel.name, "code": question.formatted_receipt_code,
    })  # fmt: skip


@require_POST
@staff_required
def question_split(request, qpk):
    question = _moderator(request, qpk)
    try:
        split_question(question, actor=request.user)
    except QuestionsRefused as refused:
        return _refused(request, question, "split", str(refused))
    return _done(request, question, _("已将%(code)s移出原分组，单独成组。") % {"code": question.formatted_receipt_code})


@require_POST
@staff_required
def question_move(request, qpk):
    question = _moderator(request, qpk)
    form = MoveGroupForm(request.POST, candidates=target_candidates(question, request.user, other_groups=True))
    if not form.is_valid():
        return _refused(request, question, "move", _form_message(form), form)
    target = _in_interview(request, question, form.cleaned_data)
    if target is None or target.group_id is None:
        return _refused(request, question, "move", _("本期访谈中没有这个查询码的问题。"), form)
    try:
        move_question_to_group(question, group=target.group, actor=request.user)
    except QuestionsRefused as refused:
        return _refused(request, question, "move", str(refused), form)
    message = _("已将%(code)s加入%(target)s所在的分组。")
    return _done(
        request, question, message % {"code": question.formatted_receipt_code, "target": target.formatted_receipt_code}
    )


@require_POST
@staff_required
def question_category(request, qpk):
    question = _moderator(request, qpk)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return _refused(request, question, "category", _form_message(form), form)
    try:
        confirm_category(question, actor=request.user, category=form.cleaned_data["category"])
    except QuestionsRefused as refused:
        return _refused(request, question, "category", str(refused), form)
    return _done(request, question, _("分类已确认为“%(name)s”。") % {"name": form.cleaned_data["category"].name})


@require_POST
@staff_required
def question_tags(request, qpk):
    question = visible_question(request, qpk)
    require_perm(request.user, "questions.manage_topic_tags", question)
    interview = question.interview
    tags = list(interview.topic_tags.values_list("pk", "name"))
    form = TagsForm(request.POST, tags=tags, suggestions=tag_suggestions(interview))
    if not form.is_valid():
        return _refused(request, question, "tags", _form_message(form), form)
    try:
        with transaction.atomic():
            chosen = list(TopicTag.objects.filter(interview=interview, pk__in=form.cleaned_data["tags"]))
            for name in form.cleaned_data.get("new_tags", []):
                existing = TopicTag.objects.filter(interview=interview, name=name).first()
                chosen.append(existing or add_topic_tag(interview, actor=request.user, name=name))
            set_question_tags(question, actor=request.user, tags=chosen)
    except QuestionsRefused as refused:
        return _refused(request, question, "tags", str(refused), form)
    names = "、".join(tag.name for tag in chosen) or _("无")
    return _done(request, question, _("话题标签已设为：%(names)s") % {"names": names})


@require_POST
@staff_required
def question_unit(request, qpk):
    question = visible_question(request, qpk)
    require_perm(request.user, "questions.assign_question", question)
    form = UnitForm(request.POST, units=unit_choices(question.interview))
    if not form.is_valid():
        return _refused(request, question, "unit", _form_message(form), form)
    try:
        assign_responsible_unit(question, actor=request.user, unit=form.cleaned_data["unit"])
    except QuestionsRefused as refused:
        return _refused(request, question, "unit", str(refused), form)
    return _done(request, question, _("答复单位已改为%(unit)s，已通知该单位。") % {"unit": form.cleaned_data["unit"]})
