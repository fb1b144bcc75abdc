"""Names in mentions: actor ids from names, spelling-insensitive surname keys, name tokens."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsevents.kb.base import KnowledgeBase
from newsevents.records import Mention
from newsevents.text.sentences import Token


@dataclass(slots=True)
class PersonSeed:
    """A person found with a title; later mentions of the surname link to them."""

    actor_id: str
    name: str
    surname_key: str


def slug(text: str) -> str:
    """Lower-case ASCII identifier form of a name: 'Syed Haider Shah' -> 'syed-haider-shah'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# Transliteration differences between German, English and romanised names: Werschinin and
# Vershinin, Schah and Shah, Tschechow and Chekhov, Jelzin and Yeltsin.
_PHONETIC = [
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ch", "h"),
    ("kh", "h"),
    ("w", "v"),
    ("j", "y"),
    ("ie", "i"),
    ("ou", "u"),
    ("ph", "f"),
    ("ck", "k"),
    ("z", "ts"),
    ("ts", "s"),
    ("x", "ks"),
]


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """A spelling-insensitive key for a surname across German and English transliteration."""
    key = slug(name).replace("-", "")
    for old, new in _PHONETIC:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Schmitt/Schmit
    return key.rstrip("h") if len(key) > 3 else key


def is_name_token(token: Token, kb_spans: list[tuple[int, int]], stopwords: frozenset[str]) -> bool:
    text = token.text
    if not text[:1].isupper() or text in stopwords or not text[0].isalpha():
        return False
    if text.isupper() and len(text) > 4:
        return False  # datelines, acronyms of bodies
    return all(token.end <= s or token.start >= e for s, e in kb_spans)


def host_name(kb: KnowledgeBase, mention: Mention) -> str:
    """Canonical name of a KB mention, or its text."""
    return kb.entry(mention.entry_id).name if mention.entry_id else mention.text
