"""An interview of 城建局 (with 桥林街道) whose R is set, seen on 2025-09-01 at 10:00."""

import pytest

from portal.interviews.enums import StepKind
from portal.interviews.scheduling import set_recording_date
from tests.factories import at

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 20, 14, 30)
LATER_R = at(2025, 11, 3, 14, 30)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def scheduled(interview, coordinator):
    """R set to 2025-10-20: the draft script (起草访谈稿) is due 2025-10-13, owned by 城建局 and 桥林街道."""
    return set_recording_date(interview, R, actor=coordinator)


@pytest.fixture
def draft(scheduled):
    step = scheduled.steps.get(kind=StepKind.DRAFT)
    assert str(step.due_date) == "2025-10-13"
    return step
