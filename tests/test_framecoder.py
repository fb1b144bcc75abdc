"""The frame coder (events from clause frames) on German sentences written for this test, with
the German syntax model where it is installed (skipped otherwise)."""

from __future__ import annotations

from framecoding import codes, frame_coded, needs_parser

from newsevents.records import Article, Event

pytestmark = needs_parser("de")


def coded(text: str) -> tuple[Article, list[Event]]:
    return frame_coded(text, "de")


def test_separable_verb_and_its_object() -> None:
    article, events = coded(
        "Die Türkei forderte Griechenland am Montag auf, die Gespräche fortzusetzen."
    )
    (event,) = events
    assert event.type == "REQUEST" and event.trigger == "forderte ... auf"
    assert codes(article, event.actors) == {"TUR"} and codes(article, event.recipients) == {"GRC"}
    assert event.date is not None and event.date.basis == "stated"


def test_passive_agent_is_the_actor_and_the_subject_the_recipient() -> None:
    article, events = coded(
        "Ein Journalist wurde in Istanbul von der türkischen Polizei festgenommen."
    )
    (event,) = events
    assert event.type == "COERCE"
    assert codes(article, event.actors) == {"TUR"}
    assert any("Journalist" in article.actors[r].name for r in event.recipients)


def test_pronoun_subject_takes_the_person_named_before() -> None:
    article, events = coded(
        "Außenministerin Annalena Baerbock reiste am Montag nach Kiew. "
        "Dort kritisierte sie Russland scharf."
    )
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and codes(article, accuse[0].recipients) == {"RUS"}
    assert any("'sie' -> " in line for line in accuse[0].explanation)


def test_no_date_is_carried_from_an_unrelated_pluperfect_clause() -> None:
    _, events = coded(
        "Die USA waren im Mai 2018 aus dem Abkommen ausgestiegen. "
        "Ein Gesandter Frankreichs traf in Teheran mit dem iranischen Außenminister zusammen."
    )
    meeting = [e for e in events if e.type == "CONSULT"]
    assert meeting and (meeting[0].date is None or meeting[0].date.basis != "carried")


def test_no_event_from_a_teaser_list() -> None:
    _, events = coded(
        "Die Polizei nahm am Montag in Wien zwei Verdächtige fest.\n\n"
        "Die Top-Themen der MSN-Leser:\n"
        "Russland greift Kiew mit Drohnen an\n"
        "Merkel kritisiert Orban scharf\n\n"
        "Mehr auf MSN"
    )
    assert [e.type for e in events] == ["COERCE"]


def test_a_statement_goes_on_without_its_speaker_being_named_again() -> None:
    article, events = coded(
        "Der SPÖ-Abgeordnete Karl Huber warf der Regierung am Montag Wortbruch vor. "
        "Das sei zynisch und unverantwortlich."
    )
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert len(accuse) == 2
    assert accuse[0].actors == accuse[1].actors and codes(article, accuse[1].actors) == {"AUT"}
    assert accuse[1].status == "occurred"


def test_a_condition_with_its_auxiliary_first_is_hypothetical() -> None:
    _, events = coded(
        "Sollte Russland die Ukraine erneut angreifen, werde die EU reagieren, sagte Borrell."
    )
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and assault[0].status == "hypothetical"


def test_a_title_and_the_name_after_it_are_one_party() -> None:
    article, events = coded(
        "Der kenianische Außenminister Musalia Mudavadi empfing seinen äthiopischen "
        "Amtskollegen Taye Atske Selassie in Nairobi."
    )
    (event,) = events
    assert event.type == "CONSULT"
    assert codes(article, event.actors) == {"ETH"} and codes(article, event.recipients) == {"KEN"}
