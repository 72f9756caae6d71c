"""Written answers: the responsible unit's questions to answer and its drafts; 数字治理中心's check.

Answered live is set by the live console; these screens only show that state.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import AnswerForm, CheckForm
from portal.backoffice.views.questions.common import require_perm, visible_question
from portal.questions.enums import AnswerKind
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Answer
from portal.questions.queries import answers_to_check, is_answer_overdue, questions_to_answer, supervision_notices_for
from portal.questions.services.answers import EDITABLE_ANSWER_STATES, check_answer, save_answer


@staff_required
def answer_list(request):
    today = timezone.localdate()
    questions = list(questions_to_answer(request.user).prefetch_related("interview__steps"))
    for question in questions:
        question.due = question.answers_due()
        question.overdue = is_answer_overdue(question, today)
        question.draft = getattr(question, "answer", None)
    context = {
        "nav": "answers",
        "questions": questions,
        "overdue_count": sum(q.overdue for q in questions),
        "can_check": request.user.has_perm("questions.check_answer"),
        "open_notices": supervision_notices_for(request.user).filter(acknowledged_at__isnull=True).count(),
    }
    return TemplateResponse(request, "backoffice/questions/answers.html", context)


def _answer_context(request, question, form, status=200):
    answer = Answer.objects.filter(question=question).select_related("unit", "checked_by").first()
    context = {
        "nav": "answers",
        "interview": question.interview,
        "shows_demo": question.interview.is_demo,
        "question": question,
        "answer": answer,
        "editable": answer is None or answer.state in EDITABLE_ANSWER_STATES,
        "due": question.answers_due(),
        "overdue": is_answer_overdue(question),
        "form": form,
    }
    return TemplateResponse(request, "backoffice/questions/answer_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def answer_edit(request, qpk):
    question = visible_question(request, qpk)
    if question.merged_into_id:  # a merged question is answered through the one it joined
        return redirect("backoffice:answer-edit", qpk=question.merged_into_id)
    if not request.user.has_perm("questions.answer_question", question):
        raise PermissionDenied
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                save_answer(question, actor=request.user, submit=submit, **form.cleaned_data)
            except QuestionsRefused as refused:
                form.add_error(None, str(refused))
            else:
                message = _("答复已提交，等待区城市数字治理中心审核。") if submit else _("答复草稿已保存。")
                messages.success(request, message)
                return redirect("backoffice:answer-edit", qpk=question.pk)
        return _answer_context(request, question, form, status=400)
    answer = Answer.objects.filter(question=question).first()
    initial = {"kind": answer.kind, "body": answer.body} if answer else {"kind": AnswerKind.WRITTEN}
    return _answer_context(request, question, AnswerForm(initial=initial))


def render_check_list(request, *, status=200, errors=None, bound=None):
    require_perm(request.user, "questions.check_answer")
    answers = list(answers_to_check())
    listed = {answer.question_id for answer in answers}
    for answer in answers:
        answer.error = (errors or {}).get(answer.question_id, "")
        answer.form = (bound or {}).get(answer.question_id) or CheckForm()
        answer.form.auto_id = f"id_check{answer.pk}_%s"
    orphans = [error for question_id, error in (errors or {}).items() if question_id not in listed]
    context = {"nav": "answers", "answers": answers, "orphan_errors": orphans}
    return TemplateResponse(request, "backoffice/questions/answer_check.html", context, status=status)


@staff_required
def answer_check_list(request):
    return render_check_list(request)


@require_POST
@staff_required
def answer_check(request, qpk):
    question = visible_question(request, qpk)
    require_perm(request.user, "questions.check_answer", question)
    form = CheckForm(request.POST)
    publish = request.POST.get("decision") == "publish"
    if form.is_valid():
        try:
            check_answer(question, actor=request.user, publish=publish, note=form.cleaned_data["note"])
        except QuestionsRefused as refused:
            return render_check_list(request, status=400, errors={question.pk: str(refused)}, bound={question.pk: form})
        code = question.formatted_receipt_code
        if publish:
            messages.success(request, _("%(code)s的答复已发布，已告知提问的网友。") % {"code": code})
        else:
            messages.success(request, _("%(code)s的答复已退回答复单位。") % {"code": code})
        return redirect("backoffice:answer-check-list")
    return render_check_list(
        request, status=400, errors={question.pk: _("请检查审核意见。")}, bound={question.pk: form}
    )
