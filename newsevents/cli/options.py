"""Command-line options and helpers shared by the `newsevents` commands (cli/*.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from newsevents.config import DEFAULT_DB
from newsevents.errors import NewsEventsError
from newsevents.store import Store

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB file of the event store.",
)


def open_store(db_path: Path) -> Store:
    """The store at `db_path`, read-only; a missing or unreadable file is a clear CLI error."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database; run `newsevents ingest` first")
    try:
        return Store(db_path, read_only=True)
    except NewsEventsError as exc:
        raise click.ClickException(str(exc)) from exc


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: an optional ISO date (YYYY-MM-DD) option as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: an optional language code that has a profile ("de", "en")."""
    if value is None:
        return None
    from newsevents.lang.profile import Lexicons

    lexicons = Lexicons()
    code = value.strip().lower()
    if not _LANGUAGE_CODE.fullmatch(code) or not lexicons.has(code):
        raise click.BadParameter(
            f"{value!r} is not a language with a profile; use one of: {', '.join(lexicons.codes())}"
        )
    return code
