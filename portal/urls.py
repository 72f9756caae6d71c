from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from portal.backoffice.views.calendar_feed import plan_calendar

admin.site.site_header = "在线访谈平台 · 系统管理"
admin.site.site_title = "在线访谈平台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", include("portal.backoffice.urls")),
    # Calendar subscriptions of staff, authorised by a secret token (calendar apps cannot sign in).
    path("calendar/<str:token>/plan-<int:year>.ics", plan_calendar, name="calendar-plan-feed"),
    path("", include("portal.website.urls")),
]

if settings.PORTAL_SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
