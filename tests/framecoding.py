"""The frame coder as real use runs it, for the tests of its files: the stages before the
events stage, the parse of the sentences with the language's clause labels, and the coder. One
helper for every frame-coder test (they differ only in what they look at)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.config import STAGES
from newsevents.events.framecoder import FrameCoder
from newsevents.records import Article, Event
from newsevents.resources import Resources
from newsevents.syntax import SpacySyntax, parse_sentences
from newsevents.text.read import ReadOptions, make_article

SYNTAX = SpacySyntax()
PUBLISHED = dt.date(2024, 3, 15)


def needs_parser(language: str) -> pytest.MarkDecorator:
    """Skip a test where the language's syntax model is not installed."""
    return pytest.mark.skipif(
        SYNTAX.pipeline(language) is None, reason=f"{language} syntax model not installed"
    )


def frame_coded(text: str, language: str = "de") -> tuple[Article, list[Event]]:
    """The analysed article and the events the frame coder codes from it."""
    resources = Resources.bundled()
    article = make_article(text, "<test>", ReadOptions(published=PUBLISHED, language=language))
    for stage in STAGES:
        if stage.name == "events":
            break
        article = stage.run(article, resources)
    labels = resources.lexicons.profile(language).clauses
    article.syntax = parse_sentences(article, SYNTAX, labels)
    return article, FrameCoder(article, resources.kb, resources.lexicons).run()


def codes(article: Article, ids: list[str]) -> set[str | None]:
    """The country codes of the parties with these ids."""
    return {article.actors[i].country for i in ids}


def first_event(text: str, event_type: str, language: str = "de") -> tuple[Article, Event]:
    """The analysed article and the first event of a type coded from the text (the test
    fails when there is none)."""
    article, events = frame_coded(text, language)
    found = [e for e in events if e.type == event_type]
    assert found, f"no {event_type} in {text!r}: {[e.type for e in events]}"
    return article, found[0]


def names(article: Article, ids: list[str]) -> set[str]:
    """The names of the parties with these ids."""
    return {article.actors[i].name for i in ids}
