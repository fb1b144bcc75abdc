"""`newsevents actors` and `newsevents actor ID`: the actors of the store, with their roles."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from newsevents.cli.options import DB_OPTION, open_store
from newsevents.cli.render import console, date_text, party_names
from newsevents.errors import NotFound


@click.command()
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


@click.command()
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
            f"  {event['id']} {date_text(event)} {event['type']}: "
            f"{party_names(event['actors'])} -> {party_names(event['recipients']) or '-'}"
        )
