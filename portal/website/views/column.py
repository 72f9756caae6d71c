"""The 在线访谈 column's home page and its archive (往期回顾)."""

from dataclasses import dataclass, field
from itertools import groupby

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.interviews.enums import HELD_STATES, PublicPhase
from portal.interviews.models import Interview
from portal.website.views.common import held, newest_first, public_interviews, shows_demo, with_phases

RECENT_ON_HOME = 6


@dataclass
class Section:
    """One column of the home page; a section without interviews is not shown (no empty columns)."""

    key: str
    title: str
    interviews: list[Interview] = field(default_factory=list)


SECTION_TITLES = (
    ("live", "直播中"),
    ("preview", "访谈预告"),
    ("upcoming", "即将开始"),
    ("changed", "延期与取消"),
    ("review", "往期回顾"),
)
SECTION_OF_PHASE = {
    PublicPhase.LIVE: "live",
    PublicPhase.PREVIEW: "preview",
    PublicPhase.UPCOMING: "upcoming",
    PublicPhase.POSTPONED: "changed",
    PublicPhase.CANCELLED: "changed",
}


def _calendar_order(interview: Interview) -> tuple:
    """By month (the plan's month when no date is set yet), then by date; undated ones last in their month."""
    return (interview.year, interview.month or 13, interview.recording_at is None, interview.recording_at, interview.pk)


def _home_sections(now) -> list[Section]:
    sections = {key: Section(key, title) for key, title in SECTION_TITLES}
    current = public_interviews().exclude(state__in=HELD_STATES)
    for interview in with_phases(current, now):
        key = SECTION_OF_PHASE.get(interview.phase)
        if key == "changed" and interview.year < timezone.localtime(now).year:
            continue  # an old cancellation is no news
        if key is not None:
            sections[key].interviews.append(interview)
    sections["preview"].interviews.sort(key=lambda i: i.question_window()[1])
    sections["upcoming"].interviews.sort(key=_calendar_order)
    sections["review"].interviews = with_phases(newest_first(held(public_interviews()))[:RECENT_ON_HOME], now)
    return [section for section in sections.values() if section.interviews]


@require_safe
def home(request):
    sections = _home_sections(timezone.now())
    shown = [interview for section in sections for interview in section.interviews]
    return TemplateResponse(
        request,
        "website/home.html",
        {"nav": "home", "sections": sections, "shows_demo": shows_demo(*shown)},
    )


@require_safe
def archive(request):
    interviews = with_phases(newest_first(held(public_interviews())))
    years = [(year, list(group)) for year, group in groupby(interviews, key=lambda i: i.year)]
    return TemplateResponse(
        request,
        "website/archive.html",
        {"nav": "archive", "years": years, "shows_demo": shows_demo(*interviews)},
    )
