"""Parquet shards: the store's tables written per partition, and a store that reads them.

A Dask run (`newsevents.scale.cluster`) processes the inputs in partitions; each partition's
articles are written to an in-memory store and every table of it to one Parquet file:

    SHARDS/articles/part-00000.parquet      the `articles` rows of partition 0
    SHARDS/events/part-00000.parquet        its events, as each article coded them (not fused)
    SHARDS/actors/part-00000.parquet        its actors (an actor of many partitions: one row each)
    SHARDS/<table>/part-NNNNN.parquet       paragraphs, sentences, mentions, article_actors,
                                            actor_roles, event_actors, event_sources, quotes
    SHARDS/records/part-NNNNN.parquet       the merge's input (see scale/shards.py)

The columns are those of the store's tables (store/migrations.py), so `open_shards` can put a
view over each table's files in place of the table and every query of the store works on them:
`newsevents events --parquet SHARDS` lists the shards' events without a merge. Cross-article
fusion, copies and stories exist only after the merge into a store.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.store.db import Store

# The tables a partition writes: what the pipeline produces for each article.
SHARD_TABLES = (
    "articles",
    "paragraphs",
    "sentences",
    "mentions",
    "actors",
    "article_actors",
    "actor_roles",
    "events",
    "event_actors",
    "event_sources",
    "quotes",
)
PART = "part-{:05d}.parquet"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_shards(store: Store, folder: Path, partition: int) -> list[Path]:
    """Write every shard table of a (partition's) store to `folder/<table>/part-N.parquet`."""
    written = []
    for table in SHARD_TABLES:
        target = folder / table / PART.format(partition)
        target.parent.mkdir(parents=True, exist_ok=True)
        store.db.execute(f"COPY {table} TO {_literal(target)} (FORMAT PARQUET)")
        written.append(target)
    return written


def open_shards(folder: Path) -> Store:
    """An in-memory store whose shard tables are views over the Parquet files in `folder`.

    Tables without shards stay empty; an actor written by several partitions is read once
    (from the first partition that has it).
    """
    store = Store(":memory:")
    for table in SHARD_TABLES:
        files = sorted((folder / table).glob("part-*.parquet"))
        if not files:
            continue
        source = f"read_parquet({_literal(folder / table / 'part-*.parquet')}, filename = true)"
        select = f"SELECT * EXCLUDE (filename) FROM {source}"
        if table == "actors":
            select += " QUALIFY row_number() OVER (PARTITION BY id ORDER BY filename) = 1"
        store.db.execute(f"DROP TABLE {table}")
        store.db.execute(f"CREATE VIEW {table} AS {select}")
    return store


def write_records(folder: Path, partition: int, rows: list[tuple[int, str, bytes]]) -> Path:
    """Write a partition's merge records: (input number, origin, payload) rows."""
    import duckdb

    target = folder / "records" / PART.format(partition)
    target.parent.mkdir(parents=True, exist_ok=True)
    db = duckdb.connect()
    try:
        db.execute("CREATE TABLE records (seq BIGINT, origin VARCHAR, payload BLOB)")
        if rows:
            db.execute(
                "INSERT INTO records SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]),"
                " unnest(?::BLOB[])",
                [list(column) for column in zip(*rows, strict=True)],
            )
        db.execute(
            f"COPY (SELECT * FROM records ORDER BY seq) TO {_literal(target)} (FORMAT PARQUET)"
        )
    finally:
        db.close()
    return target


def record_parts(folder: Path) -> list[Path]:
    """The merge-record files of a shard folder, in partition order."""
    return sorted((folder / "records").glob("part-*.parquet"))


def read_records(path: Path) -> list[tuple[int, str, bytes]]:
    """The (input number, origin, payload) rows of one merge-record file, in input order."""
    import duckdb

    db = duckdb.connect()
    try:
        rows = db.execute(
            f"SELECT seq, origin, payload FROM read_parquet({_literal(path)}) ORDER BY seq"
        ).fetchall()
    finally:
        db.close()
    return [(int(r[0]), str(r[1]), bytes(r[2])) for r in rows]
