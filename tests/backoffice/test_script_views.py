"""The script screens: the working copy, the live count, submission, the two centers' review, oversight."""

import pytest
from django.urls import reverse

from portal.scripts.enums import ReviewDecision, RevisionStatus
from portal.scripts.models import Script, ScriptRevision
from portal.scripts.services.review import decide_review, submit_script
from tests.factories import InterviewFactory, ScriptItemFactory, at, script_of_length

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

R = at(2025, 10, 9, 14, 30)


@pytest.fixture
def recorded(units, time_machine):
    time_machine.move_to(at(2025, 9, 29, 10, 0), tick=False)
    return InterviewFactory(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], recording_at=R, confirmed=True
    )


@pytest.fixture
def submitted(recorded, editor, settings):
    script_of_length(recorded, settings.PORTAL_SCRIPT_MIN_CHARS)
    return submit_script(recorded, actor=editor)


def url(name, interview, *args):
    return reverse(f"backoffice:{name}", args=[interview.pk, *args])


def test_the_interview_page_links_to_the_script(client, editor, recorded):
    client.force_login(editor)

    text = client.get(reverse("backoffice:interview-detail", args=[recorded.pk])).text

    assert url("script", recorded) in text


def test_the_script_page_shows_the_count_and_what_is_missing(client, editor, recorded):
    script_of_length(recorded, 7999)
    client.force_login(editor)

    text = client.get(url("script", recorded)).text

    assert "全稿共<strong>7999</strong>字" in text
    assert "还差1字" in text
    assert 'value="0">提交审核' in text
    assert 'value="1">提交定稿' in text


def test_the_co_unit_edits_but_does_not_submit(client, co_editor, recorded):
    client.force_login(co_editor)

    text = client.get(url("script", recorded)).text
    response = client.post(url("script-submit", recorded), {"final": "0"})

    assert "添加问答" in text
    assert 'name="final"' not in text
    assert response.status_code == 403


def test_items_are_added_edited_moved_and_removed_through_the_pages(client, editor, recorded):
    client.force_login(editor)

    assert client.get(url("script-item-add", recorded)).status_code == 200
    response = client.post(url("script-item-add", recorded), {"question": "第一问？", "answer": "第一答。"})
    assert response.status_code == 302
    client.post(url("script-item-add", recorded), {"question": "第二问？", "answer": ""})
    first, second = recorded.script.items.all()

    response = client.post(url("script-item-edit", recorded, first.pk), {"question": "第一问改？", "answer": "答。"})
    assert response.status_code == 302
    client.post(url("script-item-move", recorded, second.pk), {"direction": "up"})
    assert [i.question for i in recorded.script.items.all()] == ["第二问？", "第一问改？"]
    client.post(url("script-item-remove", recorded, second.pk))
    assert [i.question for i in recorded.script.items.all()] == ["第一问改？"]


def test_a_refused_item_keeps_what_was_typed(client, editor, recorded):
    client.force_login(editor)

    response = client.post(url("script-item-add", recorded), {"question": "", "answer": "写好的回答不能丢。"})

    assert response.status_code == 400
    assert "写好的回答不能丢。" in response.text
    assert "id_question_error" in response.text


def test_the_opening_is_edited_one_paragraph_a_line(client, editor, recorded):
    client.force_login(editor)

    response = client.post(url("script-part", recorded, "opening"), {"text": "主持人：大家好。\n张三：各位好！"})

    assert response.status_code == 302
    assert Script.objects.get(interview=recorded).opening[1] == {"speaker": "张三", "text": "各位好！"}
    assert client.get(url("script-part", recorded, "nothing")).status_code == 404


def test_the_live_count_counts_what_is_being_typed_and_writes_nothing(client, editor, recorded):
    client.force_login(editor)

    response = client.post(
        url("script-count", recorded), {"question": "问", "answer": "COVID-19"}, HTTP_HX_REQUEST="true"
    )

    # 5 for the host's line, 3 + 3 for the guest's label and COVID, -, 19.
    assert "全稿共<strong>11</strong>字" in response.text
    assert "还差7989字" in response.text
    assert not Script.objects.exists()


def test_the_live_count_replaces_the_item_being_edited(client, editor, recorded):
    script = script_of_length(recorded, 8000)
    item = script.items.get()
    client.force_login(editor)

    response = client.post(
        url("script-count", recorded), {"item": item.pk, "question": "问题一？", "answer": "短"}, HTTP_HX_REQUEST="true"
    )

    assert "全稿共<strong>12</strong>字" in response.text


def test_a_short_script_is_refused_with_the_characters_missing(client, editor, recorded):
    script_of_length(recorded, 7999)
    client.force_login(editor)

    response = client.post(url("script-submit", recorded), {"final": "0", "note": "请审核"})

    assert response.status_code == 400
    assert "还差1字" in response.text
    assert "请审核" in response.text  # the note typed is kept
    assert not ScriptRevision.objects.exists()


def test_a_script_of_8000_is_submitted(client, editor, recorded):
    script_of_length(recorded, 8000)
    client.force_login(editor)

    response = client.post(url("script-submit", recorded), {"final": "0"})

    revision = ScriptRevision.objects.get()
    assert response.status_code == 302
    assert response.url == url("script-revision", recorded, 1)
    assert revision.word_count == 8000


def test_one_center_returns_the_other_approves_and_the_page_shows_both(client, submitted, recorded, operator, producer):
    key = submitted.document["items"][0]["key"]
    client.force_login(producer)
    page = client.get(url("script-revision", recorded, 1)).text
    assert "区融媒体中心审核意见" in page
    assert f"id_review_item_{key}" in page

    response = client.post(
        url("script-review", recorded, 1, "media"),
        {"decision": "return", "comment": "", f"item_{key}": "请补充数据。"},
    )
    assert response.status_code == 302
    client.force_login(operator)
    client.post(url("script-review", recorded, 1, "digital"), {"decision": "approve"})

    submitted.refresh_from_db()
    assert submitted.status == RevisionStatus.RETURNED
    page = client.get(url("script-revision", recorded, 1)).text
    assert "请补充数据。" in page
    assert "退回修改" in page
    assert "审核通过" in page
    history = client.get(url("script-revisions", recorded)).text
    assert "退回修改" in history


def test_returning_without_a_comment_is_refused_on_the_same_form(client, submitted, recorded, producer):
    client.force_login(producer)

    response = client.post(url("script-review", recorded, 1, "media"), {"decision": "return", "comment": " "})

    assert response.status_code == 400
    assert "退回修改时，请填写对全文或对具体问答的意见" in response.text
    assert submitted.reviews.get(center="media").decision == ReviewDecision.PENDING


def test_a_center_cannot_decide_the_other_centers_review(client, submitted, recorded, operator, producer):
    client.force_login(operator)
    assert client.post(url("script-review", recorded, 1, "media"), {"decision": "approve"}).status_code == 403
    client.force_login(producer)
    assert client.post(url("script-review", recorded, 1, "digital"), {"decision": "approve"}).status_code == 403
    assert submitted.reviews.filter(decision=ReviewDecision.PENDING).count() == 2


def test_an_outsider_gets_404_everywhere(client, submitted, recorded, outsider):
    item = recorded.script.items.get()
    client.force_login(outsider)

    for name, args in [
        ("script", ()),
        ("script-part", ("opening",)),
        ("script-item-add", ()),
        ("script-item-edit", (item.pk,)),
        ("script-revisions", ()),
        ("script-revision", (1,)),
        ("script-compare", ()),
        ("script-export", (1, "docx")),
    ]:
        assert client.get(url(name, recorded, *args)).status_code == 404, name
    for name, args, data in [
        ("script-submit", (), {"final": "0"}),
        ("script-count", (), {"question": "问"}),
        ("script-reps", (), {}),
        ("script-item-move", (item.pk,), {"direction": "up"}),
        ("script-item-remove", (item.pk,), {}),
        ("script-import", (), {}),
        ("script-review", (1, "media"), {"decision": "approve"}),
    ]:
        assert client.post(url(name, recorded, *args), data).status_code == 404, name
    assert recorded.script.items.count() == 1


def test_reviewers_and_the_gov_office_read_but_do_not_edit(client, submitted, recorded, operator, coordinator):
    item = recorded.script.items.get()
    for user in (operator, coordinator):
        client.force_login(user)
        text = client.get(url("script", recorded)).text
        assert "添加问答" not in text
        assert client.post(url("script-item-remove", recorded, item.pk)).status_code == 403


def test_a_late_final_and_a_late_review_show_on_the_oversight_page(
    client, submitted, recorded, editor, operator, producer, coordinator, time_machine
):
    decide_review(submitted.reviews.get(center="digital"), actor=operator, approve=True)
    time_machine.move_to(at(2025, 10, 10, 9, 0), tick=False)  # after the reviews' due time (10-09)
    decide_review(submitted.reviews.get(center="media"), actor=producer, approve=True)
    ScriptItemFactory(script=recorded.script, order=2, question="补充问题？", answer="补充回答。")
    final = submit_script(recorded, actor=editor, final=True)  # after the 09-30 deadline
    client.force_login(coordinator)

    text = client.get(reverse("backoffice:oversight") + "?year=2025").text

    assert final.is_late
    assert "访谈稿逾期（2025年）" in text
    assert "逾期提交的访谈定稿" in text
    assert "2025-09-30" in text
    assert "逾期的访谈稿审核" in text
    assert "区融媒体中心" in text
