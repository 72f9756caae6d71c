"""The lead unit's view of collected questions by group, and the representative questions it picks."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.questions.enums import QuestionState
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Category, QuestionGroup, RepresentativeQuestion
from portal.questions.queries import collected_questions_by_group
from portal.questions.services.moderation import merge_question
from portal.questions.services.representatives import (
    create_representative_question,
    remove_representative_question,
    reorder_representative_questions,
    update_representative_question,
)
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def collected(open_preview, operator):
    """Two groups: a big one about 燃气改造 (three published, one merged in) and a small one about 收费."""
    city = Category.objects.get(name="城乡建设")
    trade = Category.objects.get(name="商贸旅游")
    big, small = (
        QuestionGroup.objects.create(interview=open_preview),
        QuestionGroup.objects.create(interview=open_preview),
    )
    works = [
        QuestionFactory(interview=open_preview, state=S.PUBLISHED, group=big, category=city, support_count=n)
        for n in (2, 5, 0)
    ]
    merge_question(QuestionFactory(interview=open_preview, group=big), into=works[2], actor=operator)
    fee = QuestionFactory(interview=open_preview, state=S.PUBLISHED, group=small, category=trade, support_count=9)
    QuestionFactory(interview=open_preview, state=S.PENDING, group=small)
    return {"works": works, "fee": fee}


def test_collected_questions_come_by_group_biggest_first(collected, open_preview, editor):
    groups = collected_questions_by_group(open_preview, editor)

    assert [(g.size, g.support, g.main_category) for g in groups] == [(4, 7, "城乡建设"), (1, 9, "商贸旅游")]
    assert groups[0].lead == collected["works"][1]  # the most supported question leads its group
    assert [q.pk for q in groups[1].questions] == [collected["fee"].pk]


def test_an_outsider_sees_no_collected_questions(collected, open_preview, outsider):
    assert collected_questions_by_group(open_preview, outsider) == []


def test_the_lead_unit_picks_representatives_and_the_links_stay(collected, open_preview, editor):
    works = collected["works"]

    first = create_representative_question(
        open_preview, actor=editor, text="老旧小区燃气管道改造何时开工？", questions=works[:2]
    )
    second = create_representative_question(
        open_preview, actor=editor, text="燃气收费标准如何？", questions=[collected["fee"]]
    )
    update_representative_question(first, actor=editor, text="老旧小区燃气改造的时间表是怎样的？", questions=works)
    reorder_representative_questions(open_preview, actor=editor, ordered=[second.pk, first.pk])

    reps = list(RepresentativeQuestion.objects.filter(interview=open_preview))
    assert [(r.order, r.text) for r in reps] == [(1, "燃气收费标准如何？"), (2, "老旧小区燃气改造的时间表是怎样的？")]
    assert sorted(q.pk for q in reps[1].questions.all()) == sorted(q.pk for q in works)
    assert list(works[0].representatives.all()) == [first]
    assert collected_questions_by_group(open_preview, editor)[0].representatives == [first]


def test_only_published_questions_of_the_interview_can_be_linked(collected, open_preview, editor, units):
    pending = QuestionFactory(interview=open_preview, state=S.PENDING)
    elsewhere = QuestionFactory(interview__lead_unit=units["lead"], state=S.PUBLISHED)

    for questions in ([pending], [elsewhere]):
        with pytest.raises(QuestionsRefused, match="只能关联本期访谈已发布的网友提问"):
            create_representative_question(open_preview, actor=editor, text="问题", questions=questions)


def test_removing_renumbers_the_rest(collected, open_preview, editor):
    reps = [
        create_representative_question(open_preview, actor=editor, text=f"问题{n}", questions=[collected["fee"]])
        for n in range(3)
    ]

    remove_representative_question(reps[0], actor=editor)

    assert list(RepresentativeQuestion.objects.values_list("text", "order")) == [("问题1", 1), ("问题2", 2)]


@pytest.mark.parametrize("name", ["co_editor", "operator", "outsider", "coordinator"])
def test_only_the_lead_unit_picks(request, collected, open_preview, name):
    with pytest.raises(PermissionDenied):
        create_representative_question(
            open_preview, actor=request.getfixturevalue(name), text="问题", questions=[collected["fee"]]
        )
