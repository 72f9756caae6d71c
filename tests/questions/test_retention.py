"""Askers' contacts and real names go after the retention period; nothing else does."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepKind
from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.models import AskerContact, AskerMessage, Question
from portal.questions.queries import display_names
from portal.questions.services.retention import purge_question_contacts
from tests.factories import at
from tests.questions.factories import QuestionFactory, open_interview

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def held(units):
    return open_interview(lead_unit=units["lead"], state=InterviewState.ENDED)


@pytest.fixture
def due(held) -> dt.date:
    return held.steps.get(kind=StepKind.ANSWERS).due_date  # 2025-10-15


def midnight_after(day: dt.date, days: int) -> dt.datetime:
    return at(day.year, day.month, day.day, 0, 0) + dt.timedelta(days=days + 1)


def purged(question) -> bool:
    asker = AskerContact.objects.get(question=question)
    return (asker.contact_ciphertext, asker.contact_hint, asker.real_name_ciphertext) == ("", "", "")


def test_contacts_are_kept_180_days_after_the_answers_deadline(held, due, time_machine):
    question = QuestionFactory(interview=held, state=QuestionState.PUBLISHED, asker__contact="13812345678")

    time_machine.move_to(midnight_after(due, 180) - dt.timedelta(seconds=1), tick=False)
    assert purge_question_contacts() == 0
    time_machine.move_to(midnight_after(due, 180), tick=False)
    assert purge_question_contacts() == 1

    assert purged(question)
    assert question.events.last().kind == "contact_purged"
    assert AuditEntry.objects.get().data == {"rows": 1}


def test_an_answer_after_the_deadline_extends_the_period(held, due, time_machine):
    answered = at(2025, 12, 1, 10, 0)
    question = QuestionFactory(
        interview=held,
        state=QuestionState.PUBLISHED,
        answer_status=AnswerStatus.WRITTEN,
        answered_at=answered,
        asker__contact="a@example.com",
    )

    time_machine.move_to(midnight_after(due, 181), tick=False)
    assert purge_question_contacts() == 0
    time_machine.move_to(answered + dt.timedelta(days=180), tick=False)
    assert purge_question_contacts() == 1
    assert purged(question)


def test_a_merged_question_follows_the_answer_of_the_one_it_joined(held, due, time_machine):
    keep = QuestionFactory(
        interview=held, state=QuestionState.PUBLISHED, answer_status=AnswerStatus.WRITTEN,
        answered_at=at(2026, 1, 5),
    )  # fmt: skip
    merged = QuestionFactory(interview=held, state=QuestionState.MERGED, merged_into=keep, asker__contact="13812345678")

    time_machine.move_to(at(2026, 7, 1), tick=False)
    assert purge_question_contacts() == 0
    time_machine.move_to(at(2026, 7, 5), tick=False)
    assert purge_question_contacts() == 2  # the merged asker's contact, and the kept question's wording
    assert purged(merged)


def test_an_interview_without_a_date_counts_from_the_submission(units, time_machine):
    interview = open_interview(lead_unit=units["lead"], recording_at=None, confirmed=False)
    question = QuestionFactory(interview=interview, asker__real_name="张三")

    time_machine.move_to(Question.objects.get(pk=question.pk).created_at + dt.timedelta(days=180), tick=False)

    assert purge_question_contacts() == 1
    assert purged(question)


def test_the_purge_is_idempotent_and_deletes_nothing_else(held, due, time_machine, operator):
    question = QuestionFactory(
        interview=held, state=QuestionState.PUBLISHED, asker__contact="13812345678", asker__real_name="张三"
    )
    AskerMessage.objects.create(question=question, kind="answered", channel="sms", sent_at=at(2025, 10, 20))
    before = Question.objects.values().get(pk=question.pk)
    time_machine.move_to(midnight_after(due, 200), tick=False)

    call_command("purge_question_contacts", stdout=io.StringIO())
    call_command("purge_question_contacts", stdout=io.StringIO())

    after = Question.objects.values().get(pk=question.pk)
    assert {key: value for key, value in after.items() if key not in {"updated_at", "text"}} == {
        key: value for key, value in before.items() if key not in {"updated_at", "text"}
    }
    assert AskerMessage.objects.count() == 1
    assert AskerContact.objects.get(question=question).consent_version == "2025-1"
    assert AuditEntry.objects.filter(action="questions.contacts.purged").count() == 1
    assert question.events.filter(kind="contact_purged").count() == 1


def test_a_purged_real_name_is_no_longer_shown(held, due, time_machine):
    question = QuestionFactory(
        interview=held, state=QuestionState.PUBLISHED, nickname="小李", show_real_name=True, asker__real_name="李四"
    )
    assert display_names([question]) == {question.pk: "李四"}
    time_machine.move_to(midnight_after(due, 181), tick=False)

    purge_question_contacts()

    assert display_names([question]) == {question.pk: "小李"}


def test_the_purge_replaces_the_original_wording_with_the_masked_text(held, due, time_machine):
    question = QuestionFactory(
        interview=held,
        state=QuestionState.PUBLISHED,
        text="燃气改造请联系我13812345678谢谢",
        public_text="燃气改造请联系我【手机号已隐去】谢谢",
    )
    time_machine.move_to(midnight_after(due, 200), tick=False)

    purge_question_contacts()

    question.refresh_from_db()
    assert "13812345678" not in question.text
    assert question.text == question.public_text
