"""Fitting the same-story model (`corpus.similarity.StoryModel`).

Ridge regression on standardised features predicts the annotators' score (1 same story .. 4
unrelated); an isotonic regression then maps the linear prediction monotonically onto the same
scale. Both are numpy and reproduce scikit-learn's `Ridge(alpha)` and
`IsotonicRegression(increasing=False, out_of_bounds="clip")` (tests/test_corpus_similarity.py).
Monotone gradient-boosted trees (`fit_trees`) predict the score too, and the model averages both
predictions; fitting them needs scikit-learn (the `dev` extra), scoring them only numpy. `eval`
fits inside each cross-validation fold; `scripts/train_story_model.py` fits the shipped model on
all development pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsevents.corpus.similarity import StoryModel, Trees

Array = np.ndarray[Any, Any]
RIDGE_ALPHA = 1.0  # on standardised features; 0.3-10 scored the same in cross-validation
SAME_STORY_GOLD_MAX = 1.5  # gold scores at or below this are "same story" (shared gold README)
# The trees averaged with the ridge model: scikit-learn's HistGradientBoostingRegressor with the
# prototype's settings (chosen there, not tuned on these folds), deterministic (no early stopping,
# fixed random_state). Every feature but "analysed" may only make two articles more alike.
TREES = {
    "max_iter": 200,
    "learning_rate": 0.05,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}
UNCONSTRAINED = frozenset({"analysed"})


def fit_ridge(x: Array, y: Array, alpha: float = RIDGE_ALPHA) -> tuple[Array, Array, Array, float]:
    """(mean, scale, coefficients, intercept) of ridge regression on standardised columns."""
    mean = x.mean(0)
    scale = x.std(0) + 1e-9  # a constant column gets weight 0, not a division by zero
    z = (x - mean) / scale
    coef = np.linalg.solve(z.T @ z + alpha * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    return mean, scale, coef, float(y.mean())


def fit_isotonic_decreasing(x: Array, y: Array) -> tuple[Array, Array]:
    """Points (x ascending, y non-increasing) of the isotonic fit; predict with `np.interp`.

    Equal x values are pooled first (their mean y, weighted by count), then adjacent
    violators are pooled until y never rises (pool adjacent violators). Only the ends of each
    flat block are returned.
    """
    order = np.argsort(x, kind="mergesort")
    xs, ys = x[order], y[order]
    keys, start, counts = np.unique(xs, return_index=True, return_counts=True)
    sums = np.add.reduceat(ys, start)
    blocks: list[list[float]] = []  # [sum, weight, first key index, last key index]
    for k, (s, w) in enumerate(zip(sums, counts, strict=True)):
        blocks.append([float(s), float(w), k, k])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            s2, w2, _, last = blocks.pop()
            blocks[-1][0] += s2
            blocks[-1][1] += w2
            blocks[-1][3] = last
    # A block is flat: its first and last x are all `np.interp` needs of it.
    points = sorted({int(k) for _, _, first, last in blocks for k in (first, last)})
    fitted = {int(k): s / w for s, w, first, last in blocks for k in (first, last)}
    return keys[points].astype(float), np.asarray([fitted[k] for k in points])


def fit_trees(x: Array, y: Array, features: Sequence[str]) -> Trees:
    """Gradient-boosted trees on the gold score, monotone in every feature (more overlap or a
    higher cosine never predicts a higher, less alike, score), exported as `Trees`.

    Needs scikit-learn (training only: `Trees.predict` is numpy)."""
    from sklearn.ensemble import HistGradientBoostingRegressor
    from threadpoolctl import threadpool_limits

    monotone = [0 if f in UNCONSTRAINED else -1 for f in features]
    # One thread: a few hundred rows take 0.5 s so; OpenMP threads that wait for each other on
    # busy cores took 24 s (measured on 2 loaded cores).
    with threadpool_limits(limits=1):
        fitted = HistGradientBoostingRegressor(monotonic_cst=monotone, **TREES).fit(x, y)
    trees = []
    for (predictor,) in fitted._predictors:
        nodes = predictor.nodes
        trees.append(
            tuple(
                tuple(float(v) for v in nodes[name])
                for name in ("feature_idx", "num_threshold", "left", "right", "is_leaf", "value")
            )
        )
    return Trees(float(np.ravel(fitted._baseline_prediction)[0]), tuple(trees))


def fit_model(
    x: Array,
    y: Array,
    features: Sequence[str],
    link: float,
    analysed_languages: Sequence[str],
    alpha: float = RIDGE_ALPHA,
    trees: bool = True,
) -> StoryModel:
    """A `StoryModel` fitted on feature rows `x` and gold scores `y`: ridge and isotonic, and,
    with `trees`, gradient-boosted trees whose prediction is averaged with theirs."""
    mean, scale, coef, intercept = fit_ridge(x, y, alpha)
    linear = StoryModel(
        tuple(features),
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(float(v) for v in coef),
        intercept,
        (),
        (),
        link,
        frozenset(analysed_languages),
    )
    iso_x, iso_y = fit_isotonic_decreasing(linear.similarity(x), y)
    return StoryModel(
        linear.features,
        linear.mean,
        linear.scale,
        linear.coef,
        intercept,
        tuple(float(v) for v in iso_x),
        tuple(float(v) for v in iso_y),
        link,
        linear.analysed_languages,
        trees=fit_trees(x, y, features) if trees else None,
    )


def best_link(similarity: Array, gold: Array) -> float:
    """The similarity threshold (at or above: same story) with the best same-story F1 on these
    pairs; of equal ones, the lowest."""
    same = gold <= SAME_STORY_GOLD_MAX
    best, best_f1 = float(np.max(similarity)), -1.0
    for t in np.unique(similarity):
        linked = similarity >= t
        tp = int(np.sum(linked & same))
        f1 = 2 * tp / max(1, 2 * tp + int(np.sum(linked & ~same)) + int(np.sum(~linked & same)))
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best
