"""Criticism said without a verb of criticism: a verb of judging ("hält ... für verwerflich",
"bezeichnete ... als Farce"), a closing ", so X" naming a speaker nothing else knows, a colon
after a verb of saying; and event nouns received ("erntete Kritik von X", "brachte ihm Kritik
ein"). Sentences written for this test. Needs the German syntax model (skipped otherwise)."""

from __future__ import annotations

import pytest
from framecoding import frame_coded, names, needs_parser

from newsevents.records import Article, Event

pytestmark = needs_parser("de")


def accusations(text: str) -> tuple[Article, list[Event]]:
    """The analysed article and its ACCUSE events."""
    article, events = frame_coded(text, "de")
    return article, [e for e in events if e.type == "ACCUSE"]


@pytest.mark.parametrize(
    ("text", "judge"),
    [
        ("Die Bürgermeisterin Anna Berger hält das neue Gesetz für verfassungswidrig.", "Berger"),
        ("Der Abgeordnete Karl Moser bezeichnete den Plan der Regierung als Farce.", "Moser"),
        ("Die Gewerkschaft nannte die Kürzungen unverantwortlich.", "Gewerkschaft"),
    ],
)
def test_judging_verb_makes_its_subject_accuse(text: str, judge: str) -> None:
    article, found = accusations(text)
    assert found, text
    assert any(judge in name for name in names(article, found[0].actors))


@pytest.mark.parametrize(
    "text",
    [
        # a judgement of necessity endorses, it accuses nobody
        "Der Minister Karl Moser bezeichnete die Reform als notwendig.",
        # a judging verb with no judging word
        "Die Bürgermeisterin Anna Berger hält das Gesetz für einen Kompromiss.",
    ],
)
def test_judging_verb_without_criticism_is_no_accusation(text: str) -> None:
    assert not accusations(text)[1]


def test_closing_so_names_an_unknown_speaker() -> None:
    article, found = accusations(
        "Die Regierung hat das Budget beschlossen. Beschämend sei dieses Budget, so das "
        "Tagblatt und der Kurier."
    )
    assert found
    assert {"Tagblatt", "Kurier"} <= names(article, found[0].actors)


def test_so_inside_the_sentence_is_no_speaker() -> None:
    # "so" as an adverb of degree opens no source phrase
    assert not accusations("Die Lage sei so schlimm wie nie, die Straßen waren leer.")[1]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        (
            "Der Minister Karl Moser erntete scharfe Kritik von der Opposition.",
            "Opposition",
            "Moser",
        ),
        (
            "Die Entscheidung brachte dem Kanzler Kritik der Gewerkschaft ein.",
            "Gewerkschaft",
            "Kanzler",
        ),
    ],
)
def test_received_criticism(text: str, actor: str, recipient: str) -> None:
    article, found = accusations(text)
    assert found, text
    assert any(actor in name for name in names(article, found[0].actors))
    assert any(recipient in name for name in names(article, found[0].recipients))


def test_own_support_verb_is_not_received() -> None:
    # "einen Antrag einbringen": the subject files it, nobody receives it
    _, events = frame_coded(
        "Die Opposition brachte im Parlament einen Antrag gegen das Gesetz ein."
    )
    assert all(not e.rule.startswith("frame: noun 'Antrag' received") for e in events)


def test_colon_after_a_verb_of_saying_gives_the_speaker() -> None:
    article, found = accusations(
        "Der Minister Karl Moser stellte am Montag klar: Das Vorgehen der Opposition ist "
        "unverantwortlich."
    )
    assert found
    assert any("Moser" in name for name in names(article, found[0].actors))


def test_headline_after_a_dash_is_its_own_event() -> None:
    article, found = accusations(
        "Die Opposition wirft dem Kanzler Zynismus vor – Auch scharfe Kritik der Gewerkschaft."
    )
    actors = [names(article, e.actors) for e in found]
    assert any(any("Opposition" in n for n in a) for a in actors)
    assert any(any("Gewerkschaft" in n for n in a) for a in actors)


def test_genitive_of_a_noun_of_saying_is_its_speaker() -> None:
    article, found = accusations("Scharfe Kritik der Gewerkschaft an der Regierung.")
    assert found
    assert any("Gewerkschaft" in n for n in names(article, found[0].actors))


def test_genitive_of_an_arrest_is_no_actor() -> None:
    _, events = frame_coded("Festnahme des Journalisten in Istanbul.")
    assert all(not e.actors for e in events)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Die Zeitungen schießen sich auf den neuen Parteichef ein.", "ACCUSE"),
        ("Die Ministerin Anna Berger steht wegen der Reform in der Kritik.", "ACCUSE"),
        ("Der Bürgermeister Karl Moser geriet wegen des Budgets ins Kreuzfeuer.", "ACCUSE"),
        ("Die Opposition ging mit dem Kanzler hart ins Gericht.", "ACCUSE"),
        ("Die Gewerkschaft bot der Regierung die Stirn.", "REJECT"),
    ],
)
def test_idioms_of_criticism_and_defiance(text: str, kind: str) -> None:
    _, events = frame_coded(text, "de")
    assert kind in [e.type for e in events]


def test_standing_before_a_body_is_no_idiom() -> None:
    assert not frame_coded("Der Präsident stand am Montag vor dem Parlament.", "de")[1]


@pytest.mark.parametrize(
    "text",
    [
        "Der Schulsprecher Max Huber bezeichnet den Brief der Kandidatin als problematisch.",
        "Die Gewerkschaft sieht die Pläne der Regierung als höchst fragwürdig.",
    ],
)
def test_judging_the_doubtful(text: str) -> None:
    assert accusations(text)[1], text


def test_addressee_of_an_accusation_with_a_clause() -> None:
    # the accusation itself is the zu-clause, so the one object is the addressee
    article, found = accusations(
        "Der Präsident wirft der Oppositionspartei vor, der verlängerte Arm der Rebellen zu sein."
    )
    assert found
    assert any("Oppositionspartei" in name for name in names(article, found[0].recipients))
