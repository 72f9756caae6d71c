"""Submission and the two centers' review: length, parallel reviews, supersession, approval and its reset."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.interviews.enums import StepKind, StepStatus
from portal.notifications.models import Notification, Reminder, ReminderKind, ReminderStatus
from portal.scripts.enums import ReviewDecision, RevisionStatus
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import ScriptItem
from portal.scripts.services.editing import update_item
from portal.scripts.services.review import decide_review, submit_script
from tests.factories import at, script_of_length
from tests.scripts.conftest import review_of

pytestmark = [pytest.mark.unit]


def _step(interview, kind):
    return interview.steps.get(kind=kind)


def _approve_both(revision, operator, producer):
    decide_review(review_of(revision, "digital"), actor=operator, approve=True)
    decide_review(review_of(revision, "media"), actor=producer, approve=True)
    revision.refresh_from_db()
    return revision


def _edit_answer(script, editor, text="修改后的回答。"):
    item = script.items.get()
    update_item(item, actor=editor, question=item.question, answer=item.answer + text, guest=None, representative=None)


def test_a_script_one_character_short_is_refused_with_what_is_missing(recorded, editor, settings):
    script_of_length(recorded, settings.PORTAL_SCRIPT_MIN_CHARS - 1)

    with pytest.raises(ScriptRefused, match="现有7999字，须不少于8000字才能提交，还差1字"):
        submit_script(recorded, actor=editor)

    assert not recorded.script.revisions.exists()


def test_a_script_of_exactly_the_minimum_goes_to_both_centers_at_once(
    full_script, recorded, editor, digital_center, media_center, operator, producer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = submit_script(recorded, actor=editor, note="初稿")

    assert (revision.number, revision.word_count, revision.status) == (1, 8000, RevisionStatus.PENDING)
    reviews = {review.center: review for review in revision.reviews.all()}
    assert set(reviews) == {"digital", "media"}
    assert {r.unit_id for r in reviews.values()} == {digital_center.pk, media_center.pk}
    assert all(r.decision == ReviewDecision.PENDING for r in reviews.values())
    # Submitted on Monday 09-29: two working days are 09-30 and, after 国庆, 10-09.
    assert timezone.localtime(reviews["digital"].due_at).date() == dt.date(2025, 10, 9)
    assert Notification.objects.filter(recipient=operator, title__contains="待审核").exists()
    assert Notification.objects.filter(recipient=producer, title__contains="第1版").exists()
    assert _step(recorded, StepKind.DRAFT).status == StepStatus.IN_PROGRESS


def test_the_limit_is_a_setting(recorded, editor, settings):
    settings.PORTAL_SCRIPT_MIN_CHARS = 100
    script_of_length(recorded, 99)

    with pytest.raises(ScriptRefused, match="还差1字"):
        submit_script(recorded, actor=editor)


def test_items_without_an_answer_and_empty_scripts_are_refused(recorded, editor, full_script):
    ScriptItem.objects.create(script=full_script, order=2, question="还有什么要说的？")

    with pytest.raises(ScriptRefused, match="第2个问答还没有填写嘉宾回答"):
        submit_script(recorded, actor=editor)

    full_script.items.all().delete()
    with pytest.raises(ScriptRefused, match="请至少添加一个问答"):
        submit_script(recorded, actor=editor)


def test_one_center_returns_and_the_other_approves_so_the_revision_is_not_approved(
    full_script, recorded, editor, operator, producer
):
    revision = submit_script(recorded, actor=editor)
    item_key = full_script.items.get().key

    decide_review(
        review_of(revision, "media"),
        actor=producer,
        approve=False,
        comment="开场过长。",
        item_comments={item_key: "请补充改造进度的数字。"},
    )
    decide_review(review_of(revision, "digital"), actor=operator, approve=True)

    revision.refresh_from_db()
    assert revision.status == RevisionStatus.RETURNED
    media = review_of(revision, "media")
    assert media.decision == ReviewDecision.RETURNED
    assert media.reviewer == producer
    assert [(c.item_number, c.text) for c in media.comments.all()] == [
        (None, "开场过长。"),
        (1, "请补充改造进度的数字。"),
    ]
    assert review_of(revision, "digital").decision == ReviewDecision.APPROVED
    assert _step(recorded, StepKind.DRAFT).status == StepStatus.IN_PROGRESS


def test_both_approving_completes_the_draft_step_and_an_edit_needs_both_again(
    full_script, recorded, editor, operator, producer
):
    first = _approve_both(submit_script(recorded, actor=editor), operator, producer)
    assert first.status == RevisionStatus.APPROVED
    assert _step(recorded, StepKind.DRAFT).status == StepStatus.DONE

    _edit_answer(full_script, editor)
    second = submit_script(recorded, actor=editor)

    assert second.number == 2
    assert second.status == RevisionStatus.PENDING
    decide_review(review_of(second, "digital"), actor=operator, approve=True)
    second.refresh_from_db()
    assert second.status == RevisionStatus.PENDING  # one approval is not enough
    first.refresh_from_db()
    assert first.status == RevisionStatus.APPROVED  # the earlier approval stays on its own revision


def test_submitting_again_supersedes_the_pending_revision(full_script, recorded, editor, operator, producer):
    first = submit_script(recorded, actor=editor)
    decide_review(review_of(first, "digital"), actor=operator, approve=True)
    _edit_answer(full_script, editor)  # editing while under review is allowed

    second = submit_script(recorded, actor=editor)

    first.refresh_from_db()
    assert first.status == RevisionStatus.SUPERSEDED
    assert review_of(first, "digital").decision == ReviewDecision.APPROVED  # decisions are kept
    assert review_of(first, "media").decision == ReviewDecision.SUPERSEDED
    with pytest.raises(ScriptRefused, match="第1版已被新版本取代"):
        decide_review(review_of(first, "media"), actor=producer, approve=True)
    assert second.status == RevisionStatus.PENDING


def test_submitting_the_same_text_again_while_it_is_reviewed_is_refused(full_script, recorded, editor):
    submit_script(recorded, actor=editor)

    with pytest.raises(ScriptRefused, match="第1版正在审核中，工作稿没有修改"):
        submit_script(recorded, actor=editor)


def test_a_review_is_decided_once_and_returning_needs_a_comment(full_script, recorded, editor, operator):
    revision = submit_script(recorded, actor=editor)
    digital = review_of(revision, "digital")

    with pytest.raises(ScriptRefused, match="退回修改时，请填写"):
        decide_review(digital, actor=operator, approve=False, comment="  ")
    with pytest.raises(ScriptRefused, match="意见对应的问答不在第1版中"):
        decide_review(digital, actor=operator, approve=False, item_comments={"nokey": "不对"})
    decide_review(digital, actor=operator, approve=True)
    with pytest.raises(ScriptRefused, match="区城市数字治理中心已经审核过第1版（审核通过）"):
        decide_review(digital, actor=operator, approve=False, comment="再看看")


def test_each_center_reviews_only_its_own_review(full_script, recorded, editor, operator, producer, outsider):
    revision = submit_script(recorded, actor=editor)

    for actor, center in [(operator, "media"), (producer, "digital"), (editor, "digital"), (outsider, "media")]:
        with pytest.raises(PermissionDenied):
            decide_review(review_of(revision, center), actor=actor, approve=True)

    assert all(r.decision == ReviewDecision.PENDING for r in revision.reviews.all())


def test_a_review_decided_after_its_due_time_is_marked_late(full_script, recorded, editor, operator, producer, clock):
    revision = submit_script(recorded, actor=editor)  # Monday 09-29, due 10-09 23:59:59 (after 国庆)

    clock.move_to(at(2025, 10, 9, 23, 0), tick=False)
    digital = decide_review(review_of(revision, "digital"), actor=operator, approve=True)
    clock.move_to(at(2025, 10, 10, 9, 0), tick=False)
    media = decide_review(review_of(revision, "media"), actor=producer, approve=True)

    assert (digital.is_late, media.is_late) == (False, True)
    assert media.is_overdue()
    assert not digital.is_overdue()


def test_a_pending_review_past_its_due_time_shows_as_overdue(full_script, recorded, editor):
    revision = submit_script(recorded, actor=editor)
    review = review_of(revision, "media")

    assert not review.is_overdue(at(2025, 10, 9, 23, 0))
    assert review.is_overdue(at(2025, 10, 10, 0, 0))


def test_reviews_wait_and_stop_waiting_through_reminders(
    full_script, recorded, editor, operator, producer, digital_center
):
    first = submit_script(recorded, actor=editor)
    waiting = Reminder.objects.filter(kind=ReminderKind.WAITING, key__startswith=f"script-review:{first.pk}:")
    assert sorted(waiting.values_list("key", "unit_id", "status")) == [
        (f"script-review:{first.pk}:digital", digital_center.pk, ReminderStatus.PENDING),
        (f"script-review:{first.pk}:media", review_of(first, "media").unit_id, ReminderStatus.PENDING),
    ]

    decide_review(review_of(first, "digital"), actor=operator, approve=True)
    assert dict(waiting.values_list("key", "status")) == {
        f"script-review:{first.pk}:digital": ReminderStatus.CANCELLED,
        f"script-review:{first.pk}:media": ReminderStatus.PENDING,
    }

    _edit_answer(full_script, editor)
    submit_script(recorded, actor=editor)  # supersedes the first revision: nobody waits on it any more
    assert set(waiting.values_list("status", flat=True)) == {ReminderStatus.CANCELLED}


def test_the_revision_is_immutable(full_script, recorded, editor):
    revision = submit_script(recorded, actor=editor)
    revision.word_count = 1

    with pytest.raises(ValueError, match="immutable"):
        revision.save()
    with pytest.raises(ValueError, match="immutable"):
        revision.save(update_fields=["document"])
