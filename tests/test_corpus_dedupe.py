"""Near-duplicate articles: shingles, MinHash LSH, copies recorded at ingest and across runs."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import newsevents
from newsevents.corpus.dedupe import (
    COPY_JACCARD,
    SCHEME,
    DuplicateIndex,
    from_bytes,
    jaccard,
    shingles,
    signature,
    to_bytes,
)
from newsevents.store import Store, corpus_db

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"


def _text(name: str) -> str:
    record: dict[str, str] = json.loads((STORIES / f"{name}.jsonl").read_text(encoding="utf-8"))
    return record["text"]


def test_shingles_fold_case_and_space_and_keep_short_texts() -> None:
    assert shingles("Eins zwei  drei\nvier fünf sechs") == shingles(
        "eins ZWEI drei vier fünf sechs"
    )
    assert shingles("eins zwei drei vier fünf sechs") == {
        b"eins zwei drei vier f\xc3\xbcnf",
        b"zwei drei vier f\xc3\xbcnf sechs",
    }
    assert shingles("zu kurz") == {b"zu kurz"}
    assert shingles("  ") == set()


@given(st.sets(st.binary(max_size=4), max_size=20), st.sets(st.binary(max_size=4), max_size=20))
def test_jaccard_is_a_symmetric_similarity(a: set[bytes], b: set[bytes]) -> None:
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= 1.0
    if a:
        assert jaccard(a, a) == 1.0


def test_signature_round_trips_through_bytes() -> None:
    values = signature(shingles(_text("02-en-courier-warsaw")))
    assert (from_bytes(to_bytes(values)) == values).all()


def test_index_finds_the_updated_version_and_not_other_stories() -> None:
    original = _text("02-en-courier-warsaw")
    updated = _text("04-en-courier-warsaw-updated")
    index = DuplicateIndex()
    index.add("original", signature(shingles(original)))
    index.add("other", signature(shingles(_text("05-en-wire-nairobi"))))
    stored = {"original": original, "other": _text("05-en-wire-nairobi")}

    def texts(ids: list[str]) -> dict[str, str]:
        return {i: stored[i] for i in ids}

    up = shingles(updated)
    match = index.match(up, signature(up), texts)
    assert match is not None and match.canonical_id == "original"
    assert COPY_JACCARD <= match.similarity < 1.0
    german = shingles(_text("01-de-tagesblatt-warschau"))
    assert index.match(german, signature(german), texts) is None


def test_copies_are_recorded_with_their_own_source_and_add_no_events(fresh_store: Store) -> None:
    first = newsevents.ingest([str(STORIES / "02-en-courier-warsaw.jsonl")], fresh_store)
    events = fresh_store.counts()["events"]
    report = newsevents.ingest(
        [
            str(STORIES / "04-en-courier-warsaw-updated.jsonl"),
            str(STORIES / "04-en-courier-warsaw-updated.jsonl"),  # the same copy twice: known
        ],
        fresh_store,
    )
    assert len(first.stored) == 1 and events > 0
    assert (len(report.stored), len(report.copies), len(report.known)) == (0, 1, 1)
    assert report.events == 0 and fresh_store.counts()["events"] == events
    (copy,) = corpus_db.copies(fresh_store)
    assert copy["source"] == "Daily Courier" and copy["url"].endswith("?updated=1")
    assert COPY_JACCARD <= copy["similarity"] < 1.0
    # The canonical's events gain the copy as a report.
    for row in fresh_store.events(newsevents.EventFilter(limit=None)):
        assert [r["url"] for r in row["reports"]] == [
            "https://courier.example/world/warsaw-talks",
            "https://courier.example/world/warsaw-talks?updated=1",
        ]


def test_exact_copy_under_another_source_is_a_copy(fresh_store: Store) -> None:
    newsevents.ingest([str(STORIES / "01-de-tagesblatt-warschau.jsonl")], fresh_store)
    report = newsevents.ingest([str(STORIES / "03-de-rundschau-syndicated.jsonl")], fresh_store)
    assert report.copies == [f"{STORIES / '03-de-rundschau-syndicated.jsonl'}:1"]
    (copy,) = corpus_db.copies(fresh_store)
    assert copy["similarity"] == 1.0 and copy["article_id"] == copy["canonical_id"]
    assert copy["source"] == "Rundschau Online"
    again = newsevents.ingest([str(STORIES / "01-de-tagesblatt-warschau.jsonl")], fresh_store)
    assert len(again.known) == 1 and not again.copies


def test_signatures_persist_so_a_later_run_finds_copies(tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    with Store(db) as store:
        newsevents.ingest([str(STORIES / "02-en-courier-warsaw.jsonl")], store)
        assert len(corpus_db.signatures(store, SCHEME)) == 1
    with Store(db) as store:  # tomorrow: the index is rebuilt from the store
        report = newsevents.ingest([str(STORIES / "04-en-courier-warsaw-updated.jsonl")], store)
        assert len(report.copies) == 1


def test_articles_stored_before_the_corpus_step_get_signatures(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        newsevents.ingest([str(STORIES / "02-en-courier-warsaw.jsonl")], store)
        store.db.execute("DELETE FROM article_signatures")
        store.db.execute("DELETE FROM event_reports")
    with Store(db) as store:
        report = newsevents.ingest([str(STORIES / "04-en-courier-warsaw-updated.jsonl")], store)
        assert len(report.copies) == 1
        assert store.db.execute("SELECT count(*) FROM event_reports").fetchone() == (
            store.counts()["events"],
        )
