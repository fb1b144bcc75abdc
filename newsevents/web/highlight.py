"""Article text as HTML paragraphs with marked spans (evidence, actors, dates, trigger).

Every character of the text goes through `markupsafe.escape`; the only markup added is the
elements built here, whose attributes are escaped too. Overlapping spans nest.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Outer to inner nesting order of the classes of marks.
NESTING = ("evidence", "place", "actor", "date", "mention", "trigger")


@dataclass(slots=True, frozen=True)
class Mark:
    """A span of the text to mark with a CSS class, an optional tooltip and an anchor id."""

    start: int
    end: int
    css: str
    title: str = ""
    anchor: str | None = None


@dataclass(slots=True, frozen=True)
class Paragraph:
    """One rendered paragraph: its number (from 1), its HTML and whether it holds a mark."""

    number: int
    html: Markup
    marked: bool


def paragraphs(text: str, marks: Sequence[Mark]) -> list[Paragraph]:
    """Split the text on newlines and render each non-empty paragraph with its marks."""
    out: list[Paragraph] = []
    position = 0
    number = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            continue
        number += 1
        inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
        out.append(
            Paragraph(
                number, _render(text, start, end, inside), any(m.css == "evidence" for m in inside)
            )
        )
    return out


def _render(text: str, start: int, end: int, marks: Sequence[Mark]) -> Markup:
    cuts = sorted({start, end} | {min(max(p, start), end) for m in marks for p in (m.start, m.end)})
    order = {css: i for i, css in enumerate(NESTING)}
    anchored: set[str] = set()
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        piece = str(escape(text[a:b]))
        active = sorted(
            (m for m in marks if m.start <= a and m.end >= b),
            key=lambda m: order.get(m.css, len(NESTING)),
            reverse=True,
        )
        for m in active:
            attrs = f' class="{escape(m.css)}"'
            if m.title:
                attrs += f' title="{escape(m.title)}"'
            if m.anchor and m.anchor not in anchored:
                anchored.add(m.anchor)
                attrs += f' id="{escape(m.anchor)}"'
            tag = "mark" if m.css == "evidence" else "span"
            piece = f"<{tag}{attrs}>{piece}</{tag}>"
        parts.append(piece)
    return Markup("".join(parts))


def event_marks(event: dict[str, Any], mentions: Iterable[dict[str, Any]]) -> list[Mark]:
    """Marks for an event page: its evidence, the trigger in it, its parties, dates and place."""
    marks: list[Mark] = []
    article_id = event["article_id"]
    evidence = [e for e in event["evidence"] if e["article_id"] == article_id]
    for i, span in enumerate(evidence):
        marks.append(Mark(span["start"], span["end"], "evidence", "evidence", f"evidence-{i}"))
        trigger = event.get("trigger")
        if trigger:
            found = re.search(re.escape(trigger), span["text"], re.IGNORECASE)
            if found:
                marks.append(
                    Mark(
                        span["start"] + found.start(),
                        span["start"] + found.end(),
                        "trigger",
                        f"trigger of {event['type']}",
                    )
                )
    parties = {
        p["id"]: (role, p["name"])
        for role in ("actor", "recipient", "participant", "source")
        for p in event[role + "s"]
    }
    place = (event.get("place") or {}).get("id")
    for m in mentions:
        if m["actor_id"] in parties:
            role, name = parties[m["actor_id"]]
            marks.append(Mark(m["start_char"], m["end_char"], "actor", f"{role}: {name}"))
        elif m["kind"] == "date":
            marks.append(Mark(m["start_char"], m["end_char"], "date", "date"))
        elif place and m["actor_id"] == place:
            marks.append(Mark(m["start_char"], m["end_char"], "place", "place of the event"))
    return marks


def article_marks(article: dict[str, Any], events: Iterable[dict[str, Any]]) -> list[Mark]:
    """Marks for an article page: every evidence span and every mention with its kind."""
    marks = [
        Mark(e["start"], e["end"], "evidence", f"{event['type']} {event['id']}")
        for event in events
        for e in event["evidence"]
        if e["article_id"] == article["id"]
    ]
    for m in article["mentions"]:
        css = "date" if m["kind"] == "date" else "mention"
        marks.append(
            Mark(m["start_char"], m["end_char"], css, f"{m['kind']}: {m['actor_id'] or m['text']}")
        )
    return marks
