"""Rules of the codebase that a reviewer would otherwise have to remember."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.unit]

PORTAL = Path(__file__).resolve().parents[2] / "portal"
# An attribute assignment, a bulk update or a create that sets an interview's state.
STATE_WRITE = re.compile(
    r"(\binterview\w*\.state\s*=[^=])|(\.update\([^)]*\bstate=)|(Interview\.objects\.create\([^)]*\bstate=)"
)


def python_sources():
    return [path for path in PORTAL.rglob("*.py") if "migrations" not in path.parts]


def test_only_the_lifecycle_writes_interview_state():
    # The demo seeder loads history (interviews held before the platform existed) and is exempt.
    allowed = {PORTAL / "interviews" / "lifecycle.py"}
    offenders = [
        f"{path.relative_to(PORTAL)}:{number}"
        for path in python_sources()
        if path not in allowed and "demo" not in path.relative_to(PORTAL).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if STATE_WRITE.search(line) and "InterviewStateChange" not in line
    ]

    assert offenders == []


def test_no_source_file_grows_past_four_hundred_lines():
    long_files = {
        str(path.relative_to(PORTAL)): count
        for path in python_sources()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }

    assert long_files == {}


def test_templates_load_no_third_party_assets():
    templates = list((PORTAL / "templates").rglob("*.html"))
    external = [
        f"{path.relative_to(PORTAL)}: {match.group(0)}"
        for path in templates
        for match in re.finditer(r'<(script|link)[^>]+(src|href)="(https?:)?//[^"]+"', path.read_text(encoding="utf-8"))
    ]

    assert templates
    assert external == []
