"""The records of the knowledge base: entries, alias matches and role titles."""

from __future__ import annotations

from dataclasses import dataclass


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
