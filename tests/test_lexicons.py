"""Lexicon files: every pattern compiles, keys are valid, and hand-written sentences fire.

The matcher here is deliberately tiny and independent of the engine: a trigger pattern is
compiled as (?<!\\w)(?:PATTERN)(?!\\w), case-insensitively; `requires` must and `excludes` must
not be found anywhere in the sentence. As in the engine, overlapping hits are resolved longest
first (ties: the heavier trigger, then file order), so a sentence "fires" a type when a kept hit
has that type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "newsevents" / "data" / "lexicons"
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
STATUS_KEYS = {"planned", "negated", "hypothetical", "attribution"}
TRIGGER_STATUSES = {None, "planned", "negated", "hypothetical"}
ENTRY_KEYS = {"pattern", "mode", "swap", "requires", "excludes", "status", "weight"}
# Context names used by the gold data, plus the extra ones the lexicons provide.
CONTEXT_NAMES = {
    "military",
    "diplomatic",
    "legal",
    "economic",
    "political",
    "terrorism",
    "refugee",
    "election",
    "resource",
    "government",
    "cbrn",
    "rights",
    "cyber",
    "health",
    "environment",
    "crime",
    "religion",
    "territory",
    "humanitarian",
}
NON_POLITICAL_TYPES = {"ASSAULT", "COERCE", "PROTEST"}


def _files(prefix: str) -> list[Path]:
    return sorted(LEXICON_DIR.glob(f"{prefix}.*.yaml"))


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    type: str
    regex: re.Pattern[str]
    requires: re.Pattern[str] | None
    excludes: re.Pattern[str] | None
    weight: float


@cache
def _triggers(language: str) -> tuple[Trigger, ...]:
    data = _load(LEXICON_DIR / f"events.{language}.yaml")
    result = []
    for event_type, entries in data.items():
        for entry in entries:
            result.append(
                Trigger(
                    event_type,
                    _compile(entry["pattern"]),
                    re.compile(entry["requires"], re.I) if entry.get("requires") else None,
                    re.compile(entry["excludes"], re.I) if entry.get("excludes") else None,
                    float(entry.get("weight", 1.0)),
                )
            )
    return tuple(result)


def fired(sentence: str, language: str) -> set[str]:
    """Types of the non-overlapping trigger hits in a sentence (longest first)."""
    hits: list[tuple[int, int, float, int, str]] = []
    for order, trigger in enumerate(_triggers(language)):
        if trigger.requires and not trigger.requires.search(sentence):
            continue
        if trigger.excludes and trigger.excludes.search(sentence):
            continue
        for match in trigger.regex.finditer(sentence):
            hits.append((match.start(), match.end(), trigger.weight, order, trigger.type))
    hits.sort(key=lambda h: (-(h[1] - h[0]), -h[2], h[3]))
    kept: list[tuple[int, int, float, int, str]] = []
    for hit in hits:
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return {hit[4] for hit in kept}


# --- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", _files("events"), ids=lambda p: p.name)
def test_event_lexicon_structure(path: Path) -> None:
    data = _load(path)
    assert isinstance(data, dict)
    assert set(data) <= PLOVER_TYPES, set(data) - PLOVER_TYPES
    for event_type, entries in data.items():
        assert entries, f"{event_type} has no entries"
        for entry in entries:
            assert isinstance(entry, dict), entry
            assert set(entry) <= ENTRY_KEYS, (event_type, set(entry) - ENTRY_KEYS)
            assert isinstance(entry["pattern"], str) and entry["pattern"].strip()
            _compile(entry["pattern"])
            for key in ("requires", "excludes"):
                if entry.get(key) is not None:
                    assert isinstance(entry[key], str)
                    re.compile(entry[key], re.IGNORECASE)
            mode = entry.get("mode")
            assert mode is None or (isinstance(mode, str) and mode), (event_type, mode)
            assert entry.get("status") in TRIGGER_STATUSES, entry.get("status")
            assert isinstance(entry.get("swap", False), bool)
            assert 0 < float(entry.get("weight", 1.0)) <= 1.0


def test_german_lexicon_covers_every_type() -> None:
    assert set(_load(LEXICON_DIR / "events.de.yaml")) == PLOVER_TYPES


def _check_cue_file(path: Path, allowed: set[str]) -> None:
    data = _load(path)
    assert isinstance(data, dict)
    assert set(data) <= allowed, set(data) - allowed
    for key, patterns in data.items():
        assert isinstance(patterns, list) and patterns, key
        for pattern in patterns:
            assert isinstance(pattern, str) and pattern.strip(), (key, pattern)
            _compile(pattern)
        # the engine joins a key's cues into one alternation
        _compile("|".join(f"(?:{p})" for p in patterns))


@pytest.mark.parametrize("path", _files("contexts"), ids=lambda p: p.name)
def test_context_lexicon_structure(path: Path) -> None:
    _check_cue_file(path, CONTEXT_NAMES)


@pytest.mark.parametrize("path", _files("statuses"), ids=lambda p: p.name)
def test_status_lexicon_structure(path: Path) -> None:
    _check_cue_file(path, STATUS_KEYS)
    assert set(_load(path)) == STATUS_KEYS


def test_lexicon_files_exist_for_both_languages() -> None:
    for prefix in ("events", "contexts", "statuses"):
        names = {p.name for p in _files(prefix)}
        assert {f"{prefix}.de.yaml", f"{prefix}.en.yaml"} <= names, names


# --- sentences -----------------------------------------------------------------------------

GERMAN = [
    ("Die beiden Regierungen einigten sich am Dienstag auf einen Zeitplan.", "AGREE"),
    ("Russland und die Ukraine vereinbarten einen Austausch von Gefangenen.", "AGREE"),
    ("Der Minister sagte der Regierung in Kiew weitere Unterstützung zu.", "AGREE"),
    ("Die Kanzlerin empfing am Montag den französischen Präsidenten im Kanzleramt.", "CONSULT"),
    ("Die Außenminister beider Länder trafen sich in Genf zu Gesprächen.", "CONSULT"),
    ("Putin telefonierte am Abend mit dem türkischen Präsidenten.", "CONSULT"),
    ("Der Präsident sei am Vormittag von König Abdullah empfangen worden.", "CONSULT"),
    ("Die Delegationen erörterten Fragen der regionalen Sicherheit.", "CONSULT"),
    ("Die beiden Staaten unterzeichneten ein Abkommen über den Handel.", "SUPPORT"),
    ("Die Bundesregierung begrüßte die Entscheidung des Sicherheitsrats.", "SUPPORT"),
    ("Die Regierung hob die Ausgangssperre in der Hauptstadt wieder auf.", "CONCEDE"),
    ("Die Rebellen riefen eine einseitige Waffenruhe aus.", "CONCEDE"),
    ("Polizei und Armee beider Länder starteten eine gemeinsame Operation.", "COOPERATE"),
    ("Spanien lieferte den mutmaßlichen Terroristen an Frankreich aus.", "COOPERATE"),
    ("Die EU schickte Hilfsgüter in die umkämpfte Region.", "AID"),
    ("Berlin kündigte weitere Waffenlieferungen an die Ukraine an.", "AID"),
    ("Der Innenminister trat am Freitag nach der Affäre zurück.", "RETREAT"),
    ("Die Entführer ließen die beiden Journalisten nach drei Wochen frei.", "RETREAT"),
    ("Russland zog seine Truppen aus der Region ab.", "RETREAT"),
    ("Die Opposition forderte den sofortigen Rücktritt des Ministers.", "REQUEST"),
    ("Der UN-Generalsekretär rief alle Seiten zur Zurückhaltung auf.", "REQUEST"),
    ("Washington warf Moskau vor, den Waffenstillstand zu verletzen.", "ACCUSE"),
    ("Das Außenministerium bestellte den russischen Botschafter ein.", "ACCUSE"),
    ("Die Staatsanwaltschaft ermittelt gegen den früheren Präsidenten.", "ACCUSE"),
    ("Die Kanzlerin verurteilte den Anschlag aufs Schärfste.", "ACCUSE"),
    ("Die Regierung lehnte den Vorschlag der Opposition ab.", "REJECT"),
    ("Der Sprecher wies die Vorwürfe entschieden zurück.", "REJECT"),
    ("Nordkorea weigerte sich, die Inspektoren ins Land zu lassen.", "REJECT"),
    ("Washington drohte Peking mit neuen Strafzöllen.", "THREATEN"),
    ("Die Regierung stellte den Rebellen ein Ultimatum.", "THREATEN"),
    ("Tausende Menschen demonstrierten am Samstag in Berlin gegen den Krieg.", "PROTEST"),
    ("Im ganzen Land streikten am Montag die Lehrer.", "PROTEST"),
    ("Der inhaftierte Oppositionelle trat in einen Hungerstreik.", "PROTEST"),
    ("Die EU verhängte neue Sanktionen gegen Russland.", "SANCTION"),
    ("Moskau wies zwei deutsche Diplomaten aus.", "SANCTION"),
    ("Die Armee verlegte zusätzliche Truppen an die Grenze.", "MOBILIZE"),
    ("Die Streitkräfte wurden in höchste Alarmbereitschaft versetzt.", "MOBILIZE"),
    ("Die Polizei nahm am Abend mehrere Demonstranten fest.", "COERCE"),
    ("Der Journalist wurde am Flughafen festgenommen.", "COERCE"),
    ("Die Behörden schoben 40 Asylbewerber nach Afghanistan ab.", "COERCE"),
    ("Die Regierung verhängte eine nächtliche Ausgangssperre.", "COERCE"),
    ("Kampfflugzeuge bombardierten in der Nacht Stellungen der Rebellen.", "ASSAULT"),
    ("Bei einem Selbstmordanschlag in Kabul starben 20 Menschen.", "ASSAULT"),
    ("Rebellen griffen einen Konvoi der Armee an.", "ASSAULT"),
    ("Die Armee beschoss die Stadt mit schwerer Artillerie.", "ASSAULT"),
]

ENGLISH = [
    ("The two governments agreed to resume talks next month.", "AGREE"),
    ("The foreign ministers met in Geneva on Tuesday.", "CONSULT"),
    ("Putin phoned the Turkish president on Monday.", "CONSULT"),
    ("The chancellor hosted the French president in Berlin.", "CONSULT"),
    ("The leaders signed a trade agreement in Hanoi.", "SUPPORT"),
    ("The minister praised the decision of the council.", "SUPPORT"),
    ("The government lifted the curfew on Sunday.", "CONCEDE"),
    ("The president apologized for his remarks.", "CONCEDE"),
    ("The two agencies shared intelligence on the suspects.", "COOPERATE"),
    ("Spain extradited the suspect to France.", "COOPERATE"),
    ("The EU sent humanitarian aid to the refugees.", "AID"),
    ("The minister resigned after the scandal.", "RETREAT"),
    ("The rebels released two hostages on Friday.", "RETREAT"),
    ("Russia withdrew its troops from the border.", "RETREAT"),
    ("The opposition demanded new elections.", "REQUEST"),
    ("The secretary-general urged both sides to show restraint.", "REQUEST"),
    ("Washington accused Moscow of violating the treaty.", "ACCUSE"),
    ("The ministry condemned the attack on the embassy.", "ACCUSE"),
    ("The government rejected the proposal.", "REJECT"),
    ("The president threatened to impose sanctions on the country.", "THREATEN"),
    ("Thousands of protesters marched through the capital.", "PROTEST"),
    ("Dock workers went on strike on Monday.", "PROTEST"),
    ("The EU imposed sanctions on Russian banks.", "SANCTION"),
    ("Moscow expelled two British diplomats.", "SANCTION"),
    ("The army deployed troops to the border.", "MOBILIZE"),
    ("Police arrested 20 demonstrators in the capital.", "COERCE"),
    ("The authorities deported 40 migrants.", "COERCE"),
    ("Warplanes bombed rebel positions overnight.", "ASSAULT"),
    ("A suicide bomber blew himself up at a checkpoint in Kabul.", "ASSAULT"),
]

GERMAN_NON_POLITICAL = [
    "Bei dem Hochwasser an der Donau wurden zwei Menschen getötet.",
    "Bei einem Zugunglück in Bayern wurden zehn Menschen getötet und viele verletzt.",
    "Der FC Bayern gewann das Spiel gegen Dortmund mit 3:1, Müller traf zweimal.",
    "Im Angriff fehlte den Wienern in der zweiten Halbzeit die Durchschlagskraft.",
    "Die Aktie der Deutschen Bank gab um drei Prozent nach, der Dax schloss im Minus.",
    "Der Motor streikte kurz vor dem Ziel.",
    "Die Preise für Heizöl explodierten im Winter.",
    "Nach dem Unwetter zerstörten umgestürzte Bäume mehrere Autos.",
]

ENGLISH_NON_POLITICAL = [
    "Two people were killed when floods swept through the village.",
    "Ten passengers died in a train accident near Munich.",
    "Shares in the bank fell three percent on Monday.",
]


@pytest.mark.parametrize(("sentence", "etype"), GERMAN)
def test_german_sentence_fires(sentence: str, etype: str) -> None:
    assert etype in fired(sentence, "de"), fired(sentence, "de")


@pytest.mark.parametrize(("sentence", "etype"), ENGLISH)
def test_english_sentence_fires(sentence: str, etype: str) -> None:
    assert etype in fired(sentence, "en"), fired(sentence, "en")


def test_sentences_cover_every_type() -> None:
    assert {etype for _, etype in GERMAN} == PLOVER_TYPES
    assert len(GERMAN) >= 25 and len(ENGLISH) >= 25


@pytest.mark.parametrize("sentence", GERMAN_NON_POLITICAL)
def test_german_non_political_sentence_is_quiet(sentence: str) -> None:
    assert not fired(sentence, "de") & NON_POLITICAL_TYPES, fired(sentence, "de")


@pytest.mark.parametrize("sentence", ENGLISH_NON_POLITICAL)
def test_english_non_political_sentence_is_quiet(sentence: str) -> None:
    assert not fired(sentence, "en") & NON_POLITICAL_TYPES, fired(sentence, "en")


@pytest.mark.parametrize(
    ("language", "sentence", "status"),
    [
        ("de", "Das Treffen soll im Mai stattfinden.", "planned"),
        ("de", "Das Treffen findet nächste Woche statt.", "planned"),
        ("de", "Die Regierung lehnte das Angebot nicht ab.", "negated"),
        ("de", "Falls Serbien die Grenze schließt, könnte Kosovo reagieren.", "hypothetical"),
        ("de", "Das teilte das Ministerium mit, hieß es.", "attribution"),
        ("en", "The summit is scheduled for May.", "planned"),
        ("en", "The minister did not attend the meeting.", "negated"),
        ("en", "The talks could resume if both sides agree.", "hypothetical"),
        ("en", "The ministry said in a statement.", "attribution"),
    ],
)
def test_status_cues(language: str, sentence: str, status: str) -> None:
    cues = _load(LEXICON_DIR / f"statuses.{language}.yaml")[status]
    assert any(_compile(cue).search(sentence) for cue in cues)


@pytest.mark.parametrize(
    ("language", "sentence", "context"),
    [
        ("de", "Der Außenminister bestellte den Botschafter ein.", "diplomatic"),
        ("de", "Die Armee verlegte Panzer an die Grenze.", "military"),
        ("de", "Der IS bekannte sich zu dem Anschlag.", "terrorism"),
        ("de", "Tausende Flüchtlinge erreichten die Grenze.", "refugee"),
        ("de", "Die Wahl findet im Herbst statt.", "election"),
        ("en", "The ambassador met the foreign minister.", "diplomatic"),
        ("en", "Troops and tanks moved to the front.", "military"),
        ("en", "The court sentenced him to five years.", "legal"),
    ],
)
def test_context_cues(language: str, sentence: str, context: str) -> None:
    cues = _load(LEXICON_DIR / f"contexts.{language}.yaml")[context]
    assert any(_compile(cue).search(sentence) for cue in cues)


def test_context_cues_are_case_sensitive_where_marked() -> None:
    cues = _load(LEXICON_DIR / "contexts.en.yaml")["health"]
    assert not any(_compile(cue).search("She asked who said it.") for cue in cues)
