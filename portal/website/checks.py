"""System checks of the public website's settings."""

from django.conf import settings
from django.core.checks import Warning, register

from portal.questions.enums import IdentityMode
from portal.website.oidc import PROVIDER_ID, provider


@register("portal")
def oidc_client_check(app_configs, **kwargs):
    """With PORTAL_QUESTION_IDENTITY=oidc and no client configured, nobody can ask a question."""
    if settings.PORTAL_QUESTION_IDENTITY != IdentityMode.OIDC or provider() is not None:
        return []
    missing = [
        name
        for name, value in (
            ("PORTAL_OIDC_PROVIDER", PROVIDER_ID.match(settings.PORTAL_OIDC_PROVIDER)),
            ("PORTAL_OIDC_CLIENT_ID", settings.PORTAL_OIDC_CLIENT_ID),
            ("PORTAL_OIDC_METADATA_URL", settings.PORTAL_OIDC_METADATA_URL),
        )
        if not value
    ]
    return [
        Warning(
            f"PORTAL_QUESTION_IDENTITY is oidc but {', '.join(missing)} is missing or invalid; "
            "the question box says that login is not available and accepts no questions.",
            hint="Set the PORTAL_OIDC_* variables (docs/developer/settings.md); the provider id is a short "
            "lower-case name such as jszwfw.",
            id="website.W001",
        )
    ]
