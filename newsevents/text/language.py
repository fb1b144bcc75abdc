"""Stage 3, language: detect the article's language (ISO 639-1) unless it was given."""

from __future__ import annotations

from collections.abc import Callable

from newsevents.records import Article

DETECT_CHARS = 4000  # the first few thousand characters decide; the rest adds cost, not accuracy


def detect_language(text: str) -> str:
    """The most likely ISO 639-1 language of a text."""
    import py3langid  # loads its model (~1 s) on first use only

    code, _ = py3langid.classify(text[:DETECT_CHARS])
    return str(code)


def detect(article: Article, supported: Callable[[str], bool]) -> Article:
    """Set `article.language` when the input did not say it; note a language without a profile
    (`supported(code)` is False): it is stored, but no events are coded."""
    if not article.language:
        article.language = detect_language(article.text)
    article.language = article.language.lower()[:2]
    if not supported(article.language):
        article.notes.append(f"language '{article.language}' has no lexicons: no events coded")
    return article
