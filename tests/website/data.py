"""The 2025 plan of 浦政办发〔2025〕2号 (product.md §2) and helpers that publish interviews, for the public-site tests.

The browser tests build the same data, so it lives here rather than in a conftest.
"""

import datetime as dt

from portal.interviews.enums import StepKind, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.planning.models import Plan
from portal.planning.services import approve_plan
from tests.factories import PlanFactory, PlanRowFactory, UnitFactory
from tests.notice_2025 import ROWS_2025

# Each row without its 序号: month, topic, lead unit, co-units.
PLAN_2025_ROWS = tuple((month, topic, lead, tuple(co_units)) for _seq, month, topic, lead, co_units in ROWS_2025)

# The table as the public page must print it: 序号, 访谈时间, 访谈内容, 责任单位.
EXPECTED_TABLE = [
    [str(seq), f"{month}月", topic, " ".join([f"{lead}★", *co_units])]
    for seq, (month, topic, lead, co_units) in enumerate(PLAN_2025_ROWS, start=1)
]

PREAMBLE = """为贯彻落实上级有关文件精神，加强政民互动交流，2025年区政府门户网站将继续开展在线访谈活动。
一、活动目标
紧扣区委区政府重点工作任务，利用区政府门户网站平台，开展在线访谈活动。
二、参与范围及活动时间
2025年区政府门户网站在线访谈活动，具体参与单位、时间见下表。"""

BODY = """三、活动步骤
（一）确定主题。访谈责任单位要紧紧围绕中央、省、市、区中心工作，结合本单位实际拟定访谈主题。
四、组织实施
区政府门户网站在线访谈活动由区政府办、区城市数字治理中心和区融媒体中心组织实施。"""


def build_plan_2025(coordinator, *, approve: bool = True, is_demo: bool = False, year: int = 2025) -> Plan:
    """The 2025 plan with its 8 rows, approved by ``coordinator`` through the planning service."""
    plan = PlanFactory(
        year=year,
        title=f"{year}年浦口区政府门户网站在线访谈活动实施方案",
        doc_number=f"浦政办发〔{year}〕2号",
        notice_title=f"关于印发《{year}年浦口区政府门户网站在线访谈活动实施方案》的通知",
        preamble=PREAMBLE,
        body=BODY,
        contact_name="杨慧",
        contact_phone="025-58311686",
        issued_on=dt.date(year, 4, 7),
        printed_on=dt.date(year, 4, 8),
        cc="区融媒体中心",
        is_demo=is_demo,
    )
    for seq, (month, topic, lead, co_units) in enumerate(PLAN_2025_ROWS, start=1):
        row = PlanRowFactory(plan=plan, seq=seq, month=month, topic=topic, lead_unit=UnitFactory(name=lead))
        row.co_units.set([UnitFactory(name=name) for name in co_units])
    if approve:
        plan = approve_plan(plan, actor=coordinator)
    return plan


def publish_preview(interview: Interview, at: dt.datetime) -> Interview:
    """The 数字治理中心 published the preview page at ``at``: the interview is public, its question window open."""
    InterviewStep.objects.filter(interview=interview, kind__in=[StepKind.INTRODUCTION, StepKind.PREVIEW]).update(
        status=StepStatus.DONE, completed_at=at
    )
    return Interview.objects.get(pk=interview.pk)


def row_interview(plan: Plan, seq: int) -> Interview:
    return Interview.objects.get(plan_row__plan=plan, plan_row__seq=seq)
