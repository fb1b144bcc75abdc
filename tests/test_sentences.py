"""Quote-aware sentence splitting."""

from __future__ import annotations

from newsevents.lang.profile import Lexicons
from newsevents.text.sentences import split_sentences, tokenize

LEXICONS = Lexicons()


def _split(text: str, language: str = "de") -> list[str]:
    return [
        text[s:e]
        for s, e in split_sentences(text, 0, len(text), LEXICONS.profile(language).sentences)
    ]


def test_quote_with_attribution_stays_one_sentence() -> None:
    text = (
        "„Wir haben lange verhandelt. Das Ergebnis ist gut.“ heißt es in einer Mitteilung. "
        "Danach ging es weiter."
    )
    assert _split(text) == [
        "„Wir haben lange verhandelt. Das Ergebnis ist gut.“ heißt es in einer Mitteilung.",
        "Danach ging es weiter.",
    ]


def test_german_ordinals_and_abbreviations_do_not_split() -> None:
    text = "Am 16. November tagte die 10. Sitzung, z. B. in Berlin. Dr. Meier kam auch."
    assert _split(text) == [
        "Am 16. November tagte die 10. Sitzung, z. B. in Berlin.",
        "Dr. Meier kam auch.",
    ]


def test_english_quote_then_said() -> None:
    text = '"We will meet again. It was useful," the minister said. Talks end on Friday.'
    assert _split(text, "en") == [
        '"We will meet again. It was useful," the minister said.',
        "Talks end on Friday.",
    ]


def test_quote_ending_before_period_splits_after() -> None:
    text = "Beide hätten „ihre Bereitschaft bekräftigt“. Zusammenarbeit folgt."
    assert _split(text) == ["Beide hätten „ihre Bereitschaft bekräftigt“.", "Zusammenarbeit folgt."]


def test_tokens_keep_offsets() -> None:
    tokens = tokenize("Russland-Pakistan, am Montag.", 10)
    assert [(t.text, t.start) for t in tokens][:3] == [
        ("Russland-Pakistan", 10),
        (",", 27),
        ("am", 29),
    ]
