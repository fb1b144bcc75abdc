"""SQL of the corpus step: signatures, article copies, event reports and fused events.

Functions take a `Store` and run inside whatever transaction the caller holds; fusion runs
inside `Store.add`'s transaction, so an article, its reports and the re-fused events commit
together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsevents.corpus.fusion import FusedEvent, Report
from newsevents.records import Article
from newsevents.store.db import EVENT_COLUMNS, EVENT_PLACEHOLDERS, Store, role_rows

REPORT_COLUMNS = (
    "id, canonical_id, fusion_key, article_id, published, type, mode, context, is_symmetric,"
    " date, date_precision, date_text, date_reason, location, status, planned_type, trigger,"
    " rule, explanation, actors, recipients, participants, sources, spans, series_body,"
    " series_session"
)


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
    store._many("INSERT OR REPLACE INTO article_signatures VALUES (?,?,?)", rows)


def texts(store: Store, ids: list[str]) -> dict[str, str]:
    """Texts of stored articles by id."""
    rows = store.db.execute(
        "SELECT id, text FROM articles WHERE list_contains(?, id)", [ids]
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


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
    store.db.execute(
        "INSERT INTO article_copies (article_id, canonical_id, similarity, source, url, origin,"
        " title, published) VALUES (?,?,?,?,?,?,?,?)",
        [
            article_id,
            canonical_id,
            similarity,
            article.source,
            article.url,
            article.origin,
            article.title,
            article.published,
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
def _report_row(r: Report, canonical_id: str) -> tuple[Any, ...]:
    return (
        r.id,
        canonical_id,
        r.key,
        r.article_id,
        r.published,
        r.type,
        r.mode,
        r.context,
        r.symmetric,
        r.date,
        r.date_precision,
        r.date_text,
        r.date_reason,
        r.location,
        r.status,
        r.planned_type,
        r.trigger,
        r.rule,
        r.explanation,
        r.actors,
        r.recipients,
        r.participants,
        r.sources,
        [list(s) for s in r.spans],
        r.series_body,
        r.series_session,
    )


def add_reports(store: Store, reports: Sequence[Report]) -> None:
    """Store new reports, each its own canonical until fusion says otherwise."""
    store._many(
        f"INSERT OR REPLACE INTO event_reports ({REPORT_COLUMNS}) VALUES ({','.join('?' * 26)})",
        [_report_row(r, r.id) for r in reports],
    )


def _report(row: dict[str, Any]) -> Report:
    return Report(
        id=row["id"],
        article_id=row["article_id"],
        key=row["fusion_key"],
        type=row["type"],
        status=row["status"],
        published=row["published"],
        symmetric=bool(row["is_symmetric"]),
        mode=row["mode"],
        context=list(row["context"] or []),
        date=row["date"],
        date_precision=row["date_precision"],
        date_text=row["date_text"],
        date_reason=row["date_reason"],
        location=row["location"],
        planned_type=row["planned_type"],
        trigger=row["trigger"] or "",
        rule=row["rule"] or "",
        explanation=list(row["explanation"] or []),
        actors=list(row["actors"] or []),
        recipients=list(row["recipients"] or []),
        participants=list(row["participants"] or []),
        sources=list(row["sources"] or []),
        spans=[(int(s[0]), int(s[1]), s[2]) for s in row["spans"] or []],
        canonical_id=row.get("canonical_id"),
        series_body=row.get("series_body"),
        series_session=row.get("series_session"),
    )


def fusion_keys(store: Store) -> set[str]:
    """Every fusion key with a stored report."""
    rows = store.db.execute("SELECT DISTINCT fusion_key FROM event_reports").fetchall()
    return {str(r[0]) for r in rows}


def group_reports(store: Store, keys: list[str]) -> dict[str, list[Report]]:
    """Every stored report of these fusion keys, by key."""
    groups: dict[str, list[Report]] = {k: [] for k in keys}
    for row in store._rows(
        f"SELECT {REPORT_COLUMNS} FROM event_reports WHERE list_contains(?, fusion_key)", [keys]
    ):
        groups[row["fusion_key"]].append(_report(row))
    return groups


def write_group(store: Store, reports: list[Report], fused: list[FusedEvent]) -> None:
    """Replace the stored events of a group's reports by its fused events."""
    ids = [r.id for r in reports]
    for table, column in (("events", "id"), ("event_actors", "event_id")):
        store.db.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [ids])
    store.db.execute("DELETE FROM event_sources WHERE list_contains(?, event_id)", [ids])
    events, roles, spans, canonical = [], [], [], []
    for f in fused:
        c, d = f.canonical, f.date
        events.append(
            (
                c.id,
                c.article_id,
                c.type,
                c.mode,
                f.context,
                c.symmetric,
                d.date,
                d.date_precision,
                d.date_text,
                d.date_reason,
                f.location,
                c.status,
                c.planned_type,
                c.trigger,
                c.rule,
                f.explanation,
                f.series_body,
                f.series_session,
            )
        )
        roles += role_rows(c.id, c.actors, c.recipients, f.participants, f.sources)
        for r in f.reports:
            spans += [(c.id, r.article_id, s, e, n) for s, e, n in r.spans]
            canonical.append((r.id, c.id))
    store._many(
        f"INSERT INTO events ({EVENT_COLUMNS.replace('e.', '')}) VALUES ({EVENT_PLACEHOLDERS})",
        events,
    )
    store._many("INSERT OR IGNORE INTO event_actors VALUES (?,?,?)", roles)
    store._many("INSERT OR IGNORE INTO event_sources VALUES (?,?,?,?,?)", spans)
    store.db.execute(
        "UPDATE event_reports SET canonical_id = m.canonical FROM (SELECT unnest(?) AS id,"
        " unnest(?) AS canonical) m WHERE event_reports.id = m.id",
        [[r for r, _ in canonical], [c for _, c in canonical]],
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
