from django.urls import resolve
from django.urls.exceptions import Resolver404

from portal.core.context import client_ip, request_client_ip
from portal.core.models import SiteSettings

EMBEDDABLE_NAMESPACES = {"website"}


class RequestContextMiddleware:
    """Makes the client's address available to the audit log for the length of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(request_client_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)


class EmbeddingMiddleware:
    """Public pages may be framed by the district portal's configured origins, and only by them.

    Staff pages keep X-Frame-Options: DENY and frame-ancestors 'none'.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            match = request.resolver_match or resolve(request.path_info)
        except Resolver404:
            return response
        if match.namespace in EMBEDDABLE_NAMESPACES:
            origins = SiteSettings.current().embed_origin_list
            response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
            response.xframe_options_exempt = True
            if not origins:
                response["X-Frame-Options"] = "SAMEORIGIN"
        return response
