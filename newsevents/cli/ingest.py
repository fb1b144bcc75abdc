"""`newsevents ingest`: read articles into the store, with a progress bar and a summary."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newsevents.cli.options import DB_OPTION, iso_date, language_code
from newsevents.cli.render import console, err
from newsevents.store import Store
from newsevents.store.connection import interrupted
from newsevents.text.read import ReadOptions

MAX_LISTED_REPEATS = 10  # repeated paragraphs named in the summary line of one input


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", callback=iso_date, help="Publication date (YYYY-MM-DD) for inputs without one."
)
@click.option(
    "--language",
    callback=language_code,
    help="ISO 639-1 language of inputs that don't say it (default: detect); one that has a "
    "profile (de, en).",
)
@DB_OPTION
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--no-stories",
    is_flag=True,
    help="Skip story clusters (faster; articles stored this way get their story later).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes that run the pipeline (default: one per core); this one writes the store.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS|local",
    help="Run the pipeline on Dask (a scheduler address, or 'local' for a LocalCluster), "
    "write Parquet shards, then merge them into the store (needs the cluster extra).",
)
@click.option(
    "--shards",
    type=click.Path(file_okay=False, path_type=Path),
    help="Empty folder for the Parquet shards of --cluster (default: DB.shards).",
)
def ingest(
    paths: tuple[str, ...],
    published: dt.date | None,
    language: str | None,
    db_path: Path,
    quiet: bool,
    no_stories: bool,
    workers: int | None,
    cluster: str | None,
    shards: Path | None,
) -> None:
    """Read articles (.txt, .html, .json, .jsonl, folders, - for stdin) into the store."""
    from newsevents.ingest import ingest as run_ingest
    from newsevents.scale.workers import default_workers

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
        done: dict[str, int] = {}

        def tick(origin: str, outcome: str) -> None:
            done[outcome] = done.get(outcome, 0) + 1
            progress.update(task, advance=1, description=f"{outcome}: {Path(origin).name}")

        try:
            report = run_ingest(
                paths,
                store,
                options,
                on_article=tick,
                stories=not no_stories,
                workers=workers or default_workers(),
                cluster=cluster,
                shards=shards or db_path.with_name(f"{db_path.name}.shards"),
            )
        except (KeyboardInterrupt, RuntimeError) as exc:
            if not interrupted(exc):
                raise
            # Every write is one transaction (a batch of articles): what was stored stays, the
            # write in progress is rolled back, and running the same command again goes on.
            progress.stop()
            err.print(
                f"interrupted: {done.get('stored', 0)} articles stored, the write in progress "
                f"rolled back; {db_path} is consistent; run the command again to go on",
                soft_wrap=True,
            )
            sys.exit(130)
    for origin, pairs in report.repeats:
        # A pathological input can repeat thousands of paragraphs: name the first few only.
        listed = ", ".join(f"{b}={a}" for a, b in pairs[:MAX_LISTED_REPEATS])
        if len(pairs) > MAX_LISTED_REPEATS:
            listed += f", … {len(pairs) - MAX_LISTED_REPEATS:,} more"
        console.print(f"{origin}: {len(pairs)} repeated paragraphs analysed once ({listed})")
    for origin, reason in report.partial:
        err.print(f"[yellow]partial[/yellow] {escape(origin)}: {escape(reason)}", soft_wrap=True)
    for origin, reason in report.failed:
        # One line per bad input, whatever its name holds: no markup, no wrapping.
        err.print(f"[red]error[/red] {escape(origin)}: {escape(reason)}", soft_wrap=True)
    partial = f" ({len(report.partial)} partial)" if report.partial else ""
    console.print(
        f"stored {len(report.stored)}{partial}, already known {len(report.known)}, copies "
        f"{len(report.copies)}, failed {len(report.failed)}; {report.events} events added to "
        f"{db_path}"
    )
    if report.failed:
        sys.exit(1)
