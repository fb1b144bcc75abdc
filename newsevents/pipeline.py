"""Runs an article through the stages of `config.STAGES`, naming the stage that fails."""

from __future__ import annotations

import logging

from newsevents.config import STAGES, Stage
from newsevents.errors import StageFailed
from newsevents.records import Article

log = logging.getLogger(__name__)


def run(article: Article, stages: list[tuple[str, Stage]] | None = None) -> Article:
    """Process one article through every stage; raise StageFailed naming the stage on error."""
    for name, stage in stages or STAGES:
        try:
            result = stage(article)
        except Exception as exc:  # a stage bug must not stop a batch: report it with context
            raise StageFailed(name, article.origin, exc) from exc
        if not isinstance(result, Article):
            raise StageFailed(name, article.origin, TypeError(f"returned {type(result).__name__}"))
        article = result
    return article
