"""Building the knowledge base's tables: the bundled files and users' entries.

``countries.json`` and ``places.json`` are built by ``scripts/build_kb.py`` from open data; the
other files in ``newsevents/data/kb/`` are curated by hand. Every name gets its inflected forms
(``kb.forms``) and a priority that decides which entry keeps a surface form several claim.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from newsevents.errors import KnowledgeBaseFrozen
from newsevents.kb.entries import KbEntry, Role
from newsevents.kb.forms import (
    ADJECTIVE_ENDINGS,
    capitalised,
    forms_english_plural,
    forms_german_demonym,
    forms_german_name,
    forms_german_place,
    forms_role,
    is_abbreviation,
    split_list,
)
from newsevents.kb.matcher import Alias, Matcher
from newsevents.kb.persons import given_names, read_persons

if TYPE_CHECKING:
    from newsevents.kb.base import KnowledgeBase
    from newsevents.kb.layer import PersonLayer

_SHORT_PREFIX = {"organization": "org", "organisation": "org"}
# Priorities decide which entry keeps a surface form that several claim (lower wins).
_USER, _COUNTRY, _ORG, _PERSON, _REGION, _ADJECTIVE, _SURNAME, _PLACE = range(8)


class KbTables:
    """The entries, aliases, roles and capitals of a knowledge base, and how they are added."""

    def __init__(self) -> None:
        self._entries: dict[str, KbEntry] = {}
        self._aliases: dict[str, list[Alias]] = {}  # language ("*" = every language) -> aliases
        self._roles: dict[str, Role] = {}  # "de:foreign_minister" -> Role
        self._role_aliases: dict[str, list[Alias]] = {}
        self._capitals: dict[str, str] = {}  # ISO3 -> place entry id
        self._matchers: dict[str, Matcher] = {}
        self._frozen = False  # the bundled knowledge base is frozen: nothing adds to it in place
        self._layer: PersonLayer | None = None  # a store's learned persons, over these entries
        self._below: KnowledgeBase | None = None  # the knowledge base a layered view is over
        self._role_matchers: dict[str, Matcher] = {}
        self._given_names: set[str] = set()  # words before the last of persons' full names
        self._own_names: dict[str, set[str]] = {}  # person id -> those words of their names

    def _check_open(self) -> None:
        if self._frozen:
            raise KnowledgeBaseFrozen(
                "this knowledge base is shared and read-only: load your own with "
                "KnowledgeBase.load(extra=[...]), or put learned persons in a PersonLayer"
            )

    def _add(self, entry: KbEntry) -> None:
        self._check_open()
        self._entries[entry.id] = entry
        self._matchers.clear()

    def _alias(
        self, language: str, surface: str, target: str, form: str, priority: int, fold: bool = False
    ) -> None:
        self._check_open()
        self._aliases.setdefault(language, []).append(Alias(surface, target, form, priority, fold))

    def _name(self, language: str, surface: str, target: str, priority: int) -> None:
        form = "abbreviation" if is_abbreviation(surface) else "name"
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
                for form in forms_german_name(name, de.get("genus", "n")):
                    self._name("de", form, entry_id, _COUNTRY)
            for stem in de["adjectives"]:
                for ending in ADJECTIVE_ENDINGS["de"]:
                    for form in {stem + ending, capitalised(stem + ending)}:
                        self._alias("de", form, entry_id, "adjective", _ADJECTIVE)
            for noun in de["demonyms"]:
                for form in forms_german_demonym(noun):
                    self._alias("de", form, entry_id, "demonym", _ADJECTIVE)
            for name in en["names"]:
                self._name("en", name, entry_id, _COUNTRY)
            for word in en["adjectives"] + en.get("demonyms", []):
                kind = "abbreviation" if is_abbreviation(word) else "adjective"
                self._alias("en", word, entry_id, kind, _ADJECTIVE)
                for plural in forms_english_plural(word):
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
            for abbreviation in split_list(org.get("abbreviations")):
                self._alias("*", abbreviation, entry_id, "abbreviation", _ORG)
            for name in split_list(org.get("de")):
                for form in forms_german_name(name, "f"):
                    self._name("de", form, entry_id, _ORG)
            for name in split_list(org.get("en")):
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
            for name in split_list(row["de_aliases"]):
                self._name("de", name, entry_id, _REGION)
            for name in split_list(row["en_aliases"]):
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
                for form in forms_german_place(name):
                    de.append(Alias(form, entry_id, "name", _PLACE, not form.isupper()))
            for name in rec["names"] + rec["en"]:
                en.append(Alias(name, entry_id, "name", _PLACE, not name.isupper()))

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
                for form in split_list(spec.get("forms")):
                    for surface in forms_role(form, suffixes, language):
                        self._role_aliases.setdefault(language, []).append(
                            Alias(surface, key, spec["kind"], 0)
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
        for alias in [name, *split_list(row.get("aliases"))]:
            self._name(language, alias, entry_id, _USER)
        return entry


def _tsv_rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [dict(r) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
