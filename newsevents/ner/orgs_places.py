"""Organisation and place rules of the German NER.

Places: German, Austrian and Swiss towns (``town_spans``); streets, squares, spa towns and
hyphenated places (``place_spans``). Organisations: upper-case abbreviations standing alone
(``abbreviation_spans``), sports clubs and companies by their legal form or name ending
(``organisation_spans``), well-known organisations from a hand-written list
(``listed_organisation_spans``) and parties by their short names (``party_spans``).
"""

from __future__ import annotations

import re

from newsevents.ner.lexicon import (
    _LEGAL_FORM,
    _NOT_GIVEN,
    _PARTICLES,
    _STOP,
    Entity,
    _capitalised,
    _given,
    _organisation_pattern,
    _word_set,
    _Words,
    _words_of,
    common_nouns,
    given_names,
    towns,
)

# Places: streets and squares written as one word or with a capitalised adjective before.
_STREET_WORD = re.compile(r"[A-ZÄÖÜ][\w-]*(?:straße|strasse|gasse|allee|chaussee)")
# Common nouns ending like a street: "Bundesstraße", "Einkaufsstraße".
_NOT_STREET = re.compile(
    r"(?:Bundes|Land|Staats|Kreis|Gemeinde|Neben|Seiten|Haupt|Einkaufs|Durchgangs|Umgehungs|"
    r"Zufahrts|Ausfall|Verbindungs|Wasser|Schnell|Küsten|Wohn|Geschäfts|Dorf|Ring|Pracht|"
    r"Fußgänger|Spiel|Sack|Quer|Straßen|Baum|Kastanien|Linden|Pappel|Seiden|Weinstraße|Bahn)"
    r"(?:straße|strasse|gasse|allee|chaussee)"
)
_STREET_HEAD = {"Straße", "Strasse", "Allee", "Platz", "Weg", "Ring", "Gasse", "Damm", "Ufer"}
# Organisations: sports clubs by their prefix and companies by their legal form.
_CLUB_PREFIX = {
    "FC", "SV", "VfB", "VfL", "TSV", "SC", "SK", "TuS", "SpVgg", "MSV", "KSV", "FSV", "BSC",
    "Bayer", "AS", "AC", "SSC", "RB", "Borussia", "Eintracht", "Fortuna", "Hertha", "Alemannia",
    "Arminia", "Rot-Weiss", "Rot-Weiß", "Olympique", "Juventus", "Sporting", "Dynamo",
    "Lokomotive", "Panathinaikos", "Olympiakos", "Galatasaray", "Fenerbahce", "Besiktas",
}  # fmt: skip
# Last words of English-style club, paper and company names: "Manchester United", "Chicago
# Bulls", "New York Times", "Jet Airways".
_ORG_SUFFIX = _word_set(
    """
    United City Rovers Athletic Wanderers Hotspur Bulls Lakers Celtics Knicks Giants Times Post
    Journal Herald Tribune Airlines Airways Motors Holdings Investment Capital Partners Systems
    Technologies Electronics Pharmaceuticals Records Pictures Studios Entertainment Networks
    Analytics Solutions Consulting Telecom
    """
)
_ABBREVIATED_FORM = {"Inc", "Ltd", "Corp", "Co", "e.V"}  # written with a final dot


# Towns named like a function word or a direction: "Alle", "Weil", "Norden".
_NOT_TOWN = _word_set("Alle Weil Waren Mitte Norden Osten Süden Westen Sinn Zug Kirchdorf")


# Abbreviations that name no organisation: units, currencies, identifiers, media, techniques.
_NOT_ORG_ABBREVIATION = _word_set(
    """
    ISBN ISSN PMID DOI PLZ TV PC CD DVD SMS MMS GPS DNA DNS RNA HIV AIDS KB MB GB TB PS KW KM
    KG CM MM UKW MW LW EUR USD CHF GBP JPY CNY RUB DM MP3 PDF HTML URL IP LED LCD USB WLAN GSM
    UMTS LTE HD OK KO PR IT AI KI CEO CFO CTO PhD MBA BA MA BSc MSc GmbH AG SE KGaA OHG NATO
    BIP BSP MWST MWSt ABS ESP SUV PKW LKW ICE IC EC RE RB ZOB ÖPNV WC NS SS SA FKK VIP DJ MC
    AM PM FM OT GP WM EM ECU
    """
)
_ROMAN = re.compile(r"[IVXLC]+")
_ABBREVIATION = re.compile(r"[A-ZÄÖÜ]{2,4}")  # no digits: "CO2", "H2O" are formulas


def abbreviation_spans(text: str) -> list[Entity]:
    """Upper-case abbreviations standing alone: mostly organisations ("ADAC", "WWF", "RTL")."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            _ABBREVIATION.fullmatch(word)
            and not _ROMAN.fullmatch(word)
            and word not in _NOT_ORG_ABBREVIATION
            and not words.in_compound(i)
        ):
            found.append((words.spans[i][0], words.spans[i][1], "ORG"))
    return found


def town_spans(text: str, names: frozenset[str]) -> list[Entity]:
    """German, Austrian and Swiss towns named by a word that is no common noun or given name."""
    words = _words_of(text)
    places = towns()
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            word in places
            and _capitalised(word)
            and word not in names
            and word not in _STOP
            and word not in _NOT_GIVEN
            and word not in common_nouns()
            and word not in _NOT_TOWN
            and not words.in_compound(i)
        ):
            found.append((words.spans[i][0], words.spans[i][1], "LOC"))
    return found


_DISTRICT = _word_set("Mitte Nord Süd Ost West Nordost Nordwest Südost Südwest Land Stadt")


def _joined_place(word: str) -> bool:
    """A hyphenated place name led by a town: 'Berlin-Mitte', 'Schleswig-Holstein', not
    'Berlin-Besuch' (a common noun at the end makes a compound about the place)."""
    parts = word.split("-")
    return (
        len(parts) >= 2
        and all(_capitalised(part) for part in parts)
        and parts[0] in towns()
        and (parts[-1] in _DISTRICT or parts[-1] not in common_nouns())
    )


def _house_number_end(words: _Words, i: int) -> int:
    """Where street word i ends, with the house number after it ("Neuendorfer Straße 90c")."""
    if words.joined(i) and re.fullmatch(r"\d{1,4}[a-z]?", words.words[i + 1]):
        return words.spans[i + 1][1]
    return words.spans[i][1]


def place_spans(text: str) -> list[Entity]:
    """Streets, squares, spa towns and hyphenated places."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        start, end = words.spans[i]
        if _joined_place(word) and not words.in_compound(i):
            found.append((start, end, "LOC"))
        elif (
            _STREET_WORD.fullmatch(word)
            and not _NOT_STREET.fullmatch(word)
            and not words.in_compound(i)
        ):
            found.append((start, _house_number_end(words, i), "LOC"))
        elif (
            word in _STREET_HEAD
            and i > 0
            and words.joined(i - 1)
            and re.fullmatch(r"[A-ZÄÖÜ]\w+er", words.words[i - 1])
        ):
            found.append((words.spans[i - 1][0], _house_number_end(words, i), "LOC"))
        elif word == "Bad" and words.joined(i) and _capitalised(words.words[i + 1]):
            found.append((start, words.spans[i + 1][1], "LOC"))
    return found


def organisation_spans(text: str) -> list[Entity]:
    """Sports clubs and companies named with their legal form."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if word in _ORG_SUFFIX and i > 0 and words.joined(i - 1):
            first = i
            # One or two name words before: "Chicago Bulls", "New York Times"; not "Die".
            while first > 0 and i - first < 2 and words.joined(first - 1):
                before = words.words[first - 1]
                if not _capitalised(before) or before in _STOP:
                    break
                if first < i and before in common_nouns():
                    break  # the name's own word may be a noun ("Jet Airways"), not one before it
                first -= 1
            if first < i:
                found.append((words.spans[first][0], words.spans[i][1], "ORG"))
            continue
        if (
            re.fullmatch(r"\d\d", word)
            and i > 0
            and words.joined(i - 1)
            and words.words[i - 1] in towns()
        ):
            found.append((words.spans[i - 1][0], words.spans[i][1], "ORG"))  # "Mainz 05"
            continue
        if word in _CLUB_PREFIX and words.joined(i):
            last = i
            while (
                last + 1 < len(words)
                and last - i < 3
                and words.joined(last)
                and (_capitalised(words.words[last + 1]) or words.words[last + 1].isdigit())
            ):
                last += 1
            if last > i:
                start = words.spans[i][0]
                number = re.search(r"\b\d\.\s$", text[max(0, start - 4) : start])
                if number:  # "1. FC Nürnberg"
                    start -= len(number.group())
                found.append((start, words.spans[last][1], "ORG"))
        elif word in _LEGAL_FORM and i > 0 and words.joined(i - 1):
            # One name word before the form: more would swallow "Unternehmen" in "das
            # Unternehmen Läpple AG" (German capitalises every noun).
            first = i - 1
            name = words.words[first]
            if not (_capitalised(name) or name.isupper()) or name in _STOP or name in _LEGAL_FORM:
                continue
            end = words.spans[i][1]
            if word in _ABBREVIATED_FORM and text[end : end + 1] == ".":
                end += 1
            found.append((words.spans[first][0], end, "ORG"))
    return found


# Particles inside foreign names that are no German preposition ("von Airbus" is one).
_FOREIGN_PARTICLES = _PARTICLES - {"von", "zu"}


def listed_organisation_spans(text: str, names: frozenset[str]) -> list[Entity]:
    """Well-known organisations from ``organizations_de.txt`` standing as a name of their own.

    A name right after a given name ("Henry Ford") or before another capitalised word or a
    model number ("Airbus A380", "VW Golf") is left to the other rules and the model; a legal
    form after it joins the name ("Deutsche Bank AG").
    """
    pattern = _organisation_pattern()
    if pattern is None:
        return []
    rare = given_names(min_frequency=1)
    found: list[Entity] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        before = re.search(r"(\S+) +$", text[max(0, start - 40) : start])
        previous = before.group(1) if before else ""
        if (
            # any given name, however rare: "Hans-Stephan Bosch", "Harrison Ford"
            ((_given(previous, names) or _given(previous, rare)) and _capitalised(previous))
            or previous in _FOREIGN_PARTICLES  # "Front de Libération": a longer name
        ):
            continue
        after = re.match(r" +([^\s]+)", text[end:])
        if after:
            following = after.group(1)
            if following in _LEGAL_FORM:
                end += after.end()
            elif following[:1].isupper() or following[:1].isdigit():
                continue
        found.append((start, end, "ORG"))
    return found


# Parties by their short names: "die Grünen", "der Linken". Not "die Union": in news it is the
# CDU/CSU, in European debates the EU, which named-entity annotation leaves unmarked.
_PARTY_WORDS = _word_set("Grünen Linke Linken")
_PARTY_ARTICLES = _word_set("die der den Die Der Den")


def party_spans(text: str) -> list[Entity]:
    """Parties named by a nominalised adjective right after an article: "die Grünen enthielten
    sich", "mit der Linken"; not before another capitalised word ("die Linke Hand")."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            word in _PARTY_WORDS
            and i > 0
            and words.joined(i - 1)
            and words.words[i - 1] in _PARTY_ARTICLES
            and not words.in_compound(i)
            and not (words.joined(i) and words.words[i + 1][:1].isupper())
        ):
            found.append((words.spans[i][0], words.spans[i][1], "ORG"))
    return found
