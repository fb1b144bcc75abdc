"""The German syntax model (newsevents_data/models/syntax-de in packages/newsevents-data, trained by
scripts/train_syntax_de.py) on sentences written for this test, not taken from the treebanks.

Each test checks a clause structure the event coder reads: subject and object, the passive
and its "von" agent, separable verb particles, "nicht", modal + infinitive, Konjunktiv.
Skipped when the model folder is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

MODEL = Path(__file__).resolve().parent.parent / "packages" / "newsevents-data" / "newsevents_data"
MODEL = MODEL / "models" / "syntax-de"
pytestmark = pytest.mark.skipif(not MODEL.is_dir(), reason=f"{MODEL} not built")


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The model, loaded once."""
    return spacy.load(MODEL)


def arcs(doc: Any) -> set[tuple[str, str, str]]:
    """(dependent, relation, head) triples."""
    return {(t.text, t.dep_, t.head.text) for t in doc}


def token(doc: Any, text: str) -> Any:
    """The first token with this text."""
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    ("text", "verb", "subject", "obj"),
    [
        ("Die Regierung kritisiert den Minister.", "kritisiert", "Regierung", "Minister"),
        ("Russland verurteilt den Angriff scharf.", "verurteilt", "Russland", "Angriff"),
        ("Der Präsident empfing gestern den Botschafter.", "empfing", "Präsident", "Botschafter"),
    ],
)
def test_subject_and_object_of_a_transitive_clause(
    nlp: Any, text: str, verb: str, subject: str, obj: str
) -> None:
    doc = nlp(text)
    assert (subject, "nsubj", verb) in arcs(doc)
    assert (obj, "obj", verb) in arcs(doc)
    assert token(doc, verb).dep_ == "ROOT"
    assert token(doc, subject).morph.get("Case") == ["Nom"]
    assert token(doc, obj).morph.get("Case") == ["Acc"]


def test_passive_with_von_agent(nlp: Any) -> None:
    doc = nlp("Der Journalist wurde von der Polizei festgenommen.")
    found = arcs(doc)
    assert ("Journalist", "nsubj:pass", "festgenommen") in found
    assert ("wurde", "aux:pass", "festgenommen") in found
    assert ("von", "case", "Polizei") in found
    assert token(doc, "wurde").morph.get("Voice") == ["Pass"]
    # German UD labels the passive agent obl:agent (55 tokens in the treebanks; 4 older GSD
    # ones plain obl). The model attaches the agent to the participle but mostly labels it
    # plain obl (obl:agent recall on held-out: 1 of 6), so the event coder reads the agent as
    # obl|obl:agent + case "von" + an aux:pass sibling. Both labels are accepted here.
    polizei = token(doc, "Polizei")
    assert polizei.head.text == "festgenommen"
    assert polizei.dep_ in ("obl", "obl:agent")


def test_separable_verb_particle(nlp: Any) -> None:
    doc = nlp("Die Opposition lehnt den Vorschlag der Regierung ab.")
    found = arcs(doc)
    assert ("ab", "compound:prt", "lehnt") in found
    assert token(doc, "ab").tag_ == "PTKVZ"
    assert ("Opposition", "nsubj", "lehnt") in found
    assert ("Vorschlag", "obj", "lehnt") in found


def test_nicht_negates_the_verb(nlp: Any) -> None:
    doc = nlp("Die Regierung unterstützt den Plan nicht.")
    nicht = token(doc, "nicht")
    assert (nicht.dep_, nicht.head.text) == ("advmod", "unterstützt")
    assert nicht.tag_ == "PTKNEG"
    assert nicht.morph.get("Polarity") == ["Neg"]


def test_modal_with_infinitive(nlp: Any) -> None:
    doc = nlp("Die Regierung will neue Gespräche mit der Opposition führen.")
    found = arcs(doc)
    # UD: the infinitive heads the clause, the modal is its aux.
    assert ("will", "aux", "führen") in found
    assert ("Regierung", "nsubj", "führen") in found
    assert ("Gespräche", "obj", "führen") in found
    assert token(doc, "will").tag_ == "VMFIN"
    assert token(doc, "führen").morph.get("VerbForm") == ["Inf"]


def test_konjunktiv_in_reported_speech(nlp: Any) -> None:
    doc = nlp("Der Sprecher sagte, die Regierung habe den Vertrag unterzeichnet.")
    habe = token(doc, "habe")
    assert habe.morph.get("Mood") == ["Sub"]
    assert (habe.dep_, habe.head.text) == ("aux", "unterzeichnet")
    assert ("unterzeichnet", "ccomp", "sagte") in arcs(doc) or (
        "unterzeichnet",
        "parataxis",
        "sagte",
    ) in arcs(doc)


def test_lemmas_and_fused_preposition(nlp: Any) -> None:
    # Regular verbs and nouns only: the edit-tree lemmatizer misses ablaut past forms of
    # strong verbs ("trafen" stays "trafen", "empfing" stays "empfing").
    doc = nlp("Die Minister kritisierten im Mai die Pläne der Regierung.")
    assert token(doc, "kritisierten").lemma_ == "kritisieren"
    assert token(doc, "Pläne").lemma_ == "Plan"
    assert token(doc, "Minister").lemma_ == "Minister"
    im = token(doc, "im")
    assert (im.tag_, im.lemma_, im.pos_) == ("APPRART", "in", "ADP")
    assert im.morph.get("Case") == ["Dat"]
