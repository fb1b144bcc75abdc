"""Events a verbless headline or sentence names by its head noun ("Proteste gegen die Regierung
in Rumänien", "Gespräche zwischen Serbien und dem Kosovo", "Angriff auf Polizisten in Kabul").

Only the noun at the top of the sentence counts (the root, or a part beside it after a colon),
and only with a phrase of its own that can name a party: the actor from "von"/"durch" or the
first member of "zwischen A und B", the recipient from the noun's own recipient prepositions
("gegen", "auf", "mit", ...). A genitive is the speaker of a noun of saying ("Kritik der
Grünen"); of other nouns it is left out: it is the agent of one ("Angriff der Armee") and the
patient of another ("Festnahme des Journalisten"), as "von" is for arrests ("Festnahme von
Journalisten"). The coder keeps the event only when one of those phrases
resolves to a party.
"""

from __future__ import annotations

from newsevents.events.framematch import NOUN_POS, Candidate, negated_noun
from newsevents.events.frames import Frame, children_of
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import FrameLexicon, party_sector
from newsevents.records import Parse

ACTOR_PREPOSITIONS = frozenset({"von", "durch"})
BREAKS = frozenset({"–", "—", ";"})  # between two headlines of one line
# Nouns of what a party says, whose genitive is always the speaker ("Kritik der Grünen",
# "Forderung der Gewerkschaft"), unlike "Festnahme des Journalisten".
SAID_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "DISAPPROVE"})
# Nouns of acts done to someone, whose von-phrase is the patient ("Festnahme von X").
PATIENT_VON = frozenset({"COERCE"})


def _tops(parse: Parse, labels: ClauseLabels, kids: dict[int, list[int]]) -> list[int]:
    """The root noun, and nouns beside it ("EU: Gespräche ...", "Tote bei ...; Proteste ...")."""
    tokens = parse.tokens
    roots = [t.i for t in tokens if t.head == t.i]
    beside = labels.parataxis | labels.apposition | labels.conj | {"dep", "list"}
    found = []
    for root in roots:
        found.append(root)
        found += [k for k in kids.get(root, []) if tokens[k].dep in beside]
    return [i for i in found if tokens[i].pos in NOUN_POS]


def _own_phrases(
    parse: Parse, noun: int, labels: ClauseLabels, kids: dict[int, list[int]]
) -> list[tuple[str, int]]:
    """The noun's own prepositional phrases: (preposition, head noun)."""
    tokens = parse.tokens
    own = []
    for k in kids.get(noun, []):
        if tokens[k].dep not in labels.oblique:
            continue
        prep = next(
            (tokens[c].lemma.lower() for c in kids.get(k, []) if tokens[c].dep in labels.case), ""
        )
        if prep or tokens[k].dep in labels.genitive:
            own.append((prep, k))  # "" : a genitive
    return own


def headline_event(
    parse: Parse, lexicon: FrameLexicon, labels: ClauseLabels
) -> tuple[Frame, Candidate] | None:
    """A frame for the sentence's event noun and the event it names, for a sentence that has
    no clause of its own; None when no top noun is an event with a party phrase."""
    kids = children_of(parse.tokens)
    for noun in _tops(parse, labels, kids):
        found = _noun_event(parse, noun, lexicon, labels, kids)
        if found is not None:
            return found
    return None


def beside_clauses(
    parse: Parse, lexicon: FrameLexicon, labels: ClauseLabels
) -> list[tuple[Frame, Candidate]]:
    """The events of verbless headlines beside a sentence's clauses ("werfen ... vor – Auch
    scharfe Kritik der Grünen"): nouns hung beside a predicate after a dash or semicolon."""
    tokens = parse.tokens
    kids = children_of(tokens)
    found = []
    for token in tokens:
        if token.dep not in labels.parataxis or token.pos not in NOUN_POS:
            continue
        head = tokens[token.head]
        broken = any(t.text in BREAKS for t in tokens[min(head.i, token.i) : token.i])
        if head.pos != "VERB" or not broken:
            continue
        event = _noun_event(parse, token.i, lexicon, labels, kids)
        if event is not None:
            found.append(event)
    return found


def _noun_event(
    parse: Parse, noun: int, lexicon: FrameLexicon, labels: ClauseLabels, kids: dict[int, list[int]]
) -> tuple[Frame, Candidate] | None:
    """The event a top noun names with a party phrase of its own, if any."""
    tokens = parse.tokens
    token = tokens[noun]
    entries = lexicon.noun(token.lemma) or lexicon.noun(token.text)
    entries = [e for e in entries if not e.hypothetical_only]
    if not entries:
        return _victims(parse, noun, lexicon, labels, kids)
    entry = entries[0]
    own = _own_phrases(parse, noun, labels, kids)
    actors = [k for p, k in own if p in ACTOR_PREPOSITIONS]
    if entry.type in SAID_TYPES:
        actors += [k for p, k in own if not p]
    if entry.type in PATIENT_VON or "von" in entry.recipient:
        # "Festnahme von Journalisten", "Freilassung von X": the von-phrase is the patient.
        actors = [k for p, k in own if p == "durch"]
        own = [("obj" if p == "von" else p, k) for p, k in own]
        recipient_slots = ("obj", *entry.recipient)
    else:
        recipient_slots = entry.recipient
    recipients: list[int] = []
    slot_found = ""
    for prep, k in own:
        if prep == "zwischen":
            # "zwischen A und B": A acts, the others are met or fought
            sides = [k] + [c for c in kids.get(k, []) if tokens[c].dep in labels.conj]
            actors, recipients, slot_found = sides[:1], sides[1:], "zwischen"
            break
    if not recipients:
        for slot in recipient_slots:
            recipients = [k for p, k in own if p == slot]
            if recipients:
                slot_found = slot
                break
    if not actors and not recipients:
        return None
    frame = Frame(parse=parse, head=noun, lemma=token.lemma, tokens=list(range(len(tokens))))
    candidate = Candidate(entry.type, [noun], actors=actors, recipients=recipients)
    candidate.mode, candidate.noun, candidate.recipient_slot = entry.mode, noun, slot_found
    candidate.rule = f"headline noun '{token.lemma}'"
    candidate.negated = negated_noun(noun, kids, tokens, labels)  # "Keine Gespräche mit X"
    return frame, candidate


def _victims(
    parse: Parse, noun: int, lexicon: FrameLexicon, labels: ClauseLabels, kids: dict[int, list[int]]
) -> tuple[Frame, Candidate] | None:
    """ "30 Tote bei Bombardement in Aleppo": victims named by a party noun, at ("bei") an
    attack; the attack is the event, the victims its recipients."""
    tokens = parse.tokens
    if party_sector(lexicon, tokens[noun].lemma) is None and (
        party_sector(lexicon, tokens[noun].text) is None
    ):
        return None
    for prep, k in _own_phrases(parse, noun, labels, kids):
        attack = [e for e in lexicon.noun(tokens[k].lemma) if e.type == "ASSAULT"]
        if prep != "bei" or not attack:
            continue
        actors = [a for p, a in _own_phrases(parse, k, labels, kids) if p in ACTOR_PREPOSITIONS]
        frame = Frame(parse=parse, head=k, lemma=tokens[k].lemma, tokens=list(range(len(tokens))))
        candidate = Candidate("ASSAULT", [k], actors=actors, recipients=[noun])
        candidate.mode, candidate.noun, candidate.recipient_slot = attack[0].mode, k, "obj"
        candidate.rule = f"headline victims '{tokens[noun].lemma}' at '{tokens[k].lemma}'"
        return frame, candidate
    return None
