"""The server under bad input and beside other processes (issue 12): POST /articles takes the
write lock only to write, tokens need their scheme, wildcards match literally, cached pages
carry each security header once, a bad database fails fast, stale snapshots are cleaned up."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import TOKEN
from fastapi.testclient import TestClient

from newsevents.errors import StoreError

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "text": "ACCRA: Ghana und Togo haben am Mittwoch in Accra über ihre Grenze beraten.",
    "published": "2024-06-05",
}
_TRY_WRITE = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"


def test_post_runs_the_pipeline_without_holding_the_database(
    tmp_path: Path, web_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the pipeline works on a posted article, another process can write the file."""
    from newsevents.ingest import StorePipeline
    from newsevents.web import create_app

    db = tmp_path / "post.duckdb"
    db.write_bytes(web_db.read_bytes())
    others: list[int] = []
    run = StorePipeline.__call__

    def pipeline_beside_a_writer(self: StorePipeline, article: Any) -> Any:
        writer = subprocess.run([sys.executable, "-c", _TRY_WRITE, str(db)], capture_output=True)
        others.append(writer.returncode)
        return run(self, article)

    monkeypatch.setattr(StorePipeline, "__call__", pipeline_beside_a_writer)
    with TestClient(create_app(db, ingest_token=TOKEN)) as app:
        created = app.post("/articles", json=ARTICLE, headers=AUTH)
        assert created.status_code == 201, created.text
    assert others == [0]  # the other process opened the file for writing: no lock was held


def test_an_ingest_started_during_a_write_waits_for_it(tmp_path: Path) -> None:
    """A writer that holds the lock briefly (a server's write) delays an ingest, not fails it."""
    from newsevents.store import Store

    db = tmp_path / "lock.duckdb"
    Store(db).close()
    holding = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True)"
    with subprocess.Popen(
        [sys.executable, "-c", holding + "; time.sleep(1.5)", str(db)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with Store(db) as store:  # waits for the lock instead of "Conflicting lock"
            assert store.counts()["articles"] == 0
        assert time.monotonic() - started > 0.5


def test_a_lock_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    from newsevents.errors import StoreLocked
    from newsevents.store import Store

    db = tmp_path / "held.duckdb"
    Store(db).close()
    holding = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True)"
    with subprocess.Popen(
        [sys.executable, "-c", holding + "; time.sleep(5)", str(db)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLocked, match="locked by another process"):
            Store(db, lock_wait_s=0.3)
        holder.kill()


def test_a_token_needs_the_bearer_scheme(writable_client: TestClient) -> None:
    for header in (TOKEN, f"Basic {TOKEN}", f"Bearer{TOKEN}", f"Token {TOKEN}", "Bearer"):
        response = writable_client.post(
            "/articles", json=ARTICLE, headers={"Authorization": header}
        )
        assert response.status_code == 401, header
    lower = writable_client.post(
        "/articles", json=ARTICLE, headers={"Authorization": f"bearer {TOKEN}"}
    )
    assert lower.status_code == 201, lower.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "Ghana \\ud800 und Togo beraten."}',
        b'{"text": "Ghana \\u0000 und Togo beraten."}',
        b'{"text": "Ghana und Togo beraten.", "title": "\\udfff"}',
    ],
)
def test_posted_text_that_cannot_be_stored_is_a_422(
    writable_client: TestClient, body: bytes
) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    response = writable_client.post("/articles", content=body, headers=headers)
    assert response.status_code == 422, response.text


def test_extreme_publication_dates_are_stored(writable_client: TestClient) -> None:
    for published in ("0001-01-01", "9999-12-31"):
        text = f"Morgen beraten Ghana und Togo in Accra über die Grenze ({published})."
        response = writable_client.post(
            "/articles", json={"text": text, "published": published}, headers=AUTH
        )
        assert response.status_code == 201, response.text
    assert writable_client.get("/counts.json").status_code == 200
    assert writable_client.get("/events").status_code == 200


def test_like_wildcards_match_literally(client: TestClient) -> None:
    total = client.get("/events.json").json()["total"]
    assert total > 0
    for name in ("actor", "country"):
        for wildcard in ("%", "_", "%%", "\\"):
            body = client.get("/events.json", params={name: wildcard}).json()
            assert body["total"] == 0, (name, wildcard)
    assert client.get("/actors.json", params={"q": "%"}).json()["total"] == 0
    assert client.get("/articles.json", params={"q": "_"}).json()["total"] == 0


def test_cached_responses_carry_each_security_header_once(client: TestClient) -> None:
    for _ in range(3):
        response = client.get("/events.json", params={"limit": 7})
        for name in ("content-security-policy", "x-content-type-options", "referrer-policy"):
            assert len(response.headers.get_list(name)) == 1, name
    assert response.headers.get("x-cache") == "hit"


def test_an_invalid_database_fails_fast(tmp_path: Path) -> None:
    from newsevents.cli.main import main
    from newsevents.web import create_app
    from newsevents.web.snapshot import Snapshots

    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database\n" * 100)
    snapshots = Snapshots(bad)
    started = time.monotonic()
    for _ in range(3):
        with pytest.raises(StoreError, match="cannot be served"), snapshots.reader():
            pass
    assert time.monotonic() - started < 2  # no 5 s wait per request
    assert snapshots._counter == 1  # copied once, not once per try
    snapshots.close()
    with TestClient(create_app(bad)) as app:
        response = app.get("/events.json")
        assert response.status_code == 503 and "cannot be served" in response.json()["detail"]
    served = CliRunner().invoke(main, ["serve", "--db", str(bad)])
    assert served.exit_code == 1 and "is not a DuckDB database file" in served.output


def test_snapshots_left_by_a_killed_server_are_removed(tmp_path: Path) -> None:
    from newsevents.web.snapshot import remove_stale_snapshots

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"newsevents-web-{dead_pid}-abc123"
    live = tmp_path / f"newsevents-web-{os.getpid()}-def456"
    other = tmp_path / "something-else"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "snapshot-1.duckdb").write_bytes(b"x")
    assert remove_stale_snapshots(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()


def test_charts_reach_the_end_of_the_calendar() -> None:
    from newsevents.web.charts import fill_periods

    last = [dt.date(9999, 12, 20), dt.date(9999, 12, 31)]
    for interval in ("day", "week", "month", "year"):
        assert fill_periods(last, interval)[-1] == dt.date(9999, 12, 31)
