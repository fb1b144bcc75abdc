"""Scoring predictions against gold records: one module per task, and ``score`` to dispatch.

Predictions are keyed by gold record id; a missing id counts as an empty prediction. The result
of ``score`` is what ``eval --json`` prints for one gold file (the caller adds ``"file"``): every
P/R/F1 figure is ``{p, r, f1, tp, fp, fn}`` and every accuracy ``{accuracy, correct, n}``.
The rules follow the shared gold README; where it leaves room, the choice is documented here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsevents.evaluation.scoring.document import QUOTE_MARKS, score_document
from newsevents.evaluation.scoring.events import score_events
from newsevents.evaluation.scoring.matching import CODE_ALIASES, Predictions, Record
from newsevents.evaluation.scoring.ner import score_ner
from newsevents.evaluation.scoring.pairs import (
    SAME_STORY_GOLD_MAX,
    SAME_STORY_THRESHOLD,
    score_pairs,
)

__all__ = [
    "CODE_ALIASES",
    "QUOTE_MARKS",
    "SAME_STORY_GOLD_MAX",
    "SAME_STORY_THRESHOLD",
    "score",
    "score_document",
    "score_events",
    "score_ner",
    "score_pairs",
    "score_text",
]


def score(
    task: str, gold: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Score predictions (keyed by record id) against the gold records of one task."""
    scorers: dict[str, Callable[[Sequence[Record], Predictions], dict[str, Any]]] = {
        "ner": score_ner,
        "events": score_events,
        "pair": score_pairs,
        "document": score_document,
        "text": score_text,
    }
    if task not in scorers:
        raise ValueError(f"unknown task {task!r}; expected one of {sorted(scorers)}")
    return {"task": task, **scorers[task](gold, predictions)}


def score_text(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Text records have no gold; report how many there are and how many got a prediction."""
    return {"n": len(gold), "predicted": sum(1 for r in gold if r["id"] in predictions)}
