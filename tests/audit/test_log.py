import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import RequestFactory

from portal.audit.models import AuditEntry
from portal.audit.services import log_action
from portal.core.context import client_ip
from portal.core.middleware import RequestContextMiddleware
from portal.interviews.models import Interview
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def from_address():
    """Run as if inside a request from 10.1.2.3."""
    token = client_ip.set("10.1.2.3")
    yield "10.1.2.3"
    client_ip.reset(token)


def test_log_action_records_who_what_which_and_from_where(interview, editor, from_address, time_machine):
    time_machine.move_to(at(2025, 9, 1, 10, 0), tick=False)
    editor.full_name = "王芳"
    editor.save()

    entry = log_action(
        interview, "interviews.interview.updated", actor=editor, data={"title": {"from": "甲", "to": "乙"}}
    )

    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name, entry.action, entry.ip_address) == (
        editor,
        "王芳",
        "interviews.interview.updated",
        "10.1.2.3",
    )
    assert (entry.content_type, entry.object_id, entry.object_repr) == (
        ContentType.objects.get_for_model(Interview),
        str(interview.pk),
        "城镇燃气“安心用气工程”",
    )
    assert (entry.data, entry.created_at) == ({"title": {"from": "甲", "to": "乙"}}, at(2025, 9, 1, 10, 0))
    assert entry.action_label == "修改访谈信息"


def test_log_action_outside_a_request_has_no_address(interview, editor):
    entry = log_action(interview, "interviews.interview.created", actor=editor)

    assert (entry.ip_address, entry.data) == (None, {})


def test_log_action_by_the_system(interview):
    entry = log_action(interview, "interviews.interview.created", actor=None)

    assert (entry.actor, entry.actor_name) == (None, "系统")


def test_log_action_without_an_object(editor):
    entry = log_action(None, "accounts.user.logged_in", actor=editor)

    assert (entry.content_type, entry.object_id, entry.object_repr, entry.action_label) == (None, "", "", "登录")


def test_log_action_shortens_a_long_object_name(units, editor):
    interview = InterviewFactory(title="长" * 200, lead_unit=units["lead"])
    interview.title = "长" * 400  # longer than the log keeps, whatever str() of an object returns

    entry = log_action(interview, "interviews.interview.updated", actor=editor)

    assert entry.object_repr == "长" * 300


def test_an_unknown_action_shows_as_its_code(editor):
    assert log_action(None, "someapp.thing.happened", actor=editor).action_label == "someapp.thing.happened"


def test_for_object_lists_the_entries_of_one_object_newest_first(units, editor, coordinator, time_machine):
    first = InterviewFactory(lead_unit=units["lead"])
    second = InterviewFactory(lead_unit=units["lead"])
    time_machine.move_to(at(2025, 9, 1), tick=False)
    log_action(first, "interviews.interview.created", actor=coordinator)
    log_action(second, "interviews.interview.created", actor=coordinator)
    time_machine.move_to(at(2025, 9, 2), tick=False)
    log_action(first, "interviews.interview.updated", actor=editor)
    log_action(first.steps.first(), "interviews.step.status_changed", actor=editor)  # another model, maybe same pk

    entries = AuditEntry.objects.for_object(first)

    assert [(e.action, e.actor_name) for e in entries] == [
        ("interviews.interview.updated", editor.display_name),
        ("interviews.interview.created", coordinator.display_name),
    ]


def logging_view(interview, actor):
    """A view that writes one audit entry, as every staff write does."""

    def view(request):
        log_action(interview, "interviews.interview.updated", actor=actor)
        return HttpResponse("ok")

    return view


def test_the_request_middleware_gives_the_log_the_clients_address(editor, interview):
    RequestContextMiddleware(logging_view(interview, editor))(RequestFactory().post("/", REMOTE_ADDR="192.0.2.7"))

    assert (AuditEntry.objects.get().ip_address, client_ip.get()) == ("192.0.2.7", None)


def test_behind_the_proxy_the_first_forwarded_address_is_the_client(editor, interview, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")

    RequestContextMiddleware(logging_view(interview, editor))(request)

    assert AuditEntry.objects.get().ip_address == "203.0.113.9"


def test_without_a_proxy_a_forwarded_header_is_ignored(editor, interview):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9")

    RequestContextMiddleware(logging_view(interview, editor))(request)

    assert AuditEntry.objects.get().ip_address == "192.0.2.7"


def test_an_ipv4_mapped_address_is_stored_as_ipv4(editor):
    token = client_ip.set("::ffff:192.0.2.7")
    try:
        entry = log_action(None, "accounts.user.logged_in", actor=editor)
    finally:
        client_ip.reset(token)

    entry.refresh_from_db()
    assert entry.ip_address == "192.0.2.7"


def test_the_actor_name_is_kept_when_the_name_changes_later(editor, interview):
    entry = log_action(interview, "interviews.interview.updated", actor=editor)
    name_then = editor.display_name
    editor.full_name = "新名字"
    editor.save()

    entry.refresh_from_db()
    assert (entry.actor_name, entry.actor.display_name) == (name_then, "新名字")
