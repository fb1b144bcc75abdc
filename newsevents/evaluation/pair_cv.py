"""Cross-validated scores of the same-story model on a pair gold file.

The model of `corpus/similarity.py` was fitted on the development pairs, so its score on them is
in-sample. `eval` therefore also refits it 5 times, each time on four fifths of the pairs, and
scores the fifth it did not see:

- folds never split a connected set of articles (pairs that share an article, or the same text
  under two ids, stay in one fold), so no test article was seen in training;
- the language means (`LanguageMeans`) come from the training articles only;
- the link threshold of each fold is chosen on its training pairs alone, from their own
  out-of-fold similarities (an inner cross-validation), never on the test fold.

The pooled out-of-fold similarities and links are scored like any prediction
(`scoring.pairs.score_pairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsevents.corpus.similarity import LanguageMeans, Profile, feature_rows
from newsevents.evaluation.story_fit import best_link, fit_model

Array = np.ndarray[Any, Any]
FOLDS = 5
SEED = 0  # fixed: the same folds in every run
# The held-out check of `scripts/train_story_model.py --holdout`: one fifth of the pairs, dealt
# by connected sets like a fold, with its own fixed seed. Features were chosen by
# cross-validation on the other four fifths only.
HOLDOUT_SEED = 2022
MIN_LANGUAGE_ARTICLES = 20  # fewer articles of a language: centred by the mean of all languages
# Rows of features for every pair, given which articles may be used (the training articles).
RowsFor = Callable[[Array], Array]


@dataclass(slots=True)
class PairSet:
    """The articles of a pair gold file and what the similarity needs of each, and the pairs."""

    profiles: list[Profile]
    vectors: dict[str, Array]  # kind ("lead", "body") -> one row per article
    pairs: list[tuple[int, int]]  # indices into the articles
    gold: Array  # the annotators' score of each pair, 1 same story .. 4 unrelated
    components: Array  # per pair: its connected set of articles

    def subset(self, keep: Array) -> PairSet:
        """The same articles with only the pairs of a boolean mask."""
        rows = np.flatnonzero(keep)
        return PairSet(
            self.profiles,
            self.vectors,
            [self.pairs[n] for n in rows],
            self.gold[rows],
            self.components[rows],
        )

    def rows_for(self, features: Sequence[str], analysed_languages: frozenset[str]) -> RowsFor:
        """Feature rows of every pair, with language means from the allowed articles."""

        def rows(allowed: Array) -> Array:
            languages = [p.language for i, p in enumerate(self.profiles) if allowed[i]]
            means = LanguageMeans.fit(
                {k: v[allowed] for k, v in self.vectors.items()}, languages, MIN_LANGUAGE_ARTICLES
            )
            return feature_rows(
                features, analysed_languages, means, self.pairs, self.profiles, self.vectors
            )

        return rows


def connected_sets(pairs: Sequence[tuple[int, int]], same: Sequence[Sequence[int]] = ()) -> Array:
    """The connected set of articles of each pair, as a number; `same` lists groups of article
    indices that are one article (the same id in the gold)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    for group in same:
        for a in group[1:]:
            parent[find(a)] = find(group[0])
    roots = sorted({find(a) for a, _ in pairs})
    number = {r: n for n, r in enumerate(roots)}
    return np.asarray([number[find(a)] for a, _ in pairs])


def grouped_folds(groups: Array, folds: int = FOLDS, seed: int = SEED) -> Array:
    """The fold of each row: groups shuffled with `seed`, the largest first, each dealt to the
    fold with the fewest rows so far."""
    rng = np.random.default_rng(seed)
    unique = np.unique(groups)
    rng.shuffle(unique)
    sizes = {g: int(np.sum(groups == g)) for g in unique}
    load = np.zeros(folds)
    fold_of = {}
    for g in sorted(unique, key=lambda g: -sizes[g]):
        fold_of[g] = int(np.argmin(load))
        load[fold_of[g]] += sizes[g]
    return np.asarray([fold_of[g] for g in groups])


def held_out(components: Array, folds: int = FOLDS, seed: int = HOLDOUT_SEED) -> Array:
    """The pairs (boolean mask) of the held-out check: the first of `folds` grouped folds."""
    return np.asarray(grouped_folds(components, folds, seed) == 0)


def _fit_predict(
    rows_for: RowsFor,
    data: PairSet,
    features: Sequence[str],
    train: Array,
    test: Array,
) -> Array:
    """Similarities of the test pairs from a model fitted on the train pairs (boolean masks)."""
    allowed = np.zeros(len(data.profiles), dtype=bool)
    for n in np.flatnonzero(train):
        allowed[list(data.pairs[n])] = True
    x = rows_for(allowed)
    model = fit_model(x[train], data.gold[train], features, 0.0, ())
    return model.similarity(x[test])


def cross_validate(
    data: PairSet,
    features: Sequence[str],
    rows_for: RowsFor,
    folds: int = FOLDS,
    seed: int = SEED,
    nested: bool = True,
) -> tuple[Array, Array, list[float]]:
    """Out-of-fold similarities and links of every pair, and each fold's link threshold.

    With `nested`, a fold's threshold is the best-F1 one on its training pairs' own out-of-fold
    similarities; without, links are not decided (all False, thresholds empty).
    """
    fold = grouped_folds(data.components, folds, seed)
    similarity = np.zeros(len(data.pairs))
    linked = np.zeros(len(data.pairs), dtype=bool)
    thresholds: list[float] = []
    for f in range(folds):
        train, test = fold != f, fold == f
        similarity[test] = _fit_predict(rows_for, data, features, train, test)
        if not nested:
            continue
        inner = grouped_folds(data.components[train], folds, seed + 1000)
        inner_similarity = np.zeros(int(train.sum()))
        train_rows = np.flatnonzero(train)
        for g in range(folds):
            inner_train = np.zeros(len(data.pairs), dtype=bool)
            inner_train[train_rows[inner != g]] = True
            inner_test = np.zeros(len(data.pairs), dtype=bool)
            inner_test[train_rows[inner == g]] = True
            inner_similarity[inner == g] = _fit_predict(
                rows_for, data, features, inner_train, inner_test
            )
        thresholds.append(best_link(inner_similarity, data.gold[train]))
        linked[test] = similarity[test] >= thresholds[-1]
    return similarity, linked, thresholds
