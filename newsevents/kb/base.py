"""Knowledge base of countries, regions, places, organisations, persons and role titles.

The bundled data lives in ``newsevents/data/kb/``: ``countries.json`` and ``places.json`` are built
by ``scripts/build_kb.py`` from open data (CLDR, GeoNames, pycountry, countrynames); the other
files are curated by hand (``persons.yaml`` is read by ``newsevents.kb.persons``, ``groups.yaml``
by ``newsevents.mentions.groups``). Users add their own actors with CSV or YAML files
(``KnowledgeBase.load(extra=[...])``).

Matching works on word tokens: every alias is split into tokens once, and ``find`` looks the
tokens of a text up in a dictionary, longest phrase first. Inflected forms (German genitive,
adjective endings, demonyms, English plurals) are generated here from rules kept as data per
language, so the files list lemmas.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from newsevents.datafiles import data_path
from newsevents.kb.persons import given_names, load_yaml, lone_surname_ok, read_persons

log = logging.getLogger(__name__)

__all__ = ["AliasMatch", "KbEntry", "KnowledgeBase", "Role", "default_kb"]

_DATA = data_path("kb")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SAME_LENGTH_FIXES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2011": "-", "\u2010": "-"})
_SHORT_PREFIX = {"organization": "org", "organisation": "org"}
# Priorities decide which entry keeps a surface form that several claim (lower wins).
_USER, _COUNTRY, _ORG, _PERSON, _REGION, _ADJECTIVE, _SURNAME, _PLACE = range(8)
_FOLD_MIN_CHARS = 4  # names at least this long also match in ALL-CAPS datelines ("ISLAMABAD")

# Inflection rules per language, as data (see _forms_* below).
_ADJECTIVE_ENDINGS = {"de": ("", "e", "en", "er", "es", "em"), "en": ("",)}
_ADJECTIVE_STEMS = ("isch", "ig", "t", "al", "lich", "iv", "ent", "ös", "sam", "bar")
_GENITIVE_BLOCKERS = ("s", "x", "z", "ß", "e", "ei")
_NO_GENITIVE_GENUS = ("f", "pl")
_CONJUNCTIONS = {"und", "oder", "sowie", "bzw", "bis", "and", "or", "&"}
_ENGLISH_SMALL_WORDS = {"of", "the", "for", "and", "in", "on", "to"}


@dataclass(frozen=True, slots=True)
class KbEntry:
    """A country, region, place, organisation, person or user-defined actor."""

    id: str  # "country:RUS", "region:central_asia", "place:524901", "org:UN", "person:kofi-annan"
    kind: str  # "country" | "region" | "place" | "organization" | "person" | a user kind
    name: str  # canonical English name
    code: str | None  # actor code: ISO3, or "IGO"/"NGO" for international bodies
    sector: str | None  # PLOVER sector (GOV, REB, PTY, IGO...) or None
    country: str | None  # ISO3 the entry belongs to; None for IGOs and regions
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """A knowledge-base alias found in a text; offsets are str indices, end exclusive."""

    start: int
    end: int
    entry_id: str
    form: str  # "name" | "adjective" | "demonym" | "abbreviation" | "surname"
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    """A role title ("Außenminister") or organisation head noun ("Außenministerium")."""

    id: str
    kind: str  # "person_title" | "org_head"
    sector: str  # PLOVER sector; "" where it depends on the organisation ("Sprecher")
    label: str  # English label, e.g. "Foreign Minister", "Ministry of Foreign Affairs"


class _Alias(NamedTuple):
    surface: str
    target: str  # entry id or role id
    form: str
    priority: int
    fold: bool = False  # also match the ALL-CAPS spelling


@dataclass(slots=True)
class _Matcher:
    """Token-phrase dictionary with longest-match lookup."""

    exact: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    folded: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)  # first token -> max phrase length
    longest_folded: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, aliases: Iterable[_Alias]) -> _Matcher:
        """Index aliases; where two claim the same tokens, the lower priority value wins."""
        matcher = cls()
        for alias in sorted(aliases, key=lambda a: a.priority):
            tokens = _tokens(alias.surface)
            if not tokens:
                continue
            matcher.exact.setdefault(tokens, (alias.target, alias.form))
            matcher.longest[tokens[0]] = max(matcher.longest.get(tokens[0], 0), len(tokens))
            if alias.fold and len(alias.surface) >= _FOLD_MIN_CHARS:
                folded = tuple(t.casefold() for t in tokens)
                matcher.folded.setdefault(folded, (alias.target, alias.form))
                first = folded[0]
                matcher.longest_folded[first] = max(
                    matcher.longest_folded.get(first, 0), len(tokens)
                )
        return matcher

    def at(self, words: list[str], i: int) -> tuple[int, str, str] | None:
        """Longest phrase starting at token i: (token count, target, form)."""
        n = len(words)
        best: tuple[int, str, str] | None = None
        limit = self.longest.get(words[i], 0)
        for size in range(min(limit, n - i), 0, -1):
            hit = self.exact.get(tuple(words[i : i + size]))
            if hit is not None:
                best = (size, *hit)
                break
        word = words[i]
        if len(word) > 1 and word.isupper():
            limit = self.longest_folded.get(word.casefold(), 0)
            for size in range(min(limit, n - i), best[0] if best else 0, -1):
                window = words[i : i + size]
                if not all(w.isupper() or not w.isalpha() for w in window):
                    continue
                hit = self.folded.get(tuple(w.casefold() for w in window))
                if hit is not None:
                    return (size, *hit)
        return best


def _normalize(text: str) -> str:
    """Same-length replacements so typographic apostrophes and hyphens match ASCII ones."""
    return text.translate(_SAME_LENGTH_FIXES)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_normalize(text)))


def _split(value: Any) -> list[str]:
    """A list from a YAML list or a '|'-separated string."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split("|")
    return [str(item).strip() for item in items if str(item).strip()]


def _capitalised(form: str) -> str:
    return form[:1].upper() + form[1:]


def _is_abbreviation(surface: str) -> bool:
    return len(surface) <= 6 and surface.isupper()


# --- inflection rules ---------------------------------------------------------------------------


def _forms_german_name(name: str, genus: str = "n") -> list[str]:
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


def _forms_german_place(name: str) -> list[str]:
    """'Moskau' -> 'Moskaus' (genitive); names ending in s/x/z keep their form."""
    if name.isupper() or name.endswith(("s", "x", "z", "ß")):
        return [name]
    return [name, name + "s"]


def _forms_german_demonym(noun: str) -> list[str]:
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


def _forms_english_plural(word: str) -> list[str]:
    """'Pakistani' -> 'Pakistanis'; 'Swiss', 'Chinese', 'US' stay as they are."""
    if word.isupper() or word.endswith(("s", "sh", "ch", "x", "z", "ese")):
        return []
    return [word + "s"]


def _forms_role(form: str, suffixes: Sequence[str], language: str) -> list[str]:
    """Expand a role form: 'stellvertretend* Außenminister' with suffixes on the last word."""
    words = form.split(" ")
    options: list[list[str]] = []
    for index, word in enumerate(words):
        if word.endswith("*"):
            stem = word[:-1]
            options.append([stem + ending for ending in _ADJECTIVE_ENDINGS[language]])
        elif index == len(words) - 1:
            options.append([word + suffix for suffix in suffixes])
        else:
            options.append([word])
    out = [" ".join(choice) for choice in product(*options)]
    if language == "en" and form == form.lower():
        out += [_capitalised(f) for f in out] + [
            " ".join(w if w in _ENGLISH_SMALL_WORDS else _capitalised(w) for w in f.split(" "))
            for f in out
        ]
    else:
        out += [_capitalised(f) for f in out]
    return out


# --- the knowledge base -------------------------------------------------------------------------


class KnowledgeBase:
    """Entries with multilingual aliases, a token matcher per language, and role titles."""

    def __init__(self) -> None:
        self._entries: dict[str, KbEntry] = {}
        self._aliases: dict[str, list[_Alias]] = {}  # language ("*" = every language) -> aliases
        self._roles: dict[str, Role] = {}  # "de:foreign_minister" -> Role
        self._role_aliases: dict[str, list[_Alias]] = {}
        self._capitals: dict[str, str] = {}  # ISO3 -> place entry id
        self._matchers: dict[str, _Matcher] = {}
        self._role_matchers: dict[str, _Matcher] = {}
        self._given_names: set[str] = set()  # words before the last of persons' full names
        self._own_names: dict[str, set[str]] = {}  # person id -> those words of their names

    # 1. loading
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> KnowledgeBase:
        """The bundled knowledge base plus user files (CSV or YAML) of extra entries."""
        kb = cls()
        kb._load_countries(json.loads((_DATA / "countries.json").read_text("utf-8")))
        # load_yaml: the bundled YAML holds only strings, and the event parser is faster.
        kb._load_organizations(load_yaml((_DATA / "organizations.yaml").read_text("utf-8")))
        kb._load_persons(load_yaml((_DATA / "persons.yaml").read_text("utf-8")))
        kb._load_regions((_DATA / "regions.tsv").read_text("utf-8"))
        kb._load_places(json.loads((_DATA / "places.json").read_text("utf-8")))
        kb._load_roles(load_yaml((_DATA / "roles.yaml").read_text("utf-8")))
        for path in extra:
            kb.add_file(Path(path))
        return kb

    def _add(self, entry: KbEntry) -> None:
        self._entries[entry.id] = entry
        self._matchers.clear()

    def _alias(
        self, language: str, surface: str, target: str, form: str, priority: int, fold: bool = False
    ) -> None:
        self._aliases.setdefault(language, []).append(_Alias(surface, target, form, priority, fold))

    def _name(self, language: str, surface: str, target: str, priority: int) -> None:
        form = "abbreviation" if _is_abbreviation(surface) else "name"
        self._alias(language, surface, target, form, priority, fold=form == "name")

    def _load_countries(self, data: dict[str, Any]) -> None:
        for rec in data["countries"]:
            iso3 = rec["iso3"]
            entry_id = f"country:{iso3}"
            self._add(KbEntry(entry_id, "country", rec["name"], iso3, None, iso3))
            if rec.get("capital") is not None:
                self._capitals[iso3] = f"place:{rec['capital']}"
            de, en = rec["de"], rec["en"]
            for name in de["names"]:
                for form in _forms_german_name(name, de.get("genus", "n")):
                    self._name("de", form, entry_id, _COUNTRY)
            for stem in de["adjectives"]:
                for ending in _ADJECTIVE_ENDINGS["de"]:
                    for form in {stem + ending, _capitalised(stem + ending)}:
                        self._alias("de", form, entry_id, "adjective", _ADJECTIVE)
            for noun in de["demonyms"]:
                for form in _forms_german_demonym(noun):
                    self._alias("de", form, entry_id, "demonym", _ADJECTIVE)
            for name in en["names"]:
                self._name("en", name, entry_id, _COUNTRY)
            for word in en["adjectives"] + en.get("demonyms", []):
                kind = "abbreviation" if _is_abbreviation(word) else "adjective"
                self._alias("en", word, entry_id, kind, _ADJECTIVE)
                for plural in _forms_english_plural(word):
                    self._alias("en", plural, entry_id, "demonym", _ADJECTIVE)

    def _load_organizations(self, orgs: list[dict[str, Any]]) -> None:
        for org in orgs:
            entry_id = f"org:{org['id']}"
            self._add(
                KbEntry(
                    entry_id,
                    "organization",
                    org["name"],
                    org.get("code"),
                    org.get("sector"),
                    org.get("country"),
                )
            )
            for abbreviation in _split(org.get("abbreviations")):
                self._alias("*", abbreviation, entry_id, "abbreviation", _ORG)
            for name in _split(org.get("de")):
                for form in _forms_german_name(name, "f"):
                    self._name("de", form, entry_id, _ORG)
            for name in _split(org.get("en")):
                self._name("en", name, entry_id, _ORG)

    def _load_persons(self, data: dict[str, Any]) -> None:
        """Persons: full names case-sensitive as written; surnames alone rank below them."""
        records, aliases = read_persons(data)
        self._given_names, self._own_names = given_names(aliases)
        for rec in records:
            self._add(KbEntry(rec.id, "person", rec.name, rec.code, rec.sector, rec.country))
        for alias in aliases:
            if alias.surname:
                self._alias(alias.language, alias.surface, alias.target, "surname", _SURNAME)
            else:
                self._alias(alias.language, alias.surface, alias.target, "name", _PERSON, True)

    def _load_regions(self, text: str) -> None:
        for row in _tsv_rows(text):
            entry_id = f"region:{row['id']}"
            self._add(KbEntry(entry_id, "region", row["name"], None, None, None))
            for name in _split(row["de_aliases"]):
                self._name("de", name, entry_id, _REGION)
            for name in _split(row["en_aliases"]):
                self._name("en", name, entry_id, _REGION)

    def _load_places(self, data: dict[str, Any]) -> None:
        # About 25,000 aliases: appended directly, as the per-alias checks of _name cost time.
        de = self._aliases.setdefault("de", [])
        en = self._aliases.setdefault("en", [])
        for rec in data["places"]:
            entry_id = f"place:{rec['id']}"
            country = rec["country"]
            self._add(
                KbEntry(
                    entry_id,
                    "place",
                    rec["name"],
                    country,
                    None,
                    country,
                    rec.get("lat"),
                    rec.get("lon"),
                )
            )
            for name in rec["names"] + rec["de"]:
                for form in _forms_german_place(name):
                    de.append(_Alias(form, entry_id, "name", _PLACE, not form.isupper()))
            for name in rec["names"] + rec["en"]:
                en.append(_Alias(name, entry_id, "name", _PLACE, not name.isupper()))

    def _load_roles(self, data: dict[str, Any]) -> None:
        suffix_sets: dict[str, list[str]] = data.get("suffix_sets", {})
        for language, roles in data.items():
            if language == "suffix_sets":
                continue
            for spec in roles:
                key = f"{language}:{spec['id']}"
                self._roles[key] = Role(
                    spec["id"], spec["kind"], spec.get("sector") or "", spec["label"]
                )
                suffixes = suffix_sets.get(spec.get("suffixes") or "none", [""])
                for form in _split(spec.get("forms")):
                    for surface in _forms_role(form, suffixes, language):
                        self._role_aliases.setdefault(language, []).append(
                            _Alias(surface, key, spec["kind"], 0)
                        )
        self._role_matchers.clear()

    def add_file(self, path: Path) -> None:
        """Add the entries of a user CSV or YAML file (id, kind, name, code, sector, country,
        aliases, language; aliases '|'-separated in CSV). User aliases win over bundled ones."""
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in {".yaml", ".yml"}:
            loaded = yaml.safe_load(text) or []
            rows = loaded.get("entries", []) if isinstance(loaded, dict) else loaded
        else:
            rows = list(csv.DictReader(text.splitlines()))
        for row in rows:
            self.add_entry(row)

    def add_entry(self, row: dict[str, Any]) -> KbEntry:
        """Add or replace one entry from a mapping of the user-file columns; returns it."""

        def text(key: str) -> str | None:
            value = row.get(key)
            return str(value).strip() or None if value is not None else None

        kind = text("kind") or "organization"
        name = text("name") or text("id")
        if not name:
            raise ValueError(f"knowledge-base entry without id or name: {row!r}")
        entry_id = text("id") or re.sub(r"\W+", "_", name.lower()).strip("_")
        if ":" not in entry_id:
            entry_id = f"{_SHORT_PREFIX.get(kind, kind)}:{entry_id}"
        lat, lon = row.get("lat"), row.get("lon")
        entry = KbEntry(
            entry_id,
            kind,
            name,
            text("code"),
            text("sector"),
            text("country"),
            float(lat) if lat not in (None, "") else None,
            float(lon) if lon not in (None, "") else None,
        )
        self._add(entry)
        language = text("language") or "*"
        for alias in [name, *_split(row.get("aliases"))]:
            self._name(language, alias, entry_id, _USER)
        return entry

    # 2. lookups
    def entry(self, entry_id: str) -> KbEntry:
        """The entry with this id; KeyError if there is none."""
        try:
            return self._entries[entry_id]
        except KeyError:
            raise KeyError(f"no knowledge-base entry {entry_id!r}") from None

    def get(self, entry_id: str) -> KbEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, kind: str | None = None) -> Iterator[KbEntry]:
        """All entries, or those of one kind."""
        return (e for e in self._entries.values() if kind is None or e.kind == kind)

    def country_of(self, entry_id: str) -> str | None:
        """ISO3 of the country an entry belongs to (a place's country, a country itself)."""
        entry = self._entries.get(entry_id)
        return entry.country if entry else None

    def refresh(self) -> None:
        """Rebuild the matchers after entries were added (learned persons, user files)."""
        self._matchers.clear()

    def capital(self, iso3: str) -> KbEntry | None:
        """The capital of a country as a place entry, if known."""
        place_id = self._capitals.get(iso3)
        return self._entries.get(place_id) if place_id else None

    def role(self, role_id: str, language: str = "en") -> Role | None:
        """A role by id ('foreign_minister') in one language."""
        return self._roles.get(f"{language}:{role_id}")

    # 3. matching
    def _matcher(self, language: str) -> _Matcher:
        if language not in self._matchers:
            own = language if language in self._aliases else "en"
            aliases = self._aliases.get("*", []) + self._aliases.get(own, [])
            if own != language:  # a user alias for an unsupported language
                aliases += self._aliases.get(language, [])
            self._matchers[language] = _Matcher.build(aliases)
        return self._matchers[language]

    def _role_matcher(self, language: str) -> _Matcher:
        if language not in self._role_matchers:
            own = language if language in self._role_aliases else "en"
            self._role_matchers[language] = _Matcher.build(self._role_aliases.get(own, []))
        return self._role_matchers[language]

    def find(self, text: str, language: str) -> list[AliasMatch]:
        """All non-overlapping longest matches of known names, adjectives and abbreviations."""
        matcher = self._matcher(language)
        spans = list(_TOKEN.finditer(_normalize(text)))
        words = [m.group() for m in spans]
        found: list[AliasMatch] = []
        i = 0
        while i < len(words):
            hit = matcher.at(words, i)
            if hit is not None:
                size, target, form = hit
                if form == "surname" and not self._surname_ok(
                    text, spans, words, i, size, target, language
                ):
                    i += size
                    continue
                start, end = spans[i].start(), spans[i + size - 1].end()
                found.append(AliasMatch(start, end, target, form, text[start:end]))
                i += size
                continue
            truncated = _truncated_compound(matcher, spans, words, i)
            if truncated is not None:
                end, target = truncated
                start = spans[i].start()
                found.append(AliasMatch(start, end, target, "name", text[start:end]))
            i += 1
        return found

    def _surname_ok(
        self,
        text: str,
        spans: list[re.Match[str]],
        words: list[str],
        i: int,
        size: int,
        target: str,
        language: str,
    ) -> bool:
        """Whether a surname alone at token i names the person (see kb_persons)."""
        gap = text[spans[i - 1].end() : spans[i].start()] if i else ""
        nxt = i + size
        following = (
            words[nxt]
            if nxt < len(words) and text[spans[nxt - 1].end() : spans[nxt].start()] == " "
            else None
        )
        roles = self._role_matcher(language)
        after_role = any(
            (hit := roles.at(words, j)) is not None and j + hit[0] == i
            for j in range(max(0, i - 4), i)
        )
        own = self._own_names
        english = language != "de"
        given = self._given_names
        return lone_surname_ok(words, gap, i, following, target, english, given, own, after_role)

    def roles(self, text: str, language: str) -> list[tuple[int, int, Role]]:
        """Role titles and organisation head nouns in a text: (start, end, role), longest first."""
        matcher = self._role_matcher(language)
        spans = list(_TOKEN.finditer(_normalize(text)))
        words = [m.group() for m in spans]
        found: list[tuple[int, int, Role]] = []
        i = 0
        while i < len(words):
            hit = matcher.at(words, i)
            if hit is None:
                i += 1
                continue
            size, key, _ = hit
            found.append((spans[i].start(), spans[i + size - 1].end(), self._roles[key]))
            i += size
        return found


def _truncated_compound(
    matcher: _Matcher, spans: list[re.Match[str]], words: list[str], i: int
) -> tuple[int, str] | None:
    """Resolve 'Zentral-' in 'Zentral- und Südasien' and 'Central' in 'Central and South Asia'.

    Returns (end offset, entry id) of the truncated first part, or None.
    """
    n = len(words)
    word = words[i]
    if not word.isalpha() or not word[:1].isupper():
        return None
    # German: "Zentral-" directly hyphenated, a space, a conjunction, then one word.
    if (
        i + 3 < n
        and words[i + 1] == "-"
        and spans[i + 1].start() == spans[i].end()
        and spans[i + 2].start() > spans[i + 1].end()
        and words[i + 2] in _CONJUNCTIONS
    ):
        second = words[i + 3]
        for cut in range(1, len(second) - 2):
            hit = matcher.exact.get((word + second[cut:],))
            if hit is not None and hit[1] == "name":
                return spans[i + 1].end(), hit[0]
        return None
    # English and German multi-word: "Central and South Asia" -> "Central Asia".
    if i + 3 < n and words[i + 1] in _CONJUNCTIONS:
        nxt = matcher.at(words, i + 2)
        if nxt is not None and nxt[0] >= 2:
            hit = matcher.exact.get((word, *words[i + 3 : i + 2 + nxt[0]]))
            if hit is not None and hit[1] == "name":
                return spans[i].end(), hit[0]
    return None


def _tsv_rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [dict(r) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


try:  # the C loader is ten times faster where PyYAML was built with libyaml
    _YamlLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return KnowledgeBase.load()
