"""SQL of story clustering: article vectors, same-story links and each article's story.

Functions take a `Store` and run inside whatever transaction the caller holds (the corpus
step calls them inside `Store.add`'s, so an article and its story commit together).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from newsevents.store.db import Store
from newsevents.store.tables import (
    ARTICLE_BODY_EMBEDDINGS,
    ARTICLE_EMBEDDINGS,
    ARTICLE_STORIES,
    STORY_LINKS,
)


def unembedded_articles(
    store: Store, model: str
) -> list[tuple[str, str | None, str, dt.date | None]]:
    """(id, title, text, published) of stored articles with no vector from this model."""
    rows = store.db.execute(
        "SELECT a.id, a.title, a.text, a.published FROM articles a WHERE NOT EXISTS (SELECT 1"
        " FROM article_embeddings e WHERE e.article_id = a.id AND e.model = ?) ORDER BY a.id",
        [model],
    ).fetchall()
    return [(str(r[0]), r[1], str(r[2]), r[3]) for r in rows]


def save_embedding(
    store: Store, article_id: str, model: str, published: dt.date | None, vector: np.ndarray
) -> None:
    """Store (or replace) an article's vector."""
    store._write(
        ARTICLE_EMBEDDINGS,
        [(article_id, model, published, [float(x) for x in vector])],
        "OR REPLACE",
    )


def unbodied_articles(store: Store, model: str) -> list[tuple[str, str | None, str]]:
    """(id, title, text) of stored articles with no second vector from this model."""
    rows = store.db.execute(
        "SELECT a.id, a.title, a.text FROM articles a WHERE NOT EXISTS (SELECT 1"
        " FROM article_body_embeddings b WHERE b.article_id = a.id AND b.model = ?)"
        " ORDER BY a.id",
        [model],
    ).fetchall()
    return [(str(r[0]), r[1], str(r[2])) for r in rows]


def save_bodies(store: Store, rows: Sequence[tuple[str, str, np.ndarray]]) -> None:
    """Store (or replace) articles' second vectors: (article id, model, vector)."""
    store._write(
        ARTICLE_BODY_EMBEDDINGS,
        [(a, model, [float(x) for x in v]) for a, model, v in rows],
        "OR REPLACE",
    )


def storyless_articles(store: Store, model: str) -> list[tuple[str, dt.date | None]]:
    """(id, published) of articles with a vector from this model but no story, by id."""
    rows = store.db.execute(
        "SELECT e.article_id, e.published FROM article_embeddings e WHERE e.model = ?"
        " AND NOT EXISTS (SELECT 1 FROM article_stories s WHERE s.article_id = e.article_id)"
        " ORDER BY 1",
        [model],
    ).fetchall()
    return [(str(r[0]), r[1]) for r in rows]


class StoryInputs(NamedTuple):
    """What the same-story similarity reads of one stored article."""

    language: str | None
    title: str | None
    head: str  # the first characters of the text
    lead: np.ndarray  # its story vector (title and lead)
    body: np.ndarray  # its second vector (title and the first characters)
    mentions: list[tuple[str, str | None, str | None, int]]  # kind, actor, country, start
    parties: list[str]  # actors and recipients of its events that start within `chars`


def story_inputs(
    store: Store, article_ids: Sequence[str], model: str, body_model: str, chars: int
) -> dict[str, StoryInputs]:
    """`StoryInputs` of the articles that have both vectors, by id; mentions and events only
    where they start before character `chars`, texts cut at twice that."""
    if not article_ids:
        return {}
    marks = ", ".join("?" * len(article_ids))
    ids = list(article_ids)
    rows = store.db.execute(
        "SELECT a.id, a.language, a.title, left(a.text, ?), e.embedding, b.embedding"
        " FROM articles a JOIN article_embeddings e ON e.article_id = a.id AND e.model = ?"
        " JOIN article_body_embeddings b ON b.article_id = a.id AND b.model = ?"
        f" WHERE a.id IN ({marks})",
        [2 * chars, model, body_model, *ids],
    ).fetchall()
    mentions: dict[str, list[tuple[str, str | None, str | None, int]]] = {}
    for article_id, kind, actor_id, country, start in store.db.execute(
        "SELECT article_id, kind, actor_id, country, start_char FROM mentions"
        f" WHERE article_id IN ({marks}) AND start_char < ? ORDER BY article_id, idx",
        [*ids, chars],
    ).fetchall():
        mentions.setdefault(str(article_id), []).append((str(kind), actor_id, country, start))
    parties: dict[str, list[str]] = {}
    for article_id, actors, recipients, spans in store.db.execute(
        "SELECT article_id, actors, recipients, spans FROM event_reports"
        f" WHERE article_id IN ({marks}) ORDER BY id",
        ids,
    ).fetchall():
        if spans and min(span[0] for span in spans) < chars:
            parties.setdefault(str(article_id), []).extend([*(actors or []), *(recipients or [])])
    return {
        str(r[0]): StoryInputs(
            r[1],
            r[2],
            str(r[3]),
            np.asarray(r[4], dtype=np.float32),
            np.asarray(r[5], dtype=np.float32),
            mentions.get(str(r[0]), []),
            parties.get(str(r[0]), []),
        )
        for r in rows
    }


def neighbours(
    store: Store,
    article_id: str,
    vector: np.ndarray,
    model: str,
    published: dt.date | None,
    window_days: int,
    threshold: float,
) -> list[tuple[str, float]]:
    """Stored articles whose vector is at least `threshold` close, within the date window.

    An article without a publication date is compared with every article, and every article
    with it: nothing says the two are far apart in time. A dated article reads only the
    vectors of its window (through the index on `published`) and the undated ones, so its
    cost does not grow with the store.
    """
    if published is None:
        source, window = "article_embeddings", []
    else:
        # Two scans, so that the window's can use the index (an OR of both conditions cannot):
        # 6 ms against 45 ms of CPU in a store of 100,000 vectors.
        source = (
            "(SELECT * FROM article_embeddings WHERE published BETWEEN ? AND ?"
            " UNION ALL SELECT * FROM article_embeddings WHERE published IS NULL)"
        )
        window = [_shift(published, -window_days), _shift(published, window_days)]
    rows = store.db.execute(
        "SELECT article_id, s FROM (SELECT article_id,"
        " array_cosine_similarity(embedding, ?::FLOAT[384]) AS s"
        f" FROM {source} WHERE model = ? AND article_id <> ?) WHERE s >= ? ORDER BY article_id",
        [[float(x) for x in vector], *window, model, article_id, threshold],
    ).fetchall()
    return [(str(r[0]), float(r[1])) for r in rows]


def _shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, clamped to the calendar (a feed's 0001-01-01 or 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def save_links(store: Store, rows: Sequence[tuple[str, str, float]]) -> None:
    """Store (article, other article, same-story score) links, both ways round."""
    both = [(a, b, s) for a, b, s in rows] + [(b, a, s) for a, b, s in rows]
    store._write(STORY_LINKS, both, "OR REPLACE")


def stories_of(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """Story id by article id, for those of the articles that have one."""
    if not article_ids:
        return {}
    rows = store.db.execute(
        "SELECT article_id, story_id FROM article_stories"
        f" WHERE article_id IN ({', '.join('?' * len(article_ids))})",
        list(article_ids),
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def members(store: Store, story_ids: Sequence[str]) -> list[str]:
    """Every article of these stories."""
    if not story_ids:
        return []
    rows = store.db.execute(
        "SELECT article_id FROM article_stories"
        f" WHERE story_id IN ({', '.join('?' * len(story_ids))}) ORDER BY 1",
        list(story_ids),
    ).fetchall()
    return [str(r[0]) for r in rows]


def set_story(store: Store, article_ids: Sequence[str], story_id: str) -> None:
    """Put these articles into one story."""
    store._write(ARTICLE_STORIES, [(a, story_id) for a in article_ids], "OR REPLACE")


_STORY_ROWS = """
    WITH reports AS (
        SELECT s.story_id, a.id,
               coalesce(nullif(a.title, ''), left(split_part(a.text, chr(10), 1), 100)) AS title,
               a.language, a.published,
               coalesce(a.source, a.url, a.id) AS outlet
        FROM article_stories s JOIN articles a ON a.id = s.article_id
        UNION ALL
        SELECT s.story_id, c.article_id,
               coalesce(nullif(c.title, ''), nullif(a.title, ''),
                        left(split_part(a.text, chr(10), 1), 100)) AS title,
               a.language, c.published,
               coalesce(c.source, c.url, c.article_id) AS outlet
        FROM article_stories s JOIN article_copies c ON c.canonical_id = s.article_id
        JOIN articles a ON a.id = s.article_id
    )
    SELECT story_id, count(*) AS articles, count(DISTINCT outlet) AS sources,
           list(DISTINCT language ORDER BY language) FILTER (WHERE language IS NOT NULL)
               AS languages,
           min(published) AS first_published, max(published) AS last_published,
           arg_min(title, coalesce(published, DATE '9999-12-31')) AS title
    FROM reports
"""


def story_rows(
    store: Store, min_articles: int = 1, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Stories with their counts of articles (copies included), outlets and languages; the title
    is the earliest article's (its first line when it has none)."""
    cursor = store.db.execute(
        _STORY_ROWS + " GROUP BY story_id HAVING count(*) >= ?"
        " ORDER BY articles DESC, last_published DESC NULLS LAST, story_id LIMIT ? OFFSET ?",
        [min_articles, limit, offset],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def story_articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The articles of one story (copies beside their canonical article), oldest first."""
    cursor = store.db.execute(
        "SELECT a.id, a.title, a.language, a.published, a.source, a.url,"
        " CAST(NULL AS VARCHAR) AS copy_of FROM article_stories s"
        " JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
        " UNION ALL SELECT c.article_id, c.title, a.language, c.published, c.source, c.url,"
        " c.canonical_id FROM article_stories s JOIN article_copies c"
        " ON c.canonical_id = s.article_id JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id = ? ORDER BY published NULLS LAST, id",
        [story_id, story_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
