"""The German article the project started from: every fact in its gold must come out right."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli.main import main
from newsevents.evaluation.runner import evaluate_file

SEED = "corpus/seed-de-russia-pakistan-ct-working-group.txt"
GOLD = "gold/seed-de-russia-pakistan-ct-working-group.gold.json"


def test_ingest_reports_repeats_and_lists_the_consult(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "seed.duckdb"
    runner = CliRunner()
    args = ["ingest", str(shared / SEED), "--published", "2023-11-17", "--db", str(db)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "10 repeated paragraphs analysed once" in first.output
    listed = runner.invoke(main, ["events", "--db", str(db), "--format", "json", "--limit", "100"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    consults = [
        r
        for r in rows
        if r["type"] == "CONSULT"
        and {a["code"] for a in r["actors"] + r["recipients"]} == {"PAK", "RUS"}
        and {a["kind"] for a in r["actors"]} == {"country"}
    ]
    assert len(consults) == 1
    consult = consults[0]
    assert consult["date"] == "2023-11-16"
    assert consult["place"]["name"] == "Islamabad"
    assert any("diskutierten" in e["text"] for e in consult["evidence"])
    counts = runner.invoke(main, ["events", "--db", str(db), "--format", "json", "--limit", "100"])
    again = runner.invoke(main, args)
    assert "stored 0, already known 1, copies 0, failed 0" in again.output
    assert (
        runner.invoke(
            main, ["events", "--db", str(db), "--format", "json", "--limit", "100"]
        ).output
        == counts.output
    )


def test_document_gold(shared: Path) -> None:
    result = evaluate_file(shared / GOLD)
    assert result["duplicates"]["f1"] == 1.0
    assert result["entities"]["resolved"] == result["entities"]["total"] == 19
    assert result["quotes"]["correct"] == result["quotes"]["total"] == 4
    assert result["events"]["tp"] == 6 and result["events"]["fp"] == 0
    for key in ("date_accuracy", "location_accuracy", "status_accuracy"):
        assert result[key]["accuracy"] == 1.0, key


def test_year_is_inferred_without_publication_date(shared: Path) -> None:
    from newsevents import extract

    text = (shared / SEED).read_text(encoding="utf-8")
    dated = extract(text, language="de", published=dt.date(2023, 11, 17))
    undated = extract(text, language="de")
    assert [e.type for e in undated.events] == [e.type for e in dated.events]
    checked = 0
    for with_date, without in zip(dated.events, undated.events, strict=True):
        # Only a date taken from the publication date itself is unknowable without it.
        if with_date.date and not with_date.date.reason.startswith("publication"):
            assert without.date is not None and without.date.iso() == with_date.date.iso()
            checked += 1
    assert checked == len(dated.events) >= 6
