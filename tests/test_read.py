"""Reading inputs: every kind of bad input gets one clear error and never stops the batch."""

from __future__ import annotations

import io
import json
import os
import time
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
from newsevents.text.read import (
    MAX_ARTICLE_BYTES,
    MAX_RECORD_BYTES,
    READ_CHUNK_BYTES,
    ReadOptions,
    iter_articles,
    parse_date,
    read_stream,
)


def _read(*paths: Path) -> list[Article | InputError]:
    return list(iter_articles([str(p) for p in paths], ReadOptions()))


def test_text_file_becomes_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Die Regierung hat am Montag beraten.", encoding="utf-8")
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text.startswith("Die Regierung")
    assert article.origin == str(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [error] = _read(path)
    assert isinstance(error, ArticleEmpty)
    assert str(path) in str(error) and "no text" in str(error)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [error] = _read(path)
    assert isinstance(error, ArticleUnreadable)
    assert "binary" in str(error) and str(path) in str(error)


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gespräche in Köln".encode("latin-1"))
    [error] = _read(path)
    assert isinstance(error, ArticleUnreadable)
    assert "invalid UTF-8 at byte 5" in str(error)


def test_huge_text_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Wort " * (50 * 1024 * 1024 // 5))
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    [error] = _read(path)
    assert isinstance(error, ArticleTooLarge)
    assert "52.4 MB" in str(error) and "limit" in str(error)


def test_malformed_jsonl_line_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "Erster Artikel über Gespräche.", "published": "2024-01-02"}),
        '{"text": "kaputt", ',
        json.dumps({"title": "ohne Text"}),
        json.dumps({"text": "Dritter Artikel.", "language": "de"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == [
        "Article",
        "RecordMalformed",
        "RecordMalformed",
        "Article",
    ]
    assert f"{path}:2" in str(items[1]) and "invalid JSON" in str(items[1])
    assert f"{path}:3" in str(items[2]) and "'text'" in str(items[2])
    first = items[0]
    assert isinstance(first, Article) and first.published is not None
    assert first.published.isoformat() == "2024-01-02"


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav>Menü</nav></body></html>")
    [error] = _read(path)
    assert isinstance(error, ArticleEmpty)
    assert "HTML page has no main text" in str(error)


def test_html_main_text_and_metadata() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "de-wien-kundgebung.html"
    [article] = _read(example)
    assert isinstance(article, Article)
    assert "Sparpaket" in article.text and "Impressum" not in article.text
    assert article.published is not None and article.published.isoformat() == "2024-02-10"
    assert article.title and "Wien" in article.title


def test_folder_is_read_recursively_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Zweiter Text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Erster Text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Versteckt.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = _read(tmp_path)
    assert [Path(i.origin).name for i in items if isinstance(i, Article)] == ["a.txt", "b.txt"]


def test_missing_path() -> None:
    [error] = list(iter_articles(["/no/such/file.txt"], ReadOptions()))
    assert isinstance(error, ArticleUnreadable) and "no such file" in str(error)


def test_bad_published_date_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Text.", "published": "gestern"}) + "\n")
    [error] = _read(path)
    assert isinstance(error, RecordMalformed) and "published" in str(error)


def test_parse_date_accepts_datetimes() -> None:
    assert str(parse_date("2023-11-17T08:30:00Z", "x")) == "2023-11-17"
    assert parse_date(None, "x") is None


# -- the reader boundary: every source checked once (issue 12) -------------------------------
def test_lone_surrogate_in_json_is_an_error_of_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "Verhandlungen \\ud800 in Wien."}\n'
        '{"text": "Gut.", "title": "Titel \\udfff"}\n'
        '{"text": "Russland und China verhandeln."}\n',
        encoding="utf-8",
    )
    items = _read(path)
    assert [type(i).__name__ for i in items] == [
        "ArticleUnreadable",
        "ArticleUnreadable",
        "Article",
    ]
    assert f"{path}:1: text holds a lone surrogate U+D800" in str(items[0])
    assert "title holds a lone surrogate U+DFFF" in str(items[1])


def test_lone_surrogate_in_a_json_list(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"text": "A \\ud83d b"}, {"text": "Zweiter Text."}]', encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, ArticleUnreadable) and f"{path}[1]" in str(first)
    assert isinstance(second, Article)


def test_nul_anywhere_is_refused(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes(b"Ein Text. " * 2000 + b"\x00" + b"Mehr Text.")  # NUL after 20 KB
    in_json = tmp_path / "nul.jsonl"
    in_json.write_text('{"text": "vor \\u0000 nach"}\n', encoding="utf-8")
    [error] = _read(late)
    assert isinstance(error, ArticleUnreadable) and "NUL" in str(error) and "20000" in str(error)
    [error] = _read(in_json)
    assert isinstance(error, ArticleUnreadable) and "NUL character at 4" in str(error)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    items = list(iter_articles([str(fifo), "/dev/zero", "/dev/null"], ReadOptions()))
    assert time.perf_counter() - started < 2  # nothing blocks on a FIFO without a writer
    assert [type(i).__name__ for i in items] == ["ArticleUnreadable"] * 3
    assert "a FIFO" in str(items[0]) and "a character device" in str(items[1])


class CountingStream(io.RawIOBase):
    """An endless stream of text that counts the bytes read from it."""

    def __init__(self, unit: bytes) -> None:
        self.unit = unit
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        data = (self.unit * (size // len(self.unit) + 1))[:size]
        buffer[:size] = data
        self.read_bytes += size
        return size


def test_stdin_is_read_in_bounded_chunks_and_refused_at_the_limit() -> None:
    stream = CountingStream(b"Endloser Text ohne Ende. ")
    [error] = list(read_stream(stream, "<stdin>", ReadOptions()))  # type: ignore[arg-type]
    assert isinstance(error, ArticleTooLarge) and "<stdin>" in str(error)
    assert stream.read_bytes <= MAX_ARTICLE_BYTES + 2 * READ_CHUNK_BYTES + 8192  # not 50 MB


def test_stdin_jsonl_is_streamed_line_by_line_and_a_huge_line_skipped() -> None:
    good = json.dumps({"text": "Polen und Litauen haben verhandelt."}).encode()
    huge = b'{"text": "' + b"x" * (MAX_RECORD_BYTES + 10) + b'"}'
    data = b"  \n" + good + b"\n" + huge + b"\n" + good.replace(b"Polen", b"Ungarn") + b"\n"
    items = list(read_stream(io.BytesIO(data), "<stdin>", ReadOptions()))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleTooLarge", "Article"]
    assert "<stdin>:3: line is over" in str(items[1])


def test_every_source_has_the_same_size_limit(tmp_path: Path) -> None:
    text = "Wort " * (MAX_ARTICLE_BYTES // 5 + 10)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [error] = _read(path)
    assert isinstance(error, ArticleTooLarge) and "over the 5.2 MB limit" in str(error)
    [error] = list(read_stream(io.BytesIO(text.encode()), "<stdin>", ReadOptions()))
    assert isinstance(error, ArticleTooLarge)


def test_html_nested_deeper_than_lxml_reads_still_gives_its_text(tmp_path: Path) -> None:
    body = (
        "<p>Die Regierungen Polens und Litauens haben am Montag in Vilnius über die "
        "Sicherheit an der Grenze beraten.</p>"
    )
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><title>Tief</title></head><body>"
        + "<div>" * 400
        + body
        + "</div>" * 400
        + "<script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text.startswith("Die Regierungen Polens") and "var x" not in article.text
    assert article.title == "Tief"
