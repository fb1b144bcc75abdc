"""SQL of story clustering: article vectors, same-story links and each article's story.

Functions take a `Store` and run inside whatever transaction the caller holds (the corpus
step calls them inside `Store.add`'s, so an article and its story commit together).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsevents.store.db import Store
from newsevents.store.tables import ARTICLE_EMBEDDINGS, ARTICLE_STORIES, STORY_LINKS


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
    with it: nothing says the two are far apart in time.
    """
    rows = store.db.execute(
        "SELECT article_id, s FROM (SELECT article_id, published,"
        " array_cosine_similarity(embedding, ?::FLOAT[384]) AS s FROM article_embeddings"
        " WHERE model = ? AND article_id <> ?) WHERE s >= ? AND (published IS NULL OR"
        " CAST(? AS DATE) IS NULL OR abs(date_diff('day', published, CAST(? AS DATE))) <= ?)"
        " ORDER BY article_id",
        [
            [float(x) for x in vector],
            model,
            article_id,
            threshold,
            published,
            published,
            window_days,
        ],
    ).fetchall()
    return [(str(r[0]), float(r[1])) for r in rows]


def save_links(store: Store, rows: Sequence[tuple[str, str, float]]) -> None:
    """Store (article, other article, cosine) links, both ways round."""
    both = [(a, b, s) for a, b, s in rows] + [(b, a, s) for a, b, s in rows]
    store._write(STORY_LINKS, both, "OR REPLACE")


def stories_of(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """Story id by article id, for those of the articles that have one."""
    if not article_ids:
        return {}
    rows = store.db.execute(
        "SELECT article_id, story_id FROM article_stories WHERE list_contains(?, article_id)",
        [list(article_ids)],
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def members(store: Store, story_ids: Sequence[str]) -> list[str]:
    """Every article of these stories."""
    if not story_ids:
        return []
    rows = store.db.execute(
        "SELECT article_id FROM article_stories WHERE list_contains(?, story_id) ORDER BY 1",
        [list(story_ids)],
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
