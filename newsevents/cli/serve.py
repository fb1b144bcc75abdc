"""`newsevents serve`: the web interface and HTTP API over an event store."""

from __future__ import annotations

import os
from pathlib import Path

import click

from newsevents.cli.options import DB_OPTION

TOKEN_ENV = "NEWSEVENTS_INGEST_TOKEN"  # read from the environment so it stays out of `ps`


def check_servable(db_path: Path) -> None:
    """Fail at once, with the reason, on a file that is no DuckDB database (rather than on
    every request); a file an ingest is writing is fine: the server waits for it."""
    from newsevents.errors import StoreError, StoreLocked
    from newsevents.store.connection import connect

    if not db_path.is_file():
        raise click.ClickException(f"{db_path}: not a regular file")
    try:
        connect(str(db_path), read_only=True, lock_wait_s=0).close()
    except StoreLocked:
        return
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--ingest-token",
    envvar=TOKEN_ENV,
    help=f"Allow POST /articles with 'Authorization: Bearer TOKEN' (or set ${TOKEN_ENV}). "
    "Without it the server is read-only.",
)
def serve(db_path: Path, host: str, port: int, ingest_token: str | None) -> None:
    """Serve the events, actors and articles as web pages and a JSON API (OpenAPI)."""
    try:
        import uvicorn

        from newsevents.web import create_app
    except ImportError as exc:  # the web extra is not installed
        raise click.ClickException(
            f"the web interface needs the 'web' extra: pip install 'newsevents[web]' ({exc})"
        ) from exc
    if not db_path.exists():
        if not ingest_token:
            raise click.ClickException(
                f"{db_path}: no such database; run `newsevents ingest` first"
            )
        from newsevents.store import Store

        Store(db_path).close()  # an empty store that POST /articles can fill
    check_servable(db_path)
    app = create_app(db_path, ingest_token=ingest_token or os.environ.get(TOKEN_ENV))
    mode = "read-write (POST /articles needs the token)" if ingest_token else "read-only"
    click.echo(f"serving {db_path} ({mode}) on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
