"""The lead unit's representative questions: collected questions by group, create, edit, reorder, remove."""

import pytest
from django.urls import reverse

from portal.questions.enums import QuestionState
from portal.questions.models import Category, RepresentativeQuestion
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def collected(preview):
    big = QuestionFactory(
        interview=preview, state=S.PUBLISHED, text="燃气管道何时改造？", public_text="燃气管道何时改造？"
    )
    QuestionFactory(interview=preview, state=S.PUBLISHED, group=big.group, public_text="燃气管道改造时间？")
    QuestionFactory(interview=preview, state=S.MERGED, merged_into=big, group=big.group)
    supported = QuestionFactory(
        interview=preview,
        state=S.PUBLISHED,
        public_text="燃气表能否免费更换？",
        support_count=9,
        category=Category.objects.get(name="城乡建设"),
    )
    QuestionFactory(interview=preview, state=S.PENDING, public_text="还没审核的问题")
    return big, supported


def page_url(interview, query=""):
    return f"{reverse('backoffice:representatives', args=[interview.pk])}{query}"


def test_collected_questions_are_grouped_with_size_support_and_category(client, editor, preview, collected):
    big, supported = collected
    client.force_login(editor)

    text = client.get(page_url(preview)).text

    assert "已发布的网友提问（2组）" in text
    assert "还没审核的问题" not in text
    assert text.index(big.public_text) < text.index(supported.public_text)  # 3 askers before 1
    by_support = client.get(page_url(preview, "?sort=support")).text
    assert by_support.index(supported.public_text) < by_support.index(big.public_text)
    assert "城乡建设" in text
    assert "含合并1条" in text


def test_the_lead_unit_creates_a_representative_linked_both_ways(client, editor, preview, collected):
    big, supported = collected
    client.force_login(editor)

    response = client.post(
        page_url(preview), {"text": "燃气改造的时间表和费用如何安排？", "questions": [big.pk, supported.pk]}
    )

    assert response.status_code == 302
    rep = RepresentativeQuestion.objects.get()
    assert set(rep.questions.values_list("pk", flat=True)) == {big.pk, supported.pk}
    page = client.get(page_url(preview)).text
    assert "已用于代表性问题第1题" in page
    detail = client.get(reverse("backoffice:question-detail", args=[big.pk])).text
    assert "第1题 燃气改造的时间表和费用如何安排？" in detail


def test_an_empty_representative_is_refused_with_the_ticks_kept(client, editor, preview, collected):
    big, _supported = collected
    client.force_login(editor)

    response = client.post(page_url(preview), {"text": "", "questions": [big.pk]})

    assert response.status_code == 400
    assert f'value="{big.pk}" form="rep-create" id="pick-{big.pk}" checked' in response.text
    assert not RepresentativeQuestion.objects.exists()


def test_representatives_are_edited_reordered_and_removed(client, editor, preview, collected):
    big, supported = collected
    client.force_login(editor)
    client.post(page_url(preview), {"text": "第一问", "questions": [big.pk]})
    client.post(page_url(preview), {"text": "第二问", "questions": [supported.pk]})
    first, second = RepresentativeQuestion.objects.order_by("order")

    edit = reverse("backoffice:representative-edit", args=[preview.pk, first.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"text": "第一问（修改）", "questions": [big.pk, supported.pk]}).status_code == 302
    move = reverse("backoffice:representative-move", args=[preview.pk, second.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(RepresentativeQuestion.objects.order_by("order").values_list("text", flat=True)) == [
        "第二问",
        "第一问（修改）",
    ]

    remove = reverse("backoffice:representative-remove", args=[preview.pk, second.pk])
    assert client.post(remove).status_code == 302
    assert list(RepresentativeQuestion.objects.values_list("text", "order")) == [("第一问（修改）", 1)]


def test_others_read_the_collected_questions_but_cannot_pick(client, operator, co_editor, preview, collected):
    big, _supported = collected
    for user in (operator, co_editor):
        client.force_login(user)
        page = client.get(page_url(preview))
        assert page.status_code == 200
        assert big.public_text in page.text
        assert "添加代表性问题" not in page.text
        assert client.post(page_url(preview), {"text": "代表性问题", "questions": [big.pk]}).status_code == 403
    assert not RepresentativeQuestion.objects.exists()
