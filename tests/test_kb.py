"""Tests of the knowledge base: bundled data, alias matching, roles and user files."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.kb.base import AliasMatch, KnowledgeBase, default_kb

KB_DIR = files("newsevents") / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def hits(kb: KnowledgeBase, text: str, language: str) -> list[tuple[str, str]]:
    """(matched text, entry id) pairs, in text order."""
    return [(m.text, m.entry_id) for m in kb.find(text, language)]


# --- German -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Russland verhandelt mit seinen Nachbarn.", "Russland"),
        ("Die Haltung Russlands blieb unklar.", "Russlands"),
        ("Ein Vertreter der Russischen Föderation sprach.", "Russischen Föderation"),
        ("Die russischen Behörden schwiegen.", "russischen"),
        ("Russische Diplomaten reisten ab.", "Russische"),
    ],
)
def test_german_forms_of_russia(kb: KnowledgeBase, text: str, surface: str) -> None:
    assert hits(kb, text, "de") == [(surface, "country:RUS")]


def test_german_adjective_and_genitive_of_pakistan(kb: KnowledgeBase) -> None:
    text = "Der Sprecher des pakistanischen Kabinetts lobte die Rolle Pakistans."
    assert hits(kb, text, "de") == [("pakistanischen", "country:PAK"), ("Pakistans", "country:PAK")]


def test_feminine_and_plural_country_names(kb: KnowledgeBase) -> None:
    text = "Gespräche zwischen der Türkei, den USA und den Niederlanden."
    assert hits(kb, text, "de") == [
        ("Türkei", "country:TUR"),
        ("USA", "country:USA"),
        ("Niederlanden", "country:NLD"),
    ]


def test_hyphenated_adjectives_give_two_countries(kb: KnowledgeBase) -> None:
    text = "Der palästinensisch-israelischen Annäherung fehlt ein Plan."
    found = kb.find(text, "de")
    assert [(m.text, m.entry_id, m.form) for m in found] == [
        ("palästinensisch", "country:PSE", "adjective"),
        ("israelischen", "country:ISR", "adjective"),
    ]


def test_hyphenated_country_pair(kb: KnowledgeBase) -> None:
    text = "Die Kommission Russland-Pakistan tagt jährlich."
    assert hits(kb, text, "de") == [("Russland", "country:RUS"), ("Pakistan", "country:PAK")]


def test_international_organisations_in_german(kb: KnowledgeBase) -> None:
    text = (
        "Beide Staaten wollen bei den Vereinten Nationen und in der Shanghaier Organisation "
        "für Zusammenarbeit enger kooperieren."
    )
    found = hits(kb, text, "de")
    assert found == [
        ("Vereinten Nationen", "org:UN"),
        ("Shanghaier Organisation für Zusammenarbeit", "org:SCO"),
    ]
    for _, entry_id in found:
        entry = kb.entry(entry_id)
        assert entry.kind == "organization"
        assert entry.code == "IGO"


def test_abbreviations_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert hits(kb, "Die UN und die EU beraten.", "de") == [("UN", "org:UN"), ("EU", "org:EU")]
    assert hits(kb, "Wir sehen uns beim Essen, und dann.", "de") == []


def test_german_city_exonym_is_a_place_in_its_country(kb: KnowledgeBase) -> None:
    (match,) = kb.find("Das nächste Treffen findet in Moskau statt.", "de")
    entry = kb.entry(match.entry_id)
    assert match.text == "Moskau"
    assert entry.kind == "place"
    assert entry.name == "Moscow"
    assert entry.country == "RUS"
    assert entry.lat is not None and 55 < entry.lat < 56


@pytest.mark.parametrize(
    "text, language, name",
    [
        ("Kiew", "de", "Kyiv"),
        ("Kyjiw", "de", "Kyiv"),
        ("Kyiv", "en", "Kyiv"),
        ("Peking", "de", "Beijing"),
        ("Beijing", "en", "Beijing"),
        ("Wien", "de", "Vienna"),
        ("Washington", "en", "Washington"),
        ("Islamabad", "de", "Islamabad"),
        ("Moscow", "en", "Moscow"),
        ("Moskaus", "de", "Moscow"),
    ],
)
def test_city_names(kb: KnowledgeBase, text: str, language: str, name: str) -> None:
    (match,) = kb.find(f"Gestern in {text} und heute.", language)
    assert kb.entry(match.entry_id).name == name


def test_all_caps_dateline(kb: KnowledgeBase) -> None:
    (match,) = kb.find("ISLAMABAD: Die Regierung tagte.", "de")
    assert match.text == "ISLAMABAD"
    assert kb.entry(match.entry_id).country == "PAK"


def test_truncated_compound_regions(kb: KnowledgeBase) -> None:
    text = "Die Lage in Zentral- und Südasien sowie in Nordafrika bleibt angespannt."
    assert hits(kb, text, "de") == [
        ("Zentral-", "region:central_asia"),
        ("Südasien", "region:south_asia"),
        ("Nordafrika", "region:north_africa"),
    ]
    assert kb.entry("region:central_asia").name == "Central Asia"


def test_no_match_inside_words(kb: KnowledgeBase) -> None:
    assert hits(kb, "Die Indiener und die Russlandpolitik.", "de") == []
    assert hits(kb, "Essen und Trinken hält Leib und Seele zusammen.", "de") == []


# --- English ------------------------------------------------------------------------------------


def test_english_adjectives(kb: KnowledgeBase) -> None:
    text = "Hungarian and Romanian officials met on Tuesday."
    assert hits(kb, text, "en") == [("Hungarian", "country:HUN"), ("Romanian", "country:ROU")]


def test_english_country_names(kb: KnowledgeBase) -> None:
    text = "Talks between the United States and Jordan ended early."
    assert hits(kb, text, "en") == [("United States", "country:USA"), ("Jordan", "country:JOR")]


def test_english_abbreviations_and_demonyms(kb: KnowledgeBase) -> None:
    text = "The U.S. envoy met Pakistanis and the UN team in the UK."
    found = [(m.text, m.entry_id, m.form) for m in kb.find(text, "en")]
    assert found == [
        ("U.S.", "country:USA", "abbreviation"),
        ("Pakistanis", "country:PAK", "demonym"),
        ("UN", "org:UN", "abbreviation"),
        ("UK", "country:GBR", "abbreviation"),
    ]


def test_english_truncated_region(kb: KnowledgeBase) -> None:
    text = "Trade across Central and South Asia grew."
    assert hits(kb, text, "en") == [
        ("Central", "region:central_asia"),
        ("South Asia", "region:south_asia"),
    ]


def test_armed_group_has_country_and_sector(kb: KnowledgeBase) -> None:
    (match,) = kb.find("Fighters of the Taliban took the town.", "en")
    entry = kb.entry(match.entry_id)
    assert (entry.code, entry.sector, entry.country) == ("AFG", "REB", "AFG")


# --- roles --------------------------------------------------------------------------------------


def test_german_person_title_with_adjective(kb: KnowledgeBase) -> None:
    text = "Ein stellvertretender Außenminister der Russischen Föderation traf ein."
    ((start, end, role),) = kb.roles(text, "de")
    assert text[start:end] == "stellvertretender Außenminister"
    assert (role.kind, role.sector, role.label) == (
        "person_title",
        "GOV",
        "Deputy Foreign Minister",
    )


def test_german_org_head_in_genitive(kb: KnowledgeBase) -> None:
    text = "So steht es in einer Mitteilung des pakistanischen Außenministeriums."
    ((start, end, role),) = kb.roles(text, "de")
    assert text[start:end] == "Außenministeriums"
    assert (role.kind, role.sector, role.label) == (
        "org_head",
        "GOV",
        "Ministry of Foreign Affairs",
    )


@pytest.mark.parametrize(
    "text, label",
    [
        ("die Botschaft", "Embassy"),
        ("der Botschafter", "Ambassador"),
        ("den Streitkräften", "Armed Forces"),
        ("die Regierungen", "Government"),
        ("die Ministerpräsidentin", "Prime Minister"),
        ("die Rebellen", "Rebels"),
    ],
)
def test_german_role_inflections(kb: KnowledgeBase, text: str, label: str) -> None:
    assert [role.label for _, _, role in kb.roles(text, "de")] == [label]


def test_english_roles(kb: KnowledgeBase) -> None:
    text = "Russia's deputy foreign minister visited the Foreign Ministry and two embassies."
    found = [(text[s:e], role.id) for s, e, role in kb.roles(text, "en")]
    assert found == [
        ("deputy foreign minister", "deputy_foreign_minister"),
        ("Foreign Ministry", "foreign_ministry"),
        ("embassies", "embassy"),
    ]


# --- user files ---------------------------------------------------------------------------------


def test_user_csv_adds_an_actor(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "id,kind,name,code,sector,country,aliases\n"
        "nordwind,organization,Nordwind Brigade,XYZ,REB,,Nordwind|Nordwind-Brigade\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load(extra=[path])
    found = hits(kb, "Die Nordwind-Brigade griff an; Nordwind bestritt das.", "de")
    assert found == [("Nordwind-Brigade", "org:nordwind"), ("Nordwind", "org:nordwind")]
    entry = kb.entry("org:nordwind")
    assert (entry.name, entry.code, entry.sector, entry.country) == (
        "Nordwind Brigade",
        "XYZ",
        "REB",
        None,
    )


def test_user_yaml_entry_for_one_language(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- id: person:doe\n  kind: person\n  name: Jane Doe\n  country: GBR\n"
        "  aliases: [Ms Doe]\n  language: en\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load(extra=[path])
    assert hits(kb, "Ms Doe met Jane Doe.", "en") == [
        ("Ms Doe", "person:doe"),
        ("Jane Doe", "person:doe"),
    ]
    assert hits(kb, "Ms Doe traf sie.", "de") == []


# --- data and API -------------------------------------------------------------------------------


def test_bundled_data_is_complete_and_small() -> None:
    countries = json.loads((KB_DIR / "countries.json").read_text("utf-8"))["countries"]
    codes = {c["iso3"] for c in countries}
    curated = [
        line.split("\t")[0]
        for line in (KB_DIR / "country_adjectives.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith(("#", "iso3"))
    ]
    assert len(curated) == 198  # 193 UN members + PSE, XKX, TWN, VAT, ESH
    assert set(curated) <= codes
    size = sum(len((KB_DIR / name).read_bytes()) for name in ("countries.json", "places.json"))
    assert size < 3_000_000


def test_lookups(kb: KnowledgeBase) -> None:
    assert kb.entry("country:DEU").name == "Germany"
    assert kb.get("country:XXX") is None
    with pytest.raises(KeyError):
        kb.entry("country:XXX")
    capital = kb.capital("PAK")
    assert capital is not None and capital.name == "Islamabad"
    assert kb.country_of(capital.id) == "PAK"
    assert default_kb() is default_kb()


def test_matching_a_long_text_finds_every_repeat(kb: KnowledgeBase) -> None:
    # Speed is measured by `make bench`, not here: this checks that a long text is matched whole.
    text = (
        "In Wien trafen sich Vertreter Russlands, der Türkei und der Vereinten Nationen. "
        "Der ukrainische Botschafter kritisierte die russischen Angriffe auf Charkiw. "
    ) * 32
    found = kb.find(text, "de")
    assert len(found) == 32 * 7


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("RusandPkiäöüß- .,’\nUNISLAMB")), max_size=80))
def test_matches_are_ordered_spans_of_the_text(text: str) -> None:
    kb = default_kb()
    found: list[AliasMatch] = kb.find(text, "de")
    last_end = 0
    for match in found:
        assert last_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
        last_end = match.end
