"""Suggesting a question's category: a linear SVM over character n-grams and jieba words.

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
from sklearn.svm import LinearSVC

from portal.questions.textproc.tokens import words

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
FORMAT_VERSION = 1
# The SVM's decision values are scaled by this before the softmax that gives ``suggest`` its
# confidence; chosen on the development data so that the mean confidence is near the accuracy.
CONFIDENCE_SCALE = 4.0


class CategorySuggester:
    """fit(texts, labels) → predict / suggest; dumps/loads for keeping a trained suggester in the database."""

    def __init__(self, *, c: float = 0.8):
        self.c = c
        self.labels: tuple[str, ...] = ()
        self._chars: TfidfVectorizer | None = None
        self._words: TfidfVectorizer | None = None
        self._model: LinearSVC | None = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "CategorySuggester":
        """Train on ``texts`` and their ``labels`` (at least one); replaces any earlier training."""
        if len(texts) != len(labels) or not texts:
            raise ValueError("texts and labels must be non-empty and of the same length")
        self.labels = tuple(sorted(set(labels)))
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32)
        self._words = TfidfVectorizer(analyzer=words, sublinear_tf=True, dtype=np.float32)
        features = sp.hstack([self._chars.fit_transform(texts), self._words.fit_transform(texts)], format="csr")
        self._model = None
        if len(self.labels) > 1:
            self._model = LinearSVC(C=self.c, class_weight="balanced").fit(features, list(labels))
        return self

    def _scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per label in ``self.labels`` order."""
        if not self.labels:
            raise ValueError("the suggester has not been trained")
        if self._model is None:
            return np.zeros((len(texts), 1))
        features = sp.hstack([self._chars.transform(texts), self._words.transform(texts)], format="csr")
        scores = self._model.decision_function(features)
        if scores.ndim == 1:  # two labels: one decision value, positive for the second
            scores = np.column_stack([-scores, scores])
        return scores

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [self.labels[index] for index in self._scores(texts).argmax(axis=1)]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Softmax of the scaled decision values: a relative confidence, one row per text."""
        scores = self._scores(texts) * CONFIDENCE_SCALE
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
        """The suggester ``dumps`` wrote.

        Unpickling runs code named in the bytes, so this must only ever be given bytes that this
        project's own code wrote into its own database, never anything uploaded or fetched.
        """
        payload = pickle.loads(data)  # noqa: S301 -- our own bytes, see the docstring
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
            raise ValueError("not a stored category suggester of this version")
        suggester = payload["suggester"]
        if not isinstance(suggester, cls):
            raise ValueError("not a stored category suggester")
        return suggester


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
