"""Lists of 数字治理中心: sensitive words, reasons, channels, categories, the suggester; an interview's topic tags."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.questions.models import Category, CategoryModel, CategorySample, RejectionReason, SensitiveWord, TopicTag
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LISTS = reverse("backoffice:question-lists")


@pytest.fixture
def manager(client, operator):
    client.force_login(operator)
    return operator


def test_many_sensitive_words_are_added_at_once_and_counted(client, manager):
    SensitiveWord.objects.create(word="已有词")

    response = client.post(reverse("backoffice:sensitive-words-add"), {"words": "词甲\n词乙\n\n已有词\n词甲 "})

    assert response.status_code == 302
    assert sorted(SensitiveWord.objects.values_list("word", flat=True)) == ["已有词", "词乙", "词甲"]
    page = client.get(response["Location"]).text
    assert "已添加2个敏感词。另有1个已在列表中。" in page
    assert "敏感词（共3个）" in page


def test_a_word_too_long_is_refused_and_the_list_kept(client, manager):
    response = client.post(reverse("backoffice:sensitive-words-add"), {"words": "好\n" + "长" * 51})

    assert response.status_code == 400
    assert "敏感词不能超过50个字" in response.text
    assert "长" * 51 in response.text
    assert not SensitiveWord.objects.exists()


def test_sensitive_words_are_removed_and_an_unknown_word_is_said_so(client, manager):
    SensitiveWord.objects.bulk_create([SensitiveWord(word="词甲"), SensitiveWord(word="词乙")])

    assert client.post(reverse("backoffice:sensitive-words-remove"), {"words": "词甲"}).status_code == 302
    refused = client.post(reverse("backoffice:sensitive-words-remove"), {"words": "没有的词"})

    assert refused.status_code == 400
    assert "列表中没有这些词。" in refused.text
    assert list(SensitiveWord.objects.values_list("word", flat=True)) == ["词乙"]


def test_a_rejection_reason_is_added_and_a_duplicate_refused(client, manager):
    data = {"label": "属于信访事项", "public_text": "请通过信访渠道反映。", "sort_order": 50, "is_active": "on"}
    assert client.post(reverse("backoffice:list-entry-add", args=["reasons"]), data).status_code == 302

    refused = client.post(reverse("backoffice:list-entry-add", args=["reasons"]), data)

    assert refused.status_code == 400
    assert "“属于信访事项”已经存在。" in refused.text
    assert RejectionReason.objects.filter(label="属于信访事项").count() == 1


def test_a_category_is_renamed_and_deactivated(client, manager):
    category = Category.objects.get(name="其他")
    url = reverse("backoffice:list-entry-edit", args=["categories", category.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"name": "其他事项", "sort_order": 999})

    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.is_active) == ("其他事项", False)


def test_an_unknown_list_is_not_found(client, manager):
    assert client.post(reverse("backoffice:list-entry-add", args=["users"]), {}).status_code == 404


def test_retraining_needs_two_categories(client, manager):
    response = client.post(reverse("backoffice:categories-retrain"))

    assert response.status_code == 400
    assert "暂不能训练" in response.text
    assert not CategoryModel.objects.exists()


def test_a_labelled_csv_bootstraps_and_trains_the_suggester(client, manager):
    rows = ["title,detail,label_l1"]
    rows += [f"燃气管道改造第{n}期,老旧小区燃气,城乡建设" for n in range(5)]
    rows += [f"公交线路调整第{n}条,新增站点,交通运输" for n in range(5)]
    rows += ["垃圾分类,小区垃圾站,市容环卫"]
    upload = SimpleUploadedFile("labelled.csv", "\n".join(rows).encode("utf-8"), content_type="text/csv")

    response = client.post(reverse("backoffice:categories-bootstrap"), {"csv": upload})

    assert response.status_code == 302
    assert CategorySample.objects.count() == 11
    assert Category.objects.filter(name="市容环卫").exists()
    assert CategoryModel.objects.count() == 1
    assert "已导入11条样本，并已重新训练。" in client.get(response["Location"]).text


def test_a_csv_without_the_label_column_is_refused(client, manager):
    upload = SimpleUploadedFile("bad.csv", "title,detail\n燃气,管道\n".encode(), content_type="text/csv")

    response = client.post(reverse("backoffice:categories-bootstrap"), {"csv": upload})

    assert response.status_code == 400
    assert "缺少列：label_l1" in response.text
    assert not CategorySample.objects.exists()


def test_topic_tags_are_added_from_suggestions_and_removed(client, operator, editor, preview):
    for n in range(3):
        QuestionFactory(
            interview=preview, text=f"老旧小区燃气管道改造第{n}期", public_text=f"老旧小区燃气管道改造第{n}期"
        )
    client.force_login(editor)
    url = reverse("backoffice:topic-tags", args=[preview.pk])
    page = client.get(url).text
    assert "从网友提问中提取的关键词" in page

    assert client.post(url, {"name": "燃气管道"}).status_code == 302
    refused = client.post(url, {"name": "燃气管道"})
    assert refused.status_code == 400
    assert "话题标签“燃气管道”已经存在。" in refused.text

    tag = TopicTag.objects.get(interview=preview)
    assert client.post(reverse("backoffice:topic-tag-remove", args=[preview.pk, tag.pk])).status_code == 302
    assert not TopicTag.objects.exists()


def test_a_responsible_units_editor_cannot_touch_the_lists(client, editor):
    client.force_login(editor)

    assert client.get(LISTS).status_code == 403
    assert client.post(reverse("backoffice:sensitive-words-add"), {"words": "词"}).status_code == 403
    assert not SensitiveWord.objects.exists()
