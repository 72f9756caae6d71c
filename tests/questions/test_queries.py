"""The moderation queue: counts, filters, Chinese search on both databases, order, a fixed query count."""

import datetime as dt

import pytest

from portal.questions.enums import QuestionState, Via
from portal.questions.models import Category, QuestionGroup
from portal.questions.queries import group_members, moderation_counts, moderation_queue, question_history
from portal.questions.services.moderation import approve_question
from tests.questions.factories import NOW, QuestionFactory, ask

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


def pks(queryset) -> list[int]:
    return [q.pk for q in queryset]


def test_waiting_questions_come_oldest_first_and_decided_ones_latest_decision_first(
    open_preview, operator, time_machine
):
    questions = []
    for minutes in (0, 5, 10):
        time_machine.move_to(NOW + dt.timedelta(minutes=minutes), tick=False)
        questions.append(QuestionFactory(interview=open_preview))
    approve_question(questions[2], actor=operator)
    time_machine.move_to(NOW + dt.timedelta(minutes=20), tick=False)
    approve_question(questions[0], actor=operator)

    assert pks(moderation_queue(operator, interview=open_preview)) == [questions[1].pk]
    assert pks(moderation_queue(operator, interview=open_preview, state=S.PUBLISHED)) == [
        questions[0].pk,
        questions[2].pk,
    ]


def test_filters(open_preview, operator):
    city = Category.objects.get(name="城乡建设")
    flagged = QuestionFactory(interview=open_preview, has_personal_data=True, category=city)
    sensitive = QuestionFactory(interview=open_preview, has_sensitive_words=True, via=Via.LIVE)
    spam = QuestionFactory(interview=open_preview, looks_like_spam=True, group=flagged.group)

    def queue(**filters):
        return set(pks(moderation_queue(operator, interview=open_preview, **filters)))

    assert queue(has_personal_data=True) == {flagged.pk}
    assert queue(has_sensitive_words=True) == {sensitive.pk}
    assert queue(looks_like_spam=True) == {spam.pk}
    assert queue(via=Via.LIVE) == {sensitive.pk}
    assert queue(category_id=city.pk) == {flagged.pk}
    assert queue(group_id=flagged.group_id) == {flagged.pk, spam.pk}
    assert queue(state=None) == {flagged.pk, sensitive.pk, spam.pk}


def test_chinese_search_finds_words_inside_sentences(open_preview, operator):
    gas = ask(open_preview, text="老旧小区的燃气管道改造什么时候开工？", nickname="老王")
    ask(open_preview, text="学校门口早晚高峰交通拥堵问题严重。", nickname="家长")

    def found(query):
        return pks(moderation_queue(operator, interview=open_preview, query=query))

    assert found("燃气管道") == [gas.pk]
    assert found("管道 开工") == [gas.pk]
    assert found("老王") == [gas.pk]
    assert found("地铁") == []
    assert found(gas.formatted_receipt_code.lower()) == [gas.pk]


def test_counts_per_state_and_what_waits(open_preview, operator):
    QuestionFactory(interview=open_preview, has_personal_data=True)
    QuestionFactory(interview=open_preview, has_sensitive_words=True, looks_like_spam=True)
    QuestionFactory(interview=open_preview, state=S.PUBLISHED, has_personal_data=True)

    counts = moderation_counts(operator, open_preview)

    assert counts == {
        "pending": 2,
        "published": 1,
        "rejected": 0,
        "merged": 0,
        "forwarded": 0,
        "pending_personal_data": 1,
        "pending_sensitive_words": 1,
        "pending_spam": 1,
        "total": 3,
    }


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_takes_a_fixed_number_of_queries(open_preview, operator, count, django_assert_num_queries):
    group = QuestionGroup.objects.create(interview=open_preview)
    for _n in range(count):
        question = QuestionFactory(interview=open_preview, group=group, asker__contact="13812345678")
        question.tags.create(interview=open_preview, name=f"标签{_n}")
    assert operator.unit_roles  # read once per request, before the page's queries

    with django_assert_num_queries(2):  # the rows (with asker, category, unit, group size) and their tags
        rows = list(moderation_queue(operator, interview=open_preview))
        hints = [(row.asker.contact_hint, row.group_size, [t.name for t in row.tags.all()]) for row in rows]

    assert {hint for hint, _size, _tags in hints} == {"138****5678"}
    assert {size for _hint, size, _tags in hints} == {count}


def test_a_question_s_group_and_history(open_preview, operator):
    first = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工？")
    second = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工呢？")
    approve_question(second, actor=operator)

    assert pks(group_members(second, operator)) == [first.pk, second.pk]
    assert [e.kind for e in question_history(second)] == ["submitted", "approved"]
