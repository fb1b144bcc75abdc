"""Inter-annotator agreement of two event annotations of the same sentences.

Both files are gold files of the ``events`` task with the same record ids (for instance
``gold/de-news-held.events.jsonl`` and its blind second annotation
``gold/de-news-held.second.jsonl``). The second annotation is scored as predictions against the
first with the project's scorer (``newsevents eval FIRST --predictions SECOND`` gives the same
type and full figures): a type match needs equal types and overlapping actor code sets, a full
match also equal actor and recipient code sets. F1 is symmetric; precision and recall swap
when the files swap. The script prints:

- type and full P/R/F1 with their counts, and status/date accuracy on type-matched pairs;
- per PLOVER type: how often each annotator used it and how many of the first annotator's
  events of that type the second matched (type match);
- the per-sentence decision "has any event": the 2x2 table, observed agreement and Cohen's
  kappa.

Usage:
    PYTHONPATH=. python scripts/gold_agreement.py FIRST SECOND [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.evaluation.gold import load_gold
from newsevents.evaluation.metrics import greedy_match
from newsevents.evaluation.scoring import score
from newsevents.evaluation.scoring.matching import EventView, code_set, full_match, type_match


def cohen_kappa(table: dict[tuple[bool, bool], int]) -> dict[str, Any]:
    """Cohen's kappa of two binary decisions from their 2x2 table ``{(first, second): n}``."""
    n = sum(table.values())
    observed = (table[(True, True)] + table[(False, False)]) / n
    first_yes = (table[(True, True)] + table[(True, False)]) / n
    second_yes = (table[(True, True)] + table[(False, True)]) / n
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {
        "n": n,
        "both": table[(True, True)],
        "first_only": table[(True, False)],
        "second_only": table[(False, True)],
        "neither": table[(False, False)],
        "observed": round(observed, 4),
        "expected": round(expected, 4),
        "kappa": round(kappa, 4),
    }


def view(event: dict[str, Any]) -> EventView:
    """An event as the scorer's matching rules see it (type, actor and recipient codes)."""
    return EventView(
        type=str(event.get("type") or "").lower() or None,
        actors=code_set(event.get("actor")),
        recipients=code_set(event.get("recipient")),
    )


def agreement(first_path: Path, second_path: Path) -> dict[str, Any]:
    """All figures for two annotation files of the same records."""
    task, first = load_gold(first_path)
    second_task, second = load_gold(second_path)
    if task != "events" or second_task != "events":
        raise SystemExit(f"both files must be of the events task ({task}, {second_task})")
    by_id = {str(r["id"]): r for r in second}
    if set(by_id) != {str(r["id"]) for r in first}:
        raise SystemExit("the two files do not hold the same record ids")
    scored = score("events", first, {i: {"events": r["events"]} for i, r in by_id.items()})

    used: dict[str, Counter[str]] = {"first": Counter(), "second": Counter()}
    matched: Counter[str] = Counter()
    table: Counter[tuple[bool, bool]] = Counter()
    for record in first:
        mine, theirs = record["events"], by_id[str(record["id"])]["events"]
        used["first"].update(e["type"] for e in mine)
        used["second"].update(e["type"] for e in theirs)
        table[(bool(mine), bool(theirs))] += 1
        pairs = greedy_match(
            [view(e) for e in mine], [view(e) for e in theirs], type_match, prefer=full_match
        )
        matched.update(mine[gi]["type"] for gi, _ in pairs)
    types = sorted(
        set(used["first"]) | set(used["second"]),
        key=lambda t: (-used["first"][t] - used["second"][t], t),
    )
    return {
        "first": str(first_path),
        "second": str(second_path),
        "sentences": len(first),
        "type": scored["type"],
        "full": scored["full"],
        "status_accuracy": scored.get("status_accuracy"),
        "date_accuracy": scored.get("date_accuracy"),
        "per_type": {
            t: {"first": used["first"][t], "second": used["second"][t], "matched": matched[t]}
            for t in types
        },
        "has_event": cohen_kappa(table),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("first", type=Path, help="the reference annotation")
    parser.add_argument("second", type=Path, help="the other annotation, scored against it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = agreement(args.first, args.second)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{result['second']} scored against {result['first']} ({result['sentences']} sentences)")
    for key in ("type", "full"):
        f = result[key]
        print(
            f"  {key:<5} P {f['p']:.3f}  R {f['r']:.3f}  F1 {f['f1']:.3f}  "
            f"(tp {f['tp']}, fp {f['fp']}, fn {f['fn']})"
        )
    for key in ("status_accuracy", "date_accuracy"):
        if result[key]:
            a = result[key]
            print(f"  {key} on type matches: {a['correct']}/{a['n']}")
    print("  per type: first / second / first's events matched by the second")
    for t, c in result["per_type"].items():
        print(f"    {t:<10} {c['first']:>3} {c['second']:>3} {c['matched']:>3}")
    k = result["has_event"]
    print(
        f"  has any event: both {k['both']}, first only {k['first_only']}, second only "
        f"{k['second_only']}, neither {k['neither']}; agreement {k['observed']:.3f}, "
        f"chance {k['expected']:.3f}, Cohen's kappa {k['kappa']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
