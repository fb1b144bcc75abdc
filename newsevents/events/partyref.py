"""Who a slot of a clause names: the party behind a subject, object or agent phrase.

A phrase names a party by a mention inside it (a name, a country, an organisation; in an
apposition: "FPÖ-Chef Gerhard Kurzmann"; in a genitive: "Kräfte der Regierung"), or by a
party noun without a name ("der Richter", "Unbekannte", "die deutsche Polizei"), whose country
is that of the phrase (a nationality adjective, a place) or else of the article. Pronouns
("er", "sie", "they") and first persons ("wir", "ich") are resolved in `references.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.events.localcountry import LocalCountry
from newsevents.events.parties import Party, country_actor
from newsevents.kb.base import KnowledgeBase
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import FrameLexicon, party_sector
from newsevents.records import Actor, Article, Mention, Parse, Token

PARTY_KINDS = {"country", "organization", "person", "group", "body", "reference"}
NO_COUNTRY_SECTORS = {"REF", "UAF"}  # refugees and unknown attackers: code null
CLAUSAL = {"acl", "acl:relcl", "relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"}
NOMINAL = {"NOUN", "PROPN"}


@dataclass(slots=True)
class Resolved:
    """The actor ids a phrase names and how they were found."""

    ids: list[str] = field(default_factory=list)
    reason: str = ""
    pronoun: Token | None = None  # set when the phrase is a pronoun left to `references.py`


class PartyResolver:
    """Resolves phrases of parsed sentences to actors of one article."""

    def __init__(
        self,
        article: Article,
        kb: KnowledgeBase,
        lexicon: FrameLexicon,
        labels: ClauseLabels,
        language: str,
    ) -> None:
        self.article = article
        self.kb = kb
        self.lexicon = lexicon
        self.labels = labels
        self.language = language
        self.local = LocalCountry(article)
        self.mentions: dict[int, list[Mention]] = {}
        for mention in article.mentions:
            self.mentions.setdefault(mention.sentence, []).append(mention)
        self._roles: dict[str, str | None] = {}

    # 1. phrases
    def resolve(self, parse: Parse, head: int, recent: list[str] | None = None) -> Resolved:
        """The parties of the phrase headed by token `head`, its coordinated phrases included."""
        found = Resolved()
        reasons = []
        for node in self._conjuncts(parse, head):
            one = self._one(parse, node, recent)
            if one.pronoun is not None and not one.ids:
                found.pronoun = found.pronoun or one.pronoun
            found.ids += [i for i in one.ids if i not in found.ids]
            if one.reason:
                reasons.append(one.reason)
        found.reason = "; ".join(reasons)
        return found

    def _conjuncts(self, parse: Parse, head: int) -> list[int]:
        nodes, stack = [], [head]
        while stack:
            node = stack.pop(0)
            nodes.append(node)
            stack += [
                t.i
                for t in parse.tokens
                if t.head == node and t.i != node and t.dep in self.labels.conj
            ]
        return nodes

    def _one(self, parse: Parse, head: int, recent: list[str] | None) -> Resolved:
        token = parse.tokens[head]
        mentions = [m for m in self.mentions.get(parse.sentence, []) if self._party(m)]
        span = self._phrase(parse, head)
        # a) an apposition or name after a title: "FPÖ-Chef Gerhard Kurzmann"
        for node in span:
            t = parse.tokens[node]
            if (
                node != head
                and t.dep in self.labels.apposition
                and self._head_of_name(parse, node, head)
            ):
                hit = self._covering(mentions, t)
                if hit is not None and hit.kind == "person":
                    return self._named(hit, recent, f"'{hit.text}' (apposition)", parse, span)
                bracketed = node > 0 and parse.tokens[node - 1].text == "("
                if (
                    hit is None
                    and not self._covered(parse, [node])  # no place or date either
                    and _name_like(t)
                    and self._party_noun(token) is None
                    and not bracketed
                ):
                    # "seinem ägyptischen Kollegen Sameh Shukri": a name no mention covers,
                    # after a noun that names no party itself
                    return self._new_name(parse, node, self._phrase(parse, node))
        # b) a mention over the head word
        hit = self._covering(mentions, token)
        if hit is not None:
            found = self._named(hit, recent, f"'{hit.text}'", parse, span)
            return self._with_genitive_conjuncts(found, parse, head, mentions)
        if token.pos == "PRON":
            return Resolved(pronoun=token)
        # c) a genitive or von-phrase names whom the head word belongs to
        for node in span:
            t = parse.tokens[node]
            if node != head and self._owner_of(parse, t, head):
                inner = self._own_words(parse, node)
                prep = [
                    parse.tokens[c]
                    for c in inner
                    if parse.tokens[c].dep in self.labels.case and parse.tokens[c].tag != "POS"
                ]  # not the English possessive "'s"
                if prep and prep[0].lemma.lower() not in {"von", "of"}:
                    continue
                hits = [m for m in mentions if any(self._covers(m, parse.tokens[c]) for c in inner)]
                hits = [m for m in hits if m.kind != "place" and not m.modifier]
                # "Schelling (ÖVP)": the bracketed party labels the name before it
                hits = [m for m in hits if not self._bracketed(m)] or hits
                if hits:
                    found = Resolved()
                    for hit in hits:  # "Treffen Spaniens und Portugals": every conjunct
                        one = self._named(
                            hit, recent, f"'{hit.text}' (genitive of '{token.text}')", parse, span
                        )
                        found.ids += [i for i in one.ids if i not in found.ids]
                        found.reason = "; ".join(r for r in (found.reason, one.reason) if r)
                    if found.ids:
                        return found
                elif (_name_like(t) or self._surname(t)) and self._party_noun(token) is None:
                    # "die Kandidatur von Jeremic": a name no mention covers owns the thing
                    # (not a party noun's: "Angehörige der Kammer" are the Angehörige)
                    owner = self._one(parse, node, recent)
                    if owner.ids:
                        owner.reason = f"{owner.reason} (owner of '{token.text}')"
                        return owner
        # d) a party noun without a name
        sector = self._party_noun(token)
        if sector is not None and token.pos in NOMINAL | {"ADJ"}:
            return self._unnamed(parse, token, span, sector, mentions)
        # e) a name nothing else knows: a person named before by full name, or a new one
        if (_name_like(token) or self._surname(token)) and not self._covered(parse, span):
            return self._new_name(parse, head, span)
        return Resolved()

    def _surname(self, token: Token) -> bool:
        """Whether a capitalised word is the last name of a person the article named before,
        whatever the tagger made of it ("Tudorache werden ... vorgeworfen")."""
        if not token.text[:1].isupper() or token.pos not in NOMINAL:
            return False
        return any(
            actor.kind == "person" and actor.name.split()[-1:] == [token.text]
            for actor in self.article.actors.values()
        )

    def _covered(self, parse: Parse, span: list[int]) -> bool:
        """Whether any mention (a date, a place) lies on the phrase."""
        tokens = [parse.tokens[i] for i in span]
        return any(
            self._covers(m, t) for m in self.mentions.get(parse.sentence, []) for t in tokens
        )

    def _new_name(self, parse: Parse, head: int, span: list[int]) -> Resolved:
        """A party for a name that no mention covers ("Ramber-Koller wirft ... vor"): the
        person of the article with that surname, else a new person of the passage's country."""
        names = [
            parse.tokens[i]
            for i in span
            if _name_like(parse.tokens[i]) or self._surname(parse.tokens[i])
        ]
        name = " ".join(t.text for t in names)
        for actor in self.article.actors.values():
            if actor.kind == "person" and actor.name.split()[-1:] == [names[-1].text]:
                return Resolved([actor.id], f"'{name}' (surname of {actor.name})")
        # A family name written first ("Ban" of "Ban Ki-moon"): any part of one person's name.
        last = names[-1].text.casefold()
        parts = [
            actor
            for actor in self.article.actors.values()
            if actor.kind == "person"
            and len(last) > 2
            and last in actor.name.casefold().replace("-", " ").split()
        ]
        if len(parts) == 1:
            return Resolved([parts[0].id], f"'{name}' (part of the name {parts[0].name})")
        return self._mint(parse, name, "person")

    def source(self, parse: Parse, head: int) -> list[str]:
        """The parties of a phrase standing where a speaker stands (", so die Sun"): as
        `resolve`, else a new organisation named by the phrase's capitalised words."""
        found = self.resolve(parse, head)
        token = parse.tokens[head]
        if found.ids or found.pronoun is not None or not token.text[:1].isupper():
            return found.ids
        span = self._phrase(parse, head)
        name = " ".join(parse.tokens[i].text for i in span if parse.tokens[i].text[:1].isupper())
        return self._mint(parse, name, "organization").ids

    def _mint(self, parse: Parse, name: str, kind: str) -> Resolved:
        """A new actor of the passage's country for a name nothing else knows."""
        country = self.local.country(parse.sentence)
        actor_id = f"name:{(country or 'none').lower()}:{name.lower().replace(' ', '-')}"
        if actor_id not in self.article.actors:
            self.article.actors[actor_id] = Actor(actor_id, name, kind, country, None, country)
        return Resolved([actor_id], f"'{name}' (a name; country {country} of the passage)")

    def _with_genitive_conjuncts(
        self, found: Resolved, parse: Parse, head: int, mentions: list[Mention]
    ) -> Resolved:
        """ "die Außenminister Deutschlands und Polens": the countries coordinated with the one
        in the genitive are parties too."""
        for t in parse.tokens:
            if t.head != head or t.dep not in self.labels.genitive or t.i == head:
                continue
            for node in self._conjuncts(parse, t.i)[1:]:
                hit = self._covering(mentions, parse.tokens[node])
                if hit is None or hit.kind != "country" or not hit.actor_id:
                    continue
                if hit.actor_id not in found.ids:
                    found.ids.append(hit.actor_id)
                    found.reason += f"; '{hit.text}' (coordinated genitive)"
        return found

    def place_country(self, parse: Parse, heads: list[int]) -> tuple[list[str], list[str]]:
        """The countries of places named in the phrases (for attacks on and aid to a place)."""
        ids: list[str] = []
        for head in heads:
            tokens = [parse.tokens[i] for i in self._phrase(parse, head)]
            for mention in self.mentions.get(parse.sentence, []):
                if (
                    mention.kind in {"place", "country"}
                    and mention.country
                    and not mention.is_dateline
                    and any(self._covers(mention, t) for t in tokens)
                ):
                    actor_id = country_actor(self.article, mention.country, self.kb)
                    if actor_id not in ids:
                        ids.append(actor_id)
        return ids, ["the country of the place named"] if ids else []

    def _head_of_name(self, parse: Parse, node: int, head: int) -> bool:
        return parse.tokens[node].head == head

    def _owner_of(self, parse: Parse, token: Token, head: int) -> bool:
        """Whether a word heads a genitive of the head word ("Treffen Spaniens"), or the
        agent phrase of a participle before it ("die von Schelling erhobene Forderung")."""
        if token.dep in self.labels.genitive | self.labels.oblique and token.head == head:
            return token.dep in self.labels.genitive
        above = parse.tokens[token.head]
        # the parser may hang the phrase on the article instead ("Die von X erhobene ...")
        participle = above.head == head and above.pos in {"ADJ", "VERB", "DET"} and above.i < head
        return participle and any(
            parse.tokens[c].dep in self.labels.case
            and parse.tokens[c].lemma.lower() in self.labels.agent_prepositions
            for c in range(len(parse.tokens))
            if parse.tokens[c].head == token.i and c != token.i
        )

    def _bracketed(self, mention: Mention) -> bool:
        """Whether a mention stands alone in brackets right after another word: "(ÖVP)"."""
        text = self.article.text
        before = text[: mention.start].rstrip()
        return before.endswith("(") and text[mention.end : mention.end + 1] == ")"

    def _own_words(self, parse: Parse, node: int) -> list[int]:
        """The phrase of a genitive without the prepositional phrases inside it: "von Migranten
        in Österreich" names the migrants, not Austria."""
        nested = {
            c
            for c in self._phrase(parse, node)
            if c != node
            and any(
                parse.tokens[k].dep in self.labels.case and parse.tokens[k].head == c
                for k in range(len(parse.tokens))
            )
        }
        dropped = {i for c in nested for i in self._phrase(parse, c)}
        return [i for i in self._phrase(parse, node) if i not in dropped]

    def _phrase(self, parse: Parse, head: int) -> list[int]:
        """The phrase of a head word: its dependents, without clauses and coordinated phrases."""
        nodes, stack = [], [head]
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack += [
                t.i
                for t in parse.tokens
                if t.head == node
                and t.i != node
                and t.dep not in CLAUSAL
                and not (node == head and t.dep in self.labels.conj | {"cc"})
            ]
        return sorted(nodes)

    def _party(self, mention: Mention) -> bool:
        return (
            mention.kind in PARTY_KINDS or (mention.kind == "place" and self._capital(mention))
        ) and not mention.is_dateline

    def _capital(self, mention: Mention) -> bool:
        if not mention.country or mention.entry_id is None:
            return False
        capital = self.kb.capital(mention.country)
        return capital is not None and capital.id == mention.entry_id

    @staticmethod
    def _covers(mention: Mention, token: Token) -> bool:
        return mention.start < token.end and token.start < mention.end

    def _covering(self, mentions: list[Mention], token: Token) -> Mention | None:
        hits = [m for m in mentions if self._covers(m, token) and not m.modifier]
        if not hits:
            return None
        # The longest: "Vereinigten Staaten" over "Staaten", "deutsche Polizei" over "deutsche".
        return max(hits, key=lambda m: (m.end - m.start, m.kind == "person"))

    # 2. actors
    def _named(
        self, mention: Mention, recent: list[str] | None, reason: str, parse: Parse, span: list[int]
    ) -> Resolved:
        ids = Party([mention], mention.start, mention.end).actor_ids(self.article, self.kb, recent)
        for actor_id in ids:
            actor = self.article.actors.get(actor_id)
            if actor is not None and actor.country is None and actor.code not in {"IGO", "NGO"}:
                country, how = self._phrase_country(parse, span, exclude=mention)
                if country is None:
                    reason += self.place_in_passage([actor_id], parse.sentence)
                elif country:
                    actor.country = actor.code = country
                    reason += f", country {country} from {how}"
        return Resolved(ids, reason)

    def place_in_passage(self, ids: list[str], sentence: int) -> str:
        """Persons and bodies without a country get the country of the passage around the
        sentence, where one leads (`LocalCountry`); returns what to add to the reason."""
        added = ""
        for actor_id in ids:
            actor = self.article.actors.get(actor_id)
            unplaced = actor is not None and actor.country is None
            if not unplaced or actor is None or actor.code in {"IGO", "NGO"}:
                continue
            if actor.kind not in {"person", "group", "organization", "body"}:
                continue
            country = self.local.country(sentence)
            if country:
                actor.country = actor.code = country
                added += f", country {country} from the country of the passage"
        return added

    def _phrase_country(
        self, parse: Parse, span: list[int], exclude: Mention | None = None
    ) -> tuple[str | None, str]:
        """A country the phrase itself names: an adjective, an organisation, a place."""
        tokens = [parse.tokens[i] for i in span]
        for mention in self.mentions.get(parse.sentence, []):
            if mention is exclude or not mention.country or mention.country in {"IGO", "NGO"}:
                continue
            if mention.kind in {"date", "here"} or mention.is_dateline:
                continue
            if any(self._covers(mention, t) for t in tokens):
                return mention.country, f"'{mention.text}' in the phrase"
        return None, ""

    def _party_noun(self, token: Token) -> str | None:
        key = token.lemma if token.lemma and token.lemma != "--" else token.text
        if key not in self._roles:
            sector = party_sector(self.lexicon, key)
            if sector is None:
                sector = party_sector(self.lexicon, token.text)
            if sector is None:
                roles = self.kb.roles(token.text, self.language)
                whole = [r for s, e, r in roles if s == 0 and e == len(token.text)]
                sector = whole[0].sector if whole else None
            self._roles[key] = sector
        return self._roles[key]

    def _unnamed(
        self, parse: Parse, token: Token, span: list[int], sector: str, mentions: list[Mention]
    ) -> Resolved:
        """An actor for a party noun without a name: country from the phrase or the article."""
        country: str | None = None
        how = "no country (refugees, unknown attackers)"
        if sector not in NO_COUNTRY_SECTORS:
            country, how = self._phrase_country(parse, span)
            if country is None:
                country, how = self.local.country(parse.sentence), "the country of the passage"
        name = token.lemma if token.lemma and token.pos != "ADJ" else token.text
        actor_id = f"group:{(country or 'none').lower()}:{name.lower()}"
        if actor_id not in self.article.actors:
            self.article.actors[actor_id] = Actor(
                actor_id, name, "group", country, sector or None, country
            )
        return Resolved([actor_id], f"'{token.text}' (no name; country {country} from {how})")


def _name_like(token: Token) -> bool:
    """A capitalised word the tagger reads as a name, by part of speech or by its finer tag
    ("Ramber-Koller": NOUN, but NE)."""
    return token.text[:1].isupper() and (token.pos == "PROPN" or token.tag == "NE")
