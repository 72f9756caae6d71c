"""``manage.py seed_demo``: the netizen questions of the demo interviews, in every state, idempotent."""

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from portal.interviews.enums import PublicPhase
from portal.interviews.models import Interview
from portal.questions.enums import AnswerState, AnswerStatus, QuestionState
from portal.questions.models import (
    Answer,
    AskerContact,
    Introduction,
    Question,
    RelatedMaterial,
    RepresentativeQuestion,
    SupervisionNotice,
    Support,
    TopicTag,
)
from portal.questions.queries import is_answer_overdue, overdue_answers

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SHANGHAI = ZoneInfo("Asia/Shanghai")
S = QuestionState


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def by_phase() -> dict:
    return {i.public_phase(): i for i in Interview.objects.filter(is_demo=True).prefetch_related("steps")}


def states(interview) -> Counter:
    return Counter(interview.questions.values_list("state", flat=True))


def fingerprint() -> dict:
    models = (
        Question,
        Answer,
        Support,
        Introduction,
        RelatedMaterial,
        RepresentativeQuestion,
        SupervisionNotice,
        TopicTag,
    )
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "questions": list(
            Question.objects.order_by("pk").values_list("pk", "state", "group_id", "support_count", "created_at")
        ),
    }


def test_the_demo_interviews_with_a_preview_have_an_introduction_and_questions():
    seed()
    phases = by_phase()

    assert not Introduction.objects.filter(interview=phases[None]).exists()
    assert not phases[None].questions.exists()
    for phase in (PublicPhase.PREVIEW, PublicPhase.UPCOMING, PublicPhase.LIVE, PublicPhase.REVIEW):
        interview = phases[phase]
        assert Introduction.objects.get(interview=interview).is_submitted, phase
        assert "演示数据" in interview.introduction.body
        assert interview.introduction.materials.count() == 1
        assert interview.questions.exists(), phase
    assert 15 <= Question.objects.count() <= 30
    assert set(Question.objects.values_list("state", flat=True)) == set(S.values)


def test_the_collecting_interview_waits_for_moderation_and_masks_personal_data():
    seed()
    collecting = by_phase()[PublicPhase.PREVIEW]

    assert states(collecting)[S.PENDING] >= 4
    masked = collecting.questions.get(text__contains="13912345601")
    assert "13912345601" not in masked.public_text
    assert "【手机号已隐去】" in masked.public_text
    assert masked.has_personal_data
    assert collecting.questions.filter(looks_like_spam=True, state=S.REJECTED).exists()
    forwarded = collecting.questions.get(state=S.FORWARDED)
    assert forwarded.forward_channel.name == "12345政务服务便民热线"
    merged = collecting.questions.get(state=S.MERGED)
    assert merged.merged_into.state == S.PUBLISHED
    hints = set(
        AskerContact.objects.filter(question__interview=collecting)
        .exclude(contact_hint="")
        .values_list("contact_hint", flat=True)
    )
    assert hints == {"139****1111", "d***@example.com"}
    opens, closes = collecting.question_window()
    assert all(opens <= q.created_at < closes for q in collecting.questions.all())


def test_the_scripting_interview_has_groups_supports_tags_and_representatives():
    seed()
    scripting = by_phase()[PublicPhase.UPCOMING]

    assert states(scripting)[S.PUBLISHED] >= 6
    flood = scripting.questions.get(text__startswith="每次下大雨")
    assert flood.support_count == 12
    assert scripting.questions.filter(group_id=flood.group_id).count() >= 2
    assert flood.category.name == "城乡建设"
    assert flood.category_confirmed_at is not None
    assert set(flood.tags.values_list("name", flat=True)) == {"道路积水"}
    reps = list(RepresentativeQuestion.objects.filter(interview=scripting))
    assert [rep.order for rep in reps] == [1, 2]
    assert flood in reps[0].questions.all()


def test_the_finished_interview_has_answers_in_each_state_one_overdue_and_a_supervision_notice():
    seed()
    finished = by_phase()[PublicPhase.REVIEW]

    answered = Counter(finished.questions.filter(state=S.PUBLISHED).values_list("answer_status", flat=True))
    assert answered[AnswerStatus.LIVE] == 2
    assert answered[AnswerStatus.WRITTEN] == 1
    assert set(Answer.objects.filter(question__interview=finished).values_list("state", flat=True)) == {
        AnswerState.PUBLISHED,
        AnswerState.SUBMITTED,
    }
    never_started = finished.questions.get(
        state=S.PUBLISHED, answer_status=AnswerStatus.UNANSWERED, answer__isnull=True
    )
    assert is_answer_overdue(never_started)
    rows = overdue_answers()
    assert [row.interview for row in rows] == [finished]
    notice = SupervisionNotice.objects.get()
    assert list(notice.questions.all()) == [never_started]
    assert notice.unit == finished.lead_unit


def test_the_live_interview_takes_questions_during_the_broadcast():
    seed()
    live = by_phase()[PublicPhase.LIVE]

    assert live.questions.filter(via="live", state=S.PENDING).count() == 3
    assert live.questions.filter(answer_status=AnswerStatus.LIVE).count() == 1
    assert live.questions.get(text__contains="025-58000000").public_text.count("【固定电话已隐去】") == 1


def test_seeding_the_questions_twice_changes_nothing():
    seed()
    first = fingerprint()

    assert "无改动" in seed()
    assert fingerprint() == first


def test_reseeding_a_later_day_keeps_the_questions_inside_their_windows():
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        counts = fingerprint()["counts"]
    with time_machine.travel(dt.datetime(2026, 5, 6, 14, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        assert fingerprint()["counts"] == counts
        collecting = by_phase()[PublicPhase.PREVIEW]
        opens, closes = collecting.question_window()
        assert all(opens <= q.created_at < closes for q in collecting.questions.all())
