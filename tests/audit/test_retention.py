import datetime as dt
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from portal.audit.models import AuditEntry
from portal.audit.retention import MIN_RETENTION_DAYS, check_retention_setting, prune_audit_log, retention_days
from tests.audit.conftest import entry
from tests.factories import at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = at(2026, 6, 1, 4, 0)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def aged(time_machine, interview, coordinator):
    """Entries 400, 366, 364 and 10 days old, by the frozen clock."""
    time_machine.move_to(NOW, tick=False)
    return {
        days: entry(interview, "interviews.interview.updated", actor=coordinator, when=NOW - dt.timedelta(days=days))
        for days in (400, 366, 364, 10)
    }


def remaining(aged) -> list[int]:
    return sorted((days for days, e in aged.items() if AuditEntry.objects.filter(pk=e.pk).exists()), reverse=True)


def test_pruning_deletes_entries_past_retention_and_logs_itself(aged, settings):
    settings.PORTAL_AUDIT_RETENTION_DAYS = 365

    assert prune_audit_log() == 2

    assert remaining(aged) == [364, 10]
    logged = AuditEntry.objects.get(action="audit.pruned")
    assert (logged.actor_name, logged.data) == (
        "系统",
        {"rows": 2, "before": "2025-06-01 04:00", "retention_days": 365},
    )
    assert logged.action_label == "删除超过保存期限的审计日志"


def test_a_dry_run_counts_and_keeps_everything(aged, settings):
    settings.PORTAL_AUDIT_RETENTION_DAYS = 365

    assert prune_audit_log(dry_run=True) == 2

    assert remaining(aged) == [400, 366, 364, 10]
    assert not AuditEntry.objects.filter(action="audit.pruned").exists()


def test_a_shorter_setting_slipped_in_later_still_keeps_six_months(time_machine, interview, coordinator, settings):
    time_machine.move_to(NOW, tick=False)
    settings.PORTAL_AUDIT_RETENTION_DAYS = 30
    kept = entry(interview, "interviews.interview.updated", actor=coordinator, when=NOW - dt.timedelta(days=182))
    gone = entry(interview, "interviews.interview.updated", actor=coordinator, when=NOW - dt.timedelta(days=184))

    assert retention_days() == MIN_RETENTION_DAYS
    assert prune_audit_log() == 1
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    assert not AuditEntry.objects.filter(pk=gone.pk).exists()


def test_the_command_and_its_dry_run(aged, settings):
    settings.PORTAL_AUDIT_RETENTION_DAYS = 365
    out = StringIO()

    call_command("prune_audit_log", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "would delete 2 audit entries older than 2025-06-01 04:00 (365 days)"
    assert remaining(aged) == [400, 366, 364, 10]

    call_command("prune_audit_log", stdout=out)
    assert "deleted 2 audit entries" in out.getvalue()
    assert remaining(aged) == [364, 10]


@pytest.mark.parametrize("value", [182, 0, -1, "365", None, True])
def test_the_setting_guard_refuses_less_than_six_months(value):
    with pytest.raises(ImproperlyConfigured, match="at least 183"):
        check_retention_setting(value)


def test_the_setting_guard_accepts_six_months_and_more():
    assert check_retention_setting(183) == 183
    assert check_retention_setting(3650) == 3650


def test_the_app_refuses_to_start_with_a_short_retention(settings):
    settings.PORTAL_AUDIT_RETENTION_DAYS = 90

    with pytest.raises(ImproperlyConfigured):
        apps.get_app_config("audit").ready()


def test_the_portal_does_not_start_with_a_short_retention_in_the_environment():
    env = {**os.environ, "PORTAL_AUDIT_RETENTION_DAYS": "100", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.pop("PORTAL_DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "PORTAL_AUDIT_RETENTION_DAYS must be a whole number of days, at least 183" in result.stderr
