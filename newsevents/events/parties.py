"""Parties of events: coordinated groups of mentions, the sentence context, country actors."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from newsevents.events.attribution import Attribution
from newsevents.kb.base import KnowledgeBase
from newsevents.lang.lexicons import Grammar
from newsevents.lang.profile import LanguageProfile
from newsevents.records import Actor, Article, Mention, Sentence

CLAUSE_BREAKS = (",", ";", ":", " – ", "(")
WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True)
class Party:
    """A group of coordinated mentions that fills one role."""

    mentions: list[Mention]
    start: int
    end: int
    preposition: str = ""
    agent: bool = False

    def actor_ids(
        self, article: Article, kb: KnowledgeBase, recent: list[str] | None = None
    ) -> list[str]:
        """Actor ids, with references and member bodies expanded to their parties.

        "beide Seiten" are the two parties of the event just reported (`recent`), else the
        two parties the actors stage found named together.
        """
        ids: list[str] = []
        for mention in self.mentions:
            if mention.kind == "reference":
                ids += recent or [p for p in (mention.value or "").split(",") if p]
            elif mention.kind == "place" and mention.country:
                ids.append(country_actor(article, mention.country, kb))
            elif mention.kind == "body":
                actor = article.actors.get(mention.actor_id or "")
                if actor and actor.members:
                    ids += [country_actor(article, member, kb) for member in actor.members]
                else:
                    ids.append(mention.actor_id or "")
            elif mention.actor_id:
                ids.append(mention.actor_id)
        return list(dict.fromkeys(i for i in ids if i))


@dataclass(slots=True)
class SentenceContext:
    """What the event finder knows while reading one sentence."""

    sentence: Sentence
    mentions: list[Mention]
    attribution: Attribution | None
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # Who speaks in the sentence: its own source, or the source of a sentence just before
    # (a quotation running on over several sentences has its speaker named once).
    speakers: list[str] = field(default_factory=list)


def country_actor(article: Article, iso3: str, kb: KnowledgeBase) -> str:
    """The id of a country's actor, added to the article's actors when it is not there yet."""
    actor_id = f"country:{iso3}"
    if actor_id not in article.actors:
        entry = kb.get(actor_id)
        name = entry.name if entry else iso3
        article.actors[actor_id] = Actor(actor_id, name, "country", iso3, None, iso3)
    return actor_id


def group_actor(article: Article, kb: KnowledgeBase, iso3: str, sector: str, label: str) -> str:
    """The id of an unnamed group (civilians of a country), added to the article's actors."""
    actor_id = f"group:{iso3}:{label.lower()}"
    if actor_id not in article.actors:
        entry = kb.get(f"country:{iso3}")
        name = f"{label} of {entry.name if entry else iso3}"
        article.actors[actor_id] = Actor(actor_id, name, "group", iso3, sector, iso3)
    return actor_id


class FinderPart(ABC):
    """What the parts of the event finder (`ClauseRules`, `EnglishRoles`) need from it:
    `events.EventFinder` combines them and implements these."""

    article: Article
    grammar: Grammar
    kb: KnowledgeBase
    profile: LanguageProfile
    svo: bool  # the profile's role strategy is subject_object (English word order)

    @abstractmethod
    def parties(self, context: SentenceContext, lo: int, hi: int) -> list[Party]:
        """Coordinated groups of party mentions between offsets lo and hi."""

    @abstractmethod
    def _recent_pair(self) -> list[str] | None:
        """The two parties of the last two-party event."""
