from portal.core.models import SiteSettings

ELDER_COOKIE = "portal_elder"


def site(request):
    return {
        "site": SiteSettings.current(),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
    }
