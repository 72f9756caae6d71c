"""The editable lists (数字治理中心): categories, rejection reasons, 转办 channels, sensitive words.

Entries in use are retired (``is_active=False``), never deleted, so past questions keep their reason.
"""

from collections.abc import Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Category, ForwardChannel, RejectionReason, SensitiveWord
from portal.questions.services.common import require
from portal.questions.services.screening import forget_categories, forget_sensitive_words

EDITABLE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Category: ("name", "sort_order", "is_active"),
    RejectionReason: ("label", "public_text", "sort_order", "is_active"),
    ForwardChannel: ("name", "description", "url", "sort_order", "is_active"),
}
MAX_WORD = 50


@transaction.atomic
def save_list_entry(model: type[models.Model], *, actor, instance=None, **fields):
    """Create (``instance=None``) or change an entry of one of the lists in EDITABLE_FIELDS."""
    require(actor, "questions.manage_lists")
    allowed = EDITABLE_FIELDS[model]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"save_list_entry() cannot set {', '.join(sorted(unknown))}")
    name_field = allowed[0]
    name = str(fields.get(name_field, getattr(instance, name_field, "")) or "").strip()
    if not name:
        raise QuestionsRefused(_("请填写名称。"))
    fields[name_field] = name
    duplicate = model.objects.filter(**{name_field: name})
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise QuestionsRefused(_("“%(name)s”已经存在。") % {"name": name})
    created = instance is None
    instance = instance or model()
    changed = {key: {"from": str(getattr(instance, key, "")), "to": str(value)} for key, value in fields.items()}
    for key, value in fields.items():
        setattr(instance, key, value)
    instance.full_clean()
    instance.save()
    if model is Category:
        forget_categories()
        transaction.on_commit(forget_categories)
    action = f"questions.{model._meta.model_name}.{'created' if created else 'updated'}"
    log_action(instance, action, actor=actor, data={"title": name} if created else changed)
    return instance


def _forget_words() -> None:
    # Now, for the rest of this transaction; and after commit, in case another process cached the old
    # version in between.
    forget_sensitive_words()
    transaction.on_commit(forget_sensitive_words)


def _words(words: Iterable[str]) -> list[str]:
    cleaned = {word.strip() for word in words if word and word.strip()}
    too_long = [word for word in cleaned if len(word) > MAX_WORD]
    if too_long:
        raise QuestionsRefused(_("敏感词不能超过%(n)s个字：%(word)s") % {"n": MAX_WORD, "word": too_long[0]})
    return sorted(cleaned)


@transaction.atomic
def add_sensitive_words(words: Iterable[str], *, actor) -> int:
    """Add words (one or thousands at once); existing ones are skipped. Returns how many were new."""
    require(actor, "questions.manage_lists")
    words = _words(words)
    existing = set(SensitiveWord.objects.filter(word__in=words).values_list("word", flat=True))
    new = [SensitiveWord(word=word) for word in words if word not in existing]
    SensitiveWord.objects.bulk_create(new, batch_size=500)
    if new:
        log_action(None, "questions.sensitive_words.added", actor=actor, data={"rows": len(new)})
        _forget_words()
    return len(new)


@transaction.atomic
def remove_sensitive_words(words: Iterable[str], *, actor) -> int:
    require(actor, "questions.manage_lists")
    removed, _by_model = SensitiveWord.objects.filter(word__in=_words(words)).delete()
    if removed:
        log_action(None, "questions.sensitive_words.removed", actor=actor, data={"rows": removed})
        _forget_words()
    return removed
