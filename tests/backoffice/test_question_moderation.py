"""The moderation queue and every moderation write: happy paths, refusals on the same form, htmx rows."""

import pytest
from django.urls import reverse

from portal.questions.enums import QuestionState
from portal.questions.models import Category, ForwardChannel, Question, QuestionGroup, TopicTag
from portal.questions.services.support import support_question
from tests.questions.factories import CLIENT, QuestionFactory, hotline, reason

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = QuestionState


def queue(interview, query=""):
    return f"{reverse('backoffice:question-queue', args=[interview.pk])}{'?' + query if query else ''}"


def url(name, question, query=""):
    return f"{reverse(f'backoffice:{name}', args=[question.pk])}{'?' + query if query else ''}"


def state(question) -> str:
    return Question.objects.get(pk=question.pk).state


@pytest.fixture
def moderator(client, operator):
    client.force_login(operator)
    return operator


# The queue ------------------------------------------------------------------------------------


def test_the_queue_shows_counts_masked_text_the_original_flags_and_the_contact_hint(
    client, moderator, pending, preview
):
    QuestionFactory(interview=preview, state=S.PUBLISHED)

    text = client.get(queue(preview)).text

    assert "待审核（1）" in text
    assert "已发布（1）" in text
    assert "全部（2）" in text
    assert pending.public_text in text
    assert "原文（含个人信息，不公开）" in text
    assert "13812345678" in text  # the original, for moderators, inside the disclosure
    assert "个人信息：手机号（已隐去）" in text
    assert "139****5678" in text
    assert "含个人信息（待审核1条）" in text


def test_the_queue_filters_by_state_flag_and_searches_chinese_text(client, moderator, pending, preview):
    other = QuestionFactory(
        interview=preview, text="希望增加公交线路到桥林新城。", public_text="希望增加公交线路到桥林新城。"
    )
    spam = QuestionFactory(interview=preview, text="加微信领优惠券", looks_like_spam=True, spam_signals=["advertising"])

    assert other.public_text not in client.get(queue(preview, "flag=personal")).text
    found = client.get(queue(preview, "q=公交线路")).text
    assert other.public_text in found
    assert pending.public_text not in found
    spam_page = client.get(queue(preview, "flag=spam")).text
    assert "疑似垃圾信息：广告用语" in spam_page
    assert spam.public_text in spam_page
    assert pending.public_text not in client.get(queue(preview, "state=published")).text


def test_the_all_interviews_queue_lists_interviews_with_their_waiting_questions(client, moderator, pending, preview):
    text = client.get(reverse("backoffice:question-queue-all")).text

    assert preview.title in text
    assert "1条待审核" in text
    assert pending.public_text in text


def test_select_all_without_javascript_ticks_every_row(client, moderator, pending, preview):
    second = QuestionFactory(interview=preview)

    text = client.get(queue(preview, "select=all")).text

    assert f'value="{pending.pk}" form="bulk-form" id="select-{pending.pk}" checked' in text
    assert f'value="{second.pk}" form="bulk-form" id="select-{second.pk}" checked' in text
    assert "已选2条" in text


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_query_count_does_not_grow(client, moderator, preview, count, django_assert_num_queries):
    tag = TopicTag.objects.create(interview=preview, name="燃气")
    for n in range(count):
        question = QuestionFactory(
            interview=preview, asker__contact=f"1391234567{n}", suggested_category=Category.objects.first()
        )
        question.tags.add(tag)
    client.get(queue(preview))  # warm the session and the caches

    # 19 = the queue's own queries + the user's model permissions (2), read once when the navigation asks
    # for a permission the rules deny the operator (审计日志).
    with django_assert_num_queries(19):
        response = client.get(queue(preview))
    assert response.text.count('form="bulk-form" id="select-') == count


# One question at a time ---------------------------------------------------------------------------


def test_approving_from_the_queue_returns_to_the_same_filtered_page(client, moderator, pending, preview):
    response = client.post(url("question-approve", pending, f"state=pending&flag=personal&queue={preview.pk}"))

    assert response.status_code == 302
    assert response["Location"] == queue(preview, "state=pending&flag=personal")
    assert state(pending) == S.PUBLISHED
    assert f"已审核通过：{pending.formatted_receipt_code}" in client.get(response["Location"]).text


def test_approving_with_htmx_answers_with_the_row_and_a_polite_status(client, moderator, pending, preview):
    response = client.post(url("question-approve", pending, f"queue={preview.pk}"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="question-{pending.pk}"')
    assert '<p role="status" class="saved">已审核通过' in response.text
    assert state(pending) == S.PUBLISHED


def test_rejecting_without_a_reason_is_refused_on_the_row_with_the_note_kept(client, moderator, pending, preview):
    response = client.post(url("question-reject", pending, f"queue={preview.pk}"), {"note": "请到12345反映"})

    assert response.status_code == 400
    assert "请选择不予采纳理由。" in response.text
    assert "请到12345反映</textarea>" in response.text
    assert state(pending) == S.PENDING


def test_rejecting_with_a_reason_records_it(client, moderator, pending):
    response = client.post(url("question-reject", pending), {"reason": reason().pk, "note": "感谢关注"})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.rejection_reason, pending.public_note) == (S.REJECTED, reason(), "感谢关注")


def test_a_refusal_from_the_service_shows_on_the_question_page(client, moderator, pending):
    Question.objects.filter(pk=pending.pk).update(state=S.FORWARDED)

    response = client.post(url("question-approve", pending))

    assert response.status_code == 400
    assert "“已转办”的问题不能改为“已发布”。" in response.text
    assert state(pending) == S.FORWARDED


def test_merging_keeps_every_asker_and_supporter(client, moderator, preview, pending):
    target = QuestionFactory(interview=preview, state=S.PUBLISHED)
    earlier = QuestionFactory(interview=preview, state=S.MERGED, merged_into=pending)
    Question.objects.filter(pk=pending.pk).update(state=S.PUBLISHED)
    support_question(pending, client_key=CLIENT)

    response = client.post(url("question-merge", pending), {"code": target.formatted_receipt_code, "note": "同类问题"})

    assert response.status_code == 302
    target.refresh_from_db()
    assert state(pending) == S.MERGED
    assert set(target.merged.values_list("pk", flat=True)) == {pending.pk, earlier.pk}
    assert target.support_count == 1
    assert "已将" in client.get(response["Location"]).text


def test_merging_into_an_unknown_code_is_refused_with_the_input_kept(client, moderator, pending):
    response = client.post(url("question-merge", pending), {"code": "ZZZZZ-ZZZZZ", "note": "同类问题"})

    assert response.status_code == 400
    assert "本期访谈中没有这个查询码的问题。" in response.text
    assert 'value="ZZZZZ-ZZZZZ"' in response.text
    assert "同类问题</textarea>" in response.text
    assert state(pending) == S.PENDING


def test_merging_picks_a_target_from_the_same_group(client, moderator, preview, pending):
    sibling = QuestionFactory(interview=preview, group=pending.group)

    page = client.get(url("question-detail", pending)).text
    assert f'<option value="{sibling.pk}">{sibling.formatted_receipt_code}' in page

    response = client.post(url("question-merge", pending), {"target": sibling.pk})
    assert response.status_code == 302
    assert Question.objects.get(pk=pending.pk).merged_into_id == sibling.pk


def test_forwarding_tells_the_channel_and_keeps_the_note(client, moderator, pending):
    response = client.post(url("question-forward", pending), {"channel": hotline().pk, "note": "请拨打12345"})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.forward_channel, pending.public_note) == (S.FORWARDED, hotline(), "请拨打12345")


def test_forwarding_to_a_retired_channel_is_refused(client, moderator, pending):
    ForwardChannel.objects.filter(pk=hotline().pk).update(is_active=False)

    response = client.post(url("question-forward", pending), {"channel": hotline().pk, "note": "请拨打12345"})

    assert response.status_code == 400
    assert "请拨打12345</textarea>" in response.text
    assert state(pending) == S.PENDING


def test_splitting_and_joining_groups(client, moderator, preview, pending):
    sibling = QuestionFactory(interview=preview, group=pending.group)
    other = QuestionFactory(interview=preview)

    assert client.post(url("question-split", pending)).status_code == 302
    pending.refresh_from_db()
    assert pending.group_id != sibling.group_id

    refused = client.post(url("question-split", pending))
    assert refused.status_code == 400
    assert "该问题已经单独成组。" in refused.text

    response = client.post(url("question-move", pending), {"code": other.receipt_code})
    assert response.status_code == 302
    assert Question.objects.get(pk=pending.pk).group_id == other.group_id


def test_bulk_approve_publishes_every_selected_question(client, moderator, preview, pending):
    second = QuestionFactory(interview=preview)
    untouched = QuestionFactory(interview=preview)

    response = client.post(
        f"{reverse('backoffice:question-bulk')}?queue={preview.pk}",
        {"action": "approve", "questions": [pending.pk, second.pk]},
    )

    assert response.status_code == 302
    assert (state(pending), state(second), state(untouched)) == (S.PUBLISHED, S.PUBLISHED, S.PENDING)
    assert "已审核通过2条问题。" in client.get(response["Location"]).text


def test_the_whole_page_is_approved_without_javascript(client, moderator, preview, pending):
    second = QuestionFactory(interview=preview)
    page = client.get(queue(preview)).text
    assert "本页2条全部审核通过" in page

    response = client.post(
        f"{reverse('backoffice:question-bulk')}?state=pending&queue={preview.pk}",
        {"action": "approve", "questions": [pending.pk, second.pk]},
    )

    assert response.status_code == 302
    assert (state(pending), state(second)) == (S.PUBLISHED, S.PUBLISHED)


def test_bulk_reject_without_a_reason_is_refused_with_the_selection_kept(client, moderator, preview, pending):
    response = client.post(
        f"{reverse('backoffice:question-bulk')}?queue={preview.pk}",
        {"action": "reject", "questions": [pending.pk], "note": "重复提问"},
    )

    assert response.status_code == 400
    assert "批量不予采纳时请选择理由。" in response.text
    assert f'value="{pending.pk}" form="bulk-form" id="select-{pending.pk}" checked' in response.text
    assert "重复提问</textarea>" in response.text
    assert state(pending) == S.PENDING


def test_bulk_joining_groups(client, moderator, preview, pending):
    other = QuestionFactory(interview=preview)

    response = client.post(
        f"{reverse('backoffice:question-bulk')}?queue=all",
        {"action": "join_groups", "questions": [pending.pk, other.pk]},
    )

    assert response.status_code == 302
    assert Question.objects.get(pk=pending.pk).group_id == Question.objects.get(pk=other.pk).group_id
    assert QuestionGroup.objects.filter(interview=preview).count() == 1


def test_confirming_a_category_setting_tags_and_the_answering_unit(client, moderator, pending, units):
    category = Category.objects.get(name="城乡建设")
    assert client.post(url("question-category", pending), {"category": category.pk}).status_code == 302
    response = client.post(url("question-tags", pending), {"new_tags": []})
    assert response.status_code == 302
    tag = TopicTag.objects.create(interview=pending.interview, name="老旧小区")
    assert client.post(url("question-tags", pending), {"tags": [tag.pk]}).status_code == 302
    assert client.post(url("question-unit", pending), {"unit": units["co"].pk}).status_code == 302

    pending.refresh_from_db()
    assert pending.category == category
    assert pending.category_confirmed_at is not None
    assert list(pending.tags.all()) == [tag]
    assert pending.responsible_unit == units["co"]


def test_an_answering_unit_outside_the_interview_is_refused(client, moderator, pending, units):
    response = client.post(url("question-unit", pending), {"unit": units["outsider"].pk})

    assert response.status_code == 400
    assert Question.objects.get(pk=pending.pk).responsible_unit == units["lead"]


def test_the_lead_unit_may_set_tags_and_the_answering_unit(client, editor, pending, units):
    client.force_login(editor)

    assert client.post(url("question-unit", pending), {"unit": units["co"].pk}).status_code == 302
    assert Question.objects.get(pk=pending.pk).responsible_unit == units["co"]
