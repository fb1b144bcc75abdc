"""Rules that correct and extend a statistical German NER model's entities.

The model is small and trained on little news text: it misses many names that are plain to see
from their form, and takes some capitalised common nouns for names. ``refine`` fixes both:

* common nouns out: a one-word model entity that is a German common noun ("Pullover") is
  dropped, and a person's leading or trailing nouns are cut ("Psychologe Baldwin" -> "Baldwin");
* persons: a known given name plus a surname-like word ("Stefan Pastel", "Fritz Rudolf Körper",
  "Angela Merkels", "Carl-Ludwig Thiele"; a rare given name only before a word that can be
  nothing but a surname: "Kimi Räikkönen"), a given name standing alone ("Thomas dachte ..."),
  a name after a word for a person or a verb of saying ("Trainer Finke", "sagte Güllner"),
  after "Herr"/"Frau" even where it is also a noun ("Frau Green", "Frau von Blottnitz"), and
  the name in a model entity led by a word for a role ("Ölminister Ali al-Nuaimi");
* places: German, Austrian and Swiss towns ("Burghausen"), hyphenated places ("Berlin-Mitte"),
  streets ("Knoopstraße", "Gubener Straße 12") and spa towns ("Bad Schussenried");
* organisations: sports clubs ("FC Chelsea London", "Mainz 05", "Manchester United"), companies
  by legal form ("Läpple AG"), names after a word for an organisation ("Label EMI"),
  upper-case abbreviations standing alone ("ADAC"; not units, currencies or formulas),
  well-known companies, media and sports bodies from a hand-written list ("Airbus",
  "Deutschen Bank", "Handelsblatts") and parties by their short names ("die Grünen").

A rule's entity never replaces a longer model entity that covers it (the model's context wins),
and adds nothing inside a hyphenated compound ("EU-Kommission" names no place). The word lists
live in ``newsevents/data/names/`` (built by ``scripts/build_names.py``); a missing list turns
its rules off.

The word lists and shared token helpers live in ``newsevents/ner_lexicon.py``, the person rules in
``newsevents/ner_persons.py`` and the organisation and place rules in
``newsevents/ner_orgs_places.py``; this module merges their entities into the model's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsevents.ner.lexicon import (
    _ARABIC_ARTICLE,
    _PARTICLES,
    Entity,
    _capitalised,
    _common_noun,
    _given,
    _noun_word,
    _person_noun,
    common_nouns,
    given_names,
    towns,
)
from newsevents.ner.orgs_places import (
    abbreviation_spans,
    listed_organisation_spans,
    organisation_spans,
    party_spans,
    place_spans,
    town_spans,
)
from newsevents.ner.persons import person_spans, trigger_spans

if TYPE_CHECKING:
    from newsevents.records import Mention

__all__ = [
    "Entity",
    "abbreviation_spans",
    "common_nouns",
    "covers_places",
    "drop_common_nouns",
    "given_names",
    "listed_organisation_spans",
    "organisation_spans",
    "party_spans",
    "person_spans",
    "place_spans",
    "refine",
    "town_spans",
    "towns",
    "trigger_spans",
]

NOUN_FILTER_LABELS = frozenset({"PER", "ORG", "LOC"})


def drop_common_nouns(text: str, entities: Iterable[Entity], names: frozenset[str]) -> list[Entity]:
    """Model entities less the common nouns the model took for names.

    German capitalises every noun, and a small model tags some ("Pullover", "Aufsteiger"): a
    one-word entity that is a common noun is dropped; a person's leading or trailing common
    nouns are cut off ("Psychologe Baldwin" -> "Baldwin", "Holroyds Stimme" -> "Holroyds"). Not
    a place's: "Republik Irland" is one name.
    """
    kept: list[Entity] = []
    for start, end, label in entities:
        if label not in NOUN_FILTER_LABELS:
            kept.append((start, end, label))
            continue
        spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
        if label == "PER":
            cut = False
            while len(spans) > 1 and _noun_word(text[spans[0][0] : spans[0][1]], names):
                spans.pop(0)  # a title or role before the name: "Psychologe Baldwin"
                cut = True
            while cut and len(spans) > 1 and text[spans[0][0]].islower():
                spans.pop(0)  # "Pille zu Robinho" -> "Robinho"
        if label == "PER":
            while (
                len(spans) > 1
                and _common_noun(text[spans[-1][0] : spans[-1][1]], names)
                and text[spans[-2][0] : spans[-2][1]] not in names  # "Reinhard Keller"
            ):
                spans.pop()
            if len(spans) == 1 and _common_noun(text[spans[0][0] : spans[0][1]], names):
                spans = []
        elif len(spans) == 1 and _common_noun(text[start:end], names):
            spans = []
        elif len(spans) > 1 and _person_noun(text[spans[0][0] : spans[0][1]]):
            # "CSU-Fraktionsvorsitzender Christian Schlegl", "Ölminister Ali al-Nuaimi" taken
            # whole for an organisation or a thing: the role noun goes, the name is a person.
            rest = [text[s:e] for s, e in spans[1:]]
            if _capitalised(rest[0]) and all(
                _capitalised(w) or w in _PARTICLES or _ARABIC_ARTICLE.fullmatch(w) for w in rest
            ):
                spans.pop(0)
                label = "PER"
        if spans:
            kept.append((spans[0][0], spans[-1][1], label))
    return kept


def refine(
    text: str, entities: Iterable[Entity], names: frozenset[str] | None = None
) -> list[Entity]:
    """The model's entities with the rules' entities merged in, in text order.

    A rule entity is dropped where a model entity covers it or overlaps it without being
    covered; it replaces the model entities it strictly covers (a model "Pfister" inside the
    rule's "Manfred Pfister") and, for persons, widens an overlapping model person.
    """
    names = given_names() if names is None else names
    merged = sorted(set(drop_common_nouns(text, entities, names)))
    # Rules whose label beats the model's on the same span: a given name plus surname, a club.
    persons = person_spans(text, names)
    # A person led by a rare given name ("Red Wings") yields to the model's label.
    weak = [p for p in persons if not _given(text[p[0] : p[1]].split(" ")[0], names)]
    strong = set(
        [p for p in persons if p not in weak]
        + organisation_spans(text)
        + listed_organisation_spans(text, names)
    )
    rules = (
        sorted(strong)
        + weak
        + place_spans(text)
        + trigger_spans(text, names)
        + town_spans(text, names)
        + abbreviation_spans(text)
        + party_spans(text)
    )
    for start, end, label in sorted(rules):
        inside = [e for e in merged if start <= e[0] and e[1] <= end]
        crossing = [e for e in merged if e[0] < end and start < e[1] and e not in inside]
        if crossing:
            if label == "PER" and all(e[2] == "PER" for e in crossing) and not inside:
                # A model person that starts or ends inside the name: take both together.
                lo = min([start] + [e[0] for e in crossing])
                hi = max([end] + [e[1] for e in crossing])
                merged = [e for e in merged if e not in crossing] + [(lo, hi, "PER")]
            continue
        if any(e == (start, end, label) for e in inside):
            continue
        if any((e[0], e[1]) == (start, end) for e in inside) and (start, end, label) not in strong:
            continue  # the model labelled this very span otherwise: trust its context
        merged = [e for e in merged if e not in inside] + [(start, end, label)]
    return sorted(merged)


# Mentions a longer NER name may contain: "Leverkusen" in "Bayer Leverkusen", "New York" in
# "New York Times", "Berlin" in "Berlin-Charlottenburg", "Deutschen" in "Deutschen Bank".
_CONTAINABLE_KINDS = frozenset({"place", "country", "region"})


def covers_places(start: int, end: int, mentions: Iterable[Mention]) -> bool:
    """Whether the span [start, end) strictly contains every named mention it overlaps, and
    those are all places, countries or regions: a longer name built on a place name."""
    overlapping = [
        m
        for m in mentions
        if m.start < end and start < m.end and (m.label or m.kind in _CONTAINABLE_KINDS)
    ]
    return (
        bool(overlapping)
        and all(
            m.kind in _CONTAINABLE_KINDS
            # A capitalised adjective is part of the name ("Deutschen Bank", "Russische Bahn");
            # a lower-case one only describes it.
            and (m.form != "adjective" or m.text[:1].isupper())
            and start <= m.start
            and m.end <= end
            and (m.start, m.end) != (start, end)
            for m in overlapping
        )
    )
