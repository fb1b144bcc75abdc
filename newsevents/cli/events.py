"""`newsevents events`, `show` and `export`: list, explain and export the stored events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from newsevents.cli.options import DB_OPTION, iso_date, open_store
from newsevents.cli.render import console, date_text, err, highlight_evidence, party_names
from newsevents.errors import NotFound
from newsevents.store import EventFilter
from newsevents.store.serialize import dumps


@click.command()
@click.option("--actor", help="Actor id, name or alias (either side of the event).")
@click.option("--country", help="ISO 3166-1 alpha-3 code or name of an actor's country.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", callback=iso_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=iso_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--text", help="Words that the evidence must contain.")
@click.option("--status", type=click.Choice(["occurred", "planned", "negated", "hypothetical"]))
@click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    help="Only events reported by at least N distinct sources (outlets).",
)
@click.option(
    "--min-articles",
    type=click.IntRange(min=1),
    help="Only events reported by at least N articles (copies included).",
)
@click.option("--story", help="Only events of this story cluster (see `newsevents stories`).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@DB_OPTION
@click.option(
    "--parquet",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Read the Parquet shards of an `ingest --cluster` run instead of a store (the events "
    "as each article coded them, before the merge fuses them).",
)
def events(
    actor: str | None,
    country: str | None,
    event_type: str | None,
    since: dt.date | None,
    until: dt.date | None,
    text: str | None,
    status: str | None,
    min_sources: int | None,
    min_articles: int | None,
    story: str | None,
    limit: int,
    fmt: str,
    db_path: Path,
    parquet: Path | None,
) -> None:
    """List stored events, newest first, with actors, date, place and evidence."""
    from newsevents.kb.query import country_code

    filters = EventFilter(
        actor=actor,
        country=country_code(country) if country else None,
        type=event_type,
        since=since,
        until=until,
        text=text,
        status=status,
        min_sources=min_sources,
        min_articles=min_articles,
        story=story,
        limit=limit,
    )
    from newsevents.store.parquet_db import open_shards

    with open_shards(parquet) if parquet else open_store(db_path) as store:
        rows = store.events(filters)
    if fmt == "json":
        for row in rows:
            click.echo(dumps(row))
        return
    if fmt == "csv":
        from newsevents.store.export import FLAT_COLUMNS, flat_record

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(flat_record(row))
        click.echo(buffer.getvalue(), nl=False)
        return
    table = Table(show_lines=True)
    for column in ("id", "date", "type", "actor", "recipient", "place", "status"):
        table.add_column(column, overflow="fold", no_wrap=column in {"date", "type"})
    table.add_column("evidence", overflow="fold", ratio=1, min_width=40)
    for row in rows:
        evidence = Text(row["evidence"][0]["text"][:300] if row["evidence"] else "")
        evidence.highlight_words([row["trigger"]], style="bold yellow")
        if len(row["evidence"]) > 1:
            evidence.append(f" (+{len(row['evidence']) - 1} more)", style="dim")
        table.add_row(
            row["id"],
            date_text(row),
            row["type"],
            party_names(row["actors"]),
            party_names(row["recipients"]),
            (row["place"] or {}).get("name", ""),
            row["status"],
            evidence,
        )
    console.print(table)
    console.print(f"{len(rows)} events")


@click.command()
@click.argument("event_id")
@DB_OPTION
def show(event_id: str, db_path: Path) -> None:
    """Show one event: its fields, why it was coded, and its evidence highlighted in the article."""
    with open_store(db_path) as store:
        try:
            row = store.event(event_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from exc
    article = row["article"]
    console.print(f"[bold]{row['type']}[/bold] {row['id']}  status: {row['status']}")
    console.print(f"  actor:     {party_names(row['actors'])}")
    console.print(f"  recipient: {party_names(row['recipients']) or '-'}")
    if row["participants"]:
        console.print(f"  participants: {party_names(row['participants'])}")
    console.print(f"  date:      {date_text(row)} ({row['date_reason'] or 'no date'})")
    console.print(f"  place:     {(row['place'] or {}).get('name', '-')}")
    if row["sources"]:
        console.print(f"  reported by: {party_names(row['sources'])}")
    if row["planned_type"]:
        console.print(f"  planned:   {row['planned_type']}")
    for session in row["series"]:
        mark = "this event" if session["id"] == row["id"] else session["id"]
        console.print(
            f"  series:    session {session['session'] or '?'} of {session['body']}"
            f" ({session['status']}, {date_text(session)}): {mark}"
        )
    console.print(
        f"  mode: {row['mode'] or '-'}  context: {', '.join(row['context'] or []) or '-'}"
    )
    console.print("[bold]why[/bold]")
    for line in row["explanation"] or []:
        console.print(f"  - {line}")
    console.print(
        f"[bold]article[/bold] {article['title'] or ''} {article['origin']} "
        f"{article['url'] or ''} published {article['published'] or '?'}"
    )
    own = [(e["start"], e["end"]) for e in row["evidence"] if e["article_id"] == article["id"]]
    console.print(highlight_evidence(article["text"], own))
    if len(row["reports"]) > 1:
        console.print(
            f"[bold]reported by[/bold] {row['article_count']} articles from "
            f"{row['source_count']} sources"
        )
        for report in row["reports"]:
            copy = f" (copy of {report['copy_of']})" if report["copy_of"] else ""
            console.print(
                f"  {report['published'] or '?'} {report['source'] or '-'} "
                f"{report['url'] or report['article_id']}{copy}"
            )
        for e in row["evidence"]:
            if e["article_id"] != article["id"]:
                console.print(f"  {e['article_id']}: “{e['text']}”")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (required for csv and parquet; jsonl defaults to stdout).",
)
@DB_OPTION
def export(fmt: str, out: Path | None, db_path: Path) -> None:
    """Export every event: JSONL with PLOVER's field names, or flat CSV or Parquet."""
    from newsevents.store.export import export as run_export

    if fmt != "jsonl" and out is None:
        raise click.UsageError(f"--out FILE is required for --format {fmt}")
    with open_store(db_path) as store:
        count = run_export(store, fmt, out if out is not None else sys.stdout)
    if out is not None:
        err.print(f"{count} events written to {out}")
