"""“我也关注”: once per person and published question."""

import pytest

from portal.questions.enums import QuestionState
from portal.questions.exceptions import IntakeRefused
from portal.questions.models import Question, Support
from portal.questions.services.support import has_supported, support_question
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def published(open_preview):
    return QuestionFactory(interview=open_preview, state=QuestionState.PUBLISHED)


def test_a_person_supports_a_question_once(published):
    first = support_question(published, client_key="client-a")
    again = support_question(published, client_key="client-a")
    other = support_question(published, client_key="client-b")

    assert (first, again, other) == (True, False, True)
    assert Question.objects.get(pk=published.pk).support_count == 2
    assert has_supported(published, client_key="client-a") is True


def test_the_supporter_is_stored_as_a_keyed_hash(published):
    support_question(published, client_key="client-a")

    stored = Support.objects.get().supporter_hash
    assert "client-a" not in stored
    assert len(stored) == 64


@pytest.mark.parametrize("state", [QuestionState.PENDING, QuestionState.REJECTED, QuestionState.FORWARDED])
def test_only_published_questions_can_be_supported(open_preview, state):
    question = QuestionFactory(interview=open_preview, state=state)

    with pytest.raises(IntakeRefused, match="只能关注已发布的问题"):
        support_question(question, client_key="client-a")

    assert Support.objects.count() == 0


def test_supporting_a_merged_question_supports_the_one_it_joined(published, open_preview):
    merged = QuestionFactory(interview=open_preview, state=QuestionState.MERGED, merged_into=published)

    support_question(merged, client_key="client-a")

    assert Question.objects.get(pk=published.pk).support_count == 1
