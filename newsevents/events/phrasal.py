"""Events a phrase of the clause names, not its verb.

- A meeting the clause's subject takes part in: "Xi ging bei einem Treffen mit Erdogan auf ...
  ein" (the one exception to background phrases in the annotation guide; a partner must be
  named, so no press conference counts), "Obama wird zu einem Besuch in Hanoi erwartet" (a verb
  of travel or expectation with "zu"; expected, it is announced). The partner is the meeting
  noun's "mit" phrase; a destination is no party.
- The reception of a proposal: "Die Forderung stößt bei Schmid auf Ablehnung": the "bei" party
  acts (REJECT), the subject's side is the recipient.

The prepositions and verbs are the frame lexicon's (`meeting_prepositions`, `travel_verbs`,
`reception_verbs`).
"""

from __future__ import annotations

from newsevents.events.framematch import Candidate
from newsevents.events.frames import Frame, children_of, prepositional
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import FrameLexicon

MEETING_TYPES = frozenset({"CONSULT"})


def match_phrase(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> Candidate | None:
    """The event one of the clause's prepositional phrases names, if any."""
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    doers = frame.agents if frame.passive and frame.agents else frame.subjects
    for prep, noun in frame.obliques:
        token = tokens[noun]
        entries = lexicon.noun(token.lemma) or lexicon.noun(token.text)
        if not entries:
            continue
        if lexicon.reception_verbs.get(frame.lemma) == prep:
            entry = entries[0]
            actors = [n for p, n in frame.obliques if p in lexicon.meeting_prepositions]
            candidate = Candidate(entry.type, [frame.head, noun], actors, list(frame.subjects))
            candidate.rule = f"reception '{token.text}' with '{frame.lemma}'"
            return candidate
        meeting = [e for e in entries if e.type in MEETING_TYPES]
        travel = prep == "zu" and frame.lemma in lexicon.travel_verbs
        phrases = [prepositional(k, kids, tokens, labels) for k in kids.get(noun, [])]
        partners = [k for p, k in phrases if p in lexicon.partner_prepositions]
        # "bei einem Treffen mit X", never "bei einer Pressekonferenz": a partner is named.
        attended = prep in lexicon.meeting_prepositions and bool(partners)
        if meeting and (attended or travel):
            candidate = Candidate(meeting[0].type, [noun], list(doers), partners)
            candidate.announced = frame.lemma in lexicon.expectation_verbs
            candidate.recipient_slot = min(lexicon.partner_prepositions) if partners else ""
            candidate.mode = meeting[0].mode
            candidate.rule = f"meeting '{prep} ... {token.text}'"
            return candidate
    return None
