"""Ingest cost per article against the size of the store: 1k, 10k and 100k stored articles.

Usage: python scripts/bench_store.py CORPUS.jsonl [--sizes 1000,10000,100000] [--probe 100]

1. The first `--base` articles of the corpus go through the pipeline and into a store.
2. That store is grown to each size with a bulk path: synthetic articles whose texts are six
   sentences drawn from the real ones (so each has its own MinHash signature, band keys and
   content hash), with the rows of a real article (mentions, sentences, events, reports, roles)
   copied under the new id, a story vector near the real one, and a publication date spread
   over two years. Their fusion keys get a suffix per copy, so fusion groups keep the size they
   have in the real corpus: the store grows, the topics do not pile up.
3. `--probe` articles the store has not seen (read by the pipeline once, beforehand) are stored
   with the writer every ingest uses (`scale.writer.BatchWriter`: copy check, batched write,
   fusion, stories with the workers' vectors), into a copy of each store. Reported: CPU and
   wall ms per article of that write, with and without stories. The pipeline's own cost per
   article does not depend on the store; it is printed once for the whole ingest's figure.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.corpus.dedupe import SCHEME, band_keys, shingles, signature, to_bytes
from newsevents.corpus.embed import MODEL, default_embedder
from newsevents.corpus.stories import BODY_MODEL
from newsevents.ingest import IngestReport, ingest
from newsevents.pipeline import Pipeline
from newsevents.records import Article
from newsevents.scale.workers import embed_stories, extract
from newsevents.scale.writer import BatchWriter, Extracted
from newsevents.store import Store
from newsevents.text.clean import content_hash
from newsevents.text.read import ReadOptions, make_article

START = dt.date(2022, 1, 1)
DAYS = 730  # publication dates spread over two years
COPIED = ("paragraphs", "sentences", "mentions", "article_actors", "quotes")


def _records(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]


def _date(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS))


def grow(store: Store, size: int, sentences: list[str], rng: random.Random) -> None:
    """Add synthetic articles until the store holds `size` (the bulk path of step 2)."""
    db = store.db
    real = "SELECT id FROM articles WHERE origin <> 'synthetic'"
    base = [r[0] for r in db.execute(f"{real} ORDER BY id").fetchall()]
    vectors = dict(
        db.execute(
            f"SELECT article_id, embedding FROM article_embeddings WHERE article_id IN ({real})"
        ).fetchall()
    )
    have = store._scalar("SELECT count(*) FROM articles")
    copy_no = -(-(have - len(base)) // len(base))  # copies made so far, rounded up
    while have < size:
        copy_no += 1
        count = min(len(base), size - have)
        rows, sigs, bands, embeds, mapping = [], [], [], [], []
        for original in base[:count]:
            text = " ".join(rng.sample(sentences, 6))
            new = content_hash(text)
            mapping.append((original, new))
            rows.append((new, text, _date(rng)))
            values = signature(shingles(text))
            sigs.append((new, SCHEME, to_bytes(values)))
            bands += [(key, new) for key in band_keys(values)]
            if original in vectors:
                v = np.asarray(vectors[original]) + np.random.default_rng(len(rows)).normal(
                    0, 0.03, 384
                )
                embeds.append((new, MODEL, rows[-1][2], [float(x) for x in v / np.linalg.norm(v)]))
        db.execute("BEGIN")
        db.execute("CREATE TEMP TABLE m (old VARCHAR, new VARCHAR, text VARCHAR, d DATE)")
        db.execute(
            "INSERT INTO m SELECT unnest(?), unnest(?), unnest(?), unnest(?::DATE[])",
            [
                [o for o, _ in mapping],
                [n for _, n in mapping],
                [r[1] for r in rows],
                [r[2] for r in rows],
            ],
        )
        db.execute(
            "INSERT INTO articles BY NAME SELECT a.* REPLACE (m.new AS id, m.text AS text,"
            " m.d AS published, 'synthetic' AS origin) FROM articles a JOIN m ON a.id = m.old"
        )
        for table in COPIED:
            db.execute(
                f"INSERT INTO {table} BY NAME SELECT t.* REPLACE (m.new AS article_id)"
                f" FROM {table} t JOIN m ON t.article_id = m.old"
            )
        suffix = f"'#s{copy_no}'"
        db.execute(
            "INSERT INTO event_reports BY NAME SELECT r.* REPLACE (r.id || "
            f"{suffix} AS id, r.canonical_id || {suffix} AS canonical_id, r.fusion_key || {suffix}"
            " AS fusion_key, m.new AS article_id, m.d AS published) FROM event_reports r"
            " JOIN m ON r.article_id = m.old"
        )
        db.execute(
            f"INSERT INTO events BY NAME SELECT e.* REPLACE (e.id || {suffix} AS id,"
            " m.new AS article_id) FROM events e JOIN m ON e.article_id = m.old"
        )
        db.execute(
            f"INSERT INTO event_actors BY NAME SELECT x.* REPLACE (x.event_id || {suffix} AS"
            " event_id) FROM event_actors x JOIN events e ON e.id = x.event_id"
            " JOIN m ON e.article_id = m.old"
        )
        db.execute(
            f"INSERT INTO event_sources BY NAME SELECT x.* REPLACE (x.event_id || {suffix} AS"
            " event_id, m.new AS article_id) FROM event_sources x JOIN m ON x.article_id = m.old"
        )
        db.execute(
            "INSERT INTO actor_roles BY NAME SELECT r.* REPLACE (m.new AS article_id)"
            " FROM actor_roles r JOIN m ON r.article_id = m.old"
        )
        db.execute(
            "INSERT INTO article_stories SELECT new, new FROM m",
        )
        store._write(_table("article_signatures"), sigs)
        store._write(_table("article_bands"), bands)
        store._write(_table("article_embeddings"), embeds)
        fill_bodies(store)
        db.execute("DROP TABLE m")
        db.execute("COMMIT")
        have += count


def fill_bodies(store: Store) -> int:
    """Give every article without a second story vector (`article_body_embeddings`) its lead
    vector in that place: the same size, so the same cost to read and compare. Without it the
    story index computes the missing vectors when it loads (StoryIndex.load), 270 ms of CPU
    each, and the probe measures that instead."""
    before = store._scalar("SELECT count(*) FROM article_body_embeddings")
    store.db.execute(
        "INSERT INTO article_body_embeddings SELECT e.article_id, ?, e.embedding"
        " FROM article_embeddings e WHERE NOT EXISTS (SELECT 1 FROM article_body_embeddings b"
        " WHERE b.article_id = e.article_id)",
        [BODY_MODEL],
    )
    return int(store._scalar("SELECT count(*) FROM article_body_embeddings")) - int(before)


def _table(name: str) -> Any:
    from newsevents.store import tables

    return next(t for t in tables.TABLES if t.name == name)


def probe(db_path: Path, raws: list[Article], done: list[Extracted], stories: bool) -> tuple:
    """CPU and wall ms per article of writing the probe articles into a copy of a store."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "probe.duckdb"
        shutil.copy(db_path, target)
        with Store(target) as store:
            writer = BatchWriter(store, IngestReport(), stories=stories)
            cpu, wall = time.process_time(), time.perf_counter()
            for raw, extracted in zip(raws, done, strict=True):
                writer.take(copy.deepcopy(raw), copy.deepcopy(extracted))
            writer.flush()
            n = len(raws)
            return (
                1000 * (time.process_time() - cpu) / n,
                1000 * (time.perf_counter() - wall) / n,
                len(writer.report.stored),
            )


def main() -> int:
    """Build the stores, probe them, print the curve."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--base", type=int, default=300)
    parser.add_argument("--probe", type=int, default=100)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench_store")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="probe WORK/store.duckdb as it is (grown by an earlier run), at its size only",
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (is ../shared present?)", file=sys.stderr)
        return 2
    records = _records(args.corpus)
    rng = random.Random(13)
    args.work.mkdir(parents=True, exist_ok=True)
    base_lines = args.work / "base.jsonl"
    with base_lines.open("w", encoding="utf-8") as out:
        for record in records[: args.base]:
            out.write(json.dumps({**record, "published": _date(rng).isoformat()}) + "\n")
    db_path = args.work / "store.duckdb"
    if not args.existing:
        db_path.unlink(missing_ok=True)
        start = time.perf_counter()
        with Store(db_path) as store:
            ingest([str(base_lines)], store, ReadOptions(), workers=2)
        print(f"base store: {args.base} real articles in {time.perf_counter() - start:.0f} s")
    sentences = [s for r in records for s in r["text"].split(". ") if len(s) > 40]
    # The probe articles, read by the pipeline once.
    pipeline = Pipeline()
    held = records[args.base : args.base + args.probe]
    raws = [
        make_article(r["text"], f"probe:{i}", ReadOptions(_date(rng), "de"))
        for i, r in enumerate(held)
    ]
    cpu = time.process_time()
    done = [extract(copy.deepcopy(raw), pipeline, 10**9) for raw in raws]
    pipeline_ms = 1000 * (time.process_time() - cpu) / len(raws)
    embedder = default_embedder()
    if embedder is not None:
        embed_stories(embedder, done)
    print(f"pipeline: {pipeline_ms:.0f} ms CPU per article (any store size)")
    print(f"{'store':>8}  {'write, no stories':>22}  {'write, stories':>22}")
    first: tuple[float, float] | None = None
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.existing:
        with Store(db_path) as store:
            filled = fill_bodies(store)
            sizes = [store._scalar("SELECT count(*) FROM articles")]
        print(f"existing store of {sizes[0]} articles; {filled} second story vectors filled in")
    for size in sizes:
        start = time.perf_counter()
        with Store(db_path) as store:
            grow(store, size, sentences, rng)
        built = time.perf_counter() - start
        plain = probe(db_path, raws, done, stories=False)
        story = probe(db_path, raws, done, stories=True) if embedder else (0.0, 0.0, 0)
        if first is None:
            first = (plain[0], story[0])
        print(
            f"{size:>8}  {plain[0]:6.1f} CPU {plain[1]:6.1f} wall ms  {story[0]:6.1f} CPU"
            f" {story[1]:6.1f} wall ms  (x{plain[0] / first[0]:.2f} / x"
            f"{story[0] / first[1] if first[1] else 0:.2f} of the first; built in {built:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
