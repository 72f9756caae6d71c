"""An inverted index for the grouper (grouping.py): weighed vectors' entries sorted by n-gram column."""

import numpy as np


class ColumnRun:
    """Weighed vectors' entries sorted by column: the texts that have an n-gram are found by bisection."""

    __slots__ = ("columns", "size", "texts", "weights")

    def __init__(self, columns: np.ndarray, texts: np.ndarray, weights: np.ndarray, *, size: int, ordered=False):
        if not ordered:
            order = np.argsort(columns, kind="stable")
            columns, texts, weights = columns[order], texts[order], weights[order]
        self.columns, self.texts, self.weights, self.size = columns, texts, weights, size

    @classmethod
    def merge(cls, first: "ColumnRun", second: "ColumnRun") -> "ColumnRun":
        # A stable sort of two sorted runs is a linear merge.
        return cls(
            np.concatenate([first.columns, second.columns]),
            np.concatenate([first.texts, second.texts]),
            np.concatenate([first.weights, second.weights]),
            size=first.size + second.size,
        )

    def gather(self, columns: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(text, its weight × the given weight) for every entry in the given columns."""
        starts = np.searchsorted(self.columns, columns, side="left")
        lengths = np.searchsorted(self.columns, columns, side="right") - starts
        total = int(lengths.sum())
        # The positions of every entry of these columns, without a Python loop.
        positions = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return self.texts[positions], self.weights[positions] * np.repeat(weights, lengths)
