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


@dataclass(slots=True, frozen=True)
class DateWords:
    """A language's month and weekday names and relative expressions (from its profile)."""

    months: dict[str, int]  # lower-case name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday) .. 6
    relative: dict[str, tuple[str, int]]  # "gestern" -> ("day", -1); units day/week/month/year


EARLIEST_YEAR, LATEST_YEAR = 1950, 2100  # a bare number outside these is no year


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

    def plausible(self) -> bool:
        """Whether it can date an event: a bare number is a year only within
        `EARLIEST_YEAR`..`LATEST_YEAR` (not "2000 Soldaten")."""
        return not (
            self.year
            and self.month is None
            and self.day is None
            and self.relative is None
            and self.weekday is None
            and not EARLIEST_YEAR <= self.year <= LATEST_YEAR
        )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class DateFinder:
    """Compiled date patterns for one language's `DateWords`."""

    def __init__(self, words: DateWords) -> None:
        months = words.months
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
        weekdays = words.weekdays
        self.weekdays = weekdays
        self.weekday_re = re.compile(rf"\b(?P<wd>{_alternation(list(weekdays))})\b", re.IGNORECASE)
        relative = words.relative
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

    A date that arithmetic would take outside the calendar Python supports (years 1 to 9999:
    "morgen" on 9999-12-31, "Dienstag" on 0001-01-01, a feed's zero date) resolves to None.
    """
    try:
        return _resolve(mention, reference, year_hint=year_hint, future=future)
    except (OverflowError, ValueError):
        return None


def _resolve(
    mention: DateMention, reference: dt.date | None, *, year_hint: int | None, future: bool
) -> EventDate | None:
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
    if mention.month and mention.day:
        return EventDate(dt.date(year, mention.month, mention.day), "day", mention.text, reason)
    if mention.month:
        return EventDate(dt.date(year, mention.month, 1), "month", mention.text, reason)
    return EventDate(dt.date(year, 1, 1), "year", mention.text, reason)
