"""Ingest at scale: worker processes and the batch writer store what one process stores, row
for row; learned persons reach the articles after them however the work is split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from newsevents.cli.main import main
from newsevents.corpus.step import CorpusStep
from newsevents.errors import InputError
from newsevents.ingest import IngestReport, StorePipeline, ingest, ingest_one
from newsevents.scale import workers as scale_workers
from newsevents.scale.persons import LearnedLog, folded_words, touches
from newsevents.store import EventFilter, Store
from newsevents.text.read import ReadOptions, iter_articles

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories"
# Our own sentences: the second names, without a title, the person the first names with one.
LEARNING = [
    "Der norwegische Außenminister Espen Barth Eide traf am Montag in Berlin Vertreter der "
    "Bundesregierung.",
    "Espen Barth Eide kritisierte am Dienstag die Regierung Ungarns scharf.",
    "Die Regierung Chiles und Argentiniens berieten am Mittwoch in Santiago über Handel.",
    "Espen Barth Eide und der schwedische Außenminister vereinbarten am Donnerstag in Oslo "
    "eine engere Zusammenarbeit.",
]


def _inputs(folder: Path) -> list[str]:
    """The learning articles first, then the story fixtures (copies and an update among them)."""
    folder.mkdir()
    paths = []
    for index, text in enumerate(LEARNING):
        path = folder / f"{index:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths + sorted(str(p) for p in FIXTURES.glob("*.jsonl"))


def _tables(path: Path) -> dict[str, list[str]]:
    """Every table's rows, sorted, without ingest timestamps."""
    db = duckdb.connect(str(path), read_only=True)
    tables = [
        str(r[0])
        for r in db.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        ).fetchall()
    ]
    dump: dict[str, list[str]] = {}
    for table in tables:
        columns = [
            str(r[0])
            for r in db.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = ? AND table_schema = 'main'",
                [table],
            ).fetchall()
            if r[0] not in ("ingested_at", "applied_at")
        ]
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        dump[table] = sorted(repr(row) for row in rows)
    db.close()
    return dump


def _ingest(paths: list[str], db: Path, **options: Any) -> IngestReport:
    with Store(db) as store:
        return ingest(paths, store, ReadOptions(published=None), **options)


def test_two_workers_store_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _inputs(tmp_path / "in")
    one = _ingest(paths, tmp_path / "one.duckdb", workers=1)
    # Workers even for this handful of articles, all of the first four in one batch: the second
    # is read by a worker that has not learned Espen Barth Eide yet.
    monkeypatch.setattr(scale_workers, "PARALLEL_MIN_ARTICLES", 0)
    monkeypatch.setattr(scale_workers, "BATCH_ARTICLES", 4)
    two = _ingest(paths, tmp_path / "two.duckdb", workers=2)
    assert (one.stored, one.known, one.copies, one.failed) == (
        two.stored,
        two.known,
        two.copies,
        two.failed,
    )
    assert two.reread >= 1  # the writer read the second article again, with Eide learned
    first, second = _tables(tmp_path / "one.duckdb"), _tables(tmp_path / "two.duckdb")
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table
    assert first["article_copies"] and first["article_embeddings"]


def test_the_batch_writer_stores_what_one_article_at_a_time_stores(tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in")
    _ingest(paths, tmp_path / "batch.duckdb", stories=False)
    with Store(tmp_path / "single.duckdb") as store:
        report = IngestReport()
        pipeline = StorePipeline(store)
        corpus = CorpusStep.load(store, stories=False)
        for item in iter_articles(paths, ReadOptions()):
            assert not isinstance(item, InputError)
            ingest_one(item, store, corpus, report, pipeline)
    assert _tables(tmp_path / "batch.duckdb") == _tables(tmp_path / "single.duckdb")


def test_a_learned_name_touches_only_texts_that_hold_all_its_words() -> None:
    eide = {"id": "person:espen-barth-eide", "name": "Espen Barth Eide", "aliases": []}
    assert touches(folded_words("ESPEN BARTH EIDE sprach."), [eide])
    assert touches(folded_words("Eide, Espen Barth"), [eide])  # words, in any order
    assert not touches(folded_words("Espen Eide sprach."), [eide])
    strauss = {"id": "person:franz-strau", "name": "Franz Strauß", "aliases": []}
    assert touches(folded_words("FRANZ STRAUSS"), [strauss])  # case folding: ß is SS
    cyrillic = {"id": "person:x", "name": "Сергей Вершинин", "aliases": []}
    assert touches(folded_words("Kein Name hier."), [cyrillic])  # no ASCII words: always


def test_the_log_keeps_only_rows_that_change_the_layer() -> None:
    row = {"id": "person:a-b", "name": "A B", "aliases": ["A B"], "country": "NOR"}
    log = LearnedLog([row])
    assert log.add([row]) == 0
    assert log.add([{**row, "aliases": ["A B", "Alpha B"]}]) == 1
    assert log.version == 1 and log.since(0)[0]["aliases"] == ["A B", "Alpha B"]
    assert log.since(1) == []


# Dask's scheduler serves HTTP on 8787 even without a dashboard; when another cluster on the
# machine holds that port it moves to a free one and warns, which is no failure of ours.
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_a_dask_run_stores_what_one_machine_stores(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from newsevents.scale import cluster
    from newsevents.store.parquet_db import open_shards

    paths = _inputs(tmp_path / "in")
    _ingest(paths, tmp_path / "one.duckdb", stories=False)
    shards = tmp_path / "shards"
    with Store(tmp_path / "dask.duckdb") as store:
        # Partitions of three: the learning articles are split over two tasks.
        items = list(iter_articles(paths, ReadOptions()))
        parts = cluster.extract_on_cluster(
            items,
            shards,
            "local",
            store.persons(),
            stories=False,
            workers=2,
            partition_articles=3,
        )
        assert parts == 4
        report = IngestReport()
        cluster.merge_shards(shards, store, report, stories=False)
        assert report.reread >= 1
    assert _tables(tmp_path / "dask.duckdb") == _tables(tmp_path / "one.duckdb")
    # The shards are a store of their own for queries: every article read, its events as it
    # coded them (not fused, copies not dropped).
    with Store(tmp_path / "dask.duckdb", read_only=True) as merged:
        stored = {r[0] for r in merged.db.execute("SELECT id FROM articles").fetchall()}
        reports = merged._scalar("SELECT count(*) FROM event_reports")
    with open_shards(shards) as lake:
        assert stored <= {r[0] for r in lake.db.execute("SELECT id FROM articles").fetchall()}
        coded = lake.events(EventFilter(limit=None))
        # Not equal to the store's count in general: the merge reads an article again when it
        # names a person learned during the run, and may then code more or fewer events.
        assert coded and reports
    listed = CliRunner().invoke(
        main, ["events", "--parquet", str(shards), "--format", "json", "--limit", "1000"]
    )
    assert listed.exit_code == 0, listed.output
    assert len(listed.output.splitlines()) == len(coded)
