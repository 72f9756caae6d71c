"""字数 as Word and WPS count it: CJK characters and punctuation one each, Latin/digit runs one, spaces none."""

import pytest

from portal.scripts.document import Paragraph, ScriptDocument, ScriptHeader, ScriptItem
from portal.scripts.wordcount import count_document, count_text

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t", 0),
        ("中文", 2),
        ("中 文", 2),
        ("中\u3000文", 2),  # ideographic space
        ("中\u00a0文", 2),  # no-break space
        ("中\u200b文", 2),  # zero-width space
        ("COVID-19", 3),
        ("2025年", 2),
        ("２０２５年", 2),  # full-width digits are a run too
        ("Hello world", 2),
        ("Hello, world!", 4),
        ("e-mail", 3),
        ("3.5%", 4),
        ("café", 1),
        ("cafe\u0301", 1),  # a combining accent belongs to its letter
        ("，。！？“”《》（）：；、……", 15),
        ("a,b.c", 5),
        ("我们在2025年3月18日举行", 11),
        ("区政府办联系电话025-58311686。", 12),
        ("“111”综合执法新模式", 10),
        ("PM2.5浓度", 5),
        ("AI赋能", 3),
        ("主持人：你好", 6),
        ("ゆり 서울", 4),
        ("𠀀𠀁", 2),  # CJK extension B
        ("x+y=z", 5),
        ("\u00a5100元", 3),  # ¥ is a symbol
    ],
)
def test_count_text(text, expected):
    assert count_text(text) == expected


def test_runs_end_at_cjk_punctuation_and_spaces():
    assert count_text("abc中def") == 3
    assert count_text("abc def") == 2
    assert count_text("abc\ndef") == 2
    assert count_text("abc-def") == 3


def test_a_document_counts_each_spoken_paragraph_with_its_label():
    doc = ScriptDocument(
        header=ScriptHeader(title="城镇燃气“安心用气工程”", time="2025年11月18日 14:30", guests=("城建局局长 张三",)),
        opening=(Paragraph("主持人", "各位网友，大家好！"),),  # 3 + 1 + 9
        items=(ScriptItem(question="什么时候改造？", answer="年底前。", guest_name="张三"),),  # 4+7, 3+4
        closing=(Paragraph("张三", "谢谢。"),),  # 3 + 3
    )

    assert count_document(doc) == 13 + 11 + 7 + 6


def test_the_header_is_not_counted():
    body = ScriptDocument(items=(ScriptItem(question="问", answer="答"),))
    with_header = ScriptDocument(header=ScriptHeader(title="很长的标题" * 10), items=body.items)

    assert count_document(body) == count_document(with_header) == 5 + 4


def test_an_unnamed_guest_is_exported_and_counted_as_嘉宾():
    doc = ScriptDocument(items=(ScriptItem(question="问", answer="答"),))

    assert [f"{p.speaker}：{p.text}" for p in doc.paragraphs()] == ["主持人：问", "嘉宾：答"]
    assert count_document(doc) == 9


def test_mixed_text_of_a_real_paragraph():
    text = "2024年，我区共完成老旧小区燃气管道改造12.6公里，覆盖居民3000余户（含桥林街道）。"
    # 2024 年 ， 我区共完成老旧小区燃气管道改造(15) 12 . 6 公里 ， 覆盖居民 3000 余户 （ 含桥林街道 ） 。
    assert count_text(text) == 1 + 1 + 1 + 15 + 1 + 1 + 1 + 2 + 1 + 4 + 1 + 2 + 1 + 5 + 1 + 1
