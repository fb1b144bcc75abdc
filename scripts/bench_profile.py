"""Where an ingest's time goes: CPU ms per article of each stage and of the writer, and the top
functions by cumulative time inside each (cProfile, CPU clock).

Usage: python scripts/bench_profile.py CORPUS.jsonl [--limit 100] [--top 8] [--stories]
       [--no-profile]

Stages are timed one by one over the articles (`config.STAGES`), then the processed articles
are stored by the writer every ingest uses (`scale.writer.BatchWriter`), with story vectors
when `--stories` is given. The docs/PERFORMANCE.md tables come from this script.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

from newsevents.config import STAGES
from newsevents.ingest import IngestReport
from newsevents.resources import Resources
from newsevents.scale.writer import BatchWriter, Extracted
from newsevents.store import Store
from newsevents.text.read import ReadOptions, make_article


def _top(profile: cProfile.Profile, count: int, articles: int) -> str:
    """The `count` functions with the most cumulative time, in ms per article."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (path, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(path).parent.name}/{Path(path).name}:{line}({name})"
        rows.append((cumulative, where))
    rows.sort(reverse=True)
    return "\n".join(f"    {1000 * c / articles:8.1f} ms  {w}" for c, w in rows[1 : count + 1])


def main() -> int:
    """Profile the stages and the writer; print a table per part."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--stories", action="store_true")
    parser.add_argument(
        "--no-profile",
        action="store_true",
        help="CPU time per part only, without cProfile (its overhead inflates Python code)",
    )
    args = parser.parse_args()
    lines = args.corpus.open(encoding="utf-8")
    records = [json.loads(line) for line in lines if line.strip()][: args.limit]
    resources = Resources.bundled()
    warm = make_article("Berlin – Die Regierung beriet am Montag in Wien.", "warm", ReadOptions())
    for stage in STAGES:  # models load outside the clock
        warm = stage.run(warm, resources)
    articles = [
        make_article(r["text"], f"profile:{i}", ReadOptions(language=r.get("language")))
        for i, r in enumerate(records)
    ]
    raws = copy.deepcopy(articles)
    n = len(articles)
    total = 0.0
    print(f"{n} articles of {args.corpus.name}; CPU ms per article")
    for stage in STAGES:
        profile = cProfile.Profile(time.process_time)
        cpu = time.process_time()
        if not args.no_profile:
            profile.enable()
        articles = [stage.run(a, resources) for a in articles]
        profile.disable()
        spent = time.process_time() - cpu
        total += spent
        overhead = "" if args.no_profile else " (with the profiler's overhead)"
        print(f"stage {stage.name:10} {1000 * spent / n:7.1f} ms{overhead}")
        if not args.no_profile:
            print(_top(profile, args.top, n))
    print(f"pipeline total    {1000 * total / n:7.1f} ms")
    with Store(":memory:") as store:
        writer = BatchWriter(store, IngestReport(), stories=args.stories)
        profile = cProfile.Profile(time.process_time)
        cpu = time.process_time()
        if not args.no_profile:
            profile.enable()
        for raw, article in zip(raws, articles, strict=True):
            writer.take(raw, Extracted(article=article, version=writer.log.version))
        writer.flush()
        profile.disable()
        spent = time.process_time() - cpu
    label = "with story vectors" if args.stories else "no stories"
    print(f"writer ({label}) {1000 * spent / n:7.1f} ms")
    if not args.no_profile:
        print(_top(profile, args.top, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
