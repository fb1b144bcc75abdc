"""Stage 6, actors: link every mention to one canonical actor of the article.

Knowledge-base mentions link to their entry (Russland, Russlands, russischen and Russischen
Föderation all to country:RUS); persons found by title and later by surname share one actor;
"beide Seiten" links to the two parties named together most recently; "hier" to the dateline.
"""

from __future__ import annotations

import re
from itertools import pairwise

from newsevents.kb.base import KnowledgeBase
from newsevents.records import Actor, Article, Mention

ACTOR_KINDS = {"country", "organization", "person", "group", "body"}
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*(?::|–|—|-{1,2})\s")


def find_dateline(article: Article) -> Mention | None:
    """The place mention that opens the article as its dateline, if any."""
    return next((m for m in article.mentions if opens_dateline(article, m)), None)


def opens_dateline(article: Article, mention: Mention) -> bool:
    """Whether a place or country mention is the article's dateline ("NAIROBI: ...")."""
    if not article.paragraphs or mention.kind not in {"place", "country"}:
        return False
    # The dateline opens the first paragraph (or the second, after a headline) or follows the
    # lead sentence.
    lead = article.paragraphs[:2]
    if mention.start > lead[-1].end:
        return False
    before = article.text[max(0, mention.start - 2) : mention.start]
    opens = any(mention.start == p.start for p in lead)
    after_lead = before.endswith(". ")
    return bool((opens or after_lead) and _DATELINE_END.match(article.text, mention.end))


def _actor_from_mention(mention: Mention, kb: KnowledgeBase) -> Actor:
    if mention.entry_id:
        entry = kb.entry(mention.entry_id)
        return Actor(
            id=entry.id,
            name=entry.name,
            kind=entry.kind,
            code=entry.code,
            sector=entry.sector,
            country=entry.country or (entry.code if entry.kind == "country" else None),
            lat=entry.lat,
            lon=entry.lon,
        )
    name = mention.value or mention.text
    members = list(mention.members) if mention.kind == "body" else []
    return Actor(
        id=mention.actor_id or "",
        name=name,
        kind=mention.kind,
        code=mention.country,
        sector=mention.sector,
        country=mention.country,
        roles=[mention.role] if mention.role and mention.kind in {"person", "organization"} else [],
        members=members,
    )


def coordinated_pairs(article: Article, links: frozenset[str]) -> list[tuple[int, list[str]]]:
    """(offset, actor ids) for each 'X und Y' / 'X and Y' / 'X-Y' pair of country actors."""
    pairs = []
    countries = [m for m in article.mentions if m.kind == "country" and m.actor_id]
    for left, right in pairwise(countries):
        gap = article.text[left.end : right.start].strip().lower()
        if gap in links and left.actor_id != right.actor_id:
            pairs.append((left.start, [left.actor_id or "", right.actor_id or ""]))
    return pairs


def link(article: Article, kb: KnowledgeBase, pair_links: frozenset[str]) -> Article:
    """Build the article's actors and set `actor_id` on every mention.

    `pair_links` are the words between two coordinated countries ("und", "and", "-") that
    "beide Seiten" and the like then stand for (the language profile's ``pair_links``).
    """
    actors: dict[str, Actor] = {}
    for mention in article.mentions:
        if mention.actor_id and mention.kind in ACTOR_KINDS | {"place", "region"}:
            actor = actors.get(mention.actor_id)
            if actor is None:
                actor = actors[mention.actor_id] = _actor_from_mention(mention, kb)
            if mention.kind == "person" and mention.role and mention.role not in actor.roles:
                actor.roles.append(mention.role)
            if actor.country is None and mention.country:
                actor.country = actor.code = mention.country
            if mention.text not in actor.aliases:
                actor.aliases.append(mention.text)
    dateline = find_dateline(article)
    if dateline is not None and dateline.actor_id:
        article.dateline = dateline.actor_id
        dateline.is_dateline = True  # where the report was filed, never a party to an event
    pairs = coordinated_pairs(article, pair_links)
    for mention in article.mentions:
        if mention.kind == "here" and article.dateline:
            mention.actor_id = article.dateline
            actors[article.dateline].aliases.append(mention.text)
        elif mention.kind == "reference":
            before = [ids for offset, ids in pairs if offset < mention.start]
            parties = before[-1] if before else (pairs[0][1] if pairs else _top_countries(article))
            mention.value = ",".join(parties)
    article.actors = actors
    return article


def _top_countries(article: Article) -> list[str]:
    counts: dict[str, int] = {}
    for mention in article.mentions:
        if mention.kind == "country" and mention.actor_id:
            counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])
    return ranked[:2] if len(ranked) >= 2 else []
