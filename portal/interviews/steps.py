"""The steps of one interview (product.md §3), in order, with their owners.

Deadline offsets from the recording date R are settings (PORTAL_STEP_OFFSETS).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.interviews.enums import Owner, StepKind


@dataclass(frozen=True)
class StepDefinition:
    kind: StepKind
    number: str
    owners: tuple[Owner, ...]
    produces: str

    @property
    def name(self) -> str:
        return str(self.kind.label)


STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(StepKind.TOPIC, "1", (Owner.LEAD, Owner.CO), _("标题、提纲、嘉宾、暂定录制日期")),
    StepDefinition(StepKind.INTRODUCTION, "2a", (Owner.LEAD,), _("预告文字、图片、嘉宾、时间与相关内容")),
    StepDefinition(StepKind.PREVIEW, "2b", (Owner.DIGITAL,), _("访谈预告页面，开通为期20天的网友提问征集通道")),
    StepDefinition(StepKind.DRAFT, "3", (Owner.LEAD, Owner.CO), _("不少于8000字的访谈稿，提交两中心审核")),
    StepDefinition(StepKind.FINAL, "4", (Owner.LEAD,), _("经两中心审核通过的访谈定稿")),
    StepDefinition(StepKind.DATE, "5", (Owner.LEAD, Owner.DIGITAL, Owner.MEDIA), _("三方确认的录制日期与时间")),
    StepDefinition(StepKind.RECORDING, "6", (Owner.MEDIA, Owner.DIGITAL), _("演播室录制与同步图文直播")),
    StepDefinition(StepKind.RECORD, "6a", (Owner.DIGITAL, Owner.MEDIA), _("图文实录（门户与「浦口发布」）")),
    StepDefinition(StepKind.ANSWERS, "7a", (Owner.LEAD, Owner.CO), _("未现场答复的网友提问的书面答复")),
    StepDefinition(StepKind.VIDEO, "6b", (Owner.MEDIA, Owner.DIGITAL), _("后期制作并发布的访谈视频")),
    StepDefinition(StepKind.SUMMARY, "7", (Owner.LEAD,), _("活动总结、网民意见建议梳理与整改")),
    StepDefinition(StepKind.FILING, "—", (Owner.DIGITAL,), _("访谈全过程的备案存档")),
)

STEP_BY_KIND: dict[str, StepDefinition] = {step.kind: step for step in STEPS}
STEP_ORDER: dict[str, int] = {step.kind: index for index, step in enumerate(STEPS)}


def kinds_owned_by(owner: Owner) -> list[str]:
    return [step.kind for step in STEPS if owner in step.owners]
