"""The syntax stage and clause frames: offsets, what is parsed, frames from hand-built parses
(the test double), and from the German model where it is installed."""

from __future__ import annotations

from newsevents.events.frames import extract_frames
from newsevents.lang.profile import Lexicons
from newsevents.records import Article, Parse, Sentence, Token
from newsevents.syntax import MockSyntax, parse_sentences
from newsevents.syntax.repair import repair
from newsevents.syntax.stage import MAX_SENTENCE_CHARS

LABELS = Lexicons().profile("de").clauses


def parsed(rows: list[tuple[str, str, str, str, str, str, int]]) -> Parse:
    """A parse from (text, lemma, UPOS, STTS, features, relation, head) rows; words are
    joined by single spaces."""
    tokens, offset = [], 0
    for i, (text, lemma, pos, tag, morph, dep, head) in enumerate(rows):
        tokens.append(Token(i, offset, offset + len(text), text, lemma, pos, tag, morph, dep, head))
        offset += len(text) + 1
    return Parse(0, tokens)


def whitespace_parser(text: str, language: str) -> list[Token] | None:
    """Every word its own root: enough to check offsets and batching."""
    if language != "de":
        return None
    tokens, offset = [], 0
    for i, word in enumerate(text.split(" ")):
        start = text.index(word, offset)
        offset = start + len(word)
        tokens.append(Token(i, start, offset, word, word, "X", "", "", "ROOT", i))
    return tokens


def test_the_stage_moves_token_offsets_into_the_article_and_skips_overlong_sentences() -> None:
    long = "x" * (MAX_SENTENCE_CHARS + 1)
    text = f"Erster Satz. Zweiter Satz hier. {long}"
    article = Article(text, language="de")
    article.sentences = [
        Sentence(0, 0, 12, 1),
        Sentence(1, 13, 31, 1),
        Sentence(2, 32, 32 + len(long), 1),
    ]
    backend = MockSyntax(whitespace_parser)
    parses = parse_sentences(article, backend)
    assert [p.sentence for p in parses] == [0, 1]
    assert backend.calls == 2
    assert all(text[t.start : t.end] == t.text for p in parses for t in p.tokens)


def test_no_parser_for_the_language_gives_no_parses() -> None:
    article = Article("One sentence.", language="en", sentences=[Sentence(0, 0, 13, 1)])
    assert parse_sentences(article, MockSyntax(whitespace_parser)) == []
    assert parse_sentences(article, None) == []


def test_separable_particle_joins_the_lemma_and_roles_come_from_relations() -> None:
    # "Die Opposition lehnte den Vorschlag ab."
    frame = extract_frames(
        parsed(
            [
                ("Die", "der", "DET", "ART", "Case=Nom", "det", 1),
                ("Opposition", "Opposition", "NOUN", "NN", "Case=Nom", "nsubj", 2),
                (
                    "lehnte",
                    "lehnen",
                    "VERB",
                    "VVFIN",
                    "Mood=Ind|Tense=Past|VerbForm=Fin",
                    "ROOT",
                    2,
                ),
                ("den", "der", "DET", "ART", "Case=Acc", "det", 4),
                ("Vorschlag", "Vorschlag", "NOUN", "NN", "Case=Acc", "obj", 2),
                ("ab", "ab", "ADP", "PTKVZ", "", "compound:prt", 2),
            ]
        ),
        LABELS,
    )[0]
    assert frame.lemma == "ablehnen"
    assert (frame.subjects, frame.objects, frame.passive) == ([1], [4], False)
    assert (frame.mood, frame.tense, frame.kind) == ("Ind", "Past", "main")


def test_passive_agent_negation_and_konjunktiv() -> None:
    # "Er sei nicht von der Polizei festgenommen worden."
    frame = extract_frames(
        parsed(
            [
                ("Er", "er", "PRON", "PPER", "Case=Nom", "nsubj:pass", 5),
                ("sei", "sein", "AUX", "VAFIN", "Mood=Sub|Tense=Pres|VerbForm=Fin", "aux", 5),
                ("nicht", "nicht", "PART", "PTKNEG", "Polarity=Neg", "advmod", 5),
                ("von", "von", "ADP", "APPR", "", "case", 4),
                ("Polizei", "Polizei", "NOUN", "NN", "Case=Dat", "obl", 5),
                ("festgenommen", "festnehmen", "VERB", "VVPP", "VerbForm=Part", "ROOT", 5),
                ("worden", "werden", "AUX", "VAPP", "VerbForm=Part", "aux:pass", 5),
            ]
        ),
        LABELS,
    )[0]
    assert frame.lemma == "festnehmen"
    assert frame.passive and frame.negated
    assert (frame.subjects, frame.agents, frame.obliques) == ([0], [4], [])
    assert frame.mood == "Sub"


def test_a_coordinated_clause_shares_the_subject_and_an_infinitive_takes_the_object() -> None:
    # "Kiew kritisierte Moskau und forderte Berlin auf, zu helfen."
    frames = extract_frames(
        parsed(
            [
                ("Kiew", "Kiew", "PROPN", "NE", "Case=Nom", "nsubj", 1),
                ("kritisierte", "kritisieren", "VERB", "VVFIN", "VerbForm=Fin", "ROOT", 1),
                ("Moskau", "Moskau", "PROPN", "NE", "Case=Acc", "obj", 1),
                ("und", "und", "CCONJ", "KON", "", "cc", 4),
                ("forderte", "fordern", "VERB", "VVFIN", "VerbForm=Fin", "conj", 1),
                ("Berlin", "Berlin", "PROPN", "NE", "Case=Acc", "obj", 4),
                ("auf", "auf", "ADP", "PTKVZ", "", "compound:prt", 4),
                ("zu", "zu", "PART", "PTKZU", "", "mark", 8),
                ("helfen", "helfen", "VERB", "VVINF", "VerbForm=Inf", "xcomp", 4),
            ]
        ),
        LABELS,
    )
    assert [f.lemma for f in frames] == ["kritisieren", "auffordern", "helfen"]
    assert frames[1].subjects == [0] and frames[1].inherited_subject
    assert frames[2].kind == "complement" and frames[2].subjects == [5]
    assert frames[2].parent == 1


def arcs(tokens: list[Token]) -> dict[str, tuple[str, str]]:
    """word -> (relation, head word)."""
    return {t.text: (t.dep, tokens[t.head].text) for t in tokens}


def test_repair_a_subject_before_the_finite_verb_outranks_a_bare_name_after_it() -> None:
    # "Nordkorea drohte Südkorea.": the small parser left "Nordkorea" unattached.
    tokens = parsed(
        [
            ("Nordkorea", "Nordkorea", "PROPN", "NE", "Case=Nom|Number=Sing", "ROOT", 0),
            ("drohte", "drohen", "VERB", "VVFIN", "Tense=Past|VerbForm=Fin", "ROOT", 1),
            ("Südkorea", "Südkorea", "PROPN", "NE", "Case=Nom|Number=Sing", "nsubj", 1),
            (".", ".", "PUNCT", "$.", "", "punct", 1),
        ]
    ).tokens
    fixed = arcs(repair(tokens, LABELS))
    assert fixed["Nordkorea"] == ("nsubj", "drohte")
    assert fixed["Südkorea"] == ("obj", "drohte")
    assert tokens[0].head == 0  # the input is left as it was


def test_repair_a_finite_verb_read_as_a_modifier_becomes_the_root() -> None:
    # "Ungarn lehnte Gespräche nicht ab.": "lehnte" hung on "Gespräche" as an adjective.
    fixed = arcs(
        repair(
            parsed(
                [
                    ("Ungarn", "Ungarn", "PROPN", "NE", "Case=Nom", "nsubj", 2),
                    ("lehnte", "lehnen", "VERB", "VVFIN", "Tense=Past|VerbForm=Fin", "amod", 2),
                    ("Gespräche", "Gespräch", "NOUN", "NN", "Case=Acc", "ROOT", 2),
                    ("nicht", "nicht", "PART", "PTKNEG", "", "advmod", 2),
                    ("ab", "ab", "ADP", "PTKVZ", "", "compound:prt", 2),
                ]
            ).tokens,
            LABELS,
        )
    )
    assert fixed["lehnte"] == ("ROOT", "lehnte")
    assert fixed["Ungarn"] == ("nsubj", "lehnte") and fixed["Gespräche"] == ("obj", "lehnte")
    assert fixed["nicht"][1] == "lehnte" and fixed["ab"] == ("compound:prt", "lehnte")


def test_repair_future_particle_and_bare_noun() -> None:
    # "wird ... stattfinden" is the future; "vor" governing a verb is a particle; a bare noun
    # cannot be a genitive attribute ("der Mann Berufung einlegen").
    future = arcs(
        repair(
            parsed(
                [
                    ("Treffen", "Treffen", "NOUN", "NN", "Case=Nom", "nsubj:pass", 2),
                    ("wird", "werden", "AUX", "VAFIN", "VerbForm=Fin", "aux:pass", 2),
                    ("stattfinden", "stattfinden", "VERB", "VVINF", "VerbForm=Inf", "ROOT", 2),
                ]
            ).tokens,
            LABELS,
        )
    )
    assert future["wird"] == ("aux", "stattfinden") and future["Treffen"][0] == "nsubj"
    particle = arcs(
        repair(
            parsed(
                [
                    ("Schmid", "Schmid", "PROPN", "NE", "Case=Nom", "nsubj", 1),
                    ("wirft", "werfen", "VERB", "VVFIN", "VerbForm=Fin", "ROOT", 1),
                    ("Schelling", "Schelling", "PROPN", "NE", "Case=Acc", "obj", 1),
                    ("vor", "vor", "ADP", "APPR", "", "case", 5),
                    ("zu", "zu", "PART", "PTKZU", "", "mark", 5),
                    ("lügen", "lügen", "VERB", "VVINF", "VerbForm=Inf", "xcomp", 1),
                ]
            ).tokens,
            LABELS,
        )
    )
    assert particle["vor"] == ("compound:prt", "wirft")
    bare = arcs(
        repair(
            parsed(
                [
                    ("sollte", "sollen", "AUX", "VMFIN", "Mood=Sub|VerbForm=Fin", "aux", 4),
                    ("der", "der", "DET", "ART", "Case=Nom", "det", 2),
                    ("Mann", "Mann", "NOUN", "NN", "Case=Nom", "nsubj", 4),
                    ("Berufung", "Berufung", "NOUN", "NN", "Case=Gen", "flat", 2),
                    ("einlegen", "einlegen", "VERB", "VVINF", "VerbForm=Inf", "ROOT", 4),
                ]
            ).tokens,
            LABELS,
        )
    )
    assert bare["Berufung"] == ("obj", "einlegen")


def test_the_parser_gets_one_space_and_no_dateline_and_offsets_still_hold() -> None:
    text = "Wien – Die  Koalition   baue ab."
    article = Article(text, language="de", sentences=[Sentence(0, 0, len(text), 1)])
    seen: list[str] = []

    def handler(sentence: str, language: str) -> list[Token] | None:
        seen.append(sentence)
        return whitespace_parser(sentence, language)

    (parse,) = parse_sentences(article, MockSyntax(handler))
    assert seen == ["Die Koalition baue ab."]
    assert [text[t.start : t.end] for t in parse.tokens] == ["Die", "Koalition", "baue", "ab."]


def test_konjunktiv_forms_and_verbs_read_as_adjectives() -> None:
    from newsevents.syntax.morphology import GermanMorphology, recover_finite_verb

    tokens = parsed(
        [
            ("Das", "der", "PRON", "PDS", "Case=Nom", "nsubj", 1),
            ("berge", "bergen", "VERB", "VVFIN", "Mood=Ind|Tense=Past|VerbForm=Fin", "ROOT", 1),
            ("Zynismus", "Zynismus", "NOUN", "NN", "Case=Acc", "obj", 1),
        ]
    ).tokens
    morphology = GermanMorphology()
    fixed = recover_finite_verb(tokens, morphology)
    assert fixed[1].feature("Mood") == "Sub" and fixed[1].feature("Tense") == "Pres"
    if morphology.ready():  # HanTa installed: it knows "lehnte" is a finite verb
        misread = parsed(
            [
                ("Ungarn", "Ungarn", "PROPN", "NE", "", "nsubj", 2),
                ("lehnte", "lehnt", "ADJ", "ADJA", "", "amod", 2),
                ("Gespräche", "Gespräch", "NOUN", "NN", "", "ROOT", 2),
            ]
        ).tokens
        verb = recover_finite_verb(misread, morphology)[1]
        assert (verb.tag, verb.pos, verb.lemma) == ("VVFIN", "VERB", "lehnen")
