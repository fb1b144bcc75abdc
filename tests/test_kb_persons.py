"""Tests of the persons of the knowledge base (data/kb/persons.yaml, newsevents.kb.persons)."""

from __future__ import annotations

from importlib.resources import files

import pytest
import yaml

from newsevents.kb.base import KnowledgeBase, default_kb
from newsevents.kb.persons import load_yaml, read_persons

KB_DIR = files("newsevents") / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def persons(kb: KnowledgeBase, text: str, language: str) -> list[tuple[str, str | None]]:
    """(matched text, country) of the persons found in a text, in text order."""
    out = []
    for match in kb.find(text, language):
        entry = kb.entry(match.entry_id)
        if entry.kind == "person":
            out.append((match.text, entry.country))
    return out


# --- the data file ------------------------------------------------------------------------------


def test_bundled_yaml_parses_as_pyyaml_does() -> None:
    # load_yaml builds plain data from parser events; it must agree with PyYAML on our files.
    for name in ("persons.yaml", "organizations.yaml", "roles.yaml"):
        text = (KB_DIR / name).read_text("utf-8")
        assert load_yaml(text) == yaml.safe_load(text), name


def test_persons_file_is_well_formed() -> None:
    data = load_yaml((KB_DIR / "persons.yaml").read_text("utf-8"))
    people = data["persons"]
    assert len(people) >= 400
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids))
    allowed = {"id", "name", "country", "code", "sector", "roles", "aliases", "surname"}
    surnames: dict[str, str] = {}
    for person in people:
        assert set(person) <= allowed, person["id"]
        assert person["roles"], person["id"]
        assert person["sector"], person["id"]
        country = person.get("country")
        assert country is None or (len(country) == 3 and country.isupper()), person["id"]
        for surname in person.get("surname") or []:
            assert surnames.setdefault(surname, person["id"]) == person["id"], surname


def test_countries_of_persons_exist(kb: KnowledgeBase) -> None:
    for entry in kb.entries("person"):
        if entry.country is not None:
            assert f"country:{entry.country}" in kb, entry.id


def test_un_officials_are_igo(kb: KnowledgeBase) -> None:
    annan = kb.entry("person:kofi-annan")
    assert (annan.kind, annan.code, annan.country, annan.sector) == ("person", "IGO", None, "IGO")


# --- matching -----------------------------------------------------------------------------------


def test_german_full_names_with_transliteration_and_diacritics(kb: KnowledgeBase) -> None:
    text = "Wladimir Putin traf Recep Tayyip Erdoğan in Sotschi."
    assert persons(kb, text, "de") == [("Wladimir Putin", "RUS"), ("Recep Tayyip Erdoğan", "TUR")]
    ids = [m.entry_id for m in kb.find(text, "de") if m.entry_id.startswith("person:")]
    assert ids == ["person:vladimir-putin", "person:recep-tayyip-erdogan"]


def test_ascii_spelling_is_generated(kb: KnowledgeBase) -> None:
    assert persons(kb, "Erdogan und Orban telefonierten.", "de") == [
        ("Erdogan", "TUR"),
        ("Orban", "HUN"),
    ]


def test_title_and_surname(kb: KnowledgeBase) -> None:
    found = kb.find("President Museveni said the talks would resume on Monday.", "en")
    person = [m for m in found if m.entry_id.startswith("person:")]
    assert [(m.text, m.form) for m in person] == [("Museveni", "surname")]
    entry = kb.entry(person[0].entry_id)
    assert (entry.country, entry.sector) == ("UGA", "GOV")


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Putins Sprecher wies die Vorwürfe zurück.", "Putins", "RUS"),
        ("Ein Berater Selenskyjs reiste nach Brüssel.", "Selenskyjs", "UKR"),
        ("Die Regierung Wolodymyr Selenskyjs widersprach.", "Wolodymyr Selenskyjs", "UKR"),
        ("Kritiker Erdoğans wurden festgenommen.", "Erdoğans", "TUR"),
    ],
)
def test_german_genitive(kb: KnowledgeBase, text: str, surface: str, country: str) -> None:
    assert persons(kb, text, "de") == [(surface, country)]


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Sudan's Omar al-Bashir arrived in Cairo.", "Omar al-Bashir", "SDN"),
        ("Al-Bashir rejected the court's warrant.", "Al-Bashir", "SDN"),
        ("Zelenskyy thanked the allies.", "Zelenskyy", "UKR"),
        ("Secretary-General Kofi Annan called for calm.", "Kofi Annan", None),
    ],
)
def test_english_variants(kb: KnowledgeBase, text: str, surface: str, country: str | None) -> None:
    assert persons(kb, text, "en") == [(surface, country)]


def test_full_name_wins_over_a_shared_surname(kb: KnowledgeBase) -> None:
    found = [m.entry_id for m in kb.find("Hillary Clinton met Bill Clinton.", "en")]
    assert found == ["person:hillary-clinton", "person:bill-clinton"]
    assert [m.entry_id for m in kb.find("Clinton vetoed the bill.", "en")] == [
        "person:bill-clinton"
    ]


def test_names_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert persons(kb, "the trump card and a bush fire", "en") == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("Zum Essen gab es Kohl mit Kartoffeln.", "de"),  # Kohl: stoplisted in German
        ("Kurz darauf begann die Sitzung.", "de"),  # Kurz
        ("Das Klima in der Partei ist angespannt.", "de"),  # Klima
        ("Der Kern des Problems bleibt.", "de"),  # Kern
        ("May brought heavy rain to the region.", "en"),  # May
        ("Major roads were closed after the storm.", "en"),  # Major
        ("Store owners protested the new tax.", "en"),  # Støre, folded to ASCII
        ("Rice prices rose again.", "en"),  # Rice
    ],
)
def test_stoplisted_surnames_do_not_match_alone(
    kb: KnowledgeBase, text: str, language: str
) -> None:
    assert persons(kb, text, language) == []


def test_stoplisted_surname_still_matches_in_full_name(kb: KnowledgeBase) -> None:
    assert persons(kb, "Helmut Kohl und Theresa May", "de") == [
        ("Helmut Kohl", "DEU"),
        ("Theresa May", "GBR"),
    ]
    assert persons(kb, "Chancellor Kohl met Mitterrand.", "en") == [
        ("Kohl", "DEU"),
        ("Mitterrand", "FRA"),
    ]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Der Tennisspieler Schmidt-Haider verlor.", "de"),  # second part of a double name
        ("Goalkeeper Volkan Demirel saved a penalty.", "en"),  # another person's given name
        ("Chris Paisley finished third.", "en"),  # given name of someone in the list
        ("Botschafter Kamran Abbas Malik sprach.", "de"),  # a middle name
    ],
)
def test_surname_of_someone_else(kb: KnowledgeBase, text: str, language: str) -> None:
    assert persons(kb, text, language) == []


def test_surname_after_a_title_or_at_sentence_start(kb: KnowledgeBase) -> None:
    assert persons(kb, "Auch Merkel sprach.", "de") == [("Merkel", "DEU")]
    assert persons(kb, "Kanzlerin Merkel sprach.", "de") == [("Merkel", "DEU")]
    assert persons(kb, "Mr Mubarak resigned.", "en") == [("Mubarak", "EGY")]


def test_person_aliases_per_language() -> None:
    data = load_yaml((KB_DIR / "persons.yaml").read_text("utf-8"))
    _, aliases = read_persons(data)
    putin = {(a.language, a.surface) for a in aliases if a.target == "person:vladimir-putin"}
    assert ("de", "Wladimir Putin") in putin and ("de", "Putins") in putin
    assert ("en", "Vladimir Putin") in putin and ("en", "Putins") not in putin
    assert ("en", "Wladimir Putin") not in putin  # German spellings stay German


def test_common_misspelling_of_a_known_name(kb: KnowledgeBase) -> None:
    # "Mitterand" is how wire copy most often misspells Mitterrand.
    text = "President Francois Mitterand met Mitterand's critics."
    assert persons(kb, text, "en") == [("Francois Mitterand", "FRA"), ("Mitterand", "FRA")]
