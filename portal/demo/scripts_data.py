"""The demo scripts (访谈稿, 演示数据): their shape, and what the two centers and the lead unit did with them.

The texts are in scripts_drainage.py and scripts_roads.py; they are invented for the demonstration, about
each demo interview's topic, and long enough (≥ 8000 字 as Word counts) to be submitted.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoScriptItem:
    guest: str  # the demo guest who answers, by name
    question: str
    answer: str  # paragraphs separated by "\n"
    representative: int | None = None  # the representative question it asks (its order, 1-based)


@dataclass(frozen=True)
class DemoScript:
    opening: str  # "说话人：内容" lines, as the opening is edited
    items: tuple[DemoScriptItem, ...]
    closing: str


@dataclass(frozen=True)
class Edit:
    """A change to item ``number`` (1-based): ``old`` replaced by ``new``, or ``new`` added as a paragraph."""

    number: int
    new: str
    old: str = ""


# The scripting interview: 融媒体中心 approved revision 1, 数字治理中心 sent it back; revision 2 waits for both.
RETURN_COMMENT = (
    "全文篇幅和结构符合要求。请核对工程进度的表述与最新公示是否一致；涉及时间节点的表述请避免绝对化，"
    "如“全部完成”宜改为“力争完成”。"
)
RETURN_ITEM = 5  # 阳台洗衣机排水
RETURN_ITEM_COMMENT = "请补充入户施工的预约方式和联系渠道，以及阳台已封闭、无法新增立管时的处理办法。"
REVISION_EDITS = (
    Edit(3, "我们力争在汛期到来之前完成", old="我们要求在汛期到来之前全部完成"),
    Edit(
        RETURN_ITEM,
        "入户施工前，社区会在楼道张贴告示，写明施工时间、施工单位和预约电话，居民可以电话预约，也可以在小区的"
        "居民群里和网格员约定时间。对于阳台已经封闭、外墙无法新增立管的住户，我们会在阳台内侧沿墙敷设排水管，"
        "接入楼栋新设的污水立管，施工前由设计人员上门查看，和居民一起商定走向，尽量做到美观、不占空间。",
    ),
)
REVISION_NOTE = "按区城市数字治理中心的意见，修改了时间节点的表述，补充了入户施工的预约方式和封闭阳台的处理办法。"

# The live interview: revision 1 approved by both, then the final (a touch-up of the last answer) approved by both.
FINAL_EDITS = (
    Edit(
        22,
        "能马上解决的马上解决，需要多部门协同的主动牵头协调，",
        old="能马上解决的马上解决，",
    ),
)
FINAL_NOTE = "定稿：与主持人对稿后，微调了最后一个问答的表述。"
