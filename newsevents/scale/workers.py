"""The pipeline in worker processes: `newsevents ingest --workers N`.

Each worker is a fresh process (forkserver where the platform has it, else spawn) that loads
its resources once: the knowledge base, the NER and parser models, the story model when stories
are on. The main process reads the inputs, sends them to the workers in small batches, and is
the store's one writer (`writer.BatchWriter`): it takes the results back in input order.

A worker reads with the learned persons as of the batch it was given: each batch carries the
rows the writer learned since that worker's last batch (`persons.LearnedLog`), and the writer
reads an article again itself when a person learned after that could be named in it. So the
stored rows are those of `--workers 1`, in content and ids (`tests/test_scale.py`).

A worker also computes what the writer's copy check needs (content hash and MinHash signature)
and the story vector, so the writer's share of the work stays small. Every worker runs its
numeric libraries on one thread: the processes are the parallelism.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import resource
import signal
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError, NewsEventsError
from newsevents.records import Article
from newsevents.scale.persons import LearnedLog, PersonRow
from newsevents.scale.writer import BatchWriter, Extracted, WorkerVectors

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline
    from newsevents.resources import Resources

log = logging.getLogger(__name__)

BATCH_ARTICLES = 4  # articles per task: small, so a re-read is rare and the window short
WINDOW_TASKS = 3  # tasks in flight per worker: enough that no worker waits for the writer
# Fewer inputs than this are processed in the main process: starting workers costs seconds.
PARALLEL_MIN_ARTICLES = 24
POLL_S = 1.0  # how often a waiting writer checks that its workers are alive
STOP_WAIT_S = 10.0  # how long stopping workers may take to report
PRELOAD = ["newsevents.pipeline", "newsevents.resources", "newsevents.scale.writer"]
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# The clock of an article's time budget (pipeline.ARTICLE_BUDGET_S) on every ingest path (the
# writer's own pipeline, workers, Dask tasks): the CPU time of the thread that runs the
# article, not wall time. With wall time, a loaded machine (load 9-12 on 2 cores, measured)
# made the first articles partial (model loading plus waiting for a core counted), in one
# process or in workers depending on timing, so `--workers 2` and `--workers 1` stored
# different events. A pathological input still burns CPU, so it is still cut off.
ARTICLE_CLOCK = time.thread_time


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """What a worker process used: CPU seconds and peak resident memory (MB)."""

    cpu_s: float
    peak_mb: float


@dataclass(frozen=True, slots=True)
class Setup:
    """What a worker needs to build its pipeline: custom resources (None: the bundled ones),
    the store's learned persons at the start, and whether to compute story vectors."""

    resources: Resources | None
    persons: list[PersonRow]
    stories: bool


def shareable(resources: Resources | None) -> bool:
    """Whether resources can be sent to worker processes (the bundled ones always can)."""
    if resources is None:
        return True
    try:
        pickle.dumps(resources)
    except Exception:  # a loaded model, a lock: build them in the worker instead
        return False
    return True


def extract(raw: Article, pipeline: Pipeline, version: int) -> Extracted:
    """What a worker sends back for one input article."""
    from newsevents.corpus.dedupe import shingles, signature
    from newsevents.text.clean import content_hash, normalize_text

    text = normalize_text(raw.text)
    prepared = (content_hash(text), signature(shingles(text)))
    try:
        article = pipeline(raw)
    except NewsEventsError as exc:
        return Extracted(prepared, error=str(exc), version=version)
    article.syntax = []  # the event coder's working state: never stored, costly to send
    return Extracted(prepared, article, version=version)


def embed_stories(embedder: Any, done: list[Extracted]) -> None:
    """Attach the story vectors of the processed articles, made in one batch."""
    texts = [t for x in done if x.article is not None for t in WorkerVectors.inputs(x.article)]
    for text, vector in zip(texts, embedder.embed(texts), strict=True):
        for x in done:
            if x.article is not None and text in WorkerVectors.inputs(x.article):
                x.vectors[text] = vector


def _serve(number: int, inbox: Any, outbox: Any, setup: Setup) -> None:
    """A worker's life: build the pipeline once, then process batches until told to stop."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    try:
        from newsevents.corpus.embed import default_embedder
        from newsevents.kb.layer import PersonLayer
        from newsevents.pipeline import Pipeline
        from newsevents.resources import Resources

        base = setup.resources or Resources.bundled()
        layer = PersonLayer.from_rows(base.kb, setup.persons)
        pipeline = Pipeline(base.with_persons(layer), clock=ARTICLE_CLOCK)
        embedder = default_embedder() if setup.stories else None
        while (task := inbox.get()) is not None:
            rows, version, items = task
            if rows:
                layer.learn(rows)
            done = [(seq, extract(raw, pipeline, version)) for seq, raw in items]
            if embedder is not None:
                embed_stories(embedder, [x for _, x in done])
            outbox.put((number, done))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        outbox.put((number, WorkerStats(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)))
    except Exception as exc:  # a bug or a broken model: the writer must not wait forever
        log.exception("worker %d stopped", number)
        outbox.put((number, f"worker {number} stopped: {type(exc).__name__}: {exc}"))


@contextmanager
def _single_threaded() -> Iterator[None]:
    """One thread for the numeric libraries of the processes started inside: they read these
    variables when they load, and the fork server loads them before any worker runs."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class WorkerPool:
    """Worker processes, each with its own task queue, and one queue of results."""

    def __init__(self, workers: int, setup: Setup) -> None:
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        context: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            # Workers fork from a server that has imported the pipeline's code (spaCy, numpy)
            # once; each still loads its own models.
            context.set_forkserver_preload(PRELOAD)
        self.results: Any = context.Queue()
        self.inboxes: list[Any] = [context.Queue() for _ in range(workers)]
        self.processes = [
            context.Process(
                target=_serve, args=(n, inbox, self.results, setup), daemon=True, name=f"w{n}"
            )
            for n, inbox in enumerate(self.inboxes)
        ]
        with _single_threaded():
            for process in self.processes:
                process.start()
        self.versions = [0] * workers  # how far each worker has replayed the learned log
        self.busy = [0] * workers  # tasks sent and not yet returned
        self.stats: list[WorkerStats] = []  # filled when the workers stop

    def send(self, items: list[tuple[int, Article]], learned: LearnedLog) -> None:
        """Give a batch to the least busy worker, with the persons it has not learned yet."""
        number = min(range(len(self.busy)), key=lambda n: self.busy[n])
        rows = learned.since(self.versions[number])
        self.versions[number] = learned.version
        self.inboxes[number].put((rows, learned.version, items))
        self.busy[number] += 1

    def receive(self) -> list[tuple[int, Extracted]]:
        """The next finished batch; NewsEventsError if a worker died."""
        while True:
            try:
                number, done = self.results.get(timeout=POLL_S)
            except queue.Empty:
                dead = [p.name for p in self.processes if not p.is_alive()]
                if dead:
                    raise NewsEventsError(f"worker process {', '.join(dead)} died") from None
                continue
            if isinstance(done, str):
                raise NewsEventsError(done)
            self.busy[number] -= 1
            return list(done)

    def close(self) -> None:
        """Stop the workers and collect what they used (those that do not stop in time are
        terminated)."""
        for inbox in self.inboxes:
            inbox.put(None)
        while len(self.stats) < len(self.processes):
            try:
                _, message = self.results.get(timeout=STOP_WAIT_S)
            except queue.Empty:
                break
            if isinstance(message, WorkerStats):
                self.stats.append(message)
        for process in self.processes:
            process.join(timeout=STOP_WAIT_S)
        self.terminate()

    def terminate(self) -> None:
        """Stop the workers now, whatever they are doing."""
        for process in self.processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=STOP_WAIT_S)


def run_workers(
    items: Iterable[Article | InputError],
    writer: BatchWriter,
    workers: int,
    resources: Resources | None = None,
    stories: bool = True,
) -> None:
    """Process the inputs in `workers` processes and hand them to the writer in input order.

    Fewer than `PARALLEL_MIN_ARTICLES` inputs, or resources that cannot be sent to another
    process, are processed in this process instead.
    """
    source = iter(items)
    head = [item for _, item in zip(range(PARALLEL_MIN_ARTICLES), source, strict=False)]
    if workers <= 1 or len(head) < PARALLEL_MIN_ARTICLES or not shareable(resources):
        if workers > 1 and not shareable(resources):
            log.warning("these resources cannot be sent to worker processes: one process")
        for item in [*head, *source]:
            writer.take(item)
        return
    pool = WorkerPool(workers, Setup(resources, writer.initial, stories))
    try:
        _pump(chain(head, source), writer, pool, workers * BATCH_ARTICLES * WINDOW_TASKS)
    except BaseException:  # Ctrl-C or a failure: the workers' queued work is not wanted
        pool.terminate()
        raise
    pool.close()
    writer.report.workers = [(s.cpu_s, s.peak_mb) for s in pool.stats]


def _pump(
    source: Iterator[Article | InputError], writer: BatchWriter, pool: WorkerPool, window: int
) -> None:
    """Keep `window` inputs in flight; store the finished ones in input order."""
    inflight: dict[int, Article | InputError] = {}
    ready: dict[int, Extracted | None] = {}
    batch: list[tuple[int, Article]] = []
    read = stored = 0
    exhausted = False
    while True:
        while not exhausted and len(inflight) < window:
            item = next(source, None)
            if item is None:
                exhausted = True
                break
            inflight[read] = item
            if isinstance(item, InputError):
                ready[read] = None
            else:
                batch.append((read, item))
            read += 1
            if len(batch) >= BATCH_ARTICLES:
                pool.send(batch, writer.log)
                batch = []
        if batch:
            pool.send(batch, writer.log)
            batch = []
        while stored in ready:
            writer.take(inflight.pop(stored), ready.pop(stored))
            stored += 1
        if exhausted and not inflight:
            return
        if len(ready) < len(inflight):
            ready.update(pool.receive())
