"""Parsing the Range header (RFC 9110 §14.1.2) against a file of 1000 bytes."""

import pytest

from portal.videos.ranges import RangeNotSatisfiable, parse_range

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
