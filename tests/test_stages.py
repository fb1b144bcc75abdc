"""The stage declarations hold: each stage reads only what it requires and writes only what it
assigns (as spaCy checks `requires`/`assigns` of its components)."""

from __future__ import annotations

import copy
from dataclasses import fields

import pytest
from conftest import EXAMPLES

from newsevents.config import STAGES
from newsevents.records import Article
from newsevents.resources import Resources
from newsevents.stage import ARTICLE_FIELDS, StageSpec
from newsevents.text.read import ReadOptions, make_article

TEXTS = {
    "de": (EXAMPLES / "de-berlin-paris-konsultationen.txt").read_text(encoding="utf-8"),
    "en": (EXAMPLES / "en-nairobi-talks.txt").read_text(encoding="utf-8"),
    # No language given: the language stage must detect it.
    "detected": (EXAMPLES / "en-abuja-arrests.txt").read_text(encoding="utf-8"),
}


def _states(text: str, language: str | None) -> list[tuple[StageSpec, Article, Article]]:
    """(stage, article before it, article after it) for every stage of a full run."""
    resources = Resources.bundled()
    article = make_article(text, "<test>", ReadOptions(published=None, language=language))
    states = []
    for stage in STAGES:
        before = copy.deepcopy(article)
        article = stage.run(article, resources)
        states.append((stage, before, copy.deepcopy(article)))
    return states


def _only(article: Article, keep: tuple[str, ...]) -> Article:
    """A copy of the article with every field not in `keep` at its default."""
    values = {f.name: copy.deepcopy(getattr(article, f.name)) for f in fields(Article)}
    kept = {name: value for name, value in values.items() if name in keep}
    return Article(**{"text": "", **kept})


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_stages_write_only_what_they_assign_and_read_only_what_they_require(key: str) -> None:
    language = None if key == "detected" else key
    for stage, before, after in _states(TEXTS[key], language):
        for name in ARTICLE_FIELDS - set(stage.assigns):
            assert getattr(after, name) == getattr(before, name), (
                f"stage {stage.name} changed {name}, which it does not assign"
            )
        alone = stage.run(_only(before, stage.requires), Resources.bundled())
        for name in stage.assigns:
            assert getattr(alone, name) == getattr(after, name), (
                f"stage {stage.name} reads more than it requires: {name} differs"
            )


def test_every_declared_field_is_an_article_field_and_something_assigns_it() -> None:
    assigned = {"text", "origin", "title", "url", "source", "published", "language"}  # read
    for stage in STAGES:
        assert set(stage.requires) <= ARTICLE_FIELDS
        assert set(stage.assigns) <= ARTICLE_FIELDS
        missing = set(stage.requires) - assigned
        assert not missing, f"stage {stage.name} requires {missing}, which no stage before it sets"
        assigned |= set(stage.assigns)
