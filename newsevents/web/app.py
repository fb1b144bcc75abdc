"""The ASGI application: one route serves HTML to people and JSON to programs.

`create_app(db_path)` wires the pieces: read-only snapshots of the database for every GET
(`snapshot.py`), a write gate for the optional POST /articles, the routes (`routes.py`),
validation errors as 4xx with a message, a request-body size limit and security headers.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import newsevents
from newsevents.errors import NotFound, StoreError
from newsevents.store.serialize import to_json
from newsevents.web.cache import ResponseCache
from newsevents.web.snapshot import Snapshots, StoreBusy, WriteGate

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MAX_BODY_BYTES = 8 * 1024 * 1024  # 5 MiB of article text, JSON-escaped, plus metadata
RETRY_AFTER_S = 5  # what a 503 asks the client to wait while no snapshot can be served
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_OURS = frozenset(name for name, _ in SECURITY_HEADERS)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def create_app(db_path: str | Path, *, ingest_token: str | None = None) -> FastAPI:
    """The newsevents web app over the DuckDB file `db_path` (read-only unless a token is set)."""
    from newsevents.web import routes

    snapshots = Snapshots(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        snapshots.close()

    app = FastAPI(
        title="newsevents",
        version=newsevents.__version__,
        description=(
            "Political events (PLOVER) coded from German and English news, with evidence. "
            "Every GET route serves HTML to a browser and JSON to `<route>.json` or to "
            "`Accept: application/json`."
        ),
        docs_url=None,  # Swagger UI would load scripts from a CDN; the app works offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.snapshots = snapshots
    app.state.gate = WriteGate(db_path)
    app.state.ingest_token = ingest_token or None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["qs"] = query_string
    templates.env.filters["ref"] = path_ref
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(routes.router)
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(ResponseCache, snapshots=snapshots)
    app.add_middleware(BlankParams)
    app.add_middleware(SecurityHeaders)
    return app


def wants_json(request: Request) -> bool:
    """JSON for paths ending in .json and for clients that accept JSON but not HTML."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(
    request: Request, template: str, data: dict[str, Any], status_code: int = 200, **extra: Any
) -> Response:
    """`data` as JSON, or the template filled with `data` and `extra`, as the client wants."""
    snapshot = request.app.state.snapshots.current
    headers = {"X-Newsevents-Snapshot": snapshot.taken.isoformat()} if snapshot else {}
    if wants_json(request):
        return JSONResponse(to_json(data), status_code=status_code, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {**data, **extra, "snapshot": snapshot, "json_url": json_url(request)}
    return templates.TemplateResponse(
        request, template, context, status_code=status_code, headers=headers
    )


def json_url(request: Request) -> str:
    """The .json twin of the current URL."""
    path = request.url.path.rstrip("/") or "/events"
    path = path if path.endswith(".json") else path + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")


def path_ref(value: Any) -> str:
    """An id quoted for use as one path segment (keeps ':' readable, quotes '/')."""
    return quote(str(value), safe=":@")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """A query string of `params` with `changes` applied (None removes a key)."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _error(
    request: Request, status: int, detail: Any, headers: dict[str, str] | None = None
) -> Response:
    if wants_json(request) or request.method != "GET":
        return JSONResponse({"detail": to_json(detail)}, status_code=status, headers=headers)
    messages = (
        [f"{' → '.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in detail]
        if isinstance(detail, list)
        else [str(detail)]
    )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "messages": messages, "snapshot": None, "json_url": None},
        status_code=status,
        headers=headers,
    )


def _add_error_handlers(app: FastAPI) -> None:
    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in exc.errors()]
        return _error(request, 422, errors)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc))

    async def busy(request: Request, exc: Exception) -> Response:
        return _error(request, 503, str(exc), {"Retry-After": str(RETRY_AFTER_S)})

    async def store_error(request: Request, exc: Exception) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return _error(request, 503, f"the database cannot be read: {exc}")

    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(StoreBusy, busy)
    app.add_exception_handler(StoreError, store_error)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, by header and while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body bytes."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, counting, send)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail": "request body over {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(body)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BlankParams:
    """Drops empty query parameters (`?since=&type=`), so a blank form field means "not given"."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with its blank parameters removed."""
        if scope["type"] == "http" and scope.get("query_string"):
            # Byte level, so that every kept parameter reaches the app exactly as sent.
            pairs = scope["query_string"].split(b"&")
            kept = [p for p in pairs if p.partition(b"=")[2].strip(b"+ ")]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds a strict Content-Security-Policy and no-sniff headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and decorate the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def decorated(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A new message, not the one given: the response cache keeps and replays the
                # messages it saw, and would otherwise get these headers once more per replay.
                kept = [(k, v) for k, v in message.get("headers") or [] if k.lower() not in _OURS]
                message = {**message, "headers": kept + SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, decorated)
