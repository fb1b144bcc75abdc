"""Mentions anchored on role nouns and titles (mixed into `finder.MentionFinder`).

Ministries, embassies and armed forces from a role noun plus its country ("pakistanischen
Außenministeriums"); persons from a title before their name ("Außenminister Jalil Abbas
Jilani"), with their country from an adjective, a genitive, an apposition or the sentence.
"""

from __future__ import annotations

import re

from newsevents.kb.base import KnowledgeBase, Role
from newsevents.lang.lexicons import Grammar
from newsevents.lang.profile import LanguageProfile
from newsevents.mentions.context_countries import (
    body_before,
    dateline_country,
    negated_before,
    sentence_country,
)
from newsevents.mentions.names import PersonSeed, host_name, is_name_token, phonetic_key, slug
from newsevents.records import Article, Mention, MentionKind, Sentence
from newsevents.text.sentences import Token

MAX_NAME_TOKENS = 4  # "Jalil Abbas Jilani", "Syed Haider Shah"; longer runs are rarely one name
APPOSITION_CHARS = 160  # how far after a name its ", stellvertretender Außenminister der ..." runs
# "Lebanon's new President", "Russia’s": a possessive and at most two lower-case words.
_SPACES = re.compile(r" *")
_POSSESSIVE = re.compile(r"['’]s?(?:\s+[a-z][\w-]*){0,2}")


class RoleMentions:
    """Organisations, groups and persons found by role nouns and titles."""

    article: Article
    kb: KnowledgeBase
    profile: LanguageProfile
    grammar: Grammar
    language: str
    persons: list[PersonSeed]
    first_places: list[Mention]
    dateline: Mention | None

    def _country_before(self, mentions: list[Mention], start: int, text: str) -> Mention | None:
        """A country adjective or name right before `start` (only articles between)."""
        for mention in sorted(mentions, key=lambda m: -m.end):
            owner_kind = mention.kind == "country" or (mention.kind == "group" and mention.country)
            if not owner_kind or mention.end > start:
                continue
            if negated_before(text, mention.start):
                return None  # "anti-Syria journalist": not Syria's journalist
            gap = text[mention.end : start].strip()
            if not gap or self.grammar.has("determiners", gap) or _POSSESSIVE.fullmatch(gap):
                return mention
            return None
        return None

    def _country_after(self, mentions: list[Mention], end: int, text: str) -> Mention | None:
        """A genitive country right after `end`: 'der Russischen Föderation', 'of Pakistan'."""
        for mention in sorted(mentions, key=lambda m: m.start):
            if mention.kind != "country" or mention.start < end:
                continue
            if mention.form == "adjective":
                return (
                    None  # "des pakistanischen Außenministeriums": the adjective is not a genitive
                )
            gap = text[end : mention.start].strip().lower()
            if gap in {"der", "des", "of", "of the", ""}:
                return mention
            return None
        return None

    # 2. organisations and collectives: a role noun plus its country
    def role_mentions(
        self,
        sentence: Sentence,
        text: str,
        tokens: list[Token],
        kb_found: list[Mention],
        bodies: list[Mention],
    ) -> list[Mention]:
        """Organisations, groups and persons anchored on role nouns and titles."""
        found: list[Mention] = []
        kb_spans = [(m.start, m.end) for m in kb_found if m.form != "adjective"]
        containers = [m for m in kb_found if m.kind == "organization"] + bodies
        for start, end, role in self.kb.roles(text, self.language):
            start, end = start + sentence.start, end + sentence.start
            if any(m.start <= start and end <= m.end for m in containers):
                continue
            owner = self._country_before(kb_found, start, self.article.text)
            after = self._country_after(kb_found, end, self.article.text)
            if role.kind == "person_title":
                known = self._known_person_at(kb_found, end)
                if known is not None:
                    # A title before a person the knowledge base knows: record the role.
                    known.role, known.sector = role.label, known.sector or role.sector
                    if owner is not None:
                        owner.modifier = True
                    continue
                person = self._person_after_title(sentence, tokens, start, end, role, kb_spans)
                if person is not None:
                    if owner is not None:
                        owner.modifier = True
                    if person.country is None:
                        country = owner or after or self._apposition_country(person, kb_found)
                        if country is None and self._sentence_owns(role, kb_found, start):
                            # "Judge Alejandro Rivera ... 28 Chilean officials": the only
                            # country the sentence names; "UN envoy X" belongs to the UN.
                            country = sentence_country(kb_found)
                        person.country = country.country if country else None
                    found.append(person)
                    continue
                if self._in_apposition(start, found):
                    # A title after ", " describes the person just named, not a group.
                    continue
            collective = self._collective(sentence, (start, end), role, kb_found, owner, after)
            if collective is not None:
                found.append(collective)
        return found

    def _sentence_owns(self, role: Role, kb_found: list[Mention], start: int) -> bool:
        """Whether a titled person may take the sentence's only country (a profile feature)."""
        return (
            self.profile.has("person_country_from_sentence")
            and bool(role.sector)
            and not body_before(self.article.text, kb_found, start)
        )

    def _collective(
        self,
        sentence: Sentence,
        span: tuple[int, int],
        role: Role,
        kb_found: list[Mention],
        owner: Mention | None,
        after: Mention | None,
    ) -> Mention | None:
        """A ministry, embassy, armed force or group of officials: a role noun and its country."""
        start, end = span
        country = owner or after
        if country is None:
            if not role.sector:
                return None
            if role.kind == "person_title" and role.sector == "GOV":
                # "the minister" alone: whose, only a dateline can tell.
                dateline = (
                    self.dateline if self.profile.has("dateline_country_for_titles") else None
                )
                country = dateline_country(self.article.text, kb_found, start, dateline)
            else:
                country = self._place_country(kb_found)
            if country is None:
                return None
        elif owner is not None:
            owner.modifier = True
        span_start = owner.start if owner else start
        span_end = after.end if (after and not owner) else end
        kind: MentionKind = "organization" if role.kind == "org_head" else "group"
        name = f"{role.label} of {self._country_name(country)}"
        if kind == "organization" and "embassy" in role.label.lower():
            host = self._place_after(kb_found, span_end)
            if host is not None:
                span_end = host.end
                name = f"Embassy of {self._country_name(country)} in {host_name(self.kb, host)}"
        actor_id = f"{kind}:{country.country or ''}:{slug(role.label)}"
        if kind == "organization" and span_end > end:
            actor_id += f":{slug(name)}"
        return Mention(
            start=span_start,
            end=span_end,
            text=self.article.text[span_start:span_end],
            kind=kind,
            label="ORG" if kind == "organization" else None,
            actor_id=actor_id,
            country=country.country,
            sector=role.sector,
            role=role.label,
            sentence=sentence.index,
            value=name,
        )

    def _known_person_at(self, mentions: list[Mention], end: int) -> Mention | None:
        gap_end = _SPACES.match(self.article.text, end).end()  # type: ignore[union-attr]
        return next((m for m in mentions if m.kind == "person" and m.start == gap_end), None)

    def _place_country(self, mentions: list[Mention]) -> Mention | None:
        """The country of the sentence's place, else the one country the sentence names, else
        the country of the article's first place (the dateline), for "protesters" or "police"
        named without a country."""
        places = [m for m in mentions if m.kind == "place" and m.country]
        if not places and self.profile.has("country_from_sentence"):
            # German keeps to places: its adjectives also head compounds ("Russlandexperten").
            only = sentence_country(mentions)
            places = [only] if only is not None else []
        if not places:
            places = [m for m in self.first_places if m.country]
        return places[0] if places else None

    def _in_apposition(self, start: int, found: list[Mention]) -> bool:
        persons = [m for m in found if m.kind == "person" and m.end <= start]
        if not persons:
            return False
        gap = self.article.text[persons[-1].end : start]
        return gap.lstrip().startswith(",") and len(gap) < 40 and "." not in gap

    def _country_name(self, mention: Mention) -> str:
        if mention.kind != "country" and mention.country:
            entry = self.kb.get(f"country:{mention.country}")
            return entry.name if entry else mention.country
        if mention.entry_id is None:
            return mention.text
        return self.kb.entry(mention.entry_id).name

    def _place_after(self, mentions: list[Mention], end: int) -> Mention | None:
        for mention in sorted(mentions, key=lambda m: m.start):
            if mention.start < end or mention.kind not in {"country", "place"}:
                continue
            gap = self.article.text[end : mention.start].strip().lower()
            return mention if gap in {"in", "im", "to", "in the"} else None
        return None

    def _person_after_title(
        self,
        sentence: Sentence,
        tokens: list[Token],
        start: int,
        end: int,
        role: Role,
        kb_spans: list[tuple[int, int]],
    ) -> Mention | None:
        after = [t for t in tokens if t.start >= end]
        name: list[Token] = []
        for token in after[:MAX_NAME_TOKENS]:
            if not is_name_token(token, kb_spans, self.profile.name_stopwords):
                break
            if name and token.start - name[-1].end > 1:
                break
            name.append(token)
        capitalised_noun = self.profile.has("nouns_capitalised") and len(name) == 1
        if not name or (capitalised_noun and not self._known(name[0])):
            # A lone capitalised German word after a title is usually a noun, not a name.
            return None
        text = self.article.text[name[0].start : name[-1].end]
        actor_id = self._person_id(text)
        return Mention(
            start=name[0].start,
            end=name[-1].end,
            text=text,
            kind="person",
            label="PER",
            actor_id=actor_id,
            sector=role.sector,
            role=role.label,
            sentence=sentence.index,
            value=text,
        )

    def _known(self, token: Token) -> bool:
        key = phonetic_key(token.text)
        return any(seed.surname_key == key for seed in self.persons)

    def _person_id(self, name: str, known: str | None = None) -> str:
        key = phonetic_key(name.split()[-1])
        for seed in self.persons:
            if seed.surname_key == key:
                return seed.actor_id
        actor_id = known or f"person:{slug(name)}"
        self.persons.append(PersonSeed(actor_id, name, key))
        return actor_id

    def _apposition_country(self, person: Mention, mentions: list[Mention]) -> Mention | None:
        """The country in ', stellvertretender Außenminister der Russischen Föderation,'."""
        text = self.article.text
        if not text[person.end : person.end + 2].startswith(","):
            return None
        stop = person.end + APPOSITION_CHARS
        for marker in (", und ", " und ", ". ", ", "):
            found = text.find(marker, person.end + 2, stop)
            if found != -1:
                stop = min(stop, found)
        for mention in sorted(mentions, key=lambda m: m.start):
            if person.end < mention.start < stop and mention.kind == "country":
                return mention
        return None
