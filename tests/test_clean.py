"""Cleaning: normalisation, paragraphs, repeated paragraphs, content hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.lang.profile import Lexicons
from newsevents.records import Article
from newsevents.text.clean import (
    MAX_CHAR_RUN,
    MAX_PARAGRAPH_CHARS,
    clean,
    content_hash,
    normalize_text,
    split_paragraphs,
)
from newsevents.text.sentences import split


def test_repeated_paragraphs_are_marked_once() -> None:
    block = [
        "Der erste Absatz berichtet über die Verhandlungen.",
        "Der zweite Absatz nennt die Teilnehmer der Gespräche.",
    ]
    text = "\n".join(["Überschrift der Meldung mit genug Zeichen.", *block, *block, "Schluss."])
    article = clean(Article(text=text))
    assert article.duplicate_pairs() == [(2, 4), (3, 5)]
    assert article.notes == ["2 repeated paragraphs analysed once"]


def test_blank_lines_separate_paragraphs_when_present() -> None:
    paragraphs = split_paragraphs("Eins\nnoch eins\n\nZwei")
    assert [(p.start, p.end) for p in paragraphs] == [(0, 14), (16, 20)]


def test_hash_ignores_whitespace_and_case() -> None:
    assert content_hash("Ein  Text\n") == content_hash("ein text")
    assert content_hash("Ein Text") != content_hash("Ein anderer Text")


def test_normalize_removes_invisible_characters() -> None:
    assert normalize_text("Ge\u00adspräch\u00a0heute\r\n") == "Gespräch heute\n"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_paragraph_offsets_point_into_the_text(text: str) -> None:
    text = normalize_text(text)
    for paragraph in split_paragraphs(text):
        piece = text[paragraph.start : paragraph.end]
        assert piece == piece.strip() and piece


# -- bounds before tokenizing (issue 12) ---------------------------------------------------------
def test_long_runs_of_one_character_are_cut() -> None:
    article = clean(Article(text="Vorher " + "„" * 8000 + " nachher. " + "-" * 80))
    assert article.text == "Vorher " + "„" * MAX_CHAR_RUN + " nachher. " + "-" * MAX_CHAR_RUN
    assert article.notes == [f"2 runs of one character cut to {MAX_CHAR_RUN}"]
    assert content_hash(normalize_text("„" * 8000)) == clean(Article(text="„" * 9000)).id


def test_giant_paragraph_is_split_near_the_cap() -> None:
    sentence = "Die Minister berieten lange über die Lage. "
    text = sentence * (3 * MAX_PARAGRAPH_CHARS // len(sentence))
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) >= 3
    assert all(p.end - p.start <= MAX_PARAGRAPH_CHARS for p in paragraphs)
    assert all(text[p.start : p.end].endswith(".") for p in paragraphs[:-1])  # at sentence ends
    one_word = split_paragraphs("x" * (2 * MAX_PARAGRAPH_CHARS + 5))
    assert [p.end - p.start for p in one_word] == [MAX_PARAGRAPH_CHARS] * 2 + [5]


# -- boilerplate (issue 11: text hygiene) ----------------------------------------------------------
BOILERPLATE = Lexicons().boilerplate()

WARSCHAU = (
    "WARSCHAU – Bundeskanzler und polnischer Ministerpräsident haben am Dienstag in Warschau "
    "über die Grenzsicherung beraten. Beide Regierungen wollen enger zusammenarbeiten."
)
ACCRA = (
    "ACCRA - Ghana and Togo agreed on Wednesday to reopen their border crossing, the two "
    "foreign ministers said in a joint statement."
)
GERMAN_PAGE = f"""Kanzler reist nach Warschau

{WARSCHAU}

Lesen Sie auch: Tusk fordert mehr Geld für die Ostflanke

Ein weiteres Treffen ist für den Herbst geplant, sagte ein Regierungssprecher.
Die Top-Themen unserer Leser:
Sturm legt Bahnverkehr in Norddeutschland lahm
Bundesliga: Freiburg siegt in Bremen
Neue Regeln für Mieter ab Januar
Mehr auf Nachrichtenportal

Teilen Twittern E-Mail
Kommentare (34)"""

ENGLISH_PAGE = f"""Ministers meet in Accra
By a staff reporter

{ACCRA}

You may also like:
Nigeria raises fuel prices again
Senegal swears in new cabinet
Kenya signs trade deal with Japan

The ministers will meet again in Lomé next month.
Share on Facebook | Tweet | Email
► Watch the press conference"""


def _marked(text: str) -> list[tuple[str | None, str]]:
    article = clean(Article(text=text), BOILERPLATE)
    return [(p.boilerplate, article.text[p.start : p.end]) for p in article.paragraphs]


def test_german_teasers_link_lists_and_share_prompts_are_boilerplate() -> None:
    marked = _marked(GERMAN_PAGE)
    kept = [text for kind, text in marked if kind is None]
    assert kept[0] == "Kanzler reist nach Warschau"
    assert kept[1].startswith("WARSCHAU") and kept[2].startswith("Ein weiteres Treffen")
    assert len(kept) == 3
    kinds = {kind for kind, _ in marked if kind}
    assert kinds == {"portal phrase", "link list", "share prompt"}
    listed = next(text for kind, text in marked if kind == "link list")
    assert listed.startswith("Die Top-Themen") and listed.endswith("Mehr auf Nachrichtenportal")


def test_english_teasers_are_boilerplate_and_the_head_is_kept() -> None:
    marked = _marked(ENGLISH_PAGE)
    kept = [text for kind, text in marked if kind is None]
    # Title and byline are the article's head, not a list.
    assert kept[0] == "Ministers meet in Accra\nBy a staff reporter"
    assert (
        kept[1].startswith("ACCRA")
        and kept[-1] == "The ministers will meet again in Lomé next month."
    )
    clutter = " ".join(text for kind, text in marked if kind)
    assert "Nigeria raises fuel prices" in clutter and "Share on Facebook" in clutter
    assert "Watch the press conference" in clutter


def test_boilerplate_is_skipped_by_the_sentence_stage_and_noted() -> None:
    article = clean(Article(text=GERMAN_PAGE), BOILERPLATE)
    assert article.notes == [
        "3 boilerplate paragraphs skipped (link list: 1, portal phrase: 1, share prompt: 1)"
    ]
    article = split(article, Lexicons().profile("de").sentences)
    sentences = [article.text[s.start : s.end] for s in article.sentences]
    assert not any("Top-Themen" in s or "Tusk fordert" in s or "Teilen" in s for s in sentences)
    assert any(s.startswith("Ein weiteres Treffen") for s in sentences)


def test_report_lines_are_not_boilerplate() -> None:
    text = (
        "Zum Thema Migration sagte der Minister, die Zahl der Anträge sei gesunken.\n"
        "Mehr als 200 Menschen demonstrierten am Samstag in Leipzig.\n"
        "Read more about the plan, the minister told reporters on Monday."
    )
    assert [kind for kind, _ in _marked(text)] == [None, None, None]


@given(
    st.lists(
        st.sampled_from(
            [
                "Mehr auf Portal",
                "Lesen Sie auch: Neue Zölle",
                "Die Regierung hat am Montag beraten.",
                "Teilen E-Mail",
                "Kurze Zeile ohne Punkt",
                "",
                "   ",
                "► Video",
                "Top stories:",
            ]
        ),
        max_size=12,
    )
)
def test_boilerplate_keeps_paragraph_offsets_into_the_text(lines: list[str]) -> None:
    text = normalize_text("\n".join(lines))
    article = clean(Article(text=text), BOILERPLATE)
    assert article.text == text  # clutter is marked, never removed
    assert [p.index for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
    previous_end = 0
    for paragraph in article.paragraphs:
        piece = text[paragraph.start : paragraph.end]
        assert piece == piece.strip() and piece
        assert paragraph.start >= previous_end
        previous_end = paragraph.end
