"""Scoped reads: an outsider unit sees nothing of another unit's questions; the public sees published text only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.questions.enums import QuestionState
from portal.questions.models import Question
from portal.questions.queries import (
    moderation_counts,
    moderation_queue,
    public_questions,
    questions_to_answer,
)
from tests.questions.factories import QuestionFactory, open_interview

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def questions(open_preview, units):
    """Two of 城建局's interview, one of 文旅局's own interview."""
    ours = [QuestionFactory(interview=open_preview, asker__contact="13812345678") for _n in range(2)]
    theirs = QuestionFactory(interview=open_interview(lead_unit=units["outsider"]), state=S.PUBLISHED)
    return {"ours": ours, "theirs": theirs}


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("operator", {"ours", "theirs"}),
        ("coordinator", {"ours", "theirs"}),
        ("producer", {"ours", "theirs"}),
        ("editor", {"ours"}),
        ("co_editor", {"ours"}),
        ("outsider", {"theirs"}),
    ],
)
def test_staff_see_the_questions_of_the_interviews_they_see(request, questions, name, sees):
    user = request.getfixturevalue(name)
    expected = {q.pk for key in sees for q in (questions[key] if key == "ours" else [questions[key]])}

    assert set(Question.objects.visible_to(user).values_list("pk", flat=True)) == expected


def test_anonymous_visitors_see_no_staff_questions(questions):
    assert list(Question.objects.visible_to(AnonymousUser())) == []


def test_an_outsider_gets_nothing_of_another_unit_s_queue(questions, open_preview, outsider, operator):
    assert list(moderation_queue(outsider, interview=open_preview)) == []
    assert moderation_counts(outsider, open_preview)["total"] == 0
    assert moderation_counts(operator, open_preview)["pending"] == 2


def test_units_answer_only_their_own_questions(questions, operator, editor, outsider):
    for question in questions["ours"]:
        Question.objects.filter(pk=question.pk).update(state=S.PUBLISHED)

    assert {q.pk for q in questions_to_answer(editor)} == {q.pk for q in questions["ours"]}
    assert [q.pk for q in questions_to_answer(outsider)] == [questions["theirs"].pk]
    assert list(questions_to_answer(operator)) == []


def test_the_public_never_sees_pending_or_rejected_questions_or_a_contact(questions, open_preview):
    published = QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="13900001111")
    QuestionFactory(interview=open_preview, state=S.REJECTED, asker__contact="13900002222")

    shown = public_questions(open_preview)

    assert [q.pk for q in shown] == [published.pk]
    rendered = str([vars(q) for q in shown])
    assert "1390000" not in rendered
    assert "contact" not in rendered
    assert "asker" not in shown[0]._state.fields_cache
