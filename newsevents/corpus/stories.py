"""Story clusters: articles, in any language, that report the same story.

Two articles are linked when the cosine of their story vectors (`embed.story_text`: title and
lead) is at least `LINK_COSINE` and they were published at most `WINDOW_DAYS` apart; a story is
a connected set of linked articles, named by its smallest article id. Links depend only on the
two articles, so the same articles make the same stories in any order and over any number of
runs. Vectors and links live in the store (`store/stories_db.py`); nothing is held in memory
between articles, and DuckDB scans the vectors of the window for each new article.
"""

from __future__ import annotations

import datetime as dt
import logging

from newsevents.corpus.embed import MODEL, Embedder, story_text
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store import stories_db as sql

log = logging.getLogger(__name__)

# On the SemEval-2022 training pairs, same-story F1 is flat at 0.65-0.67 for cosines of
# 0.87-0.90; links chain, so the stricter end keeps unrelated stories of a busy week apart.
LINK_COSINE = 0.90
WINDOW_DAYS = 7  # reports of one story appear within days of each other
# Cosines of unrelated news stories start around 0.7 (the model puts all news close together);
# the score runs from 0 at LINK_COSINE - SCORE_RANGE to 1 at LINK_COSINE + SCORE_RANGE.
SCORE_RANGE = 0.10


def same_story_score(cosine: float) -> float:
    """A same-story score in [0, 1] from the cosine of two story vectors; 0.5 is the link."""
    return min(1.0, max(0.0, 0.5 + (cosine - LINK_COSINE) / (2 * SCORE_RANGE)))


class StoryIndex:
    """Assigns each stored article to a story and keeps the stories in the store."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    @classmethod
    def load(cls, store: Store, embedder: Embedder) -> StoryIndex:
        """An index over the store, giving a story to articles stored before it existed."""
        index = cls(store, embedder)
        missing = sql.unembedded_articles(store, MODEL)
        if missing:
            log.info("computing %d missing story vectors", len(missing))
            with store.transaction():
                for article_id, title, text, published in missing:
                    index._assign(article_id, story_text(text, title), published)
        return index

    def add(self, article: Article) -> str:
        """Store a processed article's vector and links; return its story id."""
        return self._assign(article.id, story_text(article.text, article.title), article.published)

    def _assign(self, article_id: str, lead: str, published: dt.date | None) -> str:
        vector = self.embedder.embed([lead])[0]
        linked = sql.neighbours(
            self.store, article_id, vector, MODEL, published, WINDOW_DAYS, LINK_COSINE
        )
        sql.save_embedding(self.store, article_id, MODEL, published, vector)
        sql.save_links(self.store, [(article_id, other, score) for other, score in linked])
        # The new article joins every story it links to, and they become one.
        others = [other for other, _ in linked]
        stories = sorted(set(sql.stories_of(self.store, others).values()))
        articles = sorted({article_id, *others, *sql.members(self.store, stories)})
        story_id = articles[0]
        sql.set_story(self.store, articles, story_id)
        return story_id
