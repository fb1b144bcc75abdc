"""Filters of the events list: `EventFilter` and the WHERE clause it stands for.

`Store.events` and the web queries (store/web_queries.py) share `event_where`, so the CLI, the
API and the web page filter events the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Every ILIKE pattern is built by `like`/`contains_like` and ends with this clause, so a `%` or
# `_` a user typed matches itself ("actor=%" finds no actor but one named "%").
LIKE_ESCAPE = "ESCAPE '\\'"


def like(value: str) -> str:
    """`value` as an ILIKE pattern that matches it literally (wildcards escaped)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_like(value: str) -> str:
    """An ILIKE pattern for text containing `value` literally."""
    return f"%{like(value)}%"


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Filters of `Store.events`; every value is passed as a query parameter, never spliced."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    status: str | None = None
    article: str | None = None
    min_sources: int | None = None  # at least this many distinct outlets report the event
    min_articles: int | None = None  # at least this many articles (copies included) report it
    story: str | None = None  # reported by an article of this story cluster
    limit: int | None = 100
    offset: int = 0


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over `events e` and its parameters for a filter; values are always
    parameters, never spliced into the SQL."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if f.type:
        clauses.append("upper(e.type) = upper(?)")
        params.append(f.type)
    if f.status:
        clauses.append("e.status = ?")
        params.append(f.status)
    if f.since:
        clauses.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("e.date <= ?")
        params.append(f.until)
    if f.article:  # events the article reports, also those fused into another's event
        clauses.append(
            "EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.article_id = ?)"
        )
        params.append(f.article)
    if f.min_sources:
        clauses.append("(SELECT c.sources FROM event_source_counts c WHERE c.event_id = e.id) >= ?")
        params.append(f.min_sources)
    if f.min_articles:
        clauses.append(
            "(SELECT c.articles FROM event_source_counts c WHERE c.event_id = e.id) >= ?"
        )
        params.append(f.min_articles)
    if f.story:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_sources s JOIN article_stories st ON st.article_id ="
            " s.article_id WHERE s.event_id = e.id AND st.story_id = ?)"
        )
        params.append(f.story)
    if f.actor:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN actors x ON x.id = ea.actor_id"
            " WHERE ea.event_id = e.id AND ea.role IN ('actor', 'recipient') AND"
            f" (x.id = ? OR x.name ILIKE ? {LIKE_ESCAPE} OR list_contains(x.aliases, ?)))"
        )
        params += [f.actor, contains_like(f.actor), f.actor]
    if f.country:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN actors x ON x.id = ea.actor_id"
            " WHERE ea.event_id = e.id AND ea.role IN ('actor', 'recipient') AND"
            f" (upper(x.country) = upper(?) OR x.name ILIKE ? {LIKE_ESCAPE}))"
        )
        params += [f.country, like(f.country)]
    if f.text:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_sources s JOIN sentences t ON t.article_id ="
            " s.article_id AND t.idx = s.sentence JOIN articles a2 ON a2.id = s.article_id"
            " WHERE s.event_id = e.id AND contains(lower(a2.text[t.start_char + 1:t.end_char]),"
            " lower(?)))"
        )
        params.append(f.text)
    return " AND ".join(clauses), params
