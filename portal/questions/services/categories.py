"""Categories (suggested, then confirmed by staff), the suggester's training, and topic tags."""

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.models import Interview
from portal.questions.enums import EventKind
from portal.questions.exceptions import ModerationRefused
from portal.questions.models import Category, CategoryModel, CategorySample, Question, TopicTag
from portal.questions.services.common import locked, record, refuse_if_filed, require
from portal.questions.services.screening import forget_categories, forget_category_model
from portal.questions.textproc.classifier import CategorySuggester, read_labelled_csv

MIN_LABELS = 2


@transaction.atomic
def confirm_category(question: Question, *, actor, category: Category) -> Question:
    """Staff confirm the suggested category or choose another; confirmed questions teach the suggester."""
    require(actor, "questions.moderate_question", question)
    if not category.is_active:
        raise ModerationRefused(_("请选择有效的分类。"))
    question = locked(question)
    refuse_if_filed(question.interview, ModerationRefused)
    old = question.category.name if question.category_id else ""
    question.category = category
    question.category_confirmed_at = timezone.now()
    question.save(update_fields=["category", "category_confirmed_at", "updated_at"])
    record(question, EventKind.CATEGORY_SET, actor=actor, data={"from": old, "to": category.name})
    _retrain_when_due()
    return question


def _retrain_when_due() -> None:
    from portal.questions.tasks import train_category_suggester_task  # noqa: PLC0415 -- tasks import services

    latest = CategoryModel.objects.order_by("-trained_at", "-id").first()
    confirmed = Question.objects.filter(category_confirmed_at__isnull=False)
    if latest is not None:
        confirmed = confirmed.filter(category_confirmed_at__gt=latest.trained_at)
    if confirmed.count() >= settings.PORTAL_CATEGORY_RETRAIN_EVERY:
        transaction.on_commit(partial(train_category_suggester_task.enqueue))


def training_data() -> tuple[list[str], list[str], int]:
    """(texts, labels, how many of them are confirmed questions): confirmed questions plus bootstrap rows."""
    confirmed = list(
        Question.objects.filter(category_confirmed_at__isnull=False, category__isnull=False).values_list(
            "public_text", "category__name"
        )
    )
    samples = list(CategorySample.objects.order_by("pk").values_list("text", "label"))
    rows = confirmed + samples
    return [text for text, _label in rows], [label for _text, label in rows], len(confirmed)


def train_category_suggester(*, actor=None) -> CategoryModel | None:
    """Train on the deployment's confirmed questions and the bootstrap rows; None if there are too few labels."""
    texts, labels, confirmed = training_data()
    if len(set(labels)) < MIN_LABELS:
        return None
    suggester = CategorySuggester().fit(texts, labels)
    model = CategoryModel.objects.create(
        data=suggester.dumps(),
        sample_count=len(texts),
        confirmed_count=confirmed,
        labels=sorted(set(labels)),
        trained_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(model, "questions.category_model.trained", actor=actor, data={"rows": len(texts)})
    transaction.on_commit(forget_category_model)
    return model


@transaction.atomic
def load_category_samples(path: str, *, replace: bool = False) -> int:
    """Load a labelled CSV (title, detail, label_l1) as bootstrap rows; unknown labels become categories."""
    texts, labels = read_labelled_csv(path)
    if replace:
        CategorySample.objects.all().delete()
    CategorySample.objects.bulk_create(
        [
            CategorySample(text=text, label=label, source=str(path)[:200])
            for text, label in zip(texts, labels, strict=True)
        ]
    )
    known = set(Category.objects.values_list("name", flat=True))
    top = Category.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    for offset, label in enumerate(sorted(set(labels) - known), start=1):
        Category.objects.create(name=label[:30], sort_order=top + offset)
    transaction.on_commit(forget_categories)
    return len(texts)


# --- Topic tags -------------------------------------------------------------------------------


@transaction.atomic
def add_topic_tag(interview: Interview, *, actor, name: str) -> TopicTag:
    require(actor, "questions.manage_topic_tags", interview)
    name = name.strip()
    if not name or len(name) > 30:
        raise ModerationRefused(_("话题标签须为1至30个字。"))
    if TopicTag.objects.filter(interview=interview, name=name).exists():
        raise ModerationRefused(_("话题标签“%(name)s”已经存在。") % {"name": name})
    tag = TopicTag.objects.create(interview=interview, name=name, sort_order=interview.topic_tags.count())
    log_action(interview, "questions.topic_tag.added", actor=actor, data={"title": name})
    return tag


@transaction.atomic
def remove_topic_tag(tag: TopicTag, *, actor) -> None:
    require(actor, "questions.manage_topic_tags", tag.interview)
    log_action(tag.interview, "questions.topic_tag.removed", actor=actor, data={"title": tag.name})
    tag.delete()


@transaction.atomic
def set_question_tags(question: Question, *, actor, tags: Iterable[TopicTag]) -> Question:
    require(actor, "questions.manage_topic_tags", question)
    tags = list(tags)
    if any(tag.interview_id != question.interview_id for tag in tags):
        raise ModerationRefused(_("只能使用本期访谈的话题标签。"))
    question = locked(question)
    old = sorted(question.tags.values_list("name", flat=True))
    question.tags.set(tags)
    record(
        question, EventKind.TAGS_SET, actor=actor, data={"from": "、".join(old), "to": "、".join(t.name for t in tags)}
    )
    return question
