"""Agreeing on the recording date: proposals, the three parties' answers, and calendar feed tokens.

Imported by ``portal.interviews.models`` so that Django registers these models with the app.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.interviews.enums import DateParty, ProposalDecision, ProposalStatus


class RecordingProposal(models.Model):
    """A date and time for the recording, proposed by one party and answered by the three.

    It is confirmed when the lead unit, 区城市数字治理中心 and 区融媒体中心 have all confirmed (the
    proposer's own party counts as confirming); one decline closes it. 区政府办 may propose on
    behalf of the parties, but never answers for them.
    """

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="recording_proposals")
    start = models.DateTimeField(_("录制开始时间"))
    minutes = models.PositiveSmallIntegerField(_("录制时长（分钟）"))
    place = models.CharField(_("录制地点"), max_length=100)
    reason = models.TextField(_("原因或说明"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Blank when 区政府办 proposes on behalf of the parties.
    proposer_party = models.CharField(_("提出方"), max_length=20, choices=DateParty.choices, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("录制时间建议")
        verbose_name_plural = _("录制时间建议")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["interview", "status"])]

    def __str__(self) -> str:
        return f"{self.interview} · {self.start:%Y-%m-%d %H:%M}"

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN


class ProposalResponse(models.Model):
    """One party's answer to a proposal; a decline carries its reason."""

    proposal = models.ForeignKey(RecordingProposal, on_delete=models.CASCADE, related_name="responses")
    party = models.CharField(_("答复方"), max_length=20, choices=DateParty.choices)
    decision = models.CharField(_("答复"), max_length=20, choices=ProposalDecision.choices)
    reason = models.TextField(_("原因"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(_("答复时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("录制时间答复")
        verbose_name_plural = _("录制时间答复")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "party"], name="unique_proposal_party_answer")]

    def __str__(self) -> str:
        return f"{self.get_party_display()} · {self.get_decision_display()}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a member of staff's calendar subscription address (calendar apps cannot log in).

    The feed shows only what the user may see; regenerating the token retires the old address.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("日历订阅地址")
        verbose_name_plural = _("日历订阅地址")

    def __str__(self) -> str:
        return str(self.user)
