import csv
from io import BytesIO, StringIO

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse
from openpyxl import load_workbook

from portal.audit.models import AuditEntry
from tests.audit.conftest import entry
from tests.factories import UserFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = reverse("backoffice:audit-log")
CSV = reverse("backoffice:audit-export-csv")
XLSX = reverse("backoffice:audit-export-xlsx")
HEADERS = ["时间", "操作人", "账号", "操作", "操作代码", "对象类型", "对象编号", "对象", "详情", "来源地址"]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(StringIO(body[1:])))


def test_auditors_coordinators_and_superusers_search_the_log(client, audit_log, auditor, coordinator):
    superuser = UserFactory(username="root", is_superuser=True)
    for user in (auditor, coordinator, superuser):
        client.force_login(user)
        page = client.get(PAGE, {"action": "interviews.interview.state_changed"}).content.decode()
        assert "共1条" in page
        assert "原为：筹备中；改为：已取消；原因：主要嘉宾临时公务" in page
        assert "10.1.2.3" in page  # addresses, as on the object pages for the same people
        assert "至少保存365天（约12个月，不少于6个月）" in page


@pytest.mark.parametrize("who", ["operator", "producer", "editor", "co_editor", "outsider"])
def test_nobody_else_sees_or_exports_the_log(client, audit_log, who, request):
    client.force_login(request.getfixturevalue(who))
    before = AuditEntry.objects.count()

    for url in (PAGE, CSV, XLSX):
        assert client.get(url).status_code == 403
    assert "审计日志" not in client.get(reverse("backoffice:dashboard")).content.decode()
    assert AuditEntry.objects.count() == before  # nothing exported, nothing logged


def test_an_anonymous_visitor_is_sent_to_log_in(client, audit_log):
    assert client.get(CSV)["Location"].startswith(reverse("backoffice:login"))


def test_the_nav_links_the_log_for_auditors(client, auditor):
    client.force_login(auditor)

    assert f'href="{PAGE}"' in client.get(reverse("backoffice:dashboard")).content.decode()


def test_bad_filters_are_refused_on_the_page_with_what_was_typed(client, audit_log, auditor):
    client.force_login(auditor)

    response = client.get(PAGE, {"date_from": "2025-09-10", "date_to": "2025-09-01", "actor": "王芳"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "截止日期不能早于起始日期。" in page
    assert 'value="王芳"' in page
    assert 'aria-describedby="id_date_to_error"' in page


def test_pages_of_fifty_newest_first_keeping_the_filters(client, audit_log, auditor, coordinator, interview):
    for day in range(1, 61):
        entry(interview, "interviews.guest.added", actor=coordinator, when=at(2025, 10, 1, 8, day % 60))
    client.force_login(auditor)

    first = client.get(PAGE, {"action": "interviews.guest.added"}).content.decode()
    second = client.get(PAGE, {"action": "interviews.guest.added", "page": 2}).content.decode()

    assert "共60条" in first
    assert "第1页，共2页" in first
    assert "?action=interviews.guest.added&amp;page=2" in first
    assert second.count('<th scope="row">添加嘉宾</th>') == 10


def test_csv_export_is_filtered_has_a_bom_and_is_itself_logged(client, audit_log, auditor, interview):
    client.force_login(auditor)

    response = client.get(CSV, {"object_id": str(interview.pk), "text": "安心用气"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADERS
    assert [row[3] for row in rows[1:]] == ["修改访谈信息", "变更访谈状态"]
    assert rows[1][1:3] == ["王芳", "editor"]
    assert rows[1][5:8] == ["访谈", str(interview.pk), "城镇燃气“安心用气工程”"]
    assert rows[1][9] == "2001:db8::1"
    assert rows[2][0] == "2025-09-01 10:00:00"
    assert rows[2][8] == "原为：筹备中；改为：已取消；原因：主要嘉宾临时公务"

    logged = AuditEntry.objects.get(action="audit.exported")
    assert (logged.actor, logged.action_label) == (auditor, "导出审计日志")
    assert logged.data == {
        "format": "csv",
        "rows": 2,
        "filter": {"对象编号": str(interview.pk), "详情包含": "安心用气"},
    }


def test_the_export_of_everything_leaves_out_its_own_entry(client, audit_log, auditor):
    client.force_login(auditor)

    rows = csv_rows(client.get(CSV))

    assert len(rows) == 1 + 4
    assert AuditEntry.objects.filter(action="audit.exported").count() == 1


def test_csv_streams_under_asgi_too(async_client, audit_log, auditor):
    async def download():
        await async_client.aforce_login(auditor)
        response = await async_client.get(CSV, {"actor": "王芳"})
        chunks = [chunk async for chunk in response.streaming_content]  # an async iterator: no warning
        return response.status_code, b"".join(chunks).decode("utf-8")

    status, body = async_to_sync(download)()

    assert status == 200
    rows = list(csv.reader(StringIO(body.removeprefix("\ufeff"))))
    assert [row[1] for row in rows] == ["操作人", "王芳"]


def test_a_refused_filter_exports_nothing(client, audit_log, auditor):
    client.force_login(auditor)

    response = client.get(CSV, {"ip_address": "not-an-address"}, follow=True)

    assert response.redirect_chain[0][0] == f"{PAGE}?ip_address=not-an-address"
    page = response.content.decode()
    assert "筛选条件有误，未导出。" in page
    assert 'value="not-an-address"' in page
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_xlsx_export_read_back(client, audit_log, auditor):
    client.force_login(auditor)

    response = client.get(XLSX, {"date_from": "2025-09-01", "date_to": "2025-09-05"})

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["审计日志"]
    assert sheet["A1"].value.startswith("审计日志导出（起始日期：2025-09-01；截止日期：2025-09-05）生成于")
    assert [c.value for c in sheet[2]] == HEADERS
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(row[1], row[3], row[9]) for row in rows] == [
        ("王芳", "修改访谈信息", "2001:db8::1"),
        ("杨慧", "变更访谈状态", "10.1.2.3"),
    ]
    logged = AuditEntry.objects.get(action="audit.exported")
    assert (logged.data["format"], logged.data["rows"]) == ("xlsx", 2)


def test_too_many_rows_for_xlsx_ask_for_a_narrower_search(client, audit_log, auditor, monkeypatch):
    monkeypatch.setattr("portal.backoffice.views.audit.XLSX_MAX_ROWS", 3)
    client.force_login(auditor)

    response = client.get(XLSX, follow=True)

    assert "共4条记录，超过Excel导出上限3条。请缩小筛选范围，或导出CSV。" in response.content.decode()
    assert not AuditEntry.objects.filter(action="audit.exported").exists()
