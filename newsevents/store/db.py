"""The DuckDB store: one class owns the connection and all SQL.

Writing an article is one transaction: an article already stored (same content hash) adds
nothing, so ingesting the same input twice never duplicates a row.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from newsevents.errors import NotFound, StoreError
from newsevents.records import Actor, Article, is_role
from newsevents.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

INSERT_BATCH_ROWS = 500  # rows per multi-row INSERT; keeps the parameter list moderate

EVENT_COLUMNS = (
    "e.id, e.article_id, e.type, e.mode, e.context, e.is_symmetric, e.date, e.date_precision, "
    "e.date_text, e.date_reason, e.location, e.status, e.planned_type, e.trigger, e.rule, "
    "e.explanation, e.series_body, e.series_session"
)
EVENT_PLACEHOLDERS = ",".join("?" * EVENT_COLUMNS.count("e."))


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
            " (x.id = ? OR x.name ILIKE ? OR list_contains(x.aliases, ?)))"
        )
        params += [f.actor, f"%{f.actor}%", f.actor]
    if f.country:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN actors x ON x.id = ea.actor_id"
            " WHERE ea.event_id = e.id AND ea.role IN ('actor', 'recipient') AND"
            " (upper(x.country) = upper(?) OR x.name ILIKE ?))"
        )
        params += [f.country, f.country]
    if f.text:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_sources s JOIN sentences t ON t.article_id ="
            " s.article_id AND t.idx = s.sentence JOIN articles a2 ON a2.id = s.article_id"
            " WHERE s.event_id = e.id AND contains(lower(a2.text[t.start_char + 1:t.end_char]),"
            " lower(?)))"
        )
        params.append(f.text)
    return " AND ".join(clauses), params


class Store:
    """An event database in a DuckDB file (or in memory with path ':memory:')."""

    def __init__(self, path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return their names."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN TRANSACTION")
            try:
                self.db.execute(sql)
                self.db.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])
                self.db.execute("COMMIT")
            except duckdb.Error as exc:
                self.db.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [
            r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        ]

    # -- writing -------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add(self, article: Article, then: Callable[[Article], None] | None = None) -> bool:
        """Store a processed article with everything attached; False if it was already known.

        `then(article)` runs inside the same transaction (the corpus step's event fusion).
        """
        if self.has_article(article.id):
            return False
        self.db.execute("BEGIN TRANSACTION")
        try:
            self._insert(article)
            if then is not None:
                then(article)
            self.db.execute("COMMIT")
        except duckdb.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"{article.origin}: cannot store article: {exc}") from exc
        return True

    def _insert(self, a: Article) -> None:
        db = self.db
        db.execute(
            "INSERT INTO articles (id, origin, title, url, source, published, language, dateline,"
            " text, duplicate_paragraphs, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                a.id,
                a.origin,
                a.title,
                a.url,
                a.source,
                a.published,
                a.language,
                a.dateline,
                a.text,
                [list(p) for p in a.duplicate_pairs()],
                a.notes,
            ],
        )
        self._many(
            "INSERT INTO paragraphs VALUES (?,?,?,?,?)",
            [(a.id, p.index, p.start, p.end, p.duplicate_of) for p in a.paragraphs],
        )
        self._many(
            "INSERT INTO sentences VALUES (?,?,?,?,?)",
            [(a.id, s.index, s.start, s.end, s.paragraph) for s in a.sentences],
        )
        self._many(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.id,
                    i,
                    m.start,
                    m.end,
                    m.text,
                    m.kind,
                    m.label,
                    m.actor_id,
                    m.country,
                    m.sector,
                    m.role,
                    m.sentence,
                )
                for i, m in enumerate(a.mentions)
            ],
        )
        self._upsert_actors(list(a.actors.values()))
        self._many(
            "INSERT OR IGNORE INTO actor_roles VALUES (?,?,?,?,?,?,?)",
            list(
                {
                    (m.actor_id, m.role): (
                        m.actor_id,
                        m.role,
                        m.country,
                        a.id,
                        a.published,
                        m.start,
                        m.end,
                    )
                    for m in a.mentions
                    if m.kind == "person" and is_role(m.role) and m.actor_id in a.actors
                }.values()
            ),
        )
        counts: dict[str, int] = {}
        for m in a.mentions:
            if m.actor_id in a.actors:
                counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
        self._many(
            "INSERT INTO article_actors VALUES (?,?,?)",
            [(a.id, actor_id, n) for actor_id, n in counts.items()],
        )
        events, roles, spans = [], [], []
        for e in a.events:
            d = e.date
            events.append(
                (
                    e.id,
                    a.id,
                    e.type,
                    e.mode,
                    e.context,
                    e.symmetric,
                    d.value if d else None,
                    d.precision if d else None,
                    d.text if d else None,
                    d.reason if d else None,
                    e.location,
                    e.status,
                    e.planned_type,
                    e.trigger,
                    e.rule,
                    e.explanation,
                    e.series_body,
                    e.series_session,
                )
            )
            roles += role_rows(e.id, e.actors, e.recipients, e.participants, e.sources)
            spans += list(
                dict.fromkeys(
                    (e.id, a.id, s.start, s.end, _sentence_index(a, s.start)) for s in e.evidence
                )
            )
        self._many(
            f"INSERT INTO events ({EVENT_COLUMNS.replace('e.', '')}) VALUES ({EVENT_PLACEHOLDERS})",
            events,
        )
        self._many("INSERT OR IGNORE INTO event_actors VALUES (?,?,?)", roles)
        self._many("INSERT OR IGNORE INTO event_sources VALUES (?,?,?,?,?)", spans)
        self._many(
            "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?)",
            [
                (a.id, i, q.start, q.end, q.text, q.paragraph, q.speakers, q.cue)
                for i, q in enumerate(a.quotes)
            ],
        )

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows with one multi-row statement per batch.

        DuckDB's executemany runs one statement per row (about 10 ms each here); one
        statement with many VALUES tuples is two orders of magnitude faster.
        """
        if not rows:
            return
        head, _, tuple_sql = sql.partition(" VALUES ")
        for first in range(0, len(rows), INSERT_BATCH_ROWS):
            batch = rows[first : first + INSERT_BATCH_ROWS]
            params = [value for row in batch for value in row]
            self.db.execute(f"{head} VALUES {', '.join([tuple_sql] * len(batch))}", params)

    def _upsert_actors(self, actors: Sequence[Actor]) -> None:
        """Insert new actors; merge aliases and roles into those already stored."""
        if not actors:
            return
        ids = [a.id for a in actors]
        existing = {
            row[0]: (row[1] or [], row[2] or [])
            for row in self.db.execute(
                "SELECT id, aliases, roles FROM actors WHERE list_contains(?, id)", [ids]
            ).fetchall()
        }
        fresh = [a for a in actors if a.id not in existing]
        self._many(
            "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.id,
                    a.name,
                    a.kind,
                    a.code,
                    a.sector,
                    a.country,
                    a.lat,
                    a.lon,
                    a.roles,
                    a.aliases,
                    a.members,
                )
                for a in fresh
            ],
        )
        for actor in actors:
            if actor.id not in existing:
                continue
            old_aliases, old_roles = existing[actor.id]
            aliases = list(dict.fromkeys(old_aliases + actor.aliases))
            roles = list(dict.fromkeys(old_roles + actor.roles))
            if aliases == old_aliases and roles == old_roles:
                continue
            self.db.execute(
                "UPDATE actors SET aliases = ?, roles = ?, country = coalesce(country, ?),"
                " code = coalesce(code, ?) WHERE id = ?",
                [aliases, roles, actor.country, actor.code, actor.id],
            )

    # -- reading -------------------------------------------------------------------------
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

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self.db.execute(sql, list(params)).fetchone()
        return int(row[0]) if row else 0

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
            where = "WHERE x.id = ? OR x.name ILIKE ? OR list_contains(x.aliases, ?)"
            params = [query, f"%{query}%", query]
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

    def persons(self) -> list[dict[str, Any]]:
        """Persons seen in text with a role: id, name, country, sector, aliases, roles."""
        return self._rows(
            "SELECT x.id, x.name, x.country, x.sector, x.aliases, x.roles FROM actors x"
            " WHERE x.kind = 'person' AND EXISTS (SELECT 1 FROM actor_roles r"
            " WHERE r.actor_id = x.id) ORDER BY x.id"
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

    def copy_query(self, sql: str, path: Path, fmt: str) -> None:
        """Write a SELECT to a CSV or Parquet file with DuckDB's COPY."""
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        target = str(path).replace("'", "''")
        self.db.execute(f"COPY ({sql}) TO '{target}' ({options})")


def role_rows(
    event_id: str,
    actors: Sequence[str],
    recipients: Sequence[str],
    participants: Sequence[str],
    sources: Sequence[str],
) -> list[tuple[str, str, str]]:
    """The `event_actors` rows of one event, each (actor, role) once."""
    rows = [(event_id, x, "actor") for x in actors]
    rows += [(event_id, x, "recipient") for x in recipients if x not in actors]
    rows += [(event_id, x, "participant") for x in participants]
    rows += [(event_id, x, "source") for x in sources]
    return list(dict.fromkeys(rows))


def _sentence_index(article: Article, offset: int) -> int | None:
    sentence = article.sentence_at(offset)
    return sentence.index if sentence else None


def to_json(value: Any) -> Any:
    """JSON-safe form of store rows (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """Compact JSON for a store row."""
    return json.dumps(to_json(value), ensure_ascii=False)
