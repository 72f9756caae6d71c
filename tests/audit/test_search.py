import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from portal.audit.forms import AuditSearchForm
from portal.audit.models import AuditEntry
from portal.audit.queries import in_batches, search_entries
from portal.interviews.models import Interview

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def found(log, **filters) -> list[str]:
    names = {entry.pk: name for name, entry in log.items() if name != "plan_obj"}
    return [names[entry.pk] for entry in search_entries(**filters)]


def test_everything_newest_first(audit_log):
    assert found(audit_log) == ["plan", "renamed", "cancelled", "purged"]


def test_date_range_is_inclusive_in_local_time(audit_log):
    # The plan entry is at 23:30 on 10 September in Shanghai, 15:30 in UTC.
    assert found(audit_log, date_from=dt.date(2025, 9, 5), date_to=dt.date(2025, 9, 10)) == ["plan", "renamed"]
    assert found(audit_log, date_to=dt.date(2025, 9, 1)) == ["cancelled", "purged"]
    assert found(audit_log, date_from=dt.date(2025, 9, 11)) == []


def test_actor_by_name_or_user_name(audit_log):
    assert found(audit_log, actor="王芳") == ["renamed"]
    assert found(audit_log, actor="EDIT") == ["renamed"]
    assert found(audit_log, actor="杨") == ["cancelled"]
    assert found(audit_log, actor="系统") == ["purged"]


def test_action(audit_log):
    assert found(audit_log, action="interviews.interview.state_changed") == ["cancelled"]


def test_object_type_and_id(audit_log, interview):
    interviews = ContentType.objects.get_for_model(Interview)

    assert found(audit_log, content_type=interviews) == ["renamed", "cancelled"]
    assert found(audit_log, content_type=interviews, object_id=str(interview.pk)) == ["renamed", "cancelled"]
    assert found(audit_log, object_id=str(audit_log["plan_obj"].pk), action="planning.plan.updated") == ["plan"]
    assert found(audit_log, content_type=interviews, object_id="999999") == []


def test_ip_address_v4_and_v6(audit_log):
    assert found(audit_log, ip_address="10.1.2.3") == ["cancelled"]
    assert found(audit_log, ip_address="2001:db8::1") == ["renamed"]


def test_free_text_in_details_chinese_and_latin(audit_log):
    assert found(audit_log, text="临时公务") == ["cancelled"]
    assert found(audit_log, text="燃气安全") == ["renamed"]  # the title it had
    assert found(audit_log, text="安心用气") == ["renamed", "cancelled"]  # the object's name
    assert found(audit_log, text="CANCELLED") == ["cancelled"]
    assert found(audit_log, text="不存在的词") == []


def test_batches_cover_every_entry_once_in_order(audit_log):
    batches = list(in_batches(search_entries(), size=3))

    assert [len(batch) for batch in batches] == [3, 1]
    assert [e.pk for batch in batches for e in batch] == [e.pk for e in search_entries()]


def test_batches_with_equal_times(audit_log):
    AuditEntry.objects.update(created_at=audit_log["plan"].created_at)

    batches = list(in_batches(search_entries(), size=2))

    assert [e.pk for batch in batches for e in batch] == sorted(AuditEntry.objects.values_list("pk", flat=True))[::-1]


def test_the_form_refuses_a_reversed_range_a_bad_address_and_an_unknown_action(audit_log):
    form = AuditSearchForm(
        {"date_from": "2025-09-10", "date_to": "2025-09-01", "ip_address": "10.1.2", "action": "nope.nope"}
    )

    assert not form.is_valid()
    assert form.errors["date_to"] == ["截止日期不能早于起始日期。"]
    assert set(form.errors) == {"date_to", "ip_address", "action"}


def test_the_form_offers_the_logged_object_types_and_describes_its_filters(audit_log):
    interviews = ContentType.objects.get_for_model(Interview)
    form = AuditSearchForm(
        {"object_type": str(interviews.pk), "action": "interviews.interview.updated", "actor": " 王 "}
    )

    assert form.is_valid(), form.errors
    assert dict(form.fields["object_type"].choices)[str(interviews.pk)] == "访谈"
    assert form.filters()["content_type"] == interviews
    assert form.filters()["actor"] == "王"
    assert form.described() == {"操作人": "王", "操作": "修改访谈信息", "对象类型": "访谈"}
