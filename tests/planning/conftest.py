"""The 2025 plan of 浦政办发〔2025〕2号 (product.md §2), drafted through the services as 区政府办 would."""

import datetime as dt

import pytest

from portal.planning.services import add_row, create_plan
from tests.factories import UnitFactory

# 序号, month, 访谈内容, 第一责任单位, 配合单位
ROWS_2025 = [
    (1, 4, "强化基金招商，赋能高质量发展", "国资办", ["商务局"]),
    (2, 5, "体育赛事赋能旅游消费", "文旅局", []),
    (3, 6, "校家社协同育人", "教育局", ["卫健委"]),
    (4, 7, "渐进式延迟退休政策解读", "社保中心", ["人社局"]),
    (5, 8, "执法改革，浦口先行——浦口区探索实践“111”综合执法新模式", "综合行政执法局", ["汤泉街道"]),
    (6, 9, "聚焦粮食安全，努力提升农田基础设施水平", "农业农村局", ["永宁街道"]),
    (7, 10, "加快建设现代化经济体系　赋能园区高质量发展", "开发区", []),
    (8, 11, "城镇燃气“安心用气工程”", "城建局", ["桥林街道"]),
]

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
