"""Language profiles: what the pipeline knows about a language, loaded from data.

A profile is ``data/lang/<code>.yaml``: its function words and phrase lists (``grammar``), how
the events stage finds roles (``role_strategy``, ``passive``), the features the stages switch
on, words that stop a name, sentence-end rules and date words. The event, status and context
lexicons of a language are ``data/lexicons/{events,statuses,contexts}.<code>.yaml``. Adding a
language means adding a profile and its lexicons, in the package or in a folder of one's own
(``Lexicons(extra=[folder])``, laid out like ``newsevents/data``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from newsevents.datafiles import DATA_DIR
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import FrameLexicon
from newsevents.lang.lexicons import Grammar, Trigger, compile_cues, compile_triggers
from newsevents.text.boilerplate import BoilerplateRules
from newsevents.text.dates import DateFinder, DateWords
from newsevents.text.sentences import SentenceRules

RoleStrategy = Literal["subject_object", "first_party"]
# Clause frames from a parse, trigger regexes, or both: "combined" codes from the frames and
# adds the trigger events of sentences no frame event came from.
CoderKind = Literal["frames", "triggers", "combined"]
PassiveStyle = Literal["auxiliary_after", "participle_after_auxiliary"]
FALLBACK = "en"  # the profile used for a language that has none (its text is still read)


@dataclass(frozen=True, slots=True)
class PurposeRule:
    """An infinitive of purpose after an event ("to discuss", "um ... zu beraten")."""

    marker: str  # the infinitive marker right before the verb
    requires: frozenset[str]  # a word that must stand between the two triggers ("um")
    max_words: int  # at most this many words between them, where nothing is required
    comma_breaks: bool  # a comma between them makes the second its own clause


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """Everything language-specific that is not an event, status or context lexicon."""

    code: str
    grammar: Grammar
    role_strategy: RoleStrategy
    passive_style: PassiveStyle
    passive_markers: frozenset[str]
    features: frozenset[str]
    name_stopwords: frozenset[str]
    pair_links: frozenset[str]
    next_markers: frozenset[str]
    purpose: PurposeRule
    sentences: SentenceRules
    dates: DateFinder
    # Page clutter: teasers, portal phrases, share prompts (text/boilerplate.py).
    boilerplate: BoilerplateRules = field(default_factory=BoilerplateRules)
    # What the parser's relations mean for clause frames (``clauses`` in the profile).
    clauses: ClauseLabels = field(default_factory=ClauseLabels)
    coder: CoderKind = "triggers"  # how events are coded: from clause frames or trigger regexes

    def has(self, feature: str) -> bool:
        """Whether the profile switches a feature on (see ``features`` in the profile file)."""
        return feature in self.features

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LanguageProfile:
        """Build a profile from the parsed YAML of a profile file."""
        code = str(data["code"])
        passive = data.get("passive") or {}
        purpose = data.get("purpose") or {}
        sentences = data.get("sentences") or {}
        dates = data.get("dates") or {}
        return cls(
            code=code,
            grammar=Grammar(code, {k: list(v) for k, v in (data.get("grammar") or {}).items()}),
            role_strategy=cast(RoleStrategy, data.get("role_strategy", "first_party")),
            passive_style=cast(PassiveStyle, passive.get("style", "auxiliary_after")),
            passive_markers=frozenset(w.lower() for w in passive.get("markers") or []),
            features=frozenset(k for k, on in (data.get("features") or {}).items() if on),
            name_stopwords=frozenset(data.get("name_stopwords") or []),
            pair_links=frozenset(data.get("pair_links") or []),
            next_markers=frozenset(w.lower() for w in data.get("next_markers") or []),
            purpose=PurposeRule(
                marker=str(purpose.get("marker", "")),
                requires=frozenset(purpose.get("requires") or []),
                max_words=int(purpose.get("max_words", 8)),
                comma_breaks=bool(purpose.get("comma_breaks", False)),
            ),
            sentences=SentenceRules(
                frozenset(str(a).lower() for a in sentences.get("abbreviations") or []),
                bool(sentences.get("ordinal_dot", False)),
                bool(sentences.get("decimal_point", False)),
            ),
            dates=DateFinder(
                DateWords(
                    {str(k).lower(): int(v) for k, v in (dates.get("months") or {}).items()},
                    {str(k).lower(): int(v) for k, v in (dates.get("weekdays") or {}).items()},
                    {
                        str(k).lower(): (str(v[0]), int(v[1]))
                        for k, v in (dates.get("relative") or {}).items()
                    },
                )
            ),
            boilerplate=BoilerplateRules.from_data(data.get("boilerplate")),
            clauses=ClauseLabels.from_data(
                data.get("clauses"),
                frozenset(str(k).lower() for k in (dates.get("months") or {}))
                | frozenset(str(k).lower() for k in (dates.get("weekdays") or {})),
            ),
            coder=cast(CoderKind, data.get("coder", "triggers")),
        )


class Lexicons:
    """The language profiles and lexicons the stages read, each loaded on first use.

    Folders in `extra` are searched before the bundled data, each laid out like
    ``newsevents/data`` (``lang/<code>.yaml``, ``lexicons/<kind>.<code>.yaml``). What is loaded
    is kept for the life of the object and never changed: the same text gives the same result.
    """

    def __init__(self, extra: Sequence[Path] = ()) -> None:
        self._roots = [*(Path(p) for p in extra), DATA_DIR]
        self._profiles: dict[str, LanguageProfile] = {}
        self._triggers: dict[str, tuple[Trigger, ...]] = {}
        self._cues: dict[tuple[str, str], dict[str, re.Pattern[str]]] = {}
        self._frames: dict[str, FrameLexicon] = {}
        self._boilerplate: BoilerplateRules | None = None

    def _find(self, *parts: str) -> Path | None:
        for root in self._roots:
            path = root.joinpath(*parts)
            if path.is_file():
                return path
        return None

    def _yaml(self, *parts: str) -> Any:
        path = self._find(*parts)
        if path is None:
            return None
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    def has(self, code: str) -> bool:
        """Whether a language has a profile of its own (its events can be coded)."""
        return self._find("lang", f"{code}.yaml") is not None

    def codes(self) -> list[str]:
        """The languages that have a profile, sorted."""
        return sorted({p.stem for root in self._roots for p in root.glob("lang/*.yaml")})

    def boilerplate(self) -> BoilerplateRules:
        """The page-clutter words of every language together (the clean stage runs before the
        language is known, and a German portal phrase is clutter in any article)."""
        if self._boilerplate is None:
            self._boilerplate = BoilerplateRules.union(
                self.profile(code).boilerplate for code in self.codes()
            )
        return self._boilerplate

    def profile(self, code: str) -> LanguageProfile:
        """The profile of a language; a language without one reads with the fallback's."""
        if code not in self._profiles:
            data = self._yaml("lang", f"{code}.yaml")
            if data is None:
                self._profiles[code] = self.profile(FALLBACK)
            else:
                self._profiles[code] = LanguageProfile.from_data(data)
        return self._profiles[code]

    def triggers(self, code: str) -> tuple[Trigger, ...]:
        """The event triggers of a language (``lexicons/events.<code>.yaml``), in file order."""
        if code not in self._triggers:
            data = self._yaml("lexicons", f"events.{code}.yaml") or {}
            self._triggers[code] = compile_triggers(data, code)
        return self._triggers[code]

    def frames(self, code: str) -> FrameLexicon:
        """The frame lexicon of a language (``lexicons/frames.<code>.yaml``): event verbs and
        nouns with their recipient slots (empty when the language has none)."""
        if code not in self._frames:
            data = self._yaml("lexicons", f"frames.{code}.yaml")
            self._frames[code] = FrameLexicon.from_data(data)
        return self._frames[code]

    def cues(self, kind: str, code: str) -> dict[str, re.Pattern[str]]:
        """Compiled cue regexes of a keyed lexicon (``contexts`` or ``statuses``)."""
        key = (kind, code)
        if key not in self._cues:
            self._cues[key] = compile_cues(self._yaml("lexicons", f"{kind}.{code}.yaml") or {})
        return self._cues[key]
