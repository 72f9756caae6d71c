"""Staff sign-in: password (throttled by django-axes), then a TOTP code when the person has one."""

import base64

import segno
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.forms import TokenForm
from portal.audit.services import log_action

PENDING_KEY = "portal:pending-second-factor"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/backoffice/"


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = AuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if _confirmed_device(user) is not None:
            request.session[PENDING_KEY] = {"user_id": user.pk, "backend": user.backend, "next": _next_url(request)}
            return redirect("backoffice:login-verify")
        auth_login(request, user)
        log_action(user, "accounts.user.logged_in", actor=user)
        return redirect(_next_url(request))
    return TemplateResponse(request, "backoffice/auth/login.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
def login_verify(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("backoffice:login")
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    device = _confirmed_device(user) if user else None
    if device is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("backoffice:login")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        request.session.pop(PENDING_KEY, None)
        user.backend = pending["backend"]
        auth_login(request, user)
        otp_login(request, device)
        log_action(user, "accounts.user.logged_in", actor=user, data={"second_factor": "totp"})
        return redirect(pending["next"])
    return TemplateResponse(request, "backoffice/auth/verify.html", {"form": form})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        log_action(request.user, "accounts.user.logged_out", actor=request.user)
    auth_logout(request)
    return redirect("backoffice:login")


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Set up an authenticator app: scan the code, type the six digits it shows."""
    user = request.user
    if _confirmed_device(user) is not None:
        return TemplateResponse(request, "backoffice/auth/totp_setup.html", {"enabled": True})
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "身份验证器"})
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        log_action(user, "accounts.user.totp_enabled", actor=user)
        return redirect("backoffice:dashboard")
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "enabled": False,
        "qr_svg": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
        "secret": base64.b32encode(device.bin_key).decode(),
        "mandatory": user.must_use_second_factor,
    }
    return TemplateResponse(request, "backoffice/auth/totp_setup.html", context)


def login_locked_out(request, *args, **kwargs):
    """django-axes calls this once a name and address have failed too often.

    The answer leaves through middleware, past the point where Django renders a TemplateResponse,
    so it is rendered here.
    """
    return render(request, "backoffice/auth/locked.html", status=429)
