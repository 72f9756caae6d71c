"""The writes of the interview detail page: each happy path, and each refusal shown on its own form."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Guest
from tests.factories import GuestFactory, InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(name, interview, *more):
    return reverse(f"backoffice:{name}", args=[interview.pk, *more])


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "navy").save(out, format="PNG")
    return SimpleUploadedFile("guest.png", out.getvalue(), content_type="image/png")


# State ----------------------------------------------------------------------------------------


def test_coordinator_cancels_with_a_reason(client, coordinator, interview):
    client.force_login(coordinator)

    response = client.post(_url("interview-transition", interview), {"to_state": "cancelled", "reason": "主题调整"})

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.state == InterviewState.CANCELLED
    assert interview.state_changes.get().reason == "主题调整"
    assert "访谈状态已变为“已取消”。" in client.get(response["Location"]).text


def test_cancelling_without_a_reason_is_refused_on_its_form(client, coordinator, interview):
    client.force_login(coordinator)

    response = client.post(_url("interview-transition", interview), {"to_state": "cancelled", "reason": "  "})

    assert response.status_code == 400
    assert "请填写原因。" in response.text
    interview.refresh_from_db()
    assert interview.state == InterviewState.PLANNED
    assert not interview.state_changes.exists()


def test_resuming_without_a_new_date_is_refused_and_keeps_the_reason(client, coordinator, units):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.POSTPONED)
    client.force_login(coordinator)

    response = client.post(_url("interview-transition", interview), {"to_state": "planned", "reason": "嘉宾已返回"})

    assert response.status_code == 400
    assert "恢复筹备前请先设定新的录制时间（须晚于当前时间）。" in response.text
    assert "嘉宾已返回</textarea>" in response.text
    interview.refresh_from_db()
    assert interview.state == InterviewState.POSTPONED


def test_going_live_before_the_date_is_confirmed_is_refused(client, operator, interview):
    client.force_login(operator)

    response = client.post(_url("interview-transition", interview), {"to_state": "live"})

    assert response.status_code == 400
    assert "录制日期尚未确认，不能开始直播。" in response.text
    interview.refresh_from_db()
    assert interview.state == InterviewState.PLANNED


def test_an_unknown_target_state_is_refused_with_a_message(client, coordinator, interview):
    client.force_login(coordinator)

    response = client.post(_url("interview-transition", interview), {"to_state": "published"})

    assert response.status_code == 400
    assert "无法进行所选的状态变更" in response.text
    interview.refresh_from_db()
    assert interview.state == InterviewState.PLANNED


def test_a_transition_the_user_may_not_make_is_forbidden(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("interview-transition", interview), {"to_state": "cancelled", "reason": "不办了"})

    assert response.status_code == 403
    interview.refresh_from_db()
    assert interview.state == InterviewState.PLANNED


# Recording date -------------------------------------------------------------------------------


def test_lead_unit_sets_a_tentative_date_read_as_beijing_time(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("recording-set", interview), {"recording_at": "2027-05-20T09:30"})

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.recording_at == at(2027, 5, 20, 9, 30)
    assert interview.recording_confirmed is False
    assert interview.steps.get(kind=StepKind.FINAL).due_date.isoformat() == "2027-05-17"


def test_a_date_in_the_past_is_refused_and_the_typed_value_kept(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("recording-set", interview), {"recording_at": "2020-01-02T10:00"})

    assert response.status_code == 400
    assert "录制时间须晚于当前时间。" in response.text
    assert 'value="2020-01-02T10:00"' in response.text
    interview.refresh_from_db()
    assert interview.recording_at is None


def test_an_unreadable_date_gets_a_chinese_error(client, editor, interview):
    client.force_login(editor)

    response = client.post(_url("recording-set", interview), {"recording_at": "下周三"})

    assert response.status_code == 400
    assert "请输入有效的日期和时间" in response.text
    assert 'value="下周三"' in response.text


def test_a_confirmed_date_is_not_moved_as_a_tentative_one_and_the_input_is_kept(client, coordinator, units):
    interview = InterviewFactory(lead_unit=units["lead"], recording_at=at(2027, 5, 20), confirmed=True)
    client.force_login(coordinator)

    page = client.get(reverse("backoffice:interview-detail", args=[interview.pk]))
    response = client.post(_url("recording-set", interview), {"recording_at": "2027-06-03T14:00"})

    # A confirmed R moves by a new proposal (tests/backoffice/test_date_views.py), which asks for a reason.
    assert "暂定录制时间" not in page.text
    assert "提出新的录制时间（调整已确认的时间，须填写原因）" in page.text
    assert response.status_code == 400
    assert "录制日期已经三方确认。如需调整，请提出新的录制时间建议并写明原因，经三方重新确认。" in response.text
    assert 'value="2027-06-03T14:00"' in response.text
    interview.refresh_from_db()
    assert interview.recording_at == at(2027, 5, 20)
    assert interview.recording_confirmed is True


# Host -----------------------------------------------------------------------------------------


def test_media_center_names_the_host(client, producer, interview):
    client.force_login(producer)

    response = client.post(_url("host-set", interview), {"host_name": "李明"})

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.host_name == "李明"


def test_naming_a_host_of_a_filed_interview_is_refused_and_keeps_the_name(client, producer, units):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.FILED)
    client.force_login(producer)

    response = client.post(_url("host-set", interview), {"host_name": "李明"})

    assert response.status_code == 400
    assert "本期访谈已备案，不能修改；如需更正，请由区城市数字治理中心添加备案补充说明。" in response.text
    assert 'value="李明"' in response.text
    interview.refresh_from_db()
    assert interview.host_name == ""


def test_a_unit_editor_may_not_name_the_host(client, editor, interview):
    client.force_login(editor)

    assert client.post(_url("host-set", interview), {"host_name": "李明"}).status_code == 403


# Guests ---------------------------------------------------------------------------------------


def test_guest_added_with_a_photo_reencoded_as_jpeg(client, editor, interview):
    client.force_login(editor)

    response = client.post(
        _url("guest-add", interview), {"name": "王建国", "post": "局长", "unit_name": "城建局", "photo": _png()}
    )

    assert response.status_code == 302
    guest = interview.guests.get()
    assert (guest.name, guest.post, guest.unit_name) == ("王建国", "局长", "城建局")
    assert guest.photo.name.endswith(".jpg")
    assert f'src="{guest.photo.url}"' in client.get(response["Location"]).text


def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(client, editor, interview):
    client.force_login(editor)
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")

    response = client.post(
        _url("guest-add", interview), {"name": "王建国", "post": "局长", "unit_name": "城建局", "photo": fake}
    )

    assert response.status_code == 400
    assert "无法识别该图片文件，请上传有效的照片。" in response.text
    assert 'value="王建国"' in response.text
    assert not interview.guests.exists()


def test_guest_edited_on_its_page(client, editor, interview):
    guest = GuestFactory(interview=interview, name="王建国")
    client.force_login(editor)
    url = _url("guest-edit", interview, guest.pk)

    form = client.get(url)
    response = client.post(url, {"name": "王建国", "post": "副局长", "unit_name": "城建局"})

    assert 'value="王建国"' in form.text
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.post == "副局长"


def test_guest_edit_without_a_name_keeps_the_rest(client, editor, interview):
    guest = GuestFactory(interview=interview, name="王建国")
    client.force_login(editor)

    response = client.post(_url("guest-edit", interview, guest.pk), {"name": "", "post": "副局长", "unit_name": "X"})

    assert response.status_code == 400
    assert "这个字段是必填项。" in response.text
    assert 'value="副局长"' in response.text
    guest.refresh_from_db()
    assert guest.name == "王建国"


def test_guest_removed(client, editor, interview):
    guest = GuestFactory(interview=interview)
    client.force_login(editor)

    response = client.post(_url("guest-remove", interview, guest.pk))

    assert response.status_code == 302
    assert not Guest.objects.filter(pk=guest.pk).exists()


def test_removing_a_guest_of_a_cancelled_interview_is_refused(client, coordinator, units):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.CANCELLED)
    guest = GuestFactory(interview=interview, name="王建国")
    client.force_login(coordinator)

    response = client.post(_url("guest-remove", interview, guest.pk))

    assert response.status_code == 400
    assert "“已取消”的访谈不能再修改。" in response.text
    assert Guest.objects.filter(pk=guest.pk).exists()


def test_a_guest_of_another_interview_is_not_found(client, editor, interview, units):
    other = GuestFactory(interview=InterviewFactory(lead_unit=units["lead"]))
    client.force_login(editor)

    assert client.post(_url("guest-remove", interview, other.pk)).status_code == 404
    assert Guest.objects.filter(pk=other.pk).exists()


# Steps ----------------------------------------------------------------------------------------


def test_lead_unit_marks_its_step_done(client, editor, interview):
    step = interview.steps.get(kind=StepKind.TOPIC)
    client.force_login(editor)

    response = client.post(_url("step-status", interview, step.pk), {"status": "done", "note": "已提交"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#step-{step.pk}")
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert step.completed_at is not None
    assert "“确定主题”已更新为“已完成”。" in client.get(response["Location"]).text


def test_the_preview_step_is_not_ticked_on_the_steps_row(client, operator, interview):
    step = interview.steps.get(kind=StepKind.PREVIEW)
    client.force_login(operator)

    response = client.post(_url("step-status", interview, step.pk), {"status": "done", "note": "预告页已上线"})

    assert response.status_code == 400
    assert "“发布访谈预告”不能手工更新：区城市数字治理中心发布访谈预告时自动完成。" in response.text
    assert 'value="预告页已上线"' in response.text
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


def test_htmx_step_update_answers_with_the_row_only(client, editor, interview):
    step = interview.steps.get(kind=StepKind.DRAFT)
    client.force_login(editor)

    response = client.post(
        _url("step-status", interview, step.pk), {"status": "in_progress"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="step-{step.pk}"')
    assert '<span class="tag tag-in_progress">进行中</span>' in response.text
    assert "已保存" in response.text
    assert "<html" not in response.text


def test_a_step_the_unit_does_not_own_cannot_be_updated(client, editor, interview):
    step = interview.steps.get(kind=StepKind.PREVIEW)
    client.force_login(editor)

    response = client.post(_url("step-status", interview, step.pk), {"status": "done"})

    assert response.status_code == 403
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


@pytest.mark.parametrize(
    ("route", "data"),
    [
        ("step-status", {"status": "bogus"}),
        ("recording-set", {"recording_at": "not a date"}),
        ("host-set", {"host_name": ""}),
    ],
)
def test_a_refused_form_points_each_field_at_its_own_error_message(
    client, coordinator, producer, editor, interview, route, data
):
    step = interview.steps.get(kind=StepKind.TOPIC)
    user = {"step-status": editor, "recording-set": coordinator, "host-set": producer}[route]
    client.force_login(user)
    args = (step.pk,) if route == "step-status" else ()

    page = client.post(_url(route, interview, *args), data).text

    described = [
        i for ids in re.findall(r'aria-describedby="([^"]*)"', page) for i in ids.split() if i.endswith("_error")
    ]
    assert described
    assert [i for i in described if f'id="{i}"' not in page] == []
