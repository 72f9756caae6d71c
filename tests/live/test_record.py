"""The 图文实录 after the live: DOCX and PDF downloads, corrections marked, withdrawn text never shown."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from docx import Document

from portal.live import services
from portal.live.enums import Speaker
from portal.live.record import record_docx, record_entries, record_pdf
from tests.live.test_services import jpeg_with_exif

pytestmark = pytest.mark.integration

SECRET = "说错的话不应出现"


@pytest.fixture
def ended(live_interview, operator, guest, published_question, django_capture_on_commit_callbacks):
    """Host, guest with a photo, a netizen question, a corrected entry, a withdrawn one, a draft, a 补录."""
    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="各位网友，大家好！\n欢迎收看。")
        services.post_entry(
            live_interview,
            actor=operator,
            speaker=Speaker.GUEST,
            guest=guest,
            text="今年改造老旧管网。",
            photos=[jpeg_with_exif()],
            photo_caption="张三局长在演播室",
        )
        services.post_entry(live_interview, actor=operator, speaker=Speaker.NETIZEN, question=published_question)
        wrong = services.post_entry(live_interview, actor=operator, speaker=Speaker.GUEST, guest=guest, text="错字")
        services.correct_entry(wrong, actor=operator, speaker=Speaker.GUEST, guest=guest, text="改正后的回答。")
        withdrawn = services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text=SECRET)
        services.withdraw_entry(withdrawn, actor=operator)
        services.save_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="从未发布的草稿")
        services.end_live(live_interview, actor=operator)
        services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="补充一条说明。")
    return live_interview


def docx_text(content: bytes) -> tuple[str, Document]:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs), document


def test_the_entries_in_order_with_labels_times_and_marks(ended):
    entries = record_entries(ended)

    assert [e.speaker for e in entries] == ["主持人", "张三", "网友“桥林老住户”", "张三", "主持人", "主持人"]
    assert entries[0].paragraphs == ("各位网友，大家好！", "欢迎收看。")
    assert entries[2].paragraphs == ("老旧小区燃气管道什么时候改造？",)
    assert entries[3].paragraphs == ("改正后的回答。",)
    assert entries[3].marks[0].startswith("（已更正 ")
    assert entries[4].withdrawn
    assert entries[4].paragraphs == ("",)
    assert entries[4].marks[0].startswith("（此条已撤回 ")
    assert entries[5].marks == ("（补录）",)
    assert len(entries[1].photos) == 1
    assert entries[1].photos[0].content.startswith(b"\xff\xd8")
    assert all(len(e.time) == 5 and e.time[2] == ":" for e in entries)


def test_the_docx_reads_back_with_header_entries_and_photo(ended):
    text, document = docx_text(record_docx(ended))

    assert text.startswith("城镇燃气“安心用气工程”（图文实录）")
    assert "时间：" in text
    assert "嘉宾：城建局局长 张三" in text
    assert "主持人：王芳" in text
    assert "主持人：各位网友，大家好！" in text
    assert "张三：改正后的回答。（已更正 " in text
    assert "（此条已撤回 " in text
    assert "补充一条说明。（补录）" in text
    assert "张三局长在演播室" in text
    assert text.index("各位网友，大家好！") < text.index("今年改造老旧管网。") < text.index("补充一条说明。")
    assert len(document.inline_shapes) == 1
    assert SECRET not in text
    assert "错字" not in text
    assert "从未发布的草稿" not in text


def test_the_pdf_is_a_pdf_without_the_withdrawn_text(ended, monkeypatch):
    import portal.live.record as record  # noqa: PLC0415

    seen = {}
    original = record.render_pdf

    def spy(template, context):  # the HTML WeasyPrint lays out (the PDF's text is compressed and subset)
        seen["html"] = render_to_string(template, context)
        return original(template, context)

    monkeypatch.setattr(record, "render_pdf", spy)
    content = record_pdf(ended)

    assert content.startswith(b"%PDF")
    html = seen["html"]
    assert "data:image/jpeg;base64," in html
    assert "（已更正 " in html
    assert "（此条已撤回 " in html
    assert SECRET not in html
    assert "从未发布的草稿" not in html


def test_public_downloads_once_ended(client, ended):
    page = client.get(ended.get_absolute_url()).content.decode()
    docx_url = reverse("website:live-record-docx", args=[ended.pk])
    pdf_url = reverse("website:live-record-pdf", args=[ended.pk])
    assert docx_url in page
    assert pdf_url in page

    response = client.get(docx_url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "public" in response["Cache-Control"]
    assert SECRET not in docx_text(response.content)[0]
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_no_downloads_while_live_or_before(client, live_interview, today_interview, operator):
    services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="直播中")
    page = client.get(live_interview.get_absolute_url()).content.decode()
    assert "下载图文实录" not in page
    assert client.get(reverse("website:live-record-docx", args=[live_interview.pk])).status_code == 404
    assert client.get(reverse("website:live-record-pdf", args=[live_interview.pk])).status_code == 404


def test_a_correction_after_the_end_gives_a_fresh_file(client, ended, operator):
    url = reverse("website:live-record-docx", args=[ended.pk])
    assert "补充一条说明。" in docx_text(client.get(url).content)[0]
    from portal.live.models import LiveEntry  # noqa: PLC0415

    entry = LiveEntry.objects.get(text="补充一条说明。")
    services.correct_entry(entry, actor=operator, speaker=Speaker.HOST, text="补充的说明已更新。")
    assert "补充的说明已更新。" in docx_text(client.get(url).content)[0]
