"""The moderation queue (数字治理中心): one interview's questions, or every interview's, filtered and paged.

Row forms post with the queue's own query string (filters, page and ``queue``), so a refusal can show the
same page again with the message on the row, and a success comes back to the same filtered page.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import BulkForm, RejectForm, reason_choices
from portal.backoffice.views.common import int_param
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import label_screening, require_perm
from portal.interviews.models import Interview
from portal.questions.enums import QuestionState, Via
from portal.questions.models import Category, Question
from portal.questions.queries import moderation_counts, moderation_queue, with_staff_details

QUEUE_TEMPLATE = "backoffice/questions/queue.html"
PAGE_SIZE = 30
QUERY_MAX = 100
# Filter value → (queue keyword, label, key of moderation_counts() for the waiting ones).
FLAGS = {
    "personal": ("has_personal_data", "含个人信息", "pending_personal_data"),
    "sensitive": ("has_sensitive_words", "含敏感词", "pending_sensitive_words"),
    "spam": ("looks_like_spam", "疑似垃圾信息", "pending_spam"),
}
FILTER_KEYS = ("state", "category", "group", "flag", "via", "q", "page")


@dataclass
class Filters:
    state: str = QuestionState.PENDING
    category: int | None = None
    group: int | None = None
    flag: str = ""
    via: str = ""
    q: str = ""
    page: str = "1"

    @classmethod
    def from_query(cls, query: QueryDict) -> "Filters":
        state = query.get("state") or QuestionState.PENDING
        flag, via = query.get("flag", ""), query.get("via", "")
        return cls(
            state=state if state in {*QuestionState.values, "all"} else QuestionState.PENDING,
            category=int_param(query.get("category")),
            group=int_param(query.get("group")),
            flag=flag if flag in FLAGS else "",
            via=via if via in Via.values else "",
            q=(query.get("q") or "").strip()[:QUERY_MAX],
            page=query.get("page") or "1",
        )

    def query(self, **changes) -> str:
        """The query string of these filters with ``changes``; empty values are left out."""
        values = {key: getattr(self, key) for key in FILTER_KEYS} | changes
        if values.get("page") in ("1", 1):
            values.pop("page")
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                query[key] = str(value)
        return query.urlencode()

    @property
    def base_query(self) -> str:
        """These filters without the page: what links to another page or selection append to."""
        return self.query(page="")

    def queue_kwargs(self) -> dict:
        kwargs = {
            "state": None if self.state == "all" else self.state,
            "category_id": self.category,
            "group_id": self.group,
            "via": self.via or None,
            "query": self.q,
        }
        if self.flag:
            kwargs[FLAGS[self.flag][0]] = True
        return kwargs


def parse_queue(value: str | None) -> str | None:
    """Which queue a row form came from: "all", an interview id, or None (the question's own page)."""
    if value == "all" or (value or "").isdigit():
        return value
    return None


def queue_url(queue: str) -> str:
    if queue == "all":
        return reverse("backoffice:question-queue-all")
    return reverse("backoffice:question-queue", args=[int(queue)])


def queue_interview(request, queue: str) -> Interview | None:
    return None if queue == "all" else visible_interview(request, int(queue))


def staff_rows(questions) -> list[Question]:
    rows = list(questions)
    label_screening(rows)
    return rows


def fresh_row(question: Question) -> Question:
    """One question as a queue row shows it (after an action, for the htmx swap)."""
    return staff_rows(with_staff_details(Question.objects.filter(pk=question.pk)).select_related("interview"))[0]


def row_context(request, question: Question, *, queue: str, reasons, form=None, error="", done="") -> dict:
    filters = Filters.from_query(request.GET)
    question.reject_form = form or RejectForm(reasons=reasons)
    question.reject_form.auto_id = f"id_q{question.pk}_%s"
    question.error, question.done = error, done
    return {
        "q": question,
        "queue_query": f"{filters.query()}&queue={queue}".lstrip("&"),
        "show_interview": queue == "all",
        "can_moderate": True,
        "selected": set(),
    }


def _interviews_overview(user) -> list[dict]:
    """Every interview with questions, with how many wait: the way into each interview's queue."""
    counts = (
        Question.objects.visible_to(user)
        .values("interview_id")
        .annotate(total=Count("id"), pending=Count("id", filter=Q(state=QuestionState.PENDING)))
        .order_by()
    )
    by_id = {row["interview_id"]: row for row in counts}
    interviews = Interview.objects.filter(pk__in=by_id).select_related("lead_unit").order_by("-year", "-pk")
    return [{"interview": i, **by_id[i.pk]} for i in interviews]


def render_queue(
    request, interview: Interview | None, *, status: int = 200, row_errors=None, bulk_form=None
) -> TemplateResponse:
    user = request.user
    require_perm(user, "questions.moderate_question", interview)
    filters = Filters.from_query(request.GET)
    queue = "all" if interview is None else str(interview.pk)
    questions = moderation_queue(user, interview=interview, **filters.queue_kwargs()).select_related("interview")
    page = Paginator(questions, PAGE_SIZE).get_page(filters.page)
    rows = staff_rows(page.object_list)
    reasons = reason_choices()
    row_errors = row_errors or {}
    for question in rows:
        error, form = row_errors.get(question.pk, ("", None))
        row_context(request, question, queue=queue, reasons=reasons, form=form, error=error)
    counts = moderation_counts(user, interview)
    if bulk_form is not None:
        selected = {str(pk) for pk in bulk_form.data.getlist("questions")}
    else:
        selected = {str(q.pk) for q in rows} if request.GET.get("select") == "all" else set()
    orphan_errors = [error for pk, (error, _form) in row_errors.items() if pk not in {q.pk for q in rows}]
    context = {
        "nav": "questions",
        "interview": interview,
        "shows_demo": bool(interview and interview.is_demo),
        "filters": filters,
        "queue": queue,
        "queue_query": f"{filters.query()}&queue={queue}".lstrip("&"),
        "tabs": [
            {"value": value, "label": label, "count": counts[key], "query": filters.query(state=value, page="")}
            for value, label, key in [*((v, lab, v) for v, lab in QuestionState.choices), ("all", "全部", "total")]
        ],
        "flags": [{"value": key, "label": label, "count": counts[count]} for key, (_f, label, count) in FLAGS.items()],
        "counts": counts,
        "page": page,
        "rows": rows,
        "reasons": reasons,
        "categories": list(Category.objects.all()),
        "vias": Via.choices,
        "selected": selected,
        "select_all_query": filters.query(select="all"),
        "bulk_form": bulk_form or BulkForm(reasons=reasons, initial={"action": "approve"}),
        "orphan_errors": orphan_errors,
        "show_interview": interview is None,
        "can_moderate": True,
        "overview": _interviews_overview(user) if interview is None else [],
    }
    return TemplateResponse(request, QUEUE_TEMPLATE, context, status=status)


@staff_required
def question_queue(request, pk):
    return render_queue(request, visible_interview(request, pk))


@staff_required
def question_queue_all(request):
    return render_queue(request, None)
