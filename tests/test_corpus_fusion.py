"""One event from many reports: compatibility rules, order independence, the stories corpus."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from stories_corpus import (
    AGENTUR,
    COURIER,
    NAIROBI,
    RUND,
    TAGES,
    UNRELATED,
    UPDATED,
    WARSAW,
    WIRE,
)
from stories_corpus import paths as _paths

import newsevents
from newsevents import pipeline
from newsevents.corpus.fusion import (
    Report,
    cluster_reports,
    compatible,
    dates_compatible,
    fuse,
    fusion_key,
)
from newsevents.records import Article, DateBasis, Event, EventDate
from newsevents.store import EventFilter, Store

# Every event of the corpus: (type, status, date, parties, URLs of every report).
EXPECTED = {
    ("CONSULT", "occurred", "2024-03-12", ("country:POL", "group:DEU:foreign-minister"),
     (COURIER, UPDATED, RUND, TAGES)),
    ("CONSULT", "occurred", "2024-03-12", ("country:DEU", "country:POL"), (COURIER, UPDATED)),
    # "Baerbock traf ... Sikorski im Außenministerium": the ministry is the venue, no party.
    ("CONSULT", "occurred", "2024-03-12",
     ("person:annalena-baerbock", "person:radoslaw-sikorski"), (RUND, TAGES)),
    # "The two ministers plan to meet again" / "Die beiden Minister wollen sich ... treffen":
    # the two parties of the meeting before; "Beide Seiten wollen die Zusammenarbeit ...
    # ausbauen" is a second promise of the same two.
    ("AGREE", "planned", None, ("country:DEU", "country:POL"), (COURIER, UPDATED, RUND, TAGES)),
    ("AGREE", "planned", None, ("country:DEU", "country:POL"), (RUND, TAGES)),
    ("CONSULT", "occurred", "2024-03-14", ("country:ETH", "country:KEN"), (AGENTUR, WIRE)),
    ("CONSULT", "occurred", "2024-03-14",
     ("person:musalia-mudavadi", "person:taye-atske-selassie"), (AGENTUR, WIRE)),
    ("AGREE", "occurred", "2024-03-14", ("group:KEN:journalist", "person:musalia-mudavadi"),
     (WIRE,)),
}  # fmt: skip


# -- the rules, on hand-built reports ------------------------------------------------------
def _report(
    rid: str,
    article: str,
    date: str | None = None,
    precision: str = "day",
    place: str | None = None,
    published: str = "2024-03-12",
    reason: str = "explicit",
    basis: DateBasis = "stated",
) -> Report:
    event = Event(
        id=rid,
        type="CONSULT",
        actors=["country:DEU", "country:POL"],
        symmetric=True,
        date=EventDate(dt.date.fromisoformat(date), precision, reason=reason, basis=basis)
        if date
        else None,
        location=place,
    )
    return Report(
        event=event,
        article_id=article,
        key="CONSULT|occurred|sym|country:DEU,country:POL",
        published=dt.date.fromisoformat(published),
        spans=[(0, 10, 0)],
    )


def test_dates_are_compatible_when_equal_unknown_or_contained() -> None:
    day = (dt.date(2024, 3, 12), "day")
    assert dates_compatible(day, day)
    assert dates_compatible(day, None) and dates_compatible(None, None)
    assert dates_compatible(day, (dt.date(2024, 3, 1), "month"))
    assert dates_compatible((dt.date(2024, 1, 1), "year"), (dt.date(2024, 3, 1), "month"))
    assert not dates_compatible(day, (dt.date(2024, 3, 13), "day"))
    assert not dates_compatible(day, (dt.date(2024, 4, 1), "month"))
    assert not dates_compatible((dt.date(2023, 1, 1), "year"), day)


def test_compatible_reports() -> None:
    a = _report("a", "A", "2024-03-12", place="place:warsaw")
    assert compatible(a, _report("b", "B", "2024-03-12", place="place:warsaw"))
    assert compatible(a, _report("b", "B"))  # date and place unknown
    assert compatible(a, _report("b", "B", "2024-03-01", precision="month"))
    assert not compatible(a, _report("b", "A", "2024-03-12"))  # the same article
    assert not compatible(a, _report("b", "B", "2024-03-13"))
    assert not compatible(a, _report("b", "B", "2024-03-12", place="place:berlin"))
    # An undated report fuses only with reports published within a week.
    assert not compatible(a, _report("b", "B", published="2024-05-01"))
    # A date carried over or assumed from the publication date is no stated date.
    assert compatible(
        a, _report("b", "B", "2024-03-13", reason="publication date", basis="publication")
    )
    # Each outlet writes its own dateline: a dateline place is no stated place.
    dateline = _report("b", "B", "2024-03-12", place="place:berlin")
    dateline.event.explanation.append("place: dateline")
    assert compatible(a, dateline)


def test_fusion_key_joins_the_parties_of_symmetric_types() -> None:
    assert fusion_key("CONSULT", "occurred", False, ["a"], ["b"]) == fusion_key(
        "CONSULT", "occurred", False, ["b"], ["a"]
    )
    assert fusion_key("ACCUSE", "occurred", False, ["a"], ["b"]) != fusion_key(
        "ACCUSE", "occurred", False, ["b"], ["a"]
    )


def _clusters(reports: list[Report]) -> list[list[str]]:
    return [[r.id for r in cluster] for cluster in cluster_reports(reports)]


def test_clusters_are_the_same_in_every_order_and_never_chain() -> None:
    reports = [
        _report("r1", "A", "2024-03-12", published="2024-03-12"),
        _report("r2", "B", published="2024-03-13"),  # undated: fits either meeting
        _report("r3", "C", "2024-03-15", published="2024-03-15"),
        _report("r4", "D", "2024-03-15", published="2024-03-16"),
        _report("r5", "A", "2024-03-12", published="2024-03-12"),  # A's second, separate event
    ]
    expected = [["r1", "r2"], ["r5"], ["r3", "r4"]]
    for order in itertools.permutations(reports):
        assert _clusters(list(order)) == expected


def test_fused_event_takes_the_earliest_report_and_the_most_precise_date() -> None:
    first = _report("z-first", "A", "2024-03-01", precision="month", published="2024-03-12")
    second = _report("a-second", "B", "2024-03-12", place="place:warsaw", published="2024-03-13")
    fused = fuse(cluster_reports([second, first])[0])
    assert fused.canonical is first  # earliest published, though its id sorts later
    assert fused.date is second and fused.event.location == "place:warsaw"
    assert fused.event.id == first.id and fused.event.date == second.event.date
    assert "fused across articles: 2 reports" in fused.event.explanation[-2]


# -- the stories corpus, ingested in every order and over several runs -----------------------
@pytest.fixture(scope="module")
def processed() -> dict[tuple[object, ...], Article]:
    """Processed articles by input, shared by the tests: the pipeline runs once per input."""
    return {}


@pytest.fixture
def cached_pipeline(
    monkeypatch: pytest.MonkeyPatch, processed: dict[tuple[object, ...], Article]
) -> None:
    """Runs the real pipeline once per distinct input; orders and runs only replay storing."""
    real: Callable[[Article], Article] = pipeline.run

    def run(article: Article) -> Article:
        key = (article.text, article.origin, article.source, article.url, article.published)
        if key not in processed:
            processed[key] = real(article)
        return copy.deepcopy(processed[key])

    monkeypatch.setattr(pipeline, "run", run)


def _outcome(store: Store) -> set[tuple[object, ...]]:
    rows = store.events(EventFilter(limit=None))
    assert len({r["id"] for r in rows}) == len(rows)
    return {
        (
            r["type"],
            r["status"],
            r["date"].isoformat() if r["date"] else None,
            tuple(sorted(p["id"] for p in r["actors"] + r["recipients"])),
            tuple(sorted(x["url"] for x in r["reports"])),
        )
        for r in rows
    }


def _orders() -> Iterator[list[str]]:
    yield from (list(p) for p in itertools.permutations(WARSAW))  # every order of one story
    names = WARSAW + NAIROBI + UNRELATED
    rng = random.Random(5)
    for _ in range(6):  # and a sample of orders of the whole corpus
        yield rng.sample(names, len(names))


@pytest.mark.usefixtures("cached_pipeline")
def test_the_corpus_gives_the_same_events_in_every_order() -> None:
    warsaw = {e for e in EXPECTED if set(e[4]) & {TAGES, COURIER}}
    for order in _orders():
        with Store(":memory:") as store:
            report = newsevents.ingest(_paths(order), store)
            assert (len(report.stored) + len(report.copies), len(report.failed)) == (
                len(order),
                0,
            )
            assert len(report.copies) == 2  # the syndicated copy and the updated version
            assert _outcome(store) == (EXPECTED if len(order) == 7 else warsaw), order


@pytest.mark.usefixtures("cached_pipeline")
def test_the_corpus_split_over_two_runs_gives_the_same_events(tmp_path: Path) -> None:
    names = WARSAW + NAIROBI + UNRELATED
    for number, order in enumerate([names, names[::-1], random.Random(7).sample(names, 7)]):
        for split in (1, 3, 5):
            db = tmp_path / f"runs-{number}-{split}.duckdb"
            with Store(db) as store:
                newsevents.ingest(_paths(order[:split]), store)
            with Store(db) as store:
                newsevents.ingest(_paths(order[split:]), store)
                assert _outcome(store) == EXPECTED, (order, split)


@pytest.mark.usefixtures("cached_pipeline")
def test_counts_of_articles_and_sources_and_the_min_sources_filter(fresh_store: Store) -> None:
    newsevents.ingest(_paths(WARSAW + NAIROBI + UNRELATED), fresh_store)
    rows = fresh_store.events(EventFilter(limit=None))
    meeting = next(r for r in rows if len(r["reports"]) == 4 and r["type"] == "CONSULT")
    promise = next(r for r in rows if len(r["reports"]) == 4 and r["type"] == "AGREE")
    assert (meeting["article_count"], meeting["source_count"]) == (4, 3)
    assert {e["article_id"] for e in meeting["evidence"]} == {
        r["article_id"] for r in meeting["reports"] if r["copy_of"] is None
    }
    counts = dict(
        fresh_store.db.execute("SELECT event_id, sources FROM event_source_counts").fetchall()
    )
    assert counts[meeting["id"]] == 3
    assert {r["id"] for r in fresh_store.events(EventFilter(min_sources=3))} == {
        meeting["id"],
        promise["id"],
    }
    assert len(fresh_store.events(EventFilter(min_sources=2, limit=None))) == 6
    assert len(fresh_store.events(EventFilter(min_sources=1, limit=None))) == len(EXPECTED)
    # A report's own id leads to the event it was fused into.
    (other,) = fresh_store.db.execute(
        "SELECT id FROM event_reports WHERE canonical_id = ? AND id <> ? LIMIT 1",
        [meeting["id"], meeting["id"]],
    ).fetchone()
    assert fresh_store.event(other)["id"] == meeting["id"]
    # An article lists the events it reports, also those fused into another article's event.
    for report in meeting["reports"]:
        if report["copy_of"] is None:
            assert meeting["id"] in fresh_store.article(report["article_id"])["events"]
