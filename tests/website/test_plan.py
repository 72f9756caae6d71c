"""The annual plan on the public site: the notice and its table as published, revisions, the DOCX."""

import io
from urllib.parse import quote

import docx
import pytest
from django.urls import reverse

from portal.planning.services import update_row
from tests.website.conftest import parse, text
from tests.website.data import EXPECTED_TABLE, build_plan_2025, publish_preview, row_interview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def table_rows(tree) -> list[list[str]]:
    table = tree.xpath('//table[caption[normalize-space()="2025年在线访谈工作安排"]]')
    assert len(table) == 1
    header = [text(th) for th in table[0].xpath("./thead/tr/th")]
    assert header == ["序号", "访谈时间", "访谈内容", "责任单位"]
    return [[text(td) for td in tr.xpath("./td")] for tr in table[0].xpath("./tbody/tr")]


def test_plan_page_shows_the_eight_rows_of_the_notice_with_their_lead_units(client, plan_2025):
    tree = parse(client.get(reverse("website:plan-detail", args=[2025])))

    assert table_rows(tree) == EXPECTED_TABLE
    page = text(tree.xpath("//main")[0])
    assert "（备注：标注★的单位为每期访谈的第一责任单位）" in page
    assert "南京市浦口区人民政府办公室文件" in text(tree.xpath('//*[@class="notice-head"]')[0])
    assert "浦政办发〔2025〕2号" in page
    assert "联系人：杨慧　联系电话：025-58311686" in page
    assert "抄送：区融媒体中心。" in page
    assert "2025年4月8日印发" in page
    assert [text(h) for h in tree.xpath("//h1")] == ["关于印发《2025年浦口区政府门户网站在线访谈活动实施方案》的通知"]
    assert [text(h) for h in tree.xpath("//article//h3")] == [
        "一、活动目标",
        "二、参与范围及活动时间",
        "三、活动步骤",
        "四、组织实施",
    ]
    assert tree.xpath(f'//a[@href="{reverse("website:plan-docx", args=[2025])}"]')
    assert not tree.xpath('//*[@id="revisions-title"]'), "a plan never revised has no 修订记录"


def test_a_row_links_to_its_interview_only_once_that_interview_is_public(client, plan_2025):
    tree = parse(client.get(reverse("website:plan-detail", args=[2025])))
    assert not tree.xpath("//table//a")

    interview = publish_preview(row_interview(plan_2025, 8), at=plan_2025.approved_at)
    tree = parse(client.get(reverse("website:plan-detail", args=[2025])))
    links = tree.xpath("//table//a")
    assert [(a.get("href"), text(a)) for a in links] == [(interview.get_absolute_url(), "城镇燃气“安心用气工程”")]


def test_a_draft_plan_is_not_public(client, coordinator):
    build_plan_2025(coordinator, approve=False)

    assert client.get(reverse("website:plan-detail", args=[2025])).status_code == 404
    assert client.get(reverse("website:plan-docx", args=[2025])).status_code == 404
    index = parse(client.get(reverse("website:plan-index")))
    assert "年度访谈计划尚未发布" in text(index)


def test_plan_index_goes_to_the_only_plan_and_lists_several(client, coordinator):
    build_plan_2025(coordinator)
    response = client.get(reverse("website:plan-index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("website:plan-detail", args=[2025])

    build_plan_2025(coordinator, year=2026)
    tree = parse(client.get(reverse("website:plan-index")))
    hrefs = tree.xpath("//main//ul/li/a/@href")
    assert hrefs == [reverse("website:plan-detail", args=[2026]), reverse("website:plan-detail", args=[2025])]


def test_revisions_are_listed_with_what_changed(client, plan_2025, coordinator):
    row = plan_2025.rows.get(seq=2)
    update_row(row, actor=coordinator, month=6, topic=row.topic, lead_unit=row.lead_unit, note="文旅局申请调整月份")

    tree = parse(client.get(reverse("website:plan-detail", args=[2025])))
    history = tree.xpath('//section[@aria-labelledby="revisions-title"]//ol/li')
    assert len(history) == 2
    assert text(history[0]).startswith("第1版")
    assert "审定发布" in text(history[0])
    assert text(history[1]).startswith("第2版")
    assert "文旅局申请调整月份" in text(history[1])
    assert "调整：2. 5月 体育赛事赋能旅游消费（文旅局★） → 2. 6月 体育赛事赋能旅游消费（文旅局★）" in text(history[1])
    assert table_rows(tree)[1][1] == "6月"


def test_docx_download_is_the_notice_with_its_table(client, plan_2025):
    response = client.get(reverse("website:plan-docx", args=[2025]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('2025年浦口区政府门户网站在线访谈活动实施方案.docx')}" in disposition
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "南京市浦口区人民政府办公室文件"
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [["序号", "访谈时间", "访谈内容", "责任单位"], *EXPECTED_TABLE]
    assert "（备注：标注★的单位为每期访谈的第一责任单位）" in [p.text for p in document.paragraphs]


def test_demo_plan_is_marked(client, coordinator):
    build_plan_2025(coordinator, is_demo=True)
    tree = parse(client.get(reverse("website:plan-detail", args=[2025])))
    assert tree.xpath('//*[contains(@class, "demo-banner")]')
    assert tree.xpath('//*[contains(@class, "tag-demo")]')
