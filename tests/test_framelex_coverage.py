"""The German frame lexicon beyond the tuning sentences: general news verbs of each PLOVER type
(chosen from their frequency in unannotated news, not from gold sentences), and the readings
that must stay no event. Sentences written for this test."""

from __future__ import annotations

import pytest
from framecoding import frame_coded
from framecoding import needs_parser as needs_parser_for

from newsevents.records import Event

needs_parser = needs_parser_for("de")


def coded(text: str) -> list[Event]:
    return frame_coded(text, "de")[1]


@needs_parser
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Rebellen eroberten am Sonntag die Stadt Aleppo.", "ASSAULT"),
        ("Ein Unbekannter hat in Berlin auf zwei Polizisten geschossen.", "ASSAULT"),
        ("Frankreichs Außenminister sprach am Dienstag mit dem iranischen Präsidenten.", "CONSULT"),
        ("Norwegen vermittelt zwischen der Regierung Kolumbiens und den Rebellen.", "CONSULT"),
        ("Die Türkei hat ihren Botschafter aus Österreich abberufen.", "SANCTION"),
        ("Russland setzt sich für eine Waffenruhe in Syrien ein.", "SUPPORT"),
        ("Die Miliz bedroht die Journalisten in der Stadt.", "THREATEN"),
        ("Die Armee schlug den Aufstand im Norden nieder.", "COERCE"),
        ("Die Polizei geht seit Wochen gegen die Opposition vor.", "COERCE"),
        ("Die Sanktionen gegen den Iran wurden am Montag aufgehoben.", "CONCEDE"),
        ("Der Journalist wurde in erster Instanz verurteilt.", "COERCE"),
        ("Die Regierung Polens verurteilte die Äußerungen des Ministers.", "ACCUSE"),
        ("Die Polizei nahm fünf Demonstranten in Haft.", "COERCE"),
        ("Der Journalist wurde am Freitag auf freien Fuß gesetzt.", "RETREAT"),
        ("Rebellen nahmen den Stützpunkt der Armee unter Beschuss.", "ASSAULT"),
        ("Bei dem Anschlag in Kabul starben am Montag zwölf Zivilisten.", "ASSAULT"),
        ("Russland verhängte Strafzölle gegen die Türkei.", "SANCTION"),
    ],
)
def test_general_news_verbs_are_events(text: str, expected: str) -> None:
    assert expected in {e.type for e in coded(text)}


@needs_parser
@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        ("Die Polizei setzte Tränengas und Wasserwerfer ein.", "SUPPORT"),
        ("Die Lehrerin vermittelt den Kindern Wissen über Europa.", "CONSULT"),
        ("Der Minister sprach von einem großen Erfolg.", "CONSULT"),
        ("Die Regierung nimmt die Gesellschaft in die Pflicht.", "COERCE"),  # not "Haft"
        ("Bei dem Unfall auf der Autobahn starben zwei Menschen.", "ASSAULT"),
        (
            "Die Staatsanwaltschaft stellte die Ermittlungen gegen den Bürgermeister ein.",
            "SANCTION",
        ),
    ],
)
def test_other_readings_of_those_verbs_are_not(text: str, unexpected: str) -> None:
    assert unexpected not in {e.type for e in coded(text)}


@needs_parser
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proteste gegen die Regierung in Rumänien.", "PROTEST"),
        ("Angriff auf Polizisten in Kabul.", "ASSAULT"),
        ("Festnahme von Journalisten in der Türkei.", "COERCE"),
        ("Freilassung von zwei Journalisten in Ägypten.", "RETREAT"),  # von: who is freed
    ],
)
def test_a_verbless_headline_names_its_event_by_its_noun(text: str, expected: str) -> None:
    (event,) = coded(text)
    assert event.type == expected and event.recipients


@needs_parser
def test_a_verbless_headline_without_a_party_phrase_is_no_event() -> None:
    assert coded("Neue Rekorde bei den Protesten in der Hauptstadt.") == []
    (event,) = coded("Keine weiteren Verhandlungen mit der Ärztekammer.")
    assert event.status != "occurred"


@needs_parser
def test_victims_at_an_attack_in_a_headline_are_its_recipients() -> None:
    (event,) = coded("Mindestens zwölf Tote bei Anschlag in Kabul.")
    assert event.type == "ASSAULT" and event.trigger == "Anschlag" and event.recipients
    assert coded("Zwei Tote bei Unfall auf der Autobahn.") == []
