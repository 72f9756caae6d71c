"""Grouping similar questions as they arrive: near-duplicates and the same issue asked differently.

A text becomes a vector of character 2- and 3-grams (sublinear tf, smoothed idf) of its words with
question boilerplate (咨询, 关于, 问题 …) taken out (shingles.py). Its first sentence (or first line: a
CSV row's title) says what the question is about, so it is weighted ``HEAD_WEIGHT`` against the rest.
A new text joins the earlier group whose centroid (the sum of its members' vectors) is the most
similar by cosine, if that similarity reaches the threshold; otherwise it starts a group of its own.
Comparing with centroids rather than single members lets a group gather the different wordings of
one issue without chaining unrelated questions together.

The n-grams are computed with numpy over the code points (no Python loop per character); a batch is
compared by sparse products (10,000 texts in a few seconds), one new text through an inverted index."""

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from portal.questions.textproc.column_index import ColumnRun
from portal.questions.textproc.shingles import BODY_CHARS, HEAD_CHARS, ngram_ids, normalise, split_head

__all__ = ["BODY_CHARS", "DEFAULT_THRESHOLD", "HEAD_CHARS", "Grouper", "group_texts", "normalise", "split_head"]

DEFAULT_THRESHOLD = 0.15
HEAD_WEIGHT = 0.7
# Above this many texts, n-grams found in more than MAX_DF of them (的, 问题, 小区 …) are left out of
# the similarity: they carry little meaning and would make the products nearly dense.
MAX_DF = 0.2
MAX_DF_FROM = 1000
# Member similarities below FLOOR are not added to a group's score; they are noise and would make
# the batch similarity matrix dense.
FLOOR = 0.05
# Idf is recomputed for all stored texts when their number has grown by this factor since the last time.
REWEIGHT_GROWTH = 1.1
# Texts added one by one are compared by a plain scan until there are this many, then sorted into the index.
NEWEST = 16
# A text similar to more earlier texts than this has its group scores summed with numpy, not a loop.
FEW_MEMBERS = 32


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

    ``add`` weighs the text alone (the idf of its own n-grams) and finds the texts that share its
    n-grams in an inverted index, so it costs about as much as the text, not as the texts stored;
    every ``REWEIGHT_GROWTH`` of growth all texts are weighed again with one idf."""

    def __init__(self, threshold: float | None = None):
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self._vocabulary: dict[int, int] = {}
        self._df = np.zeros(1024, dtype=np.int64)
        self._heads: list[sp.csr_matrix] = []  # sublinear tf, per batch
        self._bodies: list[sp.csr_matrix] = []
        self._pending: list[tuple[np.ndarray, ...]] = []  # the tf of texts added one by one since the last batch
        self._weighted_at = 0
        self._count = 0  # texts stored, including those being added
        self._group_of = np.zeros(256, dtype=np.int64)  # group index of each text (first _count), -1 while being added
        self._group_keys: list[Any] = []
        self._norms = np.zeros(256)  # squared norm of each group's centroid (the first len(_group_keys))
        # The index: runs sorted by column (the last reweight's, then those added since), the newest unsorted.
        self._runs: list[ColumnRun] = []
        self._newest: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (columns, texts, weights)

    def __len__(self) -> int:
        return int(np.count_nonzero(self._group_of[: self._count] >= 0))

    def add(self, key: Any, text: str) -> Any:
        """The group key for ``text``: the key of the first member of the group it joins (``key`` if new)."""
        return self.add_many([(key, text)])[0]

    def rename(self, old: Any, new: Any) -> None:
        """Give the group keyed ``old`` the key ``new`` (its first text was saved under another key)."""
        for index in range(len(self._group_keys) - 1, -1, -1):
            if self._group_keys[index] == old:
                self._group_keys[index] = new
                return

    def add_many(self, items: Iterable[tuple[Any, str]]) -> list:
        """``add`` for each item in order; one idf and one sparse product for the whole batch."""
        items = list(items)
        if not items:
            return []
        first = self._count
        if len(items) == 1 and first + 1 < self._weighted_at * REWEIGHT_GROWTH:
            # One text (a question arriving): weigh it alone and look up the texts that share its n-grams.
            return [self._add_one(items[0][0], items[0][1])]
        self._store([text for _, text in items])
        self._extend(len(items))
        vectors = self._reweight()
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

    def _extend(self, count: int) -> None:
        """Room for ``count`` more texts, not yet in a group."""
        needed = self._count + count
        if needed > len(self._group_of):
            grown = np.full(max(needed, 2 * len(self._group_of)), -1, dtype=np.int64)
            grown[: self._count] = self._group_of[: self._count]
            self._group_of = grown
        self._group_of[self._count : needed] = -1
        self._count = needed

    def _columns(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the distinct n-gram ids' vocabulary columns, the column of each id); new n-grams get new columns."""
        unique, inverse = np.unique(ids, return_inverse=True)
        vocabulary = self._vocabulary
        found = list(map(vocabulary.get, unique.tolist()))
        if None in found:
            for position, column in enumerate(found):
                if column is None:
                    found[position] = vocabulary.setdefault(int(unique[position]), len(vocabulary))
        columns = np.array(found, dtype=np.int64)
        if len(self._vocabulary) > len(self._df):
            self._df = np.concatenate([self._df, np.zeros(len(self._vocabulary) * 2 - len(self._df), np.int64)])
        return columns, columns[inverse]

    def _store(self, texts: list[str]) -> None:
        self._flush_pending()
        parts = [split_head(text) for text in texts]
        rows, ids = ngram_ids([head for head, _ in parts] + [body for _, body in parts])
        _unique, columns = self._columns(ids)
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

    def _flush_pending(self) -> None:
        """The tf of the texts added one by one, as one block of ``_heads`` and one of ``_bodies``."""
        if not self._pending:
            return
        width = len(self._vocabulary)
        for position, blocks in ((0, self._heads), (2, self._bodies)):
            columns = [row[position] for row in self._pending]
            pointers = np.concatenate([[0], np.cumsum([len(part) for part in columns])])
            data = np.concatenate([row[position + 1] for row in self._pending]).astype(np.float32)
            blocks.append(sp.csr_matrix((data, np.concatenate(columns), pointers), shape=(len(self._pending), width)))
        self._pending = []

    def _add_one(self, key: Any, text: str) -> Any:
        index = self._count
        head, body = split_head(text)
        rows, ids = ngram_ids([head, body])
        present, columns = self._columns(ids)
        self._df[present] += 1
        tf = []
        for row in (0, 1):
            part, counts = np.unique(columns[rows == row], return_counts=True)
            tf.extend((part, (1.0 + np.log(counts.astype(np.float32))).astype(np.float32)))
        self._pending.append(tuple(tf))
        self._extend(1)
        columns, weights = self._weigh_one(*tf)
        similarities = self._similarities_one(columns, weights, index)
        earlier = np.flatnonzero(similarities >= FLOOR)
        self._index(columns, np.full(len(columns), index, dtype=np.int64), weights)
        return self._assign(key, index, earlier, similarities[earlier])

    def _index(self, columns: np.ndarray, texts: np.ndarray, weights: np.ndarray) -> None:
        """Put one weighed text in the index: among the newest, sorted into a run once there are NEWEST of them.

        Runs of equal size are merged (like a binary counter), so there are few of them and each
        entry is merged about log(texts) times.
        """
        self._newest.append((columns, texts, weights))
        if len(self._newest) < NEWEST:
            return
        run = ColumnRun(*(np.concatenate(part) for part in zip(*self._newest, strict=True)), size=len(self._newest))
        self._newest = []
        # The first run (the reweighed vectors) is never merged: it is replaced at the next reweight.
        while len(self._runs) > 1 and self._runs[-1].size <= run.size:
            run = ColumnRun.merge(self._runs.pop(), run)
        self._runs.append(run)

    def _weigh_one(
        self, head_columns: np.ndarray, head_tf: np.ndarray, body_columns: np.ndarray, body_tf: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``_weigh`` for one text, over its own columns only: (columns, weights), the weights non-zero."""
        n = self._count

        def part(columns: np.ndarray, tf: np.ndarray) -> np.ndarray:
            df = self._df[columns]
            idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
            if n > MAX_DF_FROM:
                idf[df > MAX_DF * n] = 0.0
            scaled = (tf * idf).astype(np.float32)
            norm = np.sqrt(np.dot(scaled, scaled))
            return scaled / norm if norm else scaled

        head_part, body_part = part(head_columns, head_tf), part(body_columns, body_tf)
        head_weight, body_weight = (HEAD_WEIGHT, 1.0 - HEAD_WEIGHT) if len(body_columns) else (1.0, 0.0)
        columns, inverse = np.unique(np.concatenate([head_columns, body_columns]), return_inverse=True)
        mixed = np.bincount(
            inverse,
            weights=np.concatenate([head_weight * head_part.astype(np.float64), body_weight * body_part]),
            minlength=len(columns),
        )
        norm = np.sqrt(np.dot(mixed, mixed))
        if norm:
            mixed /= norm
        keep = mixed != 0
        return columns[keep], mixed[keep]

    def _similarities_one(self, columns: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
        """Cosine similarities of one weighed text (columns sorted) with each of the ``count`` texts before it."""
        if not len(columns):  # nothing left to compare (punctuation or boilerplate only)
            return np.zeros(count)
        texts, products = [], []
        for run in self._runs:
            run_texts, run_products = run.gather(columns, weights)
            texts.append(run_texts)
            products.append(run_products)
        if self._newest:
            newest_columns, newest_texts, newest_weights = (
                np.concatenate(part) for part in zip(*self._newest, strict=True)
            )
            positions = np.minimum(np.searchsorted(columns, newest_columns), len(columns) - 1)
            shared = columns[positions] == newest_columns
            texts.append(newest_texts[shared])
            products.append(newest_weights[shared] * weights[positions[shared]])
        if not texts:
            return np.zeros(count)
        return np.bincount(np.concatenate(texts), weights=np.concatenate(products), minlength=count)

    def _weigh(self, heads: sp.csr_matrix, bodies: sp.csr_matrix) -> sp.csr_matrix:
        width = len(self._vocabulary)
        heads, bodies = _resize(heads, width), _resize(bodies, width)
        n = self._count
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

    def _reweight(self) -> sp.csr_matrix:
        """Weigh every stored text afresh with one idf, rebuild the index and the centroids' norms; the vectors."""
        self._flush_pending()
        width = len(self._vocabulary)
        self._heads = [sp.vstack([_resize(block, width) for block in self._heads], format="csr")]
        self._bodies = [sp.vstack([_resize(block, width) for block in self._bodies], format="csr")]
        vectors = self._weigh(self._heads[0], self._bodies[0])
        by_column = vectors.tocsc()
        columns = np.repeat(np.arange(by_column.shape[1]), np.diff(by_column.indptr))
        self._runs = [ColumnRun(columns, by_column.indices, by_column.data, size=vectors.shape[0], ordered=True)]
        self._newest = []
        self._weighted_at = vectors.shape[0]
        grouped = self._group_of[: self._count]
        grouped = grouped[grouped >= 0]
        if len(grouped):
            membership = sp.csr_matrix(
                (np.ones(len(grouped)), (grouped, np.arange(len(grouped)))), shape=(len(self._group_keys), len(grouped))
            )
            centroids = membership @ vectors[: len(grouped)]
            self._norms[: len(self._group_keys)] = np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel()
        return vectors

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
        """Put text ``index`` in the best group among those of its earlier similar texts, or a new one.

        A group's score is the sum of its members' similarities over the norm of its centroid; on a
        tie the group that appears last among the similar texts wins.
        """
        earlier = columns < index
        members, values = columns[earlier], values[earlier]
        best, best_sum = -1, 0.0
        if len(members) > FEW_MEMBERS:
            groups = self._group_of[members]
            present, first_seen = np.unique(groups, return_index=True)
            present = present[np.argsort(first_seen)]  # in order of appearance
            sums = np.bincount(groups, weights=values)[present]
            scores = sums / np.sqrt(self._norms[present])
            top = scores.max()
            if top >= self.threshold:
                chosen = len(scores) - 1 - int(np.argmax(scores[::-1] == top))
                best, best_sum = int(present[chosen]), float(sums[chosen])
        elif len(members):
            best_score = self.threshold
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
            if best >= len(self._norms):
                self._norms = np.concatenate([self._norms, np.zeros(len(self._norms))])
            self._norms[best] = 1.0
        else:
            self._norms[best] += 2.0 * best_sum + 1.0
        self._group_of[index] = best
        return self._group_keys[best]


def _scale(matrix: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Each column multiplied by its idf (without building a vocabulary-sized diagonal matrix)."""
    scaled = matrix.copy()
    scaled.data = (scaled.data * idf[scaled.indices]).astype(np.float32)
    return scaled


def _resize(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))


def group_texts(texts: Sequence[str], threshold: float | None = None) -> list[int]:
    """Group ids 0..k-1 for ``texts``, numbered in order of each group's first appearance."""
    keys = Grouper(threshold).add_many(enumerate(texts))
    numbers: dict[int, int] = {}
    return [numbers.setdefault(key, len(numbers)) for key in keys]
