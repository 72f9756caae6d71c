import io
import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from portal.questions.textproc.classifier import (
    DEFAULT_CATEGORIES,
    CategorySuggester,
    question_text,
    read_labelled_csv,
    read_labelled_text,
)
from portal.questions.textproc.tokens import words

pytestmark = [pytest.mark.unit]

TRAINING = [
    ("小区门口道路坑洼不平，请尽快修路", "城乡建设"),
    ("老旧小区改造什么时候开始", "城乡建设"),
    ("违章建筑无人拆除", "城乡建设"),
    ("工厂排放废气，空气污染严重", "环境保护"),
    ("河道污水直排，水质发臭", "环境保护"),
    ("夜间施工噪音污染扰民", "环境保护"),
    ("公交线路太少，出行不便", "交通运输"),
    ("地铁站附近出租车乱停", "交通运输"),
    ("公交车班次间隔太长", "交通运输"),
    ("学校招生划片不合理", "教育文体"),
    ("幼儿园收费太高", "教育文体"),
    ("小学课后服务安排", "教育文体"),
]


def suggester():
    texts, labels = zip(*TRAINING, strict=True)
    return CategorySuggester().fit(list(texts), list(labels))


def test_default_categories():
    assert DEFAULT_CATEGORIES == (
        "城乡建设",
        "环境保护",
        "交通运输",
        "教育文体",
        "劳动和社会保障",
        "商贸旅游",
        "卫生计生",
        "其他",
    )


def test_fit_predict_and_suggest():
    model = suggester()

    assert model.labels == ("交通运输", "城乡建设", "教育文体", "环境保护")
    assert model.predict(["公交车太少了", "学校招生的问题", "污水直排河道"]) == ["交通运输", "教育文体", "环境保护"]
    label, confidence = model.suggest("道路坑洼需要修路")
    assert label == "城乡建设"
    assert 0.25 < confidence <= 1.0
    assert model.predict([]) == []


def test_dumps_and_loads_round_trip():
    model = suggester()

    restored = CategorySuggester.loads(model.dumps())

    assert restored.labels == model.labels
    assert restored.suggest("地铁站出租车") == model.suggest("地铁站出租车")


def test_loads_refuses_other_pickles():
    with pytest.raises(ValueError, match="suggester"):
        CategorySuggester.loads(pickle.dumps({"something": "else"}))


def test_one_label_is_always_suggested_with_full_confidence():
    model = CategorySuggester().fit(["道路", "桥梁"], ["城乡建设", "城乡建设"])

    assert model.suggest("随便什么") == ("城乡建设", 1.0)


def test_untrained_or_mismatched_input_is_refused():
    with pytest.raises(ValueError, match="not been trained"):
        CategorySuggester().predict(["x"])
    with pytest.raises(ValueError, match="same length"):
        CategorySuggester().fit(["a", "b"], ["x"])


def test_read_labelled_csv_joins_title_and_detail_and_skips_unlabelled_rows(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text(
        '\ufefftitle,detail,label_l1\n修路,"坑洼\n不平",城乡建设\n没有标签,,\n公交,,交通运输\n', encoding="utf-8"
    )

    assert read_labelled_csv(path) == (["修路\n坑洼\n不平", "公交"], ["城乡建设", "交通运输"])
    assert read_labelled_text(path.read_text(encoding="utf-8")) == read_labelled_csv(str(path))


def test_read_labelled_csv_names_missing_columns():
    with pytest.raises(ValueError, match="label_l1"):
        read_labelled_csv(io.StringIO("title,detail\na,b\n"))


def test_question_text():
    assert question_text(" 标题 ", " 详情 ") == "标题\n详情"
    assert question_text("标题", "") == "标题"


def test_two_labels_are_scored_both_ways():
    texts, labels = zip(*[row for row in TRAINING if row[1] in {"交通运输", "教育文体"}], strict=True)
    model = CategorySuggester().fit(list(texts), list(labels))

    assert model.predict(["公交车班次太少", "幼儿园招生"]) == ["交通运输", "教育文体"]
    probabilities = model.probabilities(["公交车班次太少"])
    assert probabilities.shape == (1, 2)
    assert probabilities.sum() == pytest.approx(1.0)


def test_the_first_line_is_also_read_on_its_own():
    # A long detail about something else does not drown what the title says.
    model = suggester()
    detail = "我家住在小区里，每天早上出门，孩子在附近上学，周末去公园散步，生活还算方便。" * 3

    assert model.predict([f"公交线路太少\n{detail}"]) == ["交通运输"]


def test_a_suggester_stored_in_format_1_still_suggests():
    texts, labels = (list(column) for column in zip(*TRAINING, strict=True))
    old = CategorySuggester.__new__(CategorySuggester)
    chars, word_vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)), TfidfVectorizer(analyzer=words)
    features = sp.hstack([chars.fit_transform(texts), word_vectoriser.fit_transform(texts)], format="csr")
    old.__dict__.update(
        c=0.8,
        labels=tuple(sorted(set(labels))),
        _chars=chars,
        _words=word_vectoriser,
        _model=LinearSVC(class_weight="balanced").fit(features, labels),
    )
    data = pickle.dumps({"format": 1, "suggester": old})

    restored = CategorySuggester.loads(data)

    label, confidence = restored.suggest("公交车太少了")
    assert label == "交通运输"
    assert 0.25 < confidence <= 1.0
    assert np.allclose(restored.probabilities(["学校"]).sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="version"):
        CategorySuggester.loads(pickle.dumps({"format": 99, "suggester": old}))
