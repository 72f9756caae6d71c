"""Moderators correct the automatic grouping: take a question out of its group, or join groups."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from portal.questions.enums import EventKind
from portal.questions.exceptions import ModerationRefused
from portal.questions.models import Question, QuestionGroup
from portal.questions.services.common import locked, record, require


def _move(question: Question, group: QuestionGroup, *, actor) -> None:
    old = question.group_id
    question.group = group
    question.save(update_fields=["group", "updated_at"])
    record(question, EventKind.GROUP_CHANGED, actor=actor, data={"from": old, "to": group.pk})


@transaction.atomic
def split_question(question: Question, *, actor) -> QuestionGroup:
    """Take ``question`` out of its group into a group of its own (with the questions merged into it)."""
    require(actor, "questions.moderate_question", question)
    question = locked(question)
    if question.group_id and not Question.objects.filter(group_id=question.group_id).exclude(pk=question.pk).exists():
        raise ModerationRefused(_("该问题已经单独成组。"))
    group = QuestionGroup.objects.create(interview_id=question.interview_id)
    _move(question, group, actor=actor)
    for merged in Question.objects.filter(merged_into=question).exclude(group=group):
        _move(merged, group, actor=actor)
    _drop_empty(question.interview_id)
    return group


@transaction.atomic
def join_groups(groups: Sequence[QuestionGroup], *, actor) -> QuestionGroup:
    """Join the groups into the first of them; every question of the others moves there."""
    require(actor, "questions.moderate_question")
    groups = list(QuestionGroup.objects.select_for_update().filter(pk__in=[g.pk for g in groups]).order_by("pk"))
    if len(groups) < 2:
        raise ModerationRefused(_("请至少选择两个分组。"))
    if len({g.interview_id for g in groups}) > 1:
        raise ModerationRefused(_("只能合并同一期访谈的分组。"))
    keep = groups[0]
    for question in Question.objects.filter(group__in=groups[1:]).order_by("pk"):
        _move(question, keep, actor=actor)
    _drop_empty(keep.interview_id)
    return keep


@transaction.atomic
def move_question_to_group(question: Question, *, group: QuestionGroup, actor) -> Question:
    require(actor, "questions.moderate_question", question)
    question = locked(question)
    if group.interview_id != question.interview_id:
        raise ModerationRefused(_("只能移入同一期访谈的分组。"))
    if question.group_id == group.pk:
        raise ModerationRefused(_("该问题已在这个分组中。"))
    _move(question, group, actor=actor)
    _drop_empty(question.interview_id)
    return question


def _drop_empty(interview_id: int) -> None:
    QuestionGroup.objects.filter(interview_id=interview_id, questions__isnull=True).delete()
