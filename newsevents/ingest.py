"""The main job: read inputs, run the pipeline, store the results, report what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsevents import pipeline
from newsevents.clean import content_hash, normalize_text
from newsevents.errors import InputError, NewsEventsError
from newsevents.kb import default_kb
from newsevents.learning import learn_persons
from newsevents.read import ReadOptions, iter_articles
from newsevents.records import Article
from newsevents.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, failures with reasons, repeated paragraphs found."""

    stored: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    repeats: list[tuple[str, list[tuple[int, int]]]] = field(default_factory=list)
    events: int = 0

    @property
    def ok(self) -> bool:
        """Whether every input was stored or already known."""
        return not self.failed


def ingest(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    on_article: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Read, process and store every input; one bad input is reported and the rest go on.

    `on_article(origin, outcome)` is called after each input with outcome stored, known or
    failed, so a caller can drive a progress bar.
    """
    report = IngestReport()
    learn_persons(default_kb(), store)
    for item in iter_articles(paths, options):
        if isinstance(item, InputError):
            report.failed.append((item.origin, item.problem))
            _notify(on_article, item.origin, "failed")
            continue
        outcome = _ingest_one(item, store, report)
        _notify(on_article, item.origin, outcome)
    return report


def _notify(callback: Callable[[str, str], None] | None, origin: str, outcome: str) -> None:
    if callback is not None:
        callback(origin, outcome)


def _ingest_one(article: Article, store: Store, report: IngestReport) -> str:
    # A cheap hash first: an article already stored is not analysed again.
    if store.has_article(content_hash(normalize_text(article.text))):
        report.known.append(article.origin)
        return "known"
    try:
        article = pipeline.run(article)
        if not store.add(article):
            report.known.append(article.origin)
            return "known"
    except NewsEventsError as exc:
        report.failed.append((article.origin, str(exc).removeprefix(f"{article.origin}: ")))
        log.debug("failed %s", article.origin, exc_info=True)
        return "failed"
    report.stored.append(article.origin)
    report.events += len(article.events)
    if article.duplicate_pairs():
        report.repeats.append((article.origin, article.duplicate_pairs()))
    return "stored"
