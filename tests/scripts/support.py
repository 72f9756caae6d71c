"""DOCX files as units send them, built with python-docx, and a sample script."""

import io

from docx import Document

from portal.scripts.document import Paragraph, ScriptDocument, ScriptHeader, ScriptItem


def docx_file(*paragraphs: str | tuple[str, str], bold_labels: bool = False) -> io.BytesIO:
    """A DOCX of one paragraph per string; ``(style, text)`` gives a paragraph a Word style (Title, Heading 2…)."""
    document = Document()
    for entry in paragraphs:
        style, text = entry if isinstance(entry, tuple) else (None, entry)
        paragraph = document.add_paragraph(style=style)
        label, colon, rest = text.partition("：")
        if bold_labels and colon:
            paragraph.add_run(label + colon).bold = True
            paragraph.add_run(rest)
        else:
            paragraph.add_run(text)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def sample_script() -> ScriptDocument:
    return ScriptDocument(
        header=ScriptHeader(
            title="城镇燃气“安心用气工程”在线访谈",
            time="2031年6月10日 14:30",
            place="区融媒体中心演播室",
            guests=("区城建局局长 张三", "区城建局燃气管理处处长 李四"),
            host="王明",
        ),
        opening=(Paragraph("主持人", "各位网友，大家好！欢迎收看本期在线访谈。"),),
        items=(
            ScriptItem(
                question="张局长，请介绍一下安心用气工程。", answer="好的。今年我们将改造老旧管网。", guest_name="张三"
            ),
            ScriptItem(question="网友问：改造要收费吗？", answer="不收费。\n费用由财政承担。"),
        ),
        closing=(Paragraph("主持人", "感谢各位嘉宾，本期访谈到此结束。"),),
    )
