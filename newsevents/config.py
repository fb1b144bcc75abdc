"""The pipeline's stage order, in one place, with what each stage reads and writes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.actors import link as actors
from newsevents.events import coder as events
from newsevents.mentions import finder as mentions
from newsevents.records import Article
from newsevents.stage import StageSpec
from newsevents.syntax import stage as syntax
from newsevents.text import clean, language, sentences

if TYPE_CHECKING:
    from newsevents.resources import Resources

DEFAULT_DB = Path("newsevents.duckdb")


def _clean(article: Article, resources: Resources) -> Article:
    return clean.clean(article, resources.lexicons.boilerplate())


def _language(article: Article, resources: Resources) -> Article:
    return language.detect(article, resources.lexicons.has)


def _sentences(article: Article, resources: Resources) -> Article:
    rules = resources.lexicons.profile(article.language or "en").sentences
    return sentences.split(article, rules)


def _actors(article: Article, resources: Resources) -> Article:
    links = resources.lexicons.profile(article.language or "en").pair_links
    return actors.link(article, resources.kb, links)


# 1 read happens before the pipeline (newsevents.text.read); 8 corpus and 9 store after it.
STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "clean",
        _clean,
        requires=("text",),
        assigns=("text", "paragraphs", "id", "notes"),
        note="2. normalise, paragraphs, boilerplate and repeated paragraphs, content hash",
    ),
    StageSpec(
        "language",
        _language,
        requires=("text", "language", "notes"),
        assigns=("language", "notes"),
        note="3. ISO 639-1 language, unless given",
    ),
    StageSpec(
        "sentences",
        _sentences,
        requires=("text", "paragraphs", "language", "notes"),
        assigns=("sentences", "partial", "notes"),
        note="4. quote-aware sentences, bounded in length; partial past the token budget",
    ),
    StageSpec(
        "syntax",
        syntax.parse,
        requires=("text", "language", "sentences"),
        assigns=("syntax",),
        note="4b. dependency parses of the sentences, for the event coder",
    ),
    StageSpec(
        "mentions",
        mentions.detect,
        requires=("text", "language", "paragraphs", "sentences"),
        assigns=("mentions",),
        note="5. countries, places, persons, organisations, dates",
    ),
    StageSpec(
        "actors",
        _actors,
        requires=("text", "language", "paragraphs", "mentions"),
        assigns=("actors", "dateline", "mentions"),
        note="6. canonical actors, 'beide Seiten', dateline",
    ),
    StageSpec(
        "events",
        events.code,
        requires=(
            "text",
            "language",
            "id",
            "published",
            "dateline",
            "sentences",
            "syntax",
            "mentions",
            "actors",
        ),
        assigns=("events", "quotes", "actors"),
        note="7. PLOVER events, quotes, in-article fusion",
    ),
)
