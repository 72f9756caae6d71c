"""The named cast of every test: the three coordinating bodies, two responsible units and their people.

``outsider`` works for a responsible unit that has nothing to do with ``interview``: every
permission test includes them, with data that could leak.
"""

import pytest
from django.core.cache import cache

from portal.accounts.enums import Role, UnitKind
from tests.factories import InterviewFactory, UnitFactory, staff

pytest_plugins = ["tests.videos.support"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def gov_office(db):
    return UnitFactory(name="区政府办", kind=UnitKind.GOV_OFFICE, sort_order=1)


@pytest.fixture
def digital_center(db):
    return UnitFactory(name="区城市数字治理中心", kind=UnitKind.DIGITAL_CENTER, sort_order=2)


@pytest.fixture
def media_center(db):
    return UnitFactory(name="区融媒体中心", kind=UnitKind.MEDIA_CENTER, sort_order=3)


@pytest.fixture
def lead_unit(db):
    return UnitFactory(name="城建局", kind=UnitKind.RESPONSIBLE)


@pytest.fixture
def co_unit(db):
    return UnitFactory(name="桥林街道", kind=UnitKind.RESPONSIBLE)


@pytest.fixture
def outsider_unit(db):
    return UnitFactory(name="文旅局", kind=UnitKind.RESPONSIBLE)


@pytest.fixture
def units(gov_office, digital_center, media_center, lead_unit, co_unit, outsider_unit):
    return {
        "gov_office": gov_office,
        "digital": digital_center,
        "media": media_center,
        "lead": lead_unit,
        "co": co_unit,
        "outsider": outsider_unit,
    }


@pytest.fixture
def coordinator(gov_office):
    return staff(gov_office, Role.COORDINATOR, username="coordinator")


@pytest.fixture
def auditor(gov_office):
    return staff(gov_office, Role.AUDITOR, username="auditor")


@pytest.fixture
def operator(digital_center):
    return staff(digital_center, Role.OPERATOR, username="operator")


@pytest.fixture
def producer(media_center):
    return staff(media_center, Role.PRODUCER, username="producer")


@pytest.fixture
def editor(lead_unit):
    return staff(lead_unit, Role.EDITOR, username="editor")


@pytest.fixture
def co_editor(co_unit):
    return staff(co_unit, Role.EDITOR, username="co_editor")


@pytest.fixture
def outsider(outsider_unit):
    return staff(outsider_unit, Role.EDITOR, username="outsider")


@pytest.fixture
def interview(units):
    """A planned interview of 城建局 with 桥林街道 as co-unit, no R yet."""
    return InterviewFactory(title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]])
