"""Query parameters of the HTTP API: declared for OpenAPI, validated before any query runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query
from pydantic import BaseModel, Field

from newsevents.kb.query import country_code
from newsevents.lang.lexicons import ontology
from newsevents.store import EventFilter

MAX_LIMIT = 1000  # rows per page: enough for a table, small enough to answer quickly
MAX_PAGE = 100_000  # pages beyond this are not a use but a probe
MAX_TEXT = 200  # characters of a free-text filter
STATUSES = ("occurred", "planned", "negated", "hypothetical")
MAX_ARTICLE_CHARS = 5 * 1024 * 1024  # same bound as read.MAX_ARTICLE_BYTES

Status = Literal["occurred", "planned", "negated", "hypothetical"]
EventSort = Literal["date", "type", "status", "published", "id"]
Order = Literal["asc", "desc"]
Interval = Literal["day", "week", "month", "year"]
CountBy = Literal["type", "pair"]


def event_types() -> list[str]:
    """The PLOVER types the ontology knows."""
    return sorted(ontology())


@dataclass(slots=True, frozen=True)
class EventQuery:
    """A validated events request: the store filter plus page and sort."""

    filter: EventFilter
    page: int
    limit: int
    sort: str
    order: str

    def params(self) -> dict[str, str]:
        """The request's parameters as they would appear in a URL (for links and forms)."""
        f = self.filter
        values: dict[str, object] = {
            "actor": f.actor,
            "country": f.country,
            "type": f.type,
            "since": f.since,
            "until": f.until,
            "text": f.text,
            "status": f.status,
        }
        out = {k: str(v) for k, v in values.items() if v not in (None, "")}
        if self.limit != 50:
            out["limit"] = str(self.limit)
        if self.sort != "date":
            out["sort"] = self.sort
        if self.order != "desc":
            out["order"] = self.order
        return out


def event_filter(
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Actor id, name or alias (either side).")
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="ISO 3166-1 alpha-3 code or country name."),
    ] = None,
    type: Annotated[
        str | None,
        Query(
            max_length=40,
            description="PLOVER event type, e.g. CONSULT.",
            json_schema_extra={"enum": event_types()},
        ),
    ] = None,
    since: Annotated[dt.date | None, Query(description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before (YYYY-MM-DD).")] = None,
    text: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Words the evidence must contain.")
    ] = None,
    status: Annotated[Status | None, Query(description="Status of the event.")] = None,
) -> EventFilter:
    """Parse and check the filters that `newsevents events` accepts; 422 with a reason if bad."""
    if type:
        known = event_types()
        if type.upper() not in known:
            raise HTTPException(422, f"unknown event type {type!r}; known: {', '.join(known)}")
        type = type.upper()
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventFilter(
        actor=_clean(actor),
        country=country_code(country) if country and _clean(country) else None,
        type=type,
        since=since,
        until=until,
        text=_clean(text),
        status=status,
    )


def event_query(
    f: Annotated[EventFilter, Depends(event_filter)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")] = 50,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")] = 1,
    sort: Annotated[EventSort, Query(description="Sort key.")] = "date",
    order: Annotated[Order, Query(description="Sort direction.")] = "desc",
) -> EventQuery:
    """Add page and sort to an event filter."""
    return EventQuery(replace(f, limit=limit, offset=(page - 1) * limit), page, limit, sort, order)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


class ArticleIn(BaseModel):
    """An article posted for ingest: its text and optional metadata."""

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    published: dt.date | None = None
    language: Literal["de", "en"] | None = None


class IngestOut(BaseModel):
    """What an ingest over HTTP did."""

    id: str
    stored: bool
    events: list[str]
    copy_of: str | None = None  # the stored article this one copies, when it is a copy
    partial: str | None = None  # why it was analysed only in part (its budget), if it was
