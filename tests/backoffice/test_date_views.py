"""The 录制日期 section of the interview page: proposing, answering, withdrawing, and every refusal on its form."""

import re

import pytest
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.interviews.models import RecordingProposal
from portal.interviews.proposals import answer_proposal, propose_recording_date
from portal.notifications.models import Notification
from tests.dates import agree_on
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
LATER_R = at(2025, 10, 16, 14, 30)
FORM = {"date": "2025-10-09", "time": "14:30", "minutes": "120", "reason": ""}


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def _url(name, interview, *more):
    return reverse(f"backoffice:{name}", args=[interview.pk, *more])


def _page(client, interview) -> str:
    return client.get(_url("interview-detail", interview)).text


def _answer(client, interview, proposal, party, decision, reason=""):
    data = {"party": party, "decision": decision, "reason": reason}
    return client.post(_url("proposal-answer", interview, proposal.pk), data)


def _dangling_error_refs(html: str) -> list[str]:
    described = [i for ids in re.findall(r'aria-describedby="([^"]*)"', html) for i in ids.split()]
    return [i for i in described if i.endswith("_error") and f'id="{i}"' not in html]


# --- The happy path --------------------------------------------------------------------------------


def test_the_lead_unit_proposes_a_date_and_time_read_as_beijing_time(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("proposal-create", interview), {**FORM, "minutes": "90"})

    assert response.status_code == 302
    assert response["Location"].endswith("#recording")
    proposal = RecordingProposal.objects.get()
    assert (proposal.start, proposal.minutes, proposal.status) == (R, 90, "open")
    page = client.get(response["Location"]).text
    assert "录制时间建议已提出，已通知其他各方确认。" in page
    assert "待确认的建议：2025-10-09 14:30至16:00" in page
    assert page.count('<span class="tag tag-in_progress">待确认</span>') == 2
    assert page.count('<span class="tag tag-done">已确认</span>') == 1


def test_each_party_sees_buttons_for_its_own_answer_only(client, editor, operator, producer, coordinator, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    buttons = {}
    for user in (editor, operator, producer, coordinator):
        client.force_login(user)
        buttons[user.username] = re.findall(r'name="party" value="(\w+)"', _page(client, interview))

    assert buttons == {
        "editor": [],  # the proposer's party has confirmed already
        "operator": ["digital", "digital"],  # confirm and decline
        "producer": ["media", "media"],
        "coordinator": [],
    }
    assert proposal.is_open


def test_the_two_centers_confirm_and_r_is_set(client, editor, operator, producer, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(operator)
    first = _answer(client, interview, proposal, "digital", "confirm")
    client.force_login(producer)
    second = _answer(client, interview, proposal, "media", "confirm")

    assert (first.status_code, second.status_code) == (302, 302)
    page = client.get(second["Location"]).text
    assert "三方均已确认，录制时间已确定，各步骤截止日期已重新计算。" in page
    assert "2025-10-09 14:30" in page
    assert '<span class="tag tag-done">已确认</span>' in page
    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (R, True)


def test_a_decline_with_a_reason_is_shown_in_the_history_and_a_new_date_can_be_proposed(
    client, editor, producer, interview
):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(producer)

    response = _answer(client, interview, proposal, "media", "decline", "演播室当天检修")
    client.force_login(editor)
    again = client.post(_url("proposal-create", interview), {**FORM, "date": "2025-10-16"})

    assert response.status_code == 302
    assert again.status_code == 302
    page = _page(client, interview)
    assert "区融媒体中心：已拒绝（演播室当天检修）" in page
    assert "待确认的建议：2025-10-16 14:30至16:30" in page
    assert list(RecordingProposal.objects.order_by("id").values_list("status", flat=True)) == ["declined", "open"]


def test_a_confirmed_date_moves_by_a_new_proposal_with_a_reason(client, editor, operator, producer, interview):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    client.force_login(operator)

    response = client.post(_url("proposal-create", interview), {**FORM, "date": "2025-10-16", "reason": "嘉宾出差"})
    proposal = RecordingProposal.objects.get(status="open")
    client.force_login(editor)
    _answer(client, interview, proposal, "lead", "confirm")
    client.force_login(producer)
    _answer(client, interview, proposal, "media", "confirm")

    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (LATER_R, True)
    assert interview.date_changes.last().reason == "嘉宾出差"


def test_the_proposer_withdraws(client, editor, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(editor)

    response = client.post(_url("proposal-withdraw", interview, proposal.pk))

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    assert "已撤回" in _page(client, interview)


# --- Refusals, each on its form ----------------------------------------------------------------------


def test_a_date_in_the_past_is_refused_and_the_input_kept(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("proposal-create", interview), {**FORM, "date": "2025-08-01", "reason": "尽快"})

    assert response.status_code == 400
    assert "录制时间须晚于当前时间。" in response.text
    assert 'value="2025-08-01"' in response.text
    assert "尽快</textarea>" in response.text
    assert not RecordingProposal.objects.exists()


def test_an_unreadable_date_and_time_get_chinese_errors_tied_to_their_fields(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("proposal-create", interview), {**FORM, "date": "下周三", "time": "25:99"})

    assert response.status_code == 400
    assert "请输入有效的日期，如 2027-05-20。" in response.text
    assert "请输入有效的时间，如 09:30。" in response.text
    assert 'aria-describedby="id_proposal_date_error"' in response.text
    assert _dangling_error_refs(response.text) == []


def test_an_overlapping_studio_booking_is_refused_and_the_input_kept(client, editor, units, interview):
    InterviewFactory(lead_unit=units["outsider"], title="另一期访谈", recording_at=R, confirmed=True)
    client.force_login(editor)

    response = client.post(_url("proposal-create", interview), {**FORM, "time": "15:00"})

    assert response.status_code == 400
    assert (
        "演播室在2025-10-09 14:30至2025-10-09 16:30已有其他访谈的录制安排，与所选时段重叠，请另选时间。"
        in response.text
    )
    assert "另一期访谈" not in response.text  # another unit's interview is not named
    assert 'value="15:00"' in response.text
    assert not RecordingProposal.objects.exists()


def test_moving_a_confirmed_date_without_a_reason_is_refused(client, editor, operator, producer, interview):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    client.force_login(operator)

    response = client.post(_url("proposal-create", interview), {**FORM, "date": "2025-10-16"})

    assert response.status_code == 400
    assert "录制日期已经三方确认，调整须填写原因。" in response.text
    assert 'value="2025-10-16"' in response.text


def test_declining_without_a_reason_is_refused_on_the_reason_field(client, editor, producer, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(producer)

    response = _answer(client, interview, proposal, "media", "decline", " ")

    assert response.status_code == 400
    assert "拒绝须填写原因，以便其他各方另提时间。" in response.text
    assert 'aria-describedby="id_answer_media_decline_reason_helptext id_answer_media_decline_reason_error"' in (
        response.text
    )
    assert _dangling_error_refs(response.text) == []
    proposal.refresh_from_db()
    assert proposal.status == "open"


def test_answering_for_another_party_is_forbidden(client, editor, operator, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(operator)

    assert _answer(client, interview, proposal, "media", "confirm").status_code == 403
    assert proposal.responses.count() == 1


def test_an_unknown_answer_is_refused_with_a_message(client, editor, operator, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(operator)

    response = _answer(client, interview, proposal, "studio", "confirm")

    assert response.status_code == 400
    assert "无法识别所提交的答复，请刷新页面后重试。" in response.text


def test_answering_a_closed_proposal_is_refused(client, editor, operator, producer, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    answer_proposal(proposal, party="media", decision="decline", actor=producer, reason="检修")
    client.force_login(operator)

    response = _answer(client, interview, proposal, "digital", "confirm")

    assert response.status_code == 400
    assert "该录制时间建议已拒绝，不能再操作。" in response.text


def test_a_closed_interview_offers_no_form_and_refuses_a_proposal(client, editor, units):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.CANCELLED)
    client.force_login(editor)

    page = _page(client, interview)
    response = client.post(_url("proposal-create", interview), FORM)

    assert "提出建议</button>" not in page
    assert response.status_code == 400
    assert "“已取消”的访谈不能商定录制日期。" in response.text


def test_an_outsider_gets_404_everywhere_and_changes_nothing(client, editor, outsider, interview):
    proposal = propose_recording_date(interview, R, actor=editor)
    client.force_login(outsider)

    responses = [
        client.post(_url("proposal-create", interview), FORM),
        _answer(client, interview, proposal, "lead", "decline", "不同意"),
        client.post(_url("proposal-withdraw", interview, proposal.pk)),
        client.get(_url("interview-ics", interview)),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.responses.count()) == ("open", 1)
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_proposal_of_another_interview_is_not_found(client, editor, operator, units, interview):
    other = InterviewFactory(lead_unit=units["lead"])
    proposal = propose_recording_date(other, R, actor=editor)
    client.force_login(operator)

    assert _answer(client, interview, proposal, "digital", "confirm").status_code == 404
