"""A script or an introduction read from the DOCX a unit wrote in Word or WPS."""

import io
import zipfile

import pytest

from portal.scripts.document import Paragraph
from portal.scripts.docx_import import DocxImportError, parse_introduction_docx, parse_script_docx
from tests.scripts.support import docx_file

pytestmark = [pytest.mark.unit]

HEADER = (
    ("Title", "城镇燃气“安心用气工程”在线访谈稿"),
    "时间：2031年6月10日 14:30",
    "地点 : 区融媒体中心演播室",
    "嘉宾：区城建局局长 张三",
    "区城建局燃气管理处处长 李四",
    "主持人： 王明",
)


def test_the_header_opening_items_and_closing_are_recognised():
    document = parse_script_docx(
        docx_file(
            *HEADER,
            "主持人：各位网友，大家好！欢迎收看本期在线访谈。",
            "主持人：张局长，请介绍一下安心用气工程。",
            "张局长：好的。今年我们将改造老旧管网。",
            "改造涉及三万户居民。",
            "主持人：网友问：改造要收费吗？",
            "嘉宾：不收费。",
            "李四：费用由财政承担。",
            "主持人:感谢各位嘉宾。",
            "主持人：本期访谈到此结束。",
            bold_labels=True,
        )
    )

    header = document.header
    assert header.title == "城镇燃气“安心用气工程”在线访谈稿"
    assert header.time == "2031年6月10日 14:30"
    assert header.place == "区融媒体中心演播室"
    assert header.guests == ("区城建局局长 张三", "区城建局燃气管理处处长 李四")
    assert header.host == "王明"
    assert document.opening == (Paragraph("主持人", "各位网友，大家好！欢迎收看本期在线访谈。"),)
    first, second = document.items
    assert first.question == "张局长，请介绍一下安心用气工程。"
    assert first.answer == "好的。今年我们将改造老旧管网。\n改造涉及三万户居民。"
    assert first.guest_name == "张局长"
    assert second.question == "网友问：改造要收费吗？"
    assert second.answer == "不收费。\n李四：费用由财政承担。"
    assert second.guest_name == ""
    assert document.closing == (Paragraph("主持人", "感谢各位嘉宾。"), Paragraph("主持人", "本期访谈到此结束。"))


def test_a_script_without_a_header_and_with_named_guests():
    document = parse_script_docx(
        docx_file(
            "主持人：请问今年的重点是什么？",
            "嘉宾 赵六：一是：管网改造。",
            "二是：入户安全检查。",
            "主持人（王明）：谢谢。",
        )
    )

    assert document.header.title == ""
    assert document.opening == ()
    (item,) = document.items
    assert item.guest_name == "赵六"
    assert item.answer == "一是：管网改造。\n二是：入户安全检查。"
    assert document.closing == (Paragraph("主持人", "谢谢。"),)


def test_consecutive_host_paragraphs_mid_script_make_one_question():
    document = parse_script_docx(
        docx_file(
            "主持人：第一个问题。",
            "嘉宾：第一个回答。",
            "主持人：下面进入网友提问环节。",
            "主持人：第二个问题。",
            "嘉宾：第二个回答。",
        )
    )

    assert [item.question for item in document.items] == ["第一个问题。", "下面进入网友提问环节。\n第二个问题。"]
    assert document.closing == ()


def test_host_paragraphs_with_no_reply_are_all_the_opening():
    document = parse_script_docx(docx_file("访谈稿", "主持人：大家好。", "主持人：欢迎收看。"))

    assert document.header.title == "访谈稿"
    assert document.items == ()
    assert [paragraph.text for paragraph in document.opening] == ["大家好。", "欢迎收看。"]


def test_a_document_with_no_host_paragraph_is_refused():
    with pytest.raises(DocxImportError, match="主持人："):
        parse_script_docx(docx_file("一篇普通的文章。", "没有主持人。"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "密码"),
        (b"random bytes, not a document", "另存为"),
        (b"%PDF-1.7\n", "另存为"),
    ],
)
def test_files_that_are_not_docx_are_refused_in_chinese(content, message):
    with pytest.raises(DocxImportError, match=message) as refused:
        parse_script_docx(io.BytesIO(content))

    assert refused.value.message == str(refused.value)


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    out.seek(0)
    return out


def test_a_zip_that_is_not_a_word_document_or_is_damaged_is_refused():
    with pytest.raises(DocxImportError, match="另存为"):
        parse_script_docx(_zip({"readme.txt": b"hello"}))
    with pytest.raises(DocxImportError, match="损坏"):
        parse_script_docx(_zip({"[Content_Types].xml": b"<not-xml", "word/document.xml": b"<not-xml"}))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr("portal.scripts.docx_import.MAX_UNZIPPED_BYTES", 1024)

    with pytest.raises(DocxImportError, match="解压后过大"):
        parse_script_docx(_zip({"word/document.xml": b" " * 4096}))


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr("portal.scripts.docx_import.MAX_DOCX_BYTES", 100)

    with pytest.raises(DocxImportError, match="不能超过"):
        parse_script_docx(io.BytesIO(b"PK\x03\x04" + b"\x00" * 200))


def test_an_introduction_becomes_safe_paragraphs_headings_and_lists():
    upload = docx_file(
        ("Heading 1", "工程概况"),
        "全区将改造<老旧>燃气管网。",
        ("List Bullet", "管网改造"),
        ("List Bullet", "入户安检"),
        "<script>alert(1)</script>",
    )

    body = parse_introduction_docx(upload)

    assert body.startswith("<h3>工程概况</h3>\n<p>全区将改造&lt;老旧&gt;燃气管网。</p>")
    assert "<ul>\n<li>管网改造</li>\n<li>入户安检</li>\n</ul>" in body
    assert "<script>" not in body


def test_bold_runs_stay_bold_in_the_introduction():
    body = parse_introduction_docx(docx_file("重点：三年完成改造", bold_labels=True))

    assert body == "<p><strong>重点：</strong>三年完成改造</p>"


def test_an_empty_introduction_document_is_refused():
    with pytest.raises(DocxImportError, match="没有文字"):
        parse_introduction_docx(docx_file("   "))
