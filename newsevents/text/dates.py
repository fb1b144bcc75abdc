"""Date expressions: find them in text and resolve them against a reference date.

Handles absolute dates (16.11.2023, 16. November 2023, November 16, 2023, 2023-11-16), partial
dates (am 16. November, on November 16), years (2024), weekdays (am Dienstag, on Tuesday) and
relative expressions (gestern, last week, nächstes Jahr). Each result keeps its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsevents.records import EventDate

MONTHS: dict[str, dict[str, int]] = {
    "de": {
        "januar": 1,
        "jänner": 1,
        "jan": 1,
        "februar": 2,
        "feber": 2,
        "feb": 2,
        "märz": 3,
        "april": 4,
        "apr": 4,
        "mai": 5,
        "juni": 6,
        "juli": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sept": 9,
        "sep": 9,
        "oktober": 10,
        "okt": 10,
        "november": 11,
        "nov": 11,
        "dezember": 12,
        "dez": 12,
    },
    "en": {
        "january": 1,
        "jan": 1,
        "february": 2,
        "feb": 2,
        "march": 3,
        "mar": 3,
        "april": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun": 6,
        "july": 7,
        "jul": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sept": 9,
        "sep": 9,
        "october": 10,
        "oct": 10,
        "november": 11,
        "nov": 11,
        "december": 12,
        "dec": 12,
    },
}
WEEKDAYS: dict[str, dict[str, int]] = {
    "de": {
        "montag": 0,
        "dienstag": 1,
        "mittwoch": 2,
        "donnerstag": 3,
        "freitag": 4,
        "samstag": 5,
        "sonnabend": 5,
        "sonntag": 6,
    },
    "en": {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    },
}
# Relative expressions: (days offset, precision) or ("week"/"month"/"year", offset).
RELATIVE: dict[str, dict[str, tuple[str, int]]] = {
    "de": {
        "heute": ("day", 0),
        "gestern": ("day", -1),
        "vorgestern": ("day", -2),
        "morgen": ("day", 1),
        "übermorgen": ("day", 2),
        "letzte woche": ("week", -1),
        "vergangene woche": ("week", -1),
        "vergangenen woche": ("week", -1),
        "letzten woche": ("week", -1),
        "nächste woche": ("week", 1),
        "nächsten woche": ("week", 1),
        "letzten monat": ("month", -1),
        "vergangenen monat": ("month", -1),
        "nächsten monat": ("month", 1),
        "letztes jahr": ("year", -1),
        "vergangenes jahr": ("year", -1),
        "vergangenen jahr": ("year", -1),
        "nächstes jahr": ("year", 1),
        "nächsten jahr": ("year", 1),
        "kommendes jahr": ("year", 1),
        "kommenden jahr": ("year", 1),
        "dieses jahr": ("year", 0),
        "diesem jahr": ("year", 0),
    },
    "en": {
        "today": ("day", 0),
        "yesterday": ("day", -1),
        "tomorrow": ("day", 1),
        "last week": ("week", -1),
        "next week": ("week", 1),
        "this week": ("week", 0),
        "last month": ("month", -1),
        "next month": ("month", 1),
        "last year": ("year", -1),
        "next year": ("year", 1),
        "this year": ("year", 0),
    },
}


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression in text, with what it says before resolution."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: tuple[str, int] | None = None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class DateFinder:
    """Compiled date patterns for one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in MONTHS else "en"
        months = MONTHS[self.language]
        month = rf"(?P<month>{_alternation(list(months))})\.?"
        year = r"(?P<year>(?:19|20)\d\d)"
        day = r"(?P<day>[0-3]?\d)"
        self.months = months
        self.patterns = [
            re.compile(rf"\b{year}-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)\b"),
            re.compile(rf"\b{day}\.(?P<m2>[01]?\d)\.{year}\b"),
            re.compile(rf"\b{day}\.?\s+{month}(?:\s+{year})?\b", re.IGNORECASE),
            re.compile(rf"\b{month}\s+{day}(?:st|nd|rd|th)?(?:,?\s+{year})?\b", re.IGNORECASE),
            re.compile(rf"\b{month}\s+{year}\b", re.IGNORECASE),
            re.compile(rf"(?<![\d.-]){year}(?![\d.-]\d)"),
        ]
        weekdays = WEEKDAYS[self.language]
        self.weekdays = weekdays
        self.weekday_re = re.compile(rf"\b(?P<wd>{_alternation(list(weekdays))})\b", re.IGNORECASE)
        relative = RELATIVE[self.language]
        self.relative = relative
        self.relative_re = re.compile(
            rf"\b(?P<rel>{_alternation(list(relative))})\b", re.IGNORECASE
        )

    def find(self, text: str, offset: int = 0) -> list[DateMention]:
        """Every date expression in `text`, longest first where they overlap."""
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= ts or s >= te for ts, te in taken)

        for pattern in self.patterns:
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                groups = m.groupdict()
                month_text = groups.get("month")
                month = self.months.get(month_text.lower()) if month_text else None
                if groups.get("m2"):
                    month = int(groups["m2"])
                day_text = groups.get("day") or groups.get("d2")
                day = int(day_text) if day_text else None
                if (month is not None and not 1 <= month <= 12) or (
                    day is not None and not 1 <= day <= 31
                ):
                    continue
                year = int(groups["year"]) if groups.get("year") else None
                taken.append((m.start(), m.end()))
                found.append(
                    DateMention(m.start() + offset, m.end() + offset, m.group(), year, month, day)
                )
        for m in self.relative_re.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                rel = self.relative[m.group("rel").lower()]
                found.append(
                    DateMention(m.start() + offset, m.end() + offset, m.group(), relative=rel)
                )
        for m in self.weekday_re.finditer(text):
            if free(m.start(), m.end()):
                wd = self.weekdays[m.group("wd").lower()]
                found.append(
                    DateMention(m.start() + offset, m.end() + offset, m.group(), weekday=wd)
                )
        return sorted(found, key=lambda d: d.start)


def resolve(
    mention: DateMention,
    reference: dt.date | None,
    *,
    year_hint: int | None = None,
    future: bool = False,
) -> EventDate | None:
    """Resolve a date mention against the reference (publication) date.

    Without a year, the year comes from the reference date, else from `year_hint` (a year the
    article itself implies); a weekday is the latest such day on or before the reference, or the
    next one when `future` is set.
    """
    reason_ref = f"relative to {reference.isoformat()}" if reference else "no reference date"
    if mention.relative is not None:
        if reference is None:
            return None
        unit, amount = mention.relative
        if unit == "day":
            return EventDate(reference + dt.timedelta(days=amount), "day", mention.text, reason_ref)
        if unit == "week":
            return EventDate(
                reference + dt.timedelta(weeks=amount), "week", mention.text, reason_ref
            )
        if unit == "month":
            month_index = reference.year * 12 + reference.month - 1 + amount
            value = dt.date(month_index // 12, month_index % 12 + 1, 1)
            return EventDate(value, "month", mention.text, reason_ref)
        return EventDate(dt.date(reference.year + amount, 1, 1), "year", mention.text, reason_ref)
    if mention.weekday is not None:
        if reference is None:
            return None
        delta = (reference.weekday() - mention.weekday) % 7
        value = reference + dt.timedelta(days=(7 - delta) % 7 if future else -delta)
        return EventDate(value, "day", mention.text, f"weekday {reason_ref}")
    year = mention.year
    reason = "explicit"
    if year is None:
        if reference is not None:
            year = reference.year
            reason = f"year from publication date {reference.isoformat()}"
            if mention.month and mention.month > reference.month + 1 and not future:
                # "am 20. Dezember" in a January article is last December.
                year -= 1
                reason += ", previous year (month after publication)"
        elif year_hint is not None:
            year, reason = year_hint, "year inferred from the article"
        else:
            return None
    try:
        if mention.month and mention.day:
            return EventDate(dt.date(year, mention.month, mention.day), "day", mention.text, reason)
        if mention.month:
            return EventDate(dt.date(year, mention.month, 1), "month", mention.text, reason)
    except ValueError:
        return None
    return EventDate(dt.date(year, 1, 1), "year", mention.text, reason)


_FINDERS: dict[str, DateFinder] = {}


def finder(language: str) -> DateFinder:
    """The cached DateFinder for a language."""
    if language not in _FINDERS:
        _FINDERS[language] = DateFinder(language)
    return _FINDERS[language]
