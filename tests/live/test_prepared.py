"""Drafts prepared from the approved final script (从定稿导入预录内容) and 发布下一条."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.live import services
from portal.live.enums import EntryStatus, Speaker
from portal.live.exceptions import LiveRefused
from portal.live.models import LiveEntry
from portal.live.prepared import import_final_script, next_script_draft, publish_next
from portal.questions.enums import AnswerStatus, QuestionState
from tests.factories import GuestFactory
from tests.live.scriptsupport import final_revision
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.unit


@pytest.fixture
def second_guest(today_interview):
    return GuestFactory(interview=today_interview, name="李四", post="处长", unit_name="城建局")


@pytest.fixture
def final(today_interview, guest, second_guest, published_question, editor):
    pending = QuestionFactory(interview=today_interview, state=QuestionState.PENDING)
    return final_revision(
        today_interview,
        submitted_by=editor,
        opening=[{"speaker": "主持人", "text": "各位网友，大家好！"}, {"speaker": "张三", "text": "网友们好。"}],
        items=[
            {"question": "张局长，请介绍安心用气工程。", "answer": "今年改造老旧管网。", "guest": guest},
            {
                "question": "网友问：改造要收费吗？",
                "answer": "不收费。",
                "guest_name": "李四",
                "questions": [published_question, pending],
            },
            {"question": "还有什么补充？", "answer": "欢迎监督。", "guest_name": "王五"},
        ],
        closing=[{"speaker": "主持人", "text": "感谢收看，再见。"}],
    )


def drafts(interview):
    return list(LiveEntry.objects.filter(interview=interview, script_ref__isnull=False).order_by("script_position"))


def test_without_an_approved_final_the_import_is_refused(today_interview, operator, editor):
    with pytest.raises(LiveRefused, match="还没有经两中心审核通过的访谈定稿"):
        import_final_script(today_interview, actor=operator)

    final_revision(today_interview, submitted_by=editor, items=[{"question": "问？", "answer": "答。"}], approved=False)
    with pytest.raises(LiveRefused, match="还没有经两中心审核通过的访谈定稿"):
        import_final_script(today_interview, actor=operator)
    assert not LiveEntry.objects.exists()


def test_an_approved_draft_that_is_not_the_final_is_not_imported(today_interview, operator, editor):
    final_revision(today_interview, submitted_by=editor, items=[{"question": "问？", "answer": "答。"}], is_final=False)
    with pytest.raises(LiveRefused, match="访谈定稿"):
        import_final_script(today_interview, actor=operator)


def test_the_final_becomes_drafts_in_script_order(
    final, today_interview, operator, guest, second_guest, published_question
):
    result = import_final_script(today_interview, actor=operator)

    assert (result.created, result.existing, result.unmatched_guests) == (9, 0, 1)
    rows = [(e.speaker, e.guest, e.speaker_name, e.text, e.status) for e in drafts(today_interview)]
    assert rows == [
        (Speaker.HOST, None, "王芳", "各位网友，大家好！", EntryStatus.DRAFT),
        (Speaker.GUEST, guest, "张三", "网友们好。", EntryStatus.DRAFT),
        (Speaker.HOST, None, "王芳", "张局长，请介绍安心用气工程。", EntryStatus.DRAFT),
        (Speaker.GUEST, guest, "张三", "今年改造老旧管网。", EntryStatus.DRAFT),  # the item's guest FK
        (Speaker.HOST, None, "王芳", "网友问：改造要收费吗？", EntryStatus.DRAFT),
        (Speaker.GUEST, second_guest, "李四", "不收费。", EntryStatus.DRAFT),  # matched by name
        (Speaker.HOST, None, "王芳", "还有什么补充？", EntryStatus.DRAFT),
        (Speaker.GUEST, None, "王五", "欢迎监督。", EntryStatus.DRAFT),  # no such guest: kept under the name
        (Speaker.HOST, None, "王芳", "感谢收看，再见。", EntryStatus.DRAFT),
    ]
    # Only the published question the item covers is linked (the pending one is not public).
    answer = drafts(today_interview)[5]
    assert list(answer.answers.all()) == [published_question]
    assert all(not e.answers.exists() for e in drafts(today_interview) if e.pk != answer.pk)
    log = AuditEntry.objects.get(action="live.script.imported")
    assert log.data == {"revision": 1, "created": 9, "unmatched_guests": 1}


def test_importing_twice_adds_nothing_and_restores_a_deleted_draft(final, today_interview, operator):
    import_final_script(today_interview, actor=operator)
    again = import_final_script(today_interview, actor=operator)
    assert (again.created, again.existing) == (0, 9)
    assert LiveEntry.objects.filter(interview=today_interview).count() == 9

    services.delete_draft(drafts(today_interview)[2], actor=operator)
    restored = import_final_script(today_interview, actor=operator)
    assert restored.created == 1
    assert [e.text for e in drafts(today_interview)][2] == "张局长，请介绍安心用气工程。"
    assert LiveEntry.objects.filter(interview=today_interview).count() == 9


def test_publish_next_goes_in_script_order_and_marks_questions_answered_live(
    final, today_interview, operator, producer, published_question, django_capture_on_commit_callbacks
):
    import_final_script(today_interview, actor=operator)
    services.save_entry(today_interview, actor=operator, speaker=Speaker.HOST, text="手写的草稿")  # not the script's
    with django_capture_on_commit_callbacks(execute=True):
        services.start_live(today_interview, actor=operator)
    texts = [e.text for e in drafts(today_interview)]

    published = []
    for _ in range(9):
        entry = publish_next(today_interview, actor=operator if len(published) % 2 else producer)
        published.append(entry)

    assert [e.text for e in published] == texts
    assert [e.published_seq for e in published] == list(range(2, 11))  # seq 1 is the start
    assert all(e.status == EntryStatus.PUBLISHED and not e.is_backfill for e in published)
    published_question.refresh_from_db()
    assert published_question.answer_status == AnswerStatus.LIVE
    with pytest.raises(LiveRefused, match="没有待发布的定稿草稿"):
        publish_next(today_interview, actor=operator)
    assert LiveEntry.objects.get(text="手写的草稿").status == EntryStatus.DRAFT


def test_publish_next_refuses_when_the_next_changed_meanwhile(final, live_interview, operator, producer):
    import_final_script(live_interview, actor=operator)
    seen = next_script_draft(live_interview)
    publish_next(live_interview, actor=producer, expected=seen.pk)  # the other operator was quicker

    with pytest.raises(LiveRefused, match="下一条已由其他操作员发布或删除"):
        publish_next(live_interview, actor=operator, expected=seen.pk)
    assert LiveEntry.objects.filter(status=EntryStatus.PUBLISHED).count() == 1


def test_publish_next_before_the_live_is_refused_but_drafts_can_be_prepared(final, today_interview, operator):
    import_final_script(today_interview, actor=operator)
    with pytest.raises(LiveRefused, match="直播开始后才能发布条目"):
        publish_next(today_interview, actor=operator)
    assert not LiveEntry.objects.filter(status=EntryStatus.PUBLISHED).exists()


def test_only_operators_import_and_publish_next(final, live_interview, editor, outsider, operator):
    for actor in (editor, outsider):
        with pytest.raises(PermissionDenied):
            import_final_script(live_interview, actor=actor)
    import_final_script(live_interview, actor=operator)
    for actor in (editor, outsider):
        with pytest.raises(PermissionDenied):
            publish_next(live_interview, actor=actor)


# --- The console ----------------------------------------------------------------------------------------


def url(name, interview):
    return reverse(f"backoffice:{name}", args=[interview.pk])


@pytest.mark.integration
def test_the_console_imports_and_publishes_the_next_item(client, final, live_interview, operator):
    client.force_login(operator)
    page = client.get(url("live-console", live_interview)).content.decode()
    assert "从定稿导入预录内容" in page
    assert "发布下一条" not in page

    response = client.post(url("live-script-import", live_interview), follow=True)
    assert "已从定稿（第1版）导入9条草稿" in response.content.decode()
    assert "其中1条回答的回答人不是本期嘉宾" in response.content.decode()
    page = client.get(url("live-console", live_interview)).content.decode()
    assert "发布下一条" in page
    assert "待发布9条" in page

    first = next_script_draft(live_interview)
    response = client.post(url("live-script-next", live_interview), {"entry": first.pk}, follow=True)
    assert "已发布下一条：各位网友，大家好！" in response.content.decode()
    response = client.post(url("live-script-next", live_interview), {"entry": first.pk}, follow=True)
    assert "下一条已由其他操作员发布或删除" in response.content.decode()
    response = client.post(url("live-script-import", live_interview), follow=True)
    assert "定稿内容此前已全部导入" in response.content.decode()
    assert LiveEntry.objects.filter(interview=live_interview).count() == 9


@pytest.mark.integration
def test_the_console_says_why_without_a_final(client, live_interview, operator):
    client.force_login(operator)
    page = client.get(url("live-console", live_interview)).content.decode()
    assert "本期访谈还没有经两中心审核通过的访谈定稿。" in page
    response = client.post(url("live-script-import", live_interview), follow=True)
    assert "不能导入预录内容" in response.content.decode()


@pytest.mark.integration
def test_outsiders_get_404_and_unit_members_403(client, final, live_interview, outsider, editor):
    for user, status in ((outsider, 404), (editor, 403)):
        client.force_login(user)
        assert client.post(url("live-script-import", live_interview)).status_code == status
        assert client.post(url("live-script-next", live_interview)).status_code == status
    assert not LiveEntry.objects.exists()
