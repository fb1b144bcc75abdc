"""Cleaning: normalisation, paragraphs, repeated paragraphs, content hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.records import Article
from newsevents.text.clean import clean, content_hash, normalize_text, split_paragraphs


def test_repeated_paragraphs_are_marked_once() -> None:
    block = [
        "Der erste Absatz berichtet über die Verhandlungen.",
        "Der zweite Absatz nennt die Teilnehmer der Gespräche.",
    ]
    text = "\n".join(["Überschrift der Meldung mit genug Zeichen.", *block, *block, "Schluss."])
    article = clean(Article(text=text))
    assert article.duplicate_pairs() == [(2, 4), (3, 5)]
    assert article.notes == ["2 repeated paragraphs analysed once"]


def test_blank_lines_separate_paragraphs_when_present() -> None:
    paragraphs = split_paragraphs("Eins\nnoch eins\n\nZwei")
    assert [(p.start, p.end) for p in paragraphs] == [(0, 14), (16, 20)]


def test_hash_ignores_whitespace_and_case() -> None:
    assert content_hash("Ein  Text\n") == content_hash("ein text")
    assert content_hash("Ein Text") != content_hash("Ein anderer Text")


def test_normalize_removes_invisible_characters() -> None:
    assert normalize_text("Ge\u00adspräch\u00a0heute\r\n") == "Gespräch heute\n"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_paragraph_offsets_point_into_the_text(text: str) -> None:
    text = normalize_text(text)
    for paragraph in split_paragraphs(text):
        piece = text[paragraph.start : paragraph.end]
        assert piece == piece.strip() and piece
