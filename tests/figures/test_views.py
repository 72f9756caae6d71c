from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.figures.export import XLSX_TYPE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = reverse("backoffice:year-figures")
XLSX = reverse("backoffice:year-figures-xlsx")


def test_the_coordinator_sees_the_figures_of_the_year(client, coordinator, year_2025):
    client.force_login(coordinator)

    page = client.get(PAGE, {"year": 2025}).content.decode()

    assert "2025年在线访谈年度数据" in page
    assert '<th scope="row">访谈期数</th><td>3</td>' in page
    assert '<th scope="row">网民留言数</th><td>7</td>' in page
    assert "含未采纳、已合并和已转办的" in page  # says what is counted
    assert '<th scope="row">答复数</th><td>3</td>' in page
    assert "已举办2期，已延期1期，已取消1期，尚未举办2期" in page
    assert reverse("backoffice:interview-detail", args=[year_2025["b"].pk]) in page
    assert "推迟2个月" in page
    assert page.index("文旅局</th>") < page.index("城建局</th><td>2") < page.index("教育局</th>")
    assert 'href="/backoffice/figures/"' in page
    assert 'aria-current="page">年度数据' in page


def test_the_page_defaults_to_this_year_and_ignores_a_bad_year(client, coordinator, year_2025):
    client.force_login(coordinator)

    for query in ({}, {"year": "abc"}, {"year": "99999"}):
        page = client.get(PAGE, query).content.decode()
        assert "2025年在线访谈年度数据" in page


def test_the_centers_see_the_figures(client, producer, operator, auditor, year_2025):
    for user in (producer, operator, auditor):
        client.force_login(user)
        assert client.get(PAGE).status_code == 200


def test_units_may_not_see_the_figures_nor_the_link(client, editor, outsider, year_2025):
    for user in (editor, outsider):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.get(XLSX, {"year": 2025}).status_code == 403
        assert "年度数据" not in client.get(reverse("backoffice:dashboard")).content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, year_2025):
    response = client.get(XLSX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))


def test_the_xlsx_holds_three_sheets_with_chinese_headers(client, coordinator, year_2025):
    client.force_login(coordinator)

    response = client.get(XLSX, {"year": 2025})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert "filename*=UTF-8''2025" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["年度报表", "计划执行", "单位按时率"]

    report = book["年度报表"]
    assert report["A1"].value == "2025年政府网站工作年度报表·在线访谈（生成日期：2025-12-15）"
    assert [c.value for c in report[2]] == ["指标", "数值", "统计口径"]
    assert {row[0]: row[1] for row in report.iter_rows(min_row=3, values_only=True)} == {
        "访谈期数": 3,
        "网民留言数": 7,
        "答复数": 3,
        "其中：访谈中答复": 1,
        "其中：书面答复": 2,
        "不予答复（已说明理由）": 1,
    }
    assert report.column_dimensions["C"].width == 70

    plan = book["计划执行"]
    assert "2025年" in plan["A1"].value
    assert "浦政办发〔2025〕2号" in plan["A1"].value
    assert [c.value for c in plan[2]] == [
        "序号",
        "计划月份",
        "访谈内容",
        "第一责任单位",
        "实际录制日期",
        "执行情况",
        "与计划相比",
    ]
    rows = list(plan.iter_rows(min_row=3, values_only=True))
    assert rows[1] == (2, "5月", "体育赛事赋能旅游消费", "文旅局", "2025-07-10", "已举办", "推迟2个月")
    assert rows[4][5] == "尚未举办"
    assert rows[-1][:3] == ("计划外", None, "计划外访谈")
    assert len(rows) == 7

    units = book["单位按时率"]
    assert "截至2025-12-15" in units["A1"].value
    assert [c.value for c in units[2]] == ["第一责任单位", "按时完成", "逾期完成", "仍逾期未完成", "尚未到期", "按时率"]
    assert list(units.iter_rows(min_row=3, values_only=True)) == [
        ("文旅局", 1, 0, 2, 0, pytest.approx(1 / 3)),
        ("城建局", 2, 2, 1, 1, pytest.approx(0.4)),
        ("教育局", 2, 0, 0, 1, 1),
    ]
    assert units["F3"].number_format == "0%"


def test_the_xlsx_of_an_empty_year(client, coordinator, db):
    client.force_login(coordinator)

    book = load_workbook(BytesIO(client.get(XLSX, {"year": 2031}).content))

    assert book["计划执行"]["A1"].value.startswith("2031年在线访谈计划执行情况（无已审定的年度计划）")
    assert book["单位按时率"].max_row == 2
