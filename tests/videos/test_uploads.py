"""Chunked, resumable uploads and the checks at the end: a bad or truncated file leaves nothing behind."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState
from portal.videos.enums import UploadStatus
from portal.videos.exceptions import UploadGap, VideoRefused
from portal.videos.models import UploadSession, Video
from portal.videos.uploads import finish_upload, receive_chunk, start_upload
from tests.factories import InterviewFactory
from tests.videos.support import make_video, sha256, upload

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_an_interrupted_upload_resumes_to_the_same_file(ended_interview, producer, sample_mp4):
    data = sample_mp4.read_bytes()
    chunk = 4096
    session = start_upload(
        ended_interview, actor=producer, filename="C:\\剪辑\\终版.mp4", total_size=len(data), sha256=sha256(data)
    )
    for offset in range(0, 3 * chunk, chunk):
        receive_chunk(session, actor=producer, offset=offset, data=data[offset : offset + chunk])
    # The connection drops halfway through the fourth chunk: only part of it arrived.
    receive_chunk(session, actor=producer, offset=3 * chunk, data=data[3 * chunk : 3 * chunk + 1000])

    # After a reload the client asks where to go on from, and resends from there (one chunk twice).
    resumed = UploadSession.objects.get(pk=session.pk)
    assert resumed.received == 3 * chunk + 1000
    receive_chunk(resumed, actor=producer, offset=2 * chunk, data=data[2 * chunk : 3 * chunk])  # already had it
    offset = resumed.received
    while offset < len(data):
        resumed = receive_chunk(resumed, actor=producer, offset=offset, data=data[offset : offset + chunk])
        offset = resumed.received
    video = finish_upload(resumed, actor=producer)

    assert video.sha256 == sha256(data)
    assert video.original_filename == "终版.mp4"
    assert video.size == len(data)
    assert video.source.read() == data
    assert (video.width, video.height) == (160, 90)
    assert video.duration == pytest.approx(2.0, abs=0.1)
    assert video.video_codec == "h264"
    assert video.audio_codec == "aac"
    assert video.poster.read(3) == b"\xff\xd8\xff"  # a JPEG
    assert not resumed.temp_path.exists()
    assert UploadSession.objects.get(pk=session.pk).status == UploadStatus.DONE
    assert AuditEntry.objects.filter(action="videos.video.uploaded").count() == 1


def test_a_gap_is_refused_with_the_offset_to_resume_from(ended_interview, producer):
    session = start_upload(ended_interview, actor=producer, filename="a.mp4", total_size=100)
    receive_chunk(session, actor=producer, offset=0, data=b"x" * 10)

    with pytest.raises(UploadGap) as gap:
        receive_chunk(session, actor=producer, offset=20, data=b"y" * 10)

    assert gap.value.expected == 10
    assert "10" in str(gap.value)
    with pytest.raises(VideoRefused, match="超出文件范围"):
        receive_chunk(session, actor=producer, offset=10, data=b"z" * 91)
    assert UploadSession.objects.get(pk=session.pk).received == 10


def test_finishing_before_every_byte_arrived_is_refused(ended_interview, producer):
    session = start_upload(ended_interview, actor=producer, filename="a.mp4", total_size=100)
    receive_chunk(session, actor=producer, offset=0, data=b"x" * 10)

    with pytest.raises(VideoRefused, match="尚未传完"):
        finish_upload(session, actor=producer)
    assert UploadSession.objects.get(pk=session.pk).status == UploadStatus.OPEN


def _refused(interview, actor, data: bytes, message: str, **kwargs):
    with pytest.raises(VideoRefused, match=message):
        upload(interview, actor, data, **kwargs)
    session = UploadSession.objects.get()
    assert session.status == UploadStatus.REFUSED
    assert not session.temp_path.exists()
    assert not Video.objects.exists()
    assert AuditEntry.objects.filter(action="videos.upload.refused").count() == 1
    with pytest.raises(VideoRefused, match="已经结束"):
        receive_chunk(session, actor=actor, offset=0, data=b"x")
    return session


def test_a_text_file_is_refused(ended_interview, producer):
    _refused(ended_interview, producer, "访谈稿第一稿\n".encode() * 200, "不是可播放的视频", filename="稿子.txt")


def test_a_sound_only_file_is_refused(ended_interview, producer, video_dir):
    path = make_video(video_dir / "sound.m4a", args=("-vn", "-c:a", "aac"))

    _refused(ended_interview, producer, path.read_bytes(), "没有视频画面", filename="sound.m4a")


def test_a_picture_is_refused(ended_interview, producer, video_dir):
    path = make_video(video_dir / "still.png", args=("-frames:v", "1", "-an"))

    _refused(ended_interview, producer, path.read_bytes(), "图片或文本", filename="still.png")


def test_the_first_half_of_a_video_is_refused(ended_interview, producer, sample_mp4):
    data = sample_mp4.read_bytes()

    _refused(ended_interview, producer, data[: len(data) // 2], "不完整")


def test_the_first_half_of_a_video_with_its_index_in_front_is_refused(ended_interview, producer, video_dir):
    path = make_video(video_dir / "faststart.mp4", args=("-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart"))
    data = path.read_bytes()

    session = _refused(ended_interview, producer, data[: len(data) // 2], "结尾部分无法解码")
    assert "结尾部分无法解码" in session.error


def test_a_hash_mismatch_is_refused(ended_interview, producer, sample_mp4):
    data = sample_mp4.read_bytes()

    _refused(ended_interview, producer, data, "SHA-256", sha="0" * 64)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"filename": "", "total_size": 10}, "请选择"),
        ({"filename": "a.mp4", "total_size": 0}, "空的"),
        ({"filename": "a.mp4", "total_size": 10**15}, "过大"),
        ({"filename": "a.mp4", "total_size": 10, "sha256": "abc"}, "64位"),
    ],
)
def test_a_session_needs_a_name_a_size_and_a_proper_hash(ended_interview, producer, kwargs, message):
    with pytest.raises(VideoRefused, match=message):
        start_upload(ended_interview, actor=producer, **kwargs)


def test_only_the_media_center_uploads(ended_interview, operator, editor, outsider):
    for actor in (operator, editor, outsider):
        with pytest.raises(PermissionDenied):
            start_upload(ended_interview, actor=actor, filename="a.mp4", total_size=10)


def test_a_video_waits_for_the_interview_to_end_and_stops_at_filing(units, producer):
    planned = InterviewFactory(lead_unit=units["lead"])
    filed = InterviewFactory(lead_unit=units["lead"], state=InterviewState.FILED)

    with pytest.raises(VideoRefused, match="访谈结束后"):
        start_upload(planned, actor=producer, filename="a.mp4", total_size=10)
    with pytest.raises(VideoRefused, match="已备案"):
        start_upload(filed, actor=producer, filename="a.mp4", total_size=10)
