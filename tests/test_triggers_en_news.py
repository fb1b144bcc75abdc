"""English trigger coder on news sentences of our own: announced resignations and meetings,
praise idioms, campaign help, background phrases, inspectors, joint exercises, ceasefires and
blockades, recaptures, sabotage, retaliation, first-person speakers, conditions, coordinated
verbs, rejected charges, 'according to' sources, censorship orders, wider freedoms, numbers
inside trigger gaps and decimal points.

Each case names the events the sentence must yield (type, actor codes, recipient codes) and
nothing else, as in test_events_en.py.
"""

from __future__ import annotations

import pytest

from newsevents import extract
from newsevents.api import Extraction
from newsevents.lang.profile import Lexicons
from newsevents.text.sentences import split_sentences

PUBLISHED = "2024-03-15"

# (rule, sentence, [(type, actor codes, recipient codes)])
CASES = [
    (
        "an announced resignation is the retreat itself, not a promise",
        "The Chilean president said he would resign.",
        [("RETREAT", {"CHL"}, set())],
    ),
    (
        "'stepping down' is a resignation too",
        "The Swedish defence minister said she would be stepping down next month.",
        [("RETREAT", {"SWE"}, set())],
    ),
    (
        "a meeting offered on a condition is an agreement to meet",
        "Kenyan opposition leaders said they would meet the African Union envoy if the "
        "government released their supporters.",
        [("AGREE", {"KEN"}, {"IGO"})],
    ),
    (
        "praise of a person's word is support",
        "The Brazilian president said Chile's leader was a man of his word.",
        [("SUPPORT", {"BRA"}, {"CHL"})],
    ),
    (
        "full faith in someone is support",
        "The Greek prime minister said he has full faith in the French president.",
        [("SUPPORT", {"GRC"}, {"FRA"})],
    ),
    (
        "inspectors are people: letting them return is the event, not an inspection",
        "Iran said it would allow the return of U.N. inspectors to its nuclear sites.",
        [("AGREE", {"IRN"}, {"IGO"})],
    ),
    (
        "an event after 'on the eve of' is background",
        "Peru expelled two Bolivian diplomats on the eve of a visit by the Chilean president.",
        [("SANCTION", {"PER"}, {"BOL"})],
    ),
    (
        "an event after 'ahead of' is background",
        "Argentina recalled its ambassador to Uruguay ahead of talks with the Brazilian president.",
        [("SANCTION", {"ARG"}, {"URY"})],
    ),
    (
        "a trigger's gap words may be amounts with decimal points and thousands commas",
        "Japan gave Nepal 3.2 million dollars of aid for new schools.",
        [("AID", {"JPN"}, {"NPL"})],
    ),
    (
        "an amount with thousands commas inside an announced delivery",
        "Canada will send 12,000 tons of food aid to Yemen, officials said.",
        [("AGREE", {"CAN"}, {"YEM"})],
    ),
    (
        "war games held by two parties together are cooperation",
        "Indian and French warships launched ten days of war games in the Arabian Sea on Monday.",
        [("COOPERATE", {"IND", "FRA"}, set())],
    ),
    (
        "war games of one party stay a mobilisation",
        "The Russian navy launched war games in the Baltic Sea on Monday.",
        [("MOBILIZE", {"RUS"}, {"RUS"})],
    ),
    (
        "a trigger inside a background phrase's noun phrase is background too",
        "Prices rose in Kenya and Somalia, a rise prompted by the killing of a Kenyan officer in "
        "a bombing in Mogadishu.",
        [],
    ),
    (
        "a promise about one's own country is made to no one",
        "The new Bolivian president promised to democratize Bolivia.",
        [("AGREE", {"BOL"}, set())],
    ),
    (
        "a promise to another country keeps it as recipient",
        "The Bolivian government agreed to reopen its embassy in Chile.",
        [("AGREE", {"BOL"}, {"CHL"})],
    ),
    (
        "a person of one's own country stays the recipient of a promise",
        "Bolivian rebels said they were willing to forgive the Bolivian president.",
        [("AGREE", {"BOL"}, {"BOL"})],
    ),
    (
        "declaring a ceasefire de-escalates: RETREAT",
        "Colombian rebels declared a unilateral ceasefire on Sunday in the south of the country.",
        [("RETREAT", {"COL"}, {"COL"})],
    ),
    (
        "lifting a military blockade de-escalates: RETREAT",
        "The Turkish army lifted a week-long blockade on Kurdish villages near the Iraqi border.",
        [("RETREAT", {"TUR"}, {"TUR"})],
    ),
    (
        "lifting a curfew stays a concession",
        "Ecuador lifted a night curfew in Quito on Tuesday.",
        [("CONCEDE", {"ECU"}, {"ECU"})],
    ),
    (
        "a day between 'welcome' and 'to' keeps the host's welcome",
        "The Brazilian president gave a warm welcome on Monday to the Argentine foreign minister.",
        [("CONSULT", {"BRA"}, {"ARG"})],
    ),
    (
        "recapturing part of a place is an assault",
        "Ukrainian troops have recaptured part of a strategic village in eastern Ukraine.",
        [("ASSAULT", {"UKR"}, {"UKR"})],
    ),
    (
        "blowing up infrastructure is sabotage (COERCE)",
        "Syrian rebels blew up two gas pipelines near Homs on Friday.",
        [("COERCE", {"SYR"}, {"SYR"})],
    ),
    (
        "blowing up anything else stays an assault",
        "Syrian rebels blew up a car near Homs on Friday.",
        [("ASSAULT", {"SYR"}, {"SYR"})],
    ),
    (
        "retaliation done is force",
        '"We have retaliated in kind," the Turkish president said on Monday.',
        [("ASSAULT", {"TUR"}, {"TUR"})],
    ),
    (
        "retaliation with tariffs is no assault",
        "China retaliated with higher tariffs on American soybeans.",
        [("SANCTION", {"CHN"}, {"USA"})],
    ),
    (
        "'I' in a quotation after a named speaker is that speaker",
        "The Brazilian president Luiz Inacio Lula da Silva told reporters in Brasilia that the "
        'talks would go on. "I think he is a man of his word."',
        [("SUPPORT", {"BRA"}, set())],
    ),
    (
        "'I' with no speaker named is no one",
        '"I think he is a man of his word."',
        [],
    ),
    (
        "an event in a condition is merely possible, even alone",
        "A snap election in Peru is possible if the parties fail to agree on a budget, a Peruvian "
        "minister said.",
        [],
    ),
    (
        "an event in a condition beside a main event is background",
        "The Chilean president warned that Chile would respond if Peru attacked its fishing boats.",
        [("THREATEN", {"CHL"}, {"CHL"})],
    ),
    (
        "concessions offered are a promise (AGREE)",
        "A Turkish official offered concessions to Greece on fishing rights last week.",
        [("AGREE", {"TUR"}, {"GRC"})],
    ),
    (
        "concessions made are a concession",
        "Turkey made concessions to Greece on fishing rights last week.",
        [("CONCEDE", {"TUR"}, {"GRC"})],
    ),
    (
        "insisting on a fact is no demand",
        "The Kenyan opposition insisted that the election had been fair.",
        [],
    ),
    (
        "insisting that someone act is a demand",
        "The Kenyan opposition insisted that the president resign.",
        [("REQUEST", {"KEN"}, {"KEN"})],
    ),
    (
        "two past-tense verbs joined by 'and' are two events of one subject",
        "The Kenyan government condemned the bombing and called on Somalia to arrest the "
        "attackers.",
        [("ACCUSE", {"KEN"}, set()), ("REQUEST", {"KEN"}, {"SOM"})],
    ),
    (
        "a weak verb with its own verb phrase is not outweighed by a strong one",
        "The Chilean president welcomed the agreement and urged Peru to ratify it.",
        [("SUPPORT", {"CHL"}, set()), ("REQUEST", {"CHL"}, {"PER"})],
    ),
    (
        "a noun joined by 'and' stays in the complement",
        "The Kenyan government condemned the bombing and the killing of two soldiers.",
        [("ACCUSE", {"KEN"}, {"KEN"})],
    ),
    (
        "rejecting a charge answers its author (same sentence)",
        "Canada accused China of hacking government computers, a charge China rejected.",
        [("ACCUSE", {"CAN"}, {"CHN"}), ("REJECT", {"CHN"}, {"CAN"})],
    ),
    (
        "rejecting accusations answers their author (sentence before)",
        "Canada accused China of hacking government computers. China rejected the accusations on "
        "Friday.",
        [("ACCUSE", {"CAN"}, {"CHN"}), ("REJECT", {"CHN"}, {"CAN"})],
    ),
    (
        "a name after the comma that closes 'according to ...' is no source",
        "According to reports from Kabul, Pakistan has closed its border crossings.",
        [("SANCTION", {"PAK"}, {"AFG"})],
    ),
    (
        "a bare 'according to reports' names no source",
        "According to reports the UK is pushing hard for Mexico to support its trade plan.",
        [("REQUEST", {"GBR"}, {"MEX"})],
    ),
    (
        "ordering a newspaper to suspend publication is censorship",
        "Venezuela's government ordered the opposition newspaper El Nacional to suspend "
        "publication.",
        [("COERCE", {"VEN"}, {"VEN"})],
    ),
    (
        "helping someone's campaign is support",
        "Russia is helping the Serbian president's re-election campaign, officials said.",
        [("SUPPORT", {"RUS"}, {"SRB"})],
    ),
    (
        "widening freedoms at home is a concession",
        "The Uzbek president has taken steps to expand press freedoms in Uzbekistan.",
        [("CONCEDE", {"UZB"}, {"UZB"})],
    ),
]


def _codes(result: Extraction, ids: list[str]) -> set[str]:
    codes = {
        a.id: (a.code if a.code in {"IGO", "NGO"} else a.country or a.code) for a in result.actors
    }
    return {codes.get(i) or "" for i in ids}


@pytest.mark.parametrize(("rule", "sentence", "expected"), CASES)
def test_english_news_sentence(
    rule: str, sentence: str, expected: list[tuple[str, set[str], set[str]]]
) -> None:
    result = extract(sentence, language="en", published=PUBLISHED)
    got = [(e.type, _codes(result, e.actors), _codes(result, e.recipients)) for e in result.events]
    assert got == expected, rule


def test_decimal_point_is_no_sentence_end() -> None:
    rules = Lexicons().profile("en").sentences
    text = "Japan gave Nepal 3.2 million dollars. The money is for schools."
    assert split_sentences(text, 0, len(text), rules) == [(0, 37), (38, len(text))]


def test_period_before_a_figure_after_a_space_still_ends_a_sentence() -> None:
    rules = Lexicons().profile("en").sentences
    text = "The vote was held in 2019. 2020 brought a new vote."
    assert split_sentences(text, 0, len(text), rules) == [(0, 26), (27, len(text))]
