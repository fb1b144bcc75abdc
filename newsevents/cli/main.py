"""The `newsevents` command line: thin commands that parse input, call the API, format output.

`main` is the command group; each command lives in the module of its concern:

- cli/ingest.py: `ingest`;
- cli/events.py: `events`, `show`, `export`;
- cli/actors.py: `actors`, `actor`;
- cli/stories.py: `stories`, `story`;
- cli/evaluate.py: `extract`, `eval`;
- cli/serve.py: `serve` (the web extra is loaded only when serving).
"""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from newsevents.cli.actors import actor, actors
from newsevents.cli.evaluate import evaluate, extract
from newsevents.cli.events import events, export, show
from newsevents.cli.ingest import ingest
from newsevents.cli.render import err
from newsevents.cli.serve import serve
from newsevents.cli.stories import stories, story
from newsevents.errors import NewsEventsError


@click.group()
@click.version_option(package_name="newsevents")
def main() -> None:
    """Turn German and English news into a database of political events with evidence."""


COMMANDS = (ingest, events, show, export, actors, actor, stories, story, extract, evaluate, serve)
for _command in COMMANDS:
    main.add_command(_command)


def entry() -> None:
    """Console entry point: library errors become one clear line and exit status 1."""
    try:
        main()
    except NewsEventsError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", soft_wrap=True)
        sys.exit(130)


if __name__ == "__main__":
    entry()
