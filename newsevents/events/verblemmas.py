"""A clause's verb lemma when the small lemmatizer got it wrong, and a separable particle the
parser did not attach: both read against the verbs the frame lexicon knows.

The small lemmatizer leaves many inflected forms alone ("beschimpften", "demonstrierten") or
cuts them wrongly ("vorgeworfen" -> "vorgeworf"), and the tagger sometimes takes a verb for an
adverb. A form is matched to a known lemma by its stem: the endings and the participle's "ge-"
taken off, then compared exactly, or by consonants alone for a strong verb's changed vowel
("worf" ~ "werf", "schoss" ~ "schieß"). Only a lemma that does not look like an infinitive is
replaced, so a right lemma outside the lexicon ("fahren") is never bent to another ("führen").
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.events.frames import Frame, children_of
from newsevents.lang.framelex import FrameLexicon

# Endings of finite forms and participles, longest first.
ENDINGS = (
    "etest", "test", "eten", "etet", "ten", "tet", "est", "te", "et", "st", "en", "t", "e", "n",
)  # fmt: skip
# Separable particles: the ones that stand alone at the clause's end ("wirft ... vor").
PARTICLES = (
    "ab", "an", "auf", "aus", "bei", "dar", "ein", "entgegen", "fest", "fort", "frei", "her",
    "hin", "hinzu", "los", "mit", "nach", "nieder", "statt", "teil", "vor", "weg", "weiter",
    "zu", "zurück", "zusammen", "gegenüber", "bekannt",
)  # fmt: skip
VOWELS = re.compile("[aeiouäöüy]+")
DOUBLED = re.compile(r"([^V])\1")
LENGTH_H = re.compile("(?<=[aeiouäöü])h(?=[^aeiouäöüh])")  # a lengthening "h" before a consonant
INFINITIVE_TAGS = frozenset({"VVINF", "VVIZU", "VAINF", "VMINF"})
MIN_STEM = 3  # shorter stems match too much ("t", "ge")


def _skeleton(stem: str) -> str:
    """A stem with its last vowel as a mark and doubled letters single: a strong verb changes
    only that vowel ("werf" and "worf" are "wVrf", "schieß" and "schoss" "schVs"), while
    "vorwerf" and "verwerf" stay apart."""
    plain = LENGTH_H.sub("", stem.replace("ß", "s"))  # "nehm" ~ "nomm" ("festgenommen")
    vowels = list(VOWELS.finditer(plain))
    if vowels:
        last = vowels[-1]
        plain = plain[: last.start()] + "V" + plain[last.end() :]
    return DOUBLED.sub(r"\1", plain)


def _same(stem: str) -> str:
    return stem


def _stem(lemma: str) -> str:
    return lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma


@lru_cache(maxsize=8)
def _index(known: frozenset[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for lemma in known:
        if " " in lemma:
            continue
        stem = _stem(lemma)
        exact.setdefault(stem, set()).add(lemma)
        loose.setdefault(_skeleton(stem), set()).add(lemma)
    return exact, loose


_KNOWN: dict[int, tuple[FrameLexicon, frozenset[str]]] = {}  # id -> (lexicon, its verbs)


def _known(lexicon: FrameLexicon) -> frozenset[str]:
    full = set(lexicon.verbs) | lexicon.support_verbs | lexicon.speech_verbs
    full |= lexicon.occurrence_verbs
    # The verb without its particle, for a form whose particle stands apart ("schoss ... ab").
    bases = {
        v[len(p) :] for v in full for p in PARTICLES if v.startswith(p) and len(v) > len(p) + 4
    }
    return frozenset(full | bases)


def known_verbs(lexicon: FrameLexicon) -> frozenset[str]:
    """Every verb lemma the lexicon gives a meaning (event verbs, support, speech, occurrence),
    and those verbs without their separable particle."""
    cached = _KNOWN.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = _KNOWN[id(lexicon)] = (lexicon, _known(lexicon))
    return cached[1]


def _stems(form: str) -> list[str]:
    """Candidate stems of an inflected form: endings off, and a participle's "ge" after its
    particle or at the start ("vorgeworfen" -> "vorworf", "getötet" -> "töt")."""
    bases = [form]
    for particle in ("", *PARTICLES):
        if form.startswith(particle + "ge") and len(form) > len(particle) + 2 + MIN_STEM:
            bases.append(particle + form[len(particle) + 2 :])
    found = []
    for base in bases:
        for ending in ENDINGS:
            if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM:
                found.append(base[: -len(ending)])
        found.append(base)
    return found


def recovered_lemma(form: str, lemma: str, tag: str, known: frozenset[str]) -> str | None:
    """The known lemma an inflected form belongs to, when its given lemma looks wrong (not an
    infinitive, or the form itself on a finite verb or participle); None otherwise or when the
    form fits no known verb, or several."""
    form, lemma = form.lower(), lemma.lower()
    if lemma in known:
        return None
    plausible = lemma.endswith("n") and not (lemma == form and tag not in INFINITIVE_TAGS)
    # A participle tagged as an infinitive ("abgeschossen zu haben"): particle + "ge" + "-en".
    participle = lemma == form and any(form.startswith(p + "ge") for p in PARTICLES)
    if participle:
        plausible = False
    # A past form the tagger took for an infinitive ("beschimpften"): its exact stem only.
    past = lemma == form and form.endswith("ten")
    if plausible and not past:
        return None
    exact, loose = _index(known)
    # A present plural is its own infinitive ("leben"), and HanTa, which gives verb lemmas,
    # returns a strong past as its infinitive ("warfen" -> "werfen"): a form that is its own
    # lemma keeps its vowel, so no changed vowel is read into it ("leben" is no "loben").
    present = lemma == form and form.endswith("en") and not (past or participle)
    strong = not plausible and not present
    tables = ((exact, _same), (loose, _skeleton)) if strong else ((exact, _same),)
    for table, key in tables:
        hits: set[str] = set()
        for stem in _stems(form):
            hits |= table.get(key(stem), set())
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            return None  # ambiguous: leave it
    return None


def mend(frame: Frame, lexicon: FrameLexicon) -> None:
    """Set the frame's lemma to a known verb where the lemmatizer missed it, or to the verb
    an idiom stands for ("ums Leben kommen": umkommen), and join a separable particle the
    parser hung elsewhere ("wirft Schelling vor zu ...")."""
    known = known_verbs(lexicon)
    token = frame.token
    tokens = frame.parse.tokens
    if frame.particle is not None:
        word = tokens[frame.particle].text.lower()
        bogus = word not in PARTICLES and frame.lemma not in known
        if tokens[frame.particle].pos == "ADJ" and bogus:
            # "sieht die Pläne als fragwürdig": an adjective the parser hung as a particle
            frame.lemma = frame.lemma.removeprefix(word)
            frame.particle = None
    for prep, noun in frame.obliques:
        idiom = lexicon.idioms.get((frame.lemma.lower(), prep, tokens[noun].lemma.lower()))
        if idiom is not None:  # "ums Leben gekommen": umkommen
            frame.lemma = idiom
            return
    if frame.lemma not in known:
        better = recovered_lemma(token.text, token.lemma, token.tag, known)
        if better is not None and frame.particle is not None:
            particle = frame.parse.tokens[frame.particle].text.lower()
            frame.lemma = better if better.startswith(particle) else particle + better
        elif better is not None:
            frame.lemma = better
    if frame.particle is not None:
        return
    kids = children_of(tokens)
    # The particle may hang on a clause the verb governs ("wirft X vor zu unterstellen").
    near = {frame.head, *(k for k in kids.get(frame.head, []) if tokens[k].pos == "VERB")}
    for i in range(frame.head + 1, len(tokens)):
        word = tokens[i].text.lower()
        if tokens[i].head not in near or tokens[i].dep == "mark":
            continue
        if i <= frame.head or word not in PARTICLES or kids.get(i):
            continue  # a particle follows its finite verb and governs nothing
        if tokens[i].pos in {"ADP", "ADV", "PART", "ADJ"} and word + frame.lemma in lexicon.verbs:
            frame.particle, frame.lemma = i, word + frame.lemma
            return
