"""Command-line options shared by the `newsevents` commands (`cli.py`, `web_cli.py`)."""

from __future__ import annotations

from pathlib import Path

import click

from newsevents.config import DEFAULT_DB

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB file of the event store.",
)
