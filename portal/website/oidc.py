"""The OpenID Connect client of the question box (PORTAL_QUESTION_IDENTITY=oidc), built on Authlib.

``provider()`` says whether a client is configured (without one the box says login is not available);
``client()`` returns Authlib's Django client for it, with the provider's discovery document read once an
hour through the cache. The views are in ``portal.website.views.oidc``; the domain side (the keyed hash of
the subject, the ticket) is ``portal.questions.services.identity.record_oidc_identity``.
"""

import re
from dataclasses import dataclass

import requests
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.core.cache import cache

TIMEOUT_SECONDS = 10
METADATA_CACHE_SECONDS = 3600
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# The parts of the discovery document the login uses; anything else the provider publishes is ignored.
METADATA_KEYS = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "id_token_signing_alg_values_supported",
    "code_challenge_methods_supported",
    "token_endpoint_auth_methods_supported",
)
REQUIRED_METADATA = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or lacks what the login needs."""


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    client_id: str
    client_secret: str
    metadata_url: str
    scope: str


def provider() -> Provider | None:
    """The configured OpenID Connect client, or None when any of its required settings is missing."""
    config = Provider(
        id=settings.PORTAL_OIDC_PROVIDER,
        name=settings.PORTAL_OIDC_PROVIDER_NAME,
        client_id=settings.PORTAL_OIDC_CLIENT_ID,
        client_secret=settings.PORTAL_OIDC_CLIENT_SECRET,
        metadata_url=settings.PORTAL_OIDC_METADATA_URL,
        # "openid" makes it an OpenID Connect request: a nonce is sent and an ID token required.
        scope=" ".join(dict.fromkeys(["openid", *settings.PORTAL_OIDC_SCOPE.split()])),
    )
    if not (PROVIDER_ID.match(config.id) and config.client_id and config.metadata_url):
        return None
    return config


def _metadata(config: Provider) -> dict:
    key = f"website:oidc-metadata:{config.metadata_url}"
    metadata = cache.get(key)
    if metadata is None:
        try:
            response = requests.get(config.metadata_url, timeout=TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(f"discovery document unavailable: {exc.__class__.__name__}") from exc
        if not isinstance(document, dict) or not all(document.get(name) for name in REQUIRED_METADATA):
            raise ProviderUnavailable("discovery document lacks issuer, endpoints or jwks_uri")
        metadata = {name: document[name] for name in METADATA_KEYS if name in document}
        cache.set(key, metadata, METADATA_CACHE_SECONDS)
    return metadata


def client(config: Provider):
    """Authlib's Django OAuth 2 / OpenID Connect client for ``config``: PKCE S256 when the provider offers it.

    A new registry each time: it is cheap, and the settings (tests switch them) are read afresh. The
    signing keys are fetched from the provider's jwks_uri at each callback, so a key rotation needs nothing.
    """
    metadata = _metadata(config)
    client_kwargs = {"scope": config.scope, "default_timeout": TIMEOUT_SECONDS}
    if "S256" in metadata.get("code_challenge_methods_supported", []):
        client_kwargs["code_challenge_method"] = "S256"
    auth_methods = metadata.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
    if config.client_secret and "client_secret_basic" not in auth_methods and "client_secret_post" in auth_methods:
        client_kwargs["token_endpoint_auth_method"] = "client_secret_post"  # noqa: S105 -- a method's name
    oauth = OAuth()
    oauth.register(
        config.id,
        client_id=config.client_id,
        client_secret=config.client_secret or None,
        client_kwargs=client_kwargs,
        **metadata,
    )
    return oauth.create_client(config.id)


def id_token_claims_options(config: Provider, metadata_issuer: str) -> dict:
    """What the ID token must say beyond its signature, nonce and times: our provider issued it, for us."""
    return {
        "iss": {"essential": True, "value": metadata_issuer},
        "aud": {"essential": True, "value": config.client_id},
        "sub": {"essential": True},
    }
