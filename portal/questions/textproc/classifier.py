"""Suggesting a question's category: linear models over character n-grams and jieba words, voting.

Four members score every label: a linear SVM over the text's character 1–3-grams, one over its
jieba words (search mode, so 搅拌站 also gives 搅拌), one over its first line's characters and words
(a CSV row's title, which says what the question is about, and is all that most short questions
have), and a complement naive Bayes over the text's characters and words. Each member's scores are
standardised per text and summed. On the development data this beat one SVM over all the features
(see bench/README.md).

Staff confirm every suggestion; the suggester is trained on the deployment's own confirmed
questions, and can be bootstrapped from a labelled CSV (``read_labelled_csv``). It suggests only
categories it has seen in training.
"""

import csv
import io
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

from portal.questions.textproc.tokens import search_words

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "城乡建设",
    "环境保护",
    "交通运输",
    "教育文体",
    "劳动和社会保障",
    "商贸旅游",
    "卫生计生",
    "其他",
)
FORMAT_VERSION = 2
# Format 1 (one SVM over character n-grams and words) is still read, so that a stored suggester
# keeps working until the next training.
READABLE_FORMATS = (1, FORMAT_VERSION)
# The summed standardised scores are scaled by this before the softmax that gives ``suggest`` its
# confidence; chosen on the development data so that the mean confidence is near the accuracy.
CONFIDENCE_SCALE = 0.48
# The members: the views they read (see ``_views``) and whether they are an SVM (else naive Bayes).
MEMBERS: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("chars",), True),
    (("words",), True),
    (("title_chars", "title_words"), True),
    (("chars", "words"), False),
)
NB_ALPHA = 0.1


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


class CategorySuggester:
    """fit(texts, labels) → predict / suggest; dumps/loads for keeping a trained suggester in the database."""

    def __init__(self, *, c: float = 0.8):
        self.c = c
        self.labels: tuple[str, ...] = ()
        self._vectorisers: dict[str, TfidfVectorizer] = {}
        self._members: list[tuple[tuple[str, ...], LinearSVC | ComplementNB]] = []

    @staticmethod
    def _views() -> dict[str, TfidfVectorizer]:
        def vectoriser(**options) -> TfidfVectorizer:
            return TfidfVectorizer(sublinear_tf=True, dtype=np.float32, **options)

        return {
            "chars": vectoriser(analyzer="char", ngram_range=(1, 3)),
            "words": vectoriser(analyzer=search_words),
            "title_chars": vectoriser(analyzer="char", ngram_range=(1, 3)),
            "title_words": vectoriser(analyzer=search_words),
        }

    def _features(self, texts: Sequence[str], *, fit: bool = False) -> dict[str, sp.csr_matrix]:
        titles = [first_line(text) for text in texts]
        features = {}
        for name, vectoriser in self._vectorisers.items():
            source = titles if name.startswith("title_") else texts
            features[name] = vectoriser.fit_transform(source) if fit else vectoriser.transform(source)
        return features

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "CategorySuggester":
        """Train on ``texts`` and their ``labels`` (at least one); replaces any earlier training."""
        if len(texts) != len(labels) or not texts:
            raise ValueError("texts and labels must be non-empty and of the same length")
        self.labels = tuple(sorted(set(labels)))
        self._vectorisers = self._views()
        features = self._features(texts, fit=True)
        self._members = []
        if len(self.labels) > 1:
            for views, svm in MEMBERS:
                model = LinearSVC(C=self.c, class_weight="balanced") if svm else ComplementNB(alpha=NB_ALPHA)
                matrix = sp.hstack([features[view] for view in views], format="csr")
                self._members.append((views, model.fit(matrix, list(labels))))
        return self

    def _scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per label in ``self.labels`` order."""
        if not self.labels:
            raise ValueError("the suggester has not been trained")
        if "_model" in self.__dict__:
            return _format_1_scores(self, texts)
        if not self._members:
            return np.zeros((len(texts), 1))
        features = self._features(texts)
        total = np.zeros((len(texts), len(self.labels)))
        for views, model in self._members:
            matrix = sp.hstack([features[view] for view in views], format="csr")
            if isinstance(model, LinearSVC):
                scores = model.decision_function(matrix)
                if scores.ndim == 1:  # two labels: one decision value, positive for the second
                    scores = np.column_stack([-scores, scores])
            else:
                scores = model.predict_log_proba(matrix)
            spread = scores.std(axis=1, keepdims=True)
            total += (scores - scores.mean(axis=1, keepdims=True)) / np.where(spread > 0, spread, 1.0)
        return total

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [self.labels[index] for index in self._scores(texts).argmax(axis=1)]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Softmax of the scaled scores: a relative confidence, one row per text."""
        scale = FORMAT_1_CONFIDENCE_SCALE if "_model" in self.__dict__ else CONFIDENCE_SCALE
        scores = self._scores(texts) * scale
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def suggest(self, text: str) -> tuple[str, float]:
        """The most likely label for ``text`` and a confidence in [0, 1]."""
        row = self.probabilities([text])[0]
        best = int(row.argmax())
        return self.labels[best], float(row[best])

    def dumps(self) -> bytes:
        """The trained suggester as bytes, for a binary database column."""
        return pickle.dumps({"format": FORMAT_VERSION, "suggester": self}, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def loads(cls, data: bytes) -> "CategorySuggester":
        """The suggester ``dumps`` wrote (this version or format 1).

        Unpickling runs code named in the bytes, so this must only ever be given bytes that this
        project's own code wrote into its own database, never anything uploaded or fetched.
        """
        payload = pickle.loads(data)  # noqa: S301 -- our own bytes, see the docstring
        if not isinstance(payload, dict) or payload.get("format") not in READABLE_FORMATS:
            raise ValueError("not a stored category suggester of this version")
        suggester = payload["suggester"]
        if not isinstance(suggester, cls):
            raise ValueError("not a stored category suggester")
        return suggester


FORMAT_1_CONFIDENCE_SCALE = 4.0


def _format_1_scores(suggester: CategorySuggester, texts: Sequence[str]) -> np.ndarray:
    """A format-1 suggester's SVM decision values (its ``_chars``, ``_words`` and ``_model``)."""
    state = suggester.__dict__
    if state["_model"] is None:
        return np.zeros((len(texts), 1))
    features = sp.hstack([state["_chars"].transform(texts), state["_words"].transform(texts)], format="csr")
    scores = state["_model"].decision_function(features)
    return np.column_stack([-scores, scores]) if scores.ndim == 1 else scores


def question_text(title: str, detail: str = "") -> str:
    """How a CSV row's title and detail are put together for the suggester (and the grouper)."""
    title, detail = (title or "").strip(), (detail or "").strip()
    return f"{title}\n{detail}" if detail else title


def read_labelled_csv(path_or_file: str | os.PathLike | IO[str]) -> tuple[list[str], list[str]]:
    """(texts, labels) from a UTF-8 CSV with ``title``, ``label_l1`` and optionally ``detail`` columns.

    Rows without a label are skipped. A byte-order mark is accepted. Raises ValueError naming any
    missing column.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with Path(path_or_file).open(encoding="utf-8-sig", newline="") as file:
            return read_labelled_csv(file)
    reader = csv.DictReader(path_or_file)
    missing = [column for column in ("title", "label_l1") if column not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"缺少列：{', '.join(missing)}")
    texts, labels = [], []
    for row in reader:
        label = (row.get("label_l1") or "").strip()
        if label:
            texts.append(question_text(row["title"], row.get("detail") or ""))
            labels.append(label)
    return texts, labels


def read_labelled_text(text: str) -> tuple[list[str], list[str]]:
    """``read_labelled_csv`` for CSV content already in memory (an uploaded file, decoded)."""
    return read_labelled_csv(io.StringIO(text.removeprefix("\ufeff"), newline=""))
