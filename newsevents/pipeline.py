"""Runs an article through the stages of `config.STAGES`, naming the stage that fails."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from newsevents.config import STAGES
from newsevents.errors import StageFailed
from newsevents.records import Article
from newsevents.resources import Resources
from newsevents.stage import StageSpec

log = logging.getLogger(__name__)


class Pipeline:
    """The stages in order, with the resources they read (the bundled ones by default)."""

    def __init__(
        self, resources: Resources | None = None, stages: Sequence[StageSpec] = STAGES
    ) -> None:
        self.resources = resources or Resources.bundled()
        self.stages = tuple(stages)

    def __call__(self, article: Article) -> Article:
        """Process one article through every stage; raise StageFailed naming the stage."""
        for stage in self.stages:
            try:
                result = stage.run(article, self.resources)
            except Exception as exc:  # a stage bug must not stop a batch: report it with context
                raise StageFailed(stage.name, article.origin, exc) from exc
            if not isinstance(result, Article):
                raise StageFailed(
                    stage.name, article.origin, TypeError(f"returned {type(result).__name__}")
                )
            article = result
        return article


def run(article: Article, resources: Resources | None = None) -> Article:
    """Process one article with the bundled (or given) resources."""
    return Pipeline(resources)(article)
