"""Misspelt country names in English texts: "Ethopia", "Afganistan", "Quatar".

Wire copy misspells country names often enough to lose actors ("Pakistan rejected an offer from
Afganistan"). A capitalised word that the knowledge base does not know is read as a country when
it is one edit (a letter inserted, dropped, changed, or two swapped) away from a one-word English
country name, begins with the same letter, and is long enough for one edit to be a typo rather
than another word. Words that are real names close to a country ("Columbia", "Indiana",
"Styria") are listed and never read as countries, and a word next to another capitalised word is
taken for part of a name ("Ihor Maliar" is no misspelt "Malian").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from functools import lru_cache

from newsevents.datafiles import data_path
from newsevents.kb.base import AliasMatch, KnowledgeBase

__all__ = ["FuzzyCountries", "for_kb", "misspelt_countries", "one_edit_apart"]

_DATA = data_path("kb")
MIN_CHARS = 6  # "Quatar" (Qatar); shorter words are one edit away from too many others
_WORD = re.compile(r"[A-Z][a-z]+")
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]+(?![\w-])")  # the words looked at
_NAME_BEFORE = re.compile(r"\b([A-Z][\w.-]*) $")
_NAME_AFTER = re.compile(r" [A-Z]")
# Real names and words one edit away from a country's name or adjective.
NOT_TYPOS = frozenset(
    {
        "Americana",
        "Americas",  # the continents, not the United States
        "Angela",  # Angola
        "Arminia",  # Armenia
        "Bening",  # Benin
        "Chiles",  # Chile
        "Columbia",  # Colombia: British Columbia, Columbia University, District of Columbia
        "Columbian",
        "Dominic",  # Dominica
        "Frances",  # France
        "Franco",
        "Francs",
        "Georgina",  # Georgia
        "Germain",  # German
        "Gorman",
        "Granada",  # Grenada
        "Greene",  # Greece
        "Guiana",  # Guyana: French Guiana
        "Guineas",  # Guinea: the currency, the horse race
        "Hollande",  # Holland
        "Hungry",  # Hungary
        "Indiana",  # India
        "Indira",
        "Jordana",  # Jordan
        "Jordon",
        "Styria",  # Syria: the Austrian state
        "Styrian",
    }
)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a, with one letter inserted, dropped or changed, or two adjacent swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class FuzzyCountries:
    """Country names and adjectives of the knowledge base, indexed for one-edit lookups."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_initial: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for surface, entry_id, form in _country_words(kb):
            self._by_initial[surface[0]].append((surface, entry_id, form))

    def lookup(self, word: str) -> tuple[str, str] | None:
        """(country entry id, "name" or "adjective") a misspelt word stands for, or None."""
        if len(word) < MIN_CHARS or word in NOT_TYPOS or not _WORD.fullmatch(word):
            return None
        hits = {
            (entry_id, form)
            for surface, entry_id, form in self._by_initial.get(word[0], [])
            if abs(len(surface) - len(word)) <= 1 and one_edit_apart(surface, word)
        }
        if len({entry_id for entry_id, _ in hits}) != 1:
            return None  # unknown, or one edit from two countries: no guess
        return min(hits)


@lru_cache(maxsize=4)
def _cached(kb: KnowledgeBase) -> FuzzyCountries:
    return FuzzyCountries(kb)


def for_kb(kb: KnowledgeBase) -> FuzzyCountries:
    """The (cached) fuzzy index of a knowledge base's countries (a layer adds no countries)."""
    return _cached(kb.base)


def misspelt_countries(
    kb: KnowledgeBase, text: str, matches: Sequence[AliasMatch], stopwords: Collection[str] = ()
) -> list[AliasMatch]:
    """Country names one typo away ("Ethopia") among the words of `text` no alias matched.

    A word right after another capitalised word (other than a `stopwords` word such as "In")
    or right before one is taken for part of a name and skipped.
    """
    fuzzy = for_kb(kb)
    found = []
    for word in _CAPITALISED.finditer(text):
        if any(m.start < word.end() and word.start() < m.end for m in matches):
            continue
        before = _NAME_BEFORE.search(text, 0, word.start())
        if (before and before.group(1) not in stopwords) or _NAME_AFTER.match(text, word.end()):
            continue  # "Ihor Maliar", "Gorman Hall": part of a name
        hit = fuzzy.lookup(word.group())
        if hit is not None:
            entry_id, form = hit
            found.append(AliasMatch(word.start(), word.end(), entry_id, form, word.group()))
    return found


def _country_words(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(one-word English name or adjective, country entry id, form) of the bundled countries."""
    data = json.loads((_DATA / "countries.json").read_text("utf-8"))
    words: list[tuple[str, str, str]] = []
    for rec in data["countries"]:
        entry_id = f"country:{rec['iso3']}"
        if entry_id not in kb:
            continue
        en = rec["en"]
        for form, surfaces in (("name", en["names"]), ("adjective", en["adjectives"])):
            for surface in surfaces:
                if " " not in surface and len(surface) >= MIN_CHARS - 1 and surface.isalpha():
                    words.append((surface, entry_id, form))
    return words
