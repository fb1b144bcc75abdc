"""The routes: each parses its parameters, calls the store, and renders HTML or JSON.

Every GET route is registered twice, as `/x` and `/x.json`, by `both`; the JSON twin is
registered first so that `/events/ID.json` never reads as an event id ending in `.json`.
"""

from __future__ import annotations

import hmac
import math
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsevents.errors import NewsEventsError, StoreError
from newsevents.store import EventFilter, Store
from newsevents.store import web_queries as q
from newsevents.web import charts, highlight
from newsevents.web.app import render, wants_json
from newsevents.web.params import (
    MAX_LIMIT,
    MAX_PAGE,
    MAX_TEXT,
    ArticleIn,
    CountBy,
    EventQuery,
    IngestOut,
    Interval,
    event_filter,
    event_query,
    event_types,
)
from newsevents.web.upload import ingest_posted

router = APIRouter()
BOTH: dict[int | str, Any] = {
    200: {
        "description": "HTML for browsers; JSON for `.json` paths or `Accept: application/json`.",
        "content": {"application/json": {}, "text/html": {}},
    },
    503: {"description": "No snapshot of the database can be read yet (see Retry-After)."},
}
NOT_FOUND: dict[int | str, Any] = {404: {"description": "No record with this id."}}
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Search = Annotated[str | None, Query(max_length=MAX_TEXT, description="Name, alias or id.")]


def read_store(request: Request) -> Iterator[Store]:
    """A read-only store on the latest snapshot for the length of one request."""
    with request.app.state.snapshots.reader() as store:
        yield store


StoreDep = Annotated[Store, Depends(read_store)]


def both(
    path: str, summary: str, responses: dict[int | str, Any] | None = None
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Register a GET handler at `path.json` (JSON) and at `path` (HTML or JSON by Accept)."""

    def register(handler: Callable[..., Response]) -> Callable[..., Response]:
        extra: dict[int | str, Any] = {**BOTH, **(responses or {})}
        router.add_api_route(
            path + ".json",
            handler,
            methods=["GET"],
            summary=summary + " (JSON)",
            responses=extra,
            name=handler.__name__ + "_json",
            operation_id=handler.__name__ + "_json",
        )
        router.add_api_route(
            path,
            handler,
            methods=["GET"],
            summary=summary,
            responses=extra,
            name=handler.__name__,
            operation_id=handler.__name__,
        )
        return handler

    return register


def _pages(total: int, limit: int, page: int) -> dict[str, int]:
    return {"total": total, "page": page, "limit": limit, "pages": max(1, math.ceil(total / limit))}


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    """The events table is the home page."""
    return RedirectResponse("/events", status_code=307)


@both("/events", "Events: filtered by actor, country, type, dates, text, status; paged, sorted")
def list_events(
    request: Request, query: Annotated[EventQuery, Depends(event_query)], store: StoreDep
) -> Response:
    """A page of events with actors, place and evidence."""
    rows, total = q.search_events(store, query.filter, query.sort, query.order == "desc")
    data = {"events": rows, **_pages(total, query.limit, query.page), "filters": query.params()}
    return render(
        request,
        "events.html",
        data,
        types=event_types(),
        present=q.event_types_present(store),
        query=query,
    )


@both(
    "/events/{event_id}", "One event with its parties, sources, evidence and explanation", NOT_FOUND
)
def show_event(request: Request, event_id: str, store: StoreDep) -> Response:
    """One event; the page shows its article with the evidence, actors and dates marked."""
    event = store.event(event_id)
    if wants_json(request):
        return render(request, "event.html", {"event": event})
    article = store.article(event["article_id"])
    marks = highlight.event_marks(event, article["mentions"])
    others = [e for e in event["evidence"] if e["article_id"] != event["article_id"]]
    return render(
        request,
        "event.html",
        {"event": event},
        article=article,
        others=others,
        paragraphs=highlight.paragraphs(article["text"], marks),
    )


@both("/actors", "Actors with codes, aliases, roles and counts; searchable, paged")
def list_actors(
    request: Request,
    store: StoreDep,
    q_: Annotated[Search, Query(alias="q")] = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 50,
    page: Page = 1,
) -> Response:
    """A page of actors, most active first."""
    rows, total = q.list_actors(store, q_, kind, limit, (page - 1) * limit)
    data = {
        "actors": rows,
        **_pages(total, limit, page),
        "filters": {k: v for k, v in {"q": q_, "kind": kind}.items() if v},
    }
    return render(request, "actors.html", data, kinds=q.actor_kinds(store))


@both(
    "/actors/{actor_id}",
    "One actor with aliases, roles, articles, events, timeline, network",
    NOT_FOUND,
)
def show_actor(request: Request, actor_id: str, store: StoreDep) -> Response:
    """One actor; the page draws its events over time by type and the actors it deals with."""
    actor = store.actor(actor_id)
    dates = [e["date"] for e in actor["events"] if e["date"]]
    interval = charts.pick_interval(min(dates, default=None), max(dates, default=None))
    actor["timeline"] = q.event_counts(store, EventFilter(actor=actor_id, limit=None), interval)
    actor["timeline_interval"] = interval
    actor["network"] = q.actor_network(store, actor_id, charts.relations())
    return render(
        request,
        "actor.html",
        {"actor": actor},
        timeline=charts.timeline_svg(actor["timeline"], interval),
        network=charts.network_svg(actor, actor["network"]),
    )


@both("/articles", "Articles (without text), searchable by title or origin, paged")
def list_articles(
    request: Request,
    store: StoreDep,
    q_: Annotated[Search, Query(alias="q")] = None,
    limit: Limit = 50,
    page: Page = 1,
) -> Response:
    """A page of stored articles, newest publication first."""
    rows, total = q.list_articles(store, q_, limit, (page - 1) * limit)
    data = {"articles": rows, **_pages(total, limit, page), "filters": {"q": q_} if q_ else {}}
    return render(request, "articles.html", data)


@both("/articles/{article_id}", "One article with its text, mentions, quotes and events", NOT_FOUND)
def show_article(request: Request, article_id: str, store: StoreDep) -> Response:
    """One article; the page marks every mention and every event's evidence."""
    article = store.article(article_id)
    events = store.events(EventFilter(article=article_id, limit=None))
    article["events"] = events
    marks = highlight.article_marks(article, events)
    return render(
        request,
        "article.html",
        {"article": article},
        paragraphs=highlight.paragraphs(article["text"], marks),
    )


@both("/counts", "Events per day, week, month or year, by type or by actor pair")
def counts(
    request: Request,
    store: StoreDep,
    f: Annotated[EventFilter, Depends(event_filter)],
    interval: Interval = "month",
    by: CountBy = "type",
) -> Response:
    """Counts over time of the events matching the same filters as /events."""
    rows = q.event_counts(store, f, interval, by)
    query = EventQuery(f, 1, 50, "date", "desc").params()
    data = {
        "interval": interval,
        "by": by,
        "filters": query,
        "counts": rows,
        "totals": store.counts(),
    }
    chart = charts.timeline_svg(rows, interval) if by == "type" else None
    return render(request, "counts.html", data, chart=chart, types=event_types())


@both("/search", "Search actors, events (evidence text) and articles (title) at once")
def search(
    request: Request,
    store: StoreDep,
    q_: Annotated[str, Query(alias="q", max_length=MAX_TEXT)] = "",
) -> Response:
    """What the search box finds: actors by name or alias, events by text, articles by title."""
    text = q_.replace("\x00", "").strip()
    if not text:
        data: dict[str, Any] = {"q": "", "actors": [], "events": [], "articles": []}
        return render(request, "search.html", data)
    actors, _ = q.list_actors(store, text, None, 20, 0)
    events, total = q.search_events(store, EventFilter(text=text, limit=20))
    articles, _ = q.list_articles(store, text, 20, 0)
    data = {
        "q": text,
        "actors": actors,
        "events": events,
        "events_total": total,
        "articles": articles,
    }
    return render(request, "search.html", data)


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestOut,
    summary="Ingest one article (off unless the server was started with an ingest token)",
    responses={
        200: {"description": "Already stored.", "model": IngestOut},
        401: {"description": "Missing or wrong token."},
        403: {"description": "Ingest over HTTP is off."},
        413: {"description": "Body too large."},
        503: {"description": "Another process is writing the database."},
    },
)
def post_article(
    request: Request, article: ArticleIn, authorization: Annotated[str | None, Header()] = None
) -> Response:
    """Run the pipeline on one posted article and store it; needs `Authorization: Bearer TOKEN`."""
    token: str | None = request.app.state.ingest_token
    if token is None:
        raise HTTPException(403, "ingest over HTTP is off: start the server with --ingest-token")
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})
    try:
        result = ingest_posted(request.app.state.snapshots, request.app.state.gate, article)
    except StoreError:
        raise  # another process writes: 503 with Retry-After
    except NewsEventsError as exc:
        raise HTTPException(422, str(exc)) from exc
    request.app.state.snapshots.refresh()  # the poster reads its own write at once
    return JSONResponse(result.model_dump(), status_code=201 if result.stored else 200)
