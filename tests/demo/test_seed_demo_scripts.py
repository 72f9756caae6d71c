"""``manage.py seed_demo``: the demo scripts (访谈稿) — one sent back and resubmitted, one with its final approved."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.interviews.enums import PublicPhase, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.scripts.enums import ReviewCenter, ReviewDecision, RevisionStatus
from portal.scripts.models import ReviewComment, Script, ScriptItem, ScriptReview, ScriptRevision
from portal.scripts.queries import late_finals, late_reviews, working_document
from portal.scripts.wordcount import count_document

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SHANGHAI = ZoneInfo("Asia/Shanghai")
MEDIA, DIGITAL = ReviewCenter.MEDIA, ReviewCenter.DIGITAL


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def by_phase() -> dict:
    return {i.public_phase(): i for i in Interview.objects.filter(is_demo=True).prefetch_related("steps")}


def revisions(interview) -> list[ScriptRevision]:
    return list(ScriptRevision.objects.filter(script__interview=interview).order_by("number"))


def reviews(revision) -> dict[str, ScriptReview]:
    return {review.center: review for review in revision.reviews.select_related("reviewer")}


def fingerprint() -> dict:
    return {
        "counts": {m.__name__: m.objects.count() for m in (Script, ScriptItem, ScriptRevision, ScriptReview)},
        "comments": list(ReviewComment.objects.order_by("pk").values_list("pk", "item_key", "text", "created_at")),
        "revisions": list(
            ScriptRevision.objects.order_by("pk").values_list(
                "pk", "status", "submitted_at", "approved_at", "is_late", "final_due_date", "word_count"
            )
        ),
        "reviews": list(ScriptReview.objects.order_by("pk").values_list("pk", "decision", "decided_at", "due_at")),
        "scripts": list(Script.objects.order_by("pk").values_list("pk", "final_approved_at")),
    }


def test_the_scripting_interview_was_sent_back_by_one_center_and_waits_for_both_again():
    seed()
    scripting = by_phase()[PublicPhase.UPCOMING]
    assert not scripting.question_window_open()
    first, second = revisions(scripting)

    assert first.status == RevisionStatus.RETURNED
    decided = reviews(first)
    assert decided[MEDIA].decision == ReviewDecision.APPROVED
    assert decided[MEDIA].reviewer.username == "demo-producer"
    assert decided[DIGITAL].decision == ReviewDecision.RETURNED
    assert decided[DIGITAL].reviewer.username == "demo-operator"
    whole, on_item = decided[DIGITAL].comments.all()
    assert whole.item_key == ""
    assert whole.text
    assert on_item.item_number == 5
    assert on_item.item_key == first.document["items"][4]["key"]

    assert second.status == RevisionStatus.PENDING
    assert second.note
    assert {r.decision for r in reviews(second).values()} == {ReviewDecision.PENDING}
    assert all(not r.is_overdue() for r in reviews(second).values())
    assert second.submitted_by.username == "demo-editor"
    assert first.submitted_at < decided[MEDIA].decided_at < second.submitted_at < timezone.now()
    # The commented item was revised; the rest is the same text.
    assert first.document["items"][4]["answer"] != second.document["items"][4]["answer"]
    assert first.document["items"][0] == second.document["items"][0]
    assert step_status(scripting, StepKind.DRAFT) == StepStatus.IN_PROGRESS


def step_status(interview, kind):
    return interview.steps.get(kind=kind).status


def test_the_scripting_interview_script_is_long_enough_and_built_from_its_representative_questions():
    seed()
    scripting = by_phase()[PublicPhase.UPCOMING]
    script = Script.objects.get(interview=scripting)
    assert count_document(working_document(script)) >= 8000
    assert all(r.word_count >= 8000 for r in revisions(scripting))
    linked = script.items.exclude(representative=None)
    assert set(linked.values_list("representative__text", flat=True)) == set(
        scripting.representative_questions.values_list("text", flat=True)
    )
    for item in linked:
        assert set(item.questions.all()) == set(item.representative.questions.all())
    assert all(item.guest is not None and item.answer for item in script.items.all())
    texts = [item.answer for item in script.items.all()]
    assert len(set(texts)) == len(texts)  # no repeated filler
    assert "lorem" not in " ".join(texts).lower()


def test_the_live_interview_has_its_final_script_approved_by_both_centers():
    seed()
    live = by_phase()[PublicPhase.LIVE]
    first, final = revisions(live)
    script = Script.objects.get(interview=live)

    assert first.status == RevisionStatus.APPROVED
    assert not first.is_final
    assert final.status == RevisionStatus.APPROVED
    assert final.is_final
    assert final.word_count >= 8000
    for revision in (first, final):
        assert {r.decision for r in reviews(revision).values()} == {ReviewDecision.APPROVED}
        assert not any(r.is_late for r in reviews(revision).values())
    assert not final.is_late
    assert final.final_due_date == live.steps.get(kind=StepKind.FINAL).due_date
    assert script.final_approved
    assert script.final_approved_at == final.approved_at == live.steps.get(kind=StepKind.FINAL).completed_at
    assert first.approved_at == live.steps.get(kind=StepKind.DRAFT).completed_at
    assert script.final_approved_at < live.recording_at
    # Nothing in the demo scripts is late: the oversight page shows no script in 访谈稿逾期.
    assert late_finals(live.year) == []
    assert late_reviews(live.year) == []


def test_the_demo_accounts_can_see_and_act_on_the_scripts(client):
    seed()
    phases = by_phase()
    scripting, live = phases[PublicPhase.UPCOMING], phases[PublicPhase.LIVE]
    editor, producer, operator = (User.objects.get(username=f"demo-{n}") for n in ("editor", "producer", "operator"))
    script = Script.objects.get(interview=scripting)
    pending = reviews(revisions(scripting)[1])

    assert editor.has_perm("scripts.edit_script", script)
    assert editor.has_perm("scripts.submit_script", script)
    assert producer.has_perm("scripts.review_script", pending[MEDIA])
    assert not producer.has_perm("scripts.review_script", pending[DIGITAL])
    assert operator.has_perm("scripts.review_script", pending[DIGITAL])
    assert not editor.has_perm("scripts.edit_script", Script.objects.get(interview=live))  # closed by the final

    for user, form in ((editor, False), (producer, True), (operator, True)):
        client.force_login(user)
        assert client.get(reverse("backoffice:script", args=[scripting.pk])).status_code == 200
        page = client.get(reverse("backoffice:script-revision", args=[scripting.pk, 2])).text
        assert ('id="review-form"' in page) == form, user
        assert client.get(reverse("backoffice:script", args=[live.pk])).status_code == 200
        export = client.get(reverse("backoffice:script-export", args=[live.pk, 2, "pdf"]))
        assert export.content.startswith(b"%PDF")


def test_seeding_the_scripts_twice_changes_nothing():
    seed()
    first = fingerprint()

    assert "无改动" in seed()
    assert fingerprint() == first


def test_reseeding_a_later_day_moves_the_scripts_along_without_duplicates():
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        before = fingerprint()
    with time_machine.travel(dt.datetime(2026, 5, 6, 14, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        after = fingerprint()
        assert after["counts"] == before["counts"]
        phases = by_phase()
        pending = reviews(revisions(phases[PublicPhase.UPCOMING])[1])
        assert all(not r.is_overdue() for r in pending.values())
        live = phases[PublicPhase.LIVE]
        final = revisions(live)[1]
        assert final.approved_at == live.steps.get(kind=StepKind.FINAL).completed_at
        assert not final.is_late
        assert late_finals(2026) == []
        assert late_reviews(2026) == []
        assert "无改动" in seed()
