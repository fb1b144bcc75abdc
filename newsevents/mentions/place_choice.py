"""Places that share a name: the likelier one, unless the sentence names another's country.

The knowledge base gives a place name that several cities share to the likeliest of them (the
capital, else the most populous): "Tripoli" is Libya's capital. ``scripts/build_kb.py`` keeps
the others' claims in ``alt``; here a mention switches to such another place where its sentence
names that place's country and not the likelier one's ("rival militias in Tripoli ... the north
Lebanese port").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache

from newsevents.datafiles import data_path
from newsevents.records import Mention

__all__ = ["alternatives", "choose_places"]

_DATA = data_path("kb")


@lru_cache(maxsize=1)
def alternatives() -> dict[str, list[tuple[str, str]]]:
    """Shared place names: name -> [(place entry id, ISO3)] of the less likely places."""
    data = json.loads((_DATA / "places.json").read_text("utf-8"))
    found: dict[str, list[tuple[str, str]]] = {}
    for rec in data["places"]:
        for name in rec.get("alt") or []:
            found.setdefault(name, []).append((f"place:{rec['id']}", rec["country"]))
    return found


def choose_places(mentions: Sequence[Mention]) -> list[tuple[Mention, str, str]]:
    """(place mention, other place id, its ISO3) for each place the sentence points elsewhere."""
    index = alternatives()
    named = {m.country for m in mentions if m.kind == "country" and m.country}
    changes = []
    for mention in mentions:
        if mention.kind != "place" or mention.text not in index or mention.country in named:
            continue
        others = [(pid, iso3) for pid, iso3 in index[mention.text] if iso3 in named]
        if len({iso3 for _, iso3 in others}) == 1:
            changes.append((mention, *others[0]))
    return changes
