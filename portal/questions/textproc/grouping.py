"""Grouping similar questions as they arrive: near-duplicates and the same issue asked differently.

A text becomes a vector of character 2- and 3-grams (sublinear tf, smoothed idf). Its first sentence (or
first line: a CSV row's title) says what the question is about, so it is weighted ``HEAD_WEIGHT``
against the rest. A new text joins the earlier group whose centroid (the sum of its members'
vectors) is the most similar by cosine, if that similarity reaches the threshold; otherwise it
starts a group of its own. Comparing with centroids rather than single members lets a group gather
the different wordings of one issue without chaining unrelated questions together.

The n-grams are computed with numpy over the code points of all texts at once (no Python loop per
character), and the similarities with sparse matrix products, so 10,000 texts group in a few seconds.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

DEFAULT_THRESHOLD = 0.18
HEAD_WEIGHT = 0.7
HEAD_CHARS = 80
BODY_CHARS = 200
# Above this many texts, n-grams found in more than MAX_DF of them (的, 问题, 小区 …) are left out of
# the similarity: they carry little meaning and would make the products nearly dense.
MAX_DF = 0.2
MAX_DF_FROM = 1000
# Member similarities below FLOOR are not added to a group's score; they are noise and would make
# the batch similarity matrix dense.
FLOOR = 0.05
# Idf is recomputed for all stored texts when their number has grown by this factor since the last time.
REWEIGHT_GROWTH = 1.1

_SENTENCE_END = re.compile(r"[\n。！？!?]")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The text for comparing: width-folded (NFKC), lower-cased, letters and digits only."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def split_head(text: str) -> tuple[str, str]:
    """(the first line or sentence, the rest), both normalised and cut to HEAD_CHARS / BODY_CHARS."""
    match = _SENTENCE_END.search(text)
    if match is None or match.start() > HEAD_CHARS * 2:
        head, body = text, ""
    else:
        head, body = text[: match.start()], text[match.end() :]
    # Cut before normalising (normalising only removes characters), for speed on long texts.
    head = normalise(head[: HEAD_CHARS + BODY_CHARS * 2])
    return head[:HEAD_CHARS], (head[HEAD_CHARS:] + normalise(body[: BODY_CHARS * 2]))[:BODY_CHARS]


def _ngram_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(row, id) of every character 2- and 3-gram of every text; an id packs the code points (21 bits each).

    Single characters are left out: on the development data they added noise and half the time.
    """
    joined = "\x00" + "\x00".join(texts) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    rows = np.cumsum(codes == 0) - 1
    live = codes != 0
    bi = np.flatnonzero(live[:-1] & live[1:])
    tri = np.flatnonzero(live[:-2] & live[1:-1] & live[2:])
    ids = np.concatenate(
        [
            (codes[bi] << np.uint64(21)) | codes[bi + 1],
            (codes[tri] << np.uint64(42)) | (codes[tri + 1] << np.uint64(21)) | codes[tri + 2],
        ]
    )
    return np.concatenate([rows[bi], rows[tri]]), ids


def _l2(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


class Grouper:
    """Incremental grouping: add texts one by one; each gets the group key of an earlier similar text or a new one.

    The state lives in memory: a service keeps one Grouper per interview and feeds it the
    interview's questions in arrival order (after a restart, again from the start: the groups come
    out the same). ``add_many`` is the batched form; it weighs all texts of the batch with one idf,
    so its result can differ slightly from adding the same texts one by one.
    """

    def __init__(self, threshold: float | None = None):
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self._vocabulary: dict[int, int] = {}
        self._df = np.zeros(1024, dtype=np.int64)
        self._heads: list[sp.csr_matrix] = []  # sublinear tf, per batch
        self._bodies: list[sp.csr_matrix] = []
        self._vectors: list[sp.csr_matrix] = []  # weighted and normalised, per batch
        self._weighted_at = 0
        self._group_of = np.zeros(0, dtype=np.int64)  # group index of each text, -1 while being added
        self._group_keys: list[Any] = []
        self._norms: list[float] = []  # squared norm of each group's centroid

    def __len__(self) -> int:
        return int(np.count_nonzero(self._group_of >= 0))

    def add(self, key: Any, text: str) -> Any:
        """The group key for ``text``: the key of the first member of the group it joins (``key`` if new)."""
        return self.add_many([(key, text)])[0]

    def add_many(self, items: Iterable[tuple[Any, str]]) -> list:
        """``add`` for each item in order; one idf and one sparse product for the whole batch."""
        items = list(items)
        if not items:
            return []
        first = len(self)
        self._store([text for _, text in items])
        self._group_of = np.concatenate([self._group_of, np.full(len(items), -1, dtype=np.int64)])
        if len(items) == 1 and first + 1 < self._weighted_at * REWEIGHT_GROWTH:
            # One text (a question arriving): weigh it alone and compare it block by block, without
            # copying the stored vectors.
            vector = self._weigh(self._heads[-1], self._bodies[-1])
            similarities = np.concatenate([_dense_column(block @ vector.T) for block in self._blocks()])
            earlier = np.flatnonzero(similarities[:first] >= FLOOR)
            self._vectors.append(vector)
            return [self._assign(items[0][0], first, earlier, similarities[earlier])]
        self._reweight()
        vectors = self._vectors[0]
        similarities = self._similarities(vectors[first:], vectors)
        pointers, columns, values = similarities.indptr, similarities.indices, similarities.data
        return [
            self._assign(
                key,
                first + offset,
                columns[pointers[offset] : pointers[offset + 1]],
                values[pointers[offset] : pointers[offset + 1]],
            )
            for offset, (key, _) in enumerate(items)
        ]

    def _store(self, texts: list[str]) -> None:
        parts = [split_head(text) for text in texts]
        rows, ids = _ngram_ids([head for head, _ in parts] + [body for _, body in parts])
        unique, inverse = np.unique(ids, return_inverse=True)
        columns = np.fromiter(
            (self._vocabulary.setdefault(int(gram), len(self._vocabulary)) for gram in unique),
            dtype=np.int64,
            count=len(unique),
        )[inverse]
        if len(self._vocabulary) > len(self._df):
            self._df = np.concatenate([self._df, np.zeros(len(self._vocabulary) * 2 - len(self._df), np.int64)])
        shape = (2 * len(texts), len(self._vocabulary))
        counts = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=shape)
        counts.sum_duplicates()
        counts.data = 1.0 + np.log(counts.data)
        heads, bodies = counts[: len(texts)], counts[len(texts) :]
        present = (heads + bodies).tocsc()
        present.data[:] = 1
        self._df[: shape[1]] += np.asarray(present.sum(axis=0)).ravel().astype(np.int64)
        self._heads.append(heads)
        self._bodies.append(bodies)

    def _weigh(self, heads: sp.csr_matrix, bodies: sp.csr_matrix) -> sp.csr_matrix:
        width = len(self._vocabulary)
        heads, bodies = _resize(heads, width), _resize(bodies, width)
        n = len(self._group_of)
        df = self._df[:width]
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        if n > MAX_DF_FROM:
            idf[df > MAX_DF * n] = 0.0
        head_part, body_part = _l2(_scale(heads, idf)), _l2(_scale(bodies, idf))
        has_body = np.diff(body_part.indptr) > 0
        weights = np.where(has_body, HEAD_WEIGHT, 1.0)
        mixed = sp.diags(weights) @ head_part + sp.diags(np.where(has_body, 1.0 - HEAD_WEIGHT, 0.0)) @ body_part
        mixed = _l2(sp.csr_matrix(mixed))
        mixed.eliminate_zeros()
        return mixed

    def _reweight(self) -> None:
        width = len(self._vocabulary)
        self._heads = [sp.vstack([_resize(block, width) for block in self._heads], format="csr")]
        self._bodies = [sp.vstack([_resize(block, width) for block in self._bodies], format="csr")]
        self._vectors = [self._weigh(self._heads[0], self._bodies[0])]
        self._weighted_at = self._vectors[0].shape[0]
        grouped = self._group_of[self._group_of >= 0]
        if len(grouped):
            vectors = self._vectors[0][: len(grouped)]
            membership = sp.csr_matrix(
                (np.ones(len(grouped)), (grouped, np.arange(len(grouped)))), shape=(len(self._group_keys), len(grouped))
            )
            centroids = membership @ vectors
            self._norms = list(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())

    def _blocks(self) -> list[sp.csr_matrix]:
        """The stored vectors, as a few blocks of the current width (joined when there are many)."""
        width = len(self._vocabulary)
        if len(self._vectors) > 16:
            self._vectors = [sp.vstack([_resize(block, width) for block in self._vectors], format="csr")]
        return [_resize(block, width) for block in self._vectors]

    @staticmethod
    def _similarities(new: sp.csr_matrix, every: sp.csr_matrix) -> sp.csr_matrix:
        """Cosine similarities (FLOOR and above) of each new text with every text stored before it.

        In row blocks, each multiplied only with the texts before the block's end: half the work
        of the full product, and bounded memory.
        """
        blocks, first = [], every.shape[0] - new.shape[0]
        for start in range(0, new.shape[0], 1000):
            stop = min(start + 1000, new.shape[0])
            block = (new[start:stop] @ every[: first + stop].T).tocsr()
            block.data[block.data < FLOOR] = 0.0
            block.eliminate_zeros()
            blocks.append(_resize(block, every.shape[0]))
        return sp.vstack(blocks, format="csr")

    def _assign(self, key: Any, index: int, columns: np.ndarray, values: np.ndarray) -> Any:
        """Put text ``index`` in the best group among those of its earlier similar texts, or a new one."""
        earlier = columns < index
        members, values = columns[earlier], values[earlier]
        best, best_score, best_sum = -1, self.threshold, 0.0
        if len(members):
            sums: dict[int, float] = {}
            for group, value in zip(self._group_of[members].tolist(), values.tolist(), strict=True):
                sums[group] = sums.get(group, 0.0) + value
            for group, total in sums.items():
                score = total / math.sqrt(self._norms[group])
                if score >= best_score:
                    best, best_score, best_sum = group, score, total
        if best < 0:
            best = len(self._group_keys)
            self._group_keys.append(key)
            self._norms.append(1.0)
        else:
            self._norms[best] += 2.0 * best_sum + 1.0
        self._group_of[index] = best
        return self._group_keys[best]


def _scale(matrix: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Each column multiplied by its idf (without building a vocabulary-sized diagonal matrix)."""
    scaled = matrix.copy()
    scaled.data = (scaled.data * idf[scaled.indices]).astype(np.float32)
    return scaled


def _dense_column(matrix: sp.spmatrix) -> np.ndarray:
    return np.asarray(matrix.todense()).ravel()


def _resize(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))


def group_texts(texts: Sequence[str], threshold: float | None = None) -> list[int]:
    """Group ids 0..k-1 for ``texts``, numbered in order of each group's first appearance."""
    keys = Grouper(threshold).add_many(enumerate(texts))
    numbers: dict[int, int] = {}
    return [numbers.setdefault(key, len(numbers)) for key in keys]
