"""Exports: JSONL with PLOVER's field names plus provenance, and flat CSV or Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsevents.store.db import Store
from newsevents.store.serialize import to_json

FORMATS = ("jsonl", "csv", "parquet")
FLAT_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "event",
    "mode",
    "context",
    "status",
    "actor",
    "actor_code",
    "actor_sector",
    "recipient",
    "recipient_code",
    "recipient_sector",
    "event_loc",
    "event_loc_country",
    "event_text",
    "article_id",
    "url",
    "source",
    "published",
    "trigger",
]


def _names(parties: list[dict[str, Any]], key: str) -> list[str]:
    return [str(p.get(key) or "") for p in parties]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event in PLOVER's JSON field names, with our provenance fields beside them."""
    place = row.get("place")
    evidence = row.get("evidence") or []
    record: dict[str, Any] = to_json(
        {
            "id": row["id"],
            "date": _date_text(row),
            "actor": [{k: p[k] for k in ("name", "code", "sector", "id")} for p in row["actors"]],
            "recipient": [
                {k: p[k] for k in ("name", "code", "sector", "id")} for p in row["recipients"]
            ],
            "event": row["type"],
            "mode": row["mode"],
            "context": row["context"] or [],
            "event_loc": (
                {
                    "name": place["name"],
                    "country": place["country"],
                    "lat": place["lat"],
                    "lon": place["lon"],
                    "id": place["id"],
                }
                if place
                else None
            ),
            "event_text": evidence[0]["text"] if evidence else "",
            # Provenance: everything needed to check the event against its source.
            "date_precision": row["date_precision"],
            "date_reason": row["date_reason"],
            "status": row["status"],
            "planned_event": row["planned_type"],
            "series_body": row.get("series_body"),
            "series_session": row.get("series_session"),
            "reported_by": [p["name"] for p in row["sources"]],
            "participants": [p["name"] for p in row["participants"]],
            "evidence": evidence,
            "article_id": row["article_id"],
            "url": row["article"]["url"],
            "title": row["article"]["title"],
            "source": row["article"]["source"],
            "origin": row["article"]["origin"],
            "published": row["article"]["published"],
            "trigger": row["trigger"],
            "rule": row["rule"],
            "explanation": row["explanation"],
        }
    )
    return record


def _date_text(row: dict[str, Any]) -> str | None:
    date = row.get("date")
    if date is None:
        return None
    precision = row.get("date_precision")
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return str(date.isoformat())


def flat_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row for CSV and Parquet (lists joined with '; ')."""
    rec = plover_record(row)
    place = rec["event_loc"] or {}
    return {
        "id": rec["id"],
        "date": rec["date"],
        "date_precision": rec["date_precision"],
        "event": rec["event"],
        "mode": rec["mode"],
        "context": "; ".join(rec["context"]),
        "status": rec["status"],
        "actor": "; ".join(_names(rec["actor"], "name")),
        "actor_code": "; ".join(_names(rec["actor"], "code")),
        "actor_sector": "; ".join(_names(rec["actor"], "sector")),
        "recipient": "; ".join(_names(rec["recipient"], "name")),
        "recipient_code": "; ".join(_names(rec["recipient"], "code")),
        "recipient_sector": "; ".join(_names(rec["recipient"], "sector")),
        "event_loc": place.get("name"),
        "event_loc_country": place.get("country"),
        "event_text": rec["event_text"],
        "article_id": rec["article_id"],
        "url": rec["url"],
        "source": rec["source"],
        "published": rec["published"],
        "trigger": rec["trigger"],
    }


def iter_plover(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored event as a PLOVER record."""
    for row in store.iter_events():
        yield plover_record(row)


def export(store: Store, fmt: str, out: IO[str] | Path) -> int:
    """Write every event in `fmt` (jsonl to a stream or file; csv/parquet to a file)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8") as handle:
                return _write_jsonl(store, handle)
        return _write_jsonl(store, out)
    if not isinstance(out, Path):
        raise ValueError(f"{fmt} export needs an output file (--out)")
    rows = [flat_record(row) for row in store.iter_events()]
    columns = ", ".join(f'"{c}"' for c in FLAT_COLUMNS)
    store.db.execute(
        "CREATE OR REPLACE TEMP TABLE export_rows ("
        + ", ".join(f'"{c}" VARCHAR' for c in FLAT_COLUMNS)
        + ")"
    )
    if rows:
        store.db.executemany(
            f"INSERT INTO export_rows ({columns}) VALUES ({', '.join('?' for _ in FLAT_COLUMNS)})",
            [[None if r[c] is None else str(r[c]) for c in FLAT_COLUMNS] for r in rows],
        )
    store.copy_query("SELECT * FROM export_rows", out, fmt)
    store.db.execute("DROP TABLE export_rows")
    return len(rows)


def _write_jsonl(store: Store, handle: IO[str]) -> int:
    count = 0
    for record in iter_plover(store):
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
