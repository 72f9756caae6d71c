"""Webhook endpoints (推送接口) of 数字治理中心: the list, adding and changing one, its delivery log, resending.

``live.manage_webhooks`` only (403 for everyone else); an unknown endpoint or delivery is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.views.common import audit_entries
from portal.backoffice.webhook_forms import WebhookForm
from portal.live.exceptions import LiveRefused
from portal.live.webhooks.models import WebhookDelivery, WebhookEndpoint
from portal.live.webhooks.services import create_endpoint, resend_delivery, update_endpoint

DELIVERIES_SHOWN = 100
LIST_TEMPLATE = "backoffice/live/webhooks.html"


def _require(request) -> None:
    if not request.user.has_perm("live.manage_webhooks"):
        raise PermissionDenied


def _endpoint(request, pk: int) -> WebhookEndpoint:
    _require(request)
    return get_object_or_404(WebhookEndpoint, pk=pk)


def _refused(form, refused: LiveRefused) -> None:
    form.add_error(refused.field if refused.field in form.fields else None, str(refused))


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def webhook_list(request):
    _require(request)
    form = WebhookForm(request.POST or None, auto_id="id_webhook_%s")
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = create_endpoint(actor=request.user, **form.cleaned_data)
        except LiveRefused as refused:
            _refused(form, refused)
        else:
            # Shown once, on this answer only (never stored in a message or a cookie).
            context = {"nav": "webhooks", "endpoint": endpoint, "secret": secret}
            return TemplateResponse(request, "backoffice/live/webhook_created.html", context)
    context = {"nav": "webhooks", "endpoints": list(WebhookEndpoint.objects.all()), "form": form}
    return TemplateResponse(request, LIST_TEMPLATE, context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def webhook_edit(request, pk: int):
    endpoint = _endpoint(request, pk)
    initial = {name: getattr(endpoint, name) for name in ("name", "url", "event_filter", "is_active")}
    form = WebhookForm(request.POST or None, initial=initial, editing=True, auto_id="id_webhook_%s")
    if request.method == "POST" and form.is_valid():
        try:
            update_endpoint(endpoint, actor=request.user, **form.cleaned_data)
        except LiveRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("已保存推送接口“%(name)s”。") % {"name": form.cleaned_data["name"]})
            return redirect("backoffice:webhook-deliveries", pk=endpoint.pk)
    context = {"nav": "webhooks", "endpoint": endpoint, "form": form}
    return TemplateResponse(request, "backoffice/live/webhook_edit.html", context, status=400 if form.errors else 200)


def render_deliveries(request, endpoint, *, error: str = "", status: int = 200):
    deliveries = list(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("event", "event__interview")
        .order_by("-id")[:DELIVERIES_SHOWN]
    )
    context = {
        "nav": "webhooks",
        "endpoint": endpoint,
        "deliveries": deliveries,
        "shown": DELIVERIES_SHOWN,
        "error": error,
        "audit_entries": audit_entries(endpoint)[:30],
    }
    return TemplateResponse(request, "backoffice/live/webhook_deliveries.html", context, status=status)


@staff_required
def webhook_deliveries(request, pk: int):
    return render_deliveries(request, _endpoint(request, pk))


@require_POST
@staff_required
def webhook_resend(request, pk: int, delivery_pk: int):
    endpoint = _endpoint(request, pk)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint=endpoint)
    try:
        resend_delivery(delivery, actor=request.user)
    except LiveRefused as refused:
        return render_deliveries(request, endpoint, error=str(refused), status=400)
    messages.success(request, _("已重新发送第%(seq)s号事件，结果见下表。") % {"seq": delivery.event.seq})
    return redirect("backoffice:webhook-deliveries", pk=endpoint.pk)
