"""Human-readable text for a scoring result: every figure printed with the counts behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsevents.evaluation.metrics import safe_ratio

__all__ = ["format_report"]

NAME_WIDTH = 22  # column for figure names, wide enough for "type_only_precision"
INDENT = "  "

_PRF_KEYS = frozenset({"p", "r", "f1", "tp", "fp", "fn"})
_ACCURACY_KEYS = frozenset({"accuracy", "correct", "n"})


def format_report(result: Mapping[str, Any]) -> str:
    """Render one file's scoring result (as returned by ``score``) as indented plain text."""
    task = result.get("task", "?")
    title = f"{result['file']} ({task})" if "file" in result else f"task: {task}"
    lines = [title]
    for name, value in result.items():
        if name not in ("file", "task"):
            lines.extend(_lines(str(name), value, 1))
    return "\n".join(lines)


def _lines(name: str, value: Any, depth: int) -> list[str]:
    """Lines for one named value: a figure on one line, a group of figures as a block."""
    pad = INDENT * depth
    label = f"{pad}{name:<{max(NAME_WIDTH - len(pad), len(name))}}"
    if not isinstance(value, Mapping):
        return [f"{label} {value}"]
    keys = set(value)
    if keys >= _PRF_KEYS:
        return [label + " " + _prf(value)]
    if keys >= _ACCURACY_KEYS:
        if not value["n"]:
            return [f"{label} n/a       (correct 0, n 0)"]
        return [f"{label} {value['accuracy']:.4f}    (correct {value['correct']}, n {value['n']})"]
    if keys == {"r", "n"}:
        r = "n/a    " if value["r"] is None else f"{value['r']:+.4f}"
        return [f"{label} r {r}  (n {value['n']})"]
    for hit in ("resolved", "correct"):
        if keys == {hit, "total"}:
            share = safe_ratio(value[hit], value["total"])
            return [f"{label} {share:.4f}    ({hit} {value[hit]}, n {value['total']})"]
    lines = [f"{pad}{name}:"]
    for sub_name, sub_value in value.items():
        lines.extend(_lines(str(sub_name), sub_value, depth + 1))
    return lines


def _prf(figure: Mapping[str, Any]) -> str:
    """One P/R/F1 figure with its counts (gold n = tp + fn, predicted n = tp + fp)."""
    tp, fp, fn = figure["tp"], figure["fp"], figure["fn"]
    return (
        f"P {figure['p']:.4f}  R {figure['r']:.4f}  F1 {figure['f1']:.4f}  "
        f"(tp {tp}, fp {fp}, fn {fn}; gold n {tp + fn}, predicted n {tp + fp})"
    )
