"""The core of the store: the DuckDB connection, migrations, transactions and batched inserts.

`StoreConnection` is the base of `Store` (store/db.py); the write and read halves of the store
(store/writer.py, store/reader.py) build on what it offers, and the SQL modules of the store
package (corpus_db, stories_db, web_queries, export) call it through a `Store`.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from newsevents.errors import StoreError, StoreLocked
from newsevents.store.migrations import MIGRATIONS
from newsevents.store.tables import Table

log = logging.getLogger(__name__)

INSERT_BATCH_ROWS = 500  # rows per multi-row INSERT; keeps the parameter list moderate
COLUMNAR_MIN_ROWS = 16  # from this many rows on, one INSERT of unnested column lists is cheaper
# How long opening waits for another process's lock: a server's write (POST /articles) holds
# it for well under a second, so an ingest started meanwhile waits instead of failing.
LOCK_WAIT_S = 10.0
LOCK_POLL_S = (0.05, 0.5)  # first and longest pause between two tries


class StoreConnection:
    """A DuckDB file (or memory with path ':memory:') with every migration applied."""

    def __init__(
        self,
        path: str | Path = "newsevents.duckdb",
        *,
        read_only: bool = False,
        lock_wait_s: float = LOCK_WAIT_S,
    ) -> None:
        self.path = str(path)
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> SQL type, for _write
        self.db = connect(self.path, read_only=read_only, lock_wait_s=lock_wait_s)
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

        With `failure`, a database error becomes `StoreError(f"{failure}: {error}")`. Ctrl-C
        (which DuckDB turns into "Query interrupted" inside a statement) rolls back and ends
        as KeyboardInterrupt, so the caller can stop cleanly with a consistent store.
        """
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
            self.db.execute("COMMIT")
        except (duckdb.InterruptException, RuntimeError) as exc:
            self._rollback()
            if interrupted(exc):
                raise KeyboardInterrupt from exc
            raise
        except duckdb.Error as exc:
            self._rollback()
            if failure is None:
                raise
            raise StoreError(f"{failure}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # After an interrupted COMMIT there may be no transaction left to roll back.
        with contextlib.suppress(duckdb.Error):
            self.db.execute("ROLLBACK")

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
        """Insert rows (in `table.columns` order); `conflict` is "", "OR IGNORE" or "OR REPLACE".

        DuckDB's executemany runs one statement per row (about 10 ms each here). A few rows go
        in one statement of VALUES tuples; from `COLUMNAR_MIN_ROWS` rows on, one statement
        takes a list per column and unnests them, whose cost barely grows with the rows
        (18 ms for 500 rows of 7 columns against 70 ms as VALUES, measured on this machine).
        """
        if not rows:
            return
        head, marks = table.insert(conflict)
        if len(rows) >= COLUMNAR_MIN_ROWS:
            types = self._column_types(table)
            select = ", ".join(f"unnest(?::{types[c]}[])" for c in table.columns)
            columns = [list(column) for column in zip(*rows, strict=True)]
            self.db.execute(f"{head} SELECT {select}", columns)
            return
        for first in range(0, len(rows), INSERT_BATCH_ROWS):
            batch = rows[first : first + INSERT_BATCH_ROWS]
            params = [value for row in batch for value in row]
            self.db.execute(f"{head} VALUES {', '.join([marks] * len(batch))}", params)

    def _column_types(self, table: Table) -> dict[str, str]:
        """The SQL type of each column of a table, read from the schema once per connection."""
        cache = self._types
        if table.name not in cache:
            rows = self.db.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? AND table_schema = 'main'",
                [table.name],
            ).fetchall()
            cache[table.name] = {str(name): str(kind) for name, kind in rows}
        return cache[table.name]

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


def interrupted(exc: BaseException) -> bool:
    """Whether an exception is Ctrl-C as DuckDB reports it inside a statement (its Python
    client raises InterruptException, or RuntimeError "Query interrupted")."""
    return isinstance(exc, KeyboardInterrupt | duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()
    )


def connect(path: str, *, read_only: bool, lock_wait_s: float) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting up to `lock_wait_s` while another process holds its lock.

    Raises StoreLocked when the lock stays held, StoreError for a file that is no database.
    """
    deadline = time.monotonic() + lock_wait_s
    pause = LOCK_POLL_S[0]
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if "Conflicting lock" not in message:
                if "not a valid DuckDB database" in message:
                    raise StoreError(f"{path} is not a DuckDB database file") from exc
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreLocked(path, lock_wait_s, _holder(message)) from exc
        time.sleep(pause)
        pause = min(pause * 2, LOCK_POLL_S[1])


def _holder(message: str) -> str | None:
    """The process DuckDB names as the lock's holder, if it does."""
    start = message.find("(PID ")
    return message[start + 1 : message.find(")", start)] if start >= 0 else None
