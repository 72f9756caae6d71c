"""The 文字简介 page (lead unit) and the 发布访谈预告 button on the interview page (数字治理中心)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.interviews.enums import StepKind, StepStatus
from portal.questions.models import Introduction, IntroductionImage, RelatedMaterial
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def planned(units):
    """城建局's interview with R set and confirmed, introduction not yet written."""
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], recording_at=at(2031, 6, 10), confirmed=True
    )


def intro_url(interview, name="introduction"):
    return reverse(f"backoffice:{name}", args=[interview.pk])


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, format="PNG")
    return SimpleUploadedFile("map.png", out.getvalue(), content_type="image/png")


def test_the_lead_unit_saves_a_draft_then_submits(client, editor, planned):
    client.force_login(editor)

    draft = client.post(intro_url(planned), {"body": "<p>燃气改造<script>x()</script></p>", "draft": "1"})
    assert draft.status_code == 302
    assert "草稿已保存。" in client.get(draft["Location"]).text
    introduction = Introduction.objects.get(interview=planned)
    assert introduction.body == "<p>燃气改造</p>"
    assert planned.steps.get(kind=StepKind.INTRODUCTION).status == StepStatus.IN_PROGRESS

    submitted = client.post(intro_url(planned), {"body": "<p>燃气改造三年行动</p>", "submit": "1"})
    assert submitted.status_code == 302
    assert "文字简介已提交（第1版）" in client.get(submitted["Location"]).text
    assert planned.steps.get(kind=StepKind.INTRODUCTION).status == StepStatus.DONE


def test_submitting_an_empty_introduction_is_refused_with_the_form(client, editor, planned):
    client.force_login(editor)

    response = client.post(intro_url(planned), {"body": "<p> </p>", "submit": "1"})

    assert response.status_code == 400
    assert "请填写简介正文后再提交。" in response.text
    assert not Introduction.objects.filter(interview=planned, state="submitted").exists()


def test_the_operator_reads_the_introduction_but_cannot_write_it(client, operator, editor, planned):
    client.force_login(editor)
    client.post(intro_url(planned), {"body": "<p>燃气改造三年行动</p>", "submit": "1"})
    client.force_login(operator)

    page = client.get(intro_url(planned))
    assert page.status_code == 200
    assert "燃气改造三年行动" in page.text
    assert "提交文字简介" not in page.text
    assert client.post(intro_url(planned), {"body": "改写", "submit": "1"}).status_code == 403


def test_an_image_is_added_with_its_description_and_removed(client, editor, planned):
    client.force_login(editor)

    refused = client.post(intro_url(planned, "introduction-image-add"), {"image": _png(), "alt_text": ""})
    assert refused.status_code == 400
    assert not IntroductionImage.objects.exists()

    added = client.post(intro_url(planned, "introduction-image-add"), {"image": _png(), "alt_text": "改造片区示意图"})
    assert added.status_code == 302
    image = IntroductionImage.objects.get()
    assert 'alt="改造片区示意图"' in client.get(intro_url(planned)).text

    removed = client.post(reverse("backoffice:introduction-image-remove", args=[planned.pk, image.pk]))
    assert removed.status_code == 302
    assert not IntroductionImage.objects.exists()


def test_related_material_needs_a_link_or_a_file_and_keeps_the_title(client, editor, planned):
    client.force_login(editor)

    refused = client.post(intro_url(planned, "material-add"), {"title": "政策原文", "url": ""})
    assert refused.status_code == 400
    assert "请填写链接或上传文件（二选一）。" in refused.text
    assert 'value="政策原文"' in refused.text

    bad_file = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    refused = client.post(intro_url(planned, "material-add"), {"title": "政策原文", "file": bad_file})
    assert refused.status_code == 400
    assert "只接受 PDF 或 Word（DOCX）格式的文件。" in refused.text

    pdf = SimpleUploadedFile("policy.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(intro_url(planned, "material-add"), {"title": "政策原文", "file": pdf}).status_code == 302
    link = {"title": "政策解读", "url": "https://www.example.gov.cn/jd.html"}
    assert client.post(intro_url(planned, "material-add"), link).status_code == 302
    assert list(RelatedMaterial.objects.values_list("title", "kind")) == [("政策原文", "file"), ("政策解读", "link")]


def test_the_preview_button_says_why_it_cannot_be_pressed(client, operator, planned):
    client.force_login(operator)

    page = client.get(planned.get_backoffice_url()).text
    assert "暂不能发布访谈预告" in page
    assert "第一责任单位提交文字简介后，才能发布访谈预告。" in page

    response = client.post(intro_url(planned, "preview-publish"))
    assert response.status_code == 400
    assert '<p role="alert" class="errorlist">第一责任单位提交文字简介后，才能发布访谈预告。</p>' in response.text
    assert planned.steps.get(kind=StepKind.PREVIEW).status == StepStatus.NOT_STARTED


def test_publishing_the_preview_opens_the_question_window(client, operator, editor, planned, settings):
    client.force_login(editor)
    client.post(intro_url(planned), {"body": "<p>燃气改造三年行动</p>", "submit": "1"})
    client.force_login(operator)
    assert f"持续{settings.PORTAL_QUESTION_WINDOW_DAYS}天" in client.get(planned.get_backoffice_url()).text

    response = client.post(intro_url(planned, "preview-publish"))

    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "访谈预告已发布，网友提问征集至" in page
    planned.refresh_from_db()
    assert planned.question_window_open()
    assert "访谈预告已于" in page
    assert "发布访谈预告</button>" not in page


def test_the_lead_unit_cannot_publish_the_preview(client, editor, planned):
    client.force_login(editor)

    assert client.post(intro_url(planned, "preview-publish")).status_code == 403
    assert "发布访谈预告</button>" not in client.get(planned.get_backoffice_url()).text
