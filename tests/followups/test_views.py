"""Staff screens (with an outsider's 404), exports read back, public pages (no draft, no personal data)."""

import io

import pytest
from django.urls import reverse
from docx import Document

from portal.followups.enums import RectificationStatus as RS
from portal.followups.models import RectificationItem, Summary
from portal.followups.services.rectification import add_note, create_item
from portal.followups.services.summary import publish_summary, save_point, save_summary
from portal.interviews.enums import StepKind
from portal.interviews.models import InterviewStep
from tests.followups.conftest import days

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def written(held, questions, editor):
    save_summary(held, actor=editor, body="<p>本期访谈共收到网友提问12个。</p>")
    save_point(held, actor=editor, text="加快燃气管道改造进度", question_ids=[questions["a1"].pk])
    return held


@pytest.fixture
def item(held, questions, editor, units):
    item = create_item(held, actor=editor, what="完成燃气管道改造", owner_unit=units["co"], due_date=days(20),
                       question_ids=[questions["a1"].pk])  # fmt: skip
    return item


def test_the_lead_unit_submits_through_the_page(client, written, editor):
    client.force_login(editor)
    url = reverse("backoffice:summary", args=[written.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'role="img"' in page.content.decode()

    response = client.post(url, {"body": "<p>总结正文</p>", "submit": "1"})

    assert response.status_code == 302
    assert Summary.objects.get(interview=written).state == "submitted"
    assert InterviewStep.objects.get(interview=written, kind=StepKind.SUMMARY).status == "done"


def test_an_empty_submission_keeps_the_form(client, held, editor):
    client.force_login(editor)
    response = client.post(reverse("backoffice:summary", args=[held.pk]), {"body": " ", "submit": "1"})
    assert response.status_code == 400
    assert "请填写总结正文后再提交" in response.content.decode()


def test_a_point_without_questions_is_refused_with_the_text_kept(client, written, editor):
    client.force_login(editor)
    response = client.post(reverse("backoffice:point-add", args=[written.pk]), {"text": "一条新建议"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "请至少选择一个网友提问作为依据" in body
    assert "一条新建议" in body


def test_outsiders_get_404_and_the_co_unit_cannot_write(client, written, item, outsider, co_editor):
    client.force_login(outsider)
    for name in ("summary", "summary-docx", "summary-pdf", "rectification"):
        assert client.get(reverse(f"backoffice:{name}", args=[written.pk])).status_code == 404
    assert client.post(reverse("backoffice:rectification-status", args=[written.pk, item.pk]),
                       {"status": RS.DONE}).status_code == 404  # fmt: skip
    client.force_login(co_editor)
    assert client.post(reverse("backoffice:summary", args=[written.pk]), {"body": "x"}).status_code == 403
    assert client.post(reverse("backoffice:summary-publish",
                               args=[written.pk])).status_code == 403  # fmt: skip


def test_the_owner_unit_updates_status_and_notes(client, held, item, co_editor, editor):
    client.force_login(editor)
    url = reverse("backoffice:rectification-status", args=[held.pk, item.pk])
    assert client.post(url, {"status": RS.IN_PROGRESS}).status_code == 403
    client.force_login(co_editor)
    page = client.get(reverse("backoffice:rectification", args=[held.pk]))
    assert "更新第1项的整改状态" in page.content.decode()
    assert client.post(url, {"status": RS.IN_PROGRESS, "note": "已开工"}).status_code == 302
    response = client.post(reverse("backoffice:rectification-note", args=[held.pk, item.pk]),
                           {"date": days(1).isoformat(), "text": "明天"})  # fmt: skip
    assert response.status_code == 400
    assert "进展日期不能晚于今天" in response.content.decode()
    assert RectificationItem.objects.get(pk=item.pk).status == RS.IN_PROGRESS


def test_the_lead_unit_creates_an_item_through_the_page(client, held, questions, editor, units):
    client.force_login(editor)
    data = {"what": "增设燃气安全宣传点", "owner_unit": units["lead"].pk, "due_date": days(15).isoformat(),
            "questions": [questions["b1"].pk]}  # fmt: skip
    assert client.post(reverse("backoffice:rectification-add", args=[held.pk]), data).status_code == 302
    data["owner_unit"] = units["outsider"].pk
    response = client.post(reverse("backoffice:rectification-add", args=[held.pk]), data)
    assert response.status_code == 400
    assert "增设燃气安全宣传点" in response.content.decode()


def test_docx_export_carries_text_points_and_png_charts(client, written, item, editor):
    client.force_login(editor)
    response = client.get(reverse("backoffice:summary-docx", args=[written.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "“城镇燃气“安心用气工程””在线访谈总结" in text
    assert "本期访谈共收到网友提问12个。" in text
    assert "1. 加快燃气管道改造进度" in text
    assert "依据：老旧小区燃气管道改造什么时候开始？" in text
    assert "完成燃气管道改造" in text
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(images) == 3
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert cells[:2] == ["收到网友提问", "12"]
    assert "页面浏览量" in cells


def test_pdf_export(client, written, editor):
    client.force_login(editor)
    response = client.get(reverse("backoffice:summary-pdf", args=[written.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_oversight_lists_overdue_items(client, held, item, coordinator, time_machine):
    time_machine.move_to(f"{days(25).isoformat()} 10:00+08:00", tick=False)
    client.force_login(coordinator)
    body = client.get(reverse("backoffice:oversight") + "?year=2025").content.decode()
    assert "整改逾期（2025年）" in body
    assert "完成燃气管道改造" in body
    assert "已逾期5天" in body


def test_public_page_shows_no_summary_until_published(client, written, operator, editor, questions):
    url = reverse("website:interview-detail", args=[written.pk])
    assert "访谈总结" not in client.get(url).content.decode()
    save_summary(written, actor=editor, body="<p>本期访谈共收到网友提问12个。</p>", submit=True)
    assert "本期访谈共收到网友提问12个" not in client.get(url).content.decode()

    publish_summary(written, actor=operator)

    body = client.get(url).content.decode()
    assert "本期访谈共收到网友提问12个" in body
    assert "加快燃气管道改造进度" in body
    assert f"#q-{questions['a1'].pk}" in body
    assert 'role="img"' in body
    for secret in ("a1@example.com", "13812345678", questions["a1"].receipt_code):
        assert secret not in body


def test_public_rectification_pages(client, held, item, co_editor, questions):
    add_note(item, actor=co_editor, date=days(0), text="完成施工图设计")
    body = client.get(reverse("website:rectification", args=[held.pk])).content.decode()
    assert "完成燃气管道改造" in body
    assert "完成施工图设计" in body
    assert "未开始" in body
    assert "a1@example.com" not in body
    assert questions["a1"].receipt_code not in body

    year = reverse("website:rectification-year", args=[2025])
    assert "完成燃气管道改造" in client.get(year).content.decode()
    assert "完成燃气管道改造" not in client.get(year + f"?status={RS.DONE}").content.decode()
    assert "完成燃气管道改造" not in client.get(year + f"?unit={held.lead_unit_id}").content.decode()
    assert "完成燃气管道改造" in client.get(year + f"?unit={item.owner_unit_id}&status=bogus").content.decode()


def test_public_rectification_of_an_unpublished_interview_is_404(client, interview):
    assert client.get(reverse("website:rectification", args=[interview.pk])).status_code == 404
