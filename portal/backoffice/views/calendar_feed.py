"""Calendar subscriptions: the page with the user's secret feed addresses, and the feed itself.

Calendar apps cannot sign in, so the feed (at /calendar/<token>/plan-<year>.ics, outside /backoffice/)
is authorised by the token alone and shows only the interviews its owner may see. An unknown token,
or one of a deactivated account, is a 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.backoffice.decorators import staff_required
from portal.interviews.feeds import feed_interviews, feed_token_for, regenerate_feed_token, user_for_feed_token
from portal.interviews.ics import plan_feed
from portal.interviews.queries import years_with_interviews


@require_http_methods(["GET", "POST"])
@staff_required
def feed_settings(request):
    if request.method == "POST":
        existed = feed_token_for(request.user) is not None
        regenerate_feed_token(actor=request.user)
        if existed:
            messages.success(request, _("已重新生成订阅地址，原地址已失效，请在日历应用中更新。"))
        else:
            messages.success(request, _("已生成订阅地址。"))
        return redirect("backoffice:calendar-feed")
    feed = feed_token_for(request.user)
    years = sorted(set(years_with_interviews()) | {timezone.localdate().year}, reverse=True)
    feeds = []
    if feed is not None:
        feeds = [
            {
                "year": year,
                "url": request.build_absolute_uri(
                    reverse("calendar-plan-feed", kwargs={"token": feed.token, "year": year})
                ),
            }
            for year in years
        ]
    return TemplateResponse(
        request, "backoffice/calendar_feed.html", {"nav": "interviews", "feed": feed, "feeds": feeds}
    )


@require_safe
def plan_calendar(request, token: str, year: int):
    user = user_for_feed_token(token)
    if user is None:
        raise Http404("订阅地址无效")
    body = plan_feed(
        feed_interviews(user, year),
        name=f"{year}年在线访谈",
        url_for=lambda interview: request.build_absolute_uri(interview.get_backoffice_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="plan-{year}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
