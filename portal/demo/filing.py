"""The demo's 备案 screen has something to show: the first 2024 interview (held, in the archive) is filed.

It goes through the real service as the demo operator, once: an interview already filed is left as it
is, so a second run changes nothing. Known only by its title, it files with most sections empty, which
the manifest records. The demo interview that has just ended stays unfiled (its summary comes first).
"""

from typing import TYPE_CHECKING

from portal.accounts.models import User
from portal.demo.data import PAST_2024_TITLES
from portal.filing.services import file_interview, filing_problems
from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport


def seed_demo_filing(accounts: dict[str, User], report: "SeedReport") -> None:
    interview = Interview.objects.filter(year=2024, title=PAST_2024_TITLES[0], plan_row=None).first()
    if interview is None or interview.state == InterviewState.FILED:
        return
    if problems := filing_problems(interview):
        report.warnings.append(f"2024年访谈“{interview}”未备案：{problems[0]}")
        return
    file_interview(interview, actor=accounts["demo-operator"])
    report.created.append(f"备案 {interview}")
