"""Inflected forms of knowledge-base names and role titles, from rules kept per language.

The data files list lemmas; German genitives, adjective endings and demonyms and English
plurals are generated here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import Any

ADJECTIVE_ENDINGS = {"de": ("", "e", "en", "er", "es", "em"), "en": ("",)}
_ADJECTIVE_STEMS = ("isch", "ig", "t", "al", "lich", "iv", "ent", "ös", "sam", "bar")
_GENITIVE_BLOCKERS = ("s", "x", "z", "ß", "e", "ei")
_NO_GENITIVE_GENUS = ("f", "pl")
_ENGLISH_SMALL_WORDS = {"of", "the", "for", "and", "in", "on", "to"}


def split_list(value: Any) -> list[str]:
    """A list from a YAML list or a '|'-separated string."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split("|")
    return [str(item).strip() for item in items if str(item).strip()]


def capitalised(form: str) -> str:
    """The form with its first letter upper case."""
    return form[:1].upper() + form[1:]


def is_abbreviation(surface: str) -> bool:
    """Whether a name is written as an abbreviation ("UN", "SCO")."""
    return len(surface) <= 6 and surface.isupper()


def forms_german_name(name: str, genus: str = "n") -> list[str]:
    """'Russland' -> +'Russlands'; 'Russische Föderation' -> +'Russischen Föderation'."""
    forms = [name]
    words = name.split(" ")
    if len(words) == 1:
        if (
            genus not in _NO_GENITIVE_GENUS
            and not name.isupper()
            and not name.endswith(_GENITIVE_BLOCKERS)
        ):
            forms.append(name + "s")
        return forms
    changed = False
    for index, word in enumerate(words[:-1]):
        if not word[:1].isupper():
            continue
        for ending in ("es", "er", "e"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and stem.lower().endswith(_ADJECTIVE_STEMS):
                words[index] = stem + "en"
                changed = True
                break
    if changed:
        forms.append(" ".join(words))
    return forms


def forms_german_place(name: str) -> list[str]:
    """'Moskau' -> 'Moskaus' (genitive); names ending in s/x/z keep their form."""
    if name.isupper() or name.endswith(("s", "x", "z", "ß")):
        return [name]
    return [name, name + "s"]


def forms_german_demonym(noun: str) -> list[str]:
    """'Pakistaner' -> Pakistanern, Pakistanerin...; 'Russe' -> Russen, Russin, Russinnen."""
    if noun.endswith("er"):
        return [noun, noun + "n", noun + "s", noun + "in", noun + "innen"]
    if noun.endswith("e"):
        return [noun, noun + "n", noun[:-1] + "in", noun[:-1] + "innen"]
    if noun.endswith("i"):
        return [noun, noun + "s"]
    if noun.endswith("in"):  # already feminine ("Polin")
        return [noun, noun + "nen"]
    return [noun, noun + "en", noun + "in", noun + "innen"]


def forms_english_plural(word: str) -> list[str]:
    """'Pakistani' -> 'Pakistanis'; 'Swiss', 'Chinese', 'US' stay as they are."""
    if word.isupper() or word.endswith(("s", "sh", "ch", "x", "z", "ese")):
        return []
    return [word + "s"]


def forms_role(form: str, suffixes: Sequence[str], language: str) -> list[str]:
    """Expand a role form: 'stellvertretend* Außenminister' with suffixes on the last word."""
    words = form.split(" ")
    options: list[list[str]] = []
    for index, word in enumerate(words):
        if word.endswith("*"):
            stem = word[:-1]
            options.append([stem + ending for ending in ADJECTIVE_ENDINGS[language]])
        elif index == len(words) - 1:
            options.append([word + suffix for suffix in suffixes])
        else:
            options.append([word])
    out = [" ".join(choice) for choice in product(*options)]
    if language == "en" and form == form.lower():
        out += [capitalised(f) for f in out] + [
            " ".join(w if w in _ENGLISH_SMALL_WORDS else capitalised(w) for w in f.split(" "))
            for f in out
        ]
    else:
        out += [capitalised(f) for f in out]
    return out
