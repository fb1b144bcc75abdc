"""Stage 5, mentions: find what each sentence names.

Countries (names, adjectives, every inflection), regions, places and international bodies come
from the knowledge base; ministries, embassies and armed forces from a role noun plus its
country ("pakistanischen Außenministeriums"); persons from a title before their name
("Außenminister Jalil Abbas Jilani") and later by their surname in any transliteration
("Werschinin" after "Sergey Vershinin"); named bodies from a capitalised adjective plus a body
noun ("Gemeinsame Arbeitsgruppe ... zur Bekämpfung des Terrorismus"); dates; and references to
the two parties ("beide Seiten") and to the dateline ("hier").

English texts also get ethnic groups ("Hutu rebels", "ethnic Albanians": mentions.groups),
misspelt country names ("Ethopia": mentions.fuzzy_countries), and countries for actors whose
own words name none, from the sentence or the dateline (mentions.context_countries).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsevents.actors.link import opens_dateline
from newsevents.kb.base import KnowledgeBase, Role, default_kb
from newsevents.lang.lexicons import Grammar, grammar
from newsevents.mentions.context_countries import (
    apposition_countries,
    body_before,
    dateline_country,
    negated_before,
    sentence_country,
)
from newsevents.mentions.fuzzy_countries import misspelt_countries
from newsevents.mentions.groups import GroupFinder
from newsevents.mentions.place_choice import choose_places
from newsevents.ner.backend import NerBackend, default_ner
from newsevents.ner.rules import covers_places
from newsevents.records import Article, Mention, Sentence
from newsevents.text.dates import finder
from newsevents.text.sentences import Token, tokenize

LABELS = {
    "country": "LOC",
    "region": "LOC",
    "place": "LOC",
    "organization": "ORG",
    "body": "ORG",
    "person": "PER",
}
# NER labels to mention kinds; LOC the knowledge base does not know stays an unresolved name.
NER_KINDS = {"PER": "person", "ORG": "organization", "LOC": "name", "MISC": "name"}
NAME_KINDS = {"person", "organization", "body", "country", "place", "region", "group"}
MAX_NAME_TOKENS = 4  # "Jalil Abbas Jilani", "Syed Haider Shah"; longer runs are rarely one name
APPOSITION_CHARS = 160  # how far after a name its ", stellvertretender Außenminister der ..." runs
# Capitalised words that start a German clause or noun phrase and are never part of a name.
NAME_STOPWORDS = {
    "Der",
    "Die",
    "Das",
    "Des",
    "Dem",
    "Den",
    "Ein",
    "Eine",
    "Und",
    "Oder",
    "Aber",
    "In",
    "Im",
    "Am",
    "Auf",
    "An",
    "Mit",
    "Von",
    "Vom",
    "Zu",
    "Zum",
    "Zur",
    "Für",
    "Bei",
    "Nach",
    "The",
    "A",
    "And",
    "Of",
    "On",
    "At",
    "For",
    "With",
    "By",
    "To",
    "He",
    "She",
    "They",
    "It",
    "Er",
    "Sie",
    "Es",
    "Wir",
    "Ich",
    "Herr",
    "Frau",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
}


# "Lebanon's new President", "Russia’s": a possessive and at most two lower-case words.
_SPACES = re.compile(r" *")
_POSSESSIVE = re.compile(r"['’]s?(?:\s+[a-z][\w-]*){0,2}")


@dataclass(slots=True)
class PersonSeed:
    """A person found with a title; later mentions of the surname link to them."""

    actor_id: str
    name: str
    surname_key: str


def slug(text: str) -> str:
    """Lower-case ASCII identifier form of a name: 'Syed Haider Shah' -> 'syed-haider-shah'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# Transliteration differences between German, English and romanised names: Werschinin and
# Vershinin, Schah and Shah, Tschechow and Chekhov, Jelzin and Yeltsin.
_PHONETIC = [
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ch", "h"),
    ("kh", "h"),
    ("w", "v"),
    ("j", "y"),
    ("ie", "i"),
    ("ou", "u"),
    ("ph", "f"),
    ("ck", "k"),
    ("z", "ts"),
    ("ts", "s"),
    ("x", "ks"),
]


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """A spelling-insensitive key for a surname across German and English transliteration."""
    key = slug(name).replace("-", "")
    for old, new in _PHONETIC:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Schmitt/Schmit
    return key.rstrip("h") if len(key) > 3 else key


def _is_name_token(token: Token, kb_spans: list[tuple[int, int]]) -> bool:
    text = token.text
    if not text[:1].isupper() or text in NAME_STOPWORDS or not text[0].isalpha():
        return False
    if text.isupper() and len(text) > 4:
        return False  # datelines, acronyms of bodies
    return all(token.end <= s or token.start >= e for s, e in kb_spans)


def _span_tokens(tokens: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if t.start >= start and t.end <= end]


class MentionFinder:
    """Finds mentions in one article's sentences; holds the article-wide memory of names."""

    def __init__(self, article: Article, kb: KnowledgeBase, ner: NerBackend | None = None) -> None:
        self.article = article
        self.kb = kb
        self.ner = ner
        self.language = article.language or "en"
        self.grammar: Grammar = grammar(self.language)
        self.persons: list[PersonSeed] = []
        self.bodies: dict[str, tuple[str, str, list[str]]] = {}  # head noun -> id, name, members
        self.first_places: list[Mention] = []  # places of the first sentence: the dateline's
        self.dateline: Mention | None = None  # "ABUJA:" opening the article
        # Ethnic groups exist in English texts only (data/kb/groups.yaml has English forms).
        self.groups = GroupFinder(article.text) if self.language == "en" else None

    # 1. knowledge base: countries, regions, places, international bodies
    def kb_mentions(self, sentence: Sentence, text: str) -> list[Mention]:
        """Mentions of knowledge-base entries in a sentence (and misspelt English countries)."""
        found = []
        matches = self.kb.find(text, self.language)
        if self.language == "en":
            matches += misspelt_countries(self.kb, text, matches, NAME_STOPWORDS)
        for match in sorted(matches, key=lambda m: m.start):
            entry = self.kb.entry(match.entry_id)
            # Adjectives and demonyms (russischen, Russen) name a country but are no NER entity.
            label = LABELS.get(entry.kind) if match.form not in {"adjective", "demonym"} else None
            found.append(
                Mention(
                    start=sentence.start + match.start,
                    end=sentence.start + match.end,
                    text=match.text,
                    kind=entry.kind,
                    label=label,
                    entry_id=entry.id,
                    actor_id=entry.id,
                    country=entry.country or (entry.code if entry.kind == "country" else None),
                    sector=entry.sector,
                    role=match.form,
                    sentence=sentence.index,
                )
            )
        if self.language == "en":
            for mention, place_id, iso3 in choose_places(found):
                if place_id in self.kb:  # "Tripoli" in a sentence about Lebanon
                    mention.entry_id = mention.actor_id = place_id
                    mention.country = iso3
        return found

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
            if mention.role == "adjective":
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
        kb_spans = [(m.start, m.end) for m in kb_found if m.role != "adjective"]
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
                    if person.country is None:
                        country = owner or after or self._apposition_country(person, kb_found)
                        if (
                            country is None
                            and self.language == "en"
                            and role.sector
                            and not body_before(self.article.text, kb_found, start)
                        ):
                            # "Judge Alejandro Rivera ... 28 Chilean officials": the only
                            # country the sentence names; "UN envoy X" belongs to the UN.
                            country = sentence_country(kb_found)
                        person.country = country.country if country else None
                    if owner is not None:
                        owner.modifier = True
                    found.append(person)
                    continue
            if role.kind == "person_title" and self._in_apposition(start, found):
                # A title after ", " describes the person just named, not a group of officials.
                continue
            country = owner or after
            if country is None:
                if not role.sector:
                    continue
                if role.kind == "person_title" and role.sector == "GOV":
                    # "the minister" alone: whose, only a dateline can tell.
                    country = dateline_country(
                        self.article.text,
                        kb_found,
                        start,
                        self.dateline if self.language == "en" else None,
                    )
                else:
                    country = self._place_country(kb_found)
                if country is None:
                    continue
            elif owner is not None:
                owner.modifier = True
            span_start = owner.start if owner else start
            span_end = after.end if (after and not owner) else end
            kind = "organization" if role.kind == "org_head" else "group"
            name = f"{role.label} of {self._country_name(country)}"
            if kind == "organization" and "embassy" in role.label.lower():
                host = self._place_after(kb_found, span_end)
                if host is not None:
                    span_end = host.end
                    name = f"Embassy of {self._country_name(country)} in {host_name(self.kb, host)}"
            code = country.country or ""
            actor_id = f"{kind}:{code}:{slug(role.label)}"
            if kind == "organization" and span_end > end:
                actor_id += f":{slug(name)}"
            found.append(
                Mention(
                    start=span_start,
                    end=span_end,
                    text=self.article.text[span_start:span_end],
                    kind=kind,
                    label="ORG" if kind == "organization" else None,
                    entry_id=None,
                    actor_id=actor_id,
                    country=country.country,
                    sector=role.sector,
                    role=role.label,
                    sentence=sentence.index,
                    value=name,
                )
            )
        return found

    def _known_person_at(self, mentions: list[Mention], end: int) -> Mention | None:
        gap_end = _SPACES.match(self.article.text, end).end()  # type: ignore[union-attr]
        return next((m for m in mentions if m.kind == "person" and m.start == gap_end), None)

    def _place_country(self, mentions: list[Mention]) -> Mention | None:
        """The country of the sentence's place, else the one country the sentence names, else
        the country of the article's first place (the dateline), for "protesters" or "police"
        named without a country."""
        places = [m for m in mentions if m.kind == "place" and m.country]
        if not places and self.language == "en":
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
            if not _is_name_token(token, kb_spans):
                break
            if name and token.start - name[-1].end > 1:
                break
            name.append(token)
        if not name or (self.language == "de" and len(name) == 1 and not self._known(name[0])):
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

    # 3. surnames seen before: "Werschinin" after "Sergey Vershinin"
    def surname_mentions(
        self, sentence: Sentence, tokens: list[Token], taken: list[Mention]
    ) -> list[Mention]:
        """Single-token mentions of persons already named in the article."""
        found = []
        keys = {seed.surname_key: seed for seed in self.persons}
        for token in tokens:
            if not token.text[:1].isupper() or any(m.start <= token.start < m.end for m in taken):
                continue
            seed = keys.get(phonetic_key(token.text))
            if seed is None:
                continue
            found.append(
                Mention(
                    token.start,
                    token.end,
                    token.text,
                    "person",
                    "PER",
                    None,
                    seed.actor_id,
                    sentence=sentence.index,
                    value=seed.name,
                )
            )
        return found

    # 4. named bodies: "Gemeinsame Arbeitsgruppe Russland-Pakistan zur Bekämpfung ..."
    def body_mentions(
        self, sentence: Sentence, tokens: list[Token], kb_found: list[Mention]
    ) -> list[Mention]:
        """Named bodies and later references to them by their head noun."""
        found = []
        body_re = self.grammar.regex("body_nouns")
        text = self.article.text
        for match in body_re.finditer(text, sentence.start, sentence.end):
            head = match.group()
            if not head[:1].isupper():
                continue
            index = next((i for i, t in enumerate(tokens) if t.start == match.start()), None)
            if index is None:
                continue
            start = match.start()
            if (
                index > 0
                and tokens[index - 1].text[:1].isupper()
                and tokens[index - 1].text not in NAME_STOPWORDS
                and self.language == "de"
            ):
                start = tokens[index - 1].start
            elif head in self.bodies:
                body_id, name, members = self.bodies[head]
                found.append(
                    Mention(
                        match.start(),
                        match.end(),
                        head,
                        "body",
                        "ORG",
                        None,
                        body_id,
                        sentence=sentence.index,
                        value=name,
                    )
                )
                continue
            elif self.language == "de":
                continue
            end = match.end()
            for token in tokens[index + 1 :]:
                if token.text in ',.;:!?()"„“' or self.grammar.has("body_stop", token.text):
                    break
                end = token.end
            name_text = text[start:end]
            members = sorted(
                {
                    m.country
                    for m in kb_found
                    if start <= m.start < end and m.kind == "country" and m.country
                }
            )
            body_id = f"body:{slug(name_text)[:80]}"
            self.bodies.setdefault(head, (body_id, name_text, members))
            found.append(
                Mention(
                    start,
                    end,
                    name_text,
                    "body",
                    "ORG",
                    None,
                    body_id,
                    sentence=sentence.index,
                    value=name_text,
                    role=",".join(members),
                )
            )
        return found

    # 5. dates, "beide Seiten", "hier"
    def small_mentions(self, sentence: Sentence, text: str) -> list[Mention]:
        """Date expressions, references to both parties and to the dateline."""
        found = []
        for date in finder(self.language).find(text, sentence.start):
            found.append(Mention(date.start, date.end, date.text, "date", sentence=sentence.index))
        for match in self.grammar.regex("both_parties").finditer(text):
            s, e = sentence.start + match.start(), sentence.start + match.end()
            found.append(Mention(s, e, match.group(), "reference", sentence=sentence.index))
        for match in self.grammar.regex("here_words").finditer(text):
            s, e = sentence.start + match.start(), sentence.start + match.end()
            found.append(Mention(s, e, match.group(), "here", sentence=sentence.index))
        return found

    # 6. names the statistical model finds and the knowledge base does not know
    def ner_mentions(self, mentions: list[Mention]) -> list[Mention]:
        """Mentions of the NER model's entities that no other rule found.

        They carry their NER label and, for persons and organisations, an actor of their own
        (no country yet), but are not parties to events: who they are is not resolved.
        """
        sentences = self.article.sentences
        texts = [self.article.text[s.start : s.end] for s in sentences]
        taken = sorted((m.start, m.end) for m in mentions if m.label or m.kind in NAME_KINDS)
        found: list[Mention] = []
        for sentence, entities in zip(sentences, self._ner_batch(texts), strict=True):
            for start, end, label in entities:
                start, end = start + sentence.start, end + sentence.start
                if any(s < end and start < e for s, e in taken) and not covers_places(
                    start, end, mentions
                ):
                    continue
                text = self.article.text[start:end]
                kind = NER_KINDS.get(label, "name")
                actor_id = None
                if kind == "person":
                    actor_id = self._person_id(text)
                elif kind == "organization":
                    actor_id = f"organization:{slug(text)[:80]}"
                found.append(
                    Mention(
                        start,
                        end,
                        text,
                        kind,
                        label,
                        None,
                        actor_id,
                        sentence=sentence.index,
                        role="ner",
                        value=text,
                    )
                )
        return found

    def _ner_batch(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """Entities of each text, batched when the backend can batch."""
        if self.ner is None:
            return [[] for _ in texts]
        many = getattr(self.ner, "entities_many", None)
        if many is not None:
            return list(many(texts, self.language))
        return [self.ner.entities(text, self.language) for text in texts]

    def run(self) -> list[Mention]:
        """All mentions of the article, in text order."""
        mentions: list[Mention] = []
        for sentence in self.article.sentences:
            text = self.article.text[sentence.start : sentence.end]
            tokens = tokenize(text, sentence.start)
            kb_found = self.kb_mentions(sentence, text)
            if self.groups is not None:
                groups, replaced = self.groups.find(
                    sentence.start, sentence.end, sentence.index, kb_found
                )
                gone = {id(m) for m in replaced}
                kb_found = [m for m in kb_found if id(m) not in gone] + groups
            for mention in kb_found:
                if mention.kind == "person" and mention.role != "surname" and mention.actor_id:
                    # A known person named in full: later "Werschinin" or "Putin" link to them.
                    self._person_id(mention.text, mention.actor_id)
            if sentence.index == 0:
                self.first_places = [m for m in kb_found if m.kind == "place"]
                self.dateline = next(
                    (m for m in self.first_places if opens_dateline(self.article, m)), None
                )
            bodies = self.body_mentions(sentence, tokens, kb_found)
            roles = self.role_mentions(sentence, text, tokens, kb_found, bodies)
            taken = kb_found + roles + bodies
            surnames = self.surname_mentions(sentence, tokens, taken)
            mentions += taken + surnames + self.small_mentions(sentence, text)
        if self.ner is not None:
            mentions += self.ner_mentions(mentions)
        if self.language == "en":
            apposition_countries(mentions, self.article.text)
        return sorted(mentions, key=lambda m: (m.start, -m.end))


def host_name(kb: KnowledgeBase, mention: Mention) -> str:
    """Canonical name of a KB mention, or its text."""
    return kb.entry(mention.entry_id).name if mention.entry_id else mention.text


def find_mentions(
    article: Article, kb: KnowledgeBase | None = None, ner: NerBackend | None = None
) -> list[Mention]:
    """Every mention in an article's (non-repeated) sentences."""
    return MentionFinder(article, kb or default_kb(), ner or default_ner()).run()


def detect(article: Article) -> Article:
    """Attach mentions to the article."""
    article.mentions = find_mentions(article)
    return article
