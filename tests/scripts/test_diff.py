"""Two script revisions compared item by item, and the comparison as staff read it."""

import pytest
from django.template.loader import render_to_string

from portal.scripts.diff import ChangeStatus, Fragment, Part, compare, highlight
from portal.scripts.document import Paragraph, ScriptDocument, ScriptItem

pytestmark = [pytest.mark.unit]

A = ScriptItem(question="请介绍一下安心用气工程。", answer="今年我们将改造老旧燃气管网，共涉及三万户居民。", key="a")
B = ScriptItem(question="改造要收费吗？", answer="不收费，费用由区财政全额承担。", key="b")
C = ScriptItem(question="施工期间如何保障用气？", answer="我们会提前三天张贴停气通知，并安排临时供气。", key="c")


def _doc(*items, opening=(), closing=()):
    return ScriptDocument(items=tuple(items), opening=opening, closing=closing)


def _unkeyed(item: ScriptItem) -> ScriptItem:
    return ScriptItem(question=item.question, answer=item.answer, guest_name=item.guest_name)


def test_identical_revisions_are_all_unchanged():
    changes = compare(_doc(A, B), _doc(A, B))

    assert [change.status for change in changes] == [ChangeStatus.UNCHANGED] * 2
    assert not changes.summary.has_any_change
    assert changes[0].question == (Fragment("equal", A.question),)


def test_items_pair_by_key_even_when_edited_beyond_recognition_and_moved():
    rewritten = ScriptItem(question="完全不同的问题？", answer="完全不同的回答。", key="a")

    changes = compare(_doc(A, B, C), _doc(B, C, rewritten))

    assert [(change.status, change.old_position, change.new_position) for change in changes] == [
        (ChangeStatus.UNCHANGED, 2, 1),
        (ChangeStatus.UNCHANGED, 3, 2),
        (ChangeStatus.CHANGED, 1, 3),
    ]
    assert changes[2].moved
    assert changes[2].status_label == "移动并修改"


def test_a_moved_item_that_did_not_change_is_moved():
    changes = compare(_doc(A, B, C), _doc(C, A, B))

    assert [change.status for change in changes] == [ChangeStatus.MOVED, ChangeStatus.UNCHANGED, ChangeStatus.UNCHANGED]
    assert changes.summary.moved == 1


def test_unkeyed_items_pair_by_similarity_and_the_rest_are_added_or_removed():
    edited = ScriptItem(question=A.question, answer="今年我们将新建燃气管道，共涉及五万户居民。")
    new_item = ScriptItem(question="网友问：老小区加装电梯吗？", answer="这不在本次工程范围内。")

    changes = compare(_doc(*map(_unkeyed, (A, B, C))), _doc(edited, _unkeyed(C), new_item))

    assert [(change.status, change.old_position, change.new_position) for change in changes] == [
        (ChangeStatus.CHANGED, 1, 1),
        (ChangeStatus.REMOVED, 2, None),
        (ChangeStatus.UNCHANGED, 3, 2),
        (ChangeStatus.ADDED, None, 3),
    ]
    summary = changes.summary
    assert (summary.added, summary.removed, summary.changed, summary.moved, summary.unchanged) == (1, 1, 1, 0, 1)
    assert changes[1].question == (Fragment("delete", B.question),)
    assert changes[3].answer == (Fragment("insert", new_item.answer),)


def test_a_removed_item_stands_where_it_was():
    changes = compare(_doc(A, B, C), _doc(A, C))

    assert [change.old_position for change in changes] == [1, 2, 3]
    assert changes[1].status == ChangeStatus.REMOVED


def test_chinese_text_is_highlighted_by_characters_with_single_shared_characters_folded():
    fragments = highlight("今年我们将改造老旧管网，共三万户。", "今年我们将新建燃气管道，共五万户居民。")

    assert fragments == (
        Fragment("equal", "今年我们将"),
        Fragment("delete", "改造老旧管网"),
        Fragment("insert", "新建燃气管道"),
        Fragment("equal", "，共"),
        Fragment("delete", "三"),
        Fragment("insert", "五"),
        Fragment("equal", "万户"),
        Fragment("insert", "居民"),
        Fragment("equal", "。"),
    )


def test_the_changed_guest_is_shown():
    old = ScriptItem(question="问题？", answer="回答。", guest_name="张三", key="a")
    new = ScriptItem(question="问题？", answer="回答。", guest_name="李四", key="a")

    (change,) = compare(_doc(old), _doc(new))

    assert change.status == ChangeStatus.CHANGED
    assert change.guest == (Fragment("delete", "张三"), Fragment("insert", "李四"))


def test_the_opening_and_closing_are_compared_too():
    old = _doc(A, opening=(Paragraph("主持人", "各位网友，大家好。"),))
    new = _doc(A, opening=(Paragraph("主持人", "各位网友，下午好。"),), closing=(Paragraph("主持人", "再见。"),))

    opening, _item, closing = compare(old, new)

    assert (opening.part, opening.status) == (Part.OPENING, ChangeStatus.CHANGED)
    assert Fragment("insert", "下午") in opening.question
    assert (closing.part, closing.status) == (Part.CLOSING, ChangeStatus.ADDED)
    assert compare(old, new).summary.opening_changed


def test_the_include_marks_changes_with_ins_and_del_and_words_for_screen_readers():
    edited = ScriptItem(question=A.question, answer="今年我们将新建燃气管道，共涉及五万户居民。", key="a")

    html = render_to_string("backoffice/scripts/includes/diff.html", {"changes": compare(_doc(A, B), _doc(edited))})

    assert "新增0项，删除1项，修改1项，移动0项，未改动0项" in html
    assert '<del><span class="visually-hidden">删除：</span>改造老旧</del>' in html
    assert '<ins><span class="visually-hidden">新增：</span>新建</ins>' in html
    assert "［删除］" in html
    assert "原第2项" in html


def test_the_include_says_when_nothing_changed():
    html = render_to_string("backoffice/scripts/includes/diff.html", {"changes": compare(_doc(A), _doc(A))})

    assert "两个版本内容相同，没有改动。" in html
