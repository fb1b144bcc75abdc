"""Persons learned from a store: a layer over the knowledge base, one per store.

Ingest stores every person found with a title ("Außenminister Jalil Abbas Jilani") in the
`actor_roles` table with the role, country, date and evidence. The store's `PersonLayer` holds
those persons under their full names, so a later article that names "Jalil Abbas Jilani"
without a title still links to the same actor and country. The layer is never merged into the
bundled knowledge base: `KnowledgeBase.with_layer` looks in it first.

The layer before an article is a function of what the store held before it: built from the
store when an ingest starts and brought up to date after each stored article, so one run over
N articles and the same articles split over several runs see the same persons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsevents.kb.base import KnowledgeBase
from newsevents.kb.entries import KbEntry
from newsevents.kb.forms import is_abbreviation
from newsevents.kb.matcher import Alias, Matcher

MIN_NAME_WORDS = 2  # only full names are learned: a lone surname is too ambiguous across articles
USER_PRIORITY = 0  # learned names win over bundled ones for the same tokens, as user entries do


class PersonLayer:
    """Learned persons (entries plus a matcher of their full names) over a knowledge base."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.base = base.base
        self.entries: dict[str, KbEntry] = {}
        self.matcher = Matcher()

    @classmethod
    def from_rows(cls, base: KnowledgeBase, persons: Iterable[Mapping[str, Any]]) -> PersonLayer:
        """A layer of the given person rows (id, name, aliases, country, sector)."""
        layer = cls(base)
        layer.learn(persons)
        return layer

    def learn(self, persons: Iterable[Mapping[str, Any]]) -> int:
        """Add or update persons from store rows; return how many were new.

        Where two persons claim the same name, the smaller id keeps it, whatever the order
        they were learned in: the layer depends on the store's content, not its history.
        """
        added = 0
        for person in sorted(persons, key=lambda p: str(p["id"])):
            entry_id = str(person["id"])
            if entry_id in self.base:
                continue  # the bundled knowledge base knows this person already
            names = [
                str(n)
                for n in [person["name"], *(person.get("aliases") or [])]
                if len(str(n).split()) >= MIN_NAME_WORDS
            ]
            if not names:
                continue
            added += entry_id not in self.entries
            country = person.get("country") or None
            self.entries[entry_id] = KbEntry(
                entry_id, "person", names[0], country, person.get("sector") or None, country
            )
            for name in names:
                form = "abbreviation" if is_abbreviation(name) else "name"
                alias = Alias(name, entry_id, form, USER_PRIORITY, fold=form == "name")
                self.matcher.add(alias, keep=lambda old, new: old <= new)
        return added

    def __len__(self) -> int:
        return len(self.entries)
