"""Benchmark: end-to-end ingest throughput and peak memory on a JSONL corpus of articles.

Usage: python scripts/bench.py CORPUS.jsonl [--limit N]
Prints articles/s, tokens/s (whitespace tokens) for the whole pipeline plus store writes,
and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from newsevents import pipeline
from newsevents.read import ReadOptions, make_article
from newsevents.store import Store


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (is ../shared present?)", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    records = records[: args.limit] if args.limit else records
    tokens = sum(len(r["text"].split()) for r in records)
    # Warm-up: load lexicons and the knowledge base outside the timed loop.
    pipeline.run(make_article("Berlin – Die Regierung beriet am Montag.", "warmup", ReadOptions()))
    store = Store(":memory:")
    start = time.perf_counter()
    events = 0
    for number, record in enumerate(records):
        article = make_article(
            record["text"], f"bench:{number}", ReadOptions(language=record.get("language"))
        )
        article = pipeline.run(article)
        store.add(article)
        events += len(article.events)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {args.corpus.name}, {len(records)} articles, {tokens} tokens")
    print(
        f"ingest (pipeline + store): {elapsed:.1f} s, {len(records) / elapsed:.1f} articles/s, "
        f"{tokens / elapsed:,.0f} tokens/s, {events} events"
    )
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
