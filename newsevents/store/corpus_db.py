"""SQL of the corpus step: signatures, article copies, event reports and fused events.

Functions take a `Store` and run inside whatever transaction the caller holds; fusion runs
inside `Store.add`'s transaction, so an article, its reports and the re-fused events commit
together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsevents.corpus.fusion import FusedEvent, Report
from newsevents.records import Article, Event
from newsevents.store.db import Store
from newsevents.store.reader import EVENT_COLUMNS
from newsevents.store.tables import (
    ARTICLE_BANDS,
    ARTICLE_COPIES,
    ARTICLE_SIGNATURES,
    EVENT_ACTORS,
    EVENT_REPORTS,
    EVENT_SOURCES,
    EVENTS,
)
from newsevents.store.writer import party_rows


# -- signatures and copies ---------------------------------------------------------------
def signatures(store: Store, scheme: str) -> list[tuple[str, bytes]]:
    """(article id, signature) of every stored signature made with this scheme."""
    rows = store.db.execute(
        "SELECT article_id, signature FROM article_signatures WHERE scheme = ? ORDER BY 1",
        [scheme],
    ).fetchall()
    return [(str(r[0]), bytes(r[1])) for r in rows]


def unsigned_articles(store: Store, scheme: str) -> list[tuple[str, str]]:
    """(id, text) of stored articles with no signature of this scheme (older stores)."""
    rows = store.db.execute(
        "SELECT a.id, a.text FROM articles a WHERE NOT EXISTS (SELECT 1 FROM"
        " article_signatures s WHERE s.article_id = a.id AND s.scheme = ?) ORDER BY a.id",
        [scheme],
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def save_signatures(store: Store, rows: Sequence[tuple[str, str, bytes]]) -> None:
    """Store (article id, scheme, signature) rows, replacing an older signature."""
    store._write(ARTICLE_SIGNATURES, rows, "OR REPLACE")


def texts(store: Store, ids: list[str]) -> dict[str, str]:
    """Texts of stored articles by id (an index lookup per id)."""
    if not ids:
        return {}
    rows = store.db.execute(
        f"SELECT id, text FROM articles WHERE id IN ({', '.join('?' * len(ids))})", list(ids)
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def save_bands(store: Store, rows: Sequence[tuple[str, list[int]]]) -> None:
    """Store the LSH band keys of (article id, keys) rows, replacing an article's older keys."""
    if not rows:
        return
    ids = [article_id for article_id, _ in rows]
    store.db.execute(
        f"DELETE FROM article_bands WHERE article_id IN ({', '.join('?' * len(ids))})", ids
    )
    store._write(ARTICLE_BANDS, [(key, article_id) for article_id, keys in rows for key in keys])


def band_candidates(store: Store, keys: list[int]) -> list[str]:
    """Ids of stored articles that share an LSH band key with these (an index lookup per key)."""
    if not keys:
        return []
    rows = store.db.execute(
        "SELECT DISTINCT article_id FROM article_bands"
        f" WHERE band_key IN ({', '.join('?' * len(keys))})",
        list(keys),
    ).fetchall()
    return [str(r[0]) for r in rows]


def unbanded_signatures(store: Store, scheme: str) -> list[tuple[str, bytes]]:
    """(article id, signature) of signatures of this scheme with no band keys (older stores)."""
    rows = store.db.execute(
        "SELECT s.article_id, s.signature FROM article_signatures s WHERE s.scheme = ?"
        " AND NOT EXISTS (SELECT 1 FROM article_bands b WHERE b.article_id = s.article_id)"
        " ORDER BY 1",
        [scheme],
    ).fetchall()
    return [(str(r[0]), bytes(r[1])) for r in rows]


def role_actor_ids(store: Store) -> set[str]:
    """Ids of every actor seen with a role (`actor_roles`)."""
    return {
        str(r[0]) for r in store.db.execute("SELECT DISTINCT actor_id FROM actor_roles").fetchall()
    }


def copy_known(store: Store, article_id: str, source: str | None, url: str | None) -> bool:
    """Whether this text under this source and URL is stored, as an article or a copy."""
    row = store.db.execute(
        "SELECT 1 FROM articles WHERE id = ? AND source IS NOT DISTINCT FROM ?"
        " AND url IS NOT DISTINCT FROM ? UNION ALL SELECT 1 FROM article_copies"
        " WHERE article_id = ? AND source IS NOT DISTINCT FROM ? AND url IS NOT DISTINCT FROM ?",
        [article_id, source, url, article_id, source, url],
    ).fetchone()
    return row is not None


def add_copy(
    store: Store, article: Article, article_id: str, canonical_id: str, similarity: float
) -> None:
    """Record an article as a copy of a stored one."""
    store._write(
        ARTICLE_COPIES,
        [
            (
                article_id,
                canonical_id,
                similarity,
                article.source,
                article.url,
                article.origin,
                article.title,
                article.published,
            )
        ],
    )


def copies(store: Store, canonical_id: str | None = None) -> list[dict[str, Any]]:
    """Recorded copies, of one canonical article or of all, oldest first."""
    where, params = ("WHERE canonical_id = ?", [canonical_id]) if canonical_id else ("", [])
    return store._rows(
        "SELECT article_id, canonical_id, similarity, source, url, origin, title, published"
        f" FROM article_copies {where} ORDER BY ingested_at, article_id, source, url",
        params,
    )


# -- reports and fused events --------------------------------------------------------------
def add_reports(store: Store, reports: Sequence[Report]) -> None:
    """Store new reports, each its own canonical until fusion says otherwise."""
    store._write(
        EVENT_REPORTS,
        [
            EVENT_REPORTS.row(
                r.event, r.id, r.key, r.article_id, r.published, [list(s) for s in r.spans]
            )
            for r in reports
        ],
        "OR REPLACE",
    )


def _report(row: dict[str, Any]) -> Report:
    """A report from an `event_reports` row (or an events row with the report's columns)."""
    return Report(
        event=Event(**EVENT_REPORTS.values(row)),
        article_id=row["article_id"],
        key=row["fusion_key"],
        published=row["published"],
        spans=[(int(s[0]), int(s[1]), s[2]) for s in row["spans"] or []],
        canonical_id=row.get("canonical_id"),
    )


def fusion_keys(store: Store) -> set[str]:
    """Every fusion key with a stored report."""
    rows = store.db.execute("SELECT DISTINCT fusion_key FROM event_reports").fetchall()
    return {str(r[0]) for r in rows}


def group_reports(store: Store, keys: list[str]) -> dict[str, list[Report]]:
    """Every stored report of these fusion keys, by key."""
    groups: dict[str, list[Report]] = {k: [] for k in keys}
    marks = ", ".join("?" * len(keys))
    for row in store._rows(f"SELECT * FROM event_reports WHERE fusion_key IN ({marks})", keys):
        groups[row["fusion_key"]].append(_report(row))
    return groups


def write_group(store: Store, reports: list[Report], fused: list[FusedEvent]) -> None:
    """Replace the stored events of a group's reports by its fused events."""
    ids = [r.id for r in reports]
    marks = ", ".join("?" * len(ids))
    for table, column in (("events", "id"), ("event_actors", "event_id")):
        store.db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", ids)
    store.db.execute(f"DELETE FROM event_sources WHERE event_id IN ({marks})", ids)
    roles, spans, canonical = [], [], []
    for f in fused:
        roles += party_rows(f.event)
        for r in f.reports:
            spans += [(f.event.id, r.article_id, s, e, n) for s, e, n in r.spans]
            canonical.append((r.id, f.event.id))
    store._write(EVENTS, [EVENTS.row(f.event, f.canonical.article_id) for f in fused])
    store._write(EVENT_ACTORS, roles, "OR IGNORE")
    store._write(EVENT_SOURCES, spans, "OR IGNORE")
    report_ids = [r for r, _ in canonical]
    store.db.execute(
        "UPDATE event_reports SET canonical_id = m.canonical FROM (SELECT unnest(?) AS id,"
        " unnest(?) AS canonical) m WHERE event_reports.id = m.id"
        f" AND event_reports.id IN ({', '.join('?' * len(report_ids))})",
        [report_ids, [c for _, c in canonical], *report_ids],
    )


def unreported_events(store: Store) -> list[Report]:
    """Stored events with no report (stored before the corpus step existed), as reports."""
    from newsevents.corpus.fusion import fusion_key

    rows = store._rows(
        f"SELECT {EVENT_COLUMNS}, a.published AS published FROM events e"
        " LEFT JOIN articles a ON a.id = e.article_id"
        " WHERE NOT EXISTS (SELECT 1 FROM event_reports r WHERE r.canonical_id = e.id)"
        " ORDER BY e.id"
    )
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    roles: dict[str, dict[str, list[str]]] = {}
    for event_id, actor_id, role in store.db.execute(
        "SELECT event_id, actor_id, role FROM event_actors WHERE list_contains(?, event_id)"
        " ORDER BY event_id, role, actor_id",
        [ids],
    ).fetchall():
        roles.setdefault(event_id, {}).setdefault(role, []).append(actor_id)
    spans: dict[str, list[tuple[int, int, int | None]]] = {}
    for event_id, start, end, sentence in store.db.execute(
        "SELECT event_id, start_char, end_char, sentence FROM event_sources"
        " WHERE list_contains(?, event_id) ORDER BY event_id, start_char",
        [ids],
    ).fetchall():
        spans.setdefault(event_id, []).append((start, end, sentence))
    reports = []
    for row in rows:
        parts = roles.get(row["id"], {})
        actors, recipients = parts.get("actor", []), parts.get("recipient", [])
        sym = bool(row["is_symmetric"])
        reports.append(
            _report(
                {
                    **row,
                    "fusion_key": fusion_key(row["type"], row["status"], sym, actors, recipients),
                    "actors": actors,
                    "recipients": recipients,
                    "participants": parts.get("participant", []),
                    "sources": parts.get("source", []),
                    "spans": spans.get(row["id"], []),
                }
            )
        )
    return reports


def event_counts(store: Store, event_ids: list[str]) -> dict[str, tuple[int, int]]:
    """(articles, distinct sources) reporting each event."""
    rows = store.db.execute(
        "SELECT event_id, articles, sources FROM event_source_counts"
        " WHERE list_contains(?, event_id)",
        [event_ids],
    ).fetchall()
    return {str(r[0]): (int(r[1]), int(r[2])) for r in rows}
