"""Ingest one article posted over HTTP: the same read, pipeline and store steps as the CLI."""

from __future__ import annotations

from newsevents import pipeline
from newsevents.clean import content_hash, normalize_text
from newsevents.read import ReadOptions, article_from_record
from newsevents.store import Store
from newsevents.web.params import ArticleIn, IngestOut


def ingest_posted(
    store: Store, posted: ArticleIn, origin: str = "http:POST /articles"
) -> IngestOut:
    """Process and store one posted article; `stored` is False when it was already known."""
    record = posted.model_dump(exclude_none=True)
    if posted.published is not None:
        record["published"] = posted.published.isoformat()
    article = article_from_record(record, origin, ReadOptions())
    known = content_hash(normalize_text(article.text))
    if store.has_article(known):  # cheap check first, as `newsevents ingest` does
        return IngestOut(id=known, stored=False, events=[])
    article = pipeline.run(article)
    stored = store.add(article)
    return IngestOut(id=article.id, stored=stored, events=[e.id for e in article.events])
