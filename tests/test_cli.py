"""The command line: ingest with a bad input in the batch, list, show, export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli.main import main

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
