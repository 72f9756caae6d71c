import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.accounts.enums import Role
from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Guest, Interview, InterviewStep
from portal.interviews.services import (
    InterviewChangeRefused,
    add_guest,
    create_interview_for_row,
    remove_guest,
    set_host,
    set_step_status,
    sync_interview_with_row,
    update_guest,
    update_interview,
)
from portal.interviews.steps import STEPS
from tests.factories import GuestFactory, InterviewFactory, PlanFactory, PlanRowFactory, UnitFactory, at, staff

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = InterviewState
NOW = at(2025, 9, 1, 10, 0)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def lead_admin(lead_unit):
    return staff(lead_unit, Role.UNIT_ADMIN, username="lead_admin")


@pytest.fixture
def digital_reviewer(digital_center):
    return staff(digital_center, Role.REVIEWER, username="digital_reviewer")


def step_of(interview, kind) -> InterviewStep:
    return InterviewStep.objects.get(interview=interview, kind=kind)


def stored(step) -> tuple[str, object]:
    step.refresh_from_db()
    return step.status, step.completed_at


# --- Step status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "actor"),
    [
        (StepKind.TOPIC, "editor"),
        (StepKind.TOPIC, "co_editor"),
        (StepKind.TOPIC, "lead_admin"),
        (StepKind.DRAFT, "co_editor"),
        (StepKind.FINAL, "lead_admin"),
        (StepKind.VIDEO, "producer"),
        (StepKind.RECORD, "operator"),
        (StepKind.ANSWERS, "co_editor"),
        (StepKind.VIDEO, "operator"),
    ],
)
def test_set_step_status_by_a_unit_that_owns_the_step(request, interview, kind, actor):
    user = request.getfixturevalue(actor)
    step = step_of(interview, kind)

    set_step_status(step, StepStatus.IN_PROGRESS, actor=user, note="已着手")

    assert stored(step) == (StepStatus.IN_PROGRESS, None)
    entry = AuditEntry.objects.for_object(interview).get()
    assert (entry.action, entry.actor, entry.data) == (
        "interviews.step.status_changed",
        user,
        {"step": kind, "from": "not_started", "to": "in_progress", "note": "已着手"},
    )


@pytest.mark.parametrize(
    ("kind", "actor"),
    [
        (StepKind.INTRODUCTION, "editor"),  # submitting the 文字简介 (portal/questions) completes it
        (StepKind.PREVIEW, "operator"),  # publishing the preview opens the question window
        (StepKind.DATE, "producer"),
        (StepKind.RECORDING, "operator"),
        (StepKind.FILING, "operator"),
        (StepKind.SUMMARY, "editor"),  # submitting the summary (portal/followups) completes it
    ],
)
def test_set_step_status_refuses_steps_that_follow_an_event(request, interview, kind, actor):
    step = step_of(interview, kind)

    with pytest.raises(InterviewChangeRefused, match="不能手工更新"):
        set_step_status(step, StepStatus.DONE, actor=request.getfixturevalue(actor))

    assert stored(step) == (StepStatus.NOT_STARTED, None)
    assert AuditEntry.objects.for_object(interview).count() == 0


@pytest.mark.parametrize(
    ("kind", "actor"),
    [
        (StepKind.TOPIC, "outsider"),
        (StepKind.TOPIC, "coordinator"),
        (StepKind.TOPIC, "auditor"),
        (StepKind.TOPIC, "operator"),
        (StepKind.INTRODUCTION, "co_editor"),  # the lead unit's alone
        (StepKind.FINAL, "co_editor"),
        (StepKind.SUMMARY, "co_editor"),
        (StepKind.PREVIEW, "editor"),
        (StepKind.PREVIEW, "producer"),
        (StepKind.PREVIEW, "coordinator"),
        (StepKind.VIDEO, "editor"),
        (StepKind.FILING, "producer"),
        (StepKind.SUMMARY, "outsider"),
    ],
)
def test_set_step_status_refused_to_units_that_do_not_own_the_step(request, interview, kind, actor):
    user = request.getfixturevalue(actor)
    step = step_of(interview, kind)

    with pytest.raises(PermissionDenied):
        set_step_status(step, StepStatus.IN_PROGRESS, actor=user)

    assert stored(step) == (StepStatus.NOT_STARTED, None)
    assert list(AuditEntry.objects.all()) == []


def test_completing_a_step_records_when_and_reopening_clears_it(interview, editor, time_machine):
    step = step_of(interview, StepKind.TOPIC)

    set_step_status(step, StepStatus.DONE, actor=editor)
    done = stored(step)
    time_machine.move_to(at(2025, 9, 2), tick=False)
    set_step_status(step, StepStatus.IN_PROGRESS, actor=editor)

    assert (done, stored(step)) == ((StepStatus.DONE, NOW), (StepStatus.IN_PROGRESS, None))


@pytest.mark.parametrize("status", [StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS])
def test_set_step_status_to_the_same_status_is_refused(interview, editor, status):
    step = step_of(interview, StepKind.TOPIC)
    if status != StepStatus.NOT_STARTED:
        set_step_status(step, status, actor=editor)

    with pytest.raises(InterviewChangeRefused, match=rf"^该步骤已经是“{StepStatus(status).label}”。$"):
        set_step_status(step, status, actor=editor)


def test_set_step_status_refuses_an_unknown_status(interview, editor):
    step = step_of(interview, StepKind.TOPIC)

    with pytest.raises(InterviewChangeRefused, match="未知的步骤状态"):
        set_step_status(step, "overdue", actor=editor)

    assert stored(step) == (StepStatus.NOT_STARTED, None)


@pytest.mark.parametrize("state", [S.CANCELLED, S.FILED])
def test_set_step_status_refused_on_a_closed_interview(units, editor, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state)
    step = step_of(interview, StepKind.ANSWERS)

    expected = "本期访谈已备案，不能修改" if state == S.FILED else rf"^“{S(state).label}”的访谈不能再修改。$"
    with pytest.raises(InterviewChangeRefused, match=expected):
        set_step_status(step, StepStatus.DONE, actor=editor)

    assert stored(step) == (StepStatus.NOT_STARTED, None)


@pytest.mark.parametrize("state", [S.POSTPONED, S.LIVE, S.ENDED])
def test_set_step_status_allowed_on_an_open_interview(units, editor, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state)
    step = step_of(interview, StepKind.ANSWERS)

    set_step_status(step, StepStatus.DONE, actor=editor)

    assert stored(step) == (StepStatus.DONE, NOW)


def test_a_unit_owns_steps_only_of_its_own_interviews(units, editor):
    other = InterviewFactory(lead_unit=units["outsider"])
    step = step_of(other, StepKind.TOPIC)

    with pytest.raises(PermissionDenied):
        set_step_status(step, StepStatus.DONE, actor=editor)


# --- Interview details ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["editor", "co_editor", "lead_admin", "coordinator"])
def test_update_interview_by_responsible_units_or_coordinator(request, interview, actor):
    user = request.getfixturevalue(actor)
    place = interview.place

    update_interview(interview, actor=user, title="安心用气", outline="一、燃气安全", place=place)

    interview.refresh_from_db()
    assert (interview.title, interview.outline, interview.place) == ("安心用气", "一、燃气安全", place)
    entry = AuditEntry.objects.for_object(interview).get()
    assert (entry.action, entry.data) == (
        "interviews.interview.updated",
        {
            "title": {"from": "城镇燃气“安心用气工程”", "to": "安心用气"},
            "outline": {"from": "", "to": "一、燃气安全"},
        },
    )


@pytest.mark.parametrize("actor", ["outsider", "operator", "producer", "auditor"])
def test_update_interview_refused_to_others(request, interview, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        update_interview(interview, actor=user, title="改", outline="", place="")

    interview.refresh_from_db()
    assert interview.title == "城镇燃气“安心用气工程”"


def test_update_interview_refused_once_filed(units, editor):
    interview = InterviewFactory(lead_unit=units["lead"], state=S.FILED, title="已备案")

    with pytest.raises(InterviewChangeRefused):
        update_interview(interview, actor=editor, title="改", outline="", place="")

    interview.refresh_from_db()
    assert interview.title == "已备案"


def test_set_host_by_the_media_center(interview, producer):
    set_host(interview, actor=producer, host_name="李明")

    interview.refresh_from_db()
    assert interview.host_name == "李明"
    assert AuditEntry.objects.for_object(interview).get().data == {"from": "", "to": "李明"}


@pytest.mark.parametrize("actor", ["editor", "operator", "coordinator", "outsider"])
def test_set_host_refused_to_others(request, interview, actor):
    with pytest.raises(PermissionDenied):
        set_host(interview, actor=request.getfixturevalue(actor), host_name="李明")

    interview.refresh_from_db()
    assert interview.host_name == ""


# --- Guests --------------------------------------------------------------------------------------


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (2400, 1200), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (32.0, 3.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("portrait.jpg", out.getvalue(), content_type="image/jpeg")


def test_add_guest_in_order(interview, editor):
    first = add_guest(interview, actor=editor, name="张三", post="局长", unit_name="城建局")
    second = add_guest(interview, actor=editor, name="李四", post="副局长", unit_name="城建局")

    assert [(g.name, g.sort_order) for g in interview.guests.all()] == [("张三", 0), ("李四", 1)]
    assert (first.pk, second.pk) == tuple(interview.guests.values_list("pk", flat=True))
    assert list(AuditEntry.objects.for_object(interview).values_list("data", flat=True)) == [
        {"guest": "城建局副局长 李四"},
        {"guest": "城建局局长 张三"},
    ]


def test_guest_photo_is_re_encoded_without_metadata(interview, editor):
    upload = jpeg_with_gps()
    assert Image.open(upload).getexif()  # the upload carries EXIF and GPS
    upload.seek(0)

    guest = add_guest(interview, actor=editor, name="张三", post="局长", unit_name="城建局", photo=upload)

    with guest.photo.open("rb") as stored_photo:
        photo = Image.open(stored_photo)
        photo.load()
    assert (photo.format, photo.size, dict(photo.getexif())) == ("JPEG", (1600, 800), {})
    assert guest.photo.name.startswith("guests/")


def test_a_file_that_is_not_an_image_is_refused(interview, editor):
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not an image", content_type="image/jpeg")

    with pytest.raises(ValidationError, match="无法识别该图片文件"):
        add_guest(interview, actor=editor, name="张三", post="局长", unit_name="城建局", photo=upload)

    assert list(Guest.objects.all()) == []


def test_update_and_remove_guest(interview, co_editor):
    guest = GuestFactory(interview=interview)

    update_guest(guest, actor=co_editor, name="张三", post="党组书记、局长", unit_name="城建局")
    after_update = str(Guest.objects.get(pk=guest.pk))
    remove_guest(guest, actor=co_editor)

    assert after_update == "城建局党组书记、局长 张三"
    assert list(interview.guests.all()) == []
    assert list(AuditEntry.objects.for_object(interview).values_list("action", flat=True)) == [
        "interviews.guest.removed",
        "interviews.guest.updated",
    ]


def test_guests_are_refused_to_an_outsider(interview, outsider):
    guest = GuestFactory(interview=interview)

    with pytest.raises(PermissionDenied):
        add_guest(interview, actor=outsider, name="王五", post="局长", unit_name="文旅局")
    with pytest.raises(PermissionDenied):
        update_guest(guest, actor=outsider, name="王五", post="局长", unit_name="文旅局")
    with pytest.raises(PermissionDenied):
        remove_guest(guest, actor=outsider)

    assert [str(g) for g in interview.guests.all()] == ["城建局局长 张三"]


def test_guests_of_a_cancelled_interview_are_frozen(units, editor):
    interview = InterviewFactory(lead_unit=units["lead"], state=S.CANCELLED)
    guest = GuestFactory(interview=interview)

    with pytest.raises(InterviewChangeRefused):
        add_guest(interview, actor=editor, name="王五", post="局长", unit_name="城建局")
    with pytest.raises(InterviewChangeRefused):
        remove_guest(guest, actor=editor)

    assert list(interview.guests.all()) == [guest]


# --- Interviews from plan rows -------------------------------------------------------------------


def test_create_interview_for_row(units, coordinator):
    row = PlanRowFactory(
        plan=PlanFactory(year=2025), seq=8, month=11, topic="城镇燃气“安心用气工程”", lead_unit=units["lead"]
    )
    row.co_units.set([units["co"]])

    interview = create_interview_for_row(row, actor=coordinator)

    assert (interview.year, interview.title, interview.lead_unit, interview.plan_row) == (
        2025,
        "城镇燃气“安心用气工程”",
        units["lead"],
        row,
    )
    assert interview.co_unit_ids == {units["co"].pk}
    assert list(interview.steps.order_by("id").values_list("kind", "status", "due_date")) == [
        (step.kind, StepStatus.NOT_STARTED, None) for step in STEPS
    ]
    assert interview.month == 11
    assert AuditEntry.objects.for_object(interview).get().data == {"plan_row": row.pk}


def test_sync_interview_with_row_carries_units_over(units):
    row = PlanRowFactory(lead_unit=units["co"])
    row.co_units.set([units["outsider"]])
    interview = InterviewFactory(plan_row=row, lead_unit=units["lead"], co_units=[units["co"]])

    sync_interview_with_row(interview, row)

    interview = Interview.objects.get(pk=interview.pk)
    assert (interview.lead_unit, interview.co_unit_ids) == (units["co"], {units["outsider"].pk})


@pytest.mark.parametrize("state", [S.ENDED, S.FILED, S.CANCELLED])
def test_sync_interview_with_row_leaves_held_and_closed_interviews_alone(units, state):
    row = PlanRowFactory(lead_unit=UnitFactory(name="新单位"))
    interview = InterviewFactory(plan_row=row, lead_unit=units["lead"], co_units=[units["co"]], state=state)

    sync_interview_with_row(interview, row)

    interview = Interview.objects.get(pk=interview.pk)
    assert (interview.lead_unit, interview.co_unit_ids) == (units["lead"], {units["co"].pk})
