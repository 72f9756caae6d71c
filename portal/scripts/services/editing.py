"""The working copy: opening, closing and items, edited by the lead unit and its co-units.

Editing stays possible while a revision is under review (the next submission supersedes it) and
stops once the final revision is approved by both centers or the interview is cancelled or filed.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.models import Guest, Interview
from portal.questions.models import Question, RepresentativeQuestion
from portal.scripts.document import HOST_LABEL, ScriptDocument
from portal.scripts.enums import ScriptPart
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import Script, ScriptItem
from portal.scripts.services.common import editable_script, touch
from portal.scripts.snapshot import paragraphs_to_json, text_to_paragraphs

QUESTION_MAX = 2000
ANSWER_MAX = 20000
PART_MAX = 20000


def _clean(text: str, *, limit: int, label: str, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ScriptRefused(_("请填写%(label)s。") % {"label": label})
    if len(text) > limit:
        raise ScriptRefused(_("%(label)s不能超过%(n)s个字。") % {"label": label, "n": limit})
    return text


def _guest(interview: Interview, guest: Guest | None) -> Guest | None:
    if guest is not None and guest.interview_id != interview.pk:
        raise ScriptRefused(_("只能选择本期访谈的嘉宾。"))
    return guest


def _representative(interview: Interview, rep: RepresentativeQuestion | None) -> RepresentativeQuestion | None:
    if rep is not None and rep.interview_id != interview.pk:
        raise ScriptRefused(_("只能关联本期访谈的代表性问题。"))
    return rep


def _next_order(script: Script) -> int:
    return (script.items.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def save_part(interview: Interview, *, actor, part: str, text: str) -> Script:
    """The opening or the closing, one "speaker：text" line per paragraph (the host when unnamed)."""
    if part not in ScriptPart.values:
        raise ScriptRefused(_("未知的访谈稿部分。"))
    label = ScriptPart(part).label
    text = _clean(text, limit=PART_MAX, label=str(label), required=False)
    script = editable_script(interview, actor=actor)
    paragraphs = paragraphs_to_json(text_to_paragraphs(text, HOST_LABEL))
    setattr(script, part, paragraphs)
    script.save(update_fields=[part, "updated_at"])
    touch(script, actor)
    log_action(interview, "scripts.script.part_saved", actor=actor, data={"kind": part, "rows": len(paragraphs)})
    return script


@transaction.atomic
def add_item(
    interview: Interview,
    *,
    actor,
    question: str,
    answer: str = "",
    guest: Guest | None = None,
    representative: RepresentativeQuestion | None = None,
) -> ScriptItem:
    """A question-and-answer item at the end; a representative question brings its netizen questions along."""
    question = _clean(question, limit=QUESTION_MAX, label=_("主持人提问"), required=True)
    answer = _clean(answer, limit=ANSWER_MAX, label=_("嘉宾回答"), required=False)
    script = editable_script(interview, actor=actor)
    item = ScriptItem.objects.create(
        script=script,
        order=_next_order(script),
        question=question,
        answer=answer,
        guest=_guest(interview, guest),
        representative=_representative(interview, representative),
    )
    if representative is not None:
        item.questions.set(representative.questions.all())
    touch(script, actor)
    log_action(interview, "scripts.item.added", actor=actor, data={"title": question[:50], "position": item.order})
    return item


@transaction.atomic
def update_item(
    item: ScriptItem,
    *,
    actor,
    question: str,
    answer: str,
    guest: Guest | None,
    representative: RepresentativeQuestion | None,
) -> ScriptItem:
    """Change an item; choosing another representative question relinks its netizen questions."""
    interview = item.script.interview
    question = _clean(question, limit=QUESTION_MAX, label=_("主持人提问"), required=True)
    answer = _clean(answer, limit=ANSWER_MAX, label=_("嘉宾回答"), required=False)
    script = editable_script(interview, actor=actor)
    item = ScriptItem.objects.select_for_update().get(pk=item.pk, script=script)
    relink = (representative.pk if representative else None) != item.representative_id
    item.question, item.answer = question, answer
    item.guest = _guest(interview, guest)
    if guest is not None:
        item.guest_name = ""
    item.representative = _representative(interview, representative)
    item.save()
    if relink:
        item.questions.set(representative.questions.all() if representative else [])
    touch(script, actor)
    log_action(interview, "scripts.item.updated", actor=actor, data={"title": question[:50], "position": item.order})
    return item


def _renumber(script: Script, ordered: list[ScriptItem]) -> None:
    for position, item in enumerate(ordered, start=1):
        item.order = position
    ScriptItem.objects.bulk_update(ordered, ["order"])


@transaction.atomic
def move_item(item: ScriptItem, *, actor, up: bool) -> ScriptItem:
    interview = item.script.interview
    script = editable_script(interview, actor=actor)
    ordered = list(script.items.order_by("order", "pk"))
    index = next((i for i, other in enumerate(ordered) if other.pk == item.pk), None)
    if index is None:
        raise ScriptRefused(_("该问答已不在访谈稿中，请刷新页面。"))
    target = index - 1 if up else index + 1
    if not 0 <= target < len(ordered):
        raise ScriptRefused(_("该问答已经在最前面。") if up else _("该问答已经在最后面。"))
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(script, ordered)
    touch(script, actor)
    log_action(interview, "scripts.item.moved", actor=actor, data={"title": item.question[:50], "position": target + 1})
    return ordered[target]


@transaction.atomic
def remove_item(item: ScriptItem, *, actor) -> None:
    """Drop an item; the representative and netizen questions it linked stay as they are."""
    interview = item.script.interview
    script = editable_script(interview, actor=actor)
    log_action(interview, "scripts.item.removed", actor=actor, data={"title": item.question[:50]})
    script.items.filter(pk=item.pk).delete()
    _renumber(script, list(script.items.order_by("order", "pk")))
    touch(script, actor)


@transaction.atomic
def add_items_from_representatives(interview: Interview, *, actor) -> list[ScriptItem]:
    """Every representative question not yet in the script becomes an item, in their order, linked."""
    script = editable_script(interview, actor=actor)
    used = set(script.items.exclude(representative=None).values_list("representative_id", flat=True))
    reps = [
        rep
        for rep in interview.representative_questions.prefetch_related("questions").order_by("order", "pk")
        if rep.pk not in used
    ]
    if not reps:
        raise ScriptRefused(_("没有尚未加入访谈稿的代表性问题。请先选定代表性问题。"))
    order = _next_order(script)
    items = []
    for offset, rep in enumerate(reps):
        item = ScriptItem.objects.create(script=script, order=order + offset, question=rep.text, representative=rep)
        item.questions.set(rep.questions.all())
        items.append(item)
    touch(script, actor)
    log_action(interview, "scripts.items.from_representatives", actor=actor, data={"rows": len(items)})
    return items


def _questions_of(interview: Interview, ids: Iterable[int]) -> list[Question]:
    return list(Question.objects.filter(interview=interview, pk__in=list(ids)))


@transaction.atomic
def import_document(interview: Interview, *, actor, doc: ScriptDocument, filename: str = "") -> Script:
    """Replace the working copy with an imported document (DOCX): opening, items and closing.

    Guests are matched by name; an answerer who is not a guest keeps the name as written.
    Items keep links to this interview's netizen questions the document names, if any.
    """
    if not doc.opening and not doc.items and not doc.closing:
        raise ScriptRefused(_("文档中没有找到访谈稿内容（开场、问答或结束语）。"))
    script = editable_script(interview, actor=actor)
    guests = {guest.name: guest for guest in interview.guests.all()}
    script.opening = paragraphs_to_json(doc.opening)
    script.closing = paragraphs_to_json(doc.closing)
    script.save(update_fields=["opening", "closing", "updated_at"])
    script.items.all().delete()
    for order, doc_item in enumerate(doc.items, start=1):
        guest = guests.get(doc_item.guest_name)
        item = ScriptItem.objects.create(
            script=script,
            order=order,
            question=doc_item.question[:QUESTION_MAX],
            answer=doc_item.answer[:ANSWER_MAX],
            guest=guest,
            guest_name="" if guest else doc_item.guest_name[:50],
        )
        if doc_item.question_ids:
            item.questions.set(_questions_of(interview, doc_item.question_ids))
    touch(script, actor)
    log_action(
        interview, "scripts.script.imported", actor=actor, data={"title": filename[:100], "rows": len(doc.items)}
    )
    return script
