"""Checking that an uploaded file is a playable video, with ffprobe and ffmpeg (Debian's, in /usr/bin).

probe() reads the container and streams; check_tail() decodes the last seconds, which is where a file
cut short by an interrupted copy or export shows itself (a file whose index is at the front probes
fine even when half of it is missing). make_poster() grabs a frame as a JPEG. Every refusal is a
ProbeRefused with a message for 融媒体中心 in Chinese.
"""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass

from django.utils.translation import gettext as _

PROBE_TIMEOUT = 60
TAIL_TIMEOUT = 120
POSTER_TIMEOUT = 60
# Formats that read a still picture (or text) as a one-frame "video".
STILL_FORMATS = {"image2", "tty", "gif", "apng", "webp_pipe"}
STILL_CODECS = {"ansi", "png", "mjpeg", "bmp", "gif", "webp", "tiff"}
TRUNCATION = re.compile(r"partial file|invalid data|corrupt|truncat|error while decoding|moov atom|end of file", re.I)


class ProbeRefused(Exception):
    """The file is not a playable video; the message says why, in Chinese."""


class ToolMissing(ProbeRefused):
    pass


def tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/bin")
    if path is None:
        raise ToolMissing(_("服务器未安装 %(tool)s，无法检查视频文件，请联系技术支持。") % {"tool": name})
    return path


def ffmpeg_available() -> bool:
    return bool(shutil.which("ffmpeg") or shutil.which("ffmpeg", path="/usr/bin")) and bool(
        shutil.which("ffprobe") or shutil.which("ffprobe", path="/usr/bin")
    )


@dataclass(frozen=True)
class ProbeResult:
    duration: float
    width: int
    height: int
    container: str
    video_codec: str
    audio_codec: str
    pix_fmt: str

    @property
    def is_web_ready(self) -> bool:
        """H.264 (yuv420p) with AAC or no sound, in MP4: only the index has to move to the front."""
        return (
            "mp4" in self.container.split(",")
            and self.video_codec == "h264"
            and self.pix_fmt == "yuv420p"
            and self.audio_codec in {"aac", ""}
        )


def _unreadable() -> str:
    return _("无法读取该文件：它不是可播放的视频，或者文件不完整（上传或导出中断）、已损坏。请检查后重新上传。")


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, capture_output=True, timeout=timeout, check=False)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise ProbeRefused(_("检查视频文件超时，文件可能已损坏。")) from exc


def probe(path: str) -> ProbeResult:
    args = [tool("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    result = _run(args, PROBE_TIMEOUT)
    try:
        data = json.loads(result.stdout or b"{}")
    except ValueError:
        data = {}
    if result.returncode != 0 or "format" not in data:
        raise ProbeRefused(_unreadable())
    streams = data.get("streams") or []
    videos = [
        stream
        for stream in streams
        if stream.get("codec_type") == "video" and not (stream.get("disposition") or {}).get("attached_pic")
    ]
    container = data["format"].get("format_name", "")
    if not videos:
        raise ProbeRefused(
            _("该文件中没有视频画面，不是视频文件（只有声音或根本不是音视频）。请上传后期制作完成的视频。")
        )
    video = videos[0]
    if container in STILL_FORMATS or container.endswith("_pipe") or video.get("codec_name") in STILL_CODECS:
        raise ProbeRefused(_("该文件是图片或文本，不是视频文件。请上传后期制作完成的视频。"))
    try:
        duration = float(data["format"].get("duration") or video.get("duration") or 0)
    except ValueError:
        duration = 0.0
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if duration <= 0 or not width or not height:
        raise ProbeRefused(_("无法读取视频的时长或画面尺寸，文件可能不完整或已损坏。"))
    audio = next((stream for stream in streams if stream.get("codec_type") == "audio"), {})
    return ProbeResult(
        duration=duration,
        width=width,
        height=height,
        container=container,
        video_codec=video.get("codec_name", ""),
        audio_codec=audio.get("codec_name", ""),
        pix_fmt=video.get("pix_fmt", ""),
    )


def check_tail(path: str, seconds: int = 3) -> None:
    """Decode the last seconds: a truncated file fails here even when its index was intact."""
    args = [tool("ffmpeg"), "-nostdin", "-v", "error", "-sseof", f"-{seconds}", "-i", str(path), "-f", "null", "-"]
    result = _run(args, TAIL_TIMEOUT)
    errors = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or TRUNCATION.search(errors):
        raise ProbeRefused(_("视频文件不完整：结尾部分无法解码，可能是上传或导出中断造成的。请检查原文件后重新上传。"))


def make_poster(path: str, output: str, at_seconds: float) -> None:
    """A JPEG of the frame at ``at_seconds`` (at most 1280 pixels wide)."""
    args = [
        tool("ffmpeg"), "-nostdin", "-v", "error", "-y", "-ss", f"{max(at_seconds, 0):.3f}", "-i", str(path),
        "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2", "-q:v", "3", str(output),
    ]  # fmt: skip
    result = _run(args, POSTER_TIMEOUT)
    if result.returncode != 0:
        raise ProbeRefused(_("无法从视频中截取封面画面，文件可能已损坏。"))
