"""The console's actions: numbering, drafts, publish, correct, withdraw, highlight, questions, refusals."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState
from portal.interviews.lifecycle import TransitionRefused
from portal.live import services
from portal.live.enums import EntryStatus, EventKind, Speaker
from portal.live.exceptions import LiveRefused
from portal.live.models import LiveEntry, LiveEvent
from portal.questions.enums import AnswerStatus

pytestmark = pytest.mark.unit


def post(interview, actor, text="欢迎各位网友。", **fields):
    fields.setdefault("speaker", Speaker.HOST)
    return services.post_entry(interview, actor=actor, text=text, **fields)


def seqs(interview):
    return list(LiveEvent.objects.filter(interview=interview).values_list("seq", "kind"))


def jpeg_with_exif() -> SimpleUploadedFile:
    image = Image.new("RGB", (2400, 1800), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def test_start_publish_correct_withdraw_are_numbered_events(live_interview, operator, producer):
    entry = post(live_interview, operator)
    services.correct_entry(entry, actor=producer, speaker=Speaker.HOST, text="欢迎各位网友收看。")
    services.withdraw_entry(entry, actor=operator, reason="重复")
    assert seqs(live_interview) == [
        (1, EventKind.STARTED),
        (2, EventKind.PUBLISHED),
        (3, EventKind.CORRECTED),
        (4, EventKind.WITHDRAWN),
    ]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    assert entry.published_seq == 2
    assert entry.corrected_at
    assert entry.withdrawn_at
    last = LiveEvent.objects.get(interview=live_interview, seq=4)
    assert last.op == "delete"
    assert "已撤回" in last.payload["html"]
    assert "欢迎" not in last.payload["html"]
    corrected = LiveEvent.objects.get(interview=live_interview, seq=3).payload
    assert corrected["op"] == "edit"
    assert "已更正" in corrected["html"]
    assert "欢迎各位网友收看。" in corrected["html"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"live.entry.published", "live.entry.corrected", "live.entry.withdrawn"} <= actions


def test_a_draft_is_no_event_until_published_in_one_action(
    today_interview, operator, guest, django_capture_on_commit_callbacks
):
    draft = services.save_entry(
        today_interview, actor=operator, speaker=Speaker.GUEST, guest=guest, text="预录的回答。"
    )
    assert draft.status == EntryStatus.DRAFT
    assert not LiveEvent.objects.exists()
    with pytest.raises(LiveRefused, match="直播开始后"):
        services.publish_draft(draft, actor=operator)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_live(today_interview, actor=operator)
    entry = services.publish_draft(draft, actor=operator)
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.speaker_name == "张三"
    assert seqs(today_interview) == [(1, EventKind.STARTED), (2, EventKind.PUBLISHED)]
    with pytest.raises(LiveRefused, match="已经发布"):
        services.publish_draft(draft, actor=operator)


def test_entries_after_the_end_are_backfill(live_interview, operator):
    services.end_live(live_interview, actor=operator)
    entry = post(live_interview, operator, text="补充：燃气安全热线 96511。")
    assert entry.is_backfill
    assert "补录" in LiveEvent.objects.get(entry=entry).payload["html"]
    assert seqs(live_interview)[-2:] == [(2, EventKind.ENDED), (3, EventKind.PUBLISHED)]


def test_a_netizen_entry_quotes_the_published_text_and_linking_marks_answered_live(
    live_interview, operator, guest, published_question
):
    quote = post(live_interview, operator, text="", speaker=Speaker.NETIZEN, question=published_question)
    assert "桥林老住户" in LiveEvent.objects.get(entry=quote).payload["html"]
    answer = post(
        live_interview,
        operator,
        text="今年完成改造。",
        speaker=Speaker.GUEST,
        guest=guest,
        answers=[published_question],
    )
    published_question.refresh_from_db()
    assert published_question.answer_status == AnswerStatus.LIVE
    assert published_question.live_entry_ref.endswith(f"#live-entry-{answer.pk}")


def test_highlight_of_a_published_entry_is_an_event(live_interview, operator):
    entry = post(live_interview, operator)
    services.set_highlight(entry, actor=operator, on=True)
    payload = LiveEvent.objects.get(interview=live_interview, seq=3).payload
    assert payload["kind"] == EventKind.HIGHLIGHTED
    assert "精彩观点" in payload["html"]
    with pytest.raises(LiveRefused):
        services.set_highlight(entry, actor=operator, on=True)


def test_photos_are_resized_and_lose_exif(live_interview, operator):
    entry = post(live_interview, operator, photos=[jpeg_with_exif()], photo_caption="访谈现场")
    photo = entry.photos.get()
    with Image.open(photo.image.path) as stored:
        assert max(stored.size) <= 1600
        assert not stored.getexif()
    assert 'alt="访谈现场"' in LiveEvent.objects.get(entry=entry).payload["html"]


def test_a_bad_photo_is_refused_and_nothing_is_saved(live_interview, operator):
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        post(live_interview, operator, photos=[bad])
    assert not LiveEntry.objects.exists()
    assert seqs(live_interview) == [(1, EventKind.STARTED)]


def test_refusals(live_interview, operator, guest, published_question):
    with pytest.raises(LiveRefused, match="内容或上传照片"):
        post(live_interview, operator, text="  ")
    with pytest.raises(LiveRefused, match="嘉宾"):
        post(live_interview, operator, speaker=Speaker.GUEST, guest=None)
    entry = post(live_interview, operator)
    with pytest.raises(LiveRefused, match="没有变化"):
        services.correct_entry(entry, actor=operator, speaker=Speaker.HOST, text=entry.text)
    with pytest.raises(LiveRefused, match="更正"):
        services.save_entry(live_interview, actor=operator, entry=entry, speaker=Speaker.HOST, text="改")
    with pytest.raises(LiveRefused, match="撤回"):
        services.delete_draft(entry, actor=operator)
    services.withdraw_entry(entry, actor=operator)
    with pytest.raises(LiveRefused):
        services.withdraw_entry(entry, actor=operator)


@pytest.mark.parametrize("who", ["editor", "co_editor", "outsider", "coordinator", "auditor"])
def test_only_the_centers_operate_the_live(request, today_interview, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.start_live(today_interview, actor=actor)
    with pytest.raises(PermissionDenied):
        services.save_entry(today_interview, actor=actor, speaker=Speaker.HOST, text="草稿")


def test_the_producer_may_start_and_end(today_interview, producer):
    services.start_live(today_interview, actor=producer)
    services.end_live(today_interview, actor=producer)
    today_interview.refresh_from_db()
    assert today_interview.state == InterviewState.ENDED


def test_start_needs_the_recording_day(units, operator):
    from tests.factories import InterviewFactory  # noqa: PLC0415

    interview = InterviewFactory(lead_unit=units["lead"])
    with pytest.raises(TransitionRefused):
        services.start_live(interview, actor=operator)
    assert not LiveEvent.objects.exists()


def test_publish_after_commit_goes_to_the_broker_once(
    today_interview, operator, memory_broker, monkeypatch, django_capture_on_commit_callbacks
):
    published = []
    monkeypatch.setattr(memory_broker, "publish", lambda *args: published.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.start_live(today_interview, actor=operator)
        post(today_interview, operator)
    assert published == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert [(i, s) for i, s, _data in published] == [(today_interview.pk, 1), (today_interview.pk, 2)]


def test_a_broken_broker_never_fails_the_staff_action(
    today_interview, operator, memory_broker, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(memory_broker, "publish", down)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_live(today_interview, actor=operator)
        entry = post(today_interview, operator)
    assert LiveEvent.objects.filter(entry=entry).exists()
