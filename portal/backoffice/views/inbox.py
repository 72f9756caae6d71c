from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from portal.backoffice.decorators import staff_required
from portal.backoffice.views.common import int_param
from portal.notifications.services import mark_read

PAGE_SIZE = 30


@require_http_methods(["GET", "POST"])
@staff_required
def inbox(request):
    """站内消息. POST ``read_all`` marks everything read; POST ``open=<id>`` marks one read and follows its link."""
    notifications = request.user.notifications.all()
    if request.method == "POST":
        if "read_all" in request.POST:
            mark_read(request.user)
            return redirect("backoffice:inbox")
        notification = get_object_or_404(notifications, pk=int_param(request.POST.get("open")))
        mark_read(request.user, [notification.pk])
        if notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notification.url)
        return redirect("backoffice:inbox")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "backoffice/inbox.html", {"nav": "inbox", "page": page})
