"""The knowledge base learns from text: persons seen with a role resolve in later articles.

Ingest stores every person found with a title ("Außenminister Jalil Abbas Jilani") in the
`actor_roles` table with the role, country, date and evidence. Before the next batch, those
persons are added to the knowledge base under their full names, so a later article that
names "Jalil Abbas Jilani" without a title still links to the same actor and country.
"""

from __future__ import annotations

import logging

from newsevents.kb.base import KnowledgeBase
from newsevents.store import Store

log = logging.getLogger(__name__)

MIN_NAME_WORDS = 2  # only full names are learned: a lone surname is too ambiguous across articles


def learn_persons(kb: KnowledgeBase, store: Store) -> int:
    """Add the store's persons with roles to the knowledge base; return how many were new."""
    added = 0
    for person in store.persons():
        if kb.get(person["id"]) is not None:
            continue
        names = [
            n
            for n in [person["name"], *(person["aliases"] or [])]
            if len(n.split()) >= MIN_NAME_WORDS
        ]
        if not names:
            continue
        kb.add_entry(
            {
                "id": person["id"],
                "kind": "person",
                "name": names[0],
                "code": person["country"],
                "sector": person["sector"],
                "country": person["country"],
                "aliases": names[1:],
            }
        )
        added += 1
    if added:
        kb.refresh()
        log.info("learned %d persons from the store", added)
    return added
