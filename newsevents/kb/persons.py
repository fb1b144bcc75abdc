"""Well-known persons of the knowledge base: entries and aliases from ``data/kb/persons.yaml``.

Every person has a canonical English name, full-name variants per language and, where it alone
identifies the person in the news, a surname ("Putin", "Museveni"). This module turns the file
into plain records; ``KnowledgeBase`` indexes them. Generated forms:

* ASCII spellings of names with diacritics: "Erdoğan" -> "Erdogan", "Schröder" -> "Schroder"
  and "Schroeder";
* German genitives of full names and surnames: "Putins", "Wladimir Putins", "Erdoğans";
* capitalised particles of surnames at a sentence start: "al-Assad" -> "Al-Assad",
  "von der Leyen" -> "Von der Leyen".

Surnames in the file's per-language ``surname_stoplist`` (common words such as "Kohl", "May",
"Major") are never matched alone in that language; the full names still are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml

__all__ = ["PersonAlias", "PersonRecord", "load_yaml", "lone_surname_ok", "read_persons"]

LANGUAGES = ("en", "de")
_TITLES = {
    "King",
    "Queen",
    "Pope",
    "Emperor",
    "Sheikh",
    "Sultan",
    "Emir",
    "President",
    "Prince",
    "Crown",
    "Ayatollah",
    "Mullah",
    "Subcomandante",
    "Sir",
    "Lord",
    "General",
    "Papst",
    "König",
    "Kaiser",
    "Kronprinz",
    "Ajatollah",
    "Scheich",
    "the",
    "Baby",
}
_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Herr", "Frau", "Herrn"}
_SENTENCE_START = frozenset(".!?:;\"'“”„«»()[]–—")
_GENITIVE_BLOCKERS = ("s", "x", "z", "ß", ".", "'")
_ASCII_EXTRA = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "æ": "ae"}
)
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


class PersonRecord(NamedTuple):
    """One person: entry id ("person:vladimir-putin"), name, actor code, sector, country."""

    id: str
    name: str
    code: str | None
    sector: str | None
    country: str | None


class PersonAlias(NamedTuple):
    """A surface form of a person in one language; `surname` aliases rank below full names."""

    language: str
    surface: str
    target: str
    surname: bool


class _Mapping:
    """A mapping being built from parser events, with the key that waits for its value."""

    __slots__ = ("key", "value")

    def __init__(self) -> None:
        self.value: dict[Any, Any] = {}
        self.key: Any = _NO_KEY


_NO_KEY = object()


def load_yaml(text: str) -> Any:
    """Parse YAML of mappings, lists and strings from the parser's events.

    About three times faster than ``yaml.load`` with the C loader, whose Python-side
    constructors dominate for a file of a thousand small mappings. Plain ``null`` and ``~`` are
    None; every other scalar stays a string (no numbers, booleans, anchors or tags).
    """
    loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    stack: list[_Mapping | list[Any]] = []
    result: Any = None
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.implicit[0]
            value: Any = None if plain and event.value in ("null", "~", "") else event.value
        elif isinstance(event, yaml.MappingStartEvent):
            stack.append(_Mapping())
            continue
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([])
            continue
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = stack.pop()
            value = done.value if isinstance(done, _Mapping) else done
        elif isinstance(event, yaml.AliasEvent):
            raise ValueError("YAML aliases are not supported in knowledge-base files")
        else:
            continue
        if not stack:
            result = value
            continue
        top = stack[-1]
        if isinstance(top, list):
            top.append(value)
        elif top.key is _NO_KEY:
            top.key = value
        else:
            top.value[top.key] = value
            top.key = _NO_KEY
    return result


def read_persons(data: dict[str, Any]) -> tuple[list[PersonRecord], list[PersonAlias]]:
    """Records and aliases from the parsed ``persons.yaml`` (surname aliases last)."""
    stoplist = {
        language: set(words or [])
        for language, words in (data.get("surname_stoplist") or {}).items()
    }
    records: list[PersonRecord] = []
    aliases: list[PersonAlias] = []
    for person in data.get("persons") or []:
        entry_id = f"person:{person['id']}"
        country = person.get("country")
        code = person.get("code", country)
        records.append(PersonRecord(entry_id, person["name"], code, person.get("sector"), country))
        aliases.extend(_aliases(person, entry_id, stoplist))
    return records, aliases


def given_names(aliases: list[PersonAlias]) -> tuple[set[str], dict[str, set[str]]]:
    """Words of full names other than the last: all of them, and those of each person."""
    every: set[str] = set()
    own: dict[str, set[str]] = {}
    for alias in aliases:
        if alias.surname:
            continue
        words = alias.surface.split()[:-1]
        own.setdefault(alias.target, set()).update(words)
        every.update(w for w in words if w[:1].isupper() and w not in _TITLES)
    return every, own


def lone_surname_ok(
    words: list[str],
    gap: str,
    i: int,
    following: str | None,
    target: str,
    english: bool,
    given: set[str],
    own: dict[str, set[str]],
    after_role: bool,
) -> bool:
    """Whether a surname alone at token i names the person, judged by the word before it.

    `gap` is the text between token i-1 and token i; `following` the word after the surname
    when only a space separates them. Rejected: the second part of a
    hyphenated name ("Schmidt-Haider"), a surname after a given name that is not the person's
    ("Volkan Demirel"), and any capitalised word before it that is neither the sentence's first
    word nor a role title: in English always ("Nina Gantz"), in German where a capitalised word
    follows as well ("Jalil Abbas Jilani").
    """
    if i == 0:
        return True
    before = words[i - 1]
    if before == "-" and gap == "":
        return False
    if gap != " " or not before[:1].isupper() or not before.isalpha() or after_role:
        return True
    if before in _HONORIFICS:
        return True
    if before in own.get(target, ()):
        return True
    if before in given:
        return False
    if i == 1 or words[i - 2] in _SENTENCE_START:
        return True
    # Mid-sentence after a capitalised word: in English a name part; in German a noun, unless a
    # capitalised word follows too ("Jalil Abbas Jilani": a middle name).
    return not english and not (following and following[:1].isupper() and following.isalpha())


def _aliases(
    person: dict[str, Any], entry_id: str, stoplist: dict[str, set[str]]
) -> Iterator[PersonAlias]:
    given = person.get("aliases") or {}
    english = [person["name"], *(given.get("en") or [])]
    per_language = {"en": english, "de": english + list(given.get("de") or [])}
    surnames = [str(s) for s in person.get("surname") or []]
    for language in LANGUAGES:
        seen: set[str] = set()
        for name in per_language[language]:
            for form in _variants(str(name), language):
                if form not in seen:
                    seen.add(form)
                    yield PersonAlias(language, form, entry_id, False)
        stop = stoplist.get(language, set())
        for surname in surnames:
            if surname in stop:
                continue
            for form in _variants(surname, language, particles=True):
                if form not in seen and form not in stop and form.removesuffix("s") not in stop:
                    seen.add(form)
                    yield PersonAlias(language, form, entry_id, True)


def _variants(name: str, language: str, particles: bool = False) -> list[str]:
    """The name, its ASCII spellings, capitalised particles and (German) genitive forms."""
    forms = [name]
    folded = _ascii(name)
    if folded != name:
        forms.append(folded)
        digraphs = _ascii(name.translate(_UMLAUTS)) if any(c in name for c in "äöüÄÖÜß") else folded
        if digraphs != folded:
            forms.append(digraphs)
    if particles and name[:1].islower():
        forms += [form[:1].upper() + form[1:] for form in forms]
    if language == "de":
        forms += [form + "s" for form in forms if not form.endswith(_GENITIVE_BLOCKERS)]
    return forms


def _ascii(text: str) -> str:
    """'Erdoğan' -> 'Erdogan': strip combining marks after mapping letters NFKD cannot split."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
