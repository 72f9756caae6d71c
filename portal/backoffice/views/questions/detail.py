"""One question's page: its text (the original for moderators only), screening, group, history and every
action on it. Built for a GET, and again with the bound form for a refused POST."""

from django.core.cache import cache
from django.template.response import TemplateResponse

from portal.accounts.models import Unit
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
from portal.backoffice.views.common import audit_entries
from portal.backoffice.views.questions.common import label_screening, require_perm, visible_question
from portal.interviews.models import Interview
from portal.questions.enums import MODERATABLE_STATES, QuestionState
from portal.questions.models import Answer, Question
from portal.questions.queries import group_members, question_history, suggested_topic_tags, with_staff_details

DETAIL_TEMPLATE = "backoffice/questions/detail.html"
CANDIDATES_SHOWN = 30
SUGGESTIONS_SECONDS = 600


def _choice_label(question: Question) -> str:
    text = question.public_text
    return (
        f"{question.formatted_receipt_code}（{question.get_state_display()}）{text[:40]}{'…' if len(text) > 40 else ''}"
    )


def target_candidates(question: Question, user, *, other_groups: bool = False) -> list[tuple[int, str]]:
    """Questions to merge into (same group first) or whose group to join (other groups): id and label."""
    scope = (
        Question.objects.visible_to(user)
        .filter(interview_id=question.interview_id, state__in=MODERATABLE_STATES)
        .exclude(pk=question.pk)
    )
    if other_groups:
        found = list(scope.exclude(group_id=question.group_id).order_by("-support_count", "-pk")[:CANDIDATES_SHOWN])
    else:
        same = list(scope.filter(group_id=question.group_id).order_by("pk")[:CANDIDATES_SHOWN])
        rest = scope.exclude(group_id=question.group_id).exclude(pk__in=[q.pk for q in same])
        found = same + list(rest.order_by("-support_count", "-pk")[: CANDIDATES_SHOWN - len(same)])
    return [(q.pk, _choice_label(q)) for q in found]


def unit_choices(interview: Interview):
    return Unit.objects.filter(pk__in={interview.lead_unit_id, *interview.co_unit_ids} - {None})


def tag_suggestions(interview: Interview) -> list[str]:
    """Keyword suggestions for the interview's topic tags, kept a few minutes (they read every question)."""
    key = f"backoffice:tag-suggestions:{interview.pk}:{Question.objects.filter(interview=interview).count()}"
    key += f":{interview.topic_tags.count()}"
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = suggested_topic_tags(interview)
        cache.set(key, suggestions, SUGGESTIONS_SECONDS)
    return suggestions


def _forms(question: Question, user, can: dict, bound: dict) -> dict:
    interview = question.interview
    forms = {}
    if can["moderate"]:
        forms["reject"] = bound.get("reject") or RejectForm(reasons=reason_choices())
        forms["merge"] = bound.get("merge") or MergeForm(candidates=target_candidates(question, user))
        forms["move"] = bound.get("move") or MoveGroupForm(
            candidates=target_candidates(question, user, other_groups=True)
        )
        forms["forward"] = bound.get("forward") or ForwardForm()
        category = question.category_id or question.suggested_category_id
        forms["category"] = bound.get("category") or CategoryForm(initial={"category": category})
    if can["tags"]:
        tags = list(interview.topic_tags.values_list("pk", "name"))
        forms["tags"] = bound.get("tags") or TagsForm(
            tags=tags, suggestions=tag_suggestions(interview), initial={"tags": [t.pk for t in question.tags.all()]}
        )
    if can["assign"]:
        forms["unit"] = bound.get("unit") or UnitForm(
            units=unit_choices(interview), initial={"unit": question.responsible_unit_id or interview.lead_unit_id}
        )
    for name, form in forms.items():
        form.auto_id = f"id_{name}_%s"
    return forms


def render_question(request, question: Question, *, status: int = 200, forms=None, errors=None) -> TemplateResponse:
    user = request.user
    require_perm(user, "questions.view_question", question)
    question = with_staff_details(Question.objects.filter(pk=question.pk)).select_related("interview", "group").get()
    label_screening([question])
    interview = question.interview
    can = {
        "moderate": user.has_perm("questions.moderate_question", question),
        "tags": user.has_perm("questions.manage_topic_tags", question),
        "assign": user.has_perm("questions.assign_question", question),
        "answer": user.has_perm("questions.answer_question", question),
        "full_log": user.has_perm("audit.view_full_log"),
    }
    moderatable = question.state in MODERATABLE_STATES
    context = {
        "nav": "questions",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "question": question,
        "can": can,
        "moderatable": moderatable,
        "is_rejected": question.state == QuestionState.REJECTED,
        "forms": _forms(question, user, can, forms or {}),
        "errors": errors or {},
        "members": [q for q in group_members(question, user) if q.pk != question.pk],
        "merged": list(question.merged.order_by("pk")),
        "representatives": list(question.representatives.all()),
        "answer": Answer.objects.filter(question=question).select_related("unit").first(),
        "history": question_history(question),
        "audit_entries": audit_entries(question),
    }
    return TemplateResponse(request, DETAIL_TEMPLATE, context, status=status)


@staff_required
def question_detail(request, qpk):
    return render_question(request, visible_question(request, qpk))
