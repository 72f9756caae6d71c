"""The 2025 plan of 浦政办发〔2025〕2号 (product.md §2), drafted through the services as 区政府办 would."""

import datetime as dt

import pytest

from portal.planning.services import add_row, create_plan
from tests.factories import UnitFactory
from tests.notice_2025 import ROWS_2025

PLAN_2025 = {
    "year": 2025,
    "title": "2025年浦口区政府门户网站在线访谈活动实施方案",
    "doc_number": "浦政办发〔2025〕2号",
    "notice_title": "区政府办公室关于印发2025年浦口区政府门户网站在线访谈活动实施方案的通知",
    "contact_name": "杨慧",
    "contact_phone": "025-58311686",
    "issued_on": dt.date(2025, 4, 7),
    "printed_on": dt.date(2025, 4, 8),
    "cc": "区融媒体中心",
}


@pytest.fixture
def plan_2025(units, coordinator):
    """The 2025 plan as a draft with its eight rows."""
    plan = create_plan(actor=coordinator, **PLAN_2025)
    for _seq, month, topic, lead, co in ROWS_2025:
        add_row(
            plan,
            actor=coordinator,
            month=month,
            topic=topic,
            lead_unit=UnitFactory(name=lead),
            co_units=[UnitFactory(name=name) for name in co],
        )
    return plan
