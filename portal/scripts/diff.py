"""Two revisions of a script compared item by item, with the changed characters marked.

Items pair by ``key`` where both sides have one (an item keeps its key when it is edited or moved), and
otherwise by similarity of their text, preferring items at nearby positions. Chinese has no spaces between
words, so text is compared character by character; a single unchanged character between two changes is
folded into the change, so that "改造老旧管网" → "新建燃气管道" reads as one replacement rather than two
around a shared "管". The opening and closing are compared as text.
"""

import difflib
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from portal.scripts.document import Paragraph, ScriptDocument, ScriptItem

MIN_EQUAL_RUN = 2  # shorter unchanged runs between two changes are shown as part of the change
MIN_SIMILARITY = 0.45  # below this, an unkeyed old and new item are a removal and an addition, not an edit


class ChangeStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    ChangeStatus.ADDED: _("新增"),
    ChangeStatus.REMOVED: _("删除"),
    ChangeStatus.CHANGED: _("修改"),
    ChangeStatus.MOVED: _("移动"),
    ChangeStatus.UNCHANGED: _("未改动"),
}


class Part(StrEnum):
    OPENING = "opening"
    ITEM = "item"
    CLOSING = "closing"


@dataclass(frozen=True)
class Fragment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class ItemChange:
    """One row of a comparison. For the opening and closing, ``old`` and ``new`` are their paragraphs and the
    whole text (``speaker：text`` lines) is in ``question``; ``answer`` is empty."""

    status: ChangeStatus
    old: ScriptItem | tuple[Paragraph, ...] | None
    new: ScriptItem | tuple[Paragraph, ...] | None
    question: tuple[Fragment, ...] = ()
    answer: tuple[Fragment, ...] = ()
    guest: tuple[Fragment, ...] = ()  # who answers, when that changed
    part: Part = Part.ITEM
    old_position: int | None = None  # 1-based, among items
    new_position: int | None = None
    moved: bool = False  # also true for an item that moved and changed (status CHANGED)

    @property
    def status_label(self) -> str:
        label = self.status.label
        if self.moved and self.status == ChangeStatus.CHANGED:
            label = str(_("移动并修改"))
        return label


@dataclass(frozen=True)
class ChangeSummary:
    added: int = 0
    removed: int = 0
    changed: int = 0
    moved: int = 0
    unchanged: int = 0
    opening_changed: bool = False
    closing_changed: bool = False

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.moved)

    @property
    def has_any_change(self) -> bool:
        return self.has_changes or self.opening_changed or self.closing_changed


class Comparison(list):
    """The list of ItemChange that ``compare`` returns, with its counts for the summary line."""

    @property
    def summary(self) -> ChangeSummary:
        counts = {status.value: 0 for status in ChangeStatus}
        for change in self:
            if change.part == Part.ITEM:
                counts[change.status.value] += 1
        parts = {change.part: change.status != ChangeStatus.UNCHANGED for change in self if change.part != Part.ITEM}
        return ChangeSummary(
            **counts, opening_changed=parts.get(Part.OPENING, False), closing_changed=parts.get(Part.CLOSING, False)
        )


# Character-level highlighting ------------------------------------------------------------------------------


def highlight(old: str, new: str, *, min_equal: int = MIN_EQUAL_RUN) -> tuple[Fragment, ...]:
    """The new text with what was deleted and inserted marked, character by character, tiny runs merged."""
    if old == new:
        return (Fragment("equal", new),) if new else ()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[list] = []  # [changed?, old text, new text]
    opcodes = matcher.get_opcodes()
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        changed = tag != "equal"
        inside = 0 < position < len(opcodes) - 1
        if segments and segments[-1][0] and (changed or (inside and i2 - i1 < min_equal)):
            segments[-1][1] += old[i1:i2]
            segments[-1][2] += new[j1:j2]
        else:
            segments.append([changed, old[i1:i2], new[j1:j2]])
    # (Opcodes alternate, so a short equal run inside the text always lies between two changes.)
    fragments: list[Fragment] = []
    for changed, before, after in segments:
        if not changed:
            fragments.append(Fragment("equal", before))
            continue
        if before:
            fragments.append(Fragment("delete", before))
        if after:
            fragments.append(Fragment("insert", after))
    return tuple(fragments)


def _whole(kind: str, text: str) -> tuple[Fragment, ...]:
    return (Fragment(kind, text),) if text else ()


# Pairing ---------------------------------------------------------------------------------------------------


def _text(item: ScriptItem) -> str:
    return f"{item.question}\n{item.answer}"


def _similarity(old: ScriptItem, new: ScriptItem) -> float:
    matcher = difflib.SequenceMatcher(None, _text(old), _text(new), autojunk=False)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _pairs(old: tuple[ScriptItem, ...], new: tuple[ScriptItem, ...]) -> dict[int, int]:
    """new index → old index for the items that are the same item in both revisions."""
    pairs: dict[int, int] = {}
    old_by_key = {item.key: index for index, item in enumerate(old) if item.key}
    for index, item in enumerate(new):
        if item.key and item.key in old_by_key:
            pairs[index] = old_by_key[item.key]
    taken = set(pairs.values())
    # Unkeyed (or unmatched) items: identical text first, then the most similar, nearest position first.
    candidates = []
    for new_index, new_item in enumerate(new):
        if new_index in pairs:
            continue
        for old_index, old_item in enumerate(old):
            if old_index in taken or (new_item.key and old_item.key):
                continue
            score = 1.0 if _text(old_item) == _text(new_item) else _similarity(old_item, new_item)
            if score >= MIN_SIMILARITY:
                candidates.append((-score, abs(new_index - old_index), new_index, old_index))
    for _score, _distance, new_index, old_index in sorted(candidates):
        if new_index not in pairs and old_index not in taken:
            pairs[new_index] = old_index
            taken.add(old_index)
    return pairs


def _in_place(pairs: dict[int, int]) -> set[int]:
    """The new indexes of the paired items that keep their relative order (a longest increasing run of old
    indexes); the other paired items are the ones that moved."""
    order = sorted(pairs)  # new indexes in order
    olds = [pairs[index] for index in order]
    best: list[list[int]] = []  # best[k]: a longest increasing subsequence ending at position k
    for position, value in enumerate(olds):
        chain = max((best[before] for before in range(position) if olds[before] < value), key=len, default=[])
        best.append([*chain, position])
    longest = max(best, key=len, default=[])
    return {order[position] for position in longest}


def _item_change(old: ScriptItem, new: ScriptItem, old_index: int, new_index: int, moved: bool) -> ItemChange:
    same = (old.question, old.answer, old.guest_name) == (new.question, new.answer, new.guest_name)
    status = ChangeStatus.UNCHANGED if same else ChangeStatus.CHANGED
    if same and moved:
        status = ChangeStatus.MOVED
    guest = (
        ()
        if old.guest_name == new.guest_name
        else (*_whole("delete", old.guest_name), *_whole("insert", new.guest_name))
    )
    return ItemChange(
        status=status,
        old=old,
        new=new,
        question=highlight(old.question, new.question),
        answer=highlight(old.answer, new.answer),
        guest=guest,
        old_position=old_index + 1,
        new_position=new_index + 1,
        moved=moved,
    )


def _spoken(paragraphs: tuple[Paragraph, ...]) -> str:
    return "\n".join(f"{paragraph.speaker}：{paragraph.text}" for paragraph in paragraphs)


def _part_change(part: Part, old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]) -> ItemChange | None:
    if not old and not new:
        return None
    if not old:
        status = ChangeStatus.ADDED
    elif not new:
        status = ChangeStatus.REMOVED
    else:
        status = ChangeStatus.UNCHANGED if old == new else ChangeStatus.CHANGED
    return ItemChange(status=status, old=old, new=new, question=highlight(_spoken(old), _spoken(new)), part=part)


def _one_sided(item: ScriptItem, *, added: bool, position: int) -> ItemChange:
    """An item only the new revision has (all inserted) or only the old one had (all deleted)."""
    kind = "insert" if added else "delete"
    return ItemChange(
        status=ChangeStatus.ADDED if added else ChangeStatus.REMOVED,
        old=None if added else item,
        new=item if added else None,
        question=_whole(kind, item.question),
        answer=_whole(kind, item.answer),
        guest=_whole(kind, item.guest_name),
        new_position=position if added else None,
        old_position=None if added else position,
    )


def compare(old: ScriptDocument, new: ScriptDocument) -> Comparison:
    """The opening, then every item in the new order (removed ones where they stood), then the closing."""
    pairs = _pairs(old.items, new.items)
    in_place = _in_place(pairs)
    paired_old = set(pairs.values())
    rows: list[tuple[float, ItemChange]] = []
    for new_index, item in enumerate(new.items):
        if new_index in pairs:
            old_index = pairs[new_index]
            change = _item_change(old.items[old_index], item, old_index, new_index, new_index not in in_place)
        else:
            change = _one_sided(item, added=True, position=new_index + 1)
        rows.append((new_index, change))
    # A removed item stands after the new item that follows its old predecessor (or first, if it was first).
    new_index_of_old = {old_index: new_index for new_index, old_index in pairs.items()}
    for old_index, item in enumerate(old.items):
        if old_index in paired_old:
            continue
        anchor = next(
            (new_index_of_old[before] for before in range(old_index - 1, -1, -1) if before in new_index_of_old), -1
        )
        change = _one_sided(item, added=False, position=old_index + 1)
        rows.append((anchor + 0.5 + old_index / (len(old.items) + 1) / 2, change))
    comparison = Comparison()
    if opening := _part_change(Part.OPENING, old.opening, new.opening):
        comparison.append(opening)
    comparison.extend(change for _order, change in sorted(rows, key=lambda row: row[0]))
    if closing := _part_change(Part.CLOSING, old.closing, new.closing):
        comparison.append(closing)
    return comparison
