"""The budget of an article (issue 12): bounded size, bounded analysis, bounded wall time, and
a cost linear in the input however pathological the input."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from pathlib import Path

import pytest

import newsevents
from newsevents.pipeline import Pipeline
from newsevents.records import Article
from newsevents.store import Store
from newsevents.text.read import ReadOptions, make_article

GERMAN = "Deutschland und Frankreich haben am Dienstag in Berlin über die Ukraine beraten."


def _article(text: str) -> Article:
    return make_article(text, "<test>", ReadOptions(published=dt.date(2024, 3, 12), language="de"))


def test_over_the_time_budget_the_article_is_partial_with_what_was_found() -> None:
    ticks = itertools.count(0, 10)  # every look at the clock: 10 s later
    pipeline = Pipeline(budget_s=15, clock=lambda: next(ticks))
    article = pipeline(_article(GERMAN))
    # Started at 0; 10 s after clean, 20 s after language: past the budget.
    assert article.partial is not None
    assert article.partial.startswith("time budget of 15 s spent after stage 'language' (20.0 s)")
    assert "not run: sentences" in article.partial
    assert article.id and article.paragraphs and not article.sentences and not article.events
    assert any(note.startswith("partial: time budget") for note in article.notes)


def test_within_the_budget_nothing_is_partial() -> None:
    article = Pipeline()(_article(GERMAN))
    assert article.partial is None and article.events


def test_a_partial_article_is_stored_as_such_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsevents.pipeline.ARTICLE_BUDGET_S", 0.0)
    source = tmp_path / "a.txt"
    source.write_text(GERMAN, encoding="utf-8")
    with Store(tmp_path / "t.duckdb") as store:
        report = newsevents.ingest([str(source)], store, stories=False)
        [(origin, reason)] = report.partial
        assert origin == str(source) and "spent after stage 'clean'" in reason
        [(partial,)] = store.db.execute("SELECT partial FROM articles").fetchall()
        assert partial == reason


def _best_seconds(text: str, runs: int = 2) -> float:
    pipeline = Pipeline()
    best = float("inf")
    for _ in range(runs):
        article = _article(text)
        started = time.perf_counter()
        pipeline(article)
        best = min(best, time.perf_counter() - started)
    return best


def _pathological(units: int) -> str:
    """One line of everything that once made the cost superlinear: a stray ‘ that opened a
    quotation to the end of the paragraph, runs and alternations of quote marks (spaCy's
    tokenizer is quadratic in them), a word repeated, and prose that never breaks a line."""
    parts = []
    for n in range(units):
        parts.append(
            f"‘Laut Mira‘at kam es in Runde {n} zu Gesprächen. "
            + "„" * 300
            + " "
            + "„“" * 120
            + f" Deutschland Deutschland Deutschland beriet mit Polen über Punkt {n}; "
            f"„Wir sind bereit, sagte der Minister in Runde {n}, und es geht weiter. "
        )
    return "".join(parts)


def test_doubling_a_pathological_input_at_most_about_doubles_the_time() -> None:
    _best_seconds(_pathological(2), runs=1)  # load the models first
    small = _best_seconds(_pathological(8))  # ~6,000 characters
    large = _best_seconds(_pathological(16))
    # Linear gives 2; the quadratic tokenizer gave 4 and more. A generous margin for a busy
    # machine: ratios, not absolute times.
    assert large / small < 3.0, (small, large)
