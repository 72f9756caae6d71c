"""The web rendition: H.264/AAC in MP4 with its index (moov) at the front, with ffmpeg's progress.

A source that is already H.264 (yuv420p) with AAC in MP4 is only remuxed (``-c copy``); anything else
is encoded with libx264 (veryfast, CRF 23) and AAC at 128 kb/s. ffmpeg reports its position on stdout
(``-progress pipe:1``); run_ffmpeg() turns it into a percentage of the source's duration.
"""

import subprocess
import tempfile
import time
from collections.abc import Callable

from portal.videos.probe import ProbeResult, tool

# A long interview encodes in well under real time on one core with veryfast; this only stops a hung ffmpeg.
MIN_TIMEOUT = 15 * 60


class RenditionFailed(Exception):
    pass


def rendition_args(source: str, output: str, info: ProbeResult) -> list[str]:
    args = [tool("ffmpeg"), "-nostdin", "-v", "error", "-y", "-i", str(source), "-map", "0:v:0", "-map", "0:a:0?"]
    if info.is_web_ready:
        args += ["-c", "copy"]
    else:
        args += [
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
        ]  # fmt: skip
    return [*args, "-movflags", "+faststart", "-f", "mp4", "-progress", "pipe:1", "-nostats", str(output)]


def parse_progress(line: str, duration: float) -> int | None:
    """A percentage from one ``key=value`` line of ``-progress`` output, or None for other lines."""
    key, _sep, value = line.strip().partition("=")
    if key == "progress" and value == "end":
        return 100
    if key in {"out_time_us", "out_time_ms"} and duration > 0:  # both are microseconds in ffmpeg ≥ 4
        try:
            micros = int(value)
        except ValueError:
            return None
        return max(0, min(99, int(micros / 1_000_000 / duration * 100)))
    return None


def run_ffmpeg(args: list[str], duration: float, on_progress: Callable[[int], None]) -> None:
    """Run ffmpeg, reporting progress (at most once a second, and on each new ten per cent)."""
    timeout = max(MIN_TIMEOUT, duration * 5)
    started = time.monotonic()
    last_report, last_percent = 0.0, -1
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, text=True)  # noqa: S603
        assert process.stdout is not None  # noqa: S101 -- stdout=PIPE
        for line in process.stdout:
            percent = parse_progress(line, duration)
            now = time.monotonic()
            due = percent is not None and (
                percent >= 100 or now - last_report >= 1 or percent // 10 != last_percent // 10
            )
            if due and percent != last_percent:
                on_progress(percent)
                last_report, last_percent = now, percent
            if now - started > timeout:
                process.kill()
                break
        returncode = process.wait()
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip()
    if time.monotonic() - started > timeout:
        raise RenditionFailed(f"timeout after {int(timeout)} s")
    if returncode != 0:
        raise RenditionFailed(message.splitlines()[-1] if message else f"ffmpeg exit status {returncode}")
