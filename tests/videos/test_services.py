"""Publication (数字治理中心), captions and chapter offset (融媒体中心): refusals and permissions."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.enums import StepKind, StepStatus
from portal.notifications.models import Notification
from portal.scripts.document import Paragraph, ScriptDocument
from portal.videos.enums import CaptionSource, RenditionStatus
from portal.videos.exceptions import VideoRefused
from portal.videos.models import Video
from portal.videos.services import (
    draft_captions_from_script,
    edit_captions,
    publish_video,
    remove_video,
    set_chapter_offset,
    unpublish_video,
    upload_captions,
)
from portal.videos.webvtt import parse_webvtt

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_publishing_a_ready_video_completes_the_step_and_tells_the_units(
    ready_video, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        video = publish_video(ready_video, actor=operator)

    assert video.is_published
    assert video.interview.steps.get(kind=StepKind.VIDEO).status == StepStatus.DONE
    assert AuditEntry.objects.filter(action="videos.video.published").count() == 1
    assert Notification.objects.filter(title__contains="视频已发布").exists()


def test_only_a_ready_rendition_is_published(ready_video, operator):
    Video.objects.filter(pk=ready_video.pk).update(rendition_status=RenditionStatus.RUNNING)

    with pytest.raises(VideoRefused, match="尚未就绪"):
        publish_video(ready_video, actor=operator)
    assert not Video.objects.filter(published_at__isnull=False).exists()


def test_a_new_cut_replaces_the_published_one(ready_video, operator):
    publish_video(ready_video, actor=operator)
    second = Video.objects.create(
        interview=ready_video.interview,
        original_filename="第二版.mp4",
        source=ready_video.source.name,
        rendition=ready_video.rendition.name,
        rendition_status=RenditionStatus.READY,
        sha256="1" * 64,
        size=1,
        duration=2,
        width=160,
        height=90,
    )

    publish_video(second, actor=operator)

    assert list(Video.objects.filter(published_at__isnull=False)) == [second]


def test_the_media_center_does_not_publish_and_the_digital_center_does_not_caption(ready_video, producer, operator):
    with pytest.raises(PermissionDenied):
        publish_video(ready_video, actor=producer)
    with pytest.raises(PermissionDenied):
        edit_captions(ready_video, actor=operator, text="")
    with pytest.raises(PermissionDenied):
        set_chapter_offset(ready_video, actor=operator, offset=10)


def test_unpublishing_needs_a_reason(published_video, operator):
    with pytest.raises(VideoRefused, match="原因"):
        unpublish_video(published_video, actor=operator, reason=" ")

    unpublish_video(published_video, actor=operator, reason="画面有误，重新剪辑")

    assert not Video.objects.get(pk=published_video.pk).is_published


def test_a_published_video_is_not_removed(published_video, producer):
    with pytest.raises(VideoRefused, match="已发布"):
        remove_video(published_video, actor=producer)


def test_a_draft_video_is_removed_with_its_files(ready_video, producer, django_capture_on_commit_callbacks):
    storage = ready_video.source.storage
    names = [ready_video.source.name, ready_video.poster.name, ready_video.rendition.name]

    with django_capture_on_commit_callbacks(execute=True):
        remove_video(ready_video, actor=producer)

    assert not Video.objects.exists()
    assert not any(storage.exists(name) for name in names)


def test_uploaded_srt_is_stored_as_webvtt(ready_video, producer):
    srt = "1\r\n00:00:00,000 --> 00:00:01,500\r\n大家好\r\n\r\n2\r\n00:00:01,500 --> 00:00:02,000\r\n再见\r\n"

    video = upload_captions(ready_video, actor=producer, data=srt.encode("gb18030"))

    assert video.captions_source == CaptionSource.UPLOADED
    assert [cue.text for cue in parse_webvtt(video.captions_vtt)] == ["大家好", "再见"]


def test_a_bad_caption_file_is_refused_and_the_old_captions_stay(ready_video, producer):
    upload_captions(ready_video, actor=producer, data=b"WEBVTT\n\n00:00.000 --> 00:01.000\nA\n")

    with pytest.raises(VideoRefused, match="第6行"):
        upload_captions(ready_video, actor=producer, data=b"1\n00:00:00,000 --> 00:00:01,000\nA\n\n2\n00:00:02\nB\n")
    assert "A" in Video.objects.get(pk=ready_video.pk).captions_vtt


def test_corrected_captions_are_validated_and_empty_text_removes_them(ready_video, producer):
    with pytest.raises(VideoRefused, match="第1行"):
        edit_captions(ready_video, actor=producer, text="00:00.000 --> 00:01.000\nA")

    video = edit_captions(ready_video, actor=producer, text="WEBVTT\n\n00:00.000 --> 00:01.000\n改好的字幕\n")
    assert video.captions_source == CaptionSource.EDITED
    assert parse_webvtt(video.captions_vtt)[0].text == "改好的字幕"
    assert edit_captions(ready_video, actor=producer, text="").captions_vtt == ""


def test_captions_are_drafted_from_the_final_script(ready_video, producer):
    document = ScriptDocument(opening=(Paragraph("主持人", "各位网友，大家好！欢迎收看在线访谈。"),))

    video = draft_captions_from_script(ready_video, actor=producer, document=document)

    cues = parse_webvtt(video.captions_vtt)
    assert video.captions_source == CaptionSource.DRAFTED
    assert cues[-1].end == pytest.approx(video.duration, abs=0.001)
    with pytest.raises(VideoRefused, match="还没有定稿"):
        draft_captions_from_script(ready_video, actor=producer, document=None)


def test_the_chapter_offset_is_bounded(ready_video, producer):
    assert set_chapter_offset(ready_video, actor=producer, offset=-95.44).chapter_offset == -95.4
    with pytest.raises(VideoRefused, match="6小时"):
        set_chapter_offset(ready_video, actor=producer, offset=30000)
