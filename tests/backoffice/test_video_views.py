"""The 后期视频 page and the chunked upload's endpoints, through the test client."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.videos.enums import UploadStatus
from portal.videos.models import UploadSession, Video
from tests.videos.support import sha256

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def page(interview):
    return reverse("backoffice:video-page", args=[interview.pk])


def create(client, interview, **payload):
    url = reverse("backoffice:video-upload-create", args=[interview.pk])
    return client.post(url, json.dumps(payload), content_type="application/json")


def chunk_url(interview, session_id):
    return reverse("backoffice:video-upload", args=[interview.pk, session_id])


def put(client, interview, session_id, data: bytes, start: int, total: int):
    header = f"bytes {start}-{start + len(data) - 1}/{total}"
    return client.put(
        chunk_url(interview, session_id), data, content_type="application/octet-stream", HTTP_CONTENT_RANGE=header
    )


def test_the_media_center_uploads_in_chunks_and_resumes(
    client, producer, ended_interview, sample_mp4, django_capture_on_commit_callbacks
):
    data = sample_mp4.read_bytes()
    client.force_login(producer)
    started = create(client, ended_interview, filename="终版.mp4", size=len(data), sha256=sha256(data))
    assert started.status_code == 200
    session_id = started.json()["id"]
    assert started.json()["received"] == 0
    assert started.json()["chunk_size"] > 0

    assert put(client, ended_interview, session_id, data[:5000], 0, len(data)).json()["received"] == 5000
    # A chunk past what the server has is refused with the offset to go on from.
    gap = put(client, ended_interview, session_id, data[9000:10000], 9000, len(data))
    assert gap.status_code == 409
    assert gap.json()["expected"] == 5000
    # After an interruption the client asks, then sends the rest (the query-string form works too).
    assert client.get(chunk_url(ended_interview, session_id)).json()["received"] == 5000
    rest = client.put(
        chunk_url(ended_interview, session_id) + "?offset=5000", data[5000:], content_type="application/octet-stream"
    )
    assert rest.json()["received"] == len(data)

    with django_capture_on_commit_callbacks(execute=True):
        finished = client.post(reverse("backoffice:video-upload-finish", args=[ended_interview.pk, session_id]))

    assert finished.status_code == 200
    video = Video.objects.get()
    assert finished.json()["redirect"].endswith(f"#video-{video.pk}")
    assert video.sha256 == sha256(data)
    shown = client.get(page(ended_interview)).text
    assert "已通过检查" in shown
    assert "终版.mp4" in shown
    assert "160×90" in shown
    assert "已就绪" in shown


def test_a_non_video_is_refused_with_a_message(client, producer, ended_interview):
    client.force_login(producer)
    session_id = create(client, ended_interview, filename="说明.txt", size=600).json()["id"]
    put(client, ended_interview, session_id, "文本".encode() * 100, 0, 600)

    refused = client.post(reverse("backoffice:video-upload-finish", args=[ended_interview.pk, session_id]))

    assert refused.status_code == 422
    assert "不是可播放的视频" in refused.json()["error"]
    assert UploadSession.objects.get().status == UploadStatus.REFUSED
    assert not Video.objects.exists()
    assert "说明.txt" in client.get(page(ended_interview)).text


def test_without_javascript_the_file_is_posted_whole(
    client, producer, ended_interview, sample_mp4, django_capture_on_commit_callbacks
):
    client.force_login(producer)
    upload = SimpleUploadedFile("小样.mp4", sample_mp4.read_bytes(), content_type="video/mp4")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("backoffice:video-upload-form", args=[ended_interview.pk]), {"file": upload})

    assert response.status_code == 302
    assert Video.objects.get().original_filename == "小样.mp4"


def test_without_javascript_a_bad_file_is_refused_on_the_form(client, producer, ended_interview):
    client.force_login(producer)
    upload = SimpleUploadedFile("坏.mp4", b"\x00" * 4000, content_type="video/mp4")

    response = client.post(reverse("backoffice:video-upload-form", args=[ended_interview.pk]), {"file": upload})

    assert response.status_code == 400
    assert 'id="id_upload_file_error"' in response.text
    assert "不是可播放的视频" in response.text


def test_the_operator_publishes_and_the_page_says_so(client, operator, ready_video):
    client.force_login(operator)
    before = client.get(page(ready_video.interview)).text
    assert "发布到访谈页面" in before
    assert "上传并检查" not in before  # only 融媒体中心 uploads

    response = client.post(reverse("backoffice:video-publish", args=[ready_video.interview_id, ready_video.pk]))

    assert response.status_code == 302
    assert Video.objects.get().is_published
    assert "已发布" in client.get(response["Location"]).text


def test_a_refused_unpublish_keeps_the_form(client, operator, published_video):
    client.force_login(operator)
    url = reverse("backoffice:video-unpublish", args=[published_video.interview_id, published_video.pk])

    response = client.post(url, {"reason": ""})

    assert response.status_code == 400
    assert f"id_v{published_video.pk}_unpublish_reason_error" in response.text
    assert Video.objects.get().is_published


def test_bad_captions_come_back_with_the_text_typed(client, producer, ready_video):
    client.force_login(producer)
    url = reverse("backoffice:video-captions-edit", args=[ready_video.interview_id, ready_video.pk])

    response = client.post(url, {"text": "WEBVTT\n\n00:00.000 -> 00:01.000\n我改的字\n"})

    assert response.status_code == 400
    assert "第3行" in response.text
    assert "我改的字" in response.text
    assert Video.objects.get().captions_vtt == ""


def test_the_chapter_offset_is_saved(client, producer, ready_video):
    client.force_login(producer)
    url = reverse("backoffice:video-chapter-offset", args=[ready_video.interview_id, ready_video.pk])

    assert client.post(url, {"offset": "-120"}).status_code == 302
    assert Video.objects.get().chapter_offset == -120
    bad = client.post(url, {"offset": "两分钟"})
    assert bad.status_code == 400
    assert "请输入秒数" in bad.text


def test_staff_preview_the_draft_with_ranges(client, editor, ready_video):
    client.force_login(editor)
    url = reverse("backoffice:video-file", args=[ready_video.interview_id, ready_video.pk, "mp4"])

    response = client.get(url, HTTP_RANGE="bytes=0-9")

    assert response.status_code == 206
    assert len(b"".join(response.streaming_content)) == 10
    assert response["Cache-Control"] == "private, no-cache"


def test_an_outsider_gets_404_everywhere(client, outsider, ready_video):
    client.force_login(outsider)
    interview = ready_video.interview
    session = UploadSession.objects.create(interview=interview, filename="a.mp4", total_size=10)
    urls = [
        page(interview),
        reverse("backoffice:video-status", args=[interview.pk, ready_video.pk]),
        reverse("backoffice:video-file", args=[interview.pk, ready_video.pk, "mp4"]),
        chunk_url(interview, session.pk),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert create(client, interview, filename="a.mp4", size=10).status_code == 404
    assert client.post(reverse("backoffice:video-publish", args=[interview.pk, ready_video.pk])).status_code == 404


def test_the_wrong_center_is_refused(client, operator, producer, editor, ready_video):
    interview = ready_video.interview
    client.force_login(operator)
    assert create(client, interview, filename="a.mp4", size=10).status_code == 403
    client.force_login(editor)
    assert create(client, interview, filename="a.mp4", size=10).status_code == 403
    captions = reverse("backoffice:video-captions-edit", args=[interview.pk, ready_video.pk])
    assert client.post(captions, {"text": ""}).status_code == 403
    client.force_login(producer)
    assert client.post(reverse("backoffice:video-publish", args=[interview.pk, ready_video.pk])).status_code == 403
    assert not Video.objects.get().is_published


def test_the_status_fragment_polls_while_the_rendition_runs(client, producer, ready_video):
    Video.objects.filter(pk=ready_video.pk).update(rendition_status="running", rendition_progress=42)
    client.force_login(producer)

    fragment = client.get(reverse("backoffice:video-status", args=[ready_video.interview_id, ready_video.pk]))

    assert "已完成42%" in fragment.text
    assert "hx-get" in fragment.text
