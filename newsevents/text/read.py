"""Stage 1, read: turn files, folders, JSON records and stdin into Article records.

Each input yields either an Article or an InputError naming the input and the problem, so one
bad input never stops a batch. Every source meets the same checks, in one place:

- only regular files and standard input are read (a FIFO or a device is refused unopened for
  reading, so it cannot block or fill memory);
- bytes are read in bounded chunks, and an input over `MAX_ARTICLE_BYTES` is refused as soon as
  the limit is passed (standard input too: nothing larger is ever held in memory);
- `make_article`, which every source goes through (files, stdin, JSON, POST /articles), checks
  the text once: at most `MAX_ARTICLE_BYTES` as UTF-8, no NUL character, no lone surrogate
  (JSON can spell "\\ud800", which no encoding can store).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from newsevents.errors import (
    ArticleEmpty,
    ArticleTooLarge,
    ArticleUnreadable,
    InputError,
    RecordMalformed,
)
from newsevents.records import Article

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # 5 MiB of text (UTF-8) per article, whatever the source
# One JSON record (a JSONL line, a .json file) may be larger than its text: escapes ("\u00e4"
# is 6 bytes for 2) and metadata. Its text is then held to MAX_ARTICLE_BYTES.
MAX_RECORD_BYTES = 2 * MAX_ARTICLE_BYTES
READ_CHUNK_BYTES = 64 * 1024  # bytes per read() call
MAX_METADATA_CHARS = 2000  # title, url, source, language of a record
STDIN = "<stdin>"
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MIN_HTML_WORDS = 5  # fewer words extracted from a page means menus and footers, not an article
_UTF8_BOM = b"\xef\xbb\xbf"
_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


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
        raise RecordMalformed(origin, f"'published' is not an ISO date: {text[:40]!r}") from exc


# -- the one check of every text -------------------------------------------------------------
def check_text(text: str, origin: str, field: str = "text") -> None:
    """Raise an InputError unless `text` can be stored: encodable, no NUL, within the limit."""
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleUnreadable(origin, f"{field} holds a NUL character at {nul}: binary, not text")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise ArticleUnreadable(
            origin,
            f"{field} holds a lone surrogate U+{ord(text[exc.start]):04X} at {exc.start}: "
            "not valid Unicode",
        ) from None
    if size > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(origin, f"{field} is {size / 1e6:.1f} MB, {_over_limit()}")


def _over_limit() -> str:
    return f"over the {MAX_ARTICLE_BYTES / 1e6:.1f} MB limit for one article"


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
    """Build an Article from text and metadata; explicit metadata beats the options' defaults.

    Every source passes here, so this is where a text is checked (`check_text`).
    """
    check_text(text, origin)
    for name, value in (("title", title), ("url", url), ("source", source)):
        if value is not None:
            check_text(value, origin, name)
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


# -- paths -------------------------------------------------------------------------------------
def iter_articles(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every input named by `paths` ('-' is stdin)."""
    options = options or ReadOptions()
    for name in paths:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, STDIN, options)
            continue
        path = Path(name)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:  # a path too long, a name the OS refuses
            yield ArticleUnreadable(name, f"cannot read: {exc.strerror or exc}")
            continue
        if not exists:
            yield ArticleUnreadable(name, "no such file or directory")
        elif is_dir:
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
    try:
        with open_regular(path, origin) as handle:
            suffix = path.suffix.lower()
            if suffix == ".json":
                yield from _read_json_document(handle, origin, options)
            elif suffix in JSON_SUFFIXES:
                yield from _read_json_lines(handle, origin, options, empty="empty JSONL file")
            elif suffix in HTML_SUFFIXES:
                yield article_from_html(read_limited(handle, origin), origin, options)
            else:
                yield article_from_text_bytes(read_limited(handle, origin), origin, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield ArticleUnreadable(origin, f"cannot read file: {exc.strerror or exc}")


def open_regular(path: Path, origin: str) -> BinaryIO:
    """Open a regular file for reading; anything else (FIFO, device, socket) is refused.

    The file is opened without blocking, so a FIFO with no writer is refused at once instead
    of waiting forever, and its type is checked on the open descriptor (no race with a rename).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        for test, kind in _FILE_KINDS:
            if test(info.st_mode):
                raise ArticleUnreadable(origin, f"not a regular file but {kind}; not read")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleUnreadable(origin, "not a regular file; not read")
        limit = _file_limit(path)
        if limit is not None and info.st_size > limit:
            raise ArticleTooLarge(origin, f"file is {info.st_size / 1e6:.1f} MB, {_over_limit()}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_limit(path: Path) -> int | None:
    """The most bytes a file may have: a .json document holds records, a JSONL file is
    bounded line by line (None), any other file is one article."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return MAX_RECORD_BYTES
    return None if suffix in JSON_SUFFIXES else MAX_ARTICLE_BYTES


def read_limited(handle: BinaryIO, origin: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """Every byte of a stream, read in chunks; ArticleTooLarge as soon as it passes `limit`."""
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(min(READ_CHUNK_BYTES, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ArticleTooLarge(
                origin, f"over the {limit / 1e6:.1f} MB limit for one input; read no further"
            )
    return b"".join(chunks)


def decode_text(data: bytes, origin: str) -> str:
    """Decode UTF-8 bytes, refusing binary data (a NUL byte anywhere) with a clear error."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleUnreadable(origin, f"binary file (contains NUL bytes, first at byte {nul})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleUnreadable(
            origin, f"invalid UTF-8 at byte {exc.start}: {data[exc.start : exc.start + 4]!r}"
        ) from exc


def article_from_text_bytes(data: bytes, origin: str, options: ReadOptions) -> Article:
    """Build an Article from the bytes of a plain-text file."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(origin, f"text is {len(data) / 1e6:.1f} MB, {_over_limit()}")
    return make_article(decode_text(data, origin), origin, options)


def article_from_html(data: bytes, origin: str, options: ReadOptions) -> Article:
    """Extract main text and metadata from an HTML page (trafilatura; see text/html.py)."""
    from newsevents.text.html import extract_html

    doc = extract_html(decode_text(data, origin))
    text = (doc.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:
        raise ArticleEmpty(origin, "HTML page has no main text")
    return make_article(
        text,
        origin,
        options,
        title=_short(doc.get("title")),
        url=_short(doc.get("url")),
        source=_short(doc.get("sitename") or doc.get("hostname")),
        published=parse_date(doc.get("date"), origin) if doc.get("date") else None,
        language=_short(doc.get("language")),
    )


def _short(value: object) -> str | None:
    return str(value)[:MAX_METADATA_CHARS] if value else None


# -- JSON records ------------------------------------------------------------------------------
def article_from_record(record: object, origin: str, options: ReadOptions) -> Article:
    """Build an Article from one JSON object: `text` plus optional title, url, published, ..."""
    if not isinstance(record, dict):
        raise RecordMalformed(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordMalformed(origin, "record has no string field 'text'")
    for key in ("title", "url", "language", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise RecordMalformed(origin, f"field '{key}' must be a string")
        if isinstance(value, str) and len(value) > MAX_METADATA_CHARS:
            raise RecordMalformed(origin, f"field '{key}' is over {MAX_METADATA_CHARS} characters")
    language = record.get("language")
    if language is not None:
        check_text(language, origin, "language")
    return make_article(
        text,
        origin,
        options,
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
        published=parse_date(record.get("published"), origin),
        language=language,
    )


def _guarded(record: object, origin: str, options: ReadOptions) -> Article | InputError:
    try:
        return article_from_record(record, origin, options)
    except InputError as exc:
        return exc


def _parse_json(raw: bytes, origin: str) -> object:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleUnreadable(origin, f"invalid UTF-8 at byte {exc.start}") from exc
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordMalformed(
            origin, f"invalid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})"
        ) from exc
    except RecursionError as exc:  # [[[[...]]]] nested deeper than the parser's stack
        raise RecordMalformed(origin, "invalid JSON: nested too deeply") from exc


def _read_json_document(
    handle: BinaryIO, origin: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    """A .json file: one record or a list of records."""
    data = read_limited(handle, origin, MAX_RECORD_BYTES)
    if not data.strip():
        raise ArticleEmpty(origin, "empty JSON file")
    parsed = _parse_json(data, origin)
    records = parsed if isinstance(parsed, list) else [parsed]
    for number, record in enumerate(records, start=1):
        item_origin = f"{origin}[{number}]" if isinstance(parsed, list) else origin
        yield _guarded(record, item_origin, options)


def bounded_lines(handle: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[bytes | None]:
    """Each line of a stream, or None for a line over `limit` bytes, which is skipped unread
    into memory (only `READ_CHUNK_BYTES` of it are held at a time)."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(READ_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _read_json_lines(
    handle: BinaryIO, origin: str, options: ReadOptions, empty: str
) -> Iterator[Article | InputError]:
    """JSONL: one record per line; a bad line is an error of its own and the rest go on."""
    seen = False
    for number, raw in enumerate(bounded_lines(handle), start=1):
        item_origin = f"{origin}:{number}"
        if raw is None:
            seen = True
            yield ArticleTooLarge(
                item_origin, f"line is over {MAX_RECORD_BYTES / 1e6:.1f} MB; skipped"
            )
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            yield _guarded(_parse_json(raw, item_origin), item_origin, options)
        except InputError as exc:
            yield exc
    if not seen:
        yield ArticleEmpty(origin, empty)


# -- standard input ----------------------------------------------------------------------------
def read_stream(
    handle: BinaryIO, origin: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    """Standard input (or any stream): JSONL when its first character is '{', else one text.

    JSONL is read line by line, each line bounded; a text is read up to the size limit and
    refused there, unread beyond it.
    """
    # A buffered reader can peek at the first byte without consuming it.
    peekable = (
        handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(cast(Any, handle))
    )
    reader = cast(BinaryIO, peekable)
    try:
        first = _first_byte(peekable, origin)
        if first == b"{":
            yield from _read_json_lines(reader, origin, options, empty="no input")
        else:
            yield article_from_text_bytes(read_limited(reader, origin), origin, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield ArticleUnreadable(origin, f"cannot read: {exc.strerror or exc}")


def _first_byte(reader: io.BufferedReader[Any], origin: str) -> bytes:
    """The first byte that is not white space or a byte-order mark, without consuming it
    (the white space before it is consumed, at most the size limit of it)."""
    skipped = 0
    while head := reader.peek(READ_CHUNK_BYTES):
        stripped = head.removeprefix(_UTF8_BOM).lstrip() if skipped == 0 else head.lstrip()
        if stripped:
            return stripped[:1]
        reader.read(len(head))
        skipped += len(head)
        if skipped > MAX_ARTICLE_BYTES:
            raise ArticleTooLarge(origin, f"only white space, {_over_limit()}")
    return b""
