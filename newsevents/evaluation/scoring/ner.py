"""Scoring NER: exact span and label P/R/F1, micro over records, pooled and per label."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsevents.evaluation.metrics import PRF, prf_from_sets
from newsevents.evaluation.scoring.matching import (
    Predictions,
    Record,
    object_list,
    prediction_for,
)

NER_LABELS = ("PER", "ORG", "LOC", "MISC")
NER_CORE = frozenset({"PER", "ORG", "LOC"})  # pooled into the "PER+ORG+LOC" figure


def score_ner(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Exact span+label P/R/F1, micro over records: PER+ORG+LOC, each label, and news only."""
    result = _ner_figures(gold, predictions)
    if any("domain" in record for record in gold):
        news = [record for record in gold if record.get("domain") == "news"]
        result["news"] = _ner_figures(news, predictions)
    return result


def _ner_figures(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """The five NER figures over the given records."""
    figures = {name: PRF() for name in ("PER+ORG+LOC", *NER_LABELS)}
    for record in gold:
        gold_spans = _spans(record["entities"], record["id"])
        predicted = _spans(
            object_list(prediction_for(predictions, record), "entities", record["id"]), record["id"]
        )
        for name, labels in (("PER+ORG+LOC", NER_CORE), *((lb, {lb}) for lb in NER_LABELS)):
            figures[name].add(
                prf_from_sets(
                    (s for s in gold_spans if s[2] in labels),
                    (s for s in predicted if s[2] in labels),
                )
            )
    return {name: figure.as_dict() for name, figure in figures.items()}


def _spans(entities: Iterable[Mapping[str, Any]], record_id: str) -> set[tuple[int, int, str]]:
    """Entity objects as (start, end, label) triples."""
    try:
        return {(int(e["start"]), int(e["end"]), str(e["label"])) for e in entities}
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{record_id!r}: an entity needs start, end and label") from exc
