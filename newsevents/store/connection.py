"""The core of the store: the DuckDB connection, migrations, transactions and batched inserts.

`StoreConnection` is the base of `Store` (store/db.py); the write and read halves of the store
(store/writer.py, store/reader.py) build on what it offers, and the SQL modules of the store
package (corpus_db, stories_db, web_queries, export) call it through a `Store`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from newsevents.errors import StoreError
from newsevents.store.migrations import MIGRATIONS
from newsevents.store.tables import Table

log = logging.getLogger(__name__)

INSERT_BATCH_ROWS = 500  # rows per multi-row INSERT; keeps the parameter list moderate


class StoreConnection:
    """A DuckDB file (or memory with path ':memory:') with every migration applied."""

    def __init__(self, path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self, failure: str | None = None) -> Iterator[None]:
        """Run the block in one transaction: commit at its end, roll back on any error.

        With `failure`, a database error becomes `StoreError(f"{failure}: {error}")`.
        """
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            if failure is None:
                raise
            raise StoreError(f"{failure}: {exc}") from exc
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # -- migrations ----------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return their names."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction(f"migration {name} failed on {self.path}"):
                self.db.execute(sql)
                self.db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, current_timestamp)",
                    [name],
                )
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [
            r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        ]

    # -- statements ----------------------------------------------------------------------
    def _write(self, table: Table, rows: Sequence[Sequence[Any]], conflict: str = "") -> None:
        """Insert rows (in `table.columns` order) with one multi-row statement per batch;
        `conflict` is "", "OR IGNORE" or "OR REPLACE".

        DuckDB's executemany runs one statement per row (about 10 ms each here); one
        statement with many VALUES tuples is two orders of magnitude faster.
        """
        if not rows:
            return
        head, marks = table.insert(conflict)
        for first in range(0, len(rows), INSERT_BATCH_ROWS):
            batch = rows[first : first + INSERT_BATCH_ROWS]
            params = [value for row in batch for value in row]
            self.db.execute(f"{head} VALUES {', '.join([marks] * len(batch))}", params)

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self.db.execute(sql, list(params)).fetchone()
        return int(row[0]) if row else 0

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def copy_query(self, sql: str, path: Path, fmt: str) -> None:
        """Write a SELECT to a CSV or Parquet file with DuckDB's COPY."""
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        target = str(path).replace("'", "''")
        self.db.execute(f"COPY ({sql}) TO '{target}' ({options})")
