"""The demo interview that has ended gets a short generated video, processed and published for real.

The clip (ffmpeg's test pattern and a tone, 10 s, 320×180) is made at seeding time and goes through
the same path as an upload: chunked session, checks, poster, web rendition (run here directly rather
than on the job runner, so that it is ready when seeding ends), captions drafted from a script, and
publication by the demo operator. Without ffmpeg the demo simply has no video, and seeding says so.
"""

import subprocess
from typing import TYPE_CHECKING

from portal.accounts.models import User
from portal.demo.data import DEMO_INTERVIEWS
from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.scripts.document import Paragraph, ScriptDocument, ScriptItem
from portal.videos.models import Video, upload_dir
from portal.videos.probe import ffmpeg_available, tool
from portal.videos.processing import make_rendition
from portal.videos.services import draft_captions_from_script, publish_video
from portal.videos.sources import final_script_document
from portal.videos.uploads import finish_upload, receive_chunk, start_upload

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

CHUNK = 64 * 1024
DEMO_SCRIPT = ScriptDocument(
    opening=(Paragraph("主持人", "各位网友，大家好！欢迎收看浦口区政府门户网站在线访谈。这是一段演示视频。"),),
    items=(
        ScriptItem(
            question="老旧小区加装电梯，居民需要怎样申请？",
            answer="由单元业主协商一致后向街道提出申请，我们提供全程帮办服务。",
            guest_name="演示嘉宾甲",
        ),
    ),
    closing=(Paragraph("主持人", "感谢各位网友的关注，本期访谈到此结束。"),),
)


def _make_clip(path) -> None:
    args = [
        tool("ffmpeg"), "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc=duration=10:size=320x180:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path),
    ]  # fmt: skip
    subprocess.run(args, check=True, timeout=120, capture_output=True)  # noqa: S603


def seed_demo_video(accounts: dict[str, User], report: "SeedReport") -> Video | None:
    finished = next(spec for spec in DEMO_INTERVIEWS if spec.state == InterviewState.ENDED)
    interview = Interview.objects.filter(is_demo=True, plan_row__topic=finished.topic).first()
    if interview is None or interview.state != InterviewState.ENDED:
        return None
    published = Video.objects.filter(interview=interview, published_at__isnull=False).first()
    if published is not None:
        return published
    if not ffmpeg_available():
        report.warnings.append("未安装 ffmpeg（apt-get install ffmpeg），演示访谈没有视频。")
        return None
    producer, operator = accounts["demo-producer"], accounts["demo-operator"]
    clip = upload_dir() / "demo-clip.mp4"
    try:
        _make_clip(clip)
        data = clip.read_bytes()
    finally:
        clip.unlink(missing_ok=True)
    session = start_upload(interview, actor=producer, filename="演示视频.mp4", total_size=len(data))
    for offset in range(0, len(data), CHUNK):
        session = receive_chunk(session, actor=producer, offset=offset, data=data[offset : offset + CHUNK])
    video = finish_upload(session, actor=producer)
    make_rendition(video.pk)
    video.refresh_from_db()
    if not video.is_ready:
        report.warnings.append(f"演示视频转码失败：{video.rendition_error}")
        return video
    document = final_script_document(interview) or DEMO_SCRIPT
    video = draft_captions_from_script(video, actor=producer, document=document)
    video = publish_video(video, actor=operator)
    report.created.append(f"演示视频 {interview}")
    return video
