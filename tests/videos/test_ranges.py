"""Parsing the Range header (RFC 9110 §14.1.2) against a file of 1000 bytes."""

import pytest
from django.core.files.storage import Storage
from django.test import RequestFactory

from portal.videos.ranges import RangeNotSatisfiable, parse_range, ranged_response

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("bytes=0-99", (0, 99)),
        ("bytes=500-599", (500, 599)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=900-", (900, 999)),
        ("bytes=990-5000", (990, 999)),
        ("items=0-5", None),  # another unit: ignored, the whole file
        ("bytes=0-1,5-6", None),  # several ranges: the whole file is a valid answer
    ],
)
def test_satisfiable_ranges(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5-2", "bytes=-0", "bytes=abc", "bytes=-", "bytes"])
def test_unsatisfiable_or_malformed_ranges(header):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, 1000)


def test_an_empty_file_satisfies_no_range():
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-10", 0)


class RemoteStorage(Storage):
    """Storage without local paths, as django-storages' S3Storage: only URLs (presigned for private buckets)."""

    def url(self, name):
        return f"https://objects.example.org/bucket/{name}?X-Amz-Signature=abc"


def test_storage_without_local_paths_redirects_to_its_url():
    response = ranged_response(
        RequestFactory().get("/"), RemoteStorage(), "videos/1/web.mp4", "video/mp4", cache_control=""
    )

    assert response.status_code == 302
    assert response["Location"] == "https://objects.example.org/bucket/videos/1/web.mp4?X-Amz-Signature=abc"
