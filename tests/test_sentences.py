"""Quote-aware sentence splitting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.lang.profile import Lexicons
from newsevents.records import Article
from newsevents.text.clean import clean
from newsevents.text.sentences import (
    MAX_ANALYSED_TOKENS,
    MAX_SENTENCE_CHARS,
    MAX_WORD_CHARS,
    split,
    split_sentences,
    tokenize,
)

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


# -- mixed quote marks and stray apostrophes (issue 11, issue 12) --------------------------------
def test_mixed_quote_marks_close_their_quotation() -> None:
    for opened, closed in [("„", '"'), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("“", '"')]:
        text = (
            f"{opened}Wir sind bereit. Die Gespräche gehen weiter.{closed} sagte der Minister. "
            "Danach reiste er ab."
        )
        assert _split(text) == [
            f"{opened}Wir sind bereit. Die Gespräche gehen weiter.{closed} sagte der Minister.",
            "Danach reiste er ab.",
        ], (opened, closed)


def test_single_quotes_quote_phrases_only() -> None:
    text = "Er nannte den Plan ‚einen Fehler. Wirklich‘, sagte sie. Dann ging es weiter."
    assert _split(text) == [
        "Er nannte den Plan ‚einen Fehler. Wirklich‘, sagte sie.",
        "Dann ging es weiter.",
    ]
    english = "She called it ‘a mistake. Really’, the minister said. Talks go on."
    assert _split(english, "en") == [
        "She called it ‘a mistake. Really’, the minister said.",
        "Talks go on.",
    ]


def test_a_stray_single_quote_does_not_merge_the_paragraph() -> None:
    sentence = "Die Regierung in Manama wies die Vorwürfe zurück."
    text = "Laut der Zeitung Mira‘at al-Bahrain kam es zu Festnahmen. " + " ".join([sentence] * 40)
    parts = _split(text)
    assert len(parts) == 41 and parts[1] == sentence
    stray = "Sie sprach von ‘Verrat. " + " ".join([sentence] * 40)  # opened, never closed
    assert len(_split(stray)) == 41
    apostrophes = "Das ist Peter’s Plan. Er kommt’s nicht. " + sentence
    assert len(_split(apostrophes)) == 3


def test_an_unclosed_double_quote_does_not_swallow_the_paragraph() -> None:
    sentence = "Der Gipfel endete ohne Einigung."
    text = "Er sagte: „Wir kommen wieder. " + " ".join([sentence] * 30)
    assert len(_split(text)) == 31


def test_no_sentence_over_the_cap_and_clause_boundaries_preferred() -> None:
    clause = "die Minister berieten über Zölle, Quoten und Fristen"
    text = "Am Montag " + "; ".join([clause] * 40) + "."
    parts = _split(text)
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts) and len(parts) > 3
    assert all(p.endswith((";", ".")) for p in parts)
    assert "".join(parts).replace(";", "; ").split() == text.replace(";", "; ").split()
    no_space = "x" * 2000
    assert [len(p) for p in _split(no_space)] == [MAX_SENTENCE_CHARS] * 3 + [200]


def test_runs_of_punctuation_are_cut_into_short_pieces() -> None:
    garbage = "„“" * 500
    parts = _split(f"Vorher ein Satz. {garbage} Nachher ein Satz.")
    assert parts[0] == "Vorher ein Satz." and parts[-1] == "Nachher ein Satz."
    assert all(len(p) <= MAX_WORD_CHARS for p in parts[1:-1])


@given(st.text(alphabet="„“”\"»«‚‘’' .aB,;:–\n", max_size=400))
def test_sentences_cover_the_text_in_order_within_the_cap(text: str) -> None:
    spans = split_sentences(text, 0, len(text), LEXICONS.profile("de").sentences)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert end - start <= MAX_SENTENCE_CHARS
        assert text[start:end] == text[start:end].strip()
        assert not text[position:start].strip()  # nothing but space between sentences
        position = end
    assert not text[position:].strip()


def test_the_token_budget_marks_the_article_partial() -> None:
    sentences = (
        f"Die Minister aus Polen und Litauen berieten in Runde {n} lange. "
        for n in range(MAX_ANALYSED_TOKENS // 10)
    )
    article = clean(Article(text="".join(sentences), language="de"))
    article = split(article, LEXICONS.profile("de").sentences)
    analysed = article.sentences[-1].end
    assert analysed < len(article.text)
    assert article.partial is not None and "analysed the first" in article.partial
    assert any(note.startswith("partial: ") for note in article.notes)


def test_symbol_rows_are_not_sentences() -> None:
    text = "Die Regierung hat beraten. 3:2 (1:0) 0:1 (0:0) 2:2 (1:1) 4:0 (2:0) 1:1 (0:1)"
    article = split(clean(Article(text=text)), LEXICONS.profile("de").sentences)
    assert [article.text[s.start : s.end] for s in article.sentences] == [
        "Die Regierung hat beraten."
    ]


def test_quotation_that_is_a_sentence_ends_where_it_closes() -> None:
    # mixed marks, and a closing mark after a stray space
    text = '„Wir bauen keine Zäune.“ Der Minister war zufrieden. "Es gibt keine Mauer. " Er ging.'
    assert _split(text) == [
        "„Wir bauen keine Zäune.“",
        "Der Minister war zufrieden.",
        '"Es gibt keine Mauer. "',
        "Er ging.",
    ]


def test_quotation_opened_inside_a_sentence_stays_with_it() -> None:
    pieces = _split('Er sagte: "Wir kommen. Wir gehen." Dann ging er.')
    assert pieces[0].startswith('Er sagte: "Wir kommen. Wir gehen."')
