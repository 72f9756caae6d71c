"""Serving a stored file with HTTP Range requests (RFC 9110 §14), so browsers can seek in a video.

With FileSystemStorage (development, tests, a single server) the file is read from disk: 200 for the
whole, 206 with Content-Range for a byte range, 416 with ``Content-Range: bytes */size`` for a range
that cannot be served, ETag and Last-Modified for caches and If-Range. With storage that has no local
path (S3-compatible), the response redirects to the storage's URL, a presigned one for private buckets;
that storage then answers the range requests itself.
"""

import os
import re

from django.http import FileResponse, HttpResponse, HttpResponseNotModified, HttpResponseRedirect, StreamingHttpResponse
from django.utils.http import http_date

_BYTES_RANGE = re.compile(r"^(\d*)-(\d*)$")
CHUNK = 256 * 1024


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte range a Range header asks for, or None to send the whole file.

    A unit other than bytes, and several ranges at once, are ignored (the whole file is a valid
    answer); a malformed or unsatisfiable byte range raises RangeNotSatisfiable.
    """
    if not header:
        return None
    unit, sep, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes":
        return None
    if not sep or "," in spec:
        if not sep:
            raise RangeNotSatisfiable
        return None
    match = _BYTES_RANGE.match(spec.strip())
    if match is None or match.group(0) == "-":
        raise RangeNotSatisfiable
    first, last = match.groups()
    if not first:  # suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def _read(path: str, start: int, length: int):
    with open(path, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data


def local_path(storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def ranged_response(request, storage, name: str, content_type: str, *, cache_control: str) -> HttpResponse:
    path = local_path(storage, name)
    if path is None:
        return HttpResponseRedirect(storage.url(name))
    stat = os.stat(path)
    size = stat.st_size
    etag = f'"{size:x}-{stat.st_mtime_ns:x}"'
    last_modified = http_date(stat.st_mtime)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        range_header = request.headers.get("Range")
        if_range = request.headers.get("If-Range")
        if if_range and if_range not in (etag, last_modified):
            range_header = None  # the client's copy is stale: send the whole file
        try:
            byte_range = parse_range(range_header, size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
        else:
            if byte_range is None:
                response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115 -- closed by the response
            else:
                start, end = byte_range
                response = StreamingHttpResponse(
                    _read(path, start, end - start + 1), status=206, content_type=content_type
                )
                response["Content-Range"] = f"bytes {start}-{end}/{size}"
                response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = cache_control
    return response
