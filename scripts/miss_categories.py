"""Why the event coder misses gold events, in counts only (safe on held-out files).

For each gold file given (events task), the gold events are matched to the system's predictions
with the rules of `newsevents eval` (type match, full match preferred), and every gold event
and prediction left over is put in one of these classes:

- gold: nothing predicted: no prediction of any type in the record (the sentence);
- gold: same type predicted, actors differ: a prediction of its type whose actor codes do not
  overlap (a party error);
- gold: other type predicted: the record has predictions, none of its type;
- fp: no gold event / gold has events / gold has same type: where the unmatched predictions are.

Nothing of a record's text or annotation is printed, so the script may be run on held-out
parts without reading them.

Usage:
    PYTHONPATH=. .venv/bin/python scripts/miss_categories.py gold/de-news-held3.events.jsonl ...
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path
from typing import Any

from newsevents.evaluation import predict
from newsevents.evaluation.gold import load_gold
from newsevents.evaluation.metrics import greedy_match
from newsevents.evaluation.scoring.matching import EventView, code_set, full_match, type_match


def _view(event: dict[str, Any], gold: bool) -> EventView:
    return EventView(
        type=(event.get("type") or "").lower(),
        actors=code_set(event.get("actor")),
        recipients=code_set(event.get("recipient")),
        symmetric=gold and event.get("symmetric") is True,
    )


def categories(path: Path) -> collections.Counter[str]:
    """The counts of each class of miss and false positive in one gold file."""
    _, records = load_gold(path)
    counts: collections.Counter[str] = collections.Counter()
    for record in records:
        predicted = predict.predict(record, str(path.parent))
        gold = [_view(e, True) for e in record["events"]]
        ours = [_view(e, False) for e in predicted.get("events", [])]
        pairs = greedy_match(gold, ours, type_match, prefer=full_match)
        hit_gold = {g for g, _ in pairs}
        hit_ours = {p for _, p in pairs}
        left = [p for p in range(len(ours)) if p not in hit_ours]
        for g, event in enumerate(gold):
            if g in hit_gold:
                counts["gold: found"] += 1
            elif any(ours[p].type == event.type for p in left):
                counts["gold: same type predicted, actors differ"] += 1
            elif ours:
                counts["gold: other type predicted"] += 1
            else:
                counts["gold: nothing predicted"] += 1
        for p in left:
            if any(g.type == ours[p].type for g in gold):
                counts["fp: gold has same type"] += 1
            elif gold:
                counts["fp: gold has events"] += 1
            else:
                counts["fp: no gold event"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold files of the events task")
    for path in parser.parse_args().gold:
        print(path)
        for name, count in sorted(categories(path).items()):
            print(f"  {count:4}  {name}")


if __name__ == "__main__":
    main()
