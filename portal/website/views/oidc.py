"""后台实名 by an outside OpenID Connect login (PORTAL_QUESTION_IDENTITY=oidc), e.g. a 政务服务网 account.

``start`` sends the asker from the interview's question box to the provider (state, nonce, PKCE S256 when
offered; Authlib keeps them in the session with the interview to return to). ``callback`` exchanges the code,
has Authlib check the ID token (signature against the provider's JWKS, issuer, audience, nonce, expiry), hands
the subject to ``record_oidc_identity`` (which stores only a keyed hash) and puts the ticket in the same
httponly cookie as the SMS check. No claim is stored, logged or shown; any failure stores nothing and says
why, in Chinese, on the interview's page.
"""

import logging
import re

import requests
from authlib.common.errors import AuthlibBaseError
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from joserfc.errors import JoseError

from portal.questions.enums import IdentityMode
from portal.questions.exceptions import VerificationRefused
from portal.questions.services.identity import identity_mode, record_oidc_identity
from portal.website import oidc
from portal.website.question_box import box_mode
from portal.website.views.common import public_interviews
from portal.website.views.interviews import public_interview_or_404
from portal.website.views.questions import _remember_identity

log = logging.getLogger(__name__)

RETURN_TO = "portal_oidc_interview"  # session key: the interview whose question box started the login
LEEWAY_SECONDS = 60  # clock difference tolerated on the ID token's exp and iat

LOGGED_IN = "{name}账号登录成功，请填写您的问题。您的身份信息不会公开。"
CANCELLED = "您已取消{name}账号登录，未完成身份验证。如需提问，请重新登录。"
PROVIDER_REFUSED = "{name}账号登录未成功，请重新登录。"
EXPIRED = "登录已失效（可能在登录页面停留时间过长，或重复打开了登录结果），请重新登录。"
INVALID = "未能确认{name}账号的登录结果，未完成身份验证，请重新登录。"
UNAVAILABLE = "暂时无法连接{name}，请稍后再试。如有诉求，可以拨打12345政务服务便民热线反映。"
NOT_OPEN = "当前未开通统一身份认证登录，暂时无法在线提问。"

# What can go wrong between the provider and us: its refusals and errors (Authlib's, including a
# mismatching state), a token that fails a check (joserfc's), the network, a malformed answer.
FAILURES = (requests.RequestException, oidc.ProviderUnavailable, AuthlibBaseError, JoseError, ValueError, KeyError)


def _box_url(interview) -> str:
    return f"{interview.get_absolute_url()}#ask"


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("website:oidc-callback"))


@require_http_methods(["GET", "POST"])
def start(request, pk: int):
    """From the question box to the provider's login page. A link (GET): the page's CSP form-action is 'self'."""
    interview = public_interview_or_404(pk)
    if identity_mode() != IdentityMode.OIDC or box_mode(interview, timezone.now()) not in ("open", "live"):
        return redirect(_box_url(interview))
    config = oidc.provider()
    if config is None:  # the box says login is not available
        return redirect(_box_url(interview))
    try:
        response = oidc.client(config).authorize_redirect(request, _callback_url(request))
    except FAILURES as exc:
        log.warning("OpenID Connect login with %s could not start: %s", config.id, exc.__class__.__name__)
        messages.error(request, UNAVAILABLE.format(name=config.name))
        return redirect(_box_url(interview))
    request.session[RETURN_TO] = interview.pk
    return response


@require_GET
def callback(request):
    """Back from the provider: the verified identity's ticket in the cookie, or why not, on the interview's page."""
    pk = request.session.pop(RETURN_TO, None)
    interview = public_interviews().filter(pk=pk).first() if isinstance(pk, int) else None
    back = _box_url(interview) if interview is not None else reverse("website:home")
    config = oidc.provider()
    if identity_mode() != IdentityMode.OIDC or config is None:
        messages.error(request, NOT_OPEN)
        return redirect(back)

    try:
        app = oidc.client(config)
    except FAILURES as exc:
        log.warning("OpenID Connect callback from %s: provider unavailable: %s", config.id, exc.__class__.__name__)
        messages.error(request, UNAVAILABLE.format(name=config.name))
        return redirect(back)

    error = request.GET.get("error")
    if error:  # the asker cancelled, or the provider refused: forget this attempt's state and nonce
        app.framework.clear_state_data(request.session, request.GET.get("state"))
        log.info(
            "OpenID Connect login with %s refused by the provider: %s", config.id, re.sub(r"[^a-z_]", "", error)[:40]
        )
        message = CANCELLED if error == "access_denied" else PROVIDER_REFUSED
        messages.error(request, message.format(name=config.name))
        return redirect(back)

    try:
        claims_options = oidc.id_token_claims_options(config, app.load_server_metadata()["issuer"])
        token = app.authorize_access_token(request, claims_options=claims_options, leeway=LEEWAY_SECONDS)
        subject = (token.get("userinfo") or {}).get("sub")
        if not subject or not isinstance(subject, str):  # no ID token: an OAuth-only answer proves nobody
            raise ValueError("no verified ID token in the token response")
        ticket = record_oidc_identity(provider=config.id, subject=subject)
    # The network first: requests' JSONDecodeError (a gateway's error page) is also a ValueError.
    except (requests.RequestException, oidc.ProviderUnavailable) as exc:
        log.warning("OpenID Connect callback from %s: provider unavailable: %s", config.id, exc.__class__.__name__)
        messages.error(request, UNAVAILABLE.format(name=config.name))
        return redirect(back)
    except (AuthlibBaseError, JoseError, ValueError, KeyError, VerificationRefused) as exc:
        # Only the kind of failure is logged: never the token, its claims or the provider's description.
        log.warning("OpenID Connect callback from %s refused: %s", config.id, exc.__class__.__name__)
        expired = getattr(exc, "error", "") == "mismatching_state"
        messages.error(request, EXPIRED if expired else INVALID.format(name=config.name))
        return redirect(back)
    messages.success(request, LOGGED_IN.format(name=config.name))
    return _remember_identity(redirect(back), ticket)
