"""Ingest one article posted over HTTP: the same read, check, pipeline and store steps as the
CLI (`ingest.ingest_one`), so copies, fusion and stories work the same.

The server must not shut an ingest out of the database for long (DuckDB lets one process
write a file and refuses every other). So the pipeline, the slow part, runs first, with no
lock: it reads the persons the store has learned from the server's read-only snapshot. Only
then is the database opened for writing (`WriteGate`), for the copy check, the write and the
fusion, which take well under a second; an ingest started meanwhile waits for it
(`store.connection.LOCK_WAIT_S`) instead of failing.
"""

from __future__ import annotations

import logging

from newsevents.corpus.step import CorpusStep
from newsevents.errors import NewsEventsError
from newsevents.ingest import IngestReport, StorePipeline, ingest_one, store_processed
from newsevents.pipeline import Pipeline
from newsevents.text.clean import content_hash, normalize_text
from newsevents.text.read import ReadOptions, article_from_record
from newsevents.web.params import ArticleIn, IngestOut
from newsevents.web.snapshot import Snapshots, StoreBusy, WriteGate

log = logging.getLogger(__name__)


def ingest_posted(
    snapshots: Snapshots,
    gate: WriteGate,
    posted: ArticleIn,
    origin: str = "http:POST /articles",
) -> IngestOut:
    """Process one posted article, then store it under the write lock.

    `stored` is False when it was already known or is a copy of a stored article (`copy_of`).
    """
    record = posted.model_dump(exclude_none=True)
    if posted.published is not None:
        record["published"] = posted.published.isoformat()
    article = article_from_record(record, origin, ReadOptions())
    article_id = content_hash(normalize_text(article.text))
    # 1. No lock: is it known already, and if not, the pipeline.
    pipeline, known = _read_side(snapshots, article_id)
    report = IngestReport()
    if not known:
        try:
            article = pipeline(article)
        except NewsEventsError as exc:
            raise NewsEventsError(f"{origin}: {str(exc).removeprefix(f'{origin}: ')}") from exc
    # 2. The lock, briefly: copy check, write, fusion. An article the snapshot knew goes the
    # way of every other ingest (it is known, or a copy; analysed only if it was deleted since).
    with gate.writer() as store:
        corpus = CorpusStep.load(store)  # rebuilt per request: the server's store is shared
        if known:
            outcome, article = ingest_one(article, store, corpus, report)
        else:
            outcome, article = store_processed(article, store, corpus, report)
    if outcome == "failed":
        raise NewsEventsError(f"{origin}: {report.failed[0][1]}")
    if outcome == "stored":
        return IngestOut(
            id=article.id,
            stored=True,
            events=[e.id for e in article.events],
            partial=article.partial,
        )
    match = corpus.last_match if outcome == "copy" else None
    return IngestOut(
        id=article_id, stored=False, events=[], copy_of=match.canonical_id if match else None
    )


def _read_side(snapshots: Snapshots, article_id: str) -> tuple[StorePipeline | Pipeline, bool]:
    """The pipeline with the persons the store has learned, and whether the store has the
    article, both read from the snapshot; the bundled pipeline when there is no snapshot yet."""
    try:
        with snapshots.reader() as snapshot:
            return StorePipeline(snapshot), snapshot.has_article(article_id)
    except StoreBusy as exc:
        log.info("no snapshot to read learned persons from (%s); bundled resources", exc)
        return Pipeline(), False
