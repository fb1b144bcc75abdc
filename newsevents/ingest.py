"""The main job: read inputs, run the pipeline, store the results, report what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsevents.corpus.step import COPY, KNOWN, CorpusStep
from newsevents.errors import InputError, NewsEventsError
from newsevents.kb.layer import PersonLayer
from newsevents.pipeline import Pipeline
from newsevents.records import Article
from newsevents.resources import Resources
from newsevents.store import Store
from newsevents.text.read import ReadOptions, iter_articles

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, failures with reasons, repeated paragraphs found."""

    stored: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # copies of stored articles, not analysed
    failed: list[tuple[str, str]] = field(default_factory=list)
    repeats: list[tuple[str, list[tuple[int, int]]]] = field(default_factory=list)
    events: int = 0  # net events added: a report fused into a stored event adds none

    @property
    def ok(self) -> bool:
        """Whether every input was stored, already known or a copy."""
        return not self.failed


class StorePipeline:
    """The pipeline of one store: the given resources plus the persons that store has learned.

    The learned persons are brought up to date after every stored article, so each article is
    read with what the store held before it, whether the articles come in one run or several.
    """

    def __init__(self, store: Store, resources: Resources | None = None) -> None:
        base = resources or Resources.bundled()
        self.store = store
        self.layer = PersonLayer.from_rows(base.kb, store.persons())
        self.pipeline = Pipeline(base.with_persons(self.layer))

    def __call__(self, article: Article) -> Article:
        """Run the pipeline on one article."""
        return self.pipeline(article)

    def learn(self, article: Article) -> None:
        """Take in the persons the store now holds for a stored article's actors."""
        ids = {a.id for a in article.actors.values() if a.kind == "person"}
        if ids:
            self.layer.learn(p for p in self.store.persons() if p["id"] in ids)


def ingest(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    on_article: Callable[[str, str], None] | None = None,
    stories: bool = True,
    resources: Resources | None = None,
) -> IngestReport:
    """Read, process and store every input; one bad input is reported and the rest go on.

    `on_article(origin, outcome)` is called after each input with outcome stored, known, copy
    or failed, so a caller can drive a progress bar. `stories=False` skips story clusters
    (the story vector is most of the corpus step's cost). `resources` default to the bundled
    ones; the store's learned persons are layered over them.
    """
    report = IngestReport()
    pipeline = StorePipeline(store, resources)
    corpus = CorpusStep.load(store, stories=stories)
    before = store.counts()["events"]
    for item in iter_articles(paths, options):
        if isinstance(item, InputError):
            report.failed.append((item.origin, item.problem))
            _notify(on_article, item.origin, "failed")
            continue
        outcome, _ = ingest_one(item, store, corpus, report, pipeline)
        _notify(on_article, item.origin, outcome)
    report.events = store.counts()["events"] - before
    return report


def _notify(callback: Callable[[str, str], None] | None, origin: str, outcome: str) -> None:
    if callback is not None:
        callback(origin, outcome)


def ingest_one(
    article: Article,
    store: Store,
    corpus: CorpusStep,
    report: IngestReport,
    pipeline: StorePipeline | None = None,
) -> tuple[str, Article]:
    """Check, process and store one read article: (stored, known, copy or failed; the article,
    processed when it was stored).

    The one path every ingest takes (`newsevents ingest`, the Python API and POST /articles),
    so copies, cross-article fusion and stories are the same whichever way an article came.
    """
    # 1. Cheap checks first: an article already stored, or a copy of one (recorded with its
    # own source and URL), is not analysed again.
    check = corpus.check(article)
    if check == KNOWN:
        report.known.append(article.origin)
        return "known", article
    if check == COPY:
        report.copies.append(article.origin)
        return "copy", article
    pipeline = pipeline or StorePipeline(store)
    try:
        # 2. The pipeline; 3. store the article and fuse its events with the stored ones.
        article = pipeline(article)
        if not store.add(article, then=corpus.fuse):
            report.known.append(article.origin)
            return "known", article
        corpus.indexed(article)
    except NewsEventsError as exc:
        report.failed.append((article.origin, str(exc).removeprefix(f"{article.origin}: ")))
        log.debug("failed %s", article.origin, exc_info=True)
        return "failed", article
    # 4. What the store learned from this article is there for the next one.
    pipeline.learn(article)
    report.stored.append(article.origin)
    if article.duplicate_pairs():
        report.repeats.append((article.origin, article.duplicate_pairs()))
    return "stored", article
