"""Quotations and their speakers, German („…“, »…«) and English (“…”, "...")."""

from __future__ import annotations

from newsevents.records import Article, Quote, Sentence
from newsevents.text.sentences import _quote_ranges

MIN_QUOTE_WORDS = 3  # „Terror“ is a scare quote, not a statement


def quote_spans(article: Article, sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of quotations in a sentence, marks excluded, long enough to be statements."""
    text = article.text[sentence.start : sentence.end]
    spans = []
    for start, end in _quote_ranges(text):
        inner_start, inner_end = start + 1, end - 1 if end - start > 1 else end
        if len(text[inner_start:inner_end].split()) >= MIN_QUOTE_WORDS:
            spans.append((sentence.start + inner_start, sentence.start + inner_end))
    return spans


def make_quotes(
    article: Article, sentence: Sentence, speakers: list[str], subject: list[str], cue: str | None
) -> list[Quote]:
    """Quotes of a sentence; the speaker is the attributed source, else the sentence's subject.

    A quotation that opens the sentence is spoken by the source named after it ("…“ heißt es in
    einer Erklärung des X"); one embedded after the subject ("Beide Länder waren sich über die
    „…“ einig") is the subject's words unless a source is named.
    """
    quotes = []
    for start, end in quote_spans(article, sentence):
        who = speakers or subject
        quotes.append(
            Quote(start, end, article.text[start:end], sentence.paragraph, list(who), cue)
        )
    return quotes
