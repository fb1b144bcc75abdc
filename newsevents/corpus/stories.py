"""Story clusters: articles, in any language, that report the same story.

Each article has two story vectors (`embed.story_inputs`: its title and lead, and its title and
first 1,300 characters). For a new article:

1. Candidates: the stored articles published at most `WINDOW_DAYS` apart (or undated) whose lead
   vector has a cosine of at least `CANDIDATE_COSINE` with its own, found in DuckDB.
2. Each candidate pair is scored by the same-story model (`corpus/similarity.py`) from what is
   stored about both articles: their vectors, languages, mentions and events. Nothing is
   analysed again.
3. A pair is linked when the model's similarity reaches its link threshold (a same-story score
   of 0.5); the score is stored with the link.

A story is a connected set of linked articles, named by its smallest article id. A link depends
only on the two articles and the frozen model, so the same articles make the same stories in
any order and over any number of runs. Vectors and links live in the store
(`store/stories_db.py`); nothing is held in memory between articles.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsevents.corpus.embed import BODY_CHARS, MODEL, Embedder, body_text, story_inputs
from newsevents.corpus.similarity import (
    LanguageMeans,
    StoryModel,
    feature_rows,
    make_profile,
    shipped,
)
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store import stories_db as sql

log = logging.getLogger(__name__)

BODY_MODEL = f"{MODEL}:title+{BODY_CHARS}"  # stored beside each second vector
WINDOW_DAYS = 7  # reports of one story appear within days of each other
# On the SemEval-2022 development pairs, the pairs the model links on cross-validated
# predictions all have a raw lead cosine of 0.853 or more (scripts/train_story_model.py), and
# a third of the unrelated pairs (gold >= 3.5) reach 0.82: the model scores few pairs and
# misses none it would link.
CANDIDATE_COSINE = 0.83
# DuckDB's cosine and numpy's may differ in the last bits: DuckDB fetches a little more, and the
# threshold is applied to numpy's cosine, which is the same whichever article comes first.
FETCH_MARGIN = 1e-4
EMBED_BATCH = 16  # articles embedded in one call when a store's vectors are filled in


class StoryIndex:
    """Assigns each stored article to a story and keeps the stories in the store."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        model: tuple[StoryModel, LanguageMeans] | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.model, self.means = model or shipped()

    @classmethod
    def load(cls, store: Store, embedder: Embedder) -> StoryIndex:
        """An index over the store: articles stored before it existed, or before the second
        vector, get their vectors and their story."""
        index = cls(store, embedder)
        with store.transaction():
            leads = sql.unembedded_articles(store, MODEL)
            if leads:
                log.info("computing %d missing story vectors", len(leads))
                for start in range(0, len(leads), EMBED_BATCH):
                    batch = leads[start : start + EMBED_BATCH]
                    vectors = embedder.embed(
                        [t for _, title, text, _ in batch for t in story_inputs(text, title)]
                    )
                    for n, (article_id, _, _, published) in enumerate(batch):
                        sql.save_embedding(store, article_id, MODEL, published, vectors[2 * n])
                        sql.save_bodies(store, [(article_id, BODY_MODEL, vectors[2 * n + 1])])
            bodies = sql.unbodied_articles(store, BODY_MODEL)
            if bodies:
                log.info("computing %d missing second story vectors", len(bodies))
                for start in range(0, len(bodies), EMBED_BATCH):
                    chunk = bodies[start : start + EMBED_BATCH]
                    vectors = embedder.embed([body_text(text, title) for _, title, text in chunk])
                    sql.save_bodies(
                        store,
                        [(a, BODY_MODEL, v) for (a, _, _), v in zip(chunk, vectors, strict=True)],
                    )
            for article_id, published in sql.storyless_articles(store, MODEL):
                index._link(article_id, published)
        return index

    def add(self, article: Article) -> str:
        """Store a processed article's vectors and links; return its story id."""
        return self.add_many([article])[0]

    def add_many(self, articles: Sequence[Article]) -> list[str]:
        """`add` for several stored articles, their vectors made in one batch, linked in order."""
        vectors = self.embedder.embed([t for a in articles for t in story_inputs(a.text, a.title)])
        stories = []
        for n, article in enumerate(articles):
            sql.save_embedding(self.store, article.id, MODEL, article.published, vectors[2 * n])
            sql.save_bodies(self.store, [(article.id, BODY_MODEL, vectors[2 * n + 1])])
            stories.append(self._link(article.id, article.published))
        return stories

    def _link(self, article_id: str, published: dt.date | None) -> str:
        """Link a stored article (vectors included) to its stored neighbours; its story id."""
        lead = sql.story_inputs(self.store, [article_id], MODEL, BODY_MODEL, BODY_CHARS)
        if article_id not in lead:
            raise LookupError(f"{article_id}: no story vectors stored")
        near = sql.neighbours(
            self.store,
            article_id,
            lead[article_id].lead,
            MODEL,
            published,
            WINDOW_DAYS,
            CANDIDATE_COSINE - FETCH_MARGIN,
        )
        linked = self.score(article_id, [other for other, _ in near])
        sql.save_links(self.store, [(article_id, other, score) for other, score in linked])
        # The article joins every story it links to, and they become one.
        others = [other for other, _ in linked]
        stories = sorted(set(sql.stories_of(self.store, [article_id, *others]).values()))
        articles = sorted({article_id, *others, *sql.members(self.store, stories)})
        sql.set_story(self.store, articles, articles[0])
        return articles[0]

    def score(self, article_id: str, others: Sequence[str]) -> list[tuple[str, float]]:
        """(other id, same-story score) of the candidates this article links to."""
        if not others:
            return []
        inputs = sql.story_inputs(self.store, [article_id, *others], MODEL, BODY_MODEL, BODY_CHARS)
        ids = sorted(inputs)
        leads = [inputs[a].lead for a in ids]
        me = ids.index(article_id)
        pairs = []
        for other in others:
            if other not in inputs:
                continue
            # Each pair in id order, so that it is computed the same whichever came first.
            i, j = sorted((me, ids.index(other)))
            if _cosine(leads[i], leads[j]) >= CANDIDATE_COSINE:
                pairs.append((i, j))
        if not pairs:
            return []
        profiles = [
            make_profile(x.language, body_text(x.head, x.title), x.mentions, x.parties)
            for x in (inputs[a] for a in ids)
        ]
        vectors = {
            "lead": np.stack(leads),
            "body": np.stack([inputs[a].body for a in ids]),
        }
        rows = feature_rows(
            self.model.features,
            self.model.analysed_languages,
            self.means,
            pairs,
            profiles,
            vectors,
        )
        similarity = self.model.similarity(rows)
        return [
            (ids[j] if ids[i] == article_id else ids[i], round(self.model.score(s), 6))
            for (i, j), s in zip(pairs, similarity, strict=True)
            if s >= self.model.link
        ]


def _cosine(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    """Cosine of two stored (unit-length) vectors."""
    return float(a @ b / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-12))
