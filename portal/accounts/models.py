from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import OVERSIGHT_KINDS, ROLES_BY_KIND, Role, UnitKind

SINGLETON_UNITS_CACHE_KEY = "accounts:singleton-unit-ids"


class UnitQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> "UnitQuerySet":
        return self.filter(kind=kind)


def singleton_unit_ids() -> dict[str, int]:
    """{unit kind: unit id} of 区政府办 and the two centers, which have one unit each."""
    ids = cache.get(SINGLETON_UNITS_CACHE_KEY)
    if ids is None:
        rows = Unit.objects.exclude(kind=UnitKind.RESPONSIBLE).order_by("-sort_order", "-id").values_list("kind", "id")
        ids = dict(rows)  # the lowest sort order wins, should there ever be two
        cache.set(SINGLETON_UNITS_CACHE_KEY, ids, 300)
    return ids


class Unit(models.Model):
    """A government body taking part: 区政府办, one of the two centers, or a responsible unit."""

    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices, default=UnitKind.RESPONSIBLE)
    leader_name = models.CharField(_("分管领导"), max_length=50, blank=True)
    leader_post = models.CharField(_("分管领导职务"), max_length=100, blank=True)
    section = models.CharField(_("责任科室"), max_length=100, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        cache.delete(SINGLETON_UNITS_CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(SINGLETON_UNITS_CACHE_KEY)
        return result


class User(AbstractUser):
    """A member of staff. Netizens have no accounts."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def unit_roles(self) -> frozenset[tuple[int, str, str]]:
        """(unit id, unit kind, role) of every membership, read once per request."""
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.memberships.values_list("unit_id", "unit__kind", "role"))

    @cached_property
    def unit_ids(self) -> frozenset[int]:
        return frozenset(unit_id for unit_id, _kind, _role in self.unit_roles)

    @property
    def sees_all_interviews(self) -> bool:
        return (self.is_superuser and self.is_active) or any(
            kind in OVERSIGHT_KINDS for _id, kind, _role in self.unit_roles
        )

    def has_role(self, role: str, *, kind: str | None = None, unit_id: int | None = None) -> bool:
        return any(
            r == role and (kind is None or k == kind) and (unit_id is None or u == unit_id)
            for u, k, r in self.unit_roles
        )

    @property
    def must_use_second_factor(self) -> bool:
        """Staff of 区政府办 and the two centers, when the setting makes TOTP mandatory."""
        from django.conf import settings  # noqa: PLC0415 -- tests override the setting per test

        return settings.PORTAL_REQUIRE_2FA_FOR_CENTERS and self.sees_all_interviews


class Membership(models.Model):
    """Gives a person one role in one unit; a person may hold several."""

    user = models.ForeignKey(User, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.unit_id and self.role not in ROLES_BY_KIND[UnitKind(self.unit.kind)]:
            raise ValidationError(
                {
                    "role": _("%(kind)s不设“%(role)s”岗位。")
                    % {"kind": self.unit.get_kind_display(), "role": self.get_role_display()}
                }
            )
