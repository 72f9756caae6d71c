import pytest

from portal.notifications.sms import LocmemSmsGateway
from portal.questions.services.screening import reset_caches
from tests.questions.factories import NOW, open_interview


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def _fresh(settings):
    # A person needs a few seconds to fill the form; tests answer at once.
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 0
    reset_caches()
    LocmemSmsGateway.outbox.clear()
    yield
    reset_caches()
    LocmemSmsGateway.outbox.clear()


@pytest.fixture
def smsoutbox():
    return LocmemSmsGateway.outbox


@pytest.fixture
def open_preview(units):
    """城建局's interview with 桥林街道 as co-unit; its preview went out at NOW, so the window is open."""
    return open_interview(title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]])
