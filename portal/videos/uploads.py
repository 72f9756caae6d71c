"""Resumable chunked uploads of the post-produced video (融媒体中心), ending in a checked Video.

start_upload() opens a session; receive_chunk() appends bytes at the offset the server has reached
(a chunk it already has is accepted again, a gap is refused with the offset to resume from);
finish_upload() verifies size and optional SHA-256, probes the file, makes the poster, moves the file
into storage and queues the web rendition. A refused file leaves nothing behind but the refusal.
"""

import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.enums import FILED_REFUSAL, InterviewState
from portal.interviews.models import Interview
from portal.videos.enums import UploadStatus
from portal.videos.exceptions import UploadGap, VideoRefused
from portal.videos.files import sha256_of, store
from portal.videos.models import UploadSession, Video, upload_dir
from portal.videos.probe import ProbeRefused, ToolMissing, check_tail, make_poster, probe

UPLOAD_STATES = frozenset({InterviewState.ENDED})
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def require_open_for_video(interview: Interview) -> None:
    if interview.state == InterviewState.FILED:
        raise VideoRefused(str(FILED_REFUSAL))
    if interview.state not in UPLOAD_STATES:
        raise VideoRefused(_("访谈结束后才能上传和发布后期视频（当前状态：%(state)s）。") % {
            "state": interview.get_state_display()
        })  # fmt: skip


def _size_label(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def start_upload(interview: Interview, *, actor, filename: str, total_size: int, sha256: str = "") -> UploadSession:
    if not actor.has_perm("videos.upload_video", interview):
        raise PermissionDenied
    require_open_for_video(interview)
    filename = PurePath(filename.replace("\\", "/")).name.strip()[:255]
    if not filename:
        raise VideoRefused(_("请选择要上传的视频文件。"))
    if total_size <= 0:
        raise VideoRefused(_("文件是空的，请选择后期制作完成的视频文件。"))
    if total_size > settings.PORTAL_MAX_VIDEO_BYTES:
        raise VideoRefused(_("文件过大：不超过%(limit)s。") % {"limit": _size_label(settings.PORTAL_MAX_VIDEO_BYTES)})
    sha256 = sha256.strip().lower()
    if sha256 and not _SHA256.match(sha256):
        raise VideoRefused(_("SHA-256 校验值应为64位十六进制字符。"))
    return UploadSession.objects.create(
        interview=interview, created_by=actor, filename=filename, total_size=total_size, sha256_expected=sha256
    )


def _open_session(session_id, actor) -> UploadSession:
    session = UploadSession.objects.select_for_update().select_related("interview").get(pk=session_id)
    if not actor.has_perm("videos.upload_video", session.interview):
        raise PermissionDenied
    if session.status != UploadStatus.OPEN:
        raise VideoRefused(_("这次上传已经结束（%(status)s），请重新选择文件上传。") % {
            "status": session.get_status_display()
        })  # fmt: skip
    return session


@transaction.atomic
def receive_chunk(session: UploadSession, *, actor, offset: int, data: bytes) -> UploadSession:
    """Write ``data`` at ``offset``; idempotent for bytes already received, refused past the end of them."""
    session = _open_session(session.pk, actor)
    if len(data) > settings.PORTAL_VIDEO_MAX_CHUNK_BYTES:
        raise VideoRefused(_("分片过大。"))
    if offset < 0 or offset + len(data) > session.total_size:
        raise VideoRefused(_("分片超出文件范围（文件共%(size)s字节）。") % {"size": session.total_size})
    if offset > session.received:
        raise UploadGap(
            _("分片不连续：服务器已收到%(received)s字节，请从该位置继续上传。") % {"received": session.received},
            expected=session.received,
        )
    if offset + len(data) > session.received:
        path = session.temp_path
        with open(path, "r+b" if path.exists() else "wb") as handle:
            handle.seek(offset)
            handle.write(data)
        session.received = offset + len(data)
        session.save(update_fields=["received", "updated_at"])
    return session


def _refuse(session: UploadSession, actor, message: str) -> None:
    session.temp_path.unlink(missing_ok=True)
    UploadSession.objects.filter(pk=session.pk).update(status=UploadStatus.REFUSED, error=message)
    log_action(
        session.interview,
        "videos.upload.refused",
        actor=actor,
        data={"file": session.filename, "reason": message},
    )
    raise VideoRefused(message)


def _extension(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return suffix if re.match(r"^\.[a-z0-9]{1,5}$", suffix) else ".bin"


def finish_upload(session: UploadSession, *, actor) -> Video:
    """Check the complete file and turn it into a Video whose web rendition is then made in the background."""
    with transaction.atomic():
        session = _open_session(session.pk, actor)
        require_open_for_video(session.interview)
        if session.received != session.total_size:
            raise VideoRefused(_("文件尚未传完：已收到%(received)s字节，共%(total)s字节。") % {
                "received": session.received, "total": session.total_size
            })  # fmt: skip
    path = session.temp_path
    if not path.exists() or path.stat().st_size != session.total_size:
        _refuse(session, actor, _("收到的文件大小与申报的不一致，请重新上传。"))
    digest = sha256_of(path)
    if session.sha256_expected and digest != session.sha256_expected:
        _refuse(session, actor, _("文件校验值（SHA-256）与原文件不一致，上传过程中数据可能出错，请重新上传。"))
    try:
        info = probe(str(path))
        check_tail(str(path))
        poster_path = upload_dir() / f"{session.pk}.poster.jpg"
        make_poster(str(path), str(poster_path), info.duration * 0.1)
    except ToolMissing as missing:  # the server's fault, not the file's: the upload stays open
        raise VideoRefused(str(missing)) from missing
    except ProbeRefused as refused:
        _refuse(session, actor, str(refused))
    with transaction.atomic():
        session = _open_session(session.pk, actor)
        video = Video(
            interview=session.interview,
            original_filename=session.filename,
            sha256=digest,
            size=session.total_size,
            duration=info.duration,
            width=info.width,
            height=info.height,
            container=info.container[:100],
            video_codec=info.video_codec[:50],
            audio_codec=info.audio_codec[:50],
            uploaded_by=actor,
        )
        store(video.poster, poster_path, "poster.jpg")
        store(video.source, path, f"source{_extension(session.filename)}")
        video.save()
        session.status = UploadStatus.DONE
        session.save(update_fields=["status", "updated_at"])
        log_action(
            session.interview,
            "videos.video.uploaded",
            actor=actor,
            data={
                "file": session.filename,
                "size": session.total_size,
                "duration": round(info.duration, 1),
                "resolution": f"{info.width}×{info.height}",
            },
        )
        transaction.on_commit(lambda: enqueue_rendition(video.pk))
    return video


def enqueue_rendition(video_id: int) -> None:
    from portal.videos.tasks import make_rendition_task  # noqa: PLC0415 -- tasks import the processing module

    make_rendition_task.enqueue(video_id=video_id)
