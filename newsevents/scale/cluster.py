"""The pipeline on a Dask cluster: `newsevents ingest --cluster ADDRESS|local`.

1. The client reads the inputs and cuts them into partitions of `PARTITION_ARTICLES`.
2. Each partition is a Dask task: a worker runs the pipeline on its articles with the store's
   learned persons as they were when the run started, and writes the partition's rows as
   Parquet shards (store/parquet_db.py: the store's tables, one file per partition and table)
   plus the merge records (`shards.py`: each input with what the pipeline made of it).
3. The merge reads the records in input order and gives them to the store's one writer
   (`writer.BatchWriter`): copy check, cross-article fusion, stories, learned persons. An
   article that names a person learned during the run is read again by the writer, as with
   `--workers`, so the store holds the same events as a single-machine ingest.

`local` starts a LocalCluster on this machine (one single-threaded worker process per core, or
`workers`); any other value is a scheduler address (`tcp://host:8786`) whose workers have
newsevents installed. Dask is imported here only, never by the default ingest path.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError, NewsEventsError
from newsevents.records import Article
from newsevents.scale.persons import PersonRow
from newsevents.scale.shards import dump_record, load_record
from newsevents.store import parquet_db

if TYPE_CHECKING:
    from newsevents.ingest import IngestReport
    from newsevents.store import Store
    from newsevents.text.read import ReadOptions

log = logging.getLogger(__name__)

PARTITION_ARTICLES = 64  # inputs per task: a few seconds of work, one file per table


def extract_partition(
    number: int,
    items: list[tuple[int, Article | InputError]],
    persons: list[PersonRow],
    stories: bool,
    folder: str,
) -> int:
    """A Dask task: run the pipeline on one partition and write its shards; return its size."""
    from newsevents.scale.workers import extract
    from newsevents.store import Store

    pipeline = _pipeline(persons)
    records: list[tuple[int, str, bytes]] = []
    with Store(":memory:") as store:
        done = []
        for seq, item in items:
            if isinstance(item, InputError):
                records.append((seq, item.origin, dump_record(item, None)))
                continue
            extracted = extract(item, pipeline, 0)
            done.append((seq, item, extracted))
            if extracted.article is not None and not store.has_article(extracted.article.id):
                store.add(extracted.article)
        _embed(done, stories)
        for seq, item, extracted in done:
            records.append((seq, item.origin, dump_record(item, extracted)))
        parquet_db.write_shards(store, Path(folder), number)
    parquet_db.write_records(Path(folder), number, records)
    return len(items)


_PIPELINES: dict[int, Any] = {}  # per worker process: id of the scattered persons -> pipeline


def _pipeline(persons: list[PersonRow]) -> Any:
    """The bundled pipeline over these learned persons, built once per worker process (the
    persons list is scattered to every worker once, so each task gets the same object)."""
    from newsevents.kb.layer import PersonLayer
    from newsevents.pipeline import Pipeline
    from newsevents.resources import Resources
    from newsevents.scale.workers import ARTICLE_CLOCK

    if id(persons) not in _PIPELINES:
        base = Resources.bundled()
        _PIPELINES.clear()
        _PIPELINES[id(persons)] = (
            Pipeline(
                base.with_persons(PersonLayer.from_rows(base.kb, persons)), clock=ARTICLE_CLOCK
            ),
            persons,  # kept alive, so that its id is not reused
        )
    return _PIPELINES[id(persons)][0]


def _embed(done: list[tuple[int, Article, Any]], stories: bool) -> None:
    from newsevents.corpus.embed import default_embedder
    from newsevents.scale.workers import embed_stories

    embedder = default_embedder() if stories else None
    if embedder is not None:
        embed_stories(embedder, [x for _, _, x in done])


def _client(address: str, workers: int | None) -> Any:
    try:
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError as exc:
        raise NewsEventsError("--cluster needs Dask: pip install 'newsevents[cluster]'") from exc
    if address == "local":
        from newsevents.scale.workers import THREAD_VARIABLES, default_workers

        cluster = distributed.LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env={name: "1" for name in THREAD_VARIABLES},
        )
        return distributed.Client(cluster)
    return distributed.Client(address)


def extract_on_cluster(
    items: Iterable[Article | InputError],
    folder: Path,
    address: str,
    persons: list[PersonRow],
    stories: bool = True,
    workers: int | None = None,
    partition_articles: int = PARTITION_ARTICLES,
) -> int:
    """Steps 1-2: write the shards of every input to `folder`; return the number of partitions."""
    folder.mkdir(parents=True, exist_ok=True)
    if parquet_db.record_parts(folder):
        raise NewsEventsError(f"{folder} holds shards already: choose an empty folder")
    client = _client(address, workers)
    try:
        [shared] = client.scatter([persons], broadcast=True)  # one object, not its items
        futures: list[Any] = []
        batch: list[tuple[int, Article | InputError]] = []
        for seq, item in enumerate(items):
            batch.append((seq, item))
            if len(batch) >= partition_articles:
                futures.append(_submit(client, len(futures), batch, shared, stories, folder))
                batch = []
        if batch or not futures:
            futures.append(_submit(client, len(futures), batch, shared, stories, folder))
        client.gather(futures)
        return len(futures)
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


def _submit(
    client: Any, number: int, batch: list[Any], persons: Any, stories: bool, folder: Path
) -> Any:
    return client.submit(
        extract_partition, number, list(batch), persons, stories, str(folder), pure=False
    )


def merge_shards(
    folder: Path,
    store: Store,
    report: IngestReport,
    stories: bool = True,
    on_article: Callable[[str, str], None] | None = None,
) -> None:
    """Step 3: fold the shards' records into the store, in input order."""
    from newsevents.scale.writer import BatchWriter

    writer = BatchWriter(store, report, None, stories, on_article)
    for part in parquet_db.record_parts(folder):
        for _, _, payload in parquet_db.read_records(part):
            raw, extracted = load_record(payload)
            writer.take(raw, extracted)
    writer.flush()


def ingest_on_cluster(
    paths: Iterable[str],
    store: Store,
    address: str,
    folder: Path,
    options: ReadOptions | None = None,
    on_article: Callable[[str, str], None] | None = None,
    stories: bool = True,
    workers: int | None = None,
) -> IngestReport:
    """Extract on the cluster, write the shards to `folder`, merge them into the store."""
    from newsevents.ingest import IngestReport
    from newsevents.text.read import iter_articles

    report = IngestReport()
    before = store.counts()["events"]
    persons = store.persons()
    extract_on_cluster(iter_articles(paths, options), folder, address, persons, stories, workers)
    merge_shards(folder, store, report, stories, on_article)
    report.events = store.counts()["events"] - before
    return report
