"""The Python API: `extract` for one text, `ingest` for files into a `Store`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsevents import pipeline
from newsevents.records import Actor, Article, Event, Mention, Quote
from newsevents.resources import Resources
from newsevents.text.read import ReadOptions, make_article, parse_date


@dataclass(slots=True)
class Extraction:
    """What `extract` found in one text."""

    article: Article
    mentions: list[Mention]
    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote]


def extract(
    text: str,
    language: str | None = None,
    published: dt.date | str | None = None,
    *,
    title: str | None = None,
    resources: Resources | None = None,
) -> Extraction:
    """Run the whole pipeline on one text and return its mentions, actors and events.

    `resources` are the knowledge base, NER backend and lexicons to use (the bundled ones by
    default); the result depends on the text, its metadata and these, nothing else.

    >>> result = extract("Berlin – Deutschland und Frankreich haben am Montag verhandelt.",
    ...                  published="2024-03-05")
    >>> [e.type for e in result.events]
    ['CONSULT']
    """
    date = parse_date(published, "<text>") if isinstance(published, str) else published
    article = make_article(text, "<text>", ReadOptions(date, language), title=title)
    article = pipeline.run(article, resources)
    return Extraction(
        article, article.mentions, list(article.actors.values()), article.events, article.quotes
    )
