"""The German frame lexicon's vocabulary pass (entries drawn from news outside the gold with
scripts/mine_frame_vocabulary.py): a sample of the new verbs and nouns on sentences written for
this test, and the options that keep a reading from firing where it is no event. Needs the
German syntax model (skipped otherwise)."""

from __future__ import annotations

import re

import pytest
from framecoding import frame_coded, needs_parser

from newsevents.records import Event

pytestmark = needs_parser("de")

RULE = re.compile(r"(?:verb|noun) '([^']+)'")


def readings(text: str) -> list[tuple[str, str]]:
    """(type, lexicon entry) of each event the frame coder codes from the text."""
    _, events = frame_coded(text, "de")
    return [(e.type, rule) for e in events for rule in _rules(e)]


def _rules(event: Event) -> list[str]:
    return [m.lower() for m in RULE.findall(" ".join(event.explanation))]


@pytest.mark.parametrize(
    ("text", "event_type", "entry"),
    [
        # verbs
        ("Ungarn errichtete am Montag einen Zaun an der Grenze zu Serbien.", "COERCE", "errichten"),
        ("Mazedonien schloss am Mittwoch die Grenze zu Griechenland.", "COERCE", "schließen"),
        ("Die Polizei fasste den mutmaßlichen Täter in Graz.", "COERCE", "fassen"),
        ("Das Innenministerium untersagte die Kundgebung in Linz.", "COERCE", "untersagen"),
        ("Die Polizei schickte die Flüchtlinge nach Slowenien zurück.", "COERCE", "zurückschicken"),
        ("Demonstranten bewarfen die Polizisten in Athen mit Steinen.", "ASSAULT", "bewerfen"),
        ("Drei Jugendliche schlugen in Wien einen Mann zusammen.", "ASSAULT", "zusammenschlagen"),
        ("Die syrische Armee bekämpft die Rebellen in Aleppo.", "ASSAULT", "bekämpfen"),
        ("Nordkorea feuerte am Sonntag zwei Raketen ab.", "ASSAULT", "abfeuern"),
        (
            "Die Opposition distanzierte sich von dem Vorschlag des Ministers.",
            "REJECT",
            "distanzieren",
        ),
        ("Der Minister stellte die Vorwürfe der Opposition in Abrede.", "REJECT", "stellen"),
        ("Die Türkei ignorierte die Forderung der Europäischen Union.", "REJECT", "ignorieren"),
        ("Der Vizekanzler trat den Vorwürfen entgegen.", "REJECT", "entgegentreten"),
        ("Die Koalition wirbt bei der Opposition um Zustimmung.", "REQUEST", "werben"),
        ("Merkel warb in Paris für den Vertrag.", "SUPPORT", "werben"),
        (
            "Die Regierung in Ankara wies das Militär an, die Grenze zu sichern.",
            "REQUEST",
            "anweisen",
        ),
        ("Die Gewerkschaft beharrt auf höheren Löhnen.", "REQUEST", "beharren"),
        ("Der Präsident stärkte dem Minister den Rücken.", "SUPPORT", "stärken"),
        ("Der Minister kam der Opposition entgegen.", "CONCEDE", "entgegenkommen"),
        (
            "Der Minister beschwerte sich beim Botschafter über die Berichte.",
            "ACCUSE",
            "beschweren",
        ),
        ("Serbien und Kosovo besiegelten am Freitag ein Abkommen.", "AGREE", "besiegeln"),
        ("Die Rebellen nahmen das Angebot der Regierung an.", "AGREE", "annehmen"),
        ("Die Niederlande schlossen ihre Botschaft in Damaskus.", "SANCTION", "schließen"),
        ("Die Regierung setzte 500 Soldaten an der Grenze ein.", "MOBILIZE", "einsetzen"),
        (
            "Das Verteidigungsministerium versetzte die Armee in Alarmbereitschaft.",
            "MOBILIZE",
            "versetzen",
        ),
        ("Der Gefangene kam am Montag frei.", "RETREAT", "freikommen"),
        # nouns with their support verbs
        (
            "Die Staatsanwaltschaft erließ Haftbefehl gegen den Bürgermeister.",
            "COERCE",
            "haftbefehl",
        ),
        ("Die Regierung verhängte den Ausnahmezustand.", "COERCE", "ausnahmezustand"),
        (
            "Es kam zu Ausschreitungen zwischen Polizei und Demonstranten.",
            "PROTEST",
            "ausschreitung",
        ),
        ("Die SPÖ sprach dem Kanzler das Vertrauen aus.", "SUPPORT", "vertrauen"),
        (
            "Die Regierung leitete eine Untersuchung gegen den General ein.",
            "ACCUSE",
            "untersuchung",
        ),
        (
            "Die Armee führte einen Vergeltungsschlag gegen die Rebellen.",
            "ASSAULT",
            "vergeltungsschlag",
        ),
    ],
)
def test_new_entry_codes_its_event(text: str, event_type: str, entry: str) -> None:
    assert (event_type, entry) in readings(text)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # objects: the reading needs its noun
        ("Die Gemeinde errichtete im Sommer eine neue Schule.", "errichten"),
        ("Der Klub feuerte den Trainer.", "feuern"),
        ("Die Partei nahm am Montag drei neue Mitglieder an.", "annehmen"),
        ("Die Regierung will die Korruption bekämpfen.", "bekämpfen"),
        # persons: only a person or group undergoes it
        ("Der Landtag fasste am Dienstag einen Beschluss über das Budget.", "fassen"),
        ("Der Schiedsrichter verwarnte den Spieler.", "verwarnen"),
        # clause: an instruction governs what is to be done
        ("Der Bürgermeister ist auf die Unterstützung des Landes angewiesen.", "anweisen"),
        # prep: with whom
        ("Der Außenminister besprach die Lage.", "besprechen"),
        # no compound of "Schlag" but the attacks: "Vorschlag" is none
        ("Die Regierung gab die Vorschläge der Gewerkschaft bekannt.", "vorschlag"),
    ],
)
def test_option_blocks_the_reading(text: str, entry: str) -> None:
    assert entry not in {rule for _, rule in readings(text)}
