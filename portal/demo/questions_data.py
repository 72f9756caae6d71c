"""Invented netizen questions for the demo interviews (演示数据): written for the demonstration, not taken
from any real message. Phone numbers and e-mail addresses are made up (the e-mail domain is reserved for
examples), and some are typed into the text on purpose, to show that published text is masked."""

from dataclasses import dataclass

from portal.questions.enums import QuestionState, Via

S = QuestionState


@dataclass(frozen=True)
class DemoQuestion:
    """One invented question and what has become of it.

    ``key`` names it within its interview (``merge_into``, ``group_with`` and representatives use it);
    ``answer`` is "live" (answered on air), "published" (written answer out), "submitted" (awaiting
    数字治理中心's check) or "" (none yet: overdue once the interview's deadline has passed).
    """

    key: str
    nickname: str
    text: str
    state: str = S.PENDING
    via: str = Via.PREVIEW
    contact: str = ""
    category: str = ""
    supports: int = 0
    reason: str = ""
    note: str = ""
    merge_into: str = ""
    channel: str = ""
    group_with: str = ""
    tags: tuple[str, ...] = ()
    answer: str = ""
    answer_text: str = ""


@dataclass(frozen=True)
class DemoRepresentative:
    text: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class DemoQuestions:
    introduction: str
    material: tuple[str, str]  # (title, URL) of one piece of related material
    questions: tuple[DemoQuestion, ...]
    tags: tuple[str, ...] = ()
    representatives: tuple[DemoRepresentative, ...] = ()


HOTLINE = "12345政务服务便民热线"
OFF_TOPIC = "与本期访谈主题无关"
UNCLEAR = "内容不够明确"
ADVERTISING = "广告或无实际内容"

# Keyed by the demo interview's slot (portal.demo.data.DEMO_INTERVIEWS).
DEMO_QUESTIONS: dict[str, DemoQuestions] = {
    "collecting": DemoQuestions(
        introduction=(
            "<p>（演示数据）建筑工地扬尘是市民反映较多的环境问题。本期访谈邀请城建局和综合行政执法局的负责同志，"
            "介绍工地围挡、喷淋降尘、渣土运输管理和夜间施工审批等方面的做法，并回答网友关心的问题。</p>"
            "<ul><li>工地“六个百分之百”扬尘防控要求</li><li>渣土车辆密闭运输与执法检查</li><li>投诉举报渠道与处理时限</li></ul>"
        ),
        material=("扬尘污染防治相关政策（演示链接）", "https://www.example.gov.cn/demo/yangchen.html"),
        questions=(
            DemoQuestion(
                "night",
                "江浦老住户",
                "我家旁边的工地每天夜里十一点以后还有渣土车进出，扬尘和噪声都很大，窗户都不敢开，请问夜间施工有没有管控？",
                contact="13900001111",
            ),
            DemoQuestion(
                "spray",
                "关心空气",
                "工地围挡上的喷淋装置平时经常不开，只有检查的时候才开，能不能装在线监测，让大家都能看到数据？",
            ),
            DemoQuestion(
                "trucks",
                "骑车上班族",
                "渣土车不盖篷布，沿路撒土，下雨后路面全是泥，希望执法部门加强巡查。有情况可以打我电话13912345601联系。",
            ),
            DemoQuestion(
                "trucks2", "路过的市民", "渣土车沿路撒漏很严重，车上也没有覆盖篷布，请加强查处。", group_with="trucks"
            ),
            DemoQuestion(
                "report",
                "新市民小王",
                "发现工地扬尘应该向哪里投诉？投诉以后多久会有人来处理？",
                contact="demo.asker@example.com",
            ),
            DemoQuestion(
                "waste",
                "桥北居民",
                "拆迁工地的建筑垃圾堆了三个月没有清运，刮风天到处是灰，什么时候能清走？",
                state=S.PUBLISHED,
                category="环境保护",
                supports=4,
            ),
            DemoQuestion(
                "waste2",
                "桥北居民二",
                "建筑垃圾堆放三个月无人清运，大风天灰尘四起，请尽快清运。",
                state=S.MERGED,
                merge_into="waste",
            ),
            DemoQuestion(
                "smoke",
                "楼下有饭店",
                "我们小区楼下小吃店的油烟很大，熏得家里都是味道，这个归谁管？",
                state=S.FORWARDED,
                channel=HOTLINE,
                note="您反映的餐饮油烟问题不属于本期访谈主题，已转12345热线办理，也可直接拨打12345反映。",
            ),
            DemoQuestion(
                "spam",
                "降尘设备",
                "加微信领取工地降尘设备优惠券，点击链接www.example-dust.top了解详情",
                state=S.REJECTED,
                reason=ADVERTISING,
            ),
        ),
    ),
    "scripting": DemoQuestions(
        introduction=(
            "<p>（演示数据）雨污分流改造和排水防涝关系到每个家庭的出行与居住环境。本期访谈将介绍全区雨污分流改造进度、"
            "易涝点整治计划和汛期应急措施。</p><h3>访谈要点</h3><ol><li>雨污分流改造的范围和时间表</li>"
            "<li>施工期间交通和停车安排</li><li>汛期积水点巡查与应急排涝</li></ol>"
        ),
        material=("排水防涝工作方案（演示链接）", "https://www.example.gov.cn/demo/paishui.html"),
        tags=("道路积水", "施工影响", "污水排放"),
        questions=(
            DemoQuestion(
                "flood",
                "永宁上班族",
                "每次下大雨，永宁街道的一个路口积水都到膝盖，排水管网什么时候能改造？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=12,
                tags=("道路积水",),
            ),
            DemoQuestion(
                "flood2",
                "开车的老张",
                "下暴雨时路口积水严重，车辆没法通行，请问排水改造有没有计划？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=5,
                group_with="flood",
                tags=("道路积水",),
            ),
            DemoQuestion(
                "parking",
                "小区业主",
                "雨污分流改造要挖开小区道路，施工期间停车怎么解决？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=8,
                tags=("施工影响",),
            ),
            DemoQuestion(
                "road",
                "腿脚不便的老人",
                "我们小区雨污分流施工完后，路面一直没恢复，坑坑洼洼，老人出行很不方便。",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=3,
                tags=("施工影响",),
            ),
            DemoQuestion(
                "septic",
                "三号楼住户",
                "小区化粪池经常堵塞外溢，是不是雨污没分开造成的？物业说不归他们管。",
                state=S.PUBLISHED,
                category="城乡建设",
            ),
            DemoQuestion(
                "outfall",
                "河边散步",
                "河道边有个排口，晴天也在往外流黑水，能不能排查一下？",
                state=S.PUBLISHED,
                category="环境保护",
                supports=6,
                tags=("污水排放",),
            ),
            DemoQuestion(
                "garage",
                "地库车主",
                "希望汛期前把小区地下车库的排水泵都检查一遍，去年就被淹过一次。",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=2,
                tags=("道路积水",),
            ),
            DemoQuestion(
                "noise",
                "楼上在装修",
                "楼上邻居装修噪音太大，周末一早就开始，怎么办？",
                state=S.REJECTED,
                reason=OFF_TOPIC,
                note="装修噪声问题可向物业或12345热线反映。",
            ),
        ),
        representatives=(
            DemoRepresentative(
                "汛期城市道路积水点的排水改造有什么计划和时间表？地下车库等低洼处如何防涝？",
                ("flood", "flood2", "garage"),
            ),
            DemoRepresentative("雨污分流施工期间和完工以后，如何减少对居民出行和停车的影响？", ("parking", "road")),
        ),
    ),
    "live": DemoQuestions(
        introduction=(
            "<p>（演示数据）道路和桥梁是城市运行的“筋骨”。本期访谈介绍全区道路桥梁日常养护、定期检测和维修计划，"
            "欢迎网友在直播中提问。</p>"
        ),
        material=("城市道路桥梁养护规定（演示链接）", "https://www.example.gov.cn/demo/yanghu.html"),
        questions=(
            DemoQuestion(
                "joint",
                "过江通勤",
                "大桥桥面伸缩缝那里车开过去很颠，什么时候维修？",
                state=S.PUBLISHED,
                category="交通运输",
                supports=9,
                answer="live",
            ),
            DemoQuestion(
                "tiles",
                "遛弯的阿姨",
                "人行道地砖松动，下雨踩上去溅一身水，能不能定期巡查？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=7,
            ),
            DemoQuestion(
                "lamps",
                "夜跑爱好者",
                "路边的路灯坏了好几盏，晚上走路看不清，应该向哪里报修？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=3,
            ),
            DemoQuestion(
                "inspect", "直播观众甲", "请问桥梁多久做一次安全检测？检测结果会不会向社会公开？", via=Via.LIVE
            ),
            DemoQuestion(
                "dig",
                "直播观众乙",
                "道路挖了又补、补了又挖，能不能统筹各单位的施工？我的电话025-58000000，欢迎回访。",
                via=Via.LIVE,
            ),
            DemoQuestion(
                "bumps",
                "学生家长",
                "学校门口的减速带被压坏了，存在安全隐患，请尽快修复。",
                via=Via.LIVE,
                contact="13900002222",
            ),
        ),
    ),
    "finished": DemoQuestions(
        introduction=(
            "<p>（演示数据）老旧小区改造和既有住宅加装电梯是重要的民生工程。本期访谈介绍改造内容、"
            "加装电梯补贴政策和办理流程，并回应居民关心的协调问题。</p>"
        ),
        material=("既有住宅加装电梯补贴办法（演示链接）", "https://www.example.gov.cn/demo/dianti.html"),
        questions=(
            DemoQuestion(
                "consent",
                "六楼的老李",
                "老旧小区加装电梯，一楼住户不同意怎么办？有没有协调机制？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=15,
                answer="live",
            ),
            DemoQuestion(
                "subsidy",
                "想装电梯",
                "加装电梯的政府补贴标准是多少？申请流程是怎样的？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=11,
                answer="live",
            ),
            DemoQuestion(
                "subsidy2", "桥林居民", "加装电梯能补贴多少钱？去哪里申请？", state=S.MERGED, merge_into="subsidy"
            ),
            DemoQuestion(
                "pipes",
                "老小区住户",
                "老旧小区改造会不会一起更换老化的自来水管？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=5,
                answer="published",
                answer_text="（演示数据）列入改造计划的小区，将同步更换老化的供水管道，具体以各小区改造方案公示为准。",
            ),
            DemoQuestion(
                "spaces",
                "晚归的车主",
                "改造以后小区停车位能不能增加一些？现在晚上回来经常找不到车位。",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=4,
                answer="submitted",
                answer_text="（演示数据）改造中将结合小区实际挖潜增加停车位，并规范停车管理。",
            ),
            DemoQuestion(
                "green",
                "爱护绿地",
                "小区改造把一片绿化带改成了停车位，不少居民有意见，可以恢复吗？",
                state=S.PUBLISHED,
                category="城乡建设",
                supports=6,
            ),
            DemoQuestion(
                "vague",
                "路人",
                "小区的事情什么时候能解决？",
                state=S.REJECTED,
                reason=UNCLEAR,
                note="欢迎补充具体小区和问题后重新提问。",
            ),
        ),
    ),
}

SUPERVISION_MESSAGE = "（演示数据）访谈中未答复的网友提问已超过书面答复期限，请尽快答复并报区城市数字治理中心审核发布。"
