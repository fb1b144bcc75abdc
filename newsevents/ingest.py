"""The main job: read inputs, run the pipeline, store the results, report what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.corpus.step import COPY, KNOWN, CorpusStep
from newsevents.errors import NewsEventsError
from newsevents.kb.layer import PersonLayer
from newsevents.pipeline import Pipeline
from newsevents.records import Article
from newsevents.resources import Resources
from newsevents.scale.workers import ARTICLE_CLOCK
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
    partial: list[tuple[str, str]] = field(default_factory=list)  # stored, analysed in part: why
    events: int = 0  # net events added: a report fused into a stored event adds none
    reread: int = 0  # read again by the writer, for persons learned after a worker read them
    workers: list[tuple[float, float]] = field(default_factory=list)  # CPU s, peak MB of each

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
        self.pipeline = Pipeline(base.with_persons(self.layer), clock=ARTICLE_CLOCK)

    def __call__(self, article: Article) -> Article:
        """Run the pipeline on one article."""
        return self.pipeline(article)

    def learn(self, article: Article) -> None:
        """Take in the persons the store now holds for a stored article's actors."""
        ids = {a.id for a in article.actors.values() if a.kind == "person"}
        if ids:
            self.layer.learn(self.store.persons(ids))


def ingest(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    on_article: Callable[[str, str], None] | None = None,
    stories: bool = True,
    resources: Resources | None = None,
    workers: int = 1,
    cluster: str | None = None,
    shards: Path | None = None,
) -> IngestReport:
    """Read, process and store every input; one bad input is reported and the rest go on.

    `on_article(origin, outcome)` is called after each input with outcome stored, known, copy
    or failed (stored once its batch is written), so a caller can drive a progress bar.
    `stories=False` skips story clusters (the story vector is most of the corpus step's cost).
    `resources` default to the bundled ones; the store's learned persons are layered over them.
    `workers` > 1 runs the pipeline in that many processes (`newsevents.scale.workers`); the
    stored rows are the same as with one. `cluster` (a Dask scheduler address, or "local")
    runs it on Dask instead, with Parquet shards written to `shards` and then merged
    (`newsevents.scale.cluster`; the bundled resources only).
    """
    from newsevents.scale.workers import run_workers
    from newsevents.scale.writer import BatchWriter

    if cluster is not None:
        from newsevents.scale.cluster import ingest_on_cluster

        if resources is not None:
            raise NewsEventsError("a Dask run uses the bundled resources only")
        folder = shards or Path(f"{store.path}.shards")
        cores = workers if workers > 1 else None
        return ingest_on_cluster(paths, store, cluster, folder, options, on_article, stories, cores)
    report = IngestReport()
    before = store.counts()["events"]
    # 1-3. Read, process (here or in workers) and stage in input order; 4. write in batches.
    writer = BatchWriter(store, report, resources, stories, on_article)
    run_workers(iter_articles(paths, options), writer, workers, resources, stories)
    writer.flush()
    if report.reread:
        log.info("%d articles read again with persons learned meanwhile", report.reread)
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
    outcome = _check(article, corpus, report)
    if outcome is not None:
        return outcome, article
    pipeline = pipeline or StorePipeline(store)
    # 2. The pipeline.
    try:
        article = pipeline(article)
    except NewsEventsError as exc:
        return _failed(article, exc, report), article
    # 3. Store; 4. learn.
    return _store(article, store, corpus, report, pipeline)


def store_processed(
    article: Article, store: Store, corpus: CorpusStep, report: IngestReport
) -> tuple[str, Article]:
    """Check and store an article that has been through the pipeline already, like
    `ingest_one` does after its step 2.

    POST /articles runs the pipeline before it takes the database's write lock, and holds the
    lock only for this: the copy check, the write and the fusion.
    """
    outcome = _check(article, corpus, report)
    if outcome is not None:
        return outcome, article
    return _store(article, store, corpus, report, None)


def _check(article: Article, corpus: CorpusStep, report: IngestReport) -> str | None:
    check = corpus.check(article)
    if check == KNOWN:
        report.known.append(article.origin)
        return "known"
    if check == COPY:
        report.copies.append(article.origin)
        return "copy"
    return None


def _failed(article: Article, exc: NewsEventsError, report: IngestReport) -> str:
    report.failed.append((article.origin, str(exc).removeprefix(f"{article.origin}: ")))
    log.debug("failed %s", article.origin, exc_info=True)
    return "failed"


def _store(
    article: Article,
    store: Store,
    corpus: CorpusStep,
    report: IngestReport,
    pipeline: StorePipeline | None,
) -> tuple[str, Article]:
    """Store a processed article and fuse its events with the stored ones."""
    try:
        if not store.add(article, then=corpus.fuse):
            report.known.append(article.origin)
            return "known", article
        corpus.indexed(article)
    except NewsEventsError as exc:
        return _failed(article, exc, report), article
    # What the store learned from this article is there for the next one.
    if pipeline is not None:
        pipeline.learn(article)
    report.stored.append(article.origin)
    if article.partial:
        report.partial.append((article.origin, article.partial))
    if article.duplicate_pairs():
        report.repeats.append((article.origin, article.duplicate_pairs()))
    return "stored", article
