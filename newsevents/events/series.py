"""Series of meetings: "10. Sitzung der Gemeinsamen Arbeitsgruppe" is session 10 of that body.

A meeting event whose evidence names a numbered session of a body ("auf der 10. Sitzung der
Gemeinsamen Arbeitsgruppe", "the tenth round of the Joint Commission") gets `series_body` (the
body's actor id) and `series_session` (10). An announced next session ("das nächste Treffen der
Arbeitsgruppe", "the next session of the commission") gets the same body and, when the article
numbers an earlier session of it, that number plus one; the two are linked through the body.
The words are data: `series_nouns`, `series_next`, `series_ordinals` and `series_outside`
(a meeting "am Rande" of a session is not that session) in grammar.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.lang.lexicons import Grammar
from newsevents.records import Article, Event, Mention

BODY_KINDS = {"body", "organization"}
MAX_GAP = 60  # characters between the session noun and its body
LINK_WORDS = {"of", "the", "der", "des", "dem", "den", "die", "das"}


@dataclass(slots=True, frozen=True)
class SessionPhrase:
    """A session noun in the text, with its number or the mark of the next one."""

    start: int
    end: int
    number: int | None
    is_next: bool


@dataclass(slots=True, frozen=True)
class SeriesPatterns:
    """The compiled session-phrase and "outside" patterns of one language."""

    phrase: re.Pattern[str] | None
    ordinals: dict[str, int]
    outside: re.Pattern[str] | None


def series_patterns(g: Grammar) -> SeriesPatterns:
    """The session patterns of a language, built once per article (not per sentence)."""
    nouns = "|".join(re.escape(n) for n in g.words.get("series_nouns", []))
    ordinals = {w.lower(): i + 1 for i, w in enumerate(g.words.get("series_ordinals", []))}
    ordinal_words = "|".join(re.escape(w) for w in sorted(ordinals, key=len, reverse=True))
    nexts = "|".join(re.escape(w) for w in g.words.get("series_next", []))
    alternatives = [r"(?P<num>\d{1,3})(?:\.|st|nd|rd|th)"]
    if ordinal_words:
        alternatives.append(f"(?P<word>{ordinal_words})[a-z]*")
    if nexts:
        alternatives.append(f"(?P<next>{nexts})")
    phrase = (
        re.compile(rf"\b(?:{'|'.join(alternatives)})\s+(?:\w+\s+)?(?:{nouns})\w*\b", re.IGNORECASE)
        if nouns
        else None
    )
    words = "|".join(re.escape(w) for w in g.words.get("series_outside", []))
    # The marker stands right before the phrase, with at most one word between ("am Rande der").
    outside = re.compile(rf"\b(?:{words})\s+(?:\w+\s+)?$", re.IGNORECASE) if words else None
    return SeriesPatterns(phrase, ordinals, outside)


def _phrases(text: str, patterns: SeriesPatterns) -> list[SessionPhrase]:
    if patterns.phrase is None:
        return []
    found = []
    for m in patterns.phrase.finditer(text):
        groups = m.groupdict()
        value: int | None = None
        if groups.get("num"):
            value = int(groups["num"])
        elif groups.get("word"):
            value = patterns.ordinals.get(groups["word"].lower())
        found.append(SessionPhrase(m.start(), m.end(), value, bool(groups.get("next"))))
    return found


def _body_after(phrase: SessionPhrase, mentions: list[Mention], text: str) -> Mention | None:
    """The body named right after the session noun: "der Gemeinsamen Arbeitsgruppe", "of the
    Joint Ministerial Commission" (capitalised words the body mention may leave out)."""
    for m in mentions:
        if m.kind not in BODY_KINDS or not m.actor_id or not 0 <= m.start - phrase.end <= MAX_GAP:
            continue
        gap = text[phrase.end : m.start].split()
        if all(w.lower() in LINK_WORDS or w[:1].isupper() for w in gap):
            return m
    return None


def attach_series(article: Article, grammar: Grammar) -> None:
    """Set `series_body` and `series_session` on the meeting events that name a session."""
    if not article.events:
        return
    patterns = series_patterns(grammar)
    mentions = sorted(article.mentions, key=lambda m: m.start)
    numbered: dict[str, int] = {}
    pending: list[tuple[Event, str]] = []
    for event in sorted(article.events, key=lambda e: e.evidence[0].start if e.evidence else 0):
        for span in event.evidence:
            sentence = article.sentence_at(span.start)
            start, end = (sentence.start, sentence.end) if sentence else (span.start, span.end)
            text = article.text[start:end]
            hit = _session_of(text, start, article.text, patterns, mentions)
            if hit is None:
                continue
            body, phrase = hit
            event.series_body = body
            if phrase.number is not None and not phrase.is_next:
                event.series_session = phrase.number
                numbered[body] = max(numbered.get(body, 0), phrase.number)
                event.explanation.append(f"series: session {phrase.number} of {body}")
            else:
                pending.append((event, body))
            break
    for event, body in pending:  # the next session follows the highest numbered one
        if body in numbered:
            event.series_session = numbered[body] + 1
        session = event.series_session or "?"
        event.explanation.append(f"series: next session ({session}) of {body}")


def _session_of(
    text: str,
    offset: int,
    full_text: str,
    patterns: SeriesPatterns,
    mentions: list[Mention],
) -> tuple[str, SessionPhrase] | None:
    outside = patterns.outside
    for phrase in _phrases(text, patterns):
        before = text[max(0, phrase.start - 30) : phrase.start]
        if outside is not None and outside.search(before):
            continue  # talks on the sidelines of a session are not the session
        shifted = SessionPhrase(
            phrase.start + offset, phrase.end + offset, phrase.number, phrase.is_next
        )
        body = _body_after(shifted, mentions, full_text)
        if body is not None and body.actor_id:
            return body.actor_id, shifted
        if phrase.is_next:  # "the next meeting of the commission": a body named before
            head = _head_after(full_text, shifted.end)
            for m in mentions:
                named_before = m.kind == "body" and m.actor_id and m.start < shifted.start
                if named_before and m.actor_id and m.text.split()[-1].lower() == head:
                    return m.actor_id, shifted
    return None


def _head_after(text: str, end: int) -> str | None:
    """The noun of "of the commission" / "der Kommission" right after a session phrase."""
    words = text[end : end + 40].split()
    while words and words[0].lower() in LINK_WORDS:
        words.pop(0)
    return words[0].strip(".,;:").lower() if words else None
