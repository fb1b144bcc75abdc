"""Ingest one article posted over HTTP: the same read, check, pipeline and store steps as the
CLI (`ingest.ingest_one`), so copies, fusion and stories work the same."""

from __future__ import annotations

from newsevents.corpus.step import CorpusStep
from newsevents.errors import NewsEventsError
from newsevents.ingest import IngestReport, ingest_one
from newsevents.store import Store
from newsevents.text.clean import content_hash, normalize_text
from newsevents.text.read import ReadOptions, article_from_record
from newsevents.web.params import ArticleIn, IngestOut


def ingest_posted(
    store: Store, posted: ArticleIn, origin: str = "http:POST /articles"
) -> IngestOut:
    """Process and store one posted article.

    `stored` is False when it was already known or is a copy of a stored article (`copy_of`).
    """
    record = posted.model_dump(exclude_none=True)
    if posted.published is not None:
        record["published"] = posted.published.isoformat()
    article = article_from_record(record, origin, ReadOptions())
    corpus = CorpusStep.load(store)  # rebuilt per request: the server's store is shared
    report = IngestReport()
    outcome, article = ingest_one(article, store, corpus, report)
    if outcome == "failed":
        raise NewsEventsError(f"{origin}: {report.failed[0][1]}")
    if outcome == "stored":
        return IngestOut(id=article.id, stored=True, events=[e.id for e in article.events])
    match = corpus.last_match if outcome == "copy" else None
    return IngestOut(
        id=content_hash(normalize_text(article.text)),
        stored=False,
        events=[],
        copy_of=match.canonical_id if match else None,
    )
