"""Terminal output shared by the commands: the consoles, parties, dates and highlighted evidence."""

from __future__ import annotations

import shutil
from typing import Any

from rich.console import Console
from rich.text import Text

# Piped output (make demo, logs) gets a wide table instead of rich's 80-column default.
WIDTH = shutil.get_terminal_size((160, 40)).columns
console = Console(highlight=False, width=WIDTH)
err = Console(stderr=True, highlight=False, width=WIDTH)


def party_names(parties: list[dict[str, Any]]) -> str:
    """Parties as "name (code sector)", joined by " + "."""
    return " + ".join(
        f"{p['name']} ({p['code'] or '-'}{' ' + p['sector'] if p['sector'] else ''})"
        for p in parties
    )


def date_text(row: dict[str, Any]) -> str:
    """A stored date cut to its precision (2024, 2024-03 or 2024-03-12); "?" when unknown."""
    date = row.get("date")
    if date is None:
        return "?"
    text = str(date.isoformat())
    return {"year": text[:4], "month": text[:7]}.get(row.get("date_precision") or "", text)


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
