"""The 推送接口 screens: only 数字治理中心 operators; the secret shown once and never again; log and resend."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.live.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.live.webhook_support import HOOK_URL, SECRET, calls_to, publish

pytestmark = pytest.mark.unit

NEW = {"name": "浦口发布", "url": "https://fabu.example/hook", "secret": "", "event_filter": "all", "is_active": "on"}


@pytest.mark.parametrize("who", ["producer", "editor", "outsider", "coordinator"])
def test_only_digital_center_operators_manage_webhooks(client, request, endpoint, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("backoffice:webhook-list"),
        reverse("backoffice:webhook-deliveries", args=[endpoint.pk]),
        reverse("backoffice:webhook-edit", args=[endpoint.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("backoffice:webhook-list"), NEW).status_code == 403
    assert WebhookEndpoint.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("backoffice:webhook-list"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_unknown_endpoint_is_404(client, operator, db):
    client.force_login(operator)
    assert client.get(reverse("backoffice:webhook-deliveries", args=[999])).status_code == 404
    assert client.post(reverse("backoffice:webhook-resend", args=[999, 1])).status_code == 404


def test_adding_an_endpoint_shows_a_generated_secret_once(client, operator):
    client.force_login(operator)
    page = client.get(reverse("backoffice:webhook-list")).content.decode()
    assert "推送接口" in page
    response = client.post(reverse("backoffice:webhook-list"), NEW)
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) >= 32
    assert endpoint.secret in response.content.decode()
    assert "只显示这一次" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    for url in (
        reverse("backoffice:webhook-list"),
        reverse("backoffice:webhook-edit", args=[endpoint.pk]),
        reverse("backoffice:webhook-deliveries", args=[endpoint.pk]),
    ):
        assert endpoint.secret not in client.get(url).content.decode()
    entry = AuditEntry.objects.get(action="live.webhook.created")
    assert endpoint.secret not in str(entry.data)


def test_a_bad_endpoint_is_refused_in_chinese_and_keeps_what_was_typed(client, operator, db):
    client.force_login(operator)
    data = NEW | {"url": "not a url", "secret": "short"}
    response = client.post(reverse("backoffice:webhook-list"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "请输入有效的网址" in page
    assert 'value="浦口发布"' in page
    response = client.post(reverse("backoffice:webhook-list"), NEW | {"secret": "short"})
    assert response.status_code == 400
    assert "密钥至少需要16个字符" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_editing_keeps_the_secret_unless_a_new_one_is_typed(client, operator, endpoint):
    client.force_login(operator)
    url = reverse("backoffice:webhook-edit", args=[endpoint.pk])
    data = {"name": "浦口发布（新）", "url": HOOK_URL, "secret": "", "event_filter": "entries"}
    response = client.post(url, data)
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.secret, endpoint.event_filter, endpoint.is_active) == (
        "浦口发布（新）",
        SECRET,
        "entries",
        False,
    )
    client.post(url, data | {"secret": "a-brand-new-secret-0123456789", "is_active": "on"})
    endpoint.refresh_from_db()
    assert endpoint.secret == "a-brand-new-secret-0123456789"
    summaries = [e.summary for e in AuditEntry.objects.filter(action="live.webhook.updated")]
    assert any("已更换密钥" in s for s in summaries)
    assert all("a-brand-new-secret" not in s for s in summaries)


def test_the_log_shows_deliveries_and_resends_a_failed_one(
    client, operator, live_interview, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=500)
    receiver.add("POST", HOOK_URL, status=200)
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, next_attempt_at=None)
    client.force_login(operator)
    page = client.get(reverse("backoffice:webhook-deliveries", args=[endpoint.pk])).content.decode()
    assert "失败" in page
    assert "接收端返回 HTTP 500" in page
    assert "重新发送" in page
    resend = reverse("backoffice:webhook-resend", args=[endpoint.pk, delivery.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(resend).status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(calls_to(receiver)) == 2
    assert AuditEntry.objects.filter(action="live.webhook.resent").exists()
    response = client.post(resend)  # delivered now: nothing to resend
    assert response.status_code == 400
    assert "只有发送失败的推送可以重新发送" in response.content.decode()


def test_the_sweep_command_enqueues_due_deliveries(db, capsys):
    call_command("send_webhooks")
    assert "0 webhook deliveries enqueued" in capsys.readouterr().out
