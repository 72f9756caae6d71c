"""An interview recorded on 2025-10-09, just after 国庆 2025 (10-01 to 10-08 off, 09-28 and 10-11 worked).

R − 3 days is 10-06, a holiday, so the 访谈定稿 deadline moves back to 09-30, the last working day before it.
"""

import pytest

from portal.scripts.models import ScriptReview
from tests.factories import InterviewFactory, at, script_of_length

R = at(2025, 10, 9, 14, 30)
MONDAY = at(2025, 9, 29, 10, 0)  # a working day; two working days later is 09-30 … 10-09 (the holiday)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    return time_machine


@pytest.fixture
def recorded(units, clock):
    """城建局's interview (桥林街道 co-unit) with R on 2025-10-09."""
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], recording_at=R, confirmed=True
    )


@pytest.fixture
def full_script(recorded, settings):
    """A working copy of exactly the minimum length."""
    return script_of_length(recorded, settings.PORTAL_SCRIPT_MIN_CHARS)


def review_of(revision, center: str) -> ScriptReview:
    return revision.reviews.get(center=center)
