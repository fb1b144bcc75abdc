"""How the server reads a database that `newsevents ingest` may be writing at the same time.

DuckDB lets one process write a file, and a process that writes excludes every other process,
readers included (measured: a read-only open during an ingest fails with "Conflicting lock").
So the server never opens the user's file for long. It serves a private read-only *snapshot*:
a copy of the file taken while no writer is mid-way (no write-ahead log beside it and the same
size and mtime before and after the copy). Every `REFRESH_S` seconds a request starts a
background check; when the file has changed and is quiet, a new copy replaces the old one.

What follows, and what the tests measure:

- `ingest` never fails because the server is running, and the server never stops serving
  because an ingest is running: it serves the last quiet state and picks up the new articles
  within about `REFRESH_S` seconds after the ingest ends (or whenever it checkpoints).
- The price is one copy of the file on disk (in a temporary folder) and the copy time per
  change (about 0.1 s for the 1,028-article 10kGNAD store).

Opening a DuckDB database costs ~50 ms while opening a further connection to an open one costs
~1 ms, so the snapshot keeps one connection open and each request opens a cheap extra one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsevents.errors import StoreError, StoreLocked
from newsevents.store import Store

log = logging.getLogger(__name__)

REFRESH_S = 1.0  # how often a request may trigger a check of the file for changes
WRITE_LOCK_WAIT_S = 3.0  # how long POST /articles waits for an ingest's lock before a 503
SNAPSHOT_PREFIX = "newsevents-web-"  # snapshot folders: newsevents-web-<pid>-<random>
FIRST_WAIT_S = 5.0  # how long the first request waits for a quiet file before answering 503
QUIET_POLL_S = 0.1  # pause between two tries to find the file quiet
DUCKDB_THREADS = int(os.environ.get("NEWSEVENTS_WEB_DUCKDB_THREADS", "1"))  # per query


class StoreBusy(StoreError):
    """No snapshot can be served yet: the database is missing or a writer holds it."""


@dataclass(slots=True, frozen=True)
class Snapshot:
    """A private read-only copy of the database and when it was taken."""

    path: Path
    taken: dt.datetime
    signature: tuple[int, int]


class Snapshots:
    """Serves read-only stores from private copies of `source`, refreshed when it changes."""

    def __init__(self, source: str | Path) -> None:
        self.source = Path(source)
        remove_stale_snapshots()
        self._dir = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-"))
        # Delete the copies at exit even when close() is never called (no ASGI lifespan).
        weakref.finalize(self, shutil.rmtree, self._dir, True)
        self._lock = threading.Lock()  # guards _current, _keeper, _counter
        self._refreshing = threading.Lock()  # one copy at a time
        self._current: Snapshot | None = None
        self._keeper: duckdb.DuckDBPyConnection | None = None
        self._counter = 0
        self._last_check = 0.0
        # The signature of a source found to be no DuckDB database, and why: not copied again
        # until the file changes.
        self._invalid: tuple[tuple[int, int], str] | None = None

    @property
    def current(self) -> Snapshot | None:
        """The snapshot served now, if any."""
        return self._current

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only `Store` on the latest snapshot, closed when the block ends."""
        snapshot = self._snapshot()
        try:
            store = Store(snapshot.path, read_only=True)
        except StoreError:
            # The snapshot was replaced (and deleted) between lookup and open: take the new one.
            store = Store(self._snapshot().path, read_only=True)
        try:
            yield store
        finally:
            store.close()

    def poll(self) -> Snapshot | None:
        """The snapshot served now (None before the first); starts a check for changes if due."""
        current = self._current
        if current is not None:
            self._maybe_refresh()
        return current

    def _snapshot(self) -> Snapshot:
        current = self._current
        if current is None:
            return self._first()
        self._maybe_refresh()
        return current

    def _maybe_refresh(self) -> None:
        if time.monotonic() - self._last_check >= REFRESH_S and self._refreshing.acquire(
            blocking=False
        ):
            self._last_check = time.monotonic()
            threading.Thread(target=self._refresh_in_background, daemon=True).start()

    def _first(self) -> Snapshot:
        deadline = time.monotonic() + FIRST_WAIT_S
        with self._refreshing:
            while self._current is None:
                self._refresh()
                if self._current is not None or time.monotonic() > deadline:
                    break
                if not self.source.exists() or self._invalid_now() is not None:
                    break  # nothing to wait for
                time.sleep(QUIET_POLL_S)
        if self._current is None:
            invalid = self._invalid_now()
            if invalid is not None:
                raise StoreError(invalid)
            raise StoreBusy(self._why_busy())
        return self._current

    def _invalid_now(self) -> str | None:
        """Why the source as it is now cannot be served, if it was found to be no database."""
        if self._invalid is not None and self._invalid[0] == _signature(self.source):
            return self._invalid[1]
        return None

    def _why_busy(self) -> str:
        if not self.source.exists():
            return f"no database at {self.source}: run `newsevents ingest` first"
        return (
            f"{self.source} is being written by another process (an ingest); "
            "the server will serve it as soon as that writer finishes"
        )

    def _refresh_in_background(self) -> None:
        try:
            self._refresh()
        except Exception:  # a failed refresh keeps the old snapshot; never kill the thread noisily
            log.exception("refreshing the snapshot of %s failed", self.source)
        finally:
            self._refreshing.release()

    def refresh(self) -> bool:
        """Copy the source if it changed and is quiet; True when a new snapshot is served."""
        with self._refreshing:
            return self._refresh()

    def _refresh(self) -> bool:
        self._last_check = time.monotonic()
        signature = _signature(self.source)
        if signature is None:
            return False
        if self._current is not None and self._current.signature == signature:
            return False
        if self._invalid is not None and self._invalid[0] == signature:
            return False  # the same bad file: copying it again would give the same answer
        with self._lock:
            self._counter += 1
            target = self._dir / f"snapshot-{self._counter}.duckdb"
        if not self._copy_quiet(target, signature):
            return False
        try:
            keeper = duckdb.connect(str(target), read_only=True)
            # Many small concurrent queries: one DuckDB thread each beats all of them fighting
            # over every core (measured with scripts/bench_web.py).
            keeper.execute(f"SET threads TO {DUCKDB_THREADS}")
            keeper.execute("SELECT count(*) FROM events").fetchone()
        except duckdb.Error as exc:
            log.warning("snapshot of %s unreadable (%s); keeping the old one", self.source, exc)
            _remove(target)
            if _signature(self.source) == signature:  # a quiet file that is no database
                self._invalid = (signature, f"{self.source} cannot be served: {exc}")
            return False
        snapshot = Snapshot(target, dt.datetime.now(dt.UTC), signature)
        with self._lock:
            old, old_keeper = self._current, self._keeper
            self._current, self._keeper = snapshot, keeper
        if old_keeper is not None:
            old_keeper.close()
        if old is not None:
            # Requests still reading the old copy keep its inode alive until they close.
            _remove(old.path)
        log.info("serving a snapshot of %s taken at %s", self.source, snapshot.taken)
        return True

    def _copy_quiet(self, target: Path, signature: tuple[int, int]) -> bool:
        wal = _wal(self.source)
        if wal.exists():
            return self._copy_locked(target)
        shutil.copyfile(self.source, target)
        if _signature(self.source) != signature or wal.exists():
            # A writer checkpointed while we copied: the copy may be torn; try again later.
            _remove(target)
            return False
        return True

    def _copy_locked(self, target: Path) -> bool:
        # A write-ahead log: either a writer is active (its lock refuses us) or one crashed and
        # left committed work in the log. A read-only connection holds writers off while we copy.
        try:
            guard = duckdb.connect(str(self.source), read_only=True)
        except duckdb.Error:
            return False
        try:
            shutil.copyfile(self.source, target)
            wal = _wal(self.source)
            if wal.exists():
                shutil.copyfile(wal, _wal(target))
        finally:
            guard.close()
        return True

    def close(self) -> None:
        """Close the kept connection and delete the copies."""
        with self._lock:
            keeper, self._keeper, self._current = self._keeper, None, None
        if keeper is not None:
            keeper.close()
        shutil.rmtree(self._dir, ignore_errors=True)


class WriteGate:
    """Serialises this process's writes (POST /articles) to the source database."""

    def __init__(self, source: str | Path) -> None:
        self.source = Path(source)
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """A read-write `Store` on the source, open only for the block; raises StoreBusy if
        another process still writes after `WRITE_LOCK_WAIT_S`."""
        with self._lock:
            try:
                store = Store(self.source, lock_wait_s=WRITE_LOCK_WAIT_S)
            except StoreLocked as exc:
                raise StoreBusy(
                    f"{self.source} is locked by another process (an ingest?); retry later"
                ) from exc
            try:
                yield store
            finally:
                store.close()


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _remove(path: Path) -> None:
    for p in (path, _wal(path)):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def remove_stale_snapshots(folder: str | Path | None = None) -> list[Path]:
    """Delete the snapshot folders that servers killed without cleaning up (SIGKILL, power
    loss) left in the temporary folder: those whose process no longer runs. Returns them."""
    removed = []
    root = Path(folder or tempfile.gettempdir())
    for path in root.glob(f"{SNAPSHOT_PREFIX}*"):
        pid_text = path.name.removeprefix(SNAPSHOT_PREFIX).partition("-")[0]
        if not pid_text.isdigit() or not path.is_dir() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            if path.stat().st_uid != os.getuid():
                continue
        shutil.rmtree(path, ignore_errors=True)
        log.info("removed %s, left by a server that no longer runs", path)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
