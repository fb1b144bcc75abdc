"""German word-form analysis with HanTa (PyPI ``HanTa``, LGPL-3.0), where it is installed.

The small German parser's lemmatizer and tagger err on verb forms ("vereinbarten" ->
"vereinbarn", "lehnte" tagged as an adjective) and on words it never saw. HanTa's lexicon knows
the forms: it gives the lemma of a verb form under its tag, whether a form can be a finite verb
or only a participle, and whether a capitalised word can be a name ("Antisemitismus" cannot; an
unknown "Gnesda" is guessed one; "Konkret" opening a sentence is an adverb). Each form is
analysed once (`CACHE_SIZE` forms kept); without HanTa every answer is "don't know".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import Any

from newsevents.records import Token

log = logging.getLogger(__name__)

CACHE_SIZE = 50_000  # word forms kept; news repeats them, so few are analysed twice
# STTS verb tags and HanTa's spelling of them ("VVFIN" -> "VV(FIN)").
HANTA_VERB_TAGS = {
    "VVFIN": "VV(FIN)",
    "VVPP": "VV(PP)",
    "VVIZU": "VV(IZU)",
    "VVIMP": "VV(IMP)",
    "VVINF": "VV(INF)",
    "VMFIN": "VM(FIN)",
    "VAFIN": "VA(FIN)",
}
# How much less likely than HanTa's best reading a finite reading may be and still count
# (natural log): "vereinbarten" is a little likelier an adjective out of context.
FINITE_MARGIN = 1.5


class GermanMorphology:
    """Verb lemmas, finite-verb readings and tag readings of German word forms, from HanTa
    (loaded on first use; every method answers "don't know" when HanTa is not installed)."""

    def __init__(self) -> None:
        self._tagger: Any = None  # HanTa's tagger, False once it proved missing
        self._lock = threading.Lock()
        self._lemmas: dict[tuple[str, str], str] = {}
        self._finite: dict[str, str | None] = {}
        self._readings: dict[str, tuple[tuple[str, float], ...]] = {}

    def ready(self) -> bool:
        """Whether HanTa is there (loads it once)."""
        with self._lock:
            if self._tagger is None:
                try:
                    from HanTa import HanoverTagger

                    self._tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
                except Exception:  # not installed, or its model file missing
                    log.info("syntax: HanTa not available; German lemmas from the model")
                    self._tagger = False
        return bool(self._tagger)

    def verb_lemma(self, form: str, tag: str) -> str | None:
        """The lemma of a verb form read under its STTS tag ("hob", VVFIN -> "heben")."""
        hanta_tag = HANTA_VERB_TAGS.get(tag)
        if hanta_tag is None or not self.ready():
            return None
        key = (form if tag == "VVIZU" else form.lower(), hanta_tag)
        found = self._lemmas.get(key)
        if found is None:
            lemma, _ = self._tagger.analyze(form, pos=hanta_tag, taglevel=1)
            found = str(lemma)
            if len(self._lemmas) < CACHE_SIZE:
                self._lemmas[key] = found
        return found

    def finite_lemma(self, form: str) -> str | None:
        """The lemma of a form that can be a finite full verb ("lehnte" -> "lehnen"), else None."""
        if not self.ready():
            return None
        key = form.lower()
        if key in self._finite:
            return self._finite[key]
        readings = self._tagger.tag_word(key, cutoff=5)
        best = max((float(p) for _, p in readings), default=0.0)
        found: str | None = None
        for tag, logprob in readings:
            if tag == "VV(FIN)" and float(logprob) >= best - FINITE_MARGIN:
                found = str(self._tagger.analyze(key, pos=tag, taglevel=1)[0])
                break
        if len(self._finite) < CACHE_SIZE:
            self._finite[key] = found
        return found

    def only_nominal(self, form: str) -> bool:
        """Whether every reading HanTa has of a form is a noun, name or foreign word ("Zschäpe";
        not "Gestern", which can be an adverb)."""
        tags = self.tags(form)
        return bool(tags) and tags <= {"NN", "NE", "FM"}

    def never_a_name(self, form: str) -> bool:
        """Whether HanTa reads a capitalised form as a common noun only ("Antisemitismus",
        "Demokratie-Defizite"); a name it does not know always gets a name reading too."""
        tags = self.tags(form)
        return bool(tags) and "NE" not in tags and "FM" not in tags

    def tags(self, form: str) -> frozenset[str]:
        """The tags of HanTa's likeliest readings of a form (empty without HanTa)."""
        return frozenset(tag for tag, _ in self.readings(form))

    def unknown_name(self, form: str) -> bool:
        """Whether HanTa does not know a form and guesses a name for it first ("Gnesda",
        "Vassilakou"): a known noun scores far higher than any guess (`GUESSED`)."""
        found = self.readings(form)
        return bool(found) and found[0][0] == "NE" and found[0][1] < GUESSED

    def readings(self, form: str) -> tuple[tuple[str, float], ...]:
        """HanTa's likeliest readings of a form, best first: (tag, log probability)."""
        if not self.ready():
            return ()
        found = self._readings.get(form)
        if found is None:
            found = tuple((str(tag), float(p)) for tag, p in self._tagger.tag_word(form, cutoff=5))
            if len(self._readings) < CACHE_SIZE:
                self._readings[form] = found
        return found


# Relations of the raw parse under which a word can be a party of its clause (a subject, an
# object, or a phrase the model misread as an adverb or left unlabelled).
ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "advmod", "dep"})

# HanTa's log probability of its best reading below which the form is one it does not know
# (known words score about -9 to -25; guesses about -30 and lower).
GUESSED = -28.0

# Tags the small model gives a finite verb it misread: an adjective ("Ungarn lehnte ..."), a
# noun, a participle or infinitive.
MISREAD_VERB_TAGS = frozenset({"ADJA", "ADJD", "NN", "VVPP", "VVINF", "ADV"})
FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
NAME_TAGS = frozenset({"NE", "NN", "PPER", "PIS", "PDS"})  # a phrase the finite verb may follow


def recover_finite_verb(tokens: list[Token], morphology: GermanMorphology) -> list[Token]:
    """Finite verbs the model read as something else get their tag and lemma back: in a
    sentence with none, the word after the first noun phrase that can be one ("Armenien
    verlegte Truppen": read as an adjective); anywhere, a speech tag after a comma (", warnt
    Rupert Wolff"). A Konjunktiv I form read as indicative gets its mood. Only tags, lemma and
    features change here; `repair.py` rebuilds the arcs."""
    found = list(tokens)
    for token in tokens[1:-1]:
        before, after = tokens[token.i - 1], tokens[token.i + 1]
        tagged = after.tag in NAME_TAGS | {"ART"} and (
            after.text[:1].isupper() or after.tag == "ART"
        )
        if before.tag == "$," and tagged and _misread(token):
            found[token.i] = _as_finite(token, morphology) or token
    found = [_konjunktiv(_verb_pos(_auxiliary(t, morphology)), found) for t in found]
    found = [_name_as_adverb(_noun_as_name(t, morphology), morphology) for t in found]
    found = [_participle(_not_a_verb(t, morphology), morphology) for t in found]
    found = _second_finite(found, morphology)
    if found:
        found[0] = _opening_adverb(found[0], morphology)
    if len(tokens) < 3 or any(t.tag in FINITE for t in found):
        return found
    for token in tokens[1:]:
        if not _misread(token):
            continue
        if tokens[token.i - 1].tag not in NAME_TAGS:
            continue  # an adjective inside the first phrase ("Der russische Präsident")
        found[token.i] = _as_finite(token, morphology) or token
        break  # only the place after the first phrase holds the finite verb
    return found


# How a modal begins (the others are auxiliaries: sein, haben, werden).
MODAL_STEMS = ("soll", "muss", "müss", "könn", "kann", "darf", "dürf", "will", "woll", "mag")


def _auxiliary(token: Token, morphology: GermanMorphology) -> Token:
    """An auxiliary the tagger took for a noun ("Sollte" opening a sentence): its verb tag
    and lemma back."""
    if token.pos != "AUX" or token.tag[:1] == "V":
        return token
    modal = token.text.lower().startswith(MODAL_STEMS)
    tag = "VMFIN" if modal else "VAFIN"
    lemma = morphology.verb_lemma(token.text.lower(), tag)
    return replace(token, tag=tag, lemma=lemma or token.lemma)


def _verb_pos(token: Token) -> Token:
    """A verb tag over a part of speech that says otherwise ("berieten": VVFIN but ADJ): the
    STTS tag is the finer reading, and the lemma was read under it."""
    pos = "VERB" if token.tag.startswith("VV") else "AUX" if token.tag[:2] in {"VA", "VM"} else ""
    return replace(token, pos=pos) if pos and token.pos not in {"VERB", "AUX"} else token


# Indicative past forms in "-e" that are no "-te" past: "wurde" (werden), "wurden" aside.
PAST_IN_E = frozenset({"wurde"})


def _konjunktiv(token: Token, tokens: list[Token]) -> Token:
    """A finite form in "-e" but not "-te" is the Konjunktiv I ("er berge", "es gebe"): the
    third person indicative ends in "-t", the weak past in "-te" (the first person aside)."""
    text = token.text.lower()
    if token.tag not in FINITE or not text.endswith("e") or text.endswith("te"):
        return token
    if text in PAST_IN_E:
        return token
    near = {t.text.lower() for t in tokens[max(0, token.i - 1) : token.i + 2]}
    if "ich" in near or token.feature("Mood") == "Sub":
        return token
    features = [f for f in token.morph.split("|") if f and not f.startswith(("Mood=", "Tense="))]
    return replace(token, morph="|".join(sorted([*features, "Mood=Sub", "Tense=Pres"])))


def _name_as_adverb(token: Token, morphology: GermanMorphology) -> Token:
    """A capitalised word the model took for an adverb that can only be a noun or name
    ("Zschäpe ist ... geschlagen worden", a surname it never saw): a proper noun, so that the
    repairs can give it a function in its clause."""
    if token.pos != "ADV" or not token.text[:1].isupper() or len(token.text) < 3:
        return token
    if not morphology.only_nominal(token.text):
        return token
    return replace(token, pos="PROPN", tag="NE")


def _participle(token: Token, morphology: GermanMorphology) -> Token:
    """A form HanTa reads only as a past participle ("vorgeworfen", "festgenommen") that the
    model tagged an infinitive: a participle, so that "werden" over it is the passive."""
    if token.tag != "VVINF" or not token.text.islower():
        return token
    found = morphology.readings(token.text)
    if not found or found[0][0] != "VV(PP)" or any(tag == "VV(INF)" for tag, _ in found):
        return token
    lemma = morphology.verb_lemma(token.text, "VVPP") or token.lemma
    features = [f for f in token.morph.split("|") if f and not f.startswith("VerbForm=")]
    morph = "|".join(sorted([*features, "VerbForm=Part"]))
    return replace(token, tag="VVPP", lemma=lemma, morph=morph)


# HanTa's readings that are no verb, as (UPOS, STTS), for words the model took for verbs: nouns
# (capitalised inside a sentence) and prepositions and question adverbs.
NOT_VERBS = {
    "NN": ("NOUN", "NN"),
    "NE": ("PROPN", "NE"),
    "APPR": ("ADP", "APPR"),
    "PWAV": ("ADV", "PWAV"),
}
VERB_FEATURES = ("VerbForm=", "Mood=", "Tense=", "Person=")


def _not_a_verb(token: Token, morphology: GermanMorphology) -> Token:
    """A word the model tagged a full verb that HanTa knows and never reads as one: a noun
    capitalised inside the sentence ("es habe Angriffe ... gegeben", "bestätigte Berichte"),
    a preposition ("binnen zwei Tagen"), a question adverb ("wonach"). It heads no clause
    then (`repair.py` hangs what it governed on the verb)."""
    if not token.tag.startswith("VV") or token.i == 0:
        return token
    found = morphology.readings(token.text)
    if not found or found[0][1] < GUESSED or any(tag not in NOT_VERBS for tag, _ in found):
        return token
    pos, tag = NOT_VERBS[found[0][0]]
    if pos in {"NOUN", "PROPN"} and not token.text[:1].isupper():
        return token
    morph = "|".join(f for f in token.morph.split("|") if f and not f.startswith(VERB_FEATURES))
    lemma = token.text if pos in {"NOUN", "PROPN"} else token.text.lower()
    return replace(token, pos=pos, tag=tag, lemma=lemma, morph=morph)


PERFECT_AUXILIARIES = frozenset({"haben", "sein"})
CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—"})  # what may open another clause


def _second_finite(tokens: list[Token], morphology: GermanMorphology) -> list[Token]:
    """A clause has one finite verb: a form tagged finite after a finite "haben" or "sein"
    of the same clause (no comma or dash between) that HanTa can read as a participle
    is the participle ("haben die US-Streitkräfte ... Kampfflugzeuge ... entsandt")."""
    found = list(tokens)
    auxiliary = False
    for token in tokens:
        if token.text in CLAUSE_MARKS:
            auxiliary = False
        elif token.tag == "VAFIN" and token.lemma.lower() in PERFECT_AUXILIARIES:
            auxiliary = True
        elif auxiliary and token.tag == "VVFIN":
            if any(tag == "VV(PP)" for tag, _ in morphology.readings(token.text.lower())):
                lemma = morphology.verb_lemma(token.text, "VVPP") or token.lemma
                features = [
                    f for f in token.morph.split("|") if f and not f.startswith(VERB_FEATURES)
                ]
                found[token.i] = replace(
                    token, tag="VVPP", lemma=lemma, morph="|".join([*features, "VerbForm=Part"])
                )
            auxiliary = False
    return found


def _opening_adverb(token: Token, morphology: GermanMorphology) -> Token:
    """The first word of a sentence, capitalised there whatever it is, taken for a noun though
    it can only be an adverb or adjective ("Konkret will sich Österreich ... beteiligen")."""
    if token.pos not in {"NOUN", "PROPN"}:
        return token
    tags = morphology.tags(token.text)
    if not tags or tags & {"NN", "NE", "FM"} or not tags <= {"ADJ(D)", "ADV", "PROAV"}:
        return token
    return replace(token, pos="ADV", tag="ADV" if "ADV" in tags else "ADJD")


def _noun_as_name(token: Token, morphology: GermanMorphology) -> Token:
    """A common noun the model took for a name ("Antisemitismus", "Demokratie-Defizite") is a
    noun, so that no party is made of it; a word nobody knows that the model took for a common
    noun or a verb and HanTa guesses a name ("Gnesda will ... sprechen") is a name."""
    word = token.text.replace("-", "")  # "Demokratie-Defizite": a compound, still one word
    if not token.text[:1].isupper() or not word.isalpha():
        return token
    if token.pos == "PROPN" and morphology.never_a_name(token.text):
        return replace(token, pos="NOUN", tag="NN")
    misread = token.tag == "NN" or token.tag.startswith("VV")  # "Ponta werden ... vorgeworfen"
    # Only where a party can stand: asking HanTa about every noun costs more than it finds.
    argument = token.dep in ARGUMENT_DEPS
    nominal = token.pos in {"NOUN", "VERB"} and misread and argument
    if nominal and morphology.unknown_name(token.text):
        return replace(token, pos="PROPN", tag="NE", lemma=token.text)
    return token


def _misread(token: Token) -> bool:
    return token.tag in MISREAD_VERB_TAGS and token.text[:1].islower()


def _as_finite(token: Token, morphology: GermanMorphology) -> Token | None:
    lemma = morphology.finite_lemma(token.text)
    if lemma is None:
        return None
    tense = "Past" if token.text.lower().endswith(("te", "ten", "tet")) else "Pres"
    return replace(
        token, tag="VVFIN", pos="VERB", lemma=lemma, morph=f"Mood=Ind|Tense={tense}|VerbForm=Fin"
    )
