"""Verified identities (后台实名): who stands behind a question, known to nobody but the system."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerifiedIdentity(models.Model):
    """A person verified by SMS code or an external OpenID Connect login.

    Only a keyed hash of the subject (the mobile number, or the provider's subject id) is stored:
    enough to recognise the same person again, never shown, useless without the server's key.
    """

    provider = models.CharField(_("验证方式"), max_length=100)
    subject_hash = models.CharField(max_length=64)
    first_verified_at = models.DateTimeField(auto_now_add=True)
    last_verified_at = models.DateTimeField()

    class Meta:
        verbose_name = _("实名验证记录")
        verbose_name_plural = _("实名验证记录")
        constraints = [models.UniqueConstraint(fields=["provider", "subject_hash"], name="unique_verified_identity")]

    def __str__(self) -> str:
        return f"{self.provider} · {self.pk}"


class PhoneVerification(models.Model):
    """One SMS code sent to a mobile number: both hashed, valid for minutes, a few attempts."""

    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pk} · {self.created_at:%Y-%m-%d %H:%M}"
