"""Daily jobs start once a day, whatever the number of workers, from the reminder worker's rounds."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from portal.audit.models import AuditEntry
from portal.core import daily
from portal.core.models import DailyRun
from portal.questions.models import AskerContact
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_process():
    daily.forget()
    yield
    daily.forget()


def test_each_job_starts_once_a_day_even_from_a_second_worker():
    first = daily.start_daily_jobs(TODAY)
    daily.forget()  # another worker process: it has no memory of the first
    second = daily.start_daily_jobs(TODAY)
    tomorrow = daily.start_daily_jobs(TODAY + dt.timedelta(days=1))

    assert first == ["purge_question_contacts", "prune_audit_log"]
    assert second == []
    assert tomorrow == first
    assert DailyRun.objects.filter(day=TODAY).count() == 2
    assert AuditEntry.objects.filter(action="audit.pruned").count() == 2  # the job ran on both days


def test_the_purge_job_deletes_contacts_past_retention(settings, time_machine):
    settings.PORTAL_CONTACT_RETENTION_DAYS = 30
    time_machine.move_to(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC))
    question = QuestionFactory(asker__contact="13812345678")
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))

    daily.start_daily_jobs()

    assert AskerContact.objects.get(question=question).purged_at is not None


def test_the_reminder_worker_starts_them(settings):
    out = io.StringIO()

    call_command("run_reminders", "--once", stdout=out)

    assert "每日任务 purge_question_contacts 已启动。" in out.getvalue()
    assert "每日任务 prune_audit_log 已启动。" in out.getvalue()
