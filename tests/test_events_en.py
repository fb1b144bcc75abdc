"""English event coding on sentences of our own: one test per role and clause rule.

Each case names the events the sentence must yield (type, actor codes, recipient codes) and
nothing else: a sentence describes one main event, and what its complement, a subordinate
clause or a fronted phrase mentions is not coded again.
"""

from __future__ import annotations

import pytest

from newsevents import extract
from newsevents.api import Extraction

PUBLISHED = "2024-03-15"

# (rule, sentence, [(type, actor codes, recipient codes)], status of the first event or None)
CASES = [
    (
        "recipient is the first party after the verb",
        "China demanded that Japan stop arms sales to Taiwan.",
        [("REQUEST", {"CHN"}, {"JPN"})],
        None,
    ),
    (
        "a by-phrase outside the passive is a recipient",
        "Poland demanded an apology by Russia for the shelling of its embassy.",
        [("REQUEST", {"POL"}, {"RUS"})],
        None,
    ),
    (
        "the host is the actor (PLOVER: source hosts target)",
        "Kenya hosted Ugandan President Yoweri Museveni in Nairobi on Monday.",
        [("CONSULT", {"KEN"}, {"UGA"})],
        None,
    ),
    (
        "the object of a coercive verb is no event of its own",
        "Indian police arrested 40 demonstrators in New Delhi on Tuesday.",
        [("COERCE", {"IND"}, {"IND"})],
        None,
    ),
    (
        "an infinitive of purpose belongs to the main event",
        "Egyptian police opened fire to disperse protesters in Cairo.",
        [("ASSAULT", {"EGY"}, {"EGY"})],
        None,
    ),
    (
        "a participle after a comma continues the same event",
        "Turkish troops shelled the Syrian town of Kobani, killing five civilians.",
        [("ASSAULT", {"TUR"}, {"SYR"})],
        None,
    ),
    (
        "a clause after 'after' is background",
        "Italy suspended flights to Libya after rebels attacked the airport in Tripoli.",
        [("SANCTION", {"ITA"}, {"LBY"})],
        None,
    ),
    (
        "a fronted phrase before the comma is background",
        "With the signing of the accord, Sudan and Chad agreed to reopen their common border.",
        [("AGREE", {"SDN", "TCD"}, set())],
        None,
    ),
    (
        "names after 'following' fill no role",
        "The United States imposed sanctions on Iran following reports that Tehran had tested"
        " a missile supplied by North Korea.",
        [("SANCTION", {"USA"}, {"IRN"})],
        None,
    ),
    (
        "a resignation has no recipient",
        "Georgian Prime Minister Irakli Garibashvili resigned on Monday to allow new elections"
        " in Georgia.",
        [("RETREAT", {"GEO"}, set())],
        None,
    ),
    (
        "a promise with a condition is a threat",
        "Nigeria said it will withdraw its troops from Chad unless a ceasefire is signed"
        " within a month.",
        [("THREATEN", {"NGA"}, {"TCD"})],
        "planned",
    ),
    (
        "refusing to cooperate is a rejection that happened",
        "Syria said it would not accept more refugees from Iraq.",
        [("REJECT", {"SYR"}, {"IRQ"})],
        "occurred",
    ),
    (
        "an obligation is a demand addressed to its subject",
        "Britain said Iran must release the detained British sailors.",
        [("REQUEST", {"GBR"}, {"IRN"})],
        None,
    ),
    (
        "talks that fail are a rejection",
        "Serbia and Kosovo failed to reach an agreement on the border on Sunday.",
        [("REJECT", {"SRB", "XKX"}, set())],
        None,
    ),
    (
        "a title after 'and' stays in the coordinated group",
        "Chilean President Michelle Bachelet and Peruvian President Alan Garcia signed a border"
        " treaty on Friday.",
        [("SUPPORT", {"CHL", "PER"}, set())],
        None,
    ),
    (
        "a subject named by its place",
        "Security forces in Guinea detained dozens of Liberian refugees.",
        [("COERCE", {"GIN"}, {"LBR"})],
        None,
    ),
    (
        "an apposition after the subject is no recipient",
        "Pakistan, a close ally of China, refused to send troops to Yemen.",
        [("REJECT", {"PAK"}, {"YEM"})],
        None,
    ),
    (
        "a named council does not swallow the sentence",
        "The Security Council today agreed to extend the mandate of the peacekeeping force in"
        " Lebanon.",
        [("AGREE", {"IGO"}, {"LBN"})],
        None,
    ),
    (
        "a weak noun before a strong verb does not hide it",
        "American border patrol agents assaulted Mexican migrants near the fence.",
        [("ASSAULT", {"USA"}, {"MEX"})],
        None,
    ),
    (
        "the subject of a passive is the recipient, the by-phrase the actor",
        "The former Bolivian president has been charged by a Peruvian court with corruption.",
        [("ACCUSE", {"PER"}, {"BOL"})],
        None,
    ),
    (
        "a passive with no doer: the subject is the recipient, the place codes the doer",
        "Three British soldiers were killed by a roadside bomb near the Afghan city of Kandahar.",
        [("ASSAULT", {"AFG"}, {"GBR"})],
        None,
    ),
    (
        "a by-phrase after a noun names the doer",
        "Sanctions were imposed on North Korea by the United Nations.",
        [("SANCTION", {"IGO"}, {"PRK"})],
        None,
    ),
    (
        "a name behind 'anti-' is no party",
        "A prominent anti-Iran cleric was shot in central Baghdad.",
        [("ASSAULT", {"IRQ"}, {"IRQ"})],
        None,
    ),
    (
        "a lower-case title after 'and' stays in the coordinated group",
        "Qatar mediated between Ethiopia and Eritrean leader Isaias Afwerki.",
        [("CONSULT", {"QAT"}, {"ETH", "ERI"})],
        None,
    ),
    (
        "a hyphenated modifier is no event",
        "Russia mounted its long-threatened invasion of Ukraine on Thursday.",
        [("ASSAULT", {"RUS"}, {"UKR"})],
        None,
    ),
    (
        "an ultimatum is a threat",
        "Chile issued an ultimatum to Argentina to withdraw its ships from the strait.",
        [("THREATEN", {"CHL"}, {"ARG"})],
        None,
    ),
    (
        "readiness to coerce is a threat",
        "The Thai government said it was prepared to impose martial law in Bangkok.",
        [("THREATEN", {"THA"}, {"THA"})],
        "planned",
    ),
    (
        "a flood is no political event",
        "A flood destroyed hundreds of homes in Bangladesh.",
        [],
        None,
    ),
    ("an accident is no political event", "A bus accident killed 12 people in Peru.", [], None),
    (
        "a passive with no doer: the country of the report acts",
        "Three men were arrested in Kenya on Monday after a bank robbery.",
        [("COERCE", {"KEN"}, {"KEN"})],
        "occurred",
    ),
    (
        "force by a doer the knowledge base does not know: the country of the report acts",
        "Police fired tear gas in central Caracas, Venezuela, on Sunday.",
        [("COERCE", {"VEN"}, {"VEN"})],
        None,
    ),
    (
        "a lawsuit filed is an accusation",
        "Four Mexican states filed a lawsuit against the federal government on Friday.",
        [("ACCUSE", {"MEX"}, {"MEX"})],
        None,
    ),
    (
        "a court dismissing a petition rejects it",
        "India's Supreme Court dismissed a petition against the new citizenship law.",
        [("REJECT", {"IND"}, {"IND"})],
        None,
    ),
    (
        "striking workers protest",
        "Thousands of striking Chilean copper miners blocked the road to the mine.",
        [("PROTEST", {"CHL"}, {"CHL"})],
        None,
    ),
    (
        "steps announced against an adversary are a threat",
        "Turkey will announce new steps against the Syrian government on Wednesday.",
        [("THREATEN", {"TUR"}, {"SYR"})],
        "planned",
    ),
    ("economic demand is no request", "Oil demand in India rose by 4 percent in March.", [], None),
    (
        "', as well as' coordinates: what follows is no subordinate clause",
        "Iran said it would stop observing the nuclear deal, as well as firing missiles at US "
        "bases in Iraq.",
        [("ASSAULT", {"IRN"}, {"USA"})],
        None,
    ),
    (
        "a budget approved is domestic policy, no support",
        "The city council of Lagos, Nigeria, approved the 2021 budget on Monday.",
        [],
        None,
    ),
    (
        "a search operation is a mobilisation",
        "Indian troops launched a cordon and search operation in Kupwara district on Friday.",
        [("MOBILIZE", {"IND"}, {"IND"})],
        None,
    ),
    (
        "facing charges: the accused is the recipient",
        "The former Brazilian president faces charges of corruption.",
        [("ACCUSE", {"BRA"}, {"BRA"})],
        None,
    ),
]


def _codes(result: Extraction, ids: list[str]) -> set[str]:
    codes = {
        a.id: (a.code if a.code in {"IGO", "NGO"} else a.country or a.code) for a in result.actors
    }
    return {codes.get(i) or "" for i in ids}


@pytest.mark.parametrize(("rule", "sentence", "expected", "status"), CASES)
def test_english_sentence(
    rule: str,
    sentence: str,
    expected: list[tuple[str, set[str], set[str]]],
    status: str | None,
) -> None:
    result = extract(sentence, language="en", published=PUBLISHED)
    got = [(e.type, _codes(result, e.actors), _codes(result, e.recipients)) for e in result.events]
    if expected and expected[0][0] in {"AGREE", "SUPPORT", "CONSULT"} and not expected[0][2]:
        # Parties acting together: the split between actor and recipient is free.
        got = [(t, a | r, set()) for t, a, r in got]
    assert got == expected, rule
    if status is not None:
        assert result.events[0].status == status, rule
