"""The frame coder (events from clause frames) on English sentences written for this test, with
spaCy's English pipeline where it is installed (skipped otherwise). English is coded with the
trigger lexicon by default (``coder`` in data/lang/en.yaml); these tests run the frame path the
profile can switch on: the ``clauses`` labels of en.yaml and data/lexicons/frames.en.yaml."""

from __future__ import annotations

from framecoding import codes, frame_coded, needs_parser

from newsevents.lang.framelex import FrameLexicon
from newsevents.records import Article, Event
from newsevents.resources import Resources

pytestmark = needs_parser("en")


def coded(text: str) -> tuple[Article, list[Event]]:
    return frame_coded(text, "en")


def test_passive_without_agent_the_subject_is_the_recipient() -> None:
    article, events = coded("Three men were arrested in Leeds on Monday.")
    (event,) = events
    assert event.type == "COERCE" and event.status == "occurred"
    assert event.actors == []
    assert [article.actors[r].name for r in event.recipients] == ["man"]
    assert codes(article, event.recipients) == {"GBR"}  # the country of the passage (Leeds)


def test_passive_agent_is_the_actor() -> None:
    article, events = coded("Two journalists were detained by Turkish police in Istanbul.")
    (event,) = events
    assert event.type == "COERCE"
    assert codes(article, event.actors) == {"TUR"}
    assert any("journalist" in r for r in event.recipients)


def test_phrasal_call_on_is_a_request_and_its_infinitive_its_topic() -> None:
    article, events = coded("The United Nations called on Russia to withdraw its troops.")
    (event,) = events  # "withdraw" is what is asked for, not a second event
    assert event.type == "REQUEST"
    assert codes(article, event.recipients) == {"RUS"}
    assert event.actors == ["org:UN"]


def test_event_noun_with_a_support_verb() -> None:
    article, events = coded("Germany imposed sanctions on Iran on Tuesday.")
    (event,) = events
    assert event.type == "SANCTION" and event.trigger == "imposed ... sanctions"
    assert codes(article, event.actors) == {"DEU"} and codes(article, event.recipients) == {"IRN"}


def test_negated_event_and_refused_cooperation() -> None:
    _, events = coded("France did not attack Germany.")
    (event,) = events
    assert event.type == "ASSAULT" and event.status == "negated"
    _, events = coded("China will not meet Japan.")
    (event,) = events
    assert event.type == "REJECT" and event.planned_type == "CONSULT"


def test_speech_verb_reports_the_event_of_its_clause() -> None:
    article, events = coded("Iran said that Israel had attacked its embassy in Damascus.")
    (event,) = events
    assert event.type == "ASSAULT" and event.trigger == "attacked"
    assert codes(article, event.actors) == {"ISR"}


def test_unnamed_parties_take_the_country_of_the_passage() -> None:
    article, events = coded("Gunmen killed five soldiers near Kabul.")
    (event,) = events
    assert event.type == "ASSAULT"
    assert codes(article, event.actors) == {"AFG"} and codes(article, event.recipients) == {"AFG"}


def test_intent_verb_announces_its_infinitive() -> None:
    _, events = coded("Turkey plans to deploy troops.")
    (event,) = events
    assert event.type == "MOBILIZE" and event.status == "planned"


def test_english_nouns_are_matched_whole() -> None:
    lexicon = Resources.bundled().lexicons.frames("en")
    assert lexicon.noun("sanctions") and lexicon.noun("cease-fire")
    assert not lexicon.noun("ideal")  # no compound tail: "ideal" is no "deal"
    assert lexicon.verb("step down") and lexicon.verb("call on")
    assert FrameLexicon.from_data({}).compounds  # German: compounds by their last part
