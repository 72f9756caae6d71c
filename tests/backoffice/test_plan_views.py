import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.planning.models import Plan, PlanRow, PlanStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _plan_data(**overrides):
    data = {
        "year": 2033,
        "title": "2033年浦口区政府门户网站在线访谈活动实施方案",
        "doc_number": "浦政办发〔2033〕2号",
        "issuer": "南京市浦口区人民政府办公室",
        "notice_title": "",
        "addressee": "区各相关单位",
        "preamble": "",
        "body": "",
        "note": "标注★的单位为每期访谈的第一责任单位",
        "issued_on": "2033-04-07",
        "printed_on": "",
        "cc": "区融媒体中心",
        "disclosure": "此件公开发布",
        "contact_name": "杨慧",
        "contact_phone": "025-58311686",
    }
    return {**data, **overrides}


def _row_data(units, **overrides):
    data = {"seq": "", "month": "6", "topic": "校家社协同育人", "lead_unit": units["lead"].pk, "co_units": []}
    return {**data, **overrides}


# Lists and creation ---------------------------------------------------------------------------


def test_plan_list_shows_drafts_to_the_office_only(client, coordinator, editor, draft_plan, approved_plan):
    client.force_login(coordinator)
    office = client.get(reverse("backoffice:plan-list")).text
    client.force_login(editor)
    unit = client.get(reverse("backoffice:plan-list")).text

    assert draft_plan.title in office
    assert approved_plan.title in office
    assert "草稿" in office
    assert "新建年度计划" in office
    assert draft_plan.title not in unit
    assert approved_plan.title in unit
    assert "新建年度计划" not in unit


def test_coordinator_creates_a_draft_plan(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:plan-create"), _plan_data())

    plan = Plan.objects.get(year=2033)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:plan-detail", args=[plan.pk])
    assert plan.status == PlanStatus.DRAFT
    assert plan.contact_name == "杨慧"
    assert plan.issued_on.isoformat() == "2033-04-07"


def test_a_second_plan_for_a_year_is_refused_and_the_input_kept(client, coordinator, draft_plan):
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:plan-create"), _plan_data(year=draft_plan.year, title="另一个计划"))

    assert response.status_code == 400
    assert f"{draft_plan.year}年已有访谈计划。" in response.text
    assert 'value="另一个计划"' in response.text
    assert Plan.objects.count() == 1


def test_editor_may_not_create_plans(client, editor):
    client.force_login(editor)

    assert client.post(reverse("backoffice:plan-create"), _plan_data()).status_code == 403
    assert not Plan.objects.exists()


# Detail, approval, revisions ------------------------------------------------------------------


def test_detail_shows_rows_with_the_lead_units_star(client, coordinator, approved_plan):
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:plan-detail", args=[approved_plan.pk])).text

    assert "体育赛事赋能旅游消费" in html
    assert "城建局★ 桥林街道" in html
    assert "已审定" in html
    assert "第1版" in html
    assert "审定发布" in html
    assert reverse("backoffice:plan-docx", args=[approved_plan.pk]) in html


def test_coordinator_approves_a_draft_and_interviews_are_created(client, coordinator, draft_plan):
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:plan-approve", args=[draft_plan.pk]))

    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.APPROVED
    assert list(Interview.objects.values_list("title", flat=True)) == ["强化基金招商，赋能高质量发展"]


def test_approving_a_plan_without_a_document_number_is_refused(client, coordinator, draft_plan):
    Plan.objects.filter(pk=draft_plan.pk).update(doc_number="")
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:plan-approve", args=[draft_plan.pk]))

    assert response.status_code == 400
    assert "请先填写文号。" in response.text
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.DRAFT
    assert not Interview.objects.exists()


def test_changing_an_approved_plan_without_a_note_is_refused_and_the_input_kept(client, coordinator, approved_plan):
    client.force_login(coordinator)

    form = client.get(reverse("backoffice:plan-edit", args=[approved_plan.pk]))
    response = client.post(
        reverse("backoffice:plan-edit", args=[approved_plan.pk]),
        _plan_data(year=approved_plan.year, title="改过的标题", doc_number=approved_plan.doc_number, note=""),
    )

    assert "修订说明" in form.text
    assert response.status_code == 400
    assert "计划已审定，修改须填写修订说明。" in response.text
    assert 'value="改过的标题"' in response.text
    approved_plan.refresh_from_db()
    assert approved_plan.title == "2032年浦口区政府门户网站在线访谈活动实施方案"
    assert approved_plan.revisions.count() == 1


def test_changing_an_approved_plan_with_a_note_makes_a_revision(client, coordinator, approved_plan):
    client.force_login(coordinator)
    data = _plan_data(year=approved_plan.year, title="改过的标题", doc_number=approved_plan.doc_number)

    response = client.post(reverse("backoffice:plan-edit", args=[approved_plan.pk]), {**data, "note": "更正标题"})

    assert response.status_code == 302
    approved_plan.refresh_from_db()
    assert approved_plan.title == "改过的标题"
    assert list(approved_plan.revisions.values_list("number", "note")) == [(1, "审定发布"), (2, "更正标题")]


# Rows -----------------------------------------------------------------------------------------


def test_coordinator_adds_a_row_to_a_draft(client, coordinator, draft_plan, units):
    client.force_login(coordinator)

    response = client.post(
        reverse("backoffice:row-add", args=[draft_plan.pk]), _row_data(units, co_units=[units["co"].pk])
    )

    assert response.status_code == 302
    row = draft_plan.rows.get(topic="校家社协同育人")
    assert (row.seq, row.month, row.lead_unit, list(row.co_units.all())) == (2, 6, units["lead"], [units["co"]])


def test_a_row_whose_lead_unit_is_also_a_co_unit_is_refused_and_kept(client, coordinator, draft_plan, units):
    client.force_login(coordinator)

    response = client.post(
        reverse("backoffice:row-add", args=[draft_plan.pk]), _row_data(units, co_units=[units["lead"].pk])
    )

    assert response.status_code == 400
    assert "第一责任单位不能同时是配合单位。" in response.text
    assert 'value="校家社协同育人"' in response.text
    assert draft_plan.rows.count() == 1


def test_a_row_added_to_an_approved_plan_needs_a_note(client, coordinator, approved_plan, units):
    client.force_login(coordinator)

    refused = client.post(reverse("backoffice:row-add", args=[approved_plan.pk]), _row_data(units))
    accepted = client.post(reverse("backoffice:row-add", args=[approved_plan.pk]), _row_data(units, note="增补一期"))

    assert refused.status_code == 400
    assert "计划已审定，修改须填写修订说明。" in refused.text
    assert accepted.status_code == 302
    assert approved_plan.rows.count() == 2
    assert Interview.objects.filter(title="校家社协同育人").count() == 1


def test_editing_a_row_of_an_approved_plan_is_shown_in_the_revision_history(client, coordinator, approved_plan, units):
    row = approved_plan.rows.get()
    client.force_login(coordinator)
    url = reverse("backoffice:row-edit", args=[approved_plan.pk, row.pk])
    data = _row_data(units, seq="1", month="7", topic="体育赛事赋能旅游消费", co_units=[units["co"].pk])

    form = client.get(url)
    response = client.post(url, {**data, "note": "因赛事日程调整，改在7月"})
    detail = client.get(reverse("backoffice:plan-detail", args=[approved_plan.pk])).text

    assert 'value="体育赛事赋能旅游消费"' in form.text
    assert response.status_code == 302
    assert "因赛事日程调整，改在7月" in detail
    assert (
        "调整：1. 5月 体育赛事赋能旅游消费（城建局★、桥林街道） → 1. 7月 体育赛事赋能旅游消费（城建局★、桥林街道）"
        in detail
    )


def test_removing_a_row_whose_interview_is_not_cancelled_is_refused(client, coordinator, approved_plan):
    row = approved_plan.rows.get()
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:row-remove", args=[approved_plan.pk, row.pk]), {"note": "取消本期"})

    assert response.status_code == 400
    assert "该条目的访谈尚未取消" in response.text
    assert "取消本期</textarea>" in response.text
    assert PlanRow.objects.filter(pk=row.pk).exists()


def test_removing_a_row_of_a_cancelled_interview(client, coordinator, approved_plan):
    row = approved_plan.rows.get()
    Interview.objects.filter(plan_row=row).update(state=InterviewState.CANCELLED)
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:row-remove", args=[approved_plan.pk, row.pk]), {"note": "取消本期"})

    assert response.status_code == 302
    assert not PlanRow.objects.filter(pk=row.pk).exists()
    assert approved_plan.revisions.order_by("number").last().note == "取消本期"


def test_removing_a_draft_row(client, coordinator, draft_plan):
    row = draft_plan.rows.get()
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:row-remove", args=[draft_plan.pk, row.pk]))

    assert response.status_code == 302
    assert not draft_plan.rows.exists()


# DOCX -----------------------------------------------------------------------------------------


def test_docx_download_opens_with_python_docx(client, editor, approved_plan):
    client.force_login(editor)

    response = client.get(reverse("backoffice:plan-docx", args=[approved_plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"plan-2032.docx\"; filename*=UTF-8''{quote('2032年在线访谈计划.docx')}"
    )
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert cells[4:] == ["1", "5月", "体育赛事赋能旅游消费", "城建局★ 桥林街道"]
