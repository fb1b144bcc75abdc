"""The merge records of a Dask run: each input with what the pipeline made of it.

A record is one row of `SHARDS/records/part-N.parquet`: the input's number (its place in the
input order), its origin, and a payload, the pickled pair (input article or read error, the
worker's `Extracted`: content hash and signature for the copy check, the processed article
or the reason it failed, the story vector). The merge needs the records in full, with every
field of every record type, so they are pickled; they are an intermediate of one run, made and
read by the same version of newsevents (the payload says which), not a format for other tools:
those read the shard tables beside them (store/parquet_db.py). Merge only shards you made.
"""

from __future__ import annotations

import pickle
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from newsevents.errors import InputError, NewsEventsError
from newsevents.records import Article
from newsevents.scale.writer import Extracted


def _version() -> str:
    try:
        return version("newsevents")
    except PackageNotFoundError:  # run from a source tree
        return "source"


def dump_record(item: Article | InputError, extracted: Extracted | None) -> bytes:
    """The payload of one input (a read error as its origin and problem)."""
    kept: Any = (item.origin, item.problem) if isinstance(item, InputError) else item
    return pickle.dumps((_version(), kept, extracted), protocol=pickle.HIGHEST_PROTOCOL)


def load_record(payload: bytes) -> tuple[Article | InputError, Extracted | None]:
    """An input and its extraction back from a payload written by this version."""
    made_by, item, extracted = pickle.loads(payload)  # our own shards only (see above)
    if made_by != _version():
        raise NewsEventsError(f"shards written by newsevents {made_by}, this is {_version()}")
    if isinstance(item, tuple):
        return InputError(*item), None
    if not isinstance(item, Article):
        raise NewsEventsError(f"not a shard record: {type(item).__name__}")
    return item, extracted if isinstance(extracted, Extracted) else None
