"""Representative questions: the lead unit picks the questions the script will ask, keeping the links."""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.models import Interview
from portal.questions.enums import QuestionState
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question, RepresentativeQuestion
from portal.questions.services.common import refuse_if_filed, require

TEXT_MAX = 1000


def _linked(interview: Interview, questions: Iterable[Question]) -> list[Question]:
    ids = {q.pk for q in questions}
    found = list(Question.objects.filter(pk__in=ids, interview=interview, state=QuestionState.PUBLISHED))
    if len(found) != len(ids):
        raise QuestionsRefused(_("只能关联本期访谈已发布的网友提问。"))
    return found


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise QuestionsRefused(_("请填写代表性问题。"))
    if len(text) > TEXT_MAX:
        raise QuestionsRefused(_("代表性问题不能超过%(n)s个字。") % {"n": TEXT_MAX})
    return text


@transaction.atomic
def create_representative_question(
    interview: Interview, *, actor, text: str, questions: Iterable[Question]
) -> RepresentativeQuestion:
    """A question as it will be asked on air, linked to the netizen questions it stands for."""
    require(actor, "questions.pick_representatives", interview)
    refuse_if_filed(interview)
    text, linked = _text(text), _linked(interview, questions)
    rep = RepresentativeQuestion.objects.create(
        interview=interview, text=text, order=interview.representative_questions.count() + 1, created_by=actor
    )
    rep.questions.set(linked)
    log_action(
        interview, "questions.representative.created", actor=actor, data={"title": text[:50], "rows": len(linked)}
    )
    return rep


@transaction.atomic
def update_representative_question(
    rep: RepresentativeQuestion, *, actor, text: str, questions: Iterable[Question]
) -> RepresentativeQuestion:
    require(actor, "questions.pick_representatives", rep.interview)
    refuse_if_filed(rep.interview)
    rep.text, linked = _text(text), _linked(rep.interview, questions)
    rep.save(update_fields=["text", "updated_at"])
    rep.questions.set(linked)
    log_action(
        rep.interview,
        "questions.representative.updated",
        actor=actor,
        data={"title": rep.text[:50], "rows": len(linked)},
    )
    return rep


@transaction.atomic
def reorder_representative_questions(interview: Interview, *, actor, ordered: Sequence[int]) -> None:
    """Put the representative questions in the order of ``ordered`` (their ids, every one of them)."""
    require(actor, "questions.pick_representatives", interview)
    refuse_if_filed(interview)
    reps = {rep.pk: rep for rep in interview.representative_questions.all()}
    if sorted(ordered) != sorted(reps):
        raise QuestionsRefused(_("排序须包含本期访谈的全部代表性问题。"))
    for position, pk in enumerate(ordered, start=1):
        reps[pk].order = position
    RepresentativeQuestion.objects.bulk_update(reps.values(), ["order"])
    log_action(interview, "questions.representative.reordered", actor=actor, data={"rows": len(ordered)})


@transaction.atomic
def remove_representative_question(rep: RepresentativeQuestion, *, actor) -> None:
    interview = rep.interview
    require(actor, "questions.pick_representatives", interview)
    refuse_if_filed(interview)
    log_action(interview, "questions.representative.removed", actor=actor, data={"title": rep.text[:50]})
    rep.delete()
    remaining = list(interview.representative_questions.order_by("order", "pk"))
    for position, other in enumerate(remaining, start=1):
        other.order = position
    RepresentativeQuestion.objects.bulk_update(remaining, ["order"])
