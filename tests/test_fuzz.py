"""Fuzzing the reader boundary and the pipeline (issue 12): whatever the bytes, the metadata or
the dates, reading yields an Article or an InputError, and processing an article raises
nothing (StageFailed would name a bug in a stage)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.errors import InputError
from newsevents.pipeline import Pipeline
from newsevents.records import Article
from newsevents.text.read import ReadOptions, iter_articles, read_stream

# Every code point, lone surrogates and NUL included: JSON can spell them all.
ANY_CHAR = st.characters(blacklist_categories=())
WORDS = st.sampled_from(
    [
        "Deutschland", "Frankreich", "beraten", "am Dienstag", "morgen", "nächsten Monat",
        "Germany", "met", "on Tuesday", "next week", "„", "“", "‘", "’", '"', "«", "»", ".",
        ",", ";", "\n", "\n\n", " ", "Mehr auf", "Lesen Sie auch:", "\x00", "\ud800", "\u200b",
    ]
)  # fmt: skip
NEWSY = st.lists(WORDS, max_size=40).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(ANY_CHAR, max_size=200))
DATES = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "0000-00-00", "gestern", "", "2024-02-30"]),
    st.none(),
)
RECORD = st.fixed_dictionaries(
    {"text": TEXT},
    optional={
        "title": st.one_of(TEXT, st.integers()),
        "published": DATES,
        "language": st.sampled_from(["de", "en", "German", "xx", "\ud800"]),
        "url": TEXT,
    },
)
TAGS = st.sampled_from(["div", "p", "span", "article", "script", "nav", "b"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page whose text is wrapped in a random, sometimes very deep, nesting of tags."""
    tags = draw(st.lists(TAGS, max_size=5)) * draw(st.sampled_from([1, 2, 80]))
    body = draw(TEXT)
    return (
        "<html><body>"
        + "".join(f"<{t}>" for t in tags)
        + body
        + "".join(f"</{t}>" for t in reversed(tags))
        + "</body></html>"
    )


INPUTS = st.one_of(
    st.tuples(st.just(".txt"), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".txt"), st.binary(max_size=300)),
    st.tuples(
        st.just(".jsonl"),
        st.lists(RECORD, max_size=3).map(lambda rs: "\n".join(map(json.dumps, rs)).encode()),
    ),
    st.tuples(st.just(".json"), RECORD.map(lambda r: json.dumps(r).encode())),
    st.tuples(st.just(".html"), html_pages().map(lambda h: h.encode("utf-8", "surrogatepass"))),
)


def _check(items: list[Article | InputError]) -> list[Article]:
    for item in items:
        assert isinstance(item, Article | InputError), type(item)
        if isinstance(item, InputError):
            assert item.origin and item.problem and "\n" not in item.problem
    return [i for i in items if isinstance(i, Article)]


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INPUTS, DATES)
def test_reading_any_input_yields_articles_or_input_errors(
    source: tuple[str, bytes], published: str | None
) -> None:
    suffix, data = source
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        _check(list(iter_articles([str(path)], ReadOptions())))
    _check(list(read_stream(io.BytesIO(data), "<stdin>", ReadOptions())))


@functools.cache
def _pipeline() -> Pipeline:
    return Pipeline()


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORD, min_size=1, max_size=1), st.sampled_from(["de", "en", None]))
def test_processing_any_article_raises_nothing(
    records: list[dict[str, object]], language: str | None
) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode()
    for article in _check(
        list(read_stream(io.BytesIO(data), "<stdin>", ReadOptions(language=language)))
    ):
        processed = _pipeline()(article)
        assert processed.id and all(s.end - s.start <= 600 for s in processed.sentences)
