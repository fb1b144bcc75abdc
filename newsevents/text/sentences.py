"""Stage 4, sentences and tokens: quote-aware sentence splitting with character offsets.

A sentence never ends inside a quotation, and a quotation followed by its attribution
(„…“ heißt es; "…," he said) stays one sentence, so statements keep their speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.records import Article, Sentence

# Closing mark expected for each opening mark. “ opens in English and closes German „…“.
QUOTE_PAIRS = {"„": "“", "»": "«", "«": "»", "“": "”", "‚": "‘", '"': '"', "‘": "’"}
QUOTE_ALT_CLOSE = {"„": "”", "“": '"'}  # sloppy typography: „…” and “…"
CLOSING_MARKS = set("“”«»‘’\"')]")
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?…]+")
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass(slots=True, frozen=True)
class SentenceRules:
    """What a language's profile says about sentence ends."""

    abbreviations: frozenset[str]  # lower case, no final period: "bzw", "dr", "u.s"
    ordinal_dot: bool = False  # "am 16. November": a number's period is no sentence end


@dataclass(slots=True, frozen=True)
class Token:
    """A word or punctuation mark with its character offsets."""

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into word and punctuation tokens, offsets shifted by `offset`."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation in a paragraph, marks included; unclosed ones run to end."""
    ranges: list[tuple[int, int]] = []
    opener: str | None = None
    start = 0
    for i, char in enumerate(text):
        if opener is None:
            if char in QUOTE_PAIRS and (char != '"' or _opens_ascii(text, i)):
                opener, start = char, i
        elif char == QUOTE_PAIRS[opener] or char == QUOTE_ALT_CLOSE.get(opener):
            ranges.append((start, i + 1))
            opener = None
    if opener is not None:
        ranges.append((start, len(text)))
    return ranges


def _opens_ascii(text: str, i: int) -> bool:
    # An ASCII quote opens when it starts a word: at the start or after space/bracket.
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{-–—:"


def _ends_sentence(text: str, dot: int, after: int, rules: SentenceRules) -> bool:
    """Whether the punctuation ending at `dot` (exclusive `after`) closes a sentence."""
    rest = text[after:].lstrip(" ")
    if not rest:
        return True
    first = rest[0]
    if not (first.isupper() or first.isdigit() or first in QUOTE_PAIRS or first in "(–-"):
        return False
    if text[dot] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, dot - 40), dot)
    if not word:
        return True
    token = word.group(1)
    if token.lower().rstrip(".") in rules.abbreviations:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. Smith"
    # German ordinals: "am 16. November", "die 10. Sitzung".
    return not (rules.ordinal_dot and token.isdigit() and len(token) <= 3)


def split_sentences(text: str, start: int, end: int, rules: SentenceRules) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text[start:end]`."""
    chunk = text[start:end]
    quotes = _quote_ranges(chunk)
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(chunk):
        stop = match.end()
        if any(q_start < match.start() < q_end - 1 for q_start, q_end in quotes):
            continue
        while stop < len(chunk) and chunk[stop] in CLOSING_MARKS:
            stop += 1
        if any(q_start < match.start() < q_end for q_start, q_end in quotes) and stop < len(chunk):
            # A quote closing with its own period: the sentence goes on if attribution follows.
            nxt = chunk[stop:].lstrip()
            if nxt[:1].islower() or nxt[:1] in ",;":
                continue
        if _ends_sentence(chunk, match.start(), stop, rules):
            spans.append((begin, stop))
            begin = stop
    spans.append((begin, len(chunk)))
    result = []
    for s, e in spans:
        piece = chunk[s:e]
        stripped = piece.strip()
        if stripped:
            offset = s + piece.index(stripped[0])
            result.append((start + offset, start + offset + len(stripped)))
    return result


def split(article: Article, rules: SentenceRules) -> Article:
    """Split each non-repeated paragraph into sentences."""
    article.sentences = []
    for paragraph in article.paragraphs:
        if paragraph.duplicate_of is not None:
            continue
        for s, e in split_sentences(article.text, paragraph.start, paragraph.end, rules):
            article.sentences.append(Sentence(len(article.sentences), s, e, paragraph.index))
    return article
