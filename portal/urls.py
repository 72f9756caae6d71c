from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

admin.site.site_header = "在线访谈平台 · 系统管理"
admin.site.site_title = "在线访谈平台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", include("portal.backoffice.urls")),
    path("", include("portal.website.urls")),
]

if settings.PORTAL_SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
