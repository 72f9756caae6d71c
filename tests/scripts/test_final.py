"""The final script (定稿): after an approved revision, by R − 3 days (moved before 国庆), late ones marked 逾期."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from portal.interviews.enums import StepKind, StepStatus
from portal.scripts.enums import RevisionStatus
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.queries import late_finals, late_reviews
from portal.scripts.services.editing import add_item, save_part
from portal.scripts.services.review import decide_review, submit_script
from portal.videos.sources import final_script_document
from tests.factories import at
from tests.scripts.conftest import review_of

pytestmark = [pytest.mark.unit]


def _approve_both(revision, operator, producer):
    decide_review(review_of(revision, "digital"), actor=operator, approve=True)
    decide_review(review_of(revision, "media"), actor=producer, approve=True)
    revision.refresh_from_db()
    return revision


@pytest.fixture
def approved_draft(full_script, recorded, editor, operator, producer):
    return _approve_both(submit_script(recorded, actor=editor), operator, producer)


def test_the_final_deadline_moves_before_the_national_day_holiday(recorded):
    # R − 3 days is 10-06, inside 国庆 (10-01 … 10-08): the deadline is 09-30, the last working day before.
    assert recorded.steps.get(kind=StepKind.FINAL).due_date == dt.date(2025, 9, 30)


def test_a_final_needs_an_approved_revision_first(full_script, recorded, editor):
    with pytest.raises(ScriptRefused, match="须先有一版经两中心审核通过，才能提交定稿"):
        submit_script(recorded, actor=editor, final=True)

    submit_script(recorded, actor=editor)  # pending, not approved
    with pytest.raises(ScriptRefused, match="须先有一版经两中心审核通过"):
        submit_script(recorded, actor=editor, final=True)


def test_a_final_on_the_last_working_day_is_on_time(approved_draft, recorded, editor, clock):
    clock.move_to(at(2025, 9, 30, 20, 0), tick=False)

    final = submit_script(recorded, actor=editor, final=True)

    assert final.is_final
    assert not final.is_late
    assert final.final_due_date == dt.date(2025, 9, 30)
    assert recorded.steps.get(kind=StepKind.FINAL).status == StepStatus.IN_PROGRESS


def test_a_final_during_the_holiday_is_accepted_but_late_and_shown_on_oversight(
    approved_draft, recorded, editor, operator, producer, clock
):
    clock.move_to(at(2025, 10, 1, 9, 0), tick=False)

    final = submit_script(recorded, actor=editor, final=True)

    assert final.is_late
    assert final.status == RevisionStatus.PENDING
    assert late_finals(2025) == [final]


def test_approving_the_final_completes_the_step_and_closes_the_script(
    approved_draft, recorded, editor, co_editor, operator, producer
):
    final = _approve_both(submit_script(recorded, actor=editor, final=True), operator, producer)

    assert final.status == RevisionStatus.APPROVED
    assert recorded.steps.get(kind=StepKind.FINAL).status == StepStatus.DONE
    recorded.script.refresh_from_db()
    assert recorded.script.final_approved
    with pytest.raises(ScriptRefused, match="访谈定稿已经两中心审核通过，访谈稿不能再修改"):
        save_part(recorded, actor=co_editor, part="closing", text="主持人：再见。")
    with pytest.raises(ScriptRefused, match="不能再修改"):
        submit_script(recorded, actor=editor)


def test_only_the_lead_unit_submits(full_script, recorded, co_editor, operator, outsider):
    add_item(recorded, actor=co_editor, question="配合单位补充的问题？", answer="补充的回答。")  # co-units edit

    for actor in (co_editor, operator, outsider):
        with pytest.raises(PermissionDenied):
            submit_script(recorded, actor=actor)
        with pytest.raises(PermissionDenied):
            submit_script(recorded, actor=actor, final=True)


def test_late_reviews_lists_the_late_and_the_still_waiting(full_script, recorded, editor, operator, clock):
    revision = submit_script(recorded, actor=editor)  # due 10-09 23:59:59
    clock.move_to(at(2025, 10, 10, 9, 0), tick=False)
    decide_review(review_of(revision, "digital"), actor=operator, approve=True)

    late = late_reviews(2025)

    assert [(r.center, r.is_late) for r in late] == [("digital", True), ("media", False)]  # media still waits


def test_the_video_captions_draft_from_the_approved_final(approved_draft, recorded, editor, operator, producer):
    assert final_script_document(recorded) is None  # no final yet

    final = _approve_both(submit_script(recorded, actor=editor, final=True), operator, producer)

    assert final_script_document(recorded) == final.as_document()
