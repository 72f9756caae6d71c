"""What ``manage.py seed_demo`` loads: the notice 浦政办发〔2025〕2号 as data, and the demonstration cast.

Everything about real bodies comes from the notice (shared/seed/000_75911371267001b7.txt) and nothing
is invented for them: no leaders, sections or phone numbers beyond the notice's own contact. What is
made up for the demonstration (accounts, the current year's plan, guests, host) says 演示 in its name.

The notice's text was extracted from a PDF; the texts below are the notice's words with the extraction
artefacts removed (spaces inside words, half-width punctuation) and nothing else changed.
"""

import datetime as dt
from dataclasses import dataclass, field

from portal.accounts.enums import Role, UnitKind
from portal.interviews.enums import InterviewState, StepKind

# --- Units ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    name: str  # unique; a responsible unit's name is the one the notice's table prints
    short_name: str
    kind: UnitKind
    sort_order: int
    contact_name: str = ""
    contact_phone: str = ""


GOV_OFFICE = "南京市浦口区人民政府办公室"
DIGITAL_CENTER = "南京市浦口区城市数字治理中心"
MEDIA_CENTER = "南京市浦口区融媒体中心"

# The responsible units in the order the notice's table names them.
RESPONSIBLE_UNITS = (
    "国资办", "商务局", "文旅局", "教育局", "卫健委", "社保中心", "人社局", "综合行政执法局",
    "汤泉街道", "农业农村局", "永宁街道", "开发区", "城建局", "桥林街道",
)  # fmt: skip

UNITS: tuple[UnitSpec, ...] = (
    # The notice's only contact is 区政府办's: 联系人：杨慧 联系电话：025-58311686.
    UnitSpec(GOV_OFFICE, "区政府办", UnitKind.GOV_OFFICE, 1, contact_name="杨慧", contact_phone="025-58311686"),
    UnitSpec(DIGITAL_CENTER, "区城市数字治理中心", UnitKind.DIGITAL_CENTER, 2),
    UnitSpec(MEDIA_CENTER, "区融媒体中心", UnitKind.MEDIA_CENTER, 3),
    *(UnitSpec(name, name, UnitKind.RESPONSIBLE, 10 + index) for index, name in enumerate(RESPONSIBLE_UNITS)),
)

# --- The 2025 plan (product.md §2) ---------------------------------------------------------------

PLAN_2025_PREAMBLE = "\n\n".join(
    (
        "为贯彻落实上级有关文件精神，加强政民互动交流、建立健全网上沟通机制，接受群众咨询，为群众释疑解惑，"
        "提升政府公信力和亲和力，2024年区政府门户网站开展“全民消防安全宣传教育”“发展数字农业，助推乡村产业振兴”"
        "“地方（非遗）文化的旅游价值”等7期民生关注度较高的主题访谈，取得较好访谈效果。"
        "2025年区政府门户网站将继续开展在线访谈活动。",
        "一、活动目标",
        "紧扣区委区政府重点工作任务，利用区政府门户网站平台，开展在线访谈活动，搭建政府与民众之间沟通桥梁，"
        "促进政务信息公开，扩大民众参与力度，加强政民互动，着力构建服务型政府。",
        "二、参与范围及活动时间",
        "2025年区政府门户网站在线访谈活动，具体参与单位、时间见下表。",
    )
)

PLAN_2025_BODY = "\n\n".join(
    (
        "三、活动步骤",
        "（一）确定主题。访谈责任单位要紧紧围绕中央、省、市、区中心工作，主动思考群众关注的热点、难点问题，"
        "加强我区重要文件政策解读，结合本单位实际拟定访谈主题。",
        "（二）发布访谈预告。访谈录制前一个月，访谈第一责任单位需向城市数字治理中心提供本期访谈的文字简介，"
        "由城市数字治理中心发布本期访谈预告页面，并开通为期20天的网友提问征集通道。",
        "（三）起草访谈稿。访谈责任单位应围绕访谈主题并从征集到的网友提问中选取具有代表性的问题编写在线访谈稿，"
        "字数不得少于8000字。访谈初稿完成后由访谈第一责任单位提交城市数字治理中心、融媒体中心审核。",
        "（四）访谈定稿。访谈录制前3天，访谈第一责任单位需向城市数字治理中心、融媒体中心提交访谈定稿。",
        "（五）确定访谈录制日期。访谈责任单位经与城市数字治理中心、融媒体中心协调后，确定访谈录制日期。",
        "（六）实施访谈。访谈领导到融媒体中心演播室录制访谈。访谈录制中，由城市数字治理中心、融媒体中心同步图文直播；"
        "访谈录制完成后，由融媒体中心负责后期视频制作、城市数字治理中心发布访谈视频。",
        "四、组织实施",
        "区政府门户网站在线访谈活动由区政府办、区城市数字治理中心和区融媒体中心组织实施，具体职责分工如下：",
        "区政府办：负责区政府门户网站在线访谈工作的组织协调工作，协调有关部门负责人参加在线访谈活动，"
        "审核年度访谈计划，督促有关部门回答网民提问。",
        "区城市数字治理中心：负责每期访谈预告页面、网友提问通道的制作与发布，访谈稿审核及访谈活动备案工作，"
        "做好区政府门户网站图文直播及网络技术服务保障工作。",
        "区融媒体中心：负责区政府门户网站在线访谈活动场所的准备与布置，做好电视直播技术服务保障，"
        "承担在线访谈主持工作，做好“浦口发布”客户端图文实录工作。",
        "五、工作要求",
        "（一）强化组织领导。在线访谈活动关乎政府及部门形象，也是联系群众、解决问题的具体路径手段，"
        "各有关部门和单位要高度重视，明确1名分管领导负责，落实责任科室具体组织实施。",
        "（二）扎实认真准备。各责任单位要认真筹划，提早做好在线访谈的各项准备工作，明确分工、密切配合、通力合作、"
        "狠抓落实，确保每期在线访谈按照活动计划安排如期进行。",
        "（三）突出访谈重点。各访谈责任单位的访谈内容要紧紧围绕2025年区委、区政府重点工作，"
        "人民群众关注的热点难点问题和我区重要政策文件解读进行访谈，达到听取意见、释疑解惑、化解矛盾、促进和谐的目的。",
        "（四）抓好总结提高。各访谈责任单位访谈活动结束后，要及时总结活动经验，认真梳理网民提出的意见和建议，"
        "本着对群众高度负责的精神，迅速做好相关整改工作。",
    )
)

PLAN_2025 = {
    "year": 2025,
    "title": "2025年浦口区政府门户网站在线访谈活动实施方案",
    "doc_number": "浦政办发〔2025〕2号",
    "issuer": GOV_OFFICE,
    "notice_title": "关于印发《2025年浦口区政府门户网站在线访谈活动实施方案》的通知",
    "addressee": "区各相关单位",
    "notice_body": (
        "《2025年浦口区政府门户网站在线访谈活动实施方案》已经区政府同意，现印发给你们，请结合实际认真贯彻执行。"
    ),
    "preamble": PLAN_2025_PREAMBLE,
    "body": PLAN_2025_BODY,
    "note": "标注★的单位为每期访谈的第一责任单位",
    "issued_on": dt.date(2025, 4, 7),
    "printed_on": dt.date(2025, 4, 8),
    "cc": "区融媒体中心",
    "disclosure": "此件公开发布",
    "contact_name": "杨慧",
    "contact_phone": "025-58311686",
}


@dataclass(frozen=True)
class RowSpec:
    month: int
    topic: str
    lead: str  # the unit marked ★
    co: tuple[str, ...] = ()


# Verbatim from product.md §2 (row 7 keeps its full-width space, rows 5 and 8 their quotes).
PLAN_2025_ROWS: tuple[RowSpec, ...] = (
    RowSpec(4, "强化基金招商，赋能高质量发展", "国资办", ("商务局",)),
    RowSpec(5, "体育赛事赋能旅游消费", "文旅局"),
    RowSpec(6, "校家社协同育人", "教育局", ("卫健委",)),
    RowSpec(7, "渐进式延迟退休政策解读", "社保中心", ("人社局",)),
    RowSpec(8, "执法改革，浦口先行——浦口区探索实践“111”综合执法新模式", "综合行政执法局", ("汤泉街道",)),
    RowSpec(9, "聚焦粮食安全，努力提升农田基础设施水平", "农业农村局", ("永宁街道",)),
    RowSpec(10, "加快建设现代化经济体系\u3000赋能园区高质量发展", "开发区"),
    RowSpec(11, "城镇燃气“安心用气工程”", "城建局", ("桥林街道",)),
)

# The three of 2024's seven interviews that the notice names; their units and dates are not known.
PAST_2024_TITLES = (
    "全民消防安全宣传教育",
    "发展数字农业，助推乡村产业振兴",
    "地方（非遗）文化的旅游价值",
)

# --- Demo accounts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSpec:
    username: str
    password: str  # documented: printed by ``manage.py demo_logins`` and in the developer docs
    full_name: str
    unit: str
    roles: tuple[Role, ...]


DEMO_LEAD_UNIT = "城建局"

DEMO_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("demo-coordinator", "Tongchou-2025", "演示-统筹协调", GOV_OFFICE, (Role.COORDINATOR,)),
    AccountSpec("demo-auditor", "Shenji-2025!", "演示-审计管理员", GOV_OFFICE, (Role.AUDITOR,)),
    AccountSpec("demo-operator", "Yunying-2025", "演示-平台运营", DIGITAL_CENTER, (Role.OPERATOR, Role.REVIEWER)),
    AccountSpec("demo-producer", "Zhizuo-2025!", "演示-节目制作", MEDIA_CENTER, (Role.PRODUCER, Role.REVIEWER)),
    AccountSpec("demo-editor", "Jingban-2025", "演示-经办人", DEMO_LEAD_UNIT, (Role.EDITOR,)),
    AccountSpec("demo-unit-admin", "Danwei-2025!", "演示-单位管理员", DEMO_LEAD_UNIT, (Role.UNIT_ADMIN,)),
)

# --- The current year's demonstration plan ----------------------------------------------------

DEMO_HOST = "演示主持人"
DEMO_REALIGN_NOTE = "演示数据：按当前日期重新对齐录制时间"


def demo_plan_fields(year: int, today: dt.date) -> dict:
    return {
        "year": year,
        "title": f"{year}年在线访谈演示计划（演示数据）",
        "doc_number": f"演示〔{year}〕1号",
        "notice_title": f"关于印发《{year}年在线访谈演示计划》的通知（演示数据）",
        "addressee": "区各相关单位",
        "preamble": "本计划为演示数据，用于展示在线访谈各阶段的页面与流程，不代表真实工作安排。",
        "body": "",
        "issued_on": today,
        "printed_on": today,
        "disclosure": "此件公开发布",
        "contact_name": "演示联系人",
    }


@dataclass(frozen=True)
class Done:
    """When a step was completed: ``days`` after today (anchor "T", at 16:00) or after R (anchor "R")."""

    days: int
    anchor: str = "T"


@dataclass(frozen=True)
class DemoInterviewSpec:
    """One demo interview, held in one phase relative to the day the seeder runs.

    R starts ``r_days`` from today at 09:30 and, unless ``fixed_r``, moves one day at a time
    (away from today for future R, towards it for past R) until it is a working day and no step
    that is not done is overdue, except those in ``may_be_overdue``.
    """

    slot: str
    topic: str
    co: tuple[str, ...]
    state: InterviewState
    r_days: int
    confirmed: bool
    done: dict[str, Done] = field(default_factory=dict)
    in_progress: tuple[str, ...] = ()
    guests: tuple[tuple[str, str, str], ...] = ()  # (name, post, unit name)
    fixed_r: bool = False
    may_be_overdue: tuple[str, ...] = ()
    # A proposal for R's day at 14:00, confirmed by the lead unit and 数字治理中心, waiting for 融媒体中心.
    open_proposal: bool = False


K = StepKind
_GUEST_LEAD = ("演示嘉宾甲", "副局长（演示）", DEMO_LEAD_UNIT)

# Before R, relative to R; after it, the record the next day, the written answers and the video a few days ago.
_FINISHED_DONE = {
    K.TOPIC: Done(-40, "R"), K.INTRODUCTION: Done(-31, "R"), K.PREVIEW: Done(-30, "R"),
    K.DATE: Done(-25, "R"), K.DRAFT: Done(-10, "R"), K.FINAL: Done(-4, "R"),
    K.RECORDING: Done(0, "R"), K.RECORD: Done(1, "R"), K.ANSWERS: Done(-5), K.VIDEO: Done(-3),
}  # fmt: skip
_LIVE_DONE = {
    K.TOPIC: Done(-45), K.INTRODUCTION: Done(-31), K.PREVIEW: Done(-30), K.DATE: Done(-20),
    K.DRAFT: Done(-10), K.FINAL: Done(-4),
}  # fmt: skip

# In plan order (seq 1–5): earliest R first.
DEMO_INTERVIEWS: tuple[DemoInterviewSpec, ...] = (
    DemoInterviewSpec(
        "finished",
        "演示：老旧小区改造与加装电梯",
        ("桥林街道",),
        InterviewState.ENDED,
        r_days=-20,
        confirmed=True,
        done={**_FINISHED_DONE, K.SUMMARY: Done(-2)},  # the demo summary is submitted (portal/demo/followups.py)
        guests=(_GUEST_LEAD, ("演示嘉宾乙", "副主任（演示）", "桥林街道")),
    ),
    DemoInterviewSpec(
        "live",
        "演示：城市道路与桥梁养护",
        (),
        InterviewState.LIVE,
        r_days=0,
        confirmed=True,
        done=_LIVE_DONE,
        in_progress=(K.RECORDING,),
        guests=(_GUEST_LEAD, ("演示嘉宾丙", "科长（演示）", DEMO_LEAD_UNIT)),
        fixed_r=True,
    ),
    DemoInterviewSpec(
        "scripting",
        "演示：雨污分流与城市排水防涝",
        ("永宁街道",),
        InterviewState.PLANNED,
        r_days=8,
        confirmed=True,
        done={K.TOPIC: Done(-40), K.INTRODUCTION: Done(-23), K.PREVIEW: Done(-22), K.DATE: Done(-10)},
        in_progress=(K.DRAFT,),
        guests=(_GUEST_LEAD, ("演示嘉宾丁", "副街道主任（演示）", "永宁街道")),
    ),
    DemoInterviewSpec(
        "collecting",
        "演示：建筑工地扬尘治理",
        ("综合行政执法局",),
        InterviewState.PLANNED,
        r_days=25,
        confirmed=True,
        done={K.TOPIC: Done(-20), K.INTRODUCTION: Done(-6), K.PREVIEW: Done(-5), K.DATE: Done(-4)},
        guests=(_GUEST_LEAD, ("演示嘉宾戊", "副局长（演示）", "综合行政执法局")),
    ),
    DemoInterviewSpec(
        "preparing",
        "演示：住宅小区物业服务提升",
        (),
        InterviewState.PLANNED,
        r_days=45,
        confirmed=False,
        in_progress=(K.TOPIC,),
        guests=(_GUEST_LEAD,),
        open_proposal=True,
    ),
)
