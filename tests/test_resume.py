"""kill -9 in the middle of an ingest, then the same ingest again: the store ends exactly as
after one clean run (issue 12). Each article is written in one transaction, so a killed run
leaves whole articles or none, and running again adds what is missing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsevents.store import EventFilter, Store

TEXTS = [
    "WARSCHAU – Polen und Litauen haben am Montag in Warschau über die Grenze beraten.",
    "ACCRA – Ghana und Togo haben am Dienstag ein Abkommen über den Handel unterzeichnet.",
    "LIMA – Chile und Peru haben am Mittwoch in Lima über Fischereirechte verhandelt.",
    "NAIROBI – Kenya and Ethiopia agreed on Thursday to reopen their border, ministers said.",
    "HANOI – Vietnam und Laos haben am Freitag in Hanoi eine Zusammenarbeit vereinbart.",
]

# Ingest a folder, and SIGKILL the process at its Nth write to the store (inside a write
# transaction, whether articles are written one at a time or in batches) when N is given.
_INGEST = """
import os, signal, sys, datetime as dt
import newsevents
from newsevents.store import Store
from newsevents.store.connection import StoreConnection
from newsevents.text.read import ReadOptions

kill_at = int(sys.argv[3])
write = StoreConnection._write
calls = []

def write_then_die(self, *args, **kwargs):
    write(self, *args, **kwargs)
    calls.append(1)
    if len(calls) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

StoreConnection._write = write_then_die
with Store(sys.argv[1]) as store:
    newsevents.ingest([sys.argv[2]], store, ReadOptions(dt.date(2024, 6, 3)), stories=False)
print("writes", len(calls))
"""


def _ingest(db: Path, folder: Path, kill_at: int = 0) -> tuple[int, int]:
    """(exit status, writes to the store) of one ingest in its own process."""
    run = subprocess.run(
        [sys.executable, "-c", _INGEST, str(db), str(folder), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    writes = [line for line in run.stdout.splitlines() if line.startswith("writes ")]
    return run.returncode, int(writes[0].split()[1]) if writes else 0


def _state(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        events = store.events(EventFilter(limit=None))
        rows = store.db.execute("SELECT id, partial FROM articles ORDER BY id").fetchall()
        return {
            "articles": rows,
            "counts": store.counts(),
            "events": sorted(json.dumps(e, sort_keys=True, default=str) for e in events),
        }


def test_a_killed_then_resumed_ingest_equals_a_clean_one(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    clean = tmp_path / "clean.duckdb"
    status, writes = _ingest(clean, folder)
    assert status == 0 and writes > 2
    # The same input on the same empty store makes the same writes: kill in the first one
    # and half way, whether articles are written one by one or in batches.
    for kill_at in (2, writes // 2 + 1):
        resumed = tmp_path / f"resumed-{kill_at}.duckdb"
        assert _ingest(resumed, folder, kill_at)[0] == -9  # SIGKILL
        with Store(resumed, read_only=True) as store:  # whole articles only, fewer than all
            assert store.counts()["articles"] < len(TEXTS)
            for table in ("paragraphs", "sentences", "events"):
                orphans = store.db.execute(
                    f"SELECT count(*) FROM {table} t WHERE NOT EXISTS"
                    " (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
                ).fetchone()
                assert orphans == (0,), (kill_at, table)
        assert _ingest(resumed, folder)[0] == 0
        assert _state(resumed) == _state(clean), kill_at
