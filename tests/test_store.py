"""The DuckDB store: migrations, idempotent writes, filtered queries, exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from newsevents import pipeline
from newsevents.errors import NotFound
from newsevents.records import Event, EventDate, Span
from newsevents.store import EventFilter, Store
from newsevents.store.export import export
from newsevents.store.tables import EVENT_REPORTS, EVENTS, TABLES
from newsevents.text.read import ReadOptions, make_article

TEXT = (
    "BERLIN: Deutschland und Frankreich haben am Dienstag in Berlin über die Lage in der Ukraine "
    "beraten.\nDie russische Regierung warf Deutschland vor, den Krieg zu verlängern."
)


def _article(text: str = TEXT):  # type: ignore[no-untyped-def]
    return pipeline.run(make_article(text, "test.txt", ReadOptions(dt.date(2024, 3, 14), "de")))


def test_migrations_are_named_and_recorded(fresh_store: Store) -> None:
    assert fresh_store.migrations() == [
        "0001_initial",
        "0002_actor_roles",
        "0003_corpus",
        "0004_stories",
        "0005_series",
        "0006_typed_records",
        "0007_article_budget_and_boilerplate",
        "0008_lsh_bands_and_lookups",
        "0009_story_similarity",
    ]
    assert fresh_store.migrate() == []


def test_every_table_names_the_columns_of_the_schema(fresh_store: Store) -> None:
    """The columns an INSERT names (from the records' fields) are the migrated table's columns,
    less those with a default."""
    for table in TABLES:
        rows = fresh_store.db.execute(
            "SELECT column_name, column_default FROM information_schema.columns"
            " WHERE table_name = ?",
            [table.name],
        ).fetchall()
        assert rows, table.name
        required = {name for name, default in rows if default is None}
        assert required <= set(table.columns) <= {name for name, _ in rows}, table.name
        assert len(set(table.columns)) == len(table.columns), table.name


def test_an_event_row_reads_back_as_the_same_event() -> None:
    event = Event(
        id="e1",
        type="CONSULT",
        actors=["country:DEU"],
        recipients=["country:FRA"],
        date=EventDate(dt.date(2024, 3, 12), "day", "am Dienstag", "weekday before publication"),
        evidence=[Span(0, 10)],
        explanation=["trigger 'beraten'"],
        series_session=3,
    )
    row = EVENT_REPORTS.row(event, "e1", "key", "a1", None, [[0, 10, 0]])
    values = EVENT_REPORTS.values(dict(zip(EVENT_REPORTS.columns, row, strict=True)))
    assert Event(**values, evidence=[Span(0, 10)]) == event  # evidence is stored as spans
    undated = EVENTS.row(Event(id="e2", type="AGREE", actors=[]), "a1")
    values = EVENTS.values(dict(zip(EVENTS.columns, undated, strict=True)))
    assert Event(**values, actors=[]) == Event(id="e2", type="AGREE", actors=[])


def test_same_article_twice_adds_nothing(fresh_store: Store) -> None:
    assert fresh_store.add(_article()) is True
    counts = fresh_store.counts()
    assert fresh_store.add(_article()) is False
    assert fresh_store.counts() == counts
    assert counts["articles"] == 1 and counts["events"] >= 1


def test_event_filters(fresh_store: Store) -> None:
    fresh_store.add(_article())
    consult = fresh_store.events(EventFilter(type="CONSULT"))
    assert len(consult) == 1
    row = consult[0]
    assert {a["code"] for a in row["actors"]} == {"DEU", "FRA"}
    assert row["date"] == dt.date(2024, 3, 12)
    assert row["place"]["name"] == "Berlin"
    assert "beraten" in row["evidence"][0]["text"]
    assert fresh_store.events(EventFilter(country="FRA", type="CONSULT"))
    assert fresh_store.events(EventFilter(since=dt.date(2024, 3, 13), type="CONSULT")) == []
    assert fresh_store.events(EventFilter(text="Ukraine"))
    assert fresh_store.events(EventFilter(text="Kartoffel")) == []


def test_filters_are_parameters_not_sql(fresh_store: Store) -> None:
    fresh_store.add(_article())
    hostile = "x' OR '1'='1"
    assert fresh_store.events(EventFilter(actor=hostile)) == []
    assert fresh_store.events(EventFilter(text=hostile)) == []
    assert fresh_store.counts()["articles"] == 1


def test_event_and_actor_lookups(fresh_store: Store) -> None:
    article = _article()
    fresh_store.add(article)
    event = fresh_store.event(article.events[0].id)
    assert event["article"]["text"] == article.text
    actor = fresh_store.actor("country:DEU")
    assert actor["articles"] and actor["events"]
    with pytest.raises(NotFound):
        fresh_store.event("nope")


def test_exports(fresh_store: Store, tmp_path: Path) -> None:
    fresh_store.add(_article())
    jsonl = tmp_path / "events.jsonl"
    count = export(fresh_store, "jsonl", jsonl)
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(records) == count >= 1
    for key in (
        "id",
        "date",
        "actor",
        "recipient",
        "event",
        "mode",
        "context",
        "event_loc",
        "event_text",
        "evidence",
        "article_id",
    ):
        assert key in records[0]
    parquet = tmp_path / "events.parquet"
    assert export(fresh_store, "parquet", parquet) == count
    rows = duckdb.sql(f"SELECT event FROM read_parquet('{parquet}')").fetchall()
    assert len(rows) == count
    csv_path = tmp_path / "events.csv"
    export(fresh_store, "csv", csv_path)
    assert csv_path.read_text().splitlines()[0].startswith("id,date")
