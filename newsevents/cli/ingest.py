"""`newsevents ingest`: read articles into the store, with a progress bar and a summary."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newsevents.cli.options import DB_OPTION, iso_date
from newsevents.cli.render import console, err
from newsevents.store import Store
from newsevents.text.read import ReadOptions


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", callback=iso_date, help="Publication date (YYYY-MM-DD) for inputs without one."
)
@click.option(
    "--language", help="ISO 639-1 language of inputs that don't say it (default: detect)."
)
@DB_OPTION
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--no-stories",
    is_flag=True,
    help="Skip story clusters (faster; articles stored this way get their story later).",
)
def ingest(
    paths: tuple[str, ...],
    published: dt.date | None,
    language: str | None,
    db_path: Path,
    quiet: bool,
    no_stories: bool,
) -> None:
    """Read articles (.txt, .html, .json, .jsonl, folders, - for stdin) into the store."""
    from newsevents.ingest import ingest as run_ingest

    options = ReadOptions(published, language)
    with (
        Store(db_path) as store,
        Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=err,
            disable=quiet or not err.is_terminal,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("", total=None)

        def tick(origin: str, outcome: str) -> None:
            progress.update(task, advance=1, description=f"{outcome}: {Path(origin).name}")

        report = run_ingest(paths, store, options, on_article=tick, stories=not no_stories)
    for origin, pairs in report.repeats:
        listed = ", ".join(f"{b}={a}" for a, b in pairs)
        console.print(f"{origin}: {len(pairs)} repeated paragraphs analysed once ({listed})")
    for origin, reason in report.failed:
        err.print(f"[red]error[/red] {origin}: {reason}")
    console.print(
        f"stored {len(report.stored)}, already known {len(report.known)}, copies "
        f"{len(report.copies)}, failed {len(report.failed)}; {report.events} events added to "
        f"{db_path}"
    )
    if report.failed:
        sys.exit(1)
