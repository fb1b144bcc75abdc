"""Loading of the per-language data files in newsevents/data/lexicons (cached, compiled once)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from newsevents.datafiles import data_path

LEXICON_DIR = "lexicons"


def load_yaml(*parts: str) -> Any:
    """Parse a YAML data file shipped with the package."""
    with data_path(*parts).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def words_regex(words: list[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    """One regex matching any of `words` on word boundaries, longest first."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Compile a lexicon pattern with word boundaries, case-insensitive."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@dataclass(slots=True)
class Grammar:
    """Function words and phrase lists for one language (see data/lexicons/grammar.yaml)."""

    language: str
    words: dict[str, list[str]]
    regexes: dict[str, re.Pattern[str]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, key: str, word: str) -> bool:
        """Whether `word` (case-insensitive) is in the list `key`."""
        if key not in self.sets:  # built once per list: `has` runs for every word looked at
            self.sets[key] = frozenset(w.lower() for w in self.words.get(key, []))
        return word.lower() in self.sets[key]

    def regex(self, key: str) -> re.Pattern[str]:
        """The compiled regex for the list `key`."""
        if key not in self.regexes:
            self.regexes[key] = words_regex(self.words.get(key, []) or ["\x00"])
        return self.regexes[key]


@lru_cache(maxsize=8)
def grammar(language: str) -> Grammar:
    """The Grammar for a language, falling back to English."""
    data = load_yaml(LEXICON_DIR, "grammar.yaml")
    return Grammar(language, data.get(language) or data["en"])


@dataclass(slots=True, frozen=True)
class Trigger:
    """One trigger entry of an event lexicon, compiled."""

    type: str
    regex: re.Pattern[str]
    mode: str | None = None
    swap: bool = False
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    status: str | None = None
    weight: float = 1.0
    source: str = ""


@lru_cache(maxsize=8)
def triggers(language: str) -> tuple[Trigger, ...]:
    """All event triggers of a language, in file order."""
    path = data_path(LEXICON_DIR, f"events.{language}.yaml")
    if not path.exists():
        return ()
    data = load_yaml(LEXICON_DIR, f"events.{language}.yaml") or {}
    result: list[Trigger] = []
    for event_type, entries in data.items():
        for entry in entries or []:
            result.append(
                Trigger(
                    type=event_type,
                    regex=pattern_regex(entry["pattern"]),
                    mode=entry.get("mode"),
                    swap=bool(entry.get("swap", False)),
                    requires=re.compile(entry["requires"], re.I) if entry.get("requires") else None,
                    excludes=re.compile(entry["excludes"], re.I) if entry.get("excludes") else None,
                    status=entry.get("status"),
                    weight=float(entry.get("weight", 1.0)),
                    source=f"events.{language}.yaml:{event_type}:{entry['pattern']}",
                )
            )
    return tuple(result)


@lru_cache(maxsize=8)
def cue_lists(kind: str, language: str) -> dict[str, re.Pattern[str]]:
    """Compiled cue regexes of a keyed lexicon (contexts or statuses) for a language."""
    path = data_path(LEXICON_DIR, f"{kind}.{language}.yaml")
    if not path.exists():
        return {}
    data = load_yaml(LEXICON_DIR, f"{kind}.{language}.yaml") or {}
    return {
        key: re.compile("|".join(f"(?<!\\w)(?:{p})(?!\\w)" for p in patterns), re.IGNORECASE)
        for key, patterns in data.items()
        if patterns
    }


@lru_cache(maxsize=1)
def ontology() -> dict[str, dict[str, Any]]:
    """PLOVER event types with their class, default symmetry and fusion policy."""
    data: dict[str, dict[str, Any]] = load_yaml(LEXICON_DIR, "ontology.yaml")["types"]
    return data
