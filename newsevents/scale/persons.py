"""Learned persons across processes: a log of what the writer learned, and when it matters.

Each article must be read with the persons the store learned from every article before it
(`kb/layer.py`). A worker process reads article k while the writer is still storing the
articles before it, so the worker's layer may lack persons learned from those. The writer keeps
every change to the layer in a `LearnedLog`; a worker replays the log up to some `version`
before it reads a batch, and the writer, when it comes to store article k read at version v,
asks `touches(text_k, log.since(v))`: if a person learned since then could be named in k's text,
it reads k again itself with its own, current layer. Otherwise the worker's result is the one
the current layer would give, because the layer only acts through names found in the text.

`touches` is conservative: a learned name can only match where all its words occur in the text,
compared after case folding and ASCII folding ("Strauß" = "STRAUSS", "José" = "Jose"); the
actor id's words count as a name too, since an in-text person gets the id of its name's slug.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

PersonRow = dict[str, Any]  # id, name, country, sector, aliases, roles (Store.persons)


def _ascii_words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return {w for w in "".join(c if c.isalnum() else " " for c in plain).split() if w}


def folded_words(text: str) -> set[str]:
    """The words of a text after lower-casing or case folding, then ASCII folding: a superset
    of what any of the knowledge base's spellings of a name can match against."""
    return _ascii_words(text.lower()) | _ascii_words(text.casefold())


def name_word_sets(row: Mapping[str, Any]) -> list[set[str]]:
    """For each spelling of a person (name, aliases, the id's slug), the words it needs."""
    names = [str(row["name"]), *(str(a) for a in row.get("aliases") or [])]
    sets = [w for n in names for w in (_ascii_words(n.lower()), _ascii_words(n.casefold()))]
    sets.append(_ascii_words(str(row["id"]).split(":", 1)[-1].replace("-", " ")))
    return sets


def touches(text_words: set[str], rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any of these persons could be named in a text with these folded words.

    A spelling with no ASCII words (a name in another script) touches every text.
    """
    return any(not words or words <= text_words for row in rows for words in name_word_sets(row))


def _key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        str(row["name"]),
        tuple(row.get("aliases") or ()),
        row.get("country") or None,
        row.get("sector") or None,
    )


class LearnedLog:
    """The person rows the writer learned in this run, in order, each one that changed.

    A row equal to what the layer holds already for its id changes nothing and is not logged,
    so articles are read again only when a person is new or has a new name or country.
    """

    def __init__(self, initial: Iterable[Mapping[str, Any]] = ()) -> None:
        self.rows: list[PersonRow] = []
        self._seen: dict[str, tuple[Any, ...]] = {str(r["id"]): _key(r) for r in initial}

    @property
    def version(self) -> int:
        """How many rows the log holds: a worker that replayed them is at this version."""
        return len(self.rows)

    def add(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Log the rows that change the layer; return how many did."""
        added = 0
        for row in sorted(rows, key=lambda r: str(r["id"])):
            key = _key(row)
            if self._seen.get(str(row["id"])) == key:
                continue
            self._seen[str(row["id"])] = key
            self.rows.append(dict(row))
            added += 1
        return added

    def since(self, version: int) -> list[PersonRow]:
        """The rows logged after `version`."""
        return self.rows[version:]
