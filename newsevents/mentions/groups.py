"""Ethnic communities as actors, coded with the country they live in (English texts).

Two kinds of mention: the names of ethnic groups in ``data/kb/groups.yaml`` ("Hutu rebels",
"Yoruba leaders", "Kurds"), and a country's demonym marked as a minority ("ethnic Albanians",
"the Turkish community"). PLOVER codes such a community with the country where it lives, not with
the country its name comes from: "ethnic Albanians in Serbia" are coded SRB. The country is the
group's only country, else the one of its countries (or, for a minority, the first other country)
that the sentence names, else the one the article names most, else the group's home country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsevents.datafiles import data_path
from newsevents.kb.persons import load_yaml
from newsevents.records import Mention

__all__ = ["Group", "GroupFinder", "load_groups"]

_DATA = data_path("kb")
# Patterns below are used with Pattern.match(text, pos), which anchors at pos: no "^" needed.
ROLE = "ethnic group"  # Mention.role of the mentions made here
SECTOR = "CVL"  # a community as such is civilian; "Hutu rebels" take the rebels' sector
# "ethnic Albanians", "ethnically Serb": the demonym names a minority, not its country.
_ETHNIC_BEFORE = re.compile(r"\b[Ee]thnic(?:ally)?\s+$")
_MINORITY_AFTER = re.compile(
    r"\s+(?:minority|minorities|population|community|communities|diaspora|origin)\b"
)
_NAME_AFTER = re.compile(r" [A-Z][a-z]")  # "Karen Bass", "Tamil Nadu": part of a longer name


@dataclass(frozen=True, slots=True)
class Group:
    """An ethnic group: id, English name and the countries it lives in, likeliest first."""

    id: str
    name: str
    countries: tuple[str, ...]
    home: str | None = None  # assumed where the context names none of the countries


@lru_cache(maxsize=1)
def load_groups() -> tuple[dict[str, Group], re.Pattern[str] | None]:
    """The bundled groups by English surface form, and one pattern matching every form."""
    data = load_yaml((_DATA / "groups.yaml").read_text("utf-8")) or {}
    by_form: dict[str, Group] = {}
    for spec in data.get("groups") or []:
        countries = tuple(spec.get("countries") or ())
        group = Group(spec["id"], spec["name"], countries, spec.get("home"))
        for form in spec.get("en") or []:
            by_form.setdefault(form, group)
    if not by_form:
        return by_form, None
    forms = sorted(by_form, key=len, reverse=True)  # "Crimean Tatars" before "Tatars"
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    return by_form, pattern


class GroupFinder:
    """Finds group mentions sentence by sentence; `countries` counts the article's so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.countries: Counter[str] = Counter()

    def find(
        self, start: int, end: int, sentence: int, kb_found: list[Mention]
    ) -> tuple[list[Mention], list[Mention]]:
        """(group mentions, kb mentions they replace) in the sentence text[start:end]."""
        named = _countries_in_order(kb_found)
        self.countries.update(named)
        found: list[Mention] = []
        replaced: list[Mention] = []
        for mention in kb_found:
            if mention.kind != "country" or mention.form not in {"adjective", "demonym"}:
                continue
            span = self._minority_span(mention, start)
            if span is None or not mention.country:
                continue
            home = mention.country
            country = self._first_other(named, home) or self._article_other(home) or home
            replaced.append(mention)
            name = f"{mention.text} minority"
            found.append(_mention(self.text, span, sentence, country, name))
        by_form, pattern = load_groups()
        if pattern is None:
            return found, replaced
        gone = {id(m) for m in replaced}
        taken = [(m.start, m.end) for m in kb_found if id(m) not in gone]
        for match in pattern.finditer(self.text, start, end):
            s, e = match.span()
            if any(a < e and s < b for a, b in taken) or _NAME_AFTER.match(self.text, e):
                continue
            group = by_form[match.group()]
            chosen = self._choose(group, named)
            found.append(_mention(self.text, (s, e), sentence, chosen, group.name, group.id))
        return found, replaced

    def _minority_span(self, mention: Mention, sentence_start: int) -> tuple[int, int] | None:
        before = self.text[max(sentence_start, mention.start - 12) : mention.start]
        ethnic = _ETHNIC_BEFORE.search(before)
        if ethnic is not None:
            return mention.start - (len(before) - ethnic.start()), mention.end
        after = _MINORITY_AFTER.match(self.text, mention.end)
        if after is not None and mention.form == "adjective":
            return mention.start, after.end()
        return None

    def _first_other(self, named: Sequence[str], home: str) -> str | None:
        return next((c for c in named if c != home), None)

    def _article_other(self, home: str) -> str | None:
        ranked = [c for c, _ in self.countries.most_common() if c != home]
        return ranked[0] if ranked else None

    def _choose(self, group: Group, named: Sequence[str]) -> str | None:
        countries = group.countries
        if len(countries) == 1:
            return countries[0]
        in_sentence = [c for c in named if c in countries]
        if in_sentence:
            return in_sentence[0]
        in_article = [c for c, _ in self.countries.most_common() if c in countries]
        return in_article[0] if in_article else group.home


def _countries_in_order(mentions: Iterable[Mention]) -> list[str]:
    """Countries named by country and place mentions, in text order, each once."""
    seen: dict[str, None] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.kind in {"country", "place"} and mention.country:
            seen.setdefault(mention.country, None)
    return list(seen)


def _mention(
    text: str,
    span: tuple[int, int],
    sentence: int,
    country: str | None,
    name: str,
    group_id: str | None = None,
) -> Mention:
    start, end = span
    key = group_id or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        kind="group",
        actor_id=f"group:{country or 'XXX'}:{key}",
        country=country,
        sector=SECTOR,
        role=ROLE,
        sentence=sentence,
        value=name,
    )
