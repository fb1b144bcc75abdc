"""Run the system over gold files and score it: what `newsevents eval` and `make eval` do."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsevents.corpus.embed import default_embedder
from newsevents.corpus.similarity import trained_on
from newsevents.errors import NewsEventsError
from newsevents.evaluation.gold import load_gold
from newsevents.evaluation.pair_data import pair_predictions
from newsevents.evaluation.predict import predict
from newsevents.evaluation.scoring import score

GOLD_SUFFIXES = (".json", ".jsonl")
log = logging.getLogger(__name__)


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files (.json, .jsonl) named directly or found recursively in folders, sorted.

    Other files are passed over, so a shell glob such as `../shared/gold/*` that also
    matches the README works.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in GOLD_SUFFIXES and p.is_file())
        elif path.suffix in GOLD_SUFFIXES:
            found.append(path)
        else:
            log.info("skipping %s: not a gold file (.json or .jsonl)", path)
    return found


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Predictions written by `newsevents extract`, keyed by record id."""
    result = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                result[str(record["id"])] = record
    return result


def evaluate_file(path: Path, predictions_path: Path | None = None) -> dict[str, Any]:
    """Score one gold file; the system runs on each record unless predictions are given."""
    task, records = load_gold(path)
    if predictions_path is not None:
        predictions = load_predictions(predictions_path)
    elif task == "pair" and default_embedder() is not None:
        # All pairs at once: each text analysed and embedded once, and cross-validated.
        # "pearson" and "same_story" score the shipped model; on the pairs it was trained on
        # they are in-sample, and "cross_validated" is the figure that counts.
        predictions, cross_validated = pair_predictions(records)
        return {
            "file": str(path),
            **score(task, records, predictions),
            "shipped_model_trained_on_this_file": path.name == trained_on().get("gold"),
            "cross_validated": cross_validated,
        }
    else:
        predictions = {}
        for record in records:
            try:
                predictions[str(record["id"])] = predict(record, str(path.parent))
            except NewsEventsError:
                predictions[str(record["id"])] = {}
    return {"file": str(path), **score(task, records, predictions)}
