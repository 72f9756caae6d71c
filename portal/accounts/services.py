"""Writes on units and people."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal.accounts.models import Unit
from portal.audit.services import log_action

# What the 单位通讯录 shows and a unit keeps up to date itself: 分管领导, 责任科室, 联系人.
UNIT_CONTACT_FIELDS = ("leader_name", "leader_post", "section", "contact_name", "contact_phone", "contact_email")


@transaction.atomic
def update_unit(unit: Unit, *, actor, **fields) -> Unit:
    """Change a unit's contact details (区政府办's coordinator, or the unit's own administrator).

    Only the fields of UNIT_CONTACT_FIELDS may change; the name and kind of a unit are the
    administrator's business. Writes an audit entry with what changed, and nothing when nothing did.
    """
    if not actor.has_perm("accounts.change_unit", unit):
        raise PermissionDenied
    unknown = set(fields) - set(UNIT_CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"update_unit() cannot change {', '.join(sorted(unknown))}")
    changed = {}
    for key, value in fields.items():
        if getattr(unit, key) != value:
            changed[key] = {"from": getattr(unit, key), "to": value}
            setattr(unit, key, value)
    if changed:
        unit.save(update_fields=list(changed))
        log_action(unit, "accounts.unit.updated", actor=actor, data=changed)
    return unit
