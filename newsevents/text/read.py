"""Stage 1, read: turn files, folders, JSON records and stdin into Article records.

Each input yields either an Article or an InputError naming the input and the problem, so one
bad file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import (
    ArticleEmpty,
    ArticleTooLarge,
    ArticleUnreadable,
    InputError,
    RecordMalformed,
)
from newsevents.records import Article

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # 5 MiB: ~100x a long article; larger text is not news
MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024  # 2 GiB per JSONL file, read line by line
BINARY_SNIFF_BYTES = 8192  # a NUL byte in the first 8 KiB marks a binary file
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MIN_HTML_WORDS = 5  # fewer words extracted from a page means menus and footers, not an article


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """Defaults applied to every article read: publication date and language."""

    published: dt.date | None = None
    language: str | None = None


def parse_date(value: object, origin: str) -> dt.date | None:
    """Parse an ISO date or datetime ("2023-11-17", "2023-11-17T08:00:00Z") or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise RecordMalformed(origin, f"'published' is not an ISO date: {text!r}") from exc


def iter_articles(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every input named by `paths` ('-' is stdin)."""
    options = options or ReadOptions()
    for name in paths:
        if name == "-":
            yield from _read_stdin(options)
            continue
        path = Path(name)
        if not path.exists():
            yield ArticleUnreadable(name, "no such file or directory")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for file in files:
                if file.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield from read_file(file, options)
                else:
                    log.info("skipping %s: unsupported file type", file)
        else:
            yield from read_file(path, options)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """Read one file by its suffix: text, HTML or JSON/JSONL records."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSON_SUFFIXES:
            yield from _read_json_file(path, options)
            return
        data = _read_bytes(path)
        if suffix in HTML_SUFFIXES:
            yield article_from_html(data, origin, options)
        else:
            yield article_from_text_bytes(data, origin, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield ArticleUnreadable(origin, f"cannot read file: {exc.strerror or exc}")


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(
            str(path),
            f"file is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES / 1e6:.1f} MB limit",
        )
    return path.read_bytes()


def decode_text(data: bytes, origin: str) -> str:
    """Decode UTF-8 bytes, refusing binary data with a clear error."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ArticleUnreadable(origin, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleUnreadable(
            origin, f"invalid UTF-8 at byte {exc.start}: {data[exc.start : exc.start + 4]!r}"
        ) from exc


def article_from_text_bytes(data: bytes, origin: str, options: ReadOptions) -> Article:
    """Build an Article from the bytes of a plain-text file."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(origin, f"text is {len(data) / 1e6:.1f} MB, over the limit")
    text = decode_text(data, origin)
    return make_article(text, origin, options)


def make_article(
    text: str,
    origin: str,
    options: ReadOptions,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
) -> Article:
    """Build an Article from text and metadata; explicit metadata beats the options' defaults."""
    if not text.strip():
        raise ArticleEmpty(origin, "no text (empty or whitespace only)")
    return Article(
        text=text,
        origin=origin,
        title=title,
        url=url,
        source=source,
        published=published or options.published,
        language=language or options.language,
    )


def article_from_html(data: bytes, origin: str, options: ReadOptions) -> Article:
    """Extract main text and metadata from an HTML page with trafilatura."""
    import trafilatura  # imported here: loading it costs ~0.3 s and plain text needs none of it

    html = decode_text(data, origin)
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    doc: dict[str, Any] = {}
    if result is not None:
        doc = result if isinstance(result, dict) else result.as_dict()
    text = (doc.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:
        raise ArticleEmpty(origin, "HTML page has no main text")
    return make_article(
        text,
        origin,
        options,
        title=doc.get("title") or None,
        url=doc.get("url") or None,
        source=doc.get("sitename") or doc.get("hostname") or None,
        published=parse_date(doc.get("date"), origin) if doc.get("date") else None,
        language=doc.get("language") or None,
    )


def article_from_record(record: object, origin: str, options: ReadOptions) -> Article:
    """Build an Article from one JSON object: `text` plus optional title, url, published, ..."""
    if not isinstance(record, dict):
        raise RecordMalformed(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordMalformed(origin, "record has no string field 'text'")
    for key in ("title", "url", "language", "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise RecordMalformed(origin, f"field '{key}' must be a string")
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(origin, "record text is over the size limit")
    return make_article(
        text,
        origin,
        options,
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
        published=parse_date(record.get("published"), origin),
        language=record.get("language"),
    )


def iter_json_lines(path: Path) -> Iterator[tuple[str, object | InputError]]:
    """Yield (origin, parsed object or error) for each non-blank line of a JSONL file."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield origin, ArticleUnreadable(origin, f"invalid UTF-8 at byte {exc.start}")
                continue
            try:
                yield origin, json.loads(line)
            except json.JSONDecodeError as exc:
                yield (
                    origin,
                    RecordMalformed(origin, f"invalid JSON: {exc.msg} (column {exc.colno})"),
                )


def _read_json_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    origin = str(path)
    if path.suffix.lower() == ".json":
        text = decode_text(_read_bytes(path), origin)
        if not text.strip():
            raise ArticleEmpty(origin, "empty JSON file")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordMalformed(origin, f"invalid JSON: {exc.msg} (line {exc.lineno})") from exc
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, start=1):
            item_origin = f"{origin}[{number}]" if isinstance(data, list) else origin
            yield _guarded(record, item_origin, options)
        return
    if path.stat().st_size == 0:
        raise ArticleEmpty(origin, "empty JSONL file")
    for item_origin, parsed in iter_json_lines(path):
        yield parsed if isinstance(parsed, InputError) else _guarded(parsed, item_origin, options)


def _guarded(record: object, origin: str, options: ReadOptions) -> Article | InputError:
    try:
        return article_from_record(record, origin, options)
    except InputError as exc:
        return exc


def _read_stdin(options: ReadOptions) -> Iterator[Article | InputError]:
    data = sys.stdin.buffer.read()
    try:
        text = decode_text(data, "<stdin>")
    except InputError as exc:
        yield exc
        return
    stripped = text.lstrip()
    if stripped.startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            origin = f"<stdin>:{number}"
            try:
                yield _guarded(json.loads(line), origin, options)
            except json.JSONDecodeError as exc:
                yield RecordMalformed(origin, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    try:
        yield make_article(text, "<stdin>", options)
    except InputError as exc:
        yield exc
