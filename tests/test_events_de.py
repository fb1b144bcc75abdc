"""German event coding on sentences of our own: every PLOVER type and every status."""

from __future__ import annotations

import pytest

from newsevents import extract
from newsevents.records import Event

PUBLISHED = "2024-03-15"  # a Friday

# (sentence, type, actor codes, recipient codes, status); codes compare as sets, and for
# symmetric events actor and recipient sets are compared together.
CASES = [
    (
        "Deutschland und Frankreich haben am Dienstag in Berlin über die Energiepolitik beraten.",
        "CONSULT",
        {"DEU", "FRA"},
        set(),
        "occurred",
    ),
    (
        "Der polnische Außenminister besuchte am Montag Litauen.",
        "CONSULT",
        {"POL"},
        {"LTU"},
        "occurred",
    ),
    (
        "Japan und Südkorea einigten sich am Mittwoch auf einen gemeinsamen Fahrplan.",
        "AGREE",
        {"JPN", "KOR"},
        set(),
        "occurred",
    ),
    (
        "Das nächste Treffen Spaniens und Portugals soll im Mai in Lissabon stattfinden.",
        "AGREE",
        {"ESP", "PRT"},
        set(),
        "planned",
    ),
    ("Die Niederlande lobten die Reformen der Ukraine.", "SUPPORT", {"NLD"}, {"UKR"}, "occurred"),
    (
        "Die Regierung Kolumbiens machte den Rebellen Zugeständnisse bei der Landreform.",
        "CONCEDE",
        {"COL"},
        set(),
        "occurred",
    ),
    (  # announced cooperation is AGREE, planned (annotation guide, gold/README.md)
        "Norwegen und Schweden wollen bei der Grenzsicherung enger zusammenarbeiten.",
        "AGREE",
        {"NOR", "SWE"},
        set(),
        "planned",
    ),
    (
        "Österreich und Ungarn führten an der Grenze eine gemeinsame Razzia durch.",
        "COOPERATE",
        {"AUT", "HUN"},
        set(),
        "occurred",
    ),
    ("Kanada schickte humanitäre Hilfe in den Sudan.", "AID", {"CAN"}, {"SDN"}, "occurred"),
    ("Russland zog seine Truppen aus der Region ab.", "RETREAT", {"RUS"}, set(), "occurred"),
    (
        "Die Türkei forderte Griechenland auf, die Gespräche fortzusetzen.",
        "REQUEST",
        {"TUR"},
        {"GRC"},
        "occurred",
    ),
    (
        "Die chinesische Regierung warf Japan vor, die Lage zu verschärfen.",
        "ACCUSE",
        {"CHN"},
        {"JPN"},
        "occurred",
    ),
    ("Israel wies die Vorwürfe Ägyptens zurück.", "REJECT", {"ISR"}, {"EGY"}, "occurred"),
    ("Nordkorea drohte Südkorea mit Vergeltung.", "THREATEN", {"PRK"}, {"KOR"}, "occurred"),
    (
        "In Belgrad demonstrierten am Samstag Tausende Serben gegen die Regierung.",
        "PROTEST",
        {"SRB"},
        set(),
        "occurred",
    ),
    (
        "Die Europäische Union verhängte neue Sanktionen gegen Belarus.",
        "SANCTION",
        {"IGO"},
        {"BLR"},
        "occurred",
    ),
    (
        "Armenien verlegte Truppen an die Grenze zu Aserbaidschan.",
        "MOBILIZE",
        {"ARM"},
        set(),
        "occurred",
    ),
    (
        "Die iranische Polizei nahm am Freitag mehrere Journalisten fest.",
        "COERCE",
        {"IRN"},
        set(),
        "occurred",
    ),
    (
        "Russische Truppen beschossen die ukrainische Stadt Charkiw.",
        "ASSAULT",
        {"RUS"},
        {"UKR"},
        "occurred",
    ),
    ("Ungarn lehnte Gespräche mit der Slowakei nicht ab.", "REJECT", {"HUN"}, {"SVK"}, "negated"),
    (
        "Falls Serbien die Grenze schließt, könnte Kosovo Sanktionen verhängen.",
        "SANCTION",
        {"XKX"},
        set(),
        "hypothetical",
    ),
    (
        "Italien und Libyen vereinbarten am Donnerstag eine engere Zusammenarbeit.",
        "AGREE",
        {"ITA", "LBY"},
        set(),
        "occurred",
    ),
    (
        "Der indische Premierminister empfing am Montag den Präsidenten Brasiliens.",
        "CONSULT",
        {"BRA"},
        {"IND"},
        "occurred",
    ),
]


def _codes(event: Event, result_actors: dict[str, str | None], ids: list[str]) -> set[str]:
    return {result_actors.get(i) or "" for i in ids}


@pytest.mark.parametrize(("sentence", "etype", "actors", "recipients", "status"), CASES)
def test_german_sentence(
    sentence: str, etype: str, actors: set[str], recipients: set[str], status: str
) -> None:
    result = extract(sentence, language="de", published=PUBLISHED)
    codes = {
        a.id: (a.code if a.code in {"IGO", "NGO"} else a.country or a.code) for a in result.actors
    }
    matching = [e for e in result.events if e.type == etype]
    assert matching, f"no {etype} in {[(e.type, e.trigger) for e in result.events]}"
    event = matching[0]
    got_actors = _codes(event, codes, event.actors)
    got_recipients = _codes(event, codes, event.recipients)
    if event.symmetric or not recipients:
        assert got_actors | got_recipients >= actors | recipients, (got_actors, got_recipients)
        assert got_actors & actors
    else:
        assert (got_actors, got_recipients) == (actors, recipients)
    assert event.status == status


def test_every_type_and_status_is_covered() -> None:
    from newsevents.lang.lexicons import ontology

    assert {case[1] for case in CASES} == set(ontology())
    assert {case[4] for case in CASES} == {"occurred", "planned", "negated", "hypothetical"}
