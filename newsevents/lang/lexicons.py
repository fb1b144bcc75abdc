"""Compiled forms of the language data: word lists, event triggers, cue lexicons, the ontology.

Loading per language is `newsevents.lang.profile.Lexicons`; the PLOVER ontology is one file
for every language (``data/lexicons/ontology.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

import yaml

from newsevents.datafiles import data_path
from newsevents.records import EventStatus

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
    """Function words and phrase lists for one language (``grammar`` in data/lang/<code>.yaml)."""

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


@dataclass(slots=True, frozen=True)
class Trigger:
    """One trigger entry of an event lexicon, compiled."""

    type: str
    regex: re.Pattern[str]
    mode: str | None = None
    swap: bool = False
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    status: EventStatus | None = None  # a status the trigger itself carries ("plant" -> planned)
    weight: float = 1.0
    source: str = ""


def compile_triggers(data: dict[str, Any], language: str) -> tuple[Trigger, ...]:
    """The triggers of a parsed event lexicon (type -> entries), compiled, in file order."""
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
                    status=cast(EventStatus | None, entry.get("status")),
                    weight=float(entry.get("weight", 1.0)),
                    source=f"events.{language}.yaml:{event_type}:{entry['pattern']}",
                )
            )
    return tuple(result)


def compile_cues(data: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """One regex per key of a parsed cue lexicon (contexts or statuses)."""
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
