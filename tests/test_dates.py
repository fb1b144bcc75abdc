"""Date expressions and their resolution against the publication date."""

from __future__ import annotations

import datetime as dt

from newsevents.lang.profile import Lexicons
from newsevents.text.dates import resolve

LEXICONS = Lexicons()

PUBLISHED = dt.date(2023, 11, 17)  # a Friday


def _resolve(text: str, language: str = "de", reference: dt.date | None = PUBLISHED) -> list[str]:
    results = []
    for mention in LEXICONS.profile(language).dates.find(text):
        date = resolve(mention, reference)
        results.append(date.iso() if date else "?")
    return results


def test_partial_german_date_takes_the_publication_year() -> None:
    assert _resolve("Die Gespräche fanden am 16. November statt.") == ["2023-11-16"]


def test_absolute_dates() -> None:
    assert _resolve("Am 3.10.2020 und am 1. März 2021 sowie 2022-05-04.") == [
        "2020-10-03",
        "2021-03-01",
        "2022-05-04",
    ]


def test_weekday_and_relative() -> None:
    assert _resolve("Am Dienstag und gestern, nächstes Jahr.") == [
        "2023-11-14",
        "2023-11-16",
        "2024",
    ]
    assert _resolve("They met on Tuesday and last week.", "en") == ["2023-11-14", "2023-11-10"]


def test_english_month_day_year() -> None:
    assert _resolve("On November 16, 2023 and in March 2021.", "en") == ["2023-11-16", "2021-03"]


def test_december_in_a_january_article_is_last_year() -> None:
    assert _resolve("am 20. Dezember", reference=dt.date(2024, 1, 5)) == ["2023-12-20"]


def test_year_hint_without_publication_date() -> None:
    [mention] = LEXICONS.profile("de").dates.find("am 16. November")
    assert resolve(mention, None) is None
    date = resolve(mention, None, year_hint=2023)
    assert date is not None and date.iso() == "2023-11-16" and "inferred" in date.reason


# -- the edges of the calendar (issue 12) ---------------------------------------------------------
EDGES = [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 31), dt.date(9999, 12, 28)]


def test_arithmetic_past_the_calendar_resolves_to_none() -> None:
    text = (
        "Am Dienstag, morgen, gestern, nächsten Monat, letzten Monat, nächstes Jahr, letzte Woche."
    )
    for reference in EDGES:
        results = _resolve(text, reference=reference)
        assert len(results) == 7  # every mention resolved or "?", none raised
    assert _resolve("morgen und nächstes Jahr", reference=dt.date(9999, 12, 31)) == ["?", "?"]
    assert _resolve("gestern und am Dienstag", reference=dt.date(1, 1, 1)) == ["?", "?"]
    assert _resolve("They meet next week.", "en", reference=dt.date(9999, 12, 28)) == ["?"]


def test_articles_with_extreme_publication_dates_are_kept() -> None:
    import newsevents

    for published in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        for text in (
            "Deutschland und Frankreich haben am Dienstag in Berlin beraten.",
            "Morgen verhandeln Polen und Litauen in Vilnius; nächsten Monat folgt Riga.",
            "Germany and France will meet next month in Paris.",
        ):
            result = newsevents.extract(text, published=published)
            assert result.article.published == published
