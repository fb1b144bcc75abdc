"""Page clutter inside an article's text: teaser and link lists, portal phrases, share prompts.

Web pages and feeds leave furniture in the text they hand on: "Mehr auf MSN", "Lesen Sie auch:
…", "Die Top-Themen der MSN-Leser:" followed by a list of headlines, "Teilen Twittern E-Mail".
None of it is the report, and coding it gives events nobody reported. This module finds such
lines from their shape and a small list of phrases per language (``boilerplate`` in each
language profile, data/lang/<code>.yaml), never from one site's markup:

- a *headline-shaped* line is short (at most `MAX_HEADLINE_CHARS`) and does not end like a
  sentence (no final . ! ? before closing quotes or brackets);
- a *portal phrase* is a headline-shaped line that opens with one of the profile's `openers`
  ("Mehr auf", "Lesen Sie auch", "Read more"); one that ends with ":" heads a list, and the
  headline-shaped lines after it (across blank lines) are its *link list*;
- a run of at least `MIN_LIST_LINES` headline-shaped lines after the article's head (its
  title, byline and date lines, which come before the first sentence) is a *link list*;
- a line of nothing but the profile's `share_words` ("Teilen", "Twittern", "E-Mail") or
  counts is a *share prompt*; a short line led by an arrow ("► Video", "→ Liveblog") is a
  *link*.

The text is never changed, so every offset stays valid: a paragraph holding both report and
clutter is split at the line where they meet, and clutter paragraphs are marked
(`Paragraph.boilerplate`), which the sentence stage skips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsevents.records import Paragraph

MAX_HEADLINE_CHARS = 150  # a teaser headline or a link text; a report's sentence ends with . ! ?
MIN_LIST_LINES = 3  # so many headline-shaped lines in a row are a list, not a subheading
MAX_LIST_LINES = 40  # a list after a heading phrase ends here at the latest
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = "\"'“”«»‘’›‹)]*"
_ARROWS = ("►", "▶", "▸", "→", "⇒", "➤", "➜", ">>", "> ")
_WORD_SPLIT = re.compile(r"[\s|·•/]+")
_COUNT = re.compile(r"^\(?\d+\)?$")

LINK_LIST = "link list"
PORTAL_PHRASE = "portal phrase"
SHARE_PROMPT = "share prompt"
LINK = "link"


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """A language's (or several languages') words that mark page clutter."""

    openers: tuple[str, ...] = ()  # "Mehr auf", "Lesen Sie auch", "Read more"
    share_words: frozenset[str] = frozenset()  # lower case: "teilen", "share", "e-mail"

    @classmethod
    def from_data(cls, data: dict[str, list[str]] | None) -> BoilerplateRules:
        """The rules of a profile's ``boilerplate`` section."""
        data = data or {}
        return cls(
            tuple(str(p) for p in data.get("openers") or []),
            frozenset(str(w).lower() for w in data.get("share_words") or []),
        )

    @classmethod
    def union(cls, rules: Iterable[BoilerplateRules]) -> BoilerplateRules:
        """The rules of several languages together (clean runs before the language is known)."""
        openers: dict[str, None] = {}
        words: set[str] = set()
        for rule in rules:
            openers.update(dict.fromkeys(rule.openers))
            words |= rule.share_words
        return cls(tuple(openers), frozenset(words))

    def opener_pattern(self) -> re.Pattern[str] | None:
        """A pattern matching a line that opens with one of the phrases (whole words)."""
        if not self.openers:
            return None
        phrases = sorted(self.openers, key=len, reverse=True)
        alternation = "|".join(re.escape(p) for p in phrases)
        return _compiled(rf"(?:{alternation})(?!\w)")


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(source: str) -> re.Pattern[str]:
    # Compiled once per set of phrases: the clean stage runs on every article.
    if source not in _PATTERNS:
        _PATTERNS[source] = re.compile(source, re.IGNORECASE)
    return _PATTERNS[source]


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    paragraph: int  # index into the paragraph list
    headline: bool
    mark: str | None = None


def headline_shaped(line: str) -> bool:
    """Short, with a letter, and not ending like a sentence."""
    if not line or len(line) > MAX_HEADLINE_CHARS or not any(c.isalpha() for c in line):
        return False
    tail = line.rstrip(_CLOSERS + " ")
    return bool(tail) and tail[-1] not in _SENTENCE_END


def _share_prompt(line: str, rules: BoilerplateRules) -> bool:
    if not rules.share_words or len(line) > MAX_HEADLINE_CHARS:
        return False
    words = [w.strip(":,;.!()").lower() for w in _WORD_SPLIT.split(line) if w]
    words = [w for w in words if w]
    return bool(words) and all(w in rules.share_words or _COUNT.match(w) for w in words)


def _lines(text: str, paragraphs: list[Paragraph]) -> list[_Line]:
    lines: list[_Line] = []
    for number, paragraph in enumerate(paragraphs):
        position = paragraph.start
        for raw in text[paragraph.start : paragraph.end].split("\n"):
            stripped = raw.strip()
            if stripped:
                start = position + raw.index(stripped[0])
                lines.append(_Line(start, start + len(stripped), number, headline_shaped(stripped)))
            position += len(raw) + 1
    return lines


def mark_lines(text: str, lines: list[_Line], rules: BoilerplateRules) -> None:
    """Set `mark` on every line that is clutter."""
    opener = rules.opener_pattern()
    list_left = 0  # lines still taken by the list a heading phrase opened
    for line in lines:
        body = text[line.start : line.end]
        phrase = opener.match(body) if opener is not None else None
        # "Lesen Sie auch: Die Regierung hat beschlossen." ends like a sentence but is a teaser.
        labelled = phrase is not None and body[phrase.end() :].lstrip().startswith(":")
        if not line.headline and not (labelled and len(body) <= MAX_HEADLINE_CHARS):
            list_left = 0
            continue
        if _share_prompt(body, rules):
            line.mark = SHARE_PROMPT
        elif phrase is not None:
            line.mark = PORTAL_PHRASE
            if body.endswith(":"):
                list_left = MAX_LIST_LINES
        elif list_left:
            line.mark = LINK_LIST
            list_left -= 1
        elif body.startswith(_ARROWS):
            line.mark = LINK
    # Runs of headline-shaped lines after the head are lists.
    run: list[_Line] = []
    head = True
    for item in [*lines, None]:
        if item is not None and item.headline:
            run.append(item)
            continue
        if not head and len(run) >= MIN_LIST_LINES:
            for member in run:
                member.mark = member.mark or LINK_LIST
        run = []
        head = False


def find_boilerplate(
    text: str, paragraphs: list[Paragraph], rules: BoilerplateRules
) -> list[Paragraph]:
    """The paragraphs again, split where report and clutter meet, clutter marked; numbered 1..n.

    A paragraph without clutter comes back as it was (the same object).
    """
    lines = _lines(text, paragraphs)
    mark_lines(text, lines, rules)
    by_paragraph: dict[int, list[_Line]] = {}
    for line in lines:
        by_paragraph.setdefault(line.paragraph, []).append(line)
    result: list[Paragraph] = []
    for number, paragraph in enumerate(paragraphs):
        members = by_paragraph.get(number, [])
        if not any(line.mark for line in members):
            paragraph.index = len(result) + 1
            result.append(paragraph)
            continue
        groups: list[list[_Line]] = []
        for line in members:
            if groups and _same_kind(groups[-1][-1], line):
                groups[-1].append(line)
            else:
                groups.append([line])
        for group in groups:
            marks = [line.mark for line in group if line.mark]
            result.append(
                Paragraph(
                    len(result) + 1, group[0].start, group[-1].end, boilerplate=_reason(marks)
                )
            )
    return result


def _same_kind(a: _Line, b: _Line) -> bool:
    return (a.mark is None) == (b.mark is None)


def _reason(marks: list[str]) -> str | None:
    if not marks:
        return None
    for kind in (LINK_LIST, PORTAL_PHRASE, SHARE_PROMPT, LINK):
        if kind in marks:
            return kind
    return marks[0]
