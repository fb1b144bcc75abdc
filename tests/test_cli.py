"""The command line: ingest with a bad input in the batch, list, show, export."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents.cli.main import main
from newsevents.store import Store

ROOT = Path(__file__).resolve().parent.parent


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(
        "WIEN – Österreich und Ungarn haben am Montag in Wien über Grenzkontrollen verhandelt.",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02BINARY")
    (folder / "latin1.txt").write_bytes("Gespräche über Zölle".encode("latin-1"))
    (folder / "nothing.html").write_text("<html><body><nav>Menü</nav></body></html>")
    (folder / "lines.jsonl").write_text(
        json.dumps(
            {
                "text": "Polen und Litauen haben am Freitag ein Abkommen unterzeichnet.",
                "published": "2024-05-03",
            }
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(b"a " * (3 * 1024 * 1024))
    return folder


def test_ingest_reports_each_bad_input_and_stores_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["ingest", str(_batch(tmp_path)), "--db", str(db), "--published", "2024-03-12"]
    )
    assert result.exit_code == 1
    output = result.output
    assert "stored 2, already known 0, copies 0, failed 6" in output
    for problem in (
        "empty.txt: no text",
        "binary.txt: binary file",
        "latin1.txt: invalid UTF-8",
        "nothing.html: HTML page has no main text",
        "lines.jsonl:2: invalid JSON",
        "huge.txt: file is 6.3 MB",
    ):
        assert problem in output, problem
    again = runner.invoke(main, ["ingest", str(_batch(tmp_path)), "--db", str(db)])
    assert "stored 0, already known 2, copies 0, failed 6" in again.output


def test_events_show_and_export(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    runner.invoke(
        main, ["ingest", str(ROOT / "examples"), "--db", str(db), "--published", "2024-03-12"]
    )
    listed = runner.invoke(
        main, ["events", "--db", str(db), "--format", "json", "--type", "CONSULT"]
    )
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    shown = runner.invoke(main, ["show", rows[0]["id"], "--db", str(db)])
    assert shown.exit_code == 0 and "why" in shown.output and rows[0]["id"] in shown.output
    exported = runner.invoke(main, ["export", "--db", str(db)])
    assert exported.exit_code == 0 and '"event_text"' in exported.output
    table = runner.invoke(main, ["events", "--db", str(db), "--country", "Deutschland"])
    assert table.exit_code == 0 and "events" in table.output
    bad = runner.invoke(main, ["events", "--db", str(db), "--since", "gestern"])
    assert bad.exit_code == 2 and "not an ISO date" in bad.output


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no such database" in result.output


# -- reliability (issue 12) ------------------------------------------------------------------
def test_language_needs_a_profile() -> None:
    runner = CliRunner()
    for value in ("xx", "German", "../de"):
        result = runner.invoke(main, ["ingest", "-", "--language", value], input="Text.")
        assert result.exit_code == 2, value
        assert "is not a language with a profile; use one of: de, en" in result.output
    ok = runner.invoke(main, ["ingest", "--help"])
    assert ok.exit_code == 0 and "--language" in ok.output


def test_every_bad_input_is_one_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "WIEN – Österreich und Ungarn haben am Montag in Wien beraten.", encoding="utf-8"
    )
    (folder / "surrogate.jsonl").write_text(
        '{"text": "Kaputt \\ud800 hier."}\n{"text": "Polen und Litauen verhandeln."}\n',
        encoding="utf-8",
    )
    (folder / "nul.json").write_text('{"text": "vor \\u0000 nach"}', encoding="utf-8")
    (folder / "late-nul.txt").write_bytes(b"Ein Satz. " * 1000 + b"\x00")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(
        main, ["ingest", str(folder), str(fifo), "/dev/zero", "--db", str(db), "--quiet"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert len(errors) == 5, result.output
    for origin in (
        "surrogate.jsonl:1: ",
        "nul.json: ",
        "late-nul.txt: ",
        "pipe.txt: ",
        "/dev/zero: ",
    ):
        assert sum(origin in line for line in errors) == 1, origin
    assert "stored 2, already known 0, copies 0, failed 5" in result.output
    assert "Traceback" not in result.output


def test_ctrl_c_ends_cleanly_and_the_store_stays_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.store.connection import StoreConnection

    folder = tmp_path / "three"
    folder.mkdir()
    for n, pair in enumerate(["Polen und Litauen", "Ghana und Togo", "Chile und Peru"]):
        (folder / f"{n}.txt").write_text(f"{pair} haben am Montag beraten.", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    write = StoreConnection._write
    calls = []

    def interrupted(self: StoreConnection, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 3:  # Ctrl-C in the middle of a write, as DuckDB reports it
            raise RuntimeError("Query interrupted")
        write(self, *args, **kwargs)

    monkeypatch.setattr(StoreConnection, "_write", interrupted)
    args = ["ingest", str(folder), "--db", str(db), "--no-stories"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 130, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("interrupted: ") and "rolled back" in last and "consistent" in last
    assert "Traceback" not in result.output
    monkeypatch.setattr(StoreConnection, "_write", write)
    with Store(db, read_only=True) as store:  # whole articles only
        stored = store.counts()["articles"]
        assert stored < 3
        assert store.db.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)"
        ).fetchone() == (0,)
    again = CliRunner().invoke(main, args)
    assert f"stored {3 - stored}, already known {stored}" in again.output


def test_a_partial_article_gets_a_line_and_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsevents.pipeline.ARTICLE_BUDGET_S", 0.0)
    source = tmp_path / "a.txt"
    source.write_text("Polen und Litauen haben am Montag beraten.", encoding="utf-8")
    args = ["ingest", str(source), "--db", str(tmp_path / "t.duckdb"), "--no-stories"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert f"partial {source}: time budget of 0 s spent after stage 'clean'" in result.output
    assert "stored 1 (1 partial)" in result.output
