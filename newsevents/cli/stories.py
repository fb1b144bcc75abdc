"""`newsevents stories` and `newsevents story ID`: story clusters across articles and languages."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from newsevents.cli.options import DB_OPTION, open_store
from newsevents.store import EventFilter, stories_db

console = Console(soft_wrap=True)


@click.command("stories")
@click.option(
    "--min-articles",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Only stories reported by at least this many articles (copies included).",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@DB_OPTION
def stories(min_articles: int, limit: int, db_path: Path) -> None:
    """List story clusters: articles in any language that report the same story."""
    with open_store(db_path) as store:
        rows = stories_db.story_rows(store, min_articles, limit)
    table = Table()
    for column in ("story", "articles", "sources", "languages", "first", "last", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["story_id"],
            str(row["articles"]),
            str(row["sources"]),
            ", ".join(row["languages"] or []),
            str(row["first_published"] or "?"),
            str(row["last_published"] or "?"),
            row["title"] or "",
        )
    console.print(table)
    console.print(f"{len(rows)} stories with {min_articles} or more articles")


@click.command("story")
@click.argument("story_id")
@DB_OPTION
def story(story_id: str, db_path: Path) -> None:
    """Show one story: its articles (copies beside their original) and its events."""
    with open_store(db_path) as store:
        articles = stories_db.story_articles(store, story_id)
        if not articles:
            raise click.ClickException(f"{story_id}: no such story (see `newsevents stories`)")
        events = store.events(EventFilter(story=story_id, limit=None))
    console.print(f"[bold]story {story_id}[/bold]: {len(articles)} articles")
    for a in articles:
        copy = f"  copy of {a['copy_of']}" if a["copy_of"] else ""
        console.print(
            f"  {a['published'] or '?'} [{a['language'] or '?'}] {a['source'] or a['url'] or '-'}"
            f"  {a['title'] or a['id']}{copy}"
        )
    console.print(f"{len(events)} events:")
    for e in events:
        parties = " + ".join(p["name"] for p in e["actors"]) or "-"
        recipients = " + ".join(p["name"] for p in e["recipients"]) or "-"
        console.print(f"  {e['id']} {e['date'] or '?'} {e['type']}: {parties} -> {recipients}")
