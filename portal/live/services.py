"""The live console's actions: start and end, drafts, publish, correct, withdraw, highlight, link questions.

Every action checks ``live.operate`` on the interview, takes the interview's live lock (publishing.locked_session),
writes its LiveEvent in the same transaction when viewers must see it (publishing.record_event, published once
after commit) and logs the staff action. Nothing viewers saw changes silently: a correction shows “已更正” and a
withdrawal “已撤回”, each with its time.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.core.images import clean_photo
from portal.interviews.enums import FILED_REFUSAL, InterviewState
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview
from portal.live.enums import EntryStatus, EventKind, Speaker
from portal.live.exceptions import LiveRefused
from portal.live.models import LiveEntry, LivePhoto, LiveSession
from portal.live.publishing import locked_session, record_event
from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.exceptions import AnswerRefused
from portal.questions.models import Question
from portal.questions.services.answers import mark_answered_live

TEXT_MAX = 5000
MAX_PHOTOS = 9
CLOSED_STATES = frozenset({InterviewState.CANCELLED, InterviewState.FILED})


def require(actor, interview: Interview) -> None:
    if not actor.has_perm("live.operate", interview):
        raise PermissionDenied


def _writable(interview: Interview) -> Interview:
    interview = Interview.objects.get(pk=interview.pk)
    if interview.state == InterviewState.FILED:
        raise LiveRefused(str(FILED_REFUSAL))
    if interview.state in CLOSED_STATES:
        raise LiveRefused(_("“%(state)s”的访谈不能再修改直播内容。") % {"state": interview.get_state_display()})
    return interview


def _locked_entry(entry: LiveEntry) -> LiveEntry:
    return LiveEntry.objects.select_for_update().select_related("interview").get(pk=entry.pk)


# --- The live itself -------------------------------------------------------------------------------


@transaction.atomic
def start_live(interview: Interview, *, actor) -> Interview:
    """Start the broadcast (the interview becomes 直播中) and tell viewers."""
    require(actor, interview)
    interview = transition_interview(interview, InterviewState.LIVE, actor=actor)
    session = locked_session(interview)
    session.started_at = timezone.now()
    session.save(update_fields=["started_at"])
    record_event(session, EventKind.STARTED, actor=actor)
    return interview


@transaction.atomic
def end_live(interview: Interview, *, actor) -> Interview:
    """End the broadcast (已结束); entries added afterwards are marked 补录."""
    require(actor, interview)
    interview = transition_interview(interview, InterviewState.ENDED, actor=actor)
    session = locked_session(interview)
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at"])
    record_event(session, EventKind.ENDED, actor=actor)
    return interview


@transaction.atomic
def update_session(interview: Interview, *, actor, stream_url: str) -> LiveSession:
    require(actor, interview)
    _writable(interview)
    session = locked_session(interview)
    stream_url = (stream_url or "").strip()
    if session.stream_url == stream_url:
        raise LiveRefused(_("视频直播地址没有变化。"), field="stream_url")
    session.stream_url = stream_url
    session.save(update_fields=["stream_url"])
    log_action(interview, "live.session.updated", actor=actor, data={"stream_url": stream_url})
    return session


# --- Entries ---------------------------------------------------------------------------------------


def _clean(interview: Interview, *, speaker: str, guest, question, text: str, has_photos: bool) -> dict:
    text = (text or "").replace("\r\n", "\n").strip()
    if speaker not in Speaker.values:
        raise LiveRefused(_("请选择发言人。"), field="speaker")
    if speaker == Speaker.GUEST:
        if guest is None or guest.interview_id != interview.pk:
            raise LiveRefused(_("请选择本期访谈的嘉宾。"), field="guest")
        name = guest.name
    else:
        guest = None
    if speaker == Speaker.NETIZEN:
        if question is None or question.interview_id != interview.pk or question.state != QuestionState.PUBLISHED:
            raise LiveRefused(_("请选择本期访谈已发布的网友提问。"), field="question")
        name = question.nickname
    else:
        question = None
    if speaker == Speaker.HOST:
        name = interview.host_name
    if not text and not has_photos and question is None:
        raise LiveRefused(_("请填写内容或上传照片。"), field="text")
    if len(text) > TEXT_MAX:
        raise LiveRefused(_("内容不能超过%(n)s个字。") % {"n": TEXT_MAX}, field="text")
    return {"speaker": speaker, "guest": guest, "question": question, "text": text, "speaker_name": name}


def _answers(interview: Interview, questions) -> list[Question]:
    questions = list(questions or [])
    if any(q.interview_id != interview.pk or q.state != QuestionState.PUBLISHED for q in questions):
        raise LiveRefused(_("只能关联本期访谈已发布的网友提问。"), field="answers")
    return questions


def _add_photos(entry: LiveEntry, photos, caption: str) -> None:
    photos = list(photos or [])
    if entry.photos.count() + len(photos) > MAX_PHOTOS:
        raise LiveRefused(_("每条最多%(n)s张照片。") % {"n": MAX_PHOTOS}, field="photos")
    start = entry.photos.count()
    for index, upload in enumerate(photos):
        cleaned = clean_photo(upload, name_stem=f"live-{get_random_string(12).lower()}")  # ValidationError: the view
        LivePhoto.objects.create(
            entry=entry, image=cleaned, caption=(caption or "").strip()[:100], sort_order=start + index
        )


@transaction.atomic
def save_entry(
    interview: Interview,
    *,
    actor,
    entry: LiveEntry | None = None,
    speaker: str,
    guest=None,
    question=None,
    text: str = "",
    photos=(),
    photo_caption: str = "",
    answers=(),
    is_highlight: bool = False,
    publish: bool = False,
) -> LiveEntry:
    """Save a new entry or change a draft; with ``publish`` it goes out at once (发布), else stays a draft."""
    require(actor, interview)
    interview = _writable(interview)
    session = locked_session(interview)
    if entry is not None:
        entry = _locked_entry(entry)
        if entry.interview_id != interview.pk:
            raise PermissionDenied
        if entry.status != EntryStatus.DRAFT:
            raise LiveRefused(_("该条目已发布，请使用“更正”修改。"))
    has_photos = bool(photos) or (entry is not None and entry.photos.exists())
    data = _clean(interview, speaker=speaker, guest=guest, question=question, text=text, has_photos=has_photos)
    questions = _answers(interview, answers)
    created = entry is None
    if created:
        entry = LiveEntry(interview=interview, created_by=actor)
    for name, value in data.items():
        setattr(entry, name, value)
    entry.is_highlight = bool(is_highlight)
    entry.updated_by = actor
    entry.save()
    _add_photos(entry, photos, photo_caption)
    entry.answers.set(questions)
    if not publish or not created:
        log_action(interview, "live.entry.drafted", actor=actor, data={"entry": entry.pk, "text": entry.text[:100]})
    if publish:
        return _publish(session, interview, entry, actor=actor)
    return entry


def post_entry(interview: Interview, *, actor, **fields) -> LiveEntry:
    """Write and publish an entry in one go."""
    return save_entry(interview, actor=actor, publish=True, **fields)


@transaction.atomic
def publish_draft(entry: LiveEntry, *, actor) -> LiveEntry:
    """Publish a prepared draft with one action (预录 content, the next item of the script)."""
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    session = locked_session(interview)
    entry = _locked_entry(entry)
    if entry.status != EntryStatus.DRAFT:
        raise LiveRefused(_("该条目已经发布。"))
    return _publish(session, interview, entry, actor=actor)


def _publish(session: LiveSession, interview: Interview, entry: LiveEntry, *, actor) -> LiveEntry:
    if interview.state == InterviewState.LIVE:
        entry.is_backfill = False
    elif interview.state == InterviewState.ENDED:
        entry.is_backfill = True  # 补录: added after the broadcast, marked as such
    else:
        raise LiveRefused(_("直播开始后才能发布条目，可先存为草稿。"))
    entry.status = EntryStatus.PUBLISHED
    entry.published_at = timezone.now()
    entry.published_seq = session.last_seq + 1  # the number record_event gives this change
    entry.updated_by = actor
    entry.save()
    event = record_event(session, EventKind.PUBLISHED, actor=actor, entry=entry)
    log_action(
        interview,
        "live.entry.published",
        actor=actor,
        data={"entry": entry.pk, "seq": event.seq, "backfill": entry.is_backfill, "text": entry.text[:100]},
    )
    _mark_answered(entry, entry.answers.all(), actor=actor)
    return entry


def _mark_answered(entry: LiveEntry, questions, *, actor) -> None:
    """The questions an entry answers become “answered live” (the questions app's own service does it)."""
    ref = reverse("website:interview-detail", args=[entry.interview_id]) + f"#{entry.dom_id}"
    for question in questions:
        if question.answer_root.answer_status != AnswerStatus.UNANSWERED:
            continue
        try:
            mark_answered_live(question, actor=actor, entry_ref=ref)
        except AnswerRefused:
            continue  # answered meanwhile, or no longer published: nothing to mark


@transaction.atomic
def correct_entry(
    entry: LiveEntry,
    *,
    actor,
    speaker: str,
    guest=None,
    question=None,
    text: str = "",
    photos=(),
    photo_caption="",
    remove_photos=(),
    note: str = "",
) -> LiveEntry:
    """Change a published entry; viewers see it replaced, marked “已更正” with the time."""
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    session = locked_session(interview)
    entry = _locked_entry(entry)
    if entry.status != EntryStatus.PUBLISHED:
        raise LiveRefused(_("只能更正已发布的条目。"))
    removing = list(entry.photos.filter(pk__in=[p.pk if hasattr(p, "pk") else p for p in remove_photos or []]))
    keeps_photos = entry.photos.count() - len(removing) + len(photos or []) > 0
    data = _clean(interview, speaker=speaker, guest=guest, question=question, text=text, has_photos=keeps_photos)
    before = {name: getattr(entry, name) for name in data}
    if before == data and not photos and not removing:
        raise LiveRefused(_("内容没有变化。"), field="text")
    for name, value in data.items():
        setattr(entry, name, value)
    for photo in removing:
        photo.image.delete(save=False)
        photo.delete()
    _add_photos(entry, photos, photo_caption)
    entry.corrected_at = timezone.now()
    entry.updated_by = actor
    entry.save()
    event = record_event(session, EventKind.CORRECTED, actor=actor, entry=entry)
    log_action(
        interview,
        "live.entry.corrected",
        actor=actor,
        data={"entry": entry.pk, "seq": event.seq, "from": before["text"][:200], "to": entry.text[:200], "note": note},
    )
    return entry


@transaction.atomic
def withdraw_entry(entry: LiveEntry, *, actor, reason: str = "") -> LiveEntry:
    """Take a published entry back; viewers keep a “已撤回” mark with the time in its place."""
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    session = locked_session(interview)
    entry = _locked_entry(entry)
    if entry.status != EntryStatus.PUBLISHED:
        raise LiveRefused(_("只能撤回已发布的条目。"))
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawn_at = timezone.now()
    entry.updated_by = actor
    entry.save()
    event = record_event(session, EventKind.WITHDRAWN, actor=actor, entry=entry)
    log_action(
        interview, "live.entry.withdrawn", actor=actor, data={"entry": entry.pk, "seq": event.seq, "reason": reason}
    )
    return entry


@transaction.atomic
def set_highlight(entry: LiveEntry, *, actor, on: bool) -> LiveEntry:
    """Mark or unmark a key point (精彩观点); a published entry changes for viewers at once."""
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    session = locked_session(interview)
    entry = _locked_entry(entry)
    if entry.status == EntryStatus.WITHDRAWN:
        raise LiveRefused(_("已撤回的条目不能设为精彩观点。"))
    if entry.is_highlight == on:
        raise LiveRefused(_("该条目已经是精彩观点。") if on else _("该条目不是精彩观点。"))
    entry.is_highlight = on
    entry.updated_by = actor
    entry.save(update_fields=["is_highlight", "updated_by", "updated_at"])
    data = {"entry": entry.pk}
    if entry.status == EntryStatus.PUBLISHED:
        kind = EventKind.HIGHLIGHTED if on else EventKind.UNHIGHLIGHTED
        data["seq"] = record_event(session, kind, actor=actor, entry=entry).seq
    log_action(interview, "live.entry.highlighted" if on else "live.entry.unhighlighted", actor=actor, data=data)
    return entry


@transaction.atomic
def link_questions(entry: LiveEntry, *, actor, questions) -> LiveEntry:
    """Record which netizen questions an entry answers; once published they become “answered live”."""
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    locked_session(interview)
    entry = _locked_entry(entry)
    questions = _answers(interview, questions)
    new = [q for q in questions if not entry.answers.filter(pk=q.pk).exists()]
    if not new:
        raise LiveRefused(_("请选择尚未关联的网友提问。"), field="answers")
    entry.answers.add(*new)
    log_action(
        interview,
        "live.entry.questions_linked",
        actor=actor,
        data={"entry": entry.pk, "questions": "、".join(q.formatted_receipt_code for q in new)},
    )
    if entry.status == EntryStatus.PUBLISHED:
        _mark_answered(entry, new, actor=actor)
    return entry


@transaction.atomic
def delete_draft(entry: LiveEntry, *, actor) -> None:
    require(actor, entry.interview)
    interview = _writable(entry.interview)
    locked_session(interview)
    entry = _locked_entry(entry)
    if entry.status != EntryStatus.DRAFT:
        raise LiveRefused(_("已发布的条目不能删除，只能撤回。"))
    log_action(interview, "live.entry.draft_deleted", actor=actor, data={"entry": entry.pk, "text": entry.text[:100]})
    for photo in entry.photos.all():
        photo.image.delete(save=False)
    entry.delete()
