"""Fixtures and helpers of the video tests (loaded as a pytest plugin by tests/conftest.py).

Test videos are made with Debian's ffmpeg (lavfi testsrc + sine, two seconds, tiny); without ffmpeg
the tests that need one are skipped with a message saying so.
"""

import hashlib
import subprocess
from pathlib import Path

import pytest

from portal.interviews.enums import InterviewState
from portal.videos.probe import ffmpeg_available
from portal.videos.uploads import finish_upload, receive_chunk, start_upload
from tests.factories import InterviewFactory

NO_FFMPEG = "ffmpeg/ffprobe not installed (apt-get install ffmpeg): video tests skipped"


def make_video(path: Path, *, seconds: int = 2, size: str = "160x90", args: tuple[str, ...] = ()) -> Path:
    if not ffmpeg_available():
        pytest.skip(NO_FFMPEG)
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate=25",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
        *(args or ("-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac")),
        "-shortest", str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True, timeout=60)  # noqa: S603
    return path


@pytest.fixture(scope="session")
def video_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("videos")


@pytest.fixture(scope="session")
def sample_mp4(video_dir) -> Path:
    """H.264/AAC in MP4 with the index at the end (ffmpeg's default): remuxed, not re-encoded."""
    return make_video(video_dir / "sample.mp4")


@pytest.fixture(scope="session")
def sample_avi(video_dir) -> Path:
    """MPEG-4 Part 2 with MP3-less PCM audio in AVI: has to be encoded."""
    return make_video(video_dir / "sample.avi", args=("-c:v", "mpeg4", "-c:a", "pcm_s16le"))


@pytest.fixture
def ended_interview(units):
    """城建局's interview (桥林街道 co-unit) that has been held: the video can be uploaded."""
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], state=InterviewState.ENDED
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(interview, actor, data: bytes, *, filename: str = "final.mp4", chunk: int = 10_000, sha: str = ""):
    """Through the services: open a session, send every chunk, finish. Returns the Video."""
    session = start_upload(interview, actor=actor, filename=filename, total_size=len(data), sha256=sha)
    for offset in range(0, len(data), chunk):
        session = receive_chunk(session, actor=actor, offset=offset, data=data[offset : offset + chunk])
    return finish_upload(session, actor=actor)


@pytest.fixture
def ready_video(ended_interview, producer, sample_mp4, django_capture_on_commit_callbacks):
    """A checked video of ``ended_interview`` whose rendition the (immediate) job has made."""
    with django_capture_on_commit_callbacks(execute=True):
        video = upload(ended_interview, producer, sample_mp4.read_bytes())
    video.refresh_from_db()
    return video


@pytest.fixture
def published_video(ready_video, operator):
    from portal.videos.services import publish_video  # noqa: PLC0415

    return publish_video(ready_video, actor=operator)


def top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4 file's top-level boxes, in file order."""
    boxes = []
    with open(path, "rb") as handle:
        while header := handle.read(8):
            size, kind = int.from_bytes(header[:4], "big"), header[4:8].decode("latin-1")
            boxes.append(kind)
            if size == 1:
                size = int.from_bytes(handle.read(8), "big")
                handle.seek(size - 16, 1)
            elif size == 0:
                break
            else:
                handle.seek(size - 8, 1)
    return boxes
