"""The `newsevents` command line: thin commands that parse input, call the API, format output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from newsevents.cli.options import DB_OPTION, open_store
from newsevents.errors import NewsEventsError, NotFound
from newsevents.store import EventFilter, Store
from newsevents.store.db import dumps
from newsevents.text.read import ReadOptions

# Piped output (make demo, logs) gets a wide table instead of rich's 80-column default.
WIDTH = shutil.get_terminal_size((160, 40)).columns
console = Console(highlight=False, width=WIDTH)
err = Console(stderr=True, highlight=False, width=WIDTH)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


@click.group()
@click.version_option(package_name="newsevents")
def main() -> None:
    """Turn German and English news into a database of political events with evidence."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", callback=_date, help="Publication date (YYYY-MM-DD) for inputs without one."
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


def _party_names(parties: list[dict[str, Any]]) -> str:
    return " + ".join(
        f"{p['name']} ({p['code'] or '-'}{' ' + p['sector'] if p['sector'] else ''})"
        for p in parties
    )


def _date_text(row: dict[str, Any]) -> str:
    date = row.get("date")
    if date is None:
        return "?"
    text = str(date.isoformat())
    return {"year": text[:4], "month": text[:7]}.get(row.get("date_precision") or "", text)


@main.command()
@click.option("--actor", help="Actor id, name or alias (either side of the event).")
@click.option("--country", help="ISO 3166-1 alpha-3 code or name of an actor's country.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
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
    with open_store(db_path) as store:
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
            _date_text(row),
            row["type"],
            _party_names(row["actors"]),
            _party_names(row["recipients"]),
            (row["place"] or {}).get("name", ""),
            row["status"],
            evidence,
        )
    console.print(table)
    console.print(f"{len(rows)} events")


@main.command()
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
    console.print(f"  actor:     {_party_names(row['actors'])}")
    console.print(f"  recipient: {_party_names(row['recipients']) or '-'}")
    if row["participants"]:
        console.print(f"  participants: {_party_names(row['participants'])}")
    console.print(f"  date:      {_date_text(row)} ({row['date_reason'] or 'no date'})")
    console.print(f"  place:     {(row['place'] or {}).get('name', '-')}")
    if row["sources"]:
        console.print(f"  reported by: {_party_names(row['sources'])}")
    if row["planned_type"]:
        console.print(f"  planned:   {row['planned_type']}")
    for session in row["series"]:
        mark = "this event" if session["id"] == row["id"] else session["id"]
        console.print(
            f"  series:    session {session['session'] or '?'} of {session['body']}"
            f" ({session['status']}, {_date_text(session)}): {mark}"
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


def highlight_evidence(text: str, spans: list[tuple[int, int]], context: int = 1) -> Text:
    """The paragraphs around each evidence span, with the evidence highlighted."""
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        paragraphs.append((position, position + len(line)))
        position += len(line) + 1
    wanted = {i for i, (s, e) in enumerate(paragraphs) for a, b in spans if s <= a < e + 1}
    shown = sorted(
        {
            j
            for i in wanted
            for j in range(i - context, i + context + 1)
            if 0 <= j < len(paragraphs) and paragraphs[j][1] > paragraphs[j][0]
        }
    )
    out = Text()
    for j in shown:
        start, end = paragraphs[j]
        piece = Text(text[start:end])
        for a, b in spans:
            if a < end and b > start:
                piece.stylize("bold black on yellow", max(a, start) - start, min(b, end) - start)
        out.append(f"[{j + 1}] ")
        out.append(piece)
        out.append("\n")
    return out


@main.command()
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


@main.command()
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="JSONL file of predictions, one line per input record.",
)
def extract(input_path: Path, out: Path) -> None:
    """Predict gold-format fields (entities, events, similarity) for each record of a gold file."""
    from newsevents.evaluation import load_gold
    from newsevents.evaluation.predict import predict

    _, records = load_gold(input_path)
    failed = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            try:
                prediction = predict(record, str(input_path.parent))
            except NewsEventsError as exc:
                err.print(f"[red]error[/red] {input_path} record {record.get('id')}: {exc}")
                prediction, failed = {"id": record.get("id"), "error": str(exc)}, failed + 1
            handle.write(json.dumps(prediction, ensure_ascii=False, default=str) + "\n")
    err.print(f"{len(records)} records, {failed} failed, predictions in {out}")


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per gold file.")
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this predictions file (from `extract`) instead of running the system.",
)
def evaluate(gold: tuple[Path, ...], as_json: bool, predictions: Path | None) -> None:
    """Score the system on gold files with the rules of the gold README."""
    from newsevents.evaluation import GoldFileInvalid
    from newsevents.evaluation.runner import evaluate_file, gold_files

    failed = 0
    for path in gold_files(gold):
        try:
            result = evaluate_file(path, predictions)
        except GoldFileInvalid as exc:
            err.print(f"[red]error[/red] {exc}")
            failed += 1
            continue
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            from newsevents.evaluation import format_report

            click.echo(str(path))
            click.echo(format_report(result))
    if failed:
        sys.exit(1)


@main.command()
@click.option("--query", "-q", help="Only actors whose id, name or alias matches.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@DB_OPTION
def actors(query: str | None, limit: int, db_path: Path) -> None:
    """List actors with their codes, aliases, roles and counts of articles and events."""
    with open_store(db_path) as store:
        rows = store.actors(query, limit)
    table = Table()
    for column in ("id", "name", "code", "sector", "aliases", "roles", "articles", "events"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            row["code"] or "",
            row["sector"] or "",
            ", ".join(row["aliases"] or []),
            "; ".join(row["roles"] or []),
            str(row["articles"]),
            str(row["events"]),
        )
    console.print(table)


@main.command()
@click.argument("actor_id")
@DB_OPTION
def actor(actor_id: str, db_path: Path) -> None:
    """Show one actor with the articles and events it appears in."""
    with open_store(db_path) as store:
        try:
            row = store.actor(actor_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from exc
    console.print(
        f"[bold]{row['name']}[/bold] {row['id']}  code {row['code'] or '-'} "
        f"sector {row['sector'] or '-'} country {row['country'] or '-'}"
    )
    console.print(f"  aliases: {', '.join(row['aliases'] or [])}")
    if row["roles"]:
        console.print(f"  roles: {'; '.join(row['roles'])}")
    for seen in row["role_history"]:
        console.print(
            f"  seen as {seen['role']} ({seen['country'] or '?'}) on {seen['published'] or '?'}"
            f" in {seen['article_id']}: “{seen['evidence']}”"
        )
    console.print(f"[bold]articles[/bold] ({len(row['articles'])})")
    for article in row["articles"]:
        console.print(
            f"  {article['id']} {article['title'] or article['origin']}"
            f" ({article['mentions']} mentions)"
        )
    console.print(f"[bold]events[/bold] ({len(row['events'])})")
    for event in row["events"]:
        console.print(
            f"  {event['id']} {_date_text(event)} {event['type']}: "
            f"{_party_names(event['actors'])} -> {_party_names(event['recipients']) or '-'}"
        )


def _register() -> None:
    from newsevents.cli.serve import serve  # imports only click; uvicorn is loaded when serving
    from newsevents.cli.stories import stories, story

    for command in (serve, stories, story):
        main.add_command(command)


_register()


def entry() -> None:
    """Console entry point: library errors become one clear line and exit status 1."""
    try:
        main()
    except NewsEventsError as exc:
        err.print(f"[red]error[/red] {exc}")
        sys.exit(1)


if __name__ == "__main__":
    entry()
