"""Reading the store: events with their parties, evidence and reports; articles; actors.

Every query returns plain rows (dicts by column name) that the CLI, the API and the web page
format; values typed by users are always query parameters.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from newsevents.errors import NotFound
from newsevents.store.connection import StoreConnection
from newsevents.store.filters import LIKE_ESCAPE, EventFilter, contains_like, event_where

# The columns of an event row, in the order of the events table (its migrations).
EVENT_COLUMNS = "e.*"


class StoreReader(StoreConnection):
    """The read half of `Store`: events, articles, actors and persons."""

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = (
            "articles",
            "sentences",
            "mentions",
            "actors",
            "events",
            "event_sources",
            "quotes",
        )
        return {t: self._scalar(f"SELECT count(*) FROM {t}") for t in tables}

    def events(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, each with actors, place and evidence."""
        f = where or EventFilter()
        clause, params = event_where(f)
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE {clause}"
            " ORDER BY e.date DESC NULLS LAST, e.id"
        )
        if f.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [f.limit, f.offset]
        rows = self._rows(sql, params)
        return self._decorate(rows)

    def _decorate(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return rows
        ids = [r["id"] for r in rows]
        roles = self._rows(
            "SELECT ea.event_id, ea.role, x.id, x.name, x.code, x.sector, x.country, x.kind"
            " FROM event_actors ea LEFT JOIN actors x ON x.id = ea.actor_id"
            " WHERE list_contains(?, ea.event_id) ORDER BY ea.event_id, ea.role",
            [ids],
        )
        spans = self._rows(
            "SELECT event_id, article_id, start_char, end_char FROM event_sources"
            " WHERE list_contains(?, event_id) ORDER BY event_id, start_char",
            [ids],
        )
        reports = self._rows(
            "SELECT event_id, article_id, copy_of, source, url, published, similarity"
            " FROM event_articles WHERE list_contains(?, event_id)"
            " ORDER BY event_id, published NULLS LAST, copy_of IS NOT NULL, article_id,"
            " source, url",
            [ids],
        )
        article_ids = sorted({r["article_id"] for r in rows} | {s["article_id"] for s in spans})
        articles = {
            a["id"]: a
            for a in self._rows(
                "SELECT id, origin, title, url, source, published, text FROM articles"
                " WHERE list_contains(?, id)",
                [article_ids],
            )
        }
        locations = sorted({r["location"] for r in rows if r["location"]})
        places = {
            p["id"]: p
            for p in self._rows(
                "SELECT id, name, country, lat, lon FROM actors WHERE list_contains(?, id)",
                [locations],
            )
        }
        for row in rows:
            for role in ("actor", "recipient", "participant", "source"):
                row[role + "s"] = [
                    {k: r[k] for k in ("id", "name", "code", "sector", "country", "kind")}
                    for r in roles
                    if r["event_id"] == row["id"] and r["role"] == role
                ]
            article = articles[row["article_id"]]
            row["evidence"] = [
                {
                    "article_id": s["article_id"],
                    "start": s["start_char"],
                    "end": s["end_char"],
                    "text": articles[s["article_id"]]["text"][s["start_char"] : s["end_char"]],
                }
                # The event's own article first, then the other articles fused into it.
                for s in sorted(
                    spans, key=lambda s: (s["article_id"] != row["article_id"], s["article_id"])
                )
                if s["event_id"] == row["id"] and s["article_id"] in articles
            ]
            row["article"] = {
                k: article[k] for k in ("id", "origin", "title", "url", "source", "published")
            }
            row["place"] = places.get(row["location"]) if row["location"] else None
            row["reports"] = [
                {k: r[k] for k in ("article_id", "copy_of", "source", "url", "published")}
                for r in reports
                if r["event_id"] == row["id"]
            ]
            row["article_count"] = len(row["reports"])
            row["source_count"] = len(
                {r["source"] or r["url"] or r["article_id"] for r in row["reports"]}
            )
        return rows

    def event(self, event_id: str) -> dict[str, Any]:
        """One event with actors, evidence and its article's text."""
        rows = self._rows(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?", [event_id])
        if not rows:  # a report fused into another article's event: that event
            rows = self._rows(
                f"SELECT {EVENT_COLUMNS} FROM event_reports r JOIN events e"
                " ON e.id = r.canonical_id WHERE r.id = ?",
                [event_id],
            )
        if not rows:
            raise NotFound(f"no event with id {event_id!r}")
        row = self._decorate(rows)[0]
        row["article"]["text"] = self._rows(
            "SELECT text FROM articles WHERE id = ?", [row["article_id"]]
        )[0]["text"]
        row["series"] = self.series(row["series_body"]) if row["series_body"] else []
        return row

    def series(self, body_id: str) -> list[dict[str, Any]]:
        """Every stored session of a body (numbered or announced), in session order."""
        return self._rows(
            "SELECT e.id, e.series_session AS session, e.type, e.status, e.date,"
            " e.date_precision, x.name AS body FROM events e LEFT JOIN actors x"
            " ON x.id = e.series_body WHERE e.series_body = ?"
            " ORDER BY e.series_session NULLS LAST, e.date NULLS LAST, e.id",
            [body_id],
        )

    def article(self, article_id: str) -> dict[str, Any]:
        """One article with its mentions, quotes and event ids."""
        rows = self._rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise NotFound(f"no article with id {article_id!r}")
        row = rows[0]
        row["mentions"] = self._rows(
            "SELECT * EXCLUDE (article_id) FROM mentions WHERE article_id = ? ORDER BY idx",
            [article_id],
        )
        row["quotes"] = self._rows(
            "SELECT * EXCLUDE (article_id) FROM quotes WHERE article_id = ? ORDER BY idx",
            [article_id],
        )
        row["events"] = [  # the events it reports, also those fused into another's event
            r["event_id"]
            for r in self._rows(
                "SELECT DISTINCT event_id FROM event_sources WHERE article_id = ? ORDER BY 1",
                [article_id],
            )
        ]
        return row

    def articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles without their text, newest ingest first."""
        return self._rows(
            "SELECT a.id, a.origin, a.title, a.url, a.source, a.published, a.language,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
            " FROM articles a ORDER BY a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def actors(self, query: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actors with aliases, roles and counts of articles and events."""
        params: list[Any] = []
        where = ""
        if query:
            where = f"WHERE x.id = ? OR x.name ILIKE ? {LIKE_ESCAPE} OR list_contains(x.aliases, ?)"
            params = [query, contains_like(query), query]
        return self._rows(
            "SELECT x.*, (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = x.id)"
            " AS articles, (SELECT count(DISTINCT event_id) FROM event_actors ea WHERE"
            " ea.actor_id = x.id) AS events FROM actors x "
            f"{where} ORDER BY events DESC, articles DESC, x.id LIMIT ?",
            [*params, limit],
        )

    def actor(self, actor_id: str) -> dict[str, Any]:
        """One actor with its dated roles, and the articles and events it appears in."""
        rows = self._rows("SELECT * FROM actors WHERE id = ?", [actor_id])
        if not rows:
            raise NotFound(f"no actor with id {actor_id!r}")
        row = rows[0]
        row["role_history"] = self._rows(
            "SELECT r.role, r.country, r.published, r.article_id,"
            " a.text[r.start_char + 1 : r.end_char] AS evidence"
            " FROM actor_roles r JOIN articles a ON a.id = r.article_id"
            " WHERE r.actor_id = ? ORDER BY r.published NULLS LAST, r.article_id",
            [actor_id],
        )
        row["articles"] = self._rows(
            "SELECT a.id, a.title, a.origin, a.published, aa.mentions FROM article_actors aa"
            " JOIN articles a ON a.id = aa.article_id WHERE aa.actor_id = ? ORDER BY a.id",
            [actor_id],
        )
        row["events"] = self.events(EventFilter(actor=actor_id, limit=None))
        return row

    def persons(self, ids: Collection[str] | None = None) -> list[dict[str, Any]]:
        """Persons seen in text with a role: id, name, country, sector, aliases, roles; all of
        them, or those with these ids (an index lookup, not a scan: ingest asks after every
        stored article)."""
        where, params = "", []
        if ids is not None:
            if not ids:
                return []
            params = sorted(ids)
            where = f" AND x.id IN ({', '.join('?' * len(params))})"
        return self._rows(
            "SELECT x.id, x.name, x.country, x.sector, x.aliases, x.roles FROM actors x"
            " WHERE x.kind = 'person' AND EXISTS (SELECT 1 FROM actor_roles r"
            f" WHERE r.actor_id = x.id){where} ORDER BY x.id",
            params,
        )

    def iter_events(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event, decorated, in batches (for export)."""
        offset = 0
        while True:
            rows = self.events(EventFilter(limit=batch, offset=offset))
            if not rows:
                return
            yield from rows
            offset += batch
