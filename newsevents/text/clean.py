"""Stage 2, clean: normalise the text, split paragraphs, mark repeats and clutter, hash.

Repeated paragraphs and page clutter (teaser and link lists, portal phrases, share prompts;
see text/boilerplate.py) stay in the text, so offsets keep pointing at the original
characters, but are marked (`duplicate_of`, `boilerplate`); later stages skip them, so the
article is analysed once and its clutter not at all.

Two bounds keep the cost of the stages after this one linear in the input: a run of one
character longer than `MAX_CHAR_RUN` is cut to that length (8,000 „ in a row made spaCy's
tokenizer take 10 s), and a paragraph longer than `MAX_PARAGRAPH_CHARS` is split at a line
break, a sentence end or a space near that length.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from newsevents.records import Article, Paragraph
from newsevents.text.boilerplate import BoilerplateRules, find_boilerplate

MIN_DUPLICATE_CHARS = 30  # shorter repeated lines ("Foto: dpa") are boilerplate, not content
MAX_CHAR_RUN = 40  # a longer run of one character ("-----", "„„„„") is cut to this length
MAX_PARAGRAPH_CHARS = 20_000  # ~3,000 words; the longest 10kGNAD article is 32,600 characters
# Invisible characters that break matching but carry no content.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Same-width replacements: keep offsets stable between raw and clean text where possible.
# (str.replace, not str.translate: translate takes seconds on megabytes of non-ASCII text.)
_SPACES = ("\u00a0", "\u2009", "\u202f", "\u2007", "\t")
_BLANK_LINE = re.compile(r"\n[ ]*\n")
_RUN = re.compile(rf"([^\n])\1{{{MAX_CHAR_RUN},}}")
_PARAGRAPH_CUTS = ("\n", ". ", "! ", "? ", "; ", " ")  # where an over-long paragraph is split


def normalize_text(text: str) -> str:
    """NFC, unified line ends, no invisible characters, plain spaces, no endless runs."""
    return _normalize(text)[0]


def _normalize(text: str) -> tuple[str, int]:
    """The normalised text and the number of character runs cut."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    for space in _SPACES:
        text = text.replace(space, " ")
    return _RUN.subn(lambda m: m.group(1) * MAX_CHAR_RUN, text)


def content_key(text: str) -> str:
    """A whitespace- and case-insensitive form of a text, for hashing and comparing."""
    return " ".join(text.split()).casefold()  # split(): every Unicode space, as \s+ would


def content_hash(text: str) -> str:
    """Stable id of an article's content: 16 hex digits of SHA-256 over its content key."""
    return hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()[:16]


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: blocks between blank lines, or single lines when the text has no blank line;
    a block over `MAX_PARAGRAPH_CHARS` is split into several."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        for start, stop in _capped(text, position, end):
            paragraphs.append(Paragraph(len(paragraphs) + 1, start, stop))
        if match:
            position = match.end()
    return paragraphs


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stripped (start, end) pieces of `text[start:end]`, none over MAX_PARAGRAPH_CHARS."""
    pieces: list[tuple[int, int]] = []
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return pieces
        if end - start <= MAX_PARAGRAPH_CHARS:
            pieces.append((start, end))
            return pieces
        cut = _cut_point(text, start, start + MAX_PARAGRAPH_CHARS)
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop))
        start = cut


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece that may reach `limit`: after the last line break, sentence end or
    space in its second half, else at the limit."""
    floor = start + (limit - start) // 2
    for mark in _PARAGRAPH_CUTS:
        found = text.rfind(mark, floor, limit)
        if found >= 0:
            return found + 1  # after the break, the period or the space
    return limit


def mark_duplicates(text: str, paragraphs: list[Paragraph]) -> None:
    """Set `duplicate_of` on every paragraph that repeats an earlier one word for word."""
    first_seen: dict[str, int] = {}
    for paragraph in paragraphs:
        if paragraph.boilerplate is not None:
            continue
        key = content_key(text[paragraph.start : paragraph.end])
        if len(key) < MIN_DUPLICATE_CHARS:
            continue
        if key in first_seen:
            paragraph.duplicate_of = first_seen[key]
        else:
            first_seen[key] = paragraph.index


def clean(article: Article, boilerplate: BoilerplateRules | None = None) -> Article:
    """Normalise text, split paragraphs, mark clutter and repeats, set the content hash id."""
    # 1. Normalise (and cut runs of one character); 2. paragraphs; 3. clutter; 4. repeats.
    article.text, runs = _normalize(article.text)
    article.paragraphs = split_paragraphs(article.text)
    if boilerplate is not None:
        article.paragraphs = find_boilerplate(article.text, article.paragraphs, boilerplate)
    mark_duplicates(article.text, article.paragraphs)
    # 5. The id: a hash of the content, so the same text is stored once.
    article.id = content_hash(article.text)
    if runs:
        article.notes.append(f"{runs} runs of one character cut to {MAX_CHAR_RUN}")
    clutter = Counter(p.boilerplate for p in article.paragraphs if p.boilerplate)
    if clutter:
        kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(clutter.items()))
        article.notes.append(f"{sum(clutter.values())} boilerplate paragraphs skipped ({kinds})")
    repeats = article.duplicate_pairs()
    if repeats:
        article.notes.append(f"{len(repeats)} repeated paragraphs analysed once")
    return article
