"""后台实名 by an outside OpenID Connect login: the question box's button, the round trip through a fake provider
(discovery document, JWKS, token endpoint; the network mocked with ``responses``, real HTTP blocked), the
identity attached to the question and never shown, and every refusal saying why and storing nothing.
"""

import base64
import datetime as dt
import hashlib
import json
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import responses
from django.core import checks
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey

from portal.questions.models import Question, VerifiedIdentity
from portal.questions.services.moderation import approve_question
from portal.website.question_box import IDENTITY_COOKIE
from tests.website.conftest import parse, text
from tests.website.questions_data import NOW, QUESTION, ask_through_page, form_of, published_preview, question_fields

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]

ISSUER = "https://sso.jszwfw.example.gov.cn"
METADATA_URL = f"{ISSUER}/.well-known/openid-configuration"
AUTHORIZE = f"{ISSUER}/oauth2/authorize"
TOKEN = f"{ISSUER}/oauth2/token"
JWKS = f"{ISSUER}/oauth2/jwks"
CLIENT_ID = "pukou-ft"
CLIENT_SECRET = "s3cret-for-tests"
SUBJECT = "320111198801011234"  # what a provincial provider may well use as the subject: an ID number
NAME = "张测试"
CALLBACK = "http://testserver/identity/oidc/callback/"
TYPED = {"nickname": "老张", "text": QUESTION, "consent": "1"}


@pytest.fixture(scope="module")
def keys():
    """The provider's signing key, and another one (an attacker's) with the same key id."""
    params = {"kid": "sig-2025", "use": "sig", "alg": "RS256"}
    return RSAKey.generate_key(2048, parameters=params), RSAKey.generate_key(2048, parameters=params)


class FakeProvider:
    """A provincial 统一身份认证 as far as the portal sees it, on top of ``responses``."""

    def __init__(self, mock: responses.RequestsMock, key: RSAKey):
        self.mock, self.key = mock, key
        self.signing_key = key
        self.nonce = ""
        self.claims: dict = {}  # overrides of the ID token's claims (None removes one)
        self.token_requests: list = []
        mock.get(
            METADATA_URL,
            json={
                "issuer": ISSUER,
                "authorization_endpoint": AUTHORIZE,
                "token_endpoint": TOKEN,
                "jwks_uri": JWKS,
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            },
        )
        mock.get(JWKS, json={"keys": [key.as_dict(private=False)]})
        self.token_endpoint = mock.add_callback(responses.POST, TOKEN, callback=self._token)

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "sub": SUBJECT,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce,
            "name": NAME,
        }
        claims.update(self.claims)
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode({"alg": "RS256", "kid": self.signing_key.kid}, claims, self.signing_key)

    def _token(self, request):
        self.token_requests.append(request)
        body = {"access_token": "at-123", "token_type": "Bearer", "expires_in": 300, "id_token": self.id_token()}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def oidc_settings(settings):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"
    settings.PORTAL_OIDC_PROVIDER = "jszwfw"
    settings.PORTAL_OIDC_PROVIDER_NAME = "江苏政务服务网"
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.PORTAL_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.PORTAL_OIDC_METADATA_URL = METADATA_URL
    settings.PORTAL_OIDC_SCOPE = "openid"
    return settings


@pytest.fixture
def provider(oidc_settings, keys):
    """The fake provider; any other HTTP request fails (responses blocks every unregistered address)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeProvider(mock, keys[0])


@pytest.fixture
def preview(units, editor, operator):
    return published_preview(units, editor=editor, operator=operator)


def start_login(client, interview, provider: FakeProvider) -> dict[str, str]:
    """Press the button on the interview's page; the provider's side of the redirect's parameters."""
    page = parse(client.get(interview.get_absolute_url()))
    button = page.xpath('//section[@id="ask"]//a[contains(@class, "button")]')[0]
    response = client.get(button.get("href"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE
    params = {name: values[0] for name, values in parse_qs(location.query).items()}
    provider.nonce = params.get("nonce", "")
    return params


def come_back(client, **params):
    return client.get(f"{reverse('website:oidc-callback')}?{urlencode(params)}")


def messages_on(response) -> str:
    page = parse(response)
    return " ".join(text(element) for element in page.xpath('//*[@class="messages"]'))


def has_identity_cookie(client) -> bool:
    cookie = client.cookies.get(IDENTITY_COOKIE)
    return cookie is not None and bool(cookie.value)


def test_the_question_box_offers_the_login_before_the_form(client, preview, provider):
    page = parse(client.get(preview.get_absolute_url()))
    box = page.xpath('//section[@id="ask"]')[0]

    button = box.xpath('.//a[contains(@class, "button")]')[0]
    assert text(button) == "使用江苏政务服务网账号登录后提问"
    assert button.get("href") == reverse("website:oidc-start", args=[preview.pk])
    assert "后台实名、前台昵称" in text(box)
    assert not page.xpath('//form[@id="ask-form"]'), "the form comes after the login"
    assert "暂未开通" not in text(box)


def test_the_start_sends_the_asker_to_the_provider_with_state_nonce_and_pkce(client, preview, provider):
    params = start_login(client, preview, provider)

    assert params["response_type"] == "code"
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == CALLBACK
    assert params["scope"].split() == ["openid"]
    assert len(params["state"]) >= 20
    assert len(params["nonce"]) >= 20
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43
    assert client.session["portal_oidc_interview"] == preview.pk


def test_after_the_login_the_question_is_accepted_with_the_identity_and_nothing_of_it_is_shown(
    client, preview, provider, operator
):
    params = start_login(client, preview, provider)
    response = come_back(client, code="auth-code-1", state=params["state"])

    assert response.status_code == 302
    assert response["Location"] == f"{preview.get_absolute_url()}#ask"
    cookie = response.cookies[IDENTITY_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    # The code was exchanged as the PKCE verifier and the client's credentials say it must be.
    [exchange] = provider.token_requests
    sent = {name: values[0] for name, values in parse_qs(exchange.body).items()}
    assert sent["grant_type"] == "authorization_code"
    assert sent["code"] == "auth-code-1"
    assert sent["redirect_uri"] == CALLBACK
    challenge = base64.urlsafe_b64encode(hashlib.sha256(sent["code_verifier"].encode()).digest()).rstrip(b"=")
    assert challenge.decode() == params["code_challenge"]
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert exchange.headers["Authorization"] == f"Basic {basic}"

    page = client.get(response["Location"])
    assert "江苏政务服务网账号登录成功" in messages_on(page)
    tree = parse(page)
    assert tree.xpath('//form[@id="ask-form"]')
    assert "已完成身份验证" in text(tree.xpath('//section[@id="ask"]')[0])

    assert ask_through_page(client, preview, **TYPED).status_code == 302
    question = Question.objects.get()
    identity = question.asker.identity
    assert identity.provider == "oidc:jszwfw"
    assert identity.subject_hash != SUBJECT
    assert SUBJECT not in identity.subject_hash
    assert VerifiedIdentity.objects.count() == 1

    # Nothing of the identity anywhere: not in the session, not on any page, before or after publication.
    assert SUBJECT not in str(dict(client.session.items()))
    assert NAME not in str(dict(client.session.items()))
    approve_question(question, actor=operator)
    for url in (preview.get_absolute_url(), reverse("website:question-receipt", args=[question.receipt_code])):
        content = client.get(url).content.decode("utf-8")
        assert QUESTION in content
        for secret in (SUBJECT, NAME, identity.subject_hash, "oidc:jszwfw"):
            assert secret not in content, (url, secret)


def test_the_same_person_logging_in_again_is_the_same_identity(client, preview, provider):
    for code in ("first", "second"):
        come_back(client, code=code, state=start_login(client, preview, provider)["state"])
        client.cookies.pop(IDENTITY_COOKIE)  # another day, the ticket long gone
    assert VerifiedIdentity.objects.count() == 1


def _wrong_state(provider, params):
    return {"code": "c", "state": "forged-state"}


def _other_key(provider, params):
    provider.signing_key = provider.other_key
    return {"code": "c", "state": params["state"]}


def _claims(**claims):
    def refusal(provider, params):
        provider.claims = claims
        return {"code": "c", "state": params["state"]}

    return refusal


def _provider_error(error):
    def refusal(provider, params):
        return {"error": error, "error_description": "user cancelled", "state": params["state"]}

    return refusal


EXPIRED = "登录已失效"
INVALID = "未能确认江苏政务服务网账号的登录结果"
REFUSALS = {
    "wrong state": (_wrong_state, EXPIRED),
    "signed by another key": (_other_key, INVALID),
    "wrong audience": (_claims(aud="another-client"), INVALID),
    "another audience, our client as azp": (_claims(aud=["another-client"], azp=CLIENT_ID), INVALID),
    "wrong issuer": (_claims(iss="https://evil.example.com"), INVALID),
    "expired": (_claims(iat=int(NOW.timestamp()) - 7200, exp=int(NOW.timestamp()) - 3600), INVALID),
    "wrong nonce": (_claims(nonce="a-replayed-nonce"), INVALID),
    "no nonce": (_claims(nonce=None), INVALID),
    "no subject": (_claims(sub=None), INVALID),
    "cancelled at the provider": (_provider_error("access_denied"), "您已取消江苏政务服务网账号登录"),
    "refused by the provider": (_provider_error("server_error"), "江苏政务服务网账号登录未成功"),
}


@pytest.mark.parametrize(("make", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_login_says_why_and_stores_nothing(client, preview, provider, keys, make, message):
    provider.other_key = keys[1]
    params = start_login(client, preview, provider)
    response = come_back(client, **make(provider, params))

    assert response.status_code == 302
    assert response["Location"] == f"{preview.get_absolute_url()}#ask"
    assert IDENTITY_COOKIE not in response.cookies
    page = client.get(response["Location"])
    assert message in messages_on(page)
    assert not has_identity_cookie(client)
    assert not VerifiedIdentity.objects.exists()
    assert not parse(page).xpath('//form[@id="ask-form"]'), "still asked to log in"
    assert SUBJECT not in str(dict(client.session.items()))


def test_the_callback_cannot_be_used_twice(client, preview, provider):
    params = start_login(client, preview, provider)
    come_back(client, code="c", state=params["state"])
    client.cookies.pop(IDENTITY_COOKIE)

    again = come_back(client, code="c", state=params["state"])
    assert IDENTITY_COOKIE not in again.cookies
    assert EXPIRED in messages_on(client.get(preview.get_absolute_url()))
    assert len(provider.token_requests) == 1


def test_a_provider_that_is_down_is_said_to_be_unavailable(client, preview, provider):
    params = start_login(client, preview, provider)
    provider.mock.replace(responses.POST, TOKEN, body=requests.ConnectionError("connection refused"))

    response = come_back(client, code="c", state=params["state"])
    assert IDENTITY_COOKIE not in response.cookies
    assert "暂时无法连接江苏政务服务网" in messages_on(client.get(response["Location"]))
    assert not VerifiedIdentity.objects.exists()


def test_a_discovery_document_that_cannot_be_read_keeps_the_asker_on_the_page(client, preview, provider):
    provider.mock.replace(responses.GET, METADATA_URL, status=503)

    response = client.get(reverse("website:oidc-start", args=[preview.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{preview.get_absolute_url()}#ask"
    assert "暂时无法连接江苏政务服务网" in messages_on(client.get(response["Location"]))


def test_when_the_login_lapses_while_typing_the_question_is_kept(client, preview, provider, time_machine):
    come_back(client, code="c", state=start_login(client, preview, provider)["state"])
    page = client.get(preview.get_absolute_url())
    time_machine.move_to(NOW + dt.timedelta(minutes=31), tick=False)

    refused = client.post(
        reverse("website:question-ask", args=[preview.pk]), {**form_of(page.content), **question_fields(**TYPED)}
    )
    assert refused.status_code == 400
    content = refused.content.decode("utf-8")
    assert "身份验证已过期" in content
    assert "使用江苏政务服务网账号登录后提问" in content
    assert f">{QUESTION}</textarea>" in content, "what was typed can be copied"
    assert not Question.objects.exists()


def test_without_a_configured_client_the_page_says_login_is_not_available(client, preview, settings):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"
    with responses.RequestsMock():  # nobody is contacted
        tree = parse(client.get(preview.get_absolute_url()))
        box = text(tree.xpath('//section[@id="ask"]')[0])
        assert "统一身份认证登录暂未开通" in box
        assert "账号登录后提问" not in box
        assert not tree.xpath('//form[@id="ask-form"]')

        start = client.get(reverse("website:oidc-start", args=[preview.pk]))
        assert start["Location"] == f"{preview.get_absolute_url()}#ask"
        assert not has_identity_cookie(client)

    warnings = [message.id for message in checks.run_checks() if message.id.startswith("website.")]
    assert warnings == ["website.W001"]


def test_the_check_is_quiet_when_the_client_is_configured_or_the_mode_is_another(oidc_settings):
    assert not [message for message in checks.run_checks() if message.id.startswith("website.")]
    oidc_settings.PORTAL_QUESTION_IDENTITY = "sms"
    oidc_settings.PORTAL_OIDC_CLIENT_ID = ""
    assert not [message for message in checks.run_checks() if message.id.startswith("website.")]
