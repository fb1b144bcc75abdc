"""Inline SVG charts built on the server: an actor's timeline and its network of partners.

No script is needed to draw them; every label goes through `markupsafe.escape`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from newsevents.lang.lexicons import ontology

# One colour per PLOVER quad class, in shades per type (cooperation blue/green, conflict red).
CLASS_PALETTES: dict[str, tuple[str, ...]] = {
    "verbal-cooperation": ("#2563eb", "#60a5fa", "#1e40af", "#93c5fd"),
    "material-cooperation": ("#059669", "#34d399", "#065f46"),
    "verbal-conflict": ("#d97706", "#f59e0b", "#b45309", "#fbbf24"),
    "material-conflict": ("#dc2626", "#f87171", "#991b1b", "#7f1d1d", "#ef4444"),
}
OTHER_COLOUR = "#6b7280"
RELATION_COLOURS = {"meets": "#2563eb", "cooperates": "#059669", "conflicts": "#dc2626"}
MAX_BARS = 120  # buckets beyond this are merged by widening the interval


def type_colours() -> dict[str, str]:
    """A colour for each event type of the ontology, by its quad class."""
    colours: dict[str, str] = {}
    used: dict[str, int] = {}
    for name, spec in ontology().items():
        palette = CLASS_PALETTES.get(str(spec.get("class")), (OTHER_COLOUR,))
        i = used.get(str(spec.get("class")), 0)
        used[str(spec.get("class"))] = i + 1
        colours[name] = palette[i % len(palette)]
    return colours


def relations() -> dict[str, list[str]]:
    """Event types per relation of the network: meets (CONSULT), cooperates, conflicts."""
    out: dict[str, list[str]] = {"meets": [], "cooperates": [], "conflicts": []}
    for name, spec in ontology().items():
        cls = str(spec.get("class", ""))
        if name == "CONSULT":
            out["meets"].append(name)
        elif cls.endswith("cooperation"):
            out["cooperates"].append(name)
        elif cls.endswith("conflict"):
            out["conflicts"].append(name)
    return out


def pick_interval(first: dt.date | None, last: dt.date | None) -> str:
    """A bucket size that gives a readable number of bars between two dates."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    if days <= 62:
        return "day"
    if days <= 7 * 60:
        return "week"
    if days <= 31 * MAX_BARS:
        return "month"
    return "year"


def timeline_svg(
    rows: Sequence[dict[str, Any]], interval: str = "month", width: int = 760, height: int = 230
) -> Markup:
    """A stacked bar chart of counts per period and type (`period`, `type`, `count` rows)."""
    if not rows:
        return Markup('<p class="empty">No dated events.</p>')
    colours = type_colours()
    periods = fill_periods(sorted({r["period"] for r in rows}), interval)
    types = sorted({r["type"] for r in rows})
    counts = {(r["period"], r["type"]): int(r["count"]) for r in rows}
    totals = [sum(counts.get((p, t), 0) for t in types) for p in periods]
    top = max(totals) or 1
    left, bottom, plot_h = 34, 40, height - 70
    slot = (width - left - 10) / len(periods)
    bar = max(2.0, min(40.0, slot * 0.8))
    out = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="events per period by type" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in _ticks(top):
        y = height - bottom - plot_h * tick / top
        out.append(
            f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{tick}</text>'
        )
    label_every = max(1, math.ceil(len(periods) / 12))
    for i, period in enumerate(periods):
        x = left + i * slot + (slot - bar) / 2
        y = height - bottom
        for t in types:
            n = counts.get((period, t), 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            tip = escape(f"{period}: {n} {t}")
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"'
                f' fill="{colours.get(t, OTHER_COLOUR)}"><title>{tip}</title></rect>'
            )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle"'
                f' class="tick">{escape(str(period))}</text>'
            )
    x = left
    for t in types:
        out.append(
            f'<rect x="{x}" y="{height - 14}" width="10" height="10"'
            f' fill="{colours.get(t, OTHER_COLOUR)}"/>'
            f'<text x="{x + 14}" y="{height - 5}" class="legend">{escape(t)}</text>'
        )
        x += 22 + 7 * len(t)
    out.append("</svg>")
    return Markup("".join(out))


def fill_periods(periods: list[Any], interval: str) -> list[Any]:
    """The periods from the first to the last with the empty ones between (if not too many)."""
    if len(periods) < 2 or not all(isinstance(p, dt.date) for p in periods):
        return periods
    out = [periods[0]]
    try:
        while out[-1] < periods[-1] and len(out) <= MAX_BARS:
            out.append(_next(out[-1], interval))
    except (OverflowError, ValueError):  # the calendar's end (9999-12-31): keep them as they are
        return periods
    return out if len(out) <= MAX_BARS else periods


def _next(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day + dt.timedelta(days=1)
    if interval == "week":
        return day + dt.timedelta(days=7)
    if interval == "year":
        return day.replace(year=day.year + 1)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _ticks(top: int) -> list[int]:
    step = max(1, math.ceil(top / 4))
    return list(range(0, top + 1, step))


def network_svg(
    centre: dict[str, Any], partners: Sequence[dict[str, Any]], size: int = 520
) -> Markup:
    """A radial graph: the actor in the middle, partners around it, edges by relation."""
    if not partners:
        return Markup('<p class="empty">No other actor shares an event with this one.</p>')
    mid = size / 2
    radius = size / 2 - 90
    out = [
        f'<svg class="chart network" viewBox="0 0 {size} {size}" role="img"'
        f' aria-label="network of actors" xmlns="http://www.w3.org/2000/svg">'
    ]
    nodes = []
    for i, p in enumerate(partners):
        angle = 2 * math.pi * i / len(partners) - math.pi / 2
        x, y = mid + radius * math.cos(angle), mid + radius * math.sin(angle)
        nodes.append((p, x, y, angle))
        rels = p["relations"]
        offset = -3.0
        for rel, n in rels.items():
            if not n:
                continue
            width = 1.5 + 2 * math.log2(1 + n)
            dx, dy = -math.sin(angle) * offset, math.cos(angle) * offset
            tip = escape(f"{centre['name']} {rel} {p['name'] or p['id']}: {n} events")
            out.append(
                f'<line x1="{mid + dx:.1f}" y1="{mid + dy:.1f}" x2="{x + dx:.1f}" y2="{y + dy:.1f}"'
                f' stroke="{RELATION_COLOURS.get(rel, OTHER_COLOUR)}" stroke-width="{width:.1f}"'
                f' stroke-opacity="0.75"><title>{tip}</title></line>'
            )
            offset += 3.0
    for p, x, y, angle in nodes:
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        lx = x + 12 * math.cos(angle)
        ly = y + 12 * math.sin(angle) + 4
        href = escape(f"/actors/{p['id']}")
        r = 5 + min(p["events"], 20) / 2
        out.append(
            f'<a href="{href}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'
            f' fill="#fff" stroke="#374151" stroke-width="1.5"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="node">'
            f"{escape(_short(p['name'] or p['id']))}</text><title>{escape(p['id'])}</title></a>"
        )
    out.append(
        f'<circle cx="{mid}" cy="{mid}" r="14" fill="#111827"/>'
        f'<text x="{mid}" y="{mid + 30}" text-anchor="middle" class="node centre">'
        f"{escape(_short(centre['name'] or centre['id']))}</text>"
    )
    y = 16
    for rel, colour in RELATION_COLOURS.items():
        out.append(
            f'<line x1="8" x2="30" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="3"/>'
            f'<text x="36" y="{y}" class="legend">{rel}</text>'
        )
        y += 16
    out.append("</svg>")
    return Markup("".join(out))


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
