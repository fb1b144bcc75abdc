"""Counting figures: precision/recall/F1 with their counts, accuracies and Pearson's r.

Every figure keeps the counts behind it so that anyone can recompute the score; ``as_dict`` gives
the shape printed by ``eval --json`` (floats rounded to ``DIGITS`` places, 0.0 when undefined).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = [
    "DIGITS",
    "PRF",
    "Accuracy",
    "greedy_match",
    "pearson",
    "prf_from_sets",
    "safe_ratio",
]

T = TypeVar("T")

DIGITS = 4  # decimal places of every float in the machine-readable output


def safe_ratio(numerator: float, denominator: float) -> float:
    """Return numerator / denominator, or 0.0 when the denominator is zero."""
    return numerator / denominator if denominator else 0.0


@dataclass(slots=True)
class PRF:
    """True positives, false positives and false negatives, with P/R/F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def from_counts(cls, matched: int, gold: int, predicted: int) -> PRF:
        """A figure from the number of matched pairs, gold items and predictions."""
        return cls(tp=matched, fp=predicted - matched, fn=gold - matched)

    @property
    def precision(self) -> float:
        """Share of predictions that are right (0.0 when nothing was predicted)."""
        return safe_ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold items found (0.0 when the gold is empty)."""
        return safe_ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        return safe_ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: PRF) -> None:
        """Add another figure's counts to this one (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        """Return ``{p, r, f1, tp, fp, fn}`` with the floats rounded."""
        return {
            "p": round(self.precision, DIGITS),
            "r": round(self.recall, DIGITS),
            "f1": round(self.f1, DIGITS),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Accuracy:
    """Number of correct cases out of ``n``."""

    correct: int = 0
    n: int = 0

    def record(self, ok: bool) -> None:
        """Count one case, correct or not."""
        self.n += 1
        self.correct += int(ok)

    @property
    def accuracy(self) -> float:
        """Share of correct cases (0.0 when there are none)."""
        return safe_ratio(self.correct, self.n)

    def as_dict(self) -> dict[str, Any]:
        """Return ``{accuracy, correct, n}`` with the float rounded."""
        return {"accuracy": round(self.accuracy, DIGITS), "correct": self.correct, "n": self.n}


def prf_from_sets(gold: Iterable[object], predicted: Iterable[object]) -> PRF:
    """Compare two collections of hashable items exactly (duplicates collapse)."""
    gold_set = set(gold)
    predicted_set = set(predicted)
    hits = len(gold_set & predicted_set)
    return PRF(tp=hits, fp=len(predicted_set) - hits, fn=len(gold_set) - hits)


def greedy_match(
    gold: Sequence[T],
    predicted: Sequence[T],
    rule: Callable[[T, T], bool],
    prefer: Callable[[T, T], bool] | None = None,
    used: set[int] | None = None,
) -> list[tuple[int, int]]:
    """Match one-to-one: each gold item in order takes the first free prediction that fits.

    Among fitting predictions one that also satisfies ``prefer`` is taken first. ``used`` holds
    prediction indices that may not be matched; it is updated in place. Returns
    ``(gold index, prediction index)`` pairs.
    """
    taken = used if used is not None else set()
    pairs: list[tuple[int, int]] = []
    for gi, gold_item in enumerate(gold):
        fits = [pi for pi, p in enumerate(predicted) if pi not in taken and rule(gold_item, p)]
        if not fits:
            continue
        preferred = [pi for pi in fits if prefer(gold_item, predicted[pi])] if prefer else []
        pick = (preferred or fits)[0]
        taken.add(pick)
        pairs.append((gi, pick))
    return pairs


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of two equal-length series; None with < 2 points or no variance."""
    if len(xs) != len(ys):
        raise ValueError(f"series differ in length: {len(xs)} != {len(ys)}")
    n = len(xs)
    if n < 2:
        return None
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0.0 or syy == 0.0:
        return None
    sxy = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    # Clamp: rounding can push |r| a hair past 1 for perfectly linear data.
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
