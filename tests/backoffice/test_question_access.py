"""Who reaches the netizen-question screens: anonymous → login, outsiders → 404, the wrong role → 403,
and the asker's contact never in full on any page."""

import pytest
from django.urls import reverse

from portal.questions.enums import AnswerState, QuestionState
from portal.questions.models import Answer, Question, RepresentativeQuestion, SupervisionNotice, TopicTag
from tests.backoffice.conftest import CONTACT_PHONE
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def targets(preview, pending, editor, coordinator, units):
    published = QuestionFactory(interview=preview, state=QuestionState.PUBLISHED, asker__contact="asker@example.com")
    Answer.objects.create(question=published, unit=units["lead"], body="答复草稿", drafted_by=editor)
    rep = RepresentativeQuestion.objects.create(interview=preview, text="燃气改造何时开始？", created_by=editor)
    rep.questions.set([published])
    tag = TopicTag.objects.create(interview=preview, name="燃气管道")
    notice = SupervisionNotice.objects.create(
        interview=preview, unit=units["lead"], message="请尽快答复", sent_by=coordinator
    )
    i, q, p = preview.pk, pending.pk, published.pk
    return {
        "interview_pages": [
            ("introduction", [i]),
            ("question-queue", [i]),
            ("topic-tags", [i]),
            ("representatives", [i]),
            ("representative-edit", [i, rep.pk]),
            ("question-detail", [q]),
            ("answer-edit", [p]),
        ],
        "interview_posts": [
            ("introduction", [i]),
            ("introduction-image-add", [i]),
            ("material-add", [i]),
            ("preview-publish", [i]),
            ("question-approve", [q]),
            ("question-reject", [q]),
            ("question-merge", [q]),
            ("question-forward", [q]),
            ("question-split", [q]),
            ("question-move", [q]),
            ("question-category", [q]),
            ("question-tags", [q]),
            ("question-unit", [q]),
            ("topic-tags", [i]),
            ("topic-tag-remove", [i, tag.pk]),
            ("representatives", [i]),
            ("representative-move", [i, rep.pk]),
            ("representative-remove", [i, rep.pk]),
            ("answer-edit", [p]),
            ("answer-check", [p]),
            ("supervision-acknowledge", [notice.pk]),
        ],
        "other_pages": [
            ("question-queue-all", []),
            ("question-lists", []),
            ("answer-list", []),
            ("answer-check-list", []),
            ("supervision-list", []),
        ],
        "other_posts": [
            ("question-bulk", []),
            ("sensitive-words-add", []),
            ("sensitive-words-remove", []),
            ("list-entry-add", ["reasons"]),
            ("categories-retrain", []),
            ("categories-bootstrap", []),
            ("supervision-send", []),
        ],
    }


def test_every_question_page_sends_anonymous_visitors_to_login(client, targets):
    for name, args in targets["interview_pages"] + targets["other_pages"]:
        url = reverse(f"backoffice:{name}", args=args)
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('backoffice:login')}?next={url}", name
    for name, args in targets["interview_posts"] + targets["other_posts"]:
        response = client.post(reverse(f"backoffice:{name}", args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("backoffice:login")), name


def test_an_outsider_unit_gets_404_for_another_units_questions(client, outsider, targets, pending):
    client.force_login(outsider)

    for name, args in targets["interview_pages"]:
        assert client.get(reverse(f"backoffice:{name}", args=args)).status_code == 404, name
    for name, args in targets["interview_posts"]:
        assert client.post(reverse(f"backoffice:{name}", args=args)).status_code == 404, name

    pending.refresh_from_db()
    assert pending.state == QuestionState.PENDING
    assert SupervisionNotice.objects.get().acknowledged_at is None
    assert RepresentativeQuestion.objects.count() == 1


def test_an_outsiders_lists_name_nothing_of_another_units_questions(client, outsider, targets, pending, preview):
    client.force_login(outsider)

    for name in ("answer-list", "supervision-list"):
        response = client.get(reverse(f"backoffice:{name}"))
        assert response.status_code == 200, name
        assert preview.title not in response.text, name
        assert pending.public_text not in response.text, name
        assert "请尽快答复" not in response.text, name


@pytest.mark.parametrize("name", ["question-queue-all", "question-lists", "answer-check-list"])
def test_pages_of_the_digital_center_refuse_a_responsible_units_editor(client, editor, targets, name):
    client.force_login(editor)

    assert client.get(reverse(f"backoffice:{name}")).status_code == 403


def test_the_lead_units_editor_cannot_moderate_its_own_interviews_questions(client, editor, targets, pending, preview):
    client.force_login(editor)

    assert client.get(reverse("backoffice:question-queue", args=[preview.pk])).status_code == 403
    for name in ("question-approve", "question-reject", "question-merge", "question-forward", "question-split"):
        assert client.post(reverse(f"backoffice:{name}", args=[pending.pk])).status_code == 403, name
    response = client.post(f"{reverse('backoffice:question-bulk')}?queue={preview.pk}", {"action": "approve"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.state == QuestionState.PENDING


def test_the_lead_unit_reads_a_question_without_its_original_text(client, editor, pending):
    client.force_login(editor)

    response = client.get(reverse("backoffice:question-detail", args=[pending.pk]))

    assert response.status_code == 200
    assert pending.public_text in response.text
    assert "13812345678" not in response.text
    assert "原文（含个人信息，不公开）" not in response.text
    assert "审核通过并发布" not in response.text


def test_only_the_coordinator_sends_supervision_and_only_the_unit_acknowledges(client, operator, coordinator, targets):
    notice = SupervisionNotice.objects.get()
    client.force_login(operator)
    assert client.post(reverse("backoffice:supervision-send"), {"interview": notice.interview_id}).status_code == 403
    client.force_login(coordinator)
    response = client.post(reverse("backoffice:supervision-acknowledge", args=[notice.pk]), {"note": "收到"})
    assert response.status_code == 403
    notice.refresh_from_db()
    assert notice.acknowledged_at is None


def test_the_contacts_plaintext_is_on_no_back_office_page(client, operator, coordinator, editor, targets, pending):
    published = Question.objects.get(state=QuestionState.PUBLISHED)
    Answer.objects.filter(question=published).update(state=AnswerState.SUBMITTED)
    pages = [
        reverse(f"backoffice:{name}", args=args) for name, args in targets["interview_pages"] + targets["other_pages"]
    ]
    pages += [
        reverse("backoffice:question-detail", args=[published.pk]),
        reverse("backoffice:interview-detail", args=[pending.interview_id]),
    ]
    pages += [f"{reverse('backoffice:question-queue-all')}?state=all", f"{reverse('backoffice:oversight')}?year=2025"]
    seen = 0
    for user in (operator, coordinator, editor):
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            if response.status_code != 200:
                continue
            seen += 1
            assert CONTACT_PHONE not in response.text, url
            assert "asker@example.com" not in response.text, url
    assert seen > 20
    client.force_login(operator)
    text = client.get(reverse("backoffice:question-detail", args=[pending.pk])).text
    assert "139****5678" in text
