"""What intake asks of the text processing (portal/questions/textproc/), with per-process caches.

- The sensitive-word matcher is rebuilt only when the editable list changes: the list's version
  is kept in the shared cache (and dropped by every write to the list), the built matcher in
  this process.
- The category suggester is the newest CategoryModel row, unpickled once per process; the active
  categories it names are copied once per process too, under a version in the shared cache that
  every write to the category list drops.
- Each interview's Grouper lives in this process and catches up from the database (questions
  it has not seen, by id), so several workers group alike.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.crypto import get_random_string

from portal.questions.models import Category, CategoryModel, Question, SensitiveWord
from portal.questions.textproc.classifier import CategorySuggester
from portal.questions.textproc.grouping import Grouper
from portal.questions.textproc.screening import Screening, SensitiveWordMatcher, screen

WORDS_VERSION_KEY = "questions:sensitive-words:version"
MODEL_ID_KEY = "questions:category-model:id"
CATEGORIES_VERSION_KEY = "questions:categories:version"
MAX_GROUPERS = 16

_lock = threading.Lock()
# This process's matcher and suggester, each with the list version or model id it was built from.
_built: dict[str, tuple] = {}


@dataclass
class _InterviewGrouper:
    grouper: Grouper
    last_id: int = 0  # the highest question id fed to the grouper
    seen: set[str] = field(default_factory=set)  # receipt codes fed to it


_groupers: "OrderedDict[int, _InterviewGrouper]" = OrderedDict()


def sensitive_words_version() -> str:
    version = cache.get(WORDS_VERSION_KEY)
    if version is None:
        stats = SensitiveWord.objects.aggregate(n=Count("id"), top=Max("id"), last=Max("updated_at"))
        last = stats["last"].timestamp() if stats["last"] else 0
        version = f"{stats['n']}:{stats['top']}:{last}"
        cache.set(WORDS_VERSION_KEY, version, 300)
    return version


def forget_sensitive_words() -> None:
    """Called by every write to the list, so that the next screening rebuilds the matcher."""
    cache.delete(WORDS_VERSION_KEY)


def sensitive_word_matcher() -> SensitiveWordMatcher:
    version = sensitive_words_version()
    with _lock:
        built = _built.get("matcher")
        if built is None or built[0] != version:
            words = list(SensitiveWord.objects.values_list("word", flat=True))
            built = _built["matcher"] = (version, SensitiveWordMatcher(words))
        return built[1]


def screen_text(text: str) -> Screening:
    return screen(text, matcher=sensitive_word_matcher())


def forget_category_model() -> None:
    cache.delete(MODEL_ID_KEY)


def forget_categories() -> None:
    """Called by every write to the category list, so that intake reads the active categories again."""
    cache.delete(CATEGORIES_VERSION_KEY)


def active_category(name: str) -> Category | None:
    """The active category of that name, from a per-process copy of the (short) list."""
    version = cache.get(CATEGORIES_VERSION_KEY)
    if version is None:
        version = get_random_string(12)
        cache.set(CATEGORIES_VERSION_KEY, version, 300)
    with _lock:
        built = _built.get("categories")
        if built is None or built[0] != version:
            built = _built["categories"] = (version, {c.name: c for c in Category.objects.active()})
        return built[1].get(name)


def category_suggester() -> CategorySuggester | None:
    """The newest trained suggester, or None before any training."""
    model_id = cache.get(MODEL_ID_KEY)
    if model_id is None:
        model_id = CategoryModel.objects.order_by("-trained_at", "-id").values_list("id", flat=True).first() or 0
        cache.set(MODEL_ID_KEY, model_id, 300)
    if not model_id:
        return None
    with _lock:
        built = _built.get("suggester")
        if built is None or built[0] != model_id:
            data = CategoryModel.objects.filter(pk=model_id).values_list("data", flat=True).first()
            if data is None:
                return None
            built = _built["suggester"] = (model_id, CategorySuggester.loads(bytes(data)))
        return built[1]


def _grouper_for(interview_id: int) -> _InterviewGrouper:
    """The interview's grouper, caught up with every question of the interview in the database."""
    entry = _groupers.get(interview_id)
    since = entry.last_id if entry is not None else 0
    newer = list(
        Question.objects.filter(interview_id=interview_id, pk__gte=since)
        .order_by("pk")
        .values_list("pk", "receipt_code", "public_text")
    )
    if entry is not None and since and (not newer or newer[0][0] != since):
        # The question seen last is gone: the database was restored or rolled back under this process.
        del _groupers[interview_id]
        return _grouper_for(interview_id)
    if entry is None:
        entry = _groupers[interview_id] = _InterviewGrouper(Grouper())
        while len(_groupers) > MAX_GROUPERS:
            _groupers.popitem(last=False)
    _groupers.move_to_end(interview_id)
    unseen = [(code, text) for _pk, code, text in newer if code not in entry.seen]
    if unseen:
        entry.grouper.add_many(unseen)  # their groups are in the database; this only teaches the grouper
        entry.seen.update(code for code, _text in unseen)
    if newer:
        entry.last_id = newer[-1][0]
    return entry


def group_key(interview_id: int, receipt_code: str, text: str):
    """Teach the interview's grouper a new question (keyed by its 查询码, before it is saved); its group's key.

    The key is the 查询码 of the group's first question: ``receipt_code`` itself when the question
    starts a group of its own. Call it inside the transaction that saves the question, so that
    on SQLite (whose write lock the transaction holds) no other process adds a question meanwhile.
    """
    with _lock:
        entry = _grouper_for(interview_id)
        key = entry.grouper.add(receipt_code, text)
        entry.seen.add(receipt_code)
    return key


def rename_group_key(interview_id: int, old_code: str, new_code: str) -> None:
    """The question taught to the grouper as ``old_code`` is saved as ``new_code`` (the first was taken)."""
    with _lock:
        entry = _groupers.get(interview_id)
        if entry is not None:
            entry.grouper.rename(old_code, new_code)
            entry.seen.add(new_code)


def current_group(interview_id: int, key: str) -> int | None:
    """The group a question keyed ``key`` by ``group_key`` is in now, so moderators' splits and joins hold.

    None for a key the database does not know (a submission rolled back): the new question then
    starts a group.
    """
    return (
        Question.objects.filter(interview_id=interview_id, receipt_code=key)
        .order_by()
        .values_list("group_id", flat=True)
        .first()
    )


def reset_caches() -> None:
    """Forget every per-process cache (tests, and after restoring a database)."""
    with _lock:
        _built.clear()
        _groupers.clear()
    forget_sensitive_words()
    forget_category_model()
    forget_categories()
