"""Typed records that flow through the pipeline: an Article and what the stages attach to it.

Every span is a pair of character offsets into `Article.text` (Python str indices, end
exclusive), so each field of an event can be traced back to the characters it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# What a mention names. Knowledge-base entries of a user kind keep that kind.
MentionKind = Literal[
    "country",
    "region",
    "place",
    "person",
    "organization",
    "group",
    "body",
    "name",  # a name the NER model found and no rule resolved
    "date",
    "reference",  # "beide Seiten", "both countries": the two parties named together
    "here",  # "hier", "here": the dateline's place
]
# How a mention was found: the form of a knowledge-base name, or "ner" for the NER model.
MatchForm = Literal[
    "name", "surname", "adjective", "demonym", "abbreviation", "title", "org_head", "ner"
]
EventStatus = Literal["occurred", "planned", "negated", "hypothetical", "reference"]
Precision = Literal["day", "week", "month", "year"]
# How an event's date was found: stated for it, carried from an earlier sentence, or the
# publication date standing in for it.
DateBasis = Literal["stated", "carried", "publication"]


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of the article text, `text[start:end]`."""

    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the cleaned text; `duplicate_of` is the 1-based index it repeats;
    `boilerplate` says what page clutter it is ("link list", "portal phrase", ...), if any.
    Later stages skip repeated and boilerplate paragraphs."""

    index: int
    start: int
    end: int
    duplicate_of: int | None = None
    boilerplate: str | None = None


@dataclass(slots=True)
class Sentence:
    """A sentence; statements in quotes stay inside the sentence that attributes them."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(slots=True, frozen=True)
class Token:
    """One word of a parsed sentence (`syntax` stage): offsets into `Article.text`, lemma, tags,
    morphological features and its dependency arc. `head` and `i` index the sentence's tokens;
    the root's head is itself. Labels are the parser's own (UD for German, ClearNLP for English)."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal part of speech (UPOS)
    tag: str  # the language's own tag set (STTS, Penn)
    morph: str  # UD features, "Case=Nom|Number=Sing"
    dep: str
    head: int

    def feature(self, name: str) -> str | None:
        """The value of one morphological feature ("Case" -> "Nom"), None if absent."""
        for item in self.morph.split("|"):
            key, _, value = item.partition("=")
            if key == name:
                return value
        return None


@dataclass(slots=True)
class Parse:
    """The dependency parse of one sentence (`sentence` is its index in `Article.sentences`)."""

    sentence: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A stretch of text that names something: a country, place, person, organisation, date.

    `label` is the NER label (PER, ORG, LOC, MISC) or None; `role` a title or role the text
    gives it ("Foreign Minister", "ethnic group"), never how it was found (that is `form`).
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    label: str | None = None
    entry_id: str | None = None
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    sentence: int = -1
    value: str | None = None
    modifier: bool = False  # names the country of another mention ("Kenyan" in "Kenyan minister")
    form: MatchForm | None = None
    is_dateline: bool = False  # where the report was filed ("BERLIN:"), never a party
    members: list[str] = field(default_factory=list)  # a named body's member countries (ISO3)


@dataclass(slots=True)
class Actor:
    """A canonical actor of one article, linked from its mentions.

    `id` is stable across articles for knowledge-base entries ("country:RUS") and derived from
    the normalised name for actors first seen in text ("person:sergey-vershinin").
    """

    id: str
    name: str
    kind: str
    code: str | None = None
    sector: str | None = None
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class EventDate:
    """A resolved date with its precision, how it was found (`basis`) and why (`reason`)."""

    value: dt.date
    precision: Precision
    text: str | None = None
    reason: str = ""
    basis: DateBasis = "stated"

    @property
    def explicit(self) -> bool:
        """Whether the date was stated for this event, not carried over or assumed."""
        return self.basis == "stated"

    def iso(self) -> str:
        """The date as ISO text cut to its precision: 2023-11-16, 2023-11 or 2023."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@dataclass(slots=True)
class Quote:
    """A direct or indirect quotation with its speaker actors."""

    start: int
    end: int
    text: str
    paragraph: int
    speakers: list[str] = field(default_factory=list)
    cue: str | None = None


@dataclass(slots=True)
class Event:
    """A coded PLOVER event with its evidence and the reasoning that produced it."""

    id: str
    type: str
    actors: list[str]
    recipients: list[str] = field(default_factory=list)
    symmetric: bool = False
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: EventDate | None = None
    location: str | None = None
    status: EventStatus = "occurred"
    sources: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    trigger: str = ""
    rule: str = ""
    planned_type: str | None = None
    participants: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    series_body: str | None = None  # the body whose numbered session this meeting is
    series_session: int | None = None  # its number ("10. Sitzung"), when the text tells

    def parties(self) -> frozenset[str]:
        """Actors and recipients together: the unordered parties of a symmetric event."""
        return frozenset(self.actors) | frozenset(self.recipients)


@dataclass(slots=True)
class Article:
    """One news article and everything the stages attach to it."""

    text: str
    origin: str = "<memory>"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    id: str = ""
    dateline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    syntax: list[Parse] = field(default_factory=list)  # working state of the coder, not stored
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    partial: str | None = None  # why it was analysed only in part (its budget), else None

    def span_text(self, span: Span | Sentence | Mention) -> str:
        """The text a span covers."""
        return self.text[span.start : span.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a character offset, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def duplicate_pairs(self) -> list[tuple[int, int]]:
        """(original, repeat) paragraph index pairs found by the clean stage."""
        return [(p.duplicate_of, p.index) for p in self.paragraphs if p.duplicate_of is not None]
