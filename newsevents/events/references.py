"""Pronouns to their antecedents: "er", "sie", "they" name the nearest compatible party before.

The article is read in order; each sentence's named parties are remembered. A singular personal
pronoun ("er", "sie", "he", "she") takes the last person named; a plural one ("sie", "they")
the last organisation, country or group, or the last two parties named together; a first
person ("ich", "wir", "I", "we") is the speaker of the clause. The reason is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.events.partyref import PartyResolver, Resolved
from newsevents.records import Article, Mention, Parse, Sentence, Token

PERSONAL = {"er", "sie", "he", "she", "they", "ihm", "ihn", "ihr", "ihnen", "him", "her", "them"}
NONPERSONAL = {"it"}  # English "it": an organisation or country named before, never a person
LOOKBACK_SENTENCES = 4  # an antecedent further back is too far for a pronoun


@dataclass(slots=True)
class Antecedent:
    """A party named in a sentence, as a pronoun may take it up."""

    sentence: int
    ids: list[str]
    person: bool
    text: str


class References:
    """The parties named so far in an article, for the pronouns that follow."""

    def __init__(self, article: Article, parties: PartyResolver) -> None:
        self.article = article
        self.parties = parties
        self.named: list[Antecedent] = []

    def read(self, sentence: Sentence, mentions: list[Mention]) -> None:
        """Remember the parties a sentence names (after its events are coded)."""
        for mention in sorted(mentions, key=lambda m: m.start):
            if mention.kind not in {"person", "organization", "country", "group", "body"}:
                continue
            if mention.modifier or mention.is_dateline or not mention.actor_id:
                continue
            person = mention.kind == "person"
            self.named.append(Antecedent(sentence.index, [mention.actor_id], person, mention.text))

    def pronoun(self, parse: Parse, token: Token, speaker: list[str]) -> Resolved:
        """The party a pronoun refers to, with the reason; none when nothing fits."""
        word = token.text.lower()
        if token.feature("Person") == "1" or word in {"ich", "wir", "i", "we"}:
            if speaker:
                return Resolved(list(speaker), f"'{token.text}': the speaker")
            return Resolved()
        if word not in PERSONAL | NONPERSONAL:
            return Resolved()
        plural = token.feature("Number") == "Plur" or word in {"they", "them", "ihnen", "it"}
        if word == "sie" and token.text == "Sie" and token.i > 0:
            return Resolved()  # polite "Sie" mid-sentence: the reader, no party
        earlier = self._in_sentence(parse, token) + list(reversed(self.named))
        for antecedent in earlier:
            if parse.sentence - antecedent.sentence > LOOKBACK_SENTENCES:
                break
            if antecedent.person != (not plural):
                continue
            return Resolved(
                list(antecedent.ids),
                f"'{token.text}' -> '{antecedent.text}' (last {'person' if not plural else 'party'}"
                f" named, sentence {antecedent.sentence})",
            )
        return Resolved()

    def _in_sentence(self, parse: Parse, token: Token) -> list[Antecedent]:
        """Parties named earlier in the pronoun's own sentence, nearest first."""
        found = []
        for mention in self.parties.mentions.get(parse.sentence, []):
            if mention.end > token.start or not mention.actor_id or mention.modifier:
                continue
            if mention.kind not in {"person", "organization", "country", "group", "body"}:
                continue
            found.append(
                Antecedent(
                    parse.sentence, [mention.actor_id], mention.kind == "person", mention.text
                )
            )
        return list(reversed(found))
