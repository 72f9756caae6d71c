from django.shortcuts import redirect

# Staff may reach these before a mandatory second factor is set up.
SECOND_FACTOR_EXEMPT = {"login", "login-verify", "logout", "totp-setup"}


class SecondFactorMiddleware:
    """When TOTP is mandatory for 区政府办 and center staff, nothing else opens until it is set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = request.resolver_match
        if user is None or not user.is_authenticated or match is None:
            return None
        if match.namespace not in {"backoffice", "admin"} or match.url_name in SECOND_FACTOR_EXEMPT:
            return None
        if user.must_use_second_factor and not user.is_verified():
            return redirect("backoffice:totp-setup")
        return None
