"""Stage 2, clean: normalise the text, split paragraphs, find repeated paragraphs, hash.

Repeated paragraphs stay in the text (so offsets keep pointing at the original characters) but
are marked `duplicate_of`; later stages skip them, so the article is analysed once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from newsevents.records import Article, Paragraph

MIN_DUPLICATE_CHARS = 30  # shorter repeated lines ("Foto: dpa") are boilerplate, not content
# Invisible characters that break matching but carry no content.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Same-width replacements: keep offsets stable between raw and clean text where possible.
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})
_BLANK_LINE = re.compile(r"\n[ ]*\n")
_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, unified line ends, no invisible characters, plain spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_INVISIBLE).translate(_SPACES)


def content_key(text: str) -> str:
    """A whitespace- and case-insensitive form of a text, for hashing and comparing."""
    return _WS.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    """Stable id of an article's content: 16 hex digits of SHA-256 over its content key."""
    return hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()[:16]


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: blocks between blank lines, or single lines when the text has no blank line."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            start = position + block.index(stripped[0])
            paragraphs.append(Paragraph(len(paragraphs) + 1, start, start + len(stripped)))
        if match:
            position = match.end()
    return paragraphs


def mark_duplicates(text: str, paragraphs: list[Paragraph]) -> None:
    """Set `duplicate_of` on every paragraph that repeats an earlier one word for word."""
    first_seen: dict[str, int] = {}
    for paragraph in paragraphs:
        key = content_key(text[paragraph.start : paragraph.end])
        if len(key) < MIN_DUPLICATE_CHARS:
            continue
        if key in first_seen:
            paragraph.duplicate_of = first_seen[key]
        else:
            first_seen[key] = paragraph.index


def clean(article: Article) -> Article:
    """Normalise text, split paragraphs, mark repeats and set the content hash id."""
    article.text = normalize_text(article.text)
    article.paragraphs = split_paragraphs(article.text)
    mark_duplicates(article.text, article.paragraphs)
    article.id = content_hash(article.text)
    repeats = article.duplicate_pairs()
    if repeats:
        article.notes.append(f"{len(repeats)} repeated paragraphs analysed once")
    return article
