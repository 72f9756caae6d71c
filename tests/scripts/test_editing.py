"""The working copy: opening and closing, items, representative questions, import, and who may edit."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.enums import StepKind, StepStatus
from portal.questions.enums import QuestionState
from portal.questions.models import RepresentativeQuestion
from portal.scripts.document import Paragraph, ScriptDocument, ScriptItem
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import Script
from portal.scripts.queries import working_document
from portal.scripts.services.editing import (
    add_item,
    add_items_from_representatives,
    import_document,
    move_item,
    remove_item,
    save_part,
    update_item,
)
from portal.scripts.snapshot import document_from_json, document_to_json, text_to_paragraphs
from tests.factories import GuestFactory, InterviewFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit]


def test_the_first_edit_creates_the_working_copy_and_starts_the_draft_step(interview, co_editor):
    assert not Script.objects.exists()

    save_part(interview, actor=co_editor, part="opening", text="主持人：各位网友大家好。\n张三：大家好！\n欢迎收看。")

    script = interview.script
    assert script.opening == [
        {"speaker": "主持人", "text": "各位网友大家好。"},
        {"speaker": "张三", "text": "大家好！"},
        {"speaker": "主持人", "text": "欢迎收看。"},
    ]
    assert script.updated_by == co_editor
    assert interview.steps.get(kind=StepKind.DRAFT).status == StepStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(action="scripts.script.part_saved", actor=co_editor).exists()


def test_lines_that_only_look_like_labels_stay_text():
    paragraphs = text_to_paragraphs("同时，我们还要：加强管理。\n：没有标签\n张三:半角冒号也可以", "主持人")

    assert paragraphs == (
        Paragraph("主持人", "同时，我们还要：加强管理。"),
        Paragraph("主持人", "：没有标签"),
        Paragraph("张三", "半角冒号也可以"),
    )


def test_items_are_added_edited_moved_and_removed(interview, editor):
    guest = GuestFactory(interview=interview, name="李四")
    first = add_item(interview, actor=editor, question="第一问？", answer="")
    second = add_item(interview, actor=editor, question="第二问？", answer="第二答。", guest=guest)

    update_item(first, actor=editor, question="第一问（改）？", answer="第一答。", guest=guest, representative=None)
    move_item(second, actor=editor, up=True)

    doc = working_document(interview.script)
    assert [(i.question, i.guest_name) for i in doc.items] == [("第二问？", "李四"), ("第一问（改）？", "李四")]
    with pytest.raises(ScriptRefused, match="已经在最前面"):
        move_item(second, actor=editor, up=True)

    remove_item(second, actor=editor)
    assert [(i.order, i.question) for i in interview.script.items.all()] == [(1, "第一问（改）？")]


def test_an_item_needs_a_question_and_a_guest_of_this_interview(interview, editor):
    with pytest.raises(ScriptRefused, match="请填写主持人提问"):
        add_item(interview, actor=editor, question="  ")
    stranger = GuestFactory(interview=InterviewFactory(lead_unit=interview.lead_unit))
    with pytest.raises(ScriptRefused, match="只能选择本期访谈的嘉宾"):
        add_item(interview, actor=editor, question="问？", guest=stranger)


def test_representative_questions_come_in_as_linked_items_once(interview, editor):
    asked = QuestionFactory(interview=interview, state=QuestionState.PUBLISHED)
    rep = RepresentativeQuestion.objects.create(
        interview=interview, text="燃气改造何时完成？", order=1, created_by=editor
    )
    rep.questions.set([asked])

    (item,) = add_items_from_representatives(interview, actor=editor)

    assert (item.question, item.representative) == ("燃气改造何时完成？", rep)
    assert list(item.questions.all()) == [asked]
    assert working_document(interview.script).items[0].question_ids == (asked.pk,)
    with pytest.raises(ScriptRefused, match="没有尚未加入访谈稿的代表性问题"):
        add_items_from_representatives(interview, actor=editor)


def test_an_imported_document_replaces_the_working_copy(interview, editor):
    GuestFactory(interview=interview, name="张三")
    add_item(interview, actor=editor, question="旧问题？")
    doc = ScriptDocument(
        opening=(Paragraph("主持人", "大家好。"),),
        items=(
            ScriptItem(question="新问题一？", answer="回答一。", guest_name="张三"),
            ScriptItem(question="新问题二？", answer="回答二。", guest_name="王五"),
        ),
        closing=(Paragraph("主持人", "再见。"),),
    )

    import_document(interview, actor=editor, doc=doc, filename="访谈稿.docx")

    items = list(interview.script.items.all())
    assert [(i.question, i.guest and i.guest.name, i.guest_name) for i in items] == [
        ("新问题一？", "张三", ""),
        ("新问题二？", None, "王五"),
    ]
    assert working_document(interview.script).opening == doc.opening
    with pytest.raises(ScriptRefused, match="文档中没有找到访谈稿内容"):
        import_document(interview, actor=editor, doc=ScriptDocument())


def test_the_snapshot_round_trips(interview, editor):
    GuestFactory(interview=interview, name="张三")
    save_part(interview, actor=editor, part="closing", text="主持人：感谢收看。")
    add_item(interview, actor=editor, question="问？", answer="答。")
    doc = working_document(interview.script)

    assert document_from_json(document_to_json(doc)) == doc


def test_who_may_edit(interview, editor, co_editor, operator, producer, coordinator, outsider):
    add_item(interview, actor=editor, question="牵头单位的问题？")
    add_item(interview, actor=co_editor, question="配合单位的问题？")

    for actor in (operator, producer, coordinator, outsider):
        with pytest.raises(PermissionDenied):
            add_item(interview, actor=actor, question="不该写进去？")
    assert interview.script.items.count() == 2


def test_a_cancelled_interview_keeps_its_script_closed(units, editor):
    cancelled = InterviewFactory(lead_unit=units["lead"], state="cancelled")

    with pytest.raises(ScriptRefused, match="“已取消”的访谈不能再修改访谈稿"):
        save_part(cancelled, actor=editor, part="opening", text="主持人：你好。")
    assert not Script.objects.filter(interview=cancelled).exists()
