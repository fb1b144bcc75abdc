"""English actors and their countries: titles, context, ethnic groups, typos, datelines.

Every sentence here is our own; each test names the rule it exercises (newsevents.mentions:
finder, context_countries, groups, fuzzy_countries).
"""

from __future__ import annotations

import pytest

from newsevents.actors import link as actors
from newsevents.kb.base import default_kb
from newsevents.lang.profile import Lexicons
from newsevents.mentions.context_countries import negated_before
from newsevents.mentions.finder import find_mentions
from newsevents.mentions.fuzzy_countries import FuzzyCountries, one_edit_apart
from newsevents.records import Article
from newsevents.text import clean, sentences
from newsevents.text.read import ReadOptions, make_article

LEXICONS = Lexicons()


class NoNer:
    """A NER backend that finds nothing, so that the rules alone are tested."""

    def entities(self, text: str, language: str) -> list[tuple[int, int, str]]:
        return []


class FixedNer:
    """A NER backend that returns the persons it was given, wherever they occur."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def entities(self, text: str, language: str) -> list[tuple[int, int, str]]:
        found = []
        for name in self.names:
            start = text.find(name)
            if start != -1:
                found.append((start, start + len(name), "PER"))
        return found


def analysed(text: str, ner: NoNer | FixedNer | None = None) -> Article:
    """Cleaned, split, with mentions and actors: the stages up to events."""
    article = make_article(text, "<test>", ReadOptions(language="en"))
    profile = LEXICONS.profile(article.language or "en")
    article = sentences.split(clean.clean(article), profile.sentences)
    article.mentions = find_mentions(article, default_kb(), profile, ner or NoNer())
    return actors.link(article, default_kb(), profile.pair_links)


def code_of(article: Article, surface: str) -> str | None:
    """Country (or IGO/NGO/IMG code) of the actor of the mention with this exact text."""
    for mention in article.mentions:
        if mention.text == surface and mention.actor_id in article.actors:
            actor = article.actors[mention.actor_id]
            return actor.country or actor.code
    raise AssertionError(f"no actor mention {surface!r} in {article.text!r}")


def texts(article: Article) -> list[str]:
    return [m.text for m in article.mentions]


# --- persons named with a title ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person, code",
    [
        (
            "Judge Alejandro Rivera opened an inquiry into 28 Chilean officials on Friday.",
            "Alejandro Rivera",
            "CHL",
        ),
        ("President Anna Kowalczyk said Poland would not be rushed.", "Anna Kowalczyk", "POL"),
        ("Prime Minister Tomas Reyes flew to Manila on Monday.", "Tomas Reyes", "PHL"),
    ],
)
def test_titled_person_takes_the_only_country_of_the_sentence(
    text: str, person: str, code: str
) -> None:
    assert code_of(analysed(text), person) == code


def test_titled_person_with_two_countries_in_the_sentence_gets_none() -> None:
    article = analysed("President Anna Kowalczyk told Germany and France she would stay.")
    assert code_of(article, "Anna Kowalczyk") is None


def test_title_of_an_international_body_is_not_the_sentence_country() -> None:
    article = analysed("UN envoy Maria Lindqvist said Syria had agreed to the talks.")
    assert code_of(article, "Maria Lindqvist") is None


def test_person_without_title_takes_the_country_of_the_apposition() -> None:
    text = "Karim Haddad, Algeria's best-known human rights activist, began a hunger strike."
    article = analysed(text, FixedNer("Karim Haddad"))
    assert code_of(article, "Karim Haddad") == "DZA"


# --- collectives without a country ------------------------------------------------------------


def test_civilians_take_the_country_of_the_place() -> None:
    article = analysed("In Mogadishu, hundreds of traders protested against new fees.")
    assert code_of(article, "traders") == "SOM"


def test_collective_takes_the_only_country_the_sentence_names() -> None:
    article = analysed("Islamic fundamentalists demanded the resignation of the Algerian premier.")
    assert code_of(article, "fundamentalists") == "DZA"


def test_national_organisation_stands_for_its_country_when_no_country_is_named() -> None:
    article = analysed("IPOB accused the federal government of persecuting activists.")
    assert code_of(article, "federal government") == "NGA"


def test_anti_country_is_not_the_owner() -> None:
    article = analysed("A prominent anti-Syria journalist was killed in Beirut on Monday.")
    assert code_of(article, "journalist") == "LBN"
    assert negated_before("pro-Moscow", 4) and not negated_before("the Moscow", 4)


def test_dateline_gives_the_country_of_an_official_named_by_title_only() -> None:
    text = (
        "ABUJA: Police arrested 14 protesters on Saturday.\n\n"
        "A government spokesman rejected the criticism on Sunday."
    )
    assert code_of(analysed(text), "government spokesman") == "NGA"


def test_official_without_dateline_or_country_stays_unresolved() -> None:
    article = analysed("A government spokesman rejected the criticism on Sunday.")
    assert "government spokesman" not in texts(article)


# --- ethnic groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, code",
    [
        (
            "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.",
            "ethnic Albanians",
            "SRB",
        ),
        ("Ethnic Turks in Bulgaria staged a hunger strike.", "Ethnic Turks", "BGR"),
        ("Troops fired on the Albanian population of Macedonia.", "Albanian population", "MKD"),
    ],
)
def test_ethnic_minority_is_coded_with_the_country_it_lives_in(
    text: str, surface: str, code: str
) -> None:
    article = analysed(text)
    assert code_of(article, surface) == code
    assert not any(m.kind == "country" and m.country != code for m in article.mentions)


@pytest.mark.parametrize(
    "text, surface, code",
    [
        ("Yoruba leaders said they would back the president.", "Yoruba", "NGA"),
        ("The main Hutu rebel group insisted that Burundi grant more rights.", "Hutu", "BDI"),
        ("Hutu militias crossed into Rwanda overnight.", "Hutu", "RWA"),
        ("Shona rebels made demands of the Mozambique government.", "Shona", "MOZ"),
    ],
)
def test_ethnic_group_takes_its_country_or_the_one_the_sentence_names(
    text: str, surface: str, code: str
) -> None:
    assert code_of(analysed(text), surface) == code


def test_group_name_inside_a_longer_name_is_no_group() -> None:
    article = analysed("Karen Bass met voters in Tamil Nadu.")
    assert not any(m.kind == "group" for m in article.mentions)


def test_groups_are_english_only() -> None:
    article = make_article(
        "Die Kurden protestierten in Köln.", "<test>", ReadOptions(language="de")
    )
    profile = LEXICONS.profile("de")
    article = sentences.split(clean.clean(article), profile.sentences)
    mentions = find_mentions(article, default_kb(), profile, NoNer())
    assert not any(m.role == "ethnic group" for m in mentions)


# --- misspelt country names -------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, code",
    [("Ethopia", "ETH"), ("Afganistan", "AFG"), ("Quatar", "QAT"), ("Britian", "GBR")],
)
def test_one_typo_from_a_country_name_is_that_country(word: str, code: str) -> None:
    article = analysed(f"Pakistan rejected an offer from {word} on Monday.")
    assert code_of(article, word) == code


@pytest.mark.parametrize("word", ["Indiana", "Columbia", "Angela", "Hungry", "Americas"])
def test_real_words_near_country_names_are_no_typos(word: str) -> None:
    assert FuzzyCountries(default_kb()).lookup(word) is None


def test_one_edit_apart() -> None:
    assert one_edit_apart("Ethiopia", "Ethopia")  # dropped
    assert one_edit_apart("Qatar", "Quatar")  # inserted
    assert one_edit_apart("Britain", "Britian")  # swapped
    assert not one_edit_apart("Austria", "Australia")
    assert not one_edit_apart("Iran", "Iran")


# --- knowledge-base additions -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, code",
    [
        (
            "The Liberation Tigers of Tamil Eelam denied the report.",
            "Liberation Tigers of Tamil Eelam",
            "LKA",
        ),
        ("The Sudanese government and SPLM/A agreed to a truce.", "SPLM/A", "SDN"),
        ("Al-Qaeda threatened new attacks.", "Al-Qaeda", "IMG"),
        ("A roadside bomb exploded near Samarra on Sunday.", "Samarra", "IRQ"),
        ("The government outlawed the group in Northern Ireland.", "Northern Ireland", "GBR"),
        ("Vietnamese forces shelled Kampuchean guerrilla camps.", "Kampuchean", "KHM"),
        (
            "The International Labor Office urged Israel to ease restrictions.",
            "International Labor Office",
            "IGO",
        ),
    ],
)
def test_knowledge_base_names(text: str, surface: str, code: str) -> None:
    assert code_of(analysed(text), surface) == code


# --- places sharing a name --------------------------------------------------------------------


def test_shared_place_name_follows_the_country_the_sentence_names() -> None:
    lebanon = analysed("Rival militias clashed in Tripoli, the north Lebanese port.")
    assert code_of(lebanon, "Tripoli") == "LBN"
    libya = analysed("Rival militias clashed in Tripoli on Monday.")
    assert code_of(libya, "Tripoli") == "LBY"
