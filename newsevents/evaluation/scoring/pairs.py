"""Scoring article pairs: Pearson r of the similarities, overall and per language pair, and
same-story P/R/F1.

A prediction is `{"similarity": number}`, optionally with `"same_story": true|false`, the
system's own link decision; without it, a similarity of `SAME_STORY_THRESHOLD` or more counts as
"same story". Pearson's r does not depend on the similarity's scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.evaluation.metrics import DIGITS, PRF, pearson
from newsevents.evaluation.scoring.matching import (
    Predictions,
    Record,
    prediction_for,
)

LANGUAGE_PAIRS = ("de-de", "de-en", "en-en")  # reported on their own; every other pair is "other"
SAME_STORY_GOLD_MAX = 1.5  # gold similarity runs 1 (same story) .. 4; at or below this: same story
SAME_STORY_THRESHOLD = 0.5  # system similarity runs 0 .. 1 (same story); at or above: same story


def score_pairs(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Sign-flipped Pearson r overall and per language pair, and same-story P/R/F1.

    A pair without a prediction counts as similarity 0.0 ("different story"), so every figure's
    ``n`` is the number of gold pairs it covers.
    """
    groups: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in ("all", *LANGUAGE_PAIRS, "other")
    }
    same_story = PRF()
    for record in gold:
        prediction = prediction_for(predictions, record)
        system = _similarity(prediction, record["id"])
        truth = float(record["similarity"])
        languages = sorted((str(record["language1"]).lower(), str(record["language2"]).lower()))
        key = "-".join(languages)
        for name in ("all", key if key in LANGUAGE_PAIRS else "other"):
            groups[name][0].append(system)
            groups[name][1].append(truth)
        gold_same = truth <= SAME_STORY_GOLD_MAX
        system_same = _same_story(prediction, system, record["id"])
        same_story.add(PRF.from_counts(int(gold_same and system_same), gold_same, system_same))
    figures: dict[str, dict[str, Any]] = {}
    for name, (system_scores, gold_scores) in groups.items():
        r = pearson(system_scores, gold_scores)
        # Gold runs 1 = same .. 4 = unrelated, so flip; "+ 0.0" turns -0.0 into 0.0.
        flipped = None if r is None else round(-r, DIGITS) + 0.0
        figures[name] = {"r": flipped, "n": len(system_scores)}
    return {"pearson": figures, "same_story": same_story.as_dict()}


def _same_story(prediction: Mapping[str, Any], similarity: float, record_id: str) -> bool:
    """The prediction's link decision, else whether its similarity reaches the threshold."""
    decision = prediction.get("same_story")
    if decision is None:
        return similarity >= SAME_STORY_THRESHOLD
    if not isinstance(decision, bool):
        raise ValueError(f"{record_id!r}: same_story must be true or false, got {decision!r}")
    return decision


def _similarity(prediction: Mapping[str, Any], record_id: str) -> float:
    """A prediction's similarity (0.0 when absent)."""
    value = prediction.get("similarity", 0.0)
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError(f"{record_id!r}: similarity must be a number, got {value!r}")
    return float(value)
