"""Stage 4, sentences and tokens: quote-aware sentence splitting with character offsets.

A sentence never ends inside a quotation, and a quotation followed by its attribution
(„…“ heißt es; "…," he said) stays one sentence, so statements keep their speaker. Quotes may
open and close with mixed marks („…", „…”, “…“); single marks (‚…‘, ‘…’) count only at the start
of a word and when closed soon after, so an apostrophe or a stray ‘ never swallows the rest of
a paragraph, and a quotation that is never closed is no quotation.

Bounds that keep every later stage's cost linear in the input (see pipeline.py):

- no sentence is longer than `MAX_SENTENCE_CHARS`: a longer one is split at its last clause
  boundary (; : – , or a space) before that length;
- a run of `MAX_WORD_CHARS` characters without a space that is mostly punctuation (spaCy's
  tokenizer is quadratic in such a run) is cut into pieces of its own;
- an article is split only up to `MAX_ANALYSED_TOKENS` tokens and `MAX_ANALYSED_CHARS`
  characters; the rest of its text is stored but not analysed, and the article is marked
  partial;
- a "sentence" of symbols or figures (`prose` is False) is not kept: it holds nothing to code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from newsevents.records import Article, Sentence

# Closing marks accepted for each opening mark: the proper one first, then sloppy typography
# („…" and „…”, “…" and “…“).
QUOTE_PAIRS = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "“": '”"“',
    '"': '"',
    "‚": "‘’",
    "‘": "’",
}
SINGLE_QUOTES = frozenset("‚‘")  # also apostrophes: they open only at a word's start
MAX_QUOTE_CHARS = 2000  # a quotation not closed within this many characters is none
MAX_SINGLE_QUOTE_CHARS = 300  # ‚…‘ and ‘…’ quote words and phrases, not paragraphs
CLOSING_MARKS = set("“”«»‘’\"')]")
MAX_SENTENCE_CHARS = 600  # news sentences are rarely over 300; longer ones are split
MIN_PIECE_CHARS = 200  # a clause split leaves at least this much before the cut
MAX_WORD_CHARS = 100  # a longer stretch without a space, mostly punctuation, is cut
MAX_ANALYSED_TOKENS = 12_000  # ~70,000 characters of news (2x the longest 10kGNAD article)
# Nothing past this offset is analysed either, so a text of repeats or symbols (skipped, and
# counted in no token) still ends its analysis here: ~3x the longest 10kGNAD article.
MAX_ANALYSED_CHARS = 100_000
MIN_LETTER_SHARE = 0.25  # a longer "sentence" with fewer letters is a table or symbols, not prose
MIN_PROSE_CHECK_CHARS = 20  # shorter sentences are kept whatever their letters
# Clause boundaries, strongest first: where an over-long sentence is split.
CLAUSE_BOUNDARIES = ("; ", ": ", " – ", " — ", " - ", ", ", " ")
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?…]+")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_WORD_LOOKBACK = 40  # characters searched back for the word before a period


@dataclass(slots=True, frozen=True)
class SentenceRules:
    """What a language's profile says about sentence ends."""

    abbreviations: frozenset[str]  # lower case, no final period: "bzw", "dr", "u.s"
    ordinal_dot: bool = False  # "am 16. November": a number's period is no sentence end
    decimal_point: bool = False  # "3.2 million": a period between two digits is no sentence end


@dataclass(slots=True, frozen=True)
class Token:
    """A word or punctuation mark with its character offsets."""

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into word and punctuation tokens, offsets shifted by `offset`."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def count_tokens(text: str, start: int, end: int) -> int:
    """How many tokens `text[start:end]` holds."""
    return sum(1 for _ in TOKEN_RE.finditer(text, start, end))


# -- quotations --------------------------------------------------------------------------------
def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every closed quotation in a paragraph, marks included, in order.

    Each opening mark looks up its nearest closing mark (binary search over the positions of
    each mark), so the cost is linear in the paragraph whatever its quotes.
    """
    positions: dict[str, list[int]] = {}
    for i, char in enumerate(text):
        if char in QUOTE_PAIRS or char in CLOSING_MARKS:
            positions.setdefault(char, []).append(i)
    openers = sorted(i for char in QUOTE_PAIRS for i in positions.get(char, ()))
    ranges: list[tuple[int, int]] = []
    free = 0  # the first index not inside a quotation found so far
    for i in openers:
        char = text[i]
        if i < free or not _opens(text, i, char):
            continue
        limit = i + (MAX_SINGLE_QUOTE_CHARS if char in SINGLE_QUOTES else MAX_QUOTE_CHARS)
        close = min(
            (_next(positions.get(mark, []), i) for mark in QUOTE_PAIRS[char]),
            default=None,
            key=lambda p: len(text) if p is None else p,
        )
        if close is not None and close < limit:
            ranges.append((i, close + 1))
            free = close + 1
    return ranges


def _next(positions: list[int], after: int) -> int | None:
    k = bisect_right(positions, after)
    return positions[k] if k < len(positions) else None


def _opens(text: str, i: int, char: str) -> bool:
    """Whether the mark at `i` can open a quotation."""
    if char == '"' or char in SINGLE_QUOTES:
        # ASCII and single marks open only at the start of a word: after a space or bracket,
        # and before a non-space ("Mira‘at" and "Hughes‘ " are apostrophes).
        before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{-–—:/„“"
        after_ok = i + 1 < len(text) and not text[i + 1].isspace()
        return before_ok and after_ok
    return True


def _containing(ranges: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether `offset` lies strictly inside a quotation (not on its closing mark)."""
    k = bisect_left(starts, offset) - 1
    return k >= 0 and ranges[k][0] < offset < ranges[k][1] - 1


def _around(ranges: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The indices of the opening and the closing mark of the quotation around `offset` (one
    `_containing` found)."""
    opening, end = ranges[bisect_left(starts, offset) - 1]
    return opening, end - 1


# -- sentence ends -----------------------------------------------------------------------------
def _next_char(text: str, position: int) -> str:
    while position < len(text) and text[position] == " ":
        position += 1
    return text[position] if position < len(text) else ""


def _word_before(text: str, dot: int) -> str:
    """The run of word characters and periods right before `dot` (at most 40)."""
    start = dot
    floor = max(0, dot - _WORD_LOOKBACK)
    while start > floor and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:dot]


def _ends_sentence(text: str, dot: int, after: int, rules: SentenceRules) -> bool:
    """Whether the punctuation ending at `dot` (exclusive `after`) closes a sentence."""
    first = _next_char(text, after)
    if not first:
        return True
    if not (first.isupper() or first.isdigit() or first in QUOTE_PAIRS or first in "(–-"):
        return False
    if text[dot] != ".":
        return True
    if rules.decimal_point and _between_digits(text, dot, after):
        return False
    token = _word_before(text, dot)
    if not token:
        return True
    if token.lower().rstrip(".") in rules.abbreviations:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. Smith"
    # German ordinals: "am 16. November", "die 10. Sitzung".
    return not (rules.ordinal_dot and token.isdigit() and len(token) <= 3)


def _between_digits(text: str, dot: int, after: int) -> bool:
    """Whether a single period stands between two digits with no space ("3.2", "1.5bn")."""
    return (
        after == dot + 1
        and dot > 0
        and text[dot - 1].isdigit()
        and after < len(text)
        and text[after].isdigit()
    )


def split_sentences(text: str, start: int, end: int, rules: SentenceRules) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text[start:end]`, none over the bounds."""
    chunk = text[start:end]
    quotes = _quote_ranges(chunk)
    quote_starts = [q[0] for q in quotes]
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(chunk):
        stop = match.end()
        if _containing(quotes, quote_starts, match.start()):
            # A quotation that is a whole sentence ends where it closes ("„Wir sind bereit.“
            # Der Minister ..."); a period further inside it, or in a quotation that began
            # inside a sentence, ends nothing (it is kept with the words that frame it).
            opening, close = _around(quotes, quote_starts, match.start())
            if chunk[stop:close].strip() or chunk[begin:opening].strip():
                continue
            stop = close
        while stop < len(chunk) and chunk[stop] in CLOSING_MARKS:
            stop += 1
        if _ends_sentence(chunk, match.start(), stop, rules):
            spans.append((begin, stop))
            begin = stop
    spans.append((begin, len(chunk)))
    result = []
    for s, e in spans:
        while s < e and chunk[s].isspace():
            s += 1
        while e > s and chunk[e - 1].isspace():
            e -= 1
        if s < e:
            result += [(start + a, start + b) for a, b in bounded(chunk, s, e, quotes)]
    return result


# -- bounds ------------------------------------------------------------------------------------
def bounded(
    text: str, start: int, end: int, quotes: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """`text[start:end]` as pieces within the bounds: garbage runs cut out, then clauses of at
    most MAX_SENTENCE_CHARS (split outside the `quotes` ranges where possible)."""
    if end - start <= MAX_WORD_CHARS:
        return [(start, end)]
    quotes = quotes or []
    pieces: list[tuple[int, int]] = []
    position = start
    for match in _LONG_WORD.finditer(text, start, end):
        word = match.group()
        if sum(c.isalnum() for c in word) * 2 >= len(word):
            continue  # a URL or a long name: cheap to tokenize, and it stays in its sentence
        pieces += _clauses(text, position, match.start(), quotes)
        for cut in range(match.start(), match.end(), MAX_WORD_CHARS):
            pieces.append((cut, min(cut + MAX_WORD_CHARS, match.end())))
        position = match.end()
    pieces += _clauses(text, position, end, quotes)
    return pieces


def _clauses(
    text: str, start: int, end: int, quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Stripped pieces of `text[start:end]`, each at most MAX_SENTENCE_CHARS long."""
    pieces: list[tuple[int, int]] = []
    while True:
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start >= stop:
            return pieces
        if stop - start <= MAX_SENTENCE_CHARS:
            pieces.append((start, stop))
            return pieces
        cut = _clause_cut(text, start, quotes)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut


def _clause_cut(text: str, start: int, quotes: list[tuple[int, int]]) -> int:
    """Where to end a piece that starts at `start`: after the strongest clause boundary between
    MIN_PIECE_CHARS and MAX_SENTENCE_CHARS, outside quotations when possible."""
    low, high = start + MIN_PIECE_CHARS, start + MAX_SENTENCE_CHARS
    starts = [q[0] for q in quotes]
    fallback: int | None = None
    for boundary in CLAUSE_BOUNDARIES:
        found = text.rfind(boundary, low, high)
        while found >= 0:
            cut = found + 1  # after the mark ("; ") or the space before it (" – ")
            if not _containing(quotes, starts, found):
                return cut
            if fallback is None:
                fallback = cut
            found = text.rfind(boundary, low, found)
    return fallback if fallback is not None else high


# -- the stage ---------------------------------------------------------------------------------
def prose(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` reads as prose: short, or at least a quarter letters (a row of
    results, a table or a run of symbols holds no statement to code)."""
    if end - start <= MIN_PROSE_CHECK_CHARS:
        return True
    letters = sum(1 for c in text[start:end] if c.isalpha())
    return letters >= MIN_LETTER_SHARE * (end - start)


def split(article: Article, rules: SentenceRules) -> Article:
    """Split each paragraph that is neither a repeat nor boilerplate into sentences, within
    the budget (`MAX_ANALYSED_TOKENS`, `MAX_ANALYSED_CHARS`); past it the article is partial.
    Sentences that are not prose (`prose`) count against the budget but are not kept."""
    article.sentences = []
    tokens = 0
    analysed = 0  # characters of the text up to the last sentence read
    symbols = 0  # sentences left out as not prose
    for paragraph in article.paragraphs:
        if paragraph.duplicate_of is not None or paragraph.boilerplate is not None:
            continue
        for s, e in split_sentences(article.text, paragraph.start, paragraph.end, rules):
            tokens += count_tokens(article.text, s, e)
            if tokens > MAX_ANALYSED_TOKENS or e > MAX_ANALYSED_CHARS:
                reason = (
                    f"analysed the first {analysed:,} of {len(article.text):,} characters "
                    f"(the budget is {MAX_ANALYSED_TOKENS:,} tokens or "
                    f"{MAX_ANALYSED_CHARS:,} characters per article)"
                )
                article.partial = reason
                article.notes.append(f"partial: {reason}")
                return _noted(article, symbols)
            analysed = e
            if not prose(article.text, s, e):
                symbols += 1
                continue
            article.sentences.append(Sentence(len(article.sentences), s, e, paragraph.index))
    return _noted(article, symbols)


def _noted(article: Article, symbols: int) -> Article:
    if symbols:
        article.notes.append(f"{symbols} sentences of symbols or figures, not prose, skipped")
    return article
