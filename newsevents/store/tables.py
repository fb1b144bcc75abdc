"""The tables the store writes, each defined once: its columns and how a record fills them.

A table that stores a record (`Table.of_record`) takes its columns from the record's
`dataclasses.fields`, so a record's field list is written nowhere but in its dataclass:

- a field is stored under its own name, or the name `COLUMN_NAMES` gives it;
- a dataclass-valued field (an Event's `date`) is stored as one column per field of its own,
  `date_precision`, `date_text`, ... (its `value` under the field's own name);
- `skip` names the fields stored elsewhere (an Event's actors live in `event_actors`);
- `keys` are columns the caller supplies (the article id, a row number); they come first.

Every INSERT names its columns (`Table.insert`), and a record read back from a row is built
from the same mapping (`Table.values`). The schema itself stays in `migrations.py`;
tests/test_store.py checks every table here against the migrated database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newsevents.records import Actor, Article, Event, EventDate, Mention, Paragraph, Quote, Sentence

# Fields stored under another name: `index` and `end` are SQL keywords, the rest say more.
COLUMN_NAMES = {
    "index": "idx",
    "start": "start_char",
    "end": "end_char",
    "symmetric": "is_symmetric",
    "date_value": "date",  # an EventDate's value is the event's date
}

Row = tuple[Any, ...]


class Table:
    """A table the store writes: its columns, the INSERT that names them, and the record
    fields that fill them."""

    __slots__ = ("_getters", "_parts", "casts", "keys", "name", "record")

    def __init__(
        self,
        name: str,
        keys: Sequence[str],
        *,
        record: type | None = None,
        parts: Sequence[Part] = (),
        casts: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.keys = tuple(keys)
        self.record = record
        self._parts = tuple(parts)
        self.casts = dict(casts or {})  # column -> SQL type its parameter is cast to
        self._getters = tuple(_getter(p) for p in self._parts)

    @classmethod
    def of_record(
        cls,
        name: str,
        record: type,
        *,
        keys: Sequence[str] = (),
        skip: Sequence[str] = (),
        nested: Mapping[str, type] | None = None,
    ) -> Table:
        """The table of a record: `keys` first, then a column per stored field."""
        names = {f.name for f in dataclasses.fields(record)}
        if not set(skip) <= names or not set(nested or {}) <= names:
            raise ValueError(f"{name}: {record.__name__} has no field {set(skip) - names}")
        parts: list[Part] = []
        for f in dataclasses.fields(record):
            inner = (nested or {}).get(f.name)
            if f.name in skip:
                continue
            if inner is None:
                parts.append(Part(COLUMN_NAMES.get(f.name, f.name), f.name))
                continue
            for sub in dataclasses.fields(inner):
                column = f"{f.name}_{sub.name}"
                parts.append(Part(COLUMN_NAMES.get(column, column), f.name, sub.name, inner))
        return cls(name, keys, record=record, parts=parts)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column an INSERT into this table names, in row order."""
        return self.keys + tuple(p.column for p in self._parts)

    def insert(self, conflict: str = "") -> tuple[str, str]:
        """The INSERT's head (`INSERT [OR IGNORE|OR REPLACE] INTO t (a, b)`) and one row's
        placeholders (`(?, ?)`), to be joined by ` VALUES `."""
        verb = f"INSERT {conflict} INTO" if conflict else "INSERT INTO"
        head = f"{verb} {self.name} ({', '.join(self.columns)})"
        marks = (f"?::{self.casts[c]}" if c in self.casts else "?" for c in self.columns)
        return head, f"({', '.join(marks)})"

    def row(self, record: Any, *keys: Any) -> Row:
        """The row of one record: the key values given, then the record's stored fields."""
        if len(keys) != len(self.keys):
            raise ValueError(f"{self.name}: expected values of {self.keys}, got {len(keys)}")
        return (*keys, *(get(record) for get in self._getters))

    def values(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """Keyword arguments of the record from a row of this table (a mapping by column).

        A NULL column leaves a field that has a default to its default; a nested record all
        of whose columns are NULL is None.
        """
        if self.record is None:
            raise TypeError(f"{self.name} stores no record")
        kwargs: dict[str, Any] = {}
        inner: dict[str, tuple[type, dict[str, Any]]] = {}
        for part in self._parts:
            value = row[part.column]
            if part.inner is None:
                if value is not None or not _has_default(self.record, part.field):
                    kwargs[part.field] = value
                continue
            assert part.sub is not None
            _, sub_values = inner.setdefault(part.field, (part.inner, {}))
            if value is not None or not _has_default(part.inner, part.sub):
                sub_values[part.sub] = value
        for name, (inner_type, sub_values) in inner.items():
            if any(v is not None for v in sub_values.values()):
                kwargs[name] = inner_type(**sub_values)
        return kwargs


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    """One column filled from a record: from `field`, or from `sub` of a dataclass `field`."""

    column: str
    field: str
    sub: str | None = None
    inner: type | None = None  # the dataclass of `field` when `sub` is set


def plain(name: str, columns: str, casts: Mapping[str, str] | None = None) -> Table:
    """A table of rows that the caller builds as tuples in the order of `columns` (names
    separated by spaces)."""
    return Table(name, columns.split(), casts=casts)


def _getter(part: Part) -> Callable[[Any], Any]:
    field, sub = part.field, part.sub
    if sub is None:
        return lambda record: getattr(record, field)

    def nested(record: Any) -> Any:
        value = getattr(record, field)
        return None if value is None else getattr(value, sub)

    return nested


def _has_default(record: type, name: str) -> bool:
    found = next(f for f in dataclasses.fields(record) if f.name == name)
    return not (
        found.default is dataclasses.MISSING and found.default_factory is dataclasses.MISSING
    )


# -- the tables, in the order of the migrations that create them ---------------------------
ARTICLES = Table.of_record(
    "articles",
    Article,
    keys=("duplicate_paragraphs",),  # Article.duplicate_pairs(), as lists
    # Own tables; `syntax` is the event coder's working state (parses), not a result.
    skip=("paragraphs", "sentences", "syntax", "mentions", "actors", "events", "quotes"),
)
PARAGRAPHS = Table.of_record("paragraphs", Paragraph, keys=("article_id",))
SENTENCES = Table.of_record("sentences", Sentence, keys=("article_id",))
MENTIONS = Table.of_record(
    "mentions",
    Mention,
    keys=("article_id", "idx"),
    # Working state of the stages, not results; a body's members are stored on its actor.
    skip=("entry_id", "value", "modifier", "members"),
)
ACTORS = Table.of_record("actors", Actor)
ARTICLE_ACTORS = plain("article_actors", "article_id actor_id mentions")
# An event's parties and evidence are rows of event_actors and event_sources.
EVENT_PARTS = ("actors", "recipients", "participants", "sources", "evidence", "sentences")
EVENTS = Table.of_record(
    "events", Event, keys=("article_id",), skip=EVENT_PARTS, nested={"date": EventDate}
)
EVENT_ACTORS = plain("event_actors", "event_id actor_id role")
EVENT_SOURCES = plain("event_sources", "event_id article_id start_char end_char sentence")
QUOTES = Table.of_record("quotes", Quote, keys=("article_id", "idx"))
ACTOR_ROLES = plain("actor_roles", "actor_id role country article_id published start_char end_char")
ARTICLE_SIGNATURES = plain("article_signatures", "article_id scheme signature")
ARTICLE_COPIES = plain(
    "article_copies", "article_id canonical_id similarity source url origin title published"
)
# A report keeps its parties as lists and its evidence as [start, end, sentence] spans.
EVENT_REPORTS = Table.of_record(
    "event_reports",
    Event,
    keys=("canonical_id", "fusion_key", "article_id", "published", "spans"),
    skip=("evidence", "sentences"),
    nested={"date": EventDate},
)
ARTICLE_EMBEDDINGS = plain(
    "article_embeddings", "article_id model published embedding", casts={"embedding": "FLOAT[384]"}
)
ARTICLE_BODY_EMBEDDINGS = plain(
    "article_body_embeddings", "article_id model embedding", casts={"embedding": "FLOAT[384]"}
)
STORY_LINKS = plain("story_links", "article_id other_id similarity")
ARTICLE_STORIES = plain("article_stories", "article_id story_id")
ARTICLE_BANDS = plain("article_bands", "band_key article_id")

TABLES = (
    ARTICLES,
    PARAGRAPHS,
    SENTENCES,
    MENTIONS,
    ACTORS,
    ARTICLE_ACTORS,
    EVENTS,
    EVENT_ACTORS,
    EVENT_SOURCES,
    QUOTES,
    ACTOR_ROLES,
    ARTICLE_SIGNATURES,
    ARTICLE_COPIES,
    EVENT_REPORTS,
    ARTICLE_EMBEDDINGS,
    ARTICLE_BODY_EMBEDDINGS,
    STORY_LINKS,
    ARTICLE_STORIES,
    ARTICLE_BANDS,
)
