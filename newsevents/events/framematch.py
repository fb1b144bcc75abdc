"""Which clause frames are events: a predicate or support-verb noun from the frame lexicon, with
the slots that hold its actor and recipient.

A verb counts by its lemma (with its conditions: "sich" for "sich einigen", a noun for
"verhängen" + Sanktionen). An event noun counts only as the object of a support verb ("Kritik
üben", "Gespräche führen"), as the subject of a verb of occurrence ("Gespräche fanden statt"),
or as the head of the clause's object where its own support verbs say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.events.frames import Frame, children_of, prepositional
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import (
    FrameLexicon,
    NounEntry,
    VerbEntry,
    ends_with_any,
    party_sector,
)
from newsevents.records import Token

NOUN_POS = frozenset({"NOUN", "PROPN"})
OCCURRED_BY = frozenset({"", "von", "aus", "zwischen", "by", "between", "from"})
OCCURRED_FROM = frozenset({"von", "aus", "durch", "from", "by"})  # the verb's phrase: the source
POSSESSIVES = frozenset({"'s", "’s", "'"})  # the English possessive marks a genitive
ATTACK_FROM = frozenset({"aus", "von", "durch", "from", "by"})  # where an attack comes from
RECEIVED_FROM = frozenset({"", "von", "aus", "seitens"})  # whose act a received noun is


@dataclass(slots=True)
class Candidate:
    """An event read from one frame: type, trigger tokens, and the tokens of its parties."""

    type: str
    trigger: list[int]
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    recipient_slot: str = ""
    # Every slot that may hold the recipient, in order: the coder takes the first naming a party.
    alternatives: list[tuple[str, list[int]]] = field(default_factory=list)
    mode: str | None = None
    noun: int | None = None  # the event noun, for a support-verb construction
    negated: bool = False  # "keine Einigung": the noun is negated
    swapped: bool = False
    announced: bool = False  # still to come whatever the tense ("wird zu einem Besuch erwartet")
    rule: str = ""


def _nouns(frame: Frame) -> list[str]:
    """The clause's nouns, pronouns, predicative adjectives ("verantwortlich machen") and
    adverbs that stand for a phrase ("infrage stellen", "zurecht weisen")."""
    tokens = frame.parse.tokens
    chosen = [
        i
        for i in frame.tokens
        if tokens[i].pos in NOUN_POS | {"PRON", "ADV"} or tokens[i].tag in {"ADJD", "PTKVZ"}
    ]
    return [tokens[i].lemma.lower() for i in chosen] + [tokens[i].text.lower() for i in chosen]


def _persons(frame: Frame, lexicon: FrameLexicon) -> bool:
    """Whether the clause's patient names a person or group: a name, a pronoun, a party noun."""
    tokens = frame.parse.tokens
    for i in frame.subjects if frame.passive else frame.objects + frame.datives:
        token = tokens[i]
        if token.pos in {"PROPN", "PRON"} or party_sector(lexicon, token.lemma) is not None:
            return True
    return False


def _governs_clause(frame: Frame, labels: ClauseLabels) -> bool:
    """Whether a complement clause or a zu-infinitive hangs on the predicate."""
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    for k in kids.get(frame.head, []):
        token = tokens[k]
        marked = any(tokens[m].lemma.lower() in labels.infinitive_marks for m in kids.get(k, []))
        if token.dep in labels.complement or (
            token.pos == "VERB" and (marked or "IZU" in token.tag)
        ):
            return True
    return False


def _verb_reading(
    frame: Frame, entries: list[VerbEntry], lexicon: FrameLexicon, labels: ClauseLabels
) -> tuple[VerbEntry, str] | None:
    ordered = sorted(
        entries,
        key=lambda e: (
            not (e.objects or e.prep or e.reflexive or e.negated_only or e.persons or e.clause)
        ),
    )
    # A preposition in `objects` stands for a phrase it opens ("vermittelt zwischen X und Y").
    nouns = _nouns(frame) + [p for p, _ in frame.obliques]
    for entry in ordered:
        if entry.persons and not _persons(frame, lexicon):
            continue
        if entry.clause and not _governs_clause(frame, labels):
            continue
        if entry.reflexive and not frame.reflexive:
            continue
        if entry.negated_only and not frame.negated:
            continue
        if entry.objects and not any(ends_with_any(n, entry.objects, lexicon) for n in nouns):
            continue
        if entry.prep:
            preps = dict(entry.prep)
            found = next((preps[p] for p, _ in frame.obliques if p in preps), None)
            if found is None:
                continue
            return entry, found
        return entry, entry.type
    return None


def _slot(
    frame: Frame, slot: str, patients: list[int], labels: ClauseLabels, noun: int | None = None
) -> list[int]:
    if slot == "obj":
        # The small parser often takes an accusative object for a dative ("besuchte Litauen").
        return patients or ([] if frame.passive else frame.datives)
    if slot == "dat":
        # A bare name shows no case: the parser's "object" may be the dative ("drohte Südkorea").
        tokens = frame.parse.tokens
        kids = children_of(tokens)
        # A name, or a title with its name ("FPÖ-Chef Gerhard Kurzmann"), is a person: the
        # addressee rather than the thing given or refused.
        names = [
            o
            for o in patients
            if o != noun
            and (
                tokens[o].pos == "PROPN"
                or any(tokens[k].pos == "PROPN" and k == o + 1 for k in kids.get(o, []))
            )
        ]
        # A passive keeps no accusative object, and a person in it is the one the act is
        # done to whatever the parse says ("Ponta werden ... vorgeworfen"): its phrases, for
        # the coder to keep those that name a party.
        misread = [*frame.objects, *frame.subjects] if frame.passive else []
        # "wirft der HDP vor, ... zu sein": what is given or said is the clause, so the one
        # object phrase is the addressee
        addressee = (
            [o for o in patients if o != noun]
            if not frame.passive and len(patients) == 1 and _governs_clause(frame, labels)
            else []
        )
        return frame.datives or second_object(frame, noun) or names or misread or addressee
    return [n for p, n in frame.obliques if p == slot] + _object_phrases(frame, slot, labels)


def _object_phrases(frame: Frame, prep: str, labels: ClauseLabels) -> list[int]:
    """Prepositional phrases inside the object: "verhängte Sanktionen gegen Belarus", "lehnte
    Gespräche mit der Slowakei ab"."""
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    found = []
    for head in frame.objects + (frame.subjects if frame.passive else []):
        for k in kids.get(head, []):
            if labels.prep_object:  # ClearNLP: the preposition heads its phrase
                word, noun = prepositional(k, kids, tokens, labels)
                if word == prep and noun != k:
                    found.append(noun)
                continue
            case = [c for c in kids.get(k, []) if tokens[c].pos == "ADP"]
            if case and tokens[case[0]].lemma.lower() == prep:
                found.append(k)
    return found


def second_object(frame: Frame, noun: int | None) -> list[int]:
    """The addressee the parser took for an object: beside the thing given or refused ("warf
    Deutschland Defizite vor", "erteilte Kurzmann eine Absage"), a name is the dative."""
    tokens = frame.parse.tokens
    others = [o for o in frame.objects if o != noun]
    if frame.passive or not others or (len(frame.objects) < 2 and noun is None):
        return []
    return [o for o in others if tokens[o].pos == "PROPN"] or (others[:1] if noun else [])


def match_verb(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> Candidate | None:
    """The event a frame's predicate is, if the lexicon has it."""
    reading = _verb_reading(frame, lexicon.verb(frame.lemma), lexicon, labels)
    if reading is None:
        return None
    entry, event_type = reading
    doers = frame.agents if frame.passive else frame.subjects
    patients = frame.subjects if frame.passive else frame.objects
    trigger = [frame.head] + ([frame.particle] if frame.particle is not None else [])
    candidate = Candidate(event_type, trigger, mode=entry.mode, rule=f"verb '{frame.lemma}'")
    candidate.actors = list(doers)
    if entry.objects:
        # The thing the reading needs is what is done, not to whom ("schließt Streiks nicht
        # aus"); a person or group so named is the recipient ("wies Diplomaten aus").
        tokens = frame.parse.tokens
        patients = [
            p
            for p in patients
            if party_sector(lexicon, tokens[p].lemma) is not None
            or party_sector(lexicon, tokens[p].text) is not None
            or tokens[p].pos == "PRON"
            or not (
                ends_with_any(tokens[p].lemma, entry.objects, lexicon)
                or ends_with_any(tokens[p].text, entry.objects, lexicon)
            )
        ]
    candidate.alternatives = [
        (slot, _slot(frame, slot, patients, labels)) for slot in entry.recipient
    ]
    for slot, found in candidate.alternatives:
        if found:
            candidate.recipients, candidate.recipient_slot = list(found), slot
            break
    if entry.swap:
        # The subject undergoes it, whatever auxiliary the parse saw ("Menschen sind ums Leben
        # gekommen" read as a passive): never the actor.
        undergo = list(frame.subjects) if frame.passive and not frame.agents else list(doers)
        candidate.alternatives = []
        others = [p for p in candidate.recipients or patients if p not in undergo]
        candidate.actors, candidate.recipients = others, undergo
        candidate.swapped = True
    return candidate


def match_noun(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> Candidate | None:
    """An event noun carried by the frame's verb: support verb + object, or occurrence verb +
    subject ("Gespräche fanden statt", "es gab Angriffe", "kam es zu Angriffen")."""
    tokens = frame.parse.tokens
    lemma = frame.lemma
    support = lemma in lexicon.support_verbs
    occurrence = lemma in lexicon.occurrence_verbs
    candidates: list[int] = []
    if support:
        candidates += frame.subjects if frame.passive else frame.objects
        # a noun the parser took for a dative ("hat ... Korruptionsanklagen ... erhoben")
        candidates += [] if frame.passive else frame.datives
    if occurrence:
        candidates += frame.subjects + frame.objects + [n for p, n in frame.obliques if p == "zu"]
    candidates += [] if support or occurrence else (frame.objects if not frame.passive else [])
    kids = children_of(tokens)
    for noun in candidates:
        if tokens[noun].pos not in NOUN_POS:
            continue
        for entry in lexicon.noun(tokens[noun].lemma) or lexicon.noun(tokens[noun].text):
            if not _noun_licensed(entry, lemma, support, occurrence):
                continue
            candidate = Candidate(entry.type, [noun, frame.head], mode=entry.mode, noun=noun)
            candidate.rule = f"noun '{tokens[noun].lemma}' with '{lemma}'"
            candidate.negated = negated_noun(noun, kids, tokens, labels)
            # "es gab Angriffe", "es habe Bombardierungen durch X gegeben": with the impersonal
            # "es" a verb that is both a support and an occurrence verb tells an occurrence.
            impersonal = occurrence and bool(frame.subjects) and not _personal_subjects(frame)
            _noun_roles(
                candidate, frame, entry, kids, labels, occurrence and (impersonal or not support)
            )
            return candidate
    return None


def match_received(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> Candidate | None:
    """An event noun the clause's subject or dative receives: "erntete Kritik von X", "die ihm
    Kritik der Opposition einbrachte". The noun's own "von"/"aus" or genitive phrase (or the
    clause's) acts; the receiver is the recipient."""
    slot = lexicon.receiving_verbs.get(frame.lemma)
    if slot is None or frame.passive:
        return None
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    for noun in frame.objects + frame.datives:
        if tokens[noun].pos not in NOUN_POS:
            continue
        entries = lexicon.noun(tokens[noun].lemma) or lexicon.noun(tokens[noun].text)
        # "einen Antrag einbringen" is the noun's own support verb: the subject acts.
        entries = [e for e in entries if frame.lemma not in e.support]
        if not entries:
            continue
        own = own_phrases(noun, kids, tokens, labels)
        actors = [h for p, h in own if p in RECEIVED_FROM] + [
            n for p, n in frame.obliques if p in RECEIVED_FROM and p
        ]
        receivers = (
            list(frame.subjects) if slot == "subj" else frame.datives or second_object(frame, noun)
        )
        receivers = [r for r in receivers if r != noun]
        candidate = Candidate(entries[0].type, [noun, frame.head], actors, receivers, noun=noun)
        candidate.negated = negated_noun(noun, kids, tokens, labels)  # "keine Unterstützung"
        candidate.recipient_slot = slot
        candidate.mode = entries[0].mode
        candidate.rule = f"noun '{tokens[noun].lemma}' received with '{frame.lemma}'"
        return candidate
    return None


def attack_sources(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> list[int]:
    """Who an attack named in a phrase of the clause comes from: its own "aus"/"von"/"durch"
    phrase ("bei Artilleriefeuer aus Syrien verletzt", "durch Schüsse von Soldaten")."""
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    for _, noun in frame.obliques:
        entries = lexicon.noun(tokens[noun].lemma) or lexicon.noun(tokens[noun].text)
        if not any(e.type == "ASSAULT" for e in entries):
            continue
        found = [h for p, h in own_phrases(noun, kids, tokens, labels) if p in ATTACK_FROM]
        if found:
            return found
    return []


def _personal_subjects(frame: Frame) -> list[int]:
    """The clause's subjects but the impersonal "es" of "kam es zu Angriffen", "es gab ..."
    (a neuter pronoun)."""
    tokens = frame.parse.tokens
    return [
        s
        for s in frame.subjects
        if not (tokens[s].pos == "PRON" and tokens[s].feature("Gender") == "Neut")
    ]


def _reached_by(frame: Frame, noun: int) -> list[int]:
    """The subject that comes to an event named in a phrase ("Die Parteien kamen zu einer
    Einigung"); none for the impersonal "es"."""
    if noun not in [n for _, n in frame.obliques]:
        return []
    return [s for s in _personal_subjects(frame) if s != noun]


def own_phrases(
    noun: int, kids: dict[int, list[int]], tokens: list[Token], labels: ClauseLabels
) -> list[tuple[str, int]]:
    """A noun's own genitive and prepositional phrases as (preposition, head noun); a genitive
    or possessive ("Russia's attack") has the preposition ""."""
    found = []
    for k in kids.get(noun, []):
        if tokens[k].dep in labels.genitive | labels.oblique:
            prep, head = prepositional(k, kids, tokens, labels)
            found.append(("" if prep in POSSESSIVES else prep, head))
    return found


def negated_noun(
    noun: int, kids: dict[int, list[int]], tokens: list[Token], labels: ClauseLabels
) -> bool:
    """Whether a negating determiner stands on the event noun ("keine Einigung")."""
    return any(
        tokens[k].lemma.lower() in labels.negation_determiners
        or tokens[k].text.lower() in labels.negation_determiners
        for k in kids.get(noun, [])
    )


def _noun_licensed(entry: NounEntry, verb: str, support: bool, occurrence: bool) -> bool:
    if entry.support:
        return verb in entry.support or occurrence
    return support or occurrence


def _noun_roles(
    candidate: Candidate,
    frame: Frame,
    entry: NounEntry,
    kids: dict[int, list[int]],
    labels: ClauseLabels,
    occurrence: bool,
) -> None:
    """Actor: the support verb's subject (agent); recipient: the noun's own prepositional
    phrase of the right kind ("Kritik an X"), else the clause's."""
    tokens = frame.parse.tokens
    noun = candidate.noun
    assert noun is not None
    own = own_phrases(noun, kids, tokens, labels)
    if occurrence:
        # "Widerstand kam aus Diplomatenkreisen": the source of what occurred is its actor,
        # on the noun or on the verb of occurrence.
        candidate.actors = (
            [k for p, k in own if p in OCCURRED_BY]
            or [n for p, n in frame.obliques if p in OCCURRED_FROM]
            or _reached_by(frame, noun)
        )
    else:
        candidate.actors = list(frame.agents if frame.passive else frame.subjects)
    for slot in entry.recipient:
        found = [k for p, k in own if p == slot]
        if not found and slot == "dat":
            found = list(frame.datives) or second_object(frame, noun)
        elif not found and slot != "obj":
            found = [n for p, n in frame.obliques if p == slot]
        candidate.alternatives.append((slot, found))
    for slot, found in candidate.alternatives:
        if found:
            candidate.recipients, candidate.recipient_slot = found, slot
            break
