"""`newsevents extract` and `newsevents eval`: predictions for gold files, and their scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsevents.cli.render import err
from newsevents.errors import NewsEventsError


@click.command()
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


@click.command(name="eval")
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
