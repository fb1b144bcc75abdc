"""Reading inputs: every kind of bad input gets one clear error and never stops the batch."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.errors import (
    ArticleEmpty,
    ArticleTooLarge,
    ArticleUnreadable,
    InputError,
    RecordMalformed,
)
from newsevents.records import Article
from newsevents.text.read import MAX_ARTICLE_BYTES, ReadOptions, iter_articles, parse_date


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
