"""Moderation by 数字治理中心: each action, bulk actions, merge keeping askers and supporters, 转办, groups."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.questions.enums import AnswerStatus, MessageKind, QuestionState
from portal.questions.exceptions import ModerationRefused
from portal.questions.models import AskerMessage, Question, QuestionGroup, Support
from portal.questions.services.grouping import join_groups, move_question_to_group, split_question
from portal.questions.services.moderation import (
    approve_question,
    bulk_approve,
    bulk_reject,
    forward_question,
    merge_question,
    reject_question,
)
from portal.questions.services.support import support_question
from tests.questions.factories import NOW, QuestionFactory, hotline, reason

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def question(open_preview):
    return QuestionFactory(interview=open_preview, text="请联系我13812345678", public_text="请联系我【手机号已隐去】")


def fresh(question) -> Question:
    return Question.objects.get(pk=question.pk)


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_approving_publishes_the_masked_text(question, operator):
    approve_question(question, actor=operator)

    question = fresh(question)
    assert (question.state, question.moderated_by, question.moderated_at) == (S.PUBLISHED, operator, NOW)
    assert list(Question.objects.published().values_list("public_text", flat=True)) == ["请联系我【手机号已隐去】"]
    assert list(question.events.values_list("kind", flat=True)) == ["approved"]
    assert audit_actions() == ["questions.question.approved"]


def test_rejecting_records_the_reason_and_the_note_for_the_asker(question, operator):
    reject_question(question, actor=operator, reason=reason(), note="  可拨打12345反映。 ")

    question = fresh(question)
    assert (question.state, question.rejection_reason, question.public_note) == (
        S.REJECTED,
        reason(),
        "可拨打12345反映。",
    )
    assert question.events.get().data == {"from": "pending", "to": "rejected", "reason": "与本期访谈主题无关"}
    assert audit_actions() == ["questions.question.rejected"]


def test_a_rejected_question_may_be_approved_after_all(question, operator):
    reject_question(question, actor=operator, reason=reason())

    approve_question(question, actor=operator)

    assert (fresh(question).state, fresh(question).rejection_reason) == (S.PUBLISHED, None)


def test_a_retired_reason_cannot_be_used(question, operator):
    retired = reason()
    retired.is_active = False
    retired.save()

    with pytest.raises(ModerationRefused, match="有效的不予采纳理由"):
        reject_question(question, actor=operator, reason=retired)

    assert fresh(question).state == S.PENDING


@pytest.mark.parametrize("name", ["editor", "co_editor", "coordinator", "producer", "outsider"])
def test_only_the_digital_center_moderates(request, question, name):
    user = request.getfixturevalue(name)

    with pytest.raises(PermissionDenied):
        approve_question(question, actor=user)
    with pytest.raises(PermissionDenied):
        reject_question(question, actor=user, reason=reason())

    assert fresh(question).state == S.PENDING
    assert audit_actions() == []


def test_an_answered_question_keeps_its_moderation(question, operator):
    approve_question(question, actor=operator)
    Question.objects.filter(pk=question.pk).update(answer_status=AnswerStatus.WRITTEN)

    with pytest.raises(ModerationRefused, match=r"^问题已经答复，不能再改变审核结果。$"):
        reject_question(question, actor=operator, reason=reason())


def test_bulk_approve_does_what_it_can_and_lists_the_rest(open_preview, operator):
    pending = [QuestionFactory(interview=open_preview) for _n in range(3)]
    merged = QuestionFactory(interview=open_preview, state=S.MERGED, merged_into=pending[0])

    result = bulk_approve([*pending, merged], actor=operator)

    assert [q.pk for q in result.done] == [q.pk for q in pending]
    assert result.refused == {merged.receipt_code: "“已合并”的问题不能改为“已发布”。"}
    assert set(Question.objects.values_list("state", flat=True)) == {S.PUBLISHED, S.MERGED}
    assert audit_actions() == ["questions.question.approved"] * 3


def test_bulk_reject_gives_every_question_the_reason(open_preview, operator):
    questions = [QuestionFactory(interview=open_preview) for _n in range(2)]

    result = bulk_reject(questions, actor=operator, reason=reason("内容不够明确"), note="请补充小区名称。")

    assert (len(result.done), result.refused) == (2, {})
    assert set(Question.objects.values_list("state", "rejection_reason__label", "public_note")) == {
        (S.REJECTED, "内容不够明确", "请补充小区名称。")
    }


def test_bulk_actions_are_for_moderators_only(open_preview, editor):
    question = QuestionFactory(interview=open_preview)

    with pytest.raises(PermissionDenied):
        bulk_approve([question], actor=editor)


# --- Merge ------------------------------------------------------------------------------------------


@pytest.fixture
def duplicates(open_preview, operator):
    """Three askers of one issue: ``keep`` published, ``dup`` pending, ``older`` already merged into ``dup``."""
    keep = QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="13800000001")
    dup = QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="dup@example.com")
    older = QuestionFactory(interview=open_preview, asker__contact="13800000003")
    merge_question(older, into=dup, actor=operator)
    return keep, dup, older


def test_merging_keeps_every_asker(duplicates, operator, django_capture_on_commit_callbacks):
    keep, dup, older = duplicates

    with django_capture_on_commit_callbacks(execute=True):
        merge_question(dup, into=keep, actor=operator, note="与相同问题合并答复。")

    assert (fresh(dup).state, fresh(dup).merged_into) == (S.MERGED, keep)
    assert sorted(fresh(keep).merged.values_list("pk", flat=True)) == sorted([dup.pk, older.pk])
    assert fresh(dup).group_id == fresh(keep).group_id
    assert fresh(dup).events.last().data == {"from": "published", "to": "merged", "into": keep.receipt_code}


def test_merging_keeps_every_supporter_once(duplicates, operator):
    keep, dup, _older = duplicates
    support_question(keep, client_key="alice")
    support_question(keep, client_key="bob")
    support_question(dup, client_key="bob")
    support_question(dup, client_key="carol")

    merge_question(dup, into=keep, actor=operator)

    assert (fresh(keep).support_count, fresh(dup).support_count) == (3, 0)
    assert Support.objects.filter(question=keep).count() == 3
    assert Support.objects.filter(question=dup).count() == 0


def test_the_merged_asker_is_told_once(duplicates, operator, mailoutbox, django_capture_on_commit_callbacks):
    keep, dup, _older = duplicates

    with django_capture_on_commit_callbacks(execute=True):
        merge_question(dup, into=keep, actor=operator)

    assert [m.to for m in mailoutbox] == [["dup@example.com"]]
    assert "已与相同问题合并" in mailoutbox[0].subject
    assert list(AskerMessage.objects.filter(question=dup).values_list("kind", "channel")) == [("merged", "email")]


def test_merging_into_an_answered_question_sends_the_answer_at_once(
    duplicates, operator, smsoutbox, django_capture_on_commit_callbacks
):
    keep, _dup, _older = duplicates
    Question.objects.filter(pk=keep.pk).update(answer_status=AnswerStatus.LIVE)
    extra = QuestionFactory(interview=keep.interview, asker__contact="13800000009")

    with django_capture_on_commit_callbacks(execute=True):
        merge_question(extra, into=keep, actor=operator)

    answered = AskerMessage.objects.filter(kind=MessageKind.ANSWERED)
    assert sorted(answered.values_list("question_id", flat=True)) == [keep.pk, extra.pk]
    assert sorted(m.number for m in smsoutbox) == ["13800000001", "13800000009", "13800000009"]


@pytest.mark.parametrize("case", ["self", "other_interview", "rejected_target"])
def test_merge_refusals(open_preview, units, operator, case):
    source = QuestionFactory(interview=open_preview)
    target = {
        "self": source,
        "other_interview": QuestionFactory(interview__lead_unit=units["lead"]),
        "rejected_target": QuestionFactory(interview=open_preview, state=S.REJECTED),
    }[case]

    with pytest.raises(ModerationRefused):
        merge_question(source, into=target, actor=operator)

    assert fresh(source).state == S.PENDING


# --- 转办 -------------------------------------------------------------------------------------------


def test_forwarding_tells_the_asker_with_the_note(
    open_preview, operator, smsoutbox, django_capture_on_commit_callbacks
):
    question = QuestionFactory(interview=open_preview, asker__contact="13812345678")

    with django_capture_on_commit_callbacks(execute=True):
        forward_question(question, actor=operator, channel=hotline(), note="属于供热问题，已转12345。")

    question = fresh(question)
    assert (question.state, question.forward_channel, question.public_note) == (
        S.FORWARDED,
        hotline(),
        "属于供热问题，已转12345。",
    )
    assert [(m.number, "已转12345政务服务便民热线办理" in m.text) for m in smsoutbox] == [("13812345678", True)]
    assert audit_actions() == ["questions.question.forwarded"]


def test_a_forwarded_question_is_settled(open_preview, operator):
    question = QuestionFactory(interview=open_preview)
    forward_question(question, actor=operator, channel=hotline())

    with pytest.raises(ModerationRefused, match="“已转办”的问题不能改为“已发布”。"):
        approve_question(question, actor=operator)


# --- Groups -----------------------------------------------------------------------------------------


def test_splitting_a_question_out_of_its_group(open_preview, operator):
    group = QuestionGroup.objects.create(interview=open_preview)
    first, second = (QuestionFactory(interview=open_preview, group=group) for _n in range(2))

    new_group = split_question(second, actor=operator)

    assert (fresh(first).group_id, fresh(second).group_id) == (group.pk, new_group.pk)
    assert fresh(second).events.get().kind == "group_changed"
    with pytest.raises(ModerationRefused, match="已经单独成组"):
        split_question(second, actor=operator)


def test_joining_groups_moves_every_question_and_drops_the_empty_groups(open_preview, operator):
    questions = [QuestionFactory(interview=open_preview) for _n in range(3)]

    kept = join_groups([q.group for q in questions], actor=operator)

    assert set(Question.objects.values_list("group_id", flat=True)) == {kept.pk}
    assert list(QuestionGroup.objects.values_list("pk", flat=True)) == [kept.pk]


def test_groups_of_different_interviews_are_not_joined(open_preview, units, operator):
    here = QuestionFactory(interview=open_preview)
    there = QuestionFactory(interview__lead_unit=units["lead"])

    with pytest.raises(ModerationRefused, match="同一期访谈"):
        join_groups([here.group, there.group], actor=operator)
    with pytest.raises(ModerationRefused, match="同一期访谈"):
        move_question_to_group(here, group=there.group, actor=operator)


def test_a_question_moves_to_another_group(open_preview, operator):
    first, second = QuestionFactory(interview=open_preview), QuestionFactory(interview=open_preview)

    move_question_to_group(second, group=first.group, actor=operator)

    assert fresh(second).group_id == first.group_id
    assert QuestionGroup.objects.count() == 1
