"""The event store: DuckDB schema, migrations and queries."""

from newsevents.store.db import EventFilter, Store

__all__ = ["EventFilter", "Store"]
