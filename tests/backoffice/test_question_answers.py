"""Written answers (the responsible unit drafts, 数字治理中心 checks) and 督办 (区政府办 urges, the unit signs)."""

import pytest
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.questions.enums import AnswerState, AnswerStatus, QuestionState
from portal.questions.models import Answer, Question, SupervisionNotice
from tests.factories import at
from tests.questions.factories import QuestionFactory, open_interview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = QuestionState
ANSWERS = reverse("backoffice:answer-list")
CHECK = reverse("backoffice:answer-check-list")


@pytest.fixture
def held(units):
    """城建局's interview recorded on 2025-10-09 and ended: written answers were due 2025-10-15."""
    return open_interview(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], state=InterviewState.ENDED
    )


@pytest.fixture
def upcoming(units):
    return open_interview(title="燃气安全进社区", lead_unit=units["lead"], recording_at=at(2031, 6, 10))


@pytest.fixture
def late(held):
    return QuestionFactory(interview=held, state=S.PUBLISHED, public_text="燃气表更换要收费吗？")


def answer_url(question, name="answer-edit"):
    return reverse(f"backoffice:{name}", args=[question.pk])


def test_the_unit_lists_its_questions_with_the_due_date_and_overdue_in_words(client, editor, late, upcoming):
    on_time = QuestionFactory(interview=upcoming, state=S.PUBLISHED, public_text="燃气报警器谁来装？")
    QuestionFactory(interview=upcoming, state=S.PENDING, public_text="未审核的问题")
    client.force_login(editor)

    text = client.get(ANSWERS).text

    assert "本单位待答复的网友提问（2条，其中" in text
    assert "1条已逾期" in text
    assert "2025-10-15" in text
    assert text.count("已逾期</span>") == 1
    assert on_time.public_text in text
    assert "未审核的问题" not in text


@pytest.mark.parametrize("count", [1, 3])
def test_the_answers_list_query_count_does_not_grow(client, editor, units, count, django_assert_num_queries):
    for n in range(count):
        interview = open_interview(title=f"访谈{n}", lead_unit=units["lead"], state=InterviewState.ENDED)
        question = QuestionFactory(interview=interview, state=S.PUBLISHED)
        Answer.objects.create(question=question, unit=units["lead"], body="草稿", drafted_by=editor)
    client.force_login(editor)
    client.get(ANSWERS)

    with django_assert_num_queries(12):
        response = client.get(ANSWERS)
    assert response.text.count("已逾期</span>") == count


def test_the_unit_drafts_then_submits_an_answer(client, editor, late):
    client.force_login(editor)

    draft = client.post(answer_url(late), {"kind": "written", "body": "燃气表到期更换不收费。", "draft": "1"})
    assert draft.status_code == 302
    assert Answer.objects.get().state == AnswerState.DRAFT
    assert "燃气表到期更换不收费。</textarea>" in client.get(answer_url(late)).text

    submitted = client.post(answer_url(late), {"kind": "written", "body": "燃气表到期更换不收费。", "submit": "1"})
    assert submitted.status_code == 302
    assert Answer.objects.get().state == AnswerState.SUBMITTED
    assert "答复已提交，等待区城市数字治理中心审核" in client.get(submitted["Location"]).text


def test_an_empty_reason_for_not_answering_is_refused_with_the_choice_kept(client, editor, late):
    client.force_login(editor)

    response = client.post(answer_url(late), {"kind": "declined", "body": "  ", "submit": "1"})

    assert response.status_code == 400
    assert 'value="declined" required id="id_kind_1" checked' in response.text
    assert "请填写不予答复的理由。" in response.text
    assert not Answer.objects.exists()


def test_a_co_unit_answers_only_what_is_assigned_to_it(client, co_editor, late, operator, units):
    client.force_login(co_editor)
    assert client.get(answer_url(late)).status_code == 403
    Question.objects.filter(pk=late.pk).update(responsible_unit=units["co"])
    assert client.get(answer_url(late)).status_code == 200


def test_the_operator_publishes_a_submitted_answer(client, operator, editor, late, units):
    Answer.objects.create(
        question=late, unit=units["lead"], body="不收费。", drafted_by=editor, state=AnswerState.SUBMITTED
    )
    client.force_login(operator)
    assert "不收费。" in client.get(CHECK).text

    response = client.post(answer_url(late, "answer-check"), {"decision": "publish", "note": ""})

    assert response.status_code == 302
    late.refresh_from_db()
    assert late.answer_status == AnswerStatus.WRITTEN
    assert "的答复已发布，已告知提问的网友。" in client.get(response["Location"]).text


def test_sending_back_needs_a_note_and_keeps_the_answer_submitted(client, operator, editor, late, units):
    Answer.objects.create(
        question=late, unit=units["lead"], body="不收费。", drafted_by=editor, state=AnswerState.SUBMITTED
    )
    client.force_login(operator)

    refused = client.post(answer_url(late, "answer-check"), {"decision": "return", "note": ""})
    assert refused.status_code == 400
    assert "退回时请填写修改意见。" in refused.text
    assert Answer.objects.get().state == AnswerState.SUBMITTED

    returned = client.post(answer_url(late, "answer-check"), {"decision": "return", "note": "请写明政策依据"})
    assert returned.status_code == 302
    assert Answer.objects.get().state == AnswerState.RETURNED
    client.force_login(editor)
    assert "请写明政策依据" in client.get(answer_url(late)).text


def test_the_coordinator_sends_a_supervision_notice_and_the_unit_acknowledges(client, coordinator, editor, late, units):
    oversight = f"{reverse('backoffice:oversight')}?year=2025"
    client.force_login(coordinator)
    page = client.get(oversight).text
    assert "书面答复逾期（2025年）" in page
    assert "发送督办通知" in page

    data = {"interview": late.interview_id, "unit": units["lead"].pk, "questions": [late.pk], "message": "请三日内答复"}
    assert client.post(reverse("backoffice:supervision-send"), data).status_code == 302
    notice = SupervisionNotice.objects.get()
    assert list(notice.questions.all()) == [late]

    client.force_login(editor)
    assert "1条未签收" in client.get(ANSWERS).text
    listed = client.get(reverse("backoffice:supervision-list")).text
    assert "请三日内答复" in listed
    assert "尚未签收" in listed
    ack = reverse("backoffice:supervision-acknowledge", args=[notice.pk])
    assert client.post(ack, {"note": "本周内答复"}).status_code == 302
    notice.refresh_from_db()
    assert notice.is_acknowledged
    refused = client.post(ack, {"note": "再次签收"})
    assert refused.status_code == 400
    assert "该督办通知已经签收。" in refused.text

    client.force_login(coordinator)
    assert "已签收：本周内答复" in client.get(oversight).text
    assert "本周内答复" in client.get(reverse("backoffice:supervision-list")).text


def test_a_supervision_notice_without_a_message_is_refused_on_its_form(client, coordinator, late, units):
    client.force_login(coordinator)
    data = {"interview": late.interview_id, "unit": units["lead"].pk, "questions": [late.pk], "message": ""}

    response = client.post(reverse("backoffice:supervision-send"), data)

    assert response.status_code == 400
    assert "督办内容" in response.text
    assert f'value="{late.pk}"' in response.text
    assert not SupervisionNotice.objects.exists()


def test_supervising_a_unit_that_does_not_answer_the_question_is_refused(client, coordinator, late, units):
    client.force_login(coordinator)
    data = {"interview": late.interview_id, "unit": units["co"].pk, "questions": [late.pk], "message": "请答复"}

    response = client.post(reverse("backoffice:supervision-send"), data)

    assert response.status_code == 400
    assert "只能督办该单位负责答复的本期访谈问题。" in response.text
    assert not SupervisionNotice.objects.exists()
