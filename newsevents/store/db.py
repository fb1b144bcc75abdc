"""The DuckDB store: one class, `Store`, owns the connection and all SQL.

`Store` is put together from the parts of the store package, each with one job:

- store/connection.py: the connection, migrations (store/migrations.py), transactions, inserts;
- store/writer.py: writing a processed article in one transaction;
- store/reader.py: events with their parties, evidence and reports; articles; actors;
- store/tables.py: the columns of every table, derived from the records' dataclass fields.

The SQL of the corpus step, of story clusters, of the web page and of exports lives beside it
(corpus_db.py, stories_db.py, web_queries.py, export.py) as functions that take a `Store`.
"""

from __future__ import annotations

from newsevents.store.filters import EventFilter, event_where
from newsevents.store.reader import EVENT_COLUMNS, StoreReader
from newsevents.store.serialize import dumps, to_json
from newsevents.store.writer import ArticleWriter, role_rows

__all__ = [
    "EVENT_COLUMNS",
    "EventFilter",
    "Store",
    "dumps",
    "event_where",
    "role_rows",
    "to_json",
]


class Store(ArticleWriter, StoreReader):
    """An event database in a DuckDB file (or in memory with path ':memory:')."""
