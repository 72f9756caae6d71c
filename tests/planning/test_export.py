import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from portal.planning.export import plan_docx
from portal.planning.models import Plan
from portal.planning.services import update_row
from tests.factories import PlanFactory, PlanRowFactory, UnitFactory
from tests.planning.conftest import ROWS_2025

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

HEADER = ["序号", "访谈时间", "访谈内容", "责任单位"]
TABLE_2025 = [
    ["1", "4月", "强化基金招商，赋能高质量发展", "国资办★ 商务局"],
    ["2", "5月", "体育赛事赋能旅游消费", "文旅局★"],
    ["3", "6月", "校家社协同育人", "教育局★ 卫健委"],
    ["4", "7月", "渐进式延迟退休政策解读", "社保中心★ 人社局"],
    ["5", "8月", "执法改革，浦口先行——浦口区探索实践“111”综合执法新模式", "综合行政执法局★ 汤泉街道"],
    ["6", "9月", "聚焦粮食安全，努力提升农田基础设施水平", "农业农村局★ 永宁街道"],
    ["7", "10月", "加快建设现代化经济体系　赋能园区高质量发展", "开发区★"],
    ["8", "11月", "城镇燃气“安心用气工程”", "城建局★ 桥林街道"],
]


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def test_the_2025_table_reads_back_exactly(plan_2025):
    document = read(plan_docx(plan_2025))

    assert len(document.tables) == 1
    assert cells(document.tables[0]) == [HEADER, *TABLE_2025]


def test_the_table_matches_the_product_specification(plan_2025):
    expected = [
        [str(seq), f"{month}月", topic, " ".join([f"{lead}★", *co])] for seq, month, topic, lead, co in ROWS_2025
    ]

    assert cells(read(plan_docx(plan_2025)).tables[0])[1:] == expected


def test_the_notice_around_the_table(plan_2025):
    document = read(plan_docx(plan_2025))

    assert texts(document) == [
        "南京市浦口区人民政府办公室文件",
        "浦政办发〔2025〕2号",
        "区政府办公室关于印发2025年浦口区政府门户网站在线访谈活动实施方案的通知",
        "区各相关单位：",
        "2025年浦口区政府门户网站在线访谈活动实施方案",
        "2025年在线访谈工作安排",
        "（备注：标注★的单位为每期访谈的第一责任单位）",
        "联系人：杨慧　联系电话：025-58311686",
        "南京市浦口区人民政府办公室",
        "2025年4月7日",
        "（此件公开发布）",
        "抄送：区融媒体中心。",
        "南京市浦口区人民政府办公室　　2025年4月8日印发",
    ]


def test_the_notice_body_and_its_signature_come_before_the_plan(plan_2025):
    plan_2025.notice_body = "《2025年浦口区政府门户网站在线访谈活动实施方案》已经区政府同意，现印发给你们。"
    plan_2025.save()

    lines = texts(read(plan_docx(plan_2025)))

    assert lines[3:9] == [
        "区各相关单位：",
        "《2025年浦口区政府门户网站在线访谈活动实施方案》已经区政府同意，现印发给你们。",
        "南京市浦口区人民政府办公室",
        "2025年4月7日",
        "（此件公开发布）",
        "2025年浦口区政府门户网站在线访谈活动实施方案",
    ]
    assert lines[-2:] == ["抄送：区融媒体中心。", "南京市浦口区人民政府办公室　　2025年4月8日印发"]


def test_the_red_head_and_the_page(plan_2025):
    document = read(plan_docx(plan_2025))

    head = document.paragraphs[0]
    section = document.sections[0]
    assert (head.alignment, str(head.runs[0].font.color.rgb), head.runs[0].font.name) == (
        WD_ALIGN_PARAGRAPH.CENTER,
        "C00000",
        "方正小标宋简体",
    )
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(margin.cm, 1) for margin in (section.top_margin, section.left_margin)] == [3.7, 2.8]


def test_body_text_headings_and_paragraphs(units):
    plan = PlanFactory(
        year=2026,
        preamble="为进一步做好在线访谈工作，制定本方案。\n\n一、工作目标\n  围绕中心工作。  ",
        body="二、工作要求\n各单位要高度重视。",
    )
    PlanRowFactory(plan=plan, seq=1, month=3, topic="主题", lead_unit=units["lead"])

    document = read(plan_docx(plan))

    body = {
        p.text: p
        for p in document.paragraphs
        if p.text
        in {
            "为进一步做好在线访谈工作，制定本方案。",
            "一、工作目标",
            "围绕中心工作。",
            "二、工作要求",
            "各单位要高度重视。",
        }
    }
    assert {text: p.runs[0].font.name for text, p in body.items()} == {
        "为进一步做好在线访谈工作，制定本方案。": "仿宋_GB2312",
        "一、工作目标": "黑体",
        "围绕中心工作。": "仿宋_GB2312",
        "二、工作要求": "黑体",
        "各单位要高度重视。": "仿宋_GB2312",
    }
    assert [bool(p.paragraph_format.first_line_indent) for p in body.values()] == [True, False, True, False, True]


def test_rows_export_in_seq_order_with_the_current_text(plan_2025, coordinator):
    row = plan_2025.rows.get(seq=2)
    update_row(
        row,
        actor=coordinator,
        seq=9,
        month=12,
        topic="体育赛事",
        lead_unit=row.lead_unit,
        co_units=[UnitFactory(name="商务局")],
    )

    table = cells(read(plan_docx(Plan.objects.get(pk=plan_2025.pk))).tables[0])

    assert [row[0] for row in table] == ["序号", "1", "3", "4", "5", "6", "7", "8", "9"]
    assert table[-1] == ["9", "12月", "体育赛事", "文旅局★ 商务局"]


def test_a_unit_prints_by_its_short_name(units):
    plan = PlanFactory(year=2026, doc_number="", notice_title="", addressee="", cc="", disclosure="")
    lead = UnitFactory(name="南京市浦口区城市建设局", short_name="城建局")
    PlanRowFactory(plan=plan, seq=1, month=3, topic="主题", lead_unit=lead)

    document = read(plan_docx(plan))

    assert cells(document.tables[0])[1] == ["1", "3月", "主题", "城建局★"]
    assert texts(document) == [
        "南京市浦口区人民政府办公室文件",
        "2026年浦口区政府门户网站在线访谈活动实施方案",
        "2026年在线访谈工作安排",
        "（备注：标注★的单位为每期访谈的第一责任单位）",
    ]
