"""The 文字简介 and the preview page: sanitised text, images, related material, steps 2a and 2b."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import InterviewChangeRefused, set_step_status
from portal.notifications.models import Notification
from portal.questions.enums import IntroductionState, MaterialKind
from portal.questions.exceptions import IntroductionRefused
from portal.questions.services.introduction import (
    add_introduction_image,
    add_related_material,
    preview_problems,
    publish_preview,
    remove_related_material,
    save_introduction,
)
from tests.factories import InterviewFactory
from tests.questions.factories import NOW, R

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

BODY = "<p>本期访谈介绍<strong>城镇燃气</strong>安全改造。</p>"


@pytest.fixture
def dated(units):
    """城建局's interview with R set, nothing of the preview done yet."""
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], recording_at=R
    )


def step(interview, kind):
    return interview.steps.get(kind=kind)


def png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- The introduction ---------------------------------------------------------------------------


def test_a_draft_puts_step_2a_in_progress(dated, editor):
    introduction = save_introduction(dated, actor=editor, body=BODY)

    assert (introduction.state, introduction.revision) == (IntroductionState.DRAFT, 0)
    assert step(dated, StepKind.INTRODUCTION).status == StepStatus.IN_PROGRESS


def test_submitting_completes_step_2a_and_tells_the_digital_center(
    dated, editor, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        introduction = save_introduction(dated, actor=editor, body=BODY, submit=True)

    intro_step = step(dated, StepKind.INTRODUCTION)
    assert (introduction.state, introduction.revision, introduction.submitted_at) == (
        IntroductionState.SUBMITTED,
        1,
        NOW,
    )
    assert (intro_step.status, intro_step.completed_at) == (StepStatus.DONE, NOW)
    assert list(introduction.revisions.values_list("number", "body")) == [(1, BODY)]
    assert Notification.objects.get(recipient=operator).title == "访谈“城镇燃气“安心用气工程””的文字简介已提交（第1版）"


def test_the_rich_text_keeps_only_the_allowed_tags(dated, editor):
    dirty = (
        '<h3 onclick="x()">背景</h3><script>alert(1)</script><img src="x" onerror="y()">'
        '<p style="color:red">正文<a href="javascript:alert(1)">坏链接</a>'
        '<a href="https://www.pukou.gov.cn/">政策原文</a></p><iframe src="https://evil"></iframe>'
    )

    body = save_introduction(dated, actor=editor, body=dirty).body

    assert body == (
        '<h3>背景</h3><p>正文<a rel="noopener noreferrer">坏链接</a>'
        '<a href="https://www.pukou.gov.cn/" rel="noopener noreferrer">政策原文</a></p>'
    )


def test_an_empty_introduction_cannot_be_submitted(dated, editor):
    with pytest.raises(IntroductionRefused, match="请填写简介正文后再提交"):
        save_introduction(dated, actor=editor, body="<p> </p><script>x</script>", submit=True)

    assert step(dated, StepKind.INTRODUCTION).status == StepStatus.NOT_STARTED


@pytest.mark.parametrize("name", ["co_editor", "operator", "coordinator", "outsider"])
def test_only_the_lead_unit_writes_the_introduction(request, dated, name):
    with pytest.raises(PermissionDenied):
        save_introduction(dated, actor=request.getfixturevalue(name), body=BODY, submit=True)


def test_revising_after_the_preview_keeps_every_revision(dated, editor, operator, time_machine):
    save_introduction(dated, actor=editor, body=BODY, submit=True)
    publish_preview(dated, actor=operator)
    time_machine.move_to(NOW + dt.timedelta(days=2), tick=False)

    introduction = save_introduction(dated, actor=editor, body="<p>更正：改造范围扩大到桥林街道。</p>")

    assert introduction.revision == 2
    assert list(introduction.revisions.values_list("number", flat=True)) == [1, 2]
    assert AuditEntry.objects.filter(action="questions.introduction.revised").get().data == {"revision": 2}
    assert step(dated, StepKind.PREVIEW).completed_at == NOW  # the window does not move


def test_images_are_re_encoded_and_need_a_description(dated, editor):
    with pytest.raises(IntroductionRefused, match="请填写图片说明"):
        add_introduction_image(dated, actor=editor, upload=png(), alt_text=" ")

    image = add_introduction_image(dated, actor=editor, upload=png(), alt_text="改造前的燃气管道")

    assert image.image.name.endswith(".jpg")
    assert Image.open(image.image.path).format == "JPEG"


def test_a_file_that_is_not_an_image_is_refused(dated, editor):
    fake = SimpleUploadedFile("photo.png", b"not an image at all", content_type="image/png")

    with pytest.raises(IntroductionRefused, match="无法识别该图片文件"):
        add_introduction_image(dated, actor=editor, upload=fake, alt_text="说明")


# --- Related material ---------------------------------------------------------------------------


def test_related_material_as_a_link_or_a_checked_file(dated, editor):
    link = add_related_material(dated, actor=editor, title="政策原文", url="https://www.pukou.gov.cn/zcwj/1.html")
    pdf = add_related_material(
        dated, actor=editor, title="政策解读", upload=SimpleUploadedFile("解读.pdf", b"%PDF-1.7\n%...")
    )
    docx = add_related_material(dated, actor=editor, title="图解", upload=SimpleUploadedFile("x.bin", docx_bytes()))

    assert (link.kind, link.href) == (MaterialKind.LINK, "https://www.pukou.gov.cn/zcwj/1.html")
    assert (pdf.kind, pdf.file_type, pdf.file.name.endswith(".pdf")) == (MaterialKind.FILE, "pdf", True)
    assert (docx.file_type, docx.file.name.endswith(".docx")) == ("docx", True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "", "url": "https://a.cn/"}, "请填写标题"),
        ({"title": "原文"}, "二选一"),
        ({"title": "原文", "url": "javascript:alert(1)"}, "有效链接"),
        ({"title": "原文", "url": "ftp://a.cn/x"}, "有效链接"),
        ({"title": "解读", "upload": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 an exe")}, "PDF 或 Word"),
        ({"title": "解读", "upload": SimpleUploadedFile("a.docx", b"PK\x03\x04 broken zip")}, "PDF 或 Word"),
    ],
)
def test_bad_material_is_refused(dated, editor, fields, message):
    with pytest.raises(IntroductionRefused, match=message):
        add_related_material(dated, actor=editor, **fields)


def test_material_has_a_size_limit(dated, editor, settings):
    settings.PORTAL_MAX_MATERIAL_BYTES = 1024 * 1024

    with pytest.raises(IntroductionRefused, match="文件不能超过1MB"):
        add_related_material(
            dated, actor=editor, title="大文件", upload=SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 1024 * 1024)
        )


def test_removing_material_is_audited(dated, editor):
    material = add_related_material(dated, actor=editor, title="政策原文", url="https://a.cn/")

    remove_related_material(material, actor=editor)

    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "questions.introduction.material_added",
        "questions.introduction.material_removed",
    ]


# --- The preview ----------------------------------------------------------------------------------


def test_publishing_the_preview_opens_the_window_now(dated, editor, operator, django_capture_on_commit_callbacks):
    save_introduction(dated, actor=editor, body=BODY, submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        publish_preview(dated, actor=operator)

    interview = Interview.objects.get(pk=dated.pk)
    assert interview.question_window() == (NOW, NOW + dt.timedelta(days=20))
    assert interview.question_window_open() is True
    assert AuditEntry.objects.get(action="questions.preview.published").data == {"closes": "2025-09-21 10:00"}
    assert Notification.objects.filter(recipient=editor, title__contains="网友提问征集至2025-09-21 10:00").exists()


def test_the_preview_needs_a_submitted_introduction_a_date_and_a_planned_interview(units, editor, operator):
    no_date = InterviewFactory(lead_unit=units["lead"])

    assert preview_problems(no_date) == ["请先设定录制时间。", "第一责任单位提交文字简介后，才能发布访谈预告。"]
    with pytest.raises(IntroductionRefused, match=r"^请先设定录制时间。$"):
        publish_preview(no_date, actor=operator)
    cancelled = InterviewFactory(lead_unit=units["lead"], recording_at=R, state=InterviewState.CANCELLED)
    assert preview_problems(cancelled)[0] == "只有筹备中的访谈可以发布预告。"


def test_the_preview_is_published_once(dated, editor, operator):
    save_introduction(dated, actor=editor, body=BODY, submit=True)
    publish_preview(dated, actor=operator)

    with pytest.raises(IntroductionRefused, match="访谈预告已经发布"):
        publish_preview(dated, actor=operator)


@pytest.mark.parametrize("name", ["editor", "producer", "coordinator"])
def test_only_the_digital_center_publishes_the_preview(request, dated, editor, name):
    save_introduction(dated, actor=editor, body=BODY, submit=True)

    with pytest.raises(PermissionDenied):
        publish_preview(dated, actor=request.getfixturevalue(name))


@pytest.mark.parametrize(("kind", "name"), [(StepKind.INTRODUCTION, "editor"), (StepKind.PREVIEW, "operator")])
def test_steps_2a_and_2b_are_not_ticked_by_hand(request, dated, kind, name):
    with pytest.raises(InterviewChangeRefused, match="不能手工更新"):
        set_step_status(step(dated, kind), StepStatus.DONE, actor=request.getfixturevalue(name))
