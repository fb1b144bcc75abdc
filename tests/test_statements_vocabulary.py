"""The frame lexicon's evaluative words (``criticism``, ``negated_praise``; drawn with
scripts/mine_evaluative_words.py from news outside the gold, plus standard words of German
political criticism): with a speaker, a clause judging with them is criticism (ACCUSE); the
same words without a speaker, or as plain description, are no event. Sentences written for
this test. Needs the German syntax model (skipped otherwise)."""

from __future__ import annotations

import pytest
from framecoding import frame_coded, needs_parser

pytestmark = needs_parser("de")


def types(text: str) -> list[str]:
    """The types of the events the frame coder codes from the text."""
    _, events = frame_coded(text, "de")
    return [e.type for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Das Vorgehen der Regierung sei ethisch verwerflich, sagte der Oppositionschef.",
        "Die Äußerungen des Ministers seien diffamierend, sagte die Abgeordnete.",
        "Der Umgang mit den Flüchtlingen sei grob fahrlässig, sagte der Bürgermeister.",
        "Der Plan des Ministers sei dilettantisch, sagte die Grünen-Chefin.",
        "Die Regierung habe tatenlos zugesehen, kritisierte der Landeshauptmann.",
        "Die Wahl sei ein Debakel für die Koalition gewesen, sagte der SPÖ-Chef.",
        "Die Vergabe der Posten sei reine Freunderlwirtschaft, sagte der Abgeordnete.",
        "Die Reform sei nicht sinnvoll, sagte der Gewerkschaftschef.",
        "Das Gesetz sei nicht gerecht, sagte die Sprecherin der Opposition.",
    ],
)
def test_spoken_judgement_is_criticism(text: str) -> None:
    assert "ACCUSE" in types(text)


@pytest.mark.parametrize(
    "text",
    [
        # no speaker: the narrator's words
        "Die Ausstattung der Schule war mangelhaft.",
        "Das Spiel endete für die Gastgeber mit einem Debakel.",
        # a positive word not denied
        "Die Reform sei sinnvoll, sagte der Gewerkschaftschef.",
        "Das Gesetz sei gerecht, sagte die Sprecherin der Regierung.",
        # plain description
        "Am Abend war es in der Stadt ruhig und die Straßen waren leer.",
    ],
)
def test_without_judgement_no_accusation(text: str) -> None:
    assert "ACCUSE" not in types(text)
