"""What a pipeline stage is: a function of an article and the resources, with declared fields.

Like spaCy's components (``requires=``/``assigns=``), every stage says which `Article` fields
it reads and which it writes. `tests/test_stages.py` checks the declarations against what the
stages do: a stage given only the fields it requires writes the same result, and changes no
field it does not assign.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal, get_args

from newsevents.records import Article

if TYPE_CHECKING:
    from newsevents.resources import Resources

ArticleField = Literal[
    "text",
    "origin",
    "title",
    "url",
    "source",
    "published",
    "language",
    "id",
    "dateline",
    "paragraphs",
    "sentences",
    "syntax",
    "mentions",
    "actors",
    "events",
    "quotes",
    "notes",
    "partial",
]
ARTICLE_FIELDS: frozenset[str] = frozenset(get_args(ArticleField))
assert {f.name for f in fields(Article)} == ARTICLE_FIELDS, (
    "ArticleField must list Article's fields"
)

StageFunction = Callable[[Article, "Resources"], Article]


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One stage: its name, its function and the article fields it reads and writes."""

    name: str
    run: StageFunction
    requires: tuple[ArticleField, ...]
    assigns: tuple[ArticleField, ...]
    note: str = ""  # what the stage does, for the README's table and `--help`
