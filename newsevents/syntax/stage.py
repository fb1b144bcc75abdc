"""The `syntax` stage: parse every analysed sentence of an article in one batch.

Only the analysed sentences are parsed (the sentences stage leaves out repeated and boilerplate
paragraphs), and none past `MAX_SENTENCE_CHARS` (page clutter the splitter could not break; no
event is coded from them). Token offsets are moved from the sentence into the article text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsevents.lang.clauses import ClauseLabels
from newsevents.records import Article, Parse, Token
from newsevents.syntax.backend import SyntaxBackend
from newsevents.syntax.repair import repair

if TYPE_CHECKING:
    from newsevents.resources import Resources

MAX_SENTENCE_CHARS = 1200  # longer "sentences" are lists or tables, not clauses to parse
# A dateline or label: up to three capitalised words, then a dash or colon ("Aleppo – ",
# "Zeitungsberichte: "). It is not parsed: the parser takes it for the clause's subject.
LEAD = re.compile(r"(?:[A-ZÄÖÜ][\w.'/-]*\s){0,2}[A-ZÄÖÜ][\w.'/-]*(?:\s[–—]|:)\s+")
MIN_CLAUSE_WORDS = 3  # what follows must still be a clause


def parse_sentences(
    article: Article, backend: SyntaxBackend | None, labels: ClauseLabels | None = None
) -> list[Parse]:
    """The parses of the article's analysed sentences (none without a parser for its language),
    their clause-level arcs repaired where the language's `labels` say how (`repair.py`)."""
    if backend is None or not article.sentences:
        return []
    chosen = [s for s in article.sentences if 0 < s.end - s.start <= MAX_SENTENCE_CHARS]
    if not chosen:
        return []
    pieces = [_piece(article.text, s.start, s.end) for s in chosen]
    found = backend.parse([text for text, _ in pieces], article.language or "en")
    if found is None:
        return []
    return [
        Parse(
            sentence.index,
            [_shift(t, positions) for t in (repair(tokens, labels) if labels else tokens)],
        )
        for sentence, (_, positions), tokens in zip(chosen, pieces, found, strict=True)
    ]


def _piece(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The sentence as the parser gets it, without a leading dateline and with every run of
    white space one space ("Koalition  baue": the parser takes a space token for a word), and
    the article offset of each of its characters (one past the end at the end)."""
    start += _lead(text[start:end])
    chars: list[str] = []
    positions: list[int] = []
    for offset in range(start, end):
        char = text[offset]
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        positions.append(offset)
    positions.append(end)
    return "".join(chars), positions


def _lead(text: str) -> int:
    """Characters of a dateline or label before the clause ("Aleppo – ", "EU: "), which the
    parser would take for a clause's first phrase; 0 when there is none."""
    found = LEAD.match(text)
    if found is None or len(text[found.end() :].split()) < MIN_CLAUSE_WORDS:
        return 0
    return found.end()


def _shift(token: Token, positions: list[int]) -> Token:
    """The token with offsets into the article (its last character's position, plus one)."""
    return Token(
        token.i,
        positions[token.start],
        positions[token.end - 1] + 1,
        token.text,
        token.lemma,
        token.pos,
        token.tag,
        token.morph,
        token.dep,
        token.head,
    )


def parse(article: Article, resources: Resources) -> Article:
    """Attach the parses of the article's sentences (`Article.syntax`), for languages whose
    event coder reads clause frames (``coder: frames`` in the language profile)."""
    language = article.language or ""
    if not resources.lexicons.has(language):
        article.syntax = []
        return article
    profile = resources.lexicons.profile(language)
    wanted = profile.coder in {"frames", "combined"}
    article.syntax = parse_sentences(article, resources.syntax, profile.clauses) if wanted else []
    return article
