"""Countries of actors that their own words do not name, taken from their context.

"Judge Alejandro Rivera opened investigations against 28 Chilean officials": the judge is
Chilean because Chile is the only country the sentence names. "Salaheddine Sidhoum, Algeria's
leading human rights activist": the apposition names his country. The rules here only answer
where the context is unambiguous (one country, or an apposition right after the name); otherwise
the actor keeps no country rather than a guessed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsevents.mentions.groups import ROLE as GROUP_ROLE
from newsevents.records import Mention

__all__ = [
    "apposition_countries",
    "body_before",
    "dateline_country",
    "negated_before",
    "sentence_country",
]

# "anti-Syria journalist", "pro-Moscow rebels": the country is what they oppose or favour.
_NEGATED = re.compile(r"(?:\b(?:anti|pro|non|ex)-|\banti\s)$", re.IGNORECASE)
APPOSITION_GAP = re.compile(r",\s+")  # "Sidhoum, Algeria's leading ... activist"
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,6}(?:['’]s)? $")  # "IOC President Thomas Bach"
_POSSESSIVE = re.compile(r"['’]s?(?:\s+[a-z][\w-]*){0,2}")  # "NATO's new chief"


def sentence_country(mentions: Sequence[Mention]) -> Mention | None:
    """The one country a sentence names, as the first mention naming it; else None.

    Countries count by name, abbreviation or adjective, and through the places named; plural
    demonyms ("Britons", "two Pakistanis") do not: they name people of that country, who are
    themselves parties rather than the setting. Persons the knowledge base knows count too, so
    that a sentence naming theirs and another country has none. Only where it names no country
    do national organisations and ethnic groups stand for theirs ("IPOB accused the federal
    government": Nigeria's).
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    places = [m for m in ordered if m.kind in {"country", "place"} and m.country]
    if not places:
        places = [m for m in ordered if _national(m)]
    else:
        places = [m for m in places if m.form != "demonym"]
    # A known person of another country makes it ambiguous: "President Trump and lawmakers were
    # told about the Russian assistance" names Russia, but the lawmakers are not Russian.
    known = {m.country for m in ordered if m.kind == "person" and m.entry_id and m.country}
    countries = {m.country for m in places} | known
    return places[0] if places and len(countries) == 1 else None


def _national(mention: Mention) -> bool:
    """A knowledge-base organisation of one country, or an ethnic group placed in one."""
    if not mention.country or mention.country in {"IGO", "NGO", "IMG"}:
        return False
    if mention.kind == "organization":
        return mention.entry_id is not None
    return mention.kind == "group" and mention.role == GROUP_ROLE


def negated_before(text: str, start: int) -> bool:
    """Whether the word at `start` is prefixed by "anti-", "pro-" and the like."""
    return _NEGATED.search(text[max(0, start - 6) : start]) is not None


def apposition_countries(mentions: list[Mention], text: str) -> None:
    """Give a person without a country the country of the title in apposition after the name.

    "X, Algeria's leading human rights activist, ...": the role finder makes the apposition a
    group of activists of Algeria; the person named right before it is one of them.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    for index, person in enumerate(ordered):
        if person.kind != "person" or person.country:
            continue
        gap = APPOSITION_GAP.match(text, person.end)
        if gap is None:
            continue
        following = next(
            (m for m in ordered[index + 1 :] if m.start == gap.end() and m.kind == "group"),
            None,
        )
        if following is not None and following.country:
            person.country = following.country
            if not person.sector:
                person.sector = following.sector


def body_before(text: str, mentions: Sequence[Mention], start: int) -> bool:
    """Whether an organisation names the title at `start` ("UN envoy", "NATO's chief"), or an
    acronym the knowledge base does not know ("IOC President"): its holder is the body's."""
    acronym = _ACRONYM_BEFORE.search(text, max(0, start - 12), start)
    if acronym is not None and not any(
        m.kind == "country" and m.start == acronym.start() for m in mentions
    ):
        return True
    for mention in mentions:
        if mention.kind != "organization" or mention.end > start:
            continue
        gap = text[mention.end : start].strip()
        if not gap or _POSSESSIVE.fullmatch(gap):
            return True
    return False


def dateline_country(
    text: str, mentions: Sequence[Mention], start: int, dateline: Mention | None
) -> Mention | None:
    """The dateline's place for an official named by title alone ("a government spokesman said"
    in a report filed from Abuja), only where the sentence names no country, place or
    organisation that could be the official's instead."""
    if dateline is None or body_before(text, mentions, start):
        return None
    if any(m is not dateline and (m.country or m.kind == "organization") for m in mentions):
        return None
    return dateline
