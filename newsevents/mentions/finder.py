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

from typing import TYPE_CHECKING, cast

from newsevents.actors.link import opens_dateline
from newsevents.kb.base import KnowledgeBase
from newsevents.lang.lexicons import Grammar
from newsevents.lang.profile import LanguageProfile
from newsevents.mentions.context_countries import (
    apposition_countries,
)
from newsevents.mentions.fuzzy_countries import misspelt_countries
from newsevents.mentions.groups import GroupFinder
from newsevents.mentions.names import PersonSeed, phonetic_key, slug
from newsevents.mentions.place_choice import choose_places
from newsevents.mentions.roles import RoleMentions
from newsevents.ner.backend import NerBackend
from newsevents.ner.rules import covers_places
from newsevents.records import Article, MatchForm, Mention, MentionKind, Sentence
from newsevents.text.sentences import Token, tokenize

if TYPE_CHECKING:
    from newsevents.resources import Resources
LABELS = {
    "country": "LOC",
    "region": "LOC",
    "place": "LOC",
    "organization": "ORG",
    "body": "ORG",
    "person": "PER",
}
# NER labels to mention kinds; LOC the knowledge base does not know stays an unresolved name.
NER_KINDS: dict[str, MentionKind] = {
    "PER": "person",
    "ORG": "organization",
    "LOC": "name",
    "MISC": "name",
}
NAME_KINDS = {"person", "organization", "body", "country", "place", "region", "group"}


class MentionFinder(RoleMentions):
    """Finds mentions in one article's sentences; holds the article-wide memory of names."""

    def __init__(
        self,
        article: Article,
        kb: KnowledgeBase,
        profile: LanguageProfile,
        ner: NerBackend | None = None,
    ) -> None:
        self.article = article
        self.kb = kb
        self.ner = ner
        self.language = article.language or "en"
        self.profile = profile
        self.grammar: Grammar = profile.grammar
        self.persons: list[PersonSeed] = []
        self.bodies: dict[str, tuple[str, str, list[str]]] = {}  # head noun -> id, name, members
        self.first_places: list[Mention] = []  # places of the first sentence: the dateline's
        self.dateline: Mention | None = None  # "ABUJA:" opening the article
        # Ethnic groups exist in English texts only (data/kb/groups.yaml has English forms).
        self.groups = GroupFinder(article.text) if profile.has("ethnic_groups") else None

    # 1. knowledge base: countries, regions, places, international bodies
    def kb_mentions(self, sentence: Sentence, text: str) -> list[Mention]:
        """Mentions of knowledge-base entries in a sentence (and misspelt English countries)."""
        found = []
        matches = self.kb.find(text, self.language)
        if self.profile.has("misspelt_countries"):
            matches += misspelt_countries(self.kb, text, matches, self.profile.name_stopwords)
        for match in sorted(matches, key=lambda m: m.start):
            entry = self.kb.entry(match.entry_id)
            # Adjectives and demonyms (russischen, Russen) name a country but are no NER entity.
            label = LABELS.get(entry.kind) if match.form not in {"adjective", "demonym"} else None
            found.append(
                Mention(
                    start=sentence.start + match.start,
                    end=sentence.start + match.end,
                    text=match.text,
                    # A user file may give its own kinds: kept as they are.
                    kind=cast(MentionKind, entry.kind),
                    label=label,
                    entry_id=entry.id,
                    actor_id=entry.id,
                    country=entry.country or (entry.code if entry.kind == "country" else None),
                    sector=entry.sector,
                    form=cast(MatchForm, match.form),
                    sentence=sentence.index,
                )
            )
        if self.profile.has("place_by_sentence_country"):
            for mention, place_id, iso3 in choose_places(found):
                if place_id in self.kb:  # "Tripoli" in a sentence about Lebanon
                    mention.entry_id = mention.actor_id = place_id
                    mention.country = iso3
        return found

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
                and tokens[index - 1].text not in self.profile.name_stopwords
                and self.profile.has("body_after_capitalised_word")
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
            elif self.profile.has("body_after_capitalised_word"):
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
                    members=members,
                )
            )
        return found

    # 5. dates, "beide Seiten", "hier"
    def small_mentions(self, sentence: Sentence, text: str) -> list[Mention]:
        """Date expressions, references to both parties and to the dateline."""
        found = []
        for date in self.profile.dates.find(text, sentence.start):
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
                        form="ner",
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
                if mention.kind == "person" and mention.form != "surname" and mention.actor_id:
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
        if self.profile.has("apposition_countries"):
            apposition_countries(mentions, self.article.text)
        return sorted(mentions, key=lambda m: (m.start, -m.end))


def find_mentions(
    article: Article, kb: KnowledgeBase, profile: LanguageProfile, ner: NerBackend | None = None
) -> list[Mention]:
    """Every mention in an article's (non-repeated) sentences."""
    return MentionFinder(article, kb, profile, ner).run()


def detect(article: Article, resources: Resources) -> Article:
    """Attach mentions to the article."""
    profile = resources.lexicons.profile(article.language or "en")
    article.mentions = find_mentions(article, resources.kb, profile, resources.ner)
    return article
