"""Read queries that the web interface needs beyond `Store`: paging, sorting, counts, network.

Every function takes an open `Store` and returns plain rows. Values typed by users are always
query parameters; the few SQL fragments chosen by the caller (sort column, time bucket) are
looked up in the whitelists below, never spliced from input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.store.db import Store
from newsevents.store.filters import LIKE_ESCAPE, EventFilter, contains_like, event_where
from newsevents.store.reader import EVENT_COLUMNS

# Sort keys of the events list -> SQL expression (whitelist: the key never reaches SQL).
EVENT_SORTS: dict[str, str] = {
    "date": "e.date",
    "type": "e.type",
    "status": "e.status",
    "published": "(SELECT a.published FROM articles a WHERE a.id = e.article_id)",
    "id": "e.id",
}
# Time buckets of the counts -> the date part given to date_trunc.
INTERVALS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "year": "year"}
# Roles that make an actor a party to an event (sources only report it).
PARTY_ROLES = ("actor", "recipient", "participant")


def search_events(
    store: Store, f: EventFilter, sort: str = "date", descending: bool = True
) -> tuple[list[dict[str, Any]], int]:
    """A page of events matching the filter, sorted, decorated like `Store.events`; the total."""
    where, params = event_where(f)
    total = store._scalar(f"SELECT count(*) FROM events e WHERE {where}", params)
    direction = "DESC NULLS LAST" if descending else "ASC NULLS LAST"
    order = f"{EVENT_SORTS[sort]} {direction}, e.date DESC NULLS LAST, e.id"
    sql = f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where} ORDER BY {order}"
    page_params = list(params)
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        page_params += [f.limit, f.offset]
    rows = store._rows(sql, page_params)
    return store._decorate(rows), total


def event_counts(
    store: Store, f: EventFilter, interval: str = "month", by: str = "type"
) -> list[dict[str, Any]]:
    """Events per time bucket (day, week, month, year) and per type or per actor pair.

    For `by="pair"` a directed event counts once per (actor, recipient); a symmetric event
    without recipients counts once per unordered pair of its actors. Undated events are left out.
    """
    where, params = event_where(f)
    part = INTERVALS[interval]
    period = f"date_trunc('{part}', e.date)::DATE"
    if by == "type":
        return store._rows(
            f"SELECT {period} AS period, e.type AS type, count(*) AS count FROM events e"
            f" WHERE e.date IS NOT NULL AND {where} GROUP BY ALL ORDER BY period, type",
            params,
        )
    return store._rows(
        "WITH parties AS (SELECT event_id, actor_id, role FROM event_actors"
        "  WHERE role IN ('actor', 'recipient')),"
        " pairs AS ("
        "  SELECT a.event_id, a.actor_id AS actor, r.actor_id AS recipient FROM parties a"
        "  JOIN parties r ON r.event_id = a.event_id AND a.role = 'actor'"
        "   AND r.role = 'recipient' AND r.actor_id <> a.actor_id"
        "  UNION ALL"
        "  SELECT a.event_id, a.actor_id, b.actor_id FROM parties a"
        "  JOIN parties b ON b.event_id = a.event_id AND a.role = 'actor' AND b.role = 'actor'"
        "   AND a.actor_id < b.actor_id"
        "  WHERE NOT EXISTS (SELECT 1 FROM parties r WHERE r.event_id = a.event_id"
        "   AND r.role = 'recipient'))"
        f" SELECT {period} AS period, p.actor, xa.name AS actor_name, p.recipient,"
        " xr.name AS recipient_name, count(*) AS count"
        " FROM pairs p JOIN events e ON e.id = p.event_id"
        " LEFT JOIN actors xa ON xa.id = p.actor LEFT JOIN actors xr ON xr.id = p.recipient"
        f" WHERE e.date IS NOT NULL AND {where}"
        " GROUP BY ALL ORDER BY period, count DESC, p.actor, p.recipient",
        params,
    )


def actor_network(
    store: Store, actor_id: str, relations: Mapping[str, Sequence[str]], limit: int = 40
) -> list[dict[str, Any]]:
    """The actors that share events with one actor, with counts per relation.

    `relations` maps a relation name (meets, cooperates, conflicts) to the event types it
    covers; the result has one row per other actor with a `relation -> count` column each,
    most frequent partners first.
    """
    names = list(relations)
    columns = ", ".join(
        f"count(DISTINCT e.id) FILTER (WHERE list_contains(?, e.type)) AS rel{i}"
        for i in range(len(names))
    )
    params: list[Any] = [list(relations[n]) for n in names]
    rows = store._rows(
        f"SELECT o.actor_id AS id, x.name, x.kind, x.code, count(DISTINCT e.id) AS events,"
        f" {columns} FROM event_actors me"
        " JOIN event_actors o ON o.event_id = me.event_id AND o.actor_id <> me.actor_id"
        " JOIN events e ON e.id = me.event_id LEFT JOIN actors x ON x.id = o.actor_id"
        " WHERE me.actor_id = ? AND list_contains(?, me.role) AND list_contains(?, o.role)"
        " GROUP BY ALL ORDER BY events DESC, o.actor_id LIMIT ?",
        [*params, actor_id, list(PARTY_ROLES), list(PARTY_ROLES), limit],
    )
    for row in rows:
        row["relations"] = {n: row.pop(f"rel{i}") for i, n in enumerate(names)}
    return rows


def list_actors(
    store: Store,
    query: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """One page of actors matching a name/alias/id and a kind, most active first; and the total."""
    clauses, params = ["TRUE"], []
    if query:
        clauses.append(
            f"(x.id = ? OR x.name ILIKE ? {LIKE_ESCAPE} OR list_contains(x.aliases, ?)"
            f" OR array_to_string(coalesce(x.aliases, []), chr(10)) ILIKE ? {LIKE_ESCAPE})"
        )
        params += [query, contains_like(query), query, contains_like(query)]
    if kind:
        clauses.append("x.kind = ?")
        params.append(kind)
    where = " AND ".join(clauses)
    total = store._scalar(f"SELECT count(*) FROM actors x WHERE {where}", params)
    rows = store._rows(
        "SELECT x.id, x.name, x.kind, x.code, x.sector, x.country, x.aliases, x.roles,"
        " (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = x.id) AS articles,"
        " (SELECT count(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = x.id)"
        f" AS events FROM actors x WHERE {where}"
        " ORDER BY events DESC, articles DESC, x.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, total


def actor_kinds(store: Store) -> list[str]:
    """The kinds of actor in the store (country, person, organization, ...)."""
    return [r["kind"] for r in store._rows("SELECT DISTINCT kind FROM actors ORDER BY kind")]


def list_articles(
    store: Store, query: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of articles (without text) whose title or origin matches; and the total."""
    where, params = "TRUE", []
    if query:
        where = f"(a.title ILIKE ? {LIKE_ESCAPE} OR a.origin ILIKE ? {LIKE_ESCAPE} OR a.id = ?)"
        params = [contains_like(query), contains_like(query), query]
    total = store._scalar(f"SELECT count(*) FROM articles a WHERE {where}", params)
    rows = store._rows(
        "SELECT a.id, a.origin, a.title, a.url, a.source, a.published, a.language,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
        f" FROM articles a WHERE {where}"
        " ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return rows, total


def event_types_present(store: Store) -> list[str]:
    """The event types that occur in the store, most frequent first."""
    rows = store._rows("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC, type")
    return [r["type"] for r in rows]
