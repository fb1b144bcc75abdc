"""Exceptions raised by newsevents, one tree rooted at NewsEventsError.

NewsEventsError
├── InputError                 an input could not be turned into an article
│   ├── ArticleUnreadable      not a regular file, or not text: binary, bad UTF-8, NUL, surrogates
│   ├── ArticleEmpty           the input holds no text (empty file, HTML page without text)
│   ├── ArticleTooLarge        the input is larger than the one size limit (read.MAX_ARTICLE_BYTES)
│   └── RecordMalformed        a JSON/JSONL record is not valid or lacks `text`
├── StageFailed                a pipeline stage raised on one article
├── KnowledgeBaseFrozen        something tried to add to the shared, read-only knowledge base
├── StoreError                 the database cannot be opened or written
│   └── StoreLocked            another process holds the database's write lock (after waiting)
└── NotFound                   an event, actor or article id is unknown

An article that runs over its time budget is no error: it is stored, marked partial
(`Article.partial` says why; see pipeline.py).
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    """An input could not be turned into an article; `origin` names it (path, path:line, '-')."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ArticleUnreadable(InputError):
    """The input's bytes cannot be read or decoded as text."""


class ArticleEmpty(InputError):
    """The input holds no article text."""


class ArticleTooLarge(InputError):
    """The input exceeds the size limit for one article."""


class RecordMalformed(InputError):
    """A JSON or JSONL record is invalid or lacks its text."""


class StageFailed(NewsEventsError):
    """A pipeline stage raised while processing one article."""

    def __init__(self, stage: str, origin: str, cause: BaseException) -> None:
        super().__init__(f"{origin}: stage '{stage}' failed: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.origin = origin
        self.cause = cause


class KnowledgeBaseFrozen(NewsEventsError):
    """Something tried to add entries to a read-only knowledge base (the bundled one, a view)."""


class StoreError(NewsEventsError):
    """The store cannot be opened, migrated or written."""


class StoreLocked(StoreError):
    """Another process (an ingest, a server's short write) holds the database's write lock."""

    def __init__(self, path: str, waited_s: float, holder: str | None = None) -> None:
        by = f" ({holder})" if holder else ""
        super().__init__(
            f"{path} is locked by another process{by}, still after {waited_s:g} s: DuckDB "
            "allows one writing process per file; run ingests one after another"
        )
        self.path = path


class NotFound(NewsEventsError):
    """A requested record does not exist in the store."""
