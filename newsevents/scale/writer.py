"""The one writer of a store: processed articles in input order, stored in batches.

Every ingest path feeds a `BatchWriter` (the in-process pipeline of `--workers 1`, the worker
processes of `--workers N`, the Parquet shards of a Dask run), so they all store the same rows.
For each input, in input order:

1. the copy check (`CorpusStep.check`): known and copied articles are not stored again;
2. the article as the pipeline read it, or, if persons learned since its worker's layer could
   be named in it (`persons.touches`), read again here with the current layer;
3. staged: held in memory with its actors merged as the store would merge them
   (`ActorLedger`), so the next checks see it and the persons it teaches are learned now,
   before the next article;
4. every `FLUSH_ARTICLES` articles, and at the end, the batch is written in one transaction
   with one INSERT per table (`Store.add_many`), copies, signatures, fusion and stories with it
   (`CorpusStep.fuse_many`). A statement costs DuckDB about 1 ms whatever its size, so a
   batch costs little more than one article did. Ctrl-C rolls back the batch in progress only.

If a batch cannot be written, its articles are written one by one so that only the bad one
fails; persons it taught were already used for the articles after it in that case.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from newsevents.corpus.embed import Embedder, default_embedder, story_inputs
from newsevents.corpus.step import COPY, KNOWN, CorpusStep
from newsevents.errors import InputError, NewsEventsError
from newsevents.records import Article
from newsevents.scale.persons import LearnedLog, PersonRow, folded_words, touches
from newsevents.store import Store
from newsevents.store import corpus_db as sql
from newsevents.store.writer import ActorLedger, role_history

if TYPE_CHECKING:
    from newsevents.ingest import IngestReport, StorePipeline
    from newsevents.resources import Resources

log = logging.getLogger(__name__)

FLUSH_ARTICLES = 32  # articles per write transaction: ~15 statements for all of them


@dataclass(slots=True)
class Extracted:
    """What a worker made of one input: the check's inputs, the processed article or the
    reason it failed, its story vectors, and the log version its layer was at."""

    prepared: tuple[str, np.ndarray[Any, Any]] | None = None  # content hash, MinHash signature
    article: Article | None = None
    error: str | None = None
    # The story vectors of the texts the story index embeds (`embed.story_inputs`), by text.
    vectors: dict[str, np.ndarray[Any, Any]] = field(default_factory=dict)
    version: int = 0


class WorkerVectors(Embedder):
    """Story vectors that workers computed, handed to the story index by their text; a text
    it was not given is embedded here."""

    @staticmethod
    def inputs(article: Article) -> list[str]:
        """The texts the story index embeds for an article."""
        return story_inputs(article.text, article.title)

    def __init__(self) -> None:
        super().__init__()
        self.given: dict[str, np.ndarray[Any, Any]] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One vector per text: the worker's, else computed."""
        missing = [t for t in texts if t not in self.given]
        if missing:
            for text, vector in zip(missing, super().embed(missing), strict=True):
                self.given[text] = vector
        return np.asarray([self.given[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


class BatchWriter:
    """Stores processed articles in input order, in batches, learning persons as it goes."""

    def __init__(
        self,
        store: Store,
        report: IngestReport,
        resources: Resources | None = None,
        stories: bool = True,
        on_article: Callable[[str, str], None] | None = None,
        flush_every: int = FLUSH_ARTICLES,
    ) -> None:
        from newsevents.ingest import StorePipeline  # ingest builds on this module

        self.store = store
        self.report = report
        self.on_article = on_article
        self.flush_every = flush_every
        self.pipeline: StorePipeline = StorePipeline(store, resources)
        self.initial: list[PersonRow] = store.persons()
        self.log = LearnedLog(self.initial)
        self.vectors = WorkerVectors() if stories and default_embedder() is not None else None
        self.corpus = CorpusStep.load(store, stories=stories, embedder=self.vectors)
        self.ledger = ActorLedger(store)
        self.role_ids = sql.role_actor_ids(store)
        self.staged: list[Article] = []

    def take(self, raw: Article | InputError, extracted: Extracted | None = None) -> str:
        """Check, (re)process and stage one input; `extracted` is None to process it here.

        Returns the outcome: stored (staged; reported when its batch is written), known, copy
        or failed.
        """
        if isinstance(raw, InputError):
            return self._done(raw.origin, "failed", (raw.origin, raw.problem))
        # 1. The copy check, before anything is stored for this input.
        check = self.corpus.check(raw, extracted.prepared if extracted else None)
        if check in (KNOWN, COPY):
            outcome = "known" if check == KNOWN else "copy"
            return self._done(raw.origin, outcome)
        # 2. The processed article, read here when the worker's layer is out of date.
        if extracted is not None and self.vectors is not None:
            # Kept even if it is read again below: the texts embedded do not depend on persons.
            self.vectors.given.update(extracted.vectors)
        if extracted is None or self._stale(raw, extracted.version):
            self.report.reread += extracted is not None
            extracted = self.process(raw)
        if extracted.article is None:
            reason = (extracted.error or "failed").removeprefix(f"{raw.origin}: ")
            return self._done(raw.origin, "failed", (raw.origin, reason))
        article = extracted.article
        if self.corpus.has_staged(article.id):
            return self._done(article.origin, "known")
        # 3. Staged: the next articles are checked and read as if it were stored.
        self.corpus.stage(article)
        self.ledger.stage(article.actors.values())
        self.role_ids.update(row[0] for row in role_history(article))
        learned = self._persons(article)
        if learned:
            self.pipeline.layer.learn(learned)
            self.log.add(learned)
        self.staged.append(article)
        # 4. A full batch is written.
        if len(self.staged) >= self.flush_every:
            self.flush()
        return "stored"

    def process(self, raw: Article) -> Extracted:
        """Run the pipeline here, with the current layer."""
        try:
            return Extracted(article=self.pipeline(raw), version=self.log.version)
        except NewsEventsError as exc:
            log.debug("failed %s", raw.origin, exc_info=True)
            return Extracted(error=str(exc), version=self.log.version)

    def _stale(self, raw: Article, version: int) -> bool:
        newer = self.log.since(version)
        return bool(newer) and touches(folded_words(raw.text), newer)

    def _persons(self, article: Article) -> list[PersonRow]:
        """`Store.persons` for the article's persons, as the store holds them once the batch
        is written: their merged rows in the ledger, those seen with a role."""
        rows = []
        for actor_id in sorted({a.id for a in article.actors.values() if a.kind == "person"}):
            actor = self.ledger.get(actor_id)
            if actor is None or actor.kind != "person" or actor_id not in self.role_ids:
                continue
            rows.append(
                {
                    "id": actor.id,
                    "name": actor.name,
                    "country": actor.country,
                    "sector": actor.sector,
                    "aliases": list(actor.aliases),
                    "roles": list(actor.roles),
                }
            )
        return rows

    def flush(self) -> None:
        """Write the staged batch (and the copies found meanwhile) in one transaction."""
        staged, self.staged = self.staged, []
        if not staged and not self.corpus.pending.copies:
            return
        stored = staged
        try:
            self.store.add_many(staged, self.ledger, then=self.corpus.fuse_many)
        except NewsEventsError as exc:
            log.warning("writing a batch of %d articles failed (%s); one by one", len(staged), exc)
            stored = self._one_by_one(staged)
        finally:
            self.corpus.flushed()
            self.ledger = ActorLedger(self.store)
            if self.vectors is not None:
                self.vectors.given.clear()
        for article in stored:
            if article.partial:
                self.report.partial.append((article.origin, article.partial))
            if article.duplicate_pairs():
                self.report.repeats.append((article.origin, article.duplicate_pairs()))
            self._done(article.origin, "stored")

    def _one_by_one(self, staged: list[Article]) -> list[Article]:
        copies = self.corpus.pending.copies
        self.corpus.flushed()
        for article, article_id, canonical, score in copies:
            sql.add_copy(self.store, article, article_id, canonical, score)
        stored = []
        for article in staged:
            try:
                if self.store.add(article, then=self.corpus.fuse):
                    stored.append(article)
                else:
                    self._done(article.origin, "known")
            except NewsEventsError as exc:
                reason = str(exc).removeprefix(f"{article.origin}: ")
                self._done(article.origin, "failed", (article.origin, reason))
        return stored

    def _done(self, origin: str, outcome: str, failure: tuple[str, str] | None = None) -> str:
        """Report an input's final outcome (a stored one once its batch is committed)."""
        lists = {"stored": self.report.stored, "known": self.report.known}
        if outcome in lists:
            lists[outcome].append(origin)
        elif outcome == "copy":
            self.report.copies.append(origin)
        elif failure is not None:
            self.report.failed.append(failure)
        if self.on_article is not None:
            self.on_article(origin, outcome)
        return outcome
