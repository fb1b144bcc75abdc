"""Runs an article through the stages of `config.STAGES`, naming the stage that fails.

**The budget of an article.** No input may stall a batch, so each article's cost is bounded:

- by its size: every source is held to one size limit (`text.read.MAX_ARTICLE_BYTES`);
- by what is analysed: clean cuts runs of one character and splits over-long paragraphs; the
  sentence stage bounds every sentence (`text.sentences.MAX_SENTENCE_CHARS`) and stops after
  `text.sentences.MAX_ANALYSED_TOKENS` tokens (the article is then marked partial too), so
  each stage's cost is linear in the input and bounded;
- by wall time: after each stage the runner checks the clock, and an article that has used
  `ARTICLE_BUDGET_S` skips the stages still to come. It is stored with what was found so far
  (the events of a stage that ran) and marked partial: `Article.partial` says which stage it
  stopped after and why, and the ingest summary counts it. It is not failed, because its text
  and what was found are worth keeping; being stored, it is not analysed again by a later run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from newsevents.config import STAGES
from newsevents.errors import StageFailed
from newsevents.records import Article
from newsevents.resources import Resources
from newsevents.stage import StageSpec

log = logging.getLogger(__name__)

ARTICLE_BUDGET_S = 30.0  # wall time per article; a 20,000-character article takes about 1 s


class Pipeline:
    """The stages in order, with the resources they read (the bundled ones by default) and the
    wall-time budget of one article."""

    def __init__(
        self,
        resources: Resources | None = None,
        stages: Sequence[StageSpec] = STAGES,
        budget_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.resources = resources or Resources.bundled()
        self.stages = tuple(stages)
        self.budget_s = ARTICLE_BUDGET_S if budget_s is None else budget_s
        self.clock = clock

    def __call__(self, article: Article) -> Article:
        """Process one article through every stage; raise StageFailed naming the stage.

        Past the budget the remaining stages are skipped and the article is marked partial.
        """
        started = self.clock()
        for number, stage in enumerate(self.stages):
            try:
                result = stage.run(article, self.resources)
            except Exception as exc:  # a stage bug must not stop a batch: report it with context
                raise StageFailed(stage.name, article.origin, exc) from exc
            if not isinstance(result, Article):
                raise StageFailed(
                    stage.name, article.origin, TypeError(f"returned {type(result).__name__}")
                )
            article = result
            spent = self.clock() - started
            rest = [s.name for s in self.stages[number + 1 :]]
            if rest and spent > self.budget_s:
                mark_partial(
                    article,
                    f"time budget of {self.budget_s:g} s spent after stage '{stage.name}' "
                    f"({spent:.1f} s); not run: {', '.join(rest)}",
                )
                log.warning("%s: partial, %s", article.origin, article.partial)
                break
        return article


def mark_partial(article: Article, reason: str) -> None:
    """Record why an article was analysed only in part (on `partial` and in its notes)."""
    article.partial = f"{article.partial}; {reason}" if article.partial else reason
    article.notes.append(f"partial: {reason}")


def run(article: Article, resources: Resources | None = None) -> Article:
    """Process one article with the bundled (or given) resources."""
    return Pipeline(resources)(article)
