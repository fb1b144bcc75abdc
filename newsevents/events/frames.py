"""Clause frames from a dependency parse: one shared structure for every language.

A frame is one clause: its predicate (lemma with the separable particle joined: "lehnte ... ab"
-> "ablehnen"; English "called on" -> "call on"), subjects, objects, dative objects,
prepositional phrases with their preposition, the passive agent, negation, modals, future,
mood (Konjunktiv: reported speech), the subordinator, and the frame that governs it. What the
parser's relations mean is data (`ClauseLabels`, ``clauses`` in data/lang/<code>.yaml), so the
same code reads UD (German) and ClearNLP (English) parses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from newsevents.lang.clauses import ClauseLabels
from newsevents.records import Parse, Token

ClauseKind = Literal["main", "complement", "adverbial", "relative", "other"]
PREDICATE_POS = frozenset({"VERB"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
CLAUSE_BREAKS = frozenset({":", ";"})
HEADLINE_BREAKS = CLAUSE_BREAKS | {"–", "—"}  # between coordinated clauses: two headlines


@dataclass(slots=True)
class Frame:
    """One clause of a parsed sentence; token slots are indices into `parse.tokens`."""

    parse: Parse
    head: int
    lemma: str
    kind: ClauseKind = "main"
    subjects: list[int] = field(default_factory=list)
    objects: list[int] = field(default_factory=list)
    datives: list[int] = field(default_factory=list)
    obliques: list[tuple[str, int]] = field(default_factory=list)  # (preposition, noun)
    agents: list[int] = field(default_factory=list)
    particle: int | None = None
    passive: bool = False
    negated: bool = False
    reflexive: bool = False
    modals: list[str] = field(default_factory=list)
    future: bool = False
    conditional: bool = False  # "würde ... tun": Konjunktiv II of the future auxiliary
    perfect: bool = False  # a participle with haben/sein: "hat ... kritisiert", "has said"
    mood: str = ""  # the finite verb's Mood: Ind, Sub (Konjunktiv), Imp; "" when none
    tense: str = ""  # the finite verb's Tense: Past, Pres
    mark: str = ""  # the subordinator opening the clause (dass, weil, wenn; that, if)
    parent: int | None = None  # index of the governing frame in the sentence's frames
    own_aux: bool = False  # the clause has an auxiliary of its own ("habe ... gehabt")
    hedged: bool = False  # a possibility adverb: "möglicherweise", "perhaps"
    verb_first: bool = False  # a condition with its auxiliary first: "sollte er klagen, ..."
    inherited_subject: bool = False  # the subjects come from a coordinated or governing clause
    tokens: list[int] = field(default_factory=list)  # the clause's own tokens, nested ones left out

    @property
    def token(self) -> Token:
        """The predicate's token."""
        return self.parse.tokens[self.head]

    def span(self) -> tuple[int, int]:
        """Character offsets of the clause's own tokens (first start, last end)."""
        toks = [self.parse.tokens[i] for i in self.tokens] or [self.token]
        return min(t.start for t in toks), max(t.end for t in toks)


def children_of(tokens: list[Token]) -> dict[int, list[int]]:
    """Token index -> indices of its dependents, in text order."""
    found: dict[int, list[int]] = defaultdict(list)
    for token in tokens:
        if token.head != token.i:
            found[token.head].append(token.i)
    return found


def _is_predicate(token: Token, kids: list[int], tokens: list[Token], labels: ClauseLabels) -> bool:
    if token.dep in labels.aux or token.dep in labels.particle:
        return False
    if token.pos in PREDICATE_POS or token.tag in labels.verb_tags:
        return True
    if any(tokens[k].dep in labels.copula for k in kids):
        return True  # "ist bereit", "sei unentschuldbar": the clause's head is the predicate
    if token.pos in NOMINAL_POS or token.pos in {"PUNCT", "ADP", "DET"}:
        return False
    # A full verb tagged AUX ("hat ... keine Chance", "will es") heading its own clause, or
    # the root over a subject whatever its tag ("demonstrierten" read as an adverb).
    has_subject = any(tokens[k].dep in labels.subject for k in kids)
    root = token.head == token.i
    return (token.pos == "AUX" and (root or has_subject)) or (root and has_subject)


def _kind(token: Token, labels: ClauseLabels) -> ClauseKind:
    dep = token.dep
    if token.head == token.i or dep in labels.parataxis or dep == "ROOT":
        return "main"
    if dep in labels.complement or dep in {"csubj", "csubj:pass", "csubjpass"}:
        return "complement"
    if token.feature("VerbForm") == "Inf" and token.pos in PREDICATE_POS:
        return "complement"  # an infinitive the parser attached loosely ("dep"): still its verb's
    if dep in labels.adverbial:
        return "adverbial"
    if dep in labels.relative:
        return "relative"
    return "other"


def _finite(tokens: list[Token], indices: list[int]) -> Token | None:
    for i in indices:
        if tokens[i].feature("VerbForm") == "Fin":
            return tokens[i]
    return None


def extract_frames(parse: Parse, labels: ClauseLabels) -> list[Frame]:
    """The clause frames of one parsed sentence, in text order of their predicates."""
    tokens = parse.tokens
    kids = children_of(tokens)
    heads = [t.i for t in tokens if _is_predicate(t, kids.get(t.i, []), tokens, labels)]
    index = {h: n for n, h in enumerate(heads)}
    frames = [_frame(parse, h, kids, labels) for h in heads]
    for frame in frames:
        frame.parent = _governor(tokens, frame.head, index)
        if frame.kind == "other" and frame.parent is None:
            frame.kind = "main"
        frame.tokens = _own_tokens(frame.head, kids, index)
        # "möglicherweise" anywhere in the clause, not only on its verb ("möglicherweise hunderte")
        frame.hedged = frame.hedged or any(
            tokens[i].lemma.lower() in labels.hypothetical_words for i in frame.tokens
        )
        frame.verb_first = _verb_first(frame, kids)
    for frame in frames:
        _headline_participle(frame, frames, tokens)
    for frame in frames:  # in text order, so a coordinated clause's head is done first
        _inherit(frame, frames, tokens, labels)
    for frame in frames:
        _intended(frame, frames, labels)
    return frames


def _intended(frame: Frame, frames: list[Frame], labels: ClauseLabels) -> None:
    """An infinitive under a verb of intent is still to come: "plans to visit", "is expected
    to meet" (English; German says it with a modal auxiliary)."""
    if not labels.intent_verbs or frame.parent is None or frame.kind != "complement":
        return
    parent = frames[frame.parent]
    if parent.lemma in labels.intent_verbs and frame.token.feature("VerbForm") == "Inf":
        frame.future = True


def _verb_first(frame: Frame, kids: dict[int, list[int]]) -> bool:
    """A dependent clause opened by its finite auxiliary or modal, nothing of it before: the
    conditional "sollte der Mann Berufung einlegen, ..." (a question aside)."""
    tokens = frame.parse.tokens
    # A capitalised "Sollte" at the start is often tagged a noun: its label still says aux.
    finite = next(
        (
            i
            for i in frame.tokens
            if tokens[i].feature("VerbForm") == "Fin" or (i == 0 and tokens[i].dep == "aux")
        ),
        None,
    )
    if finite is None or frame.kind == "main" or tokens[-1].text == "?":
        return False
    if (
        tokens[finite].tag[:2] not in {"VM", "VA"}
        and tokens[finite].pos != "AUX"
        and tokens[finite].dep != "aux"
    ):
        return False
    if finite > 0 and tokens[finite - 1].pos != "PUNCT":
        return False
    subtree, stack = [], [frame.head]
    while stack:
        node = stack.pop()
        subtree.append(node)
        stack += kids.get(node, [])
    return min(subtree) >= finite


def _governor(tokens: list[Token], head: int, index: dict[int, int]) -> int | None:
    seen = {head}
    node = tokens[head].head
    while node not in seen:
        if node in index:
            return index[node]
        seen.add(node)
        node = tokens[node].head
    return None


def _own_tokens(head: int, kids: dict[int, list[int]], index: dict[int, int]) -> list[int]:
    own, stack = [], [head]
    while stack:
        node = stack.pop()
        own.append(node)
        stack += [k for k in kids.get(node, []) if k not in index]
    return sorted(own)


def _frame(parse: Parse, head: int, kids: dict[int, list[int]], labels: ClauseLabels) -> Frame:
    tokens = parse.tokens
    token = tokens[head]
    frame = Frame(parse, head, token.lemma, _kind(token, labels))
    auxes: list[int] = []
    colons = [t.i for t in tokens if t.text in CLAUSE_BREAKS]
    for k in kids.get(head, []):
        child = tokens[k]
        dep, lemma = child.dep, child.lemma.lower()
        if child.pos in NOMINAL_POS and any(min(k, head) < c < max(k, head) for c in colons):
            continue  # "verweigerten X ...: Wer ..., so Y": no argument lies past a colon
        if dep in labels.particle and child.text.lower() in labels.reflexives:
            frame.reflexive = True  # "beschimpften einander": no particle
        elif dep in labels.particle:
            frame.particle = k
        elif dep in labels.aux:
            auxes.append(k)
            if dep in labels.passive_aux:
                frame.passive = True
            elif lemma in labels.future_aux and dep not in labels.copula:
                # "würde ... einsetzen" (Konjunktiv II) is a condition, not the future
                conditional = child.feature("Mood") == "Sub" and child.feature("Tense") == "Past"
                frame.conditional = frame.conditional or conditional
                frame.future = frame.future or not conditional
            elif lemma in {"haben", "sein", "have"} and dep not in labels.copula:
                frame.perfect = True
            elif (
                lemma in labels.intent_modals | labels.obligation_modals | labels.possibility_modals
            ):
                frame.modals.append(lemma)
        elif dep in labels.passive_subject:
            frame.subjects.append(k)
            frame.passive = True
        elif dep in labels.subject:
            frame.subjects.append(k)
        elif dep in labels.negation or (lemma in labels.negation_words and child.pos != "NOUN"):
            following = tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
            frame.negated = frame.negated or following not in labels.negation_exceptions
        elif lemma in labels.hypothetical_words:
            frame.hedged = True
        elif lemma in labels.reflexives and child.pos == "PRON" and child.tag != "PPER":
            frame.reflexive = True
        elif dep in labels.expletive:
            if lemma in labels.reflexives:
                frame.reflexive = True
        elif dep in labels.agent:
            frame.agents.append(_prep_object(k, kids, tokens, labels))
        elif dep in labels.object and child.feature("Case") != "Dat":
            frame.objects.append(k)
        elif dep in labels.oblique or dep in labels.dative or dep in labels.object:
            prep = _preposition(k, kids, tokens, labels)
            if prep is not None:
                frame.obliques.append((prep, _prep_object(k, kids, tokens, labels)))
            elif (dep in labels.dative or child.feature("Case") == "Dat") and (
                child.pos in NOMINAL_POS
            ):
                frame.datives.append(k)
        elif dep in labels.mark and (not frame.mark or frame.mark in labels.infinitive_marks):
            frame.mark = lemma  # the subordinator, not the "zu" of "statt ... zu verhandeln"
        elif k < head and child.text.lower() in labels.background_marks | labels.conditional_marks:
            frame.mark = child.text.lower()  # a subordinator the parser did not label so
    governor = tokens[token.head]
    if not frame.mark and labels.prep_object and governor.pos == "ADP" and governor.i != head:
        # "after attacking the village": the preposition over a gerund is its subordinator
        word = governor.lemma.lower()
        if word in labels.background_marks | labels.conditional_marks:
            frame.mark = word
    _finish(frame, tokens, auxes, labels)
    return frame


def _finish(frame: Frame, tokens: list[Token], auxes: list[int], labels: ClauseLabels) -> None:
    """Lemma with particle, passive agent, finite verb's mood and tense; a subject the parser
    mislabelled (a name in the nominative hung as "dep") is taken back."""
    token = tokens[frame.head]
    frame.own_aux = bool(auxes)
    if not frame.subjects and not frame.passive:
        loose = [
            d
            for d in frame.datives
            if tokens[d].dep not in {"iobj", "dative"} and tokens[d].feature("Case") != "Dat"
        ]
        frame.subjects = loose
        frame.datives = [d for d in frame.datives if d not in loose]
    labelled = [d for d in frame.datives if tokens[d].dep in labels.object]
    if not frame.objects and labelled and len(labelled) < len(frame.datives):
        # "werfen dem Minister Untätigkeit vor": of two datives, the one the parse calls an
        # object was read so by its noun's guessed case only; a verb takes one dative.
        frame.objects = labelled
        frame.datives = [d for d in frame.datives if d not in labelled]
    if len(frame.subjects) > 1 and not frame.objects and not frame.passive:
        # "Israel wies die Vorwürfe Ägyptens zurück": a second, uncoordinated "subject" that is
        # a common noun is the object the small parser mislabelled.
        frame.objects = [s for s in frame.subjects[1:] if tokens[s].pos == "NOUN"]
        frame.subjects = [s for s in frame.subjects if s not in frame.objects]
    if token.pos == "ADJ" or token.tag == "ADJD":
        frame.lemma = token.text.lower()  # a predicate adjective: "waren sich einig"
    if frame.particle is not None:
        particle = tokens[frame.particle].text.lower()
        lemma = token.lemma.lower() if token.pos in PREDICATE_POS else token.lemma
        if labels.particle_joins == "space":
            frame.lemma = f"{lemma} {particle}"
        elif not lemma.startswith(particle):
            frame.lemma = particle + lemma
    elif token.pos in PREDICATE_POS:
        frame.lemma = token.lemma.lower()
    if token.tag.endswith("IZU") and frame.lemma == token.text.lower():
        frame.lemma = _without_zu(frame.lemma)
    if frame.passive:
        agents = [n for p, n in frame.obliques if p in labels.agent_prepositions]
        frame.agents += agents
        frame.obliques = [(p, n) for p, n in frame.obliques if p not in labels.agent_prepositions]
    finite = _finite(tokens, [*auxes, frame.head])
    if finite is not None:
        frame.mood = finite.feature("Mood") or ""
        frame.tense = finite.feature("Tense") or ""
        if finite.tag.startswith("VM") or finite.tag == "MD":
            lemma = finite.lemma.lower()
            if lemma not in frame.modals and lemma not in labels.future_aux:
                frame.modals.append(lemma)
    elif frame.kind == "main" and token.feature("VerbForm") == "Part" and not auxes:
        # A headline's bare participle is a passive: "Drei Menschen in Türkei verletzt".
        frame.tense, frame.passive = "Past", True


def _without_zu(form: str) -> str:
    """The infinitive inside a zu-infinitive the lemmatizer left alone: "fortzusetzen" ->
    "fortsetzen" (the "zu" after the separable particle)."""
    at = form.find("zu", 2)
    return form[:at] + form[at + 2 :] if at != -1 else form


def prepositional(
    k: int, kids: dict[int, list[int]], tokens: list[Token], labels: ClauseLabels
) -> tuple[str, int]:
    """(preposition, noun) of a phrase hung on a word by token k: UD's noun with its case
    child, ClearNLP's preposition with its pobj; ("", k) when k opens no prepositional phrase."""
    if labels.prep_object and tokens[k].pos == "ADP":
        return tokens[k].lemma.lower(), _prep_object(k, kids, tokens, labels)
    prep = next(
        (tokens[c].lemma.lower() for c in kids.get(k, []) if tokens[c].dep in labels.case), ""
    )
    return prep, k


def _preposition(
    k: int, kids: dict[int, list[int]], tokens: list[Token], labels: ClauseLabels
) -> str | None:
    """The preposition of a prepositional phrase headed by token k (UD: its case child;
    ClearNLP: k is the preposition itself)."""
    if labels.prep_object and tokens[k].pos == "ADP":
        return tokens[k].lemma.lower()
    for c in kids.get(k, []):
        if tokens[c].dep in labels.case and tokens[c].pos == "ADP":
            return tokens[c].lemma.lower()
    return None


def _prep_object(
    k: int, kids: dict[int, list[int]], tokens: list[Token], labels: ClauseLabels
) -> int:
    """The noun of a prepositional phrase (ClearNLP: the pobj under the preposition)."""
    if labels.prep_object:
        for c in kids.get(k, []):
            if tokens[c].dep in labels.prep_object:
                return c
    return k


def _after_break(frame: Frame, parent: Frame, tokens: list[Token]) -> bool:
    low, high = sorted((parent.head, frame.head))
    return any(t.text in HEADLINE_BREAKS for t in tokens[low:high])


def _headline_participle(frame: Frame, frames: list[Frame], tokens: list[Token]) -> None:
    """ "... ermittelt – 691 Personen verletzt": a participle without auxiliary after a dash
    or colon is a headline's passive; its phrase, whatever the parser called it, is the
    subject (the victims), never the first headline's subject."""
    if frame.parent is None or frame.own_aux or frame.token.feature("VerbForm") != "Part":
        return
    if not _after_break(frame, frames[frame.parent], tokens):
        return
    frame.passive, frame.tense = True, frame.tense or "Past"
    frame.subjects, frame.objects = frame.subjects + frame.objects, []


def _inherit(frame: Frame, frames: list[Frame], tokens: list[Token], labels: ClauseLabels) -> None:
    """A clause without a subject shares its governor's: "X kritisierte Y und forderte ...";
    an infinitive's subject is the object it was asked of ("forderte X auf, zu ...")."""
    if frame.subjects or frame.parent is None:
        return
    parent = frames[frame.parent]
    dep = frame.token.dep
    if _after_break(frame, parent, tokens):
        return  # two headlines share no subject
    if dep in labels.conj and not frame.mark:
        frame.subjects = list(parent.subjects)
        frame.passive = frame.passive or (
            parent.passive and frame.token.feature("VerbForm") == "Part" and not frame.own_aux
        )
        frame.inherited_subject = bool(frame.subjects)
        if not frame.modals:
            frame.modals = list(parent.modals)
        if not frame.mood:
            frame.mood, frame.tense = parent.mood, parent.tense
        frame.future = frame.future or parent.future
        frame.conditional = frame.conditional or parent.conditional
    elif frame.kind == "complement" and frame.token.feature("VerbForm") == "Inf":
        frame.subjects = list(parent.objects or parent.datives or parent.subjects)
        frame.inherited_subject = bool(frame.subjects)
