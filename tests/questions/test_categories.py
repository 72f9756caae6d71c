"""Categories (suggested, confirmed, learned), the editable lists and topic tags."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.questions.exceptions import ModerationRefused, QuestionsRefused
from portal.questions.models import Category, CategoryModel, CategorySample, ForwardChannel, RejectionReason, TopicTag
from portal.questions.queries import suggested_topic_tags
from portal.questions.services.categories import (
    add_topic_tag,
    confirm_category,
    remove_topic_tag,
    set_question_tags,
    train_category_suggester,
)
from portal.questions.services.lists import add_sensitive_words, remove_sensitive_words, save_list_entry
from tests.questions.factories import QuestionFactory, ask

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DEFAULTS = ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生", "其他"]
TRAINING = {
    "城乡建设": [
        "老旧小区燃气管道改造什么时候开工",
        "小区加装电梯的补贴政策",
        "道路施工围挡影响出行",
        "棚户区改造安置房进度",
    ],
    "交通运输": [
        "公交线路调整后换乘不便",
        "地铁站出口增加非机动车停车位",
        "早高峰路口拥堵请增派交警",
        "长途客运站班次太少",
    ],
    "教育文体": ["学校课后服务收费标准", "幼儿园学位紧张怎么办", "体育馆向市民免费开放时间", "中小学课后托管的安排"],
}


def test_the_default_categories_are_loaded():
    assert list(Category.objects.values_list("name", flat=True)) == DEFAULTS
    assert ForwardChannel.objects.first().name == "12345政务服务便民热线"
    assert RejectionReason.objects.count() == 7


def test_confirming_a_category_is_recorded(open_preview, operator):
    question = QuestionFactory(interview=open_preview)
    city = Category.objects.get(name="城乡建设")

    confirm_category(question, actor=operator, category=city)

    question.refresh_from_db()
    assert (question.category, question.category_confirmed_at is not None) == (city, True)
    assert question.events.get().data == {"from": "", "to": "城乡建设"}


def test_the_suggester_learns_from_confirmed_questions_and_suggests_at_intake(open_preview, operator):
    for label, texts in TRAINING.items():
        category = Category.objects.get(name=label)
        for text in texts:
            confirm_category(
                QuestionFactory(interview=open_preview, public_text=text), actor=operator, category=category
            )

    model = train_category_suggester(actor=operator)
    question = ask(open_preview, text="公交线路调整后换乘更加不方便了")

    assert (model.sample_count, model.confirmed_count, model.labels) == (12, 12, ["交通运输", "城乡建设", "教育文体"])
    assert (question.suggested_category.name, question.category.name) == ("交通运输", "交通运输")
    assert question.category_confirmed_at is None
    assert 0 < question.suggestion_confidence <= 1


def test_training_waits_for_two_categories(open_preview, operator):
    confirm_category(QuestionFactory(interview=open_preview), actor=operator, category=Category.objects.first())

    assert train_category_suggester() is None
    assert CategoryModel.objects.count() == 0


def test_bootstrap_rows_train_too():
    CategorySample.objects.bulk_create(
        [CategorySample(text=text, label=label) for label, texts in TRAINING.items() for text in texts]
    )

    assert train_category_suggester().sample_count == 12


def test_retraining_is_queued_after_enough_confirmations(
    open_preview, operator, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_CATEGORY_RETRAIN_EVERY = 3
    CategorySample.objects.bulk_create(
        [CategorySample(text=text, label=label) for label, texts in TRAINING.items() for text in texts]
    )
    category = Category.objects.get(name="城乡建设")

    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(3):
            confirm_category(QuestionFactory(interview=open_preview), actor=operator, category=category)

    assert CategoryModel.objects.get().confirmed_count == 3


def test_a_retired_category_cannot_be_chosen(open_preview, operator):
    retired = Category.objects.get(name="其他")
    save_list_entry(Category, actor=operator, instance=retired, is_active=False)

    with pytest.raises(ModerationRefused, match="有效的分类"):
        confirm_category(QuestionFactory(interview=open_preview), actor=operator, category=retired)


# --- Lists ------------------------------------------------------------------------------------------


def test_lists_are_edited_by_the_digital_center_with_an_audit_entry(operator):
    channel = save_list_entry(ForwardChannel, actor=operator, name="信访渠道", description="来信来访")
    save_list_entry(RejectionReason, actor=operator, label="涉密", public_text="涉及国家秘密。")

    assert channel.is_active
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "questions.forwardchannel.created",
        "questions.rejectionreason.created",
    ]
    with pytest.raises(QuestionsRefused, match="“涉密”已经存在"):
        save_list_entry(RejectionReason, actor=operator, label="涉密", public_text="x")


@pytest.mark.parametrize("name", ["editor", "coordinator", "outsider"])
def test_others_do_not_edit_the_lists(request, name):
    user = request.getfixturevalue(name)

    with pytest.raises(PermissionDenied):
        save_list_entry(Category, actor=user, name="新分类")
    with pytest.raises(PermissionDenied):
        add_sensitive_words(["词"], actor=user)


def test_sensitive_words_are_added_in_bulk_once(operator):
    assert add_sensitive_words(["甲词", " 乙词 ", "甲词", ""], actor=operator) == 2
    assert add_sensitive_words(["甲词", "丙词"], actor=operator) == 1
    assert remove_sensitive_words(["乙词"], actor=operator) == 1
    assert AuditEntry.objects.filter(action="questions.sensitive_words.added").count() == 2


# --- Topic tags -------------------------------------------------------------------------------------


def test_topic_tags_are_defined_per_interview_and_set_on_questions(open_preview, editor, operator, units):
    tag = add_topic_tag(open_preview, actor=editor, name="管道改造")
    other = add_topic_tag(open_preview, actor=operator, name="收费")
    question = QuestionFactory(interview=open_preview)

    set_question_tags(question, actor=operator, tags=[tag, other])

    assert sorted(question.tags.values_list("name", flat=True)) == ["收费", "管道改造"]
    with pytest.raises(ModerationRefused, match="已经存在"):
        add_topic_tag(open_preview, actor=editor, name="管道改造")
    elsewhere = add_topic_tag(QuestionFactory(interview__lead_unit=units["lead"]).interview, actor=editor, name="x")
    with pytest.raises(ModerationRefused, match="本期访谈的话题标签"):
        set_question_tags(question, actor=operator, tags=[elsewhere])
    remove_topic_tag(other, actor=operator)
    assert list(TopicTag.objects.filter(interview=open_preview).values_list("name", flat=True)) == ["管道改造"]


def test_outsiders_and_co_units_do_not_define_tags(open_preview, co_editor, outsider):
    for user in (co_editor, outsider):
        with pytest.raises(PermissionDenied):
            add_topic_tag(open_preview, actor=user, name="管道改造")


def test_tags_are_suggested_from_the_questions_keywords(open_preview, editor):
    for text in ["燃气管道改造何时开工", "燃气管道改造影响出行", "燃气管道老化漏气", "燃气收费标准"]:
        QuestionFactory(interview=open_preview, public_text=text)

    suggestions = suggested_topic_tags(open_preview)
    add_topic_tag(open_preview, actor=editor, name=suggestions[0])

    assert suggestions
    assert all(isinstance(s, str) and s for s in suggestions)
    assert suggestions[0] not in suggested_topic_tags(open_preview)
