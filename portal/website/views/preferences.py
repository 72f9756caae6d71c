"""The reader's own settings. 长者模式 is a cookie so it works without JavaScript and without an account."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.core.context_processors import ELDER_COOKIE

ELDER_COOKIE_AGE = 365 * 24 * 60 * 60


def _safe_next(request) -> str:
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("website:home")


@require_POST
def elder_mode(request):
    """Turn 长者模式 on (``on=1``) or off, then go back to the page the reader came from."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.POST.get("on") == "1":
        response.set_cookie(
            ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
