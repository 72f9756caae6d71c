"""The script exported as DOCX (read back with python-docx) and as PDF with embedded Chinese fonts."""

import base64
import io
import re
import shutil
import subprocess
import zlib

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from portal.core.pdf import render_pdf
from portal.scripts.document import ScriptDocument, ScriptHeader, ScriptItem
from portal.scripts.export import script_docx, script_pdf
from tests.scripts.support import sample_script

pytestmark = [pytest.mark.unit]

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def _paragraphs(data: bytes):
    return [paragraph for paragraph in Document(io.BytesIO(data)).paragraphs if paragraph.text]


def test_the_docx_has_the_title_header_and_paragraphs_in_order():
    title, *rest = _paragraphs(script_docx(sample_script()))

    assert title.text == "城镇燃气“安心用气工程”在线访谈"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].bold
    assert [paragraph.text for paragraph in rest] == [
        "时间：2031年6月10日 14:30",
        "地点：区融媒体中心演播室",
        "嘉宾：区城建局局长 张三",
        "区城建局燃气管理处处长 李四",
        "主持人：王明",
        "主持人：各位网友，大家好！欢迎收看本期在线访谈。",
        "主持人：张局长，请介绍一下安心用气工程。",
        "张三：好的。今年我们将改造老旧管网。",
        "主持人：网友问：改造要收费吗？",
        "嘉宾：不收费。",
        "费用由财政承担。",
        "主持人：感谢各位嘉宾，本期访谈到此结束。",
    ]


def test_the_docx_labels_are_bold_and_fonts_are_named_for_east_asian_text():
    paragraphs = _paragraphs(script_docx(sample_script()))
    spoken = paragraphs[6]
    label, text = spoken.runs

    assert (label.text, label.bold) == ("主持人：", True)
    assert not text.bold
    east_asian = label._element.rPr.rFonts.get(qn("w:eastAsia"))
    assert east_asian == label.font.name == "仿宋_GB2312"
    assert paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_an_empty_header_prints_no_empty_lines():
    doc = ScriptDocument(header=ScriptHeader(), items=(ScriptItem(question="问题？", answer="回答。"),))

    assert [paragraph.text for paragraph in _paragraphs(script_docx(doc))] == ["主持人：问题？", "嘉宾：回答。"]


def _inflated(pdf: bytes) -> bytes:
    """The PDF's streams decompressed: WeasyPrint packs fonts and objects into Flate streams."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def _cjk_fonts_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout  # noqa: S607
    return "Noto Serif CJK SC" in listing or "Noto Sans CJK SC" in listing


def test_the_pdf_embeds_a_chinese_font_and_carries_the_text():
    pdf = script_pdf(sample_script())

    assert pdf.startswith(b"%PDF")
    if not _cjk_fonts_installed():
        pytest.skip("Noto CJK (Debian's fonts-noto-cjk) is not installed: `apt-get install fonts-noto-cjk`")
    inflated = _inflated(pdf)
    fonts = {name.replace(b"-", b"") for name in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", inflated)}
    assert any(b"NotoSerifCJK" in name or b"NotoSansCJK" in name for name in fonts), fonts
    assert b"/FontFile" in inflated
    # The ToUnicode maps let readers copy and search the text: 主 (U+4E3B), 持 (U+6301), 燃 (U+71C3).
    assert all(code in inflated for code in (b"<4e3b>", b"<6301>", b"<71c3>"))


def _images(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", pdf + _inflated(pdf)))


def test_the_pdf_loads_no_file_or_url_from_outside(monkeypatch, tmp_path, caplog):
    image = tmp_path / "secret.png"
    image.write_bytes(base64.b64decode(PNG))
    inline = f'<p>图</p><img src="data:image/png;base64,{PNG}">'
    outside = f'<img src="{image.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    monkeypatch.setattr("portal.core.pdf.render_to_string", lambda name, context: context["html"])

    only_inline = render_pdf("any.html", {"html": inline})
    with_outside = render_pdf("any.html", {"html": inline + outside})

    assert _images(only_inline) > 0
    assert _images(with_outside) == _images(only_inline)
    assert "secret.png" in caplog.text
