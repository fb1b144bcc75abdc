"""One event, not many: fuse the reports of the same event inside one article.

A meeting, attack or protest (PLOVER types whose ontology entry says `fuse: occurrence`)
reported in several paragraphs is one event keeping every evidence span; "das Treffen" /
"the meeting" adds its sentence to the meeting reported before. Separate statements stay
separate events.
"""

from __future__ import annotations

from newsevents.lang.lexicons import ontology
from newsevents.records import Event


def _same_parties(a: Event, b: Event, *, loose: bool = False) -> bool:
    """Equal parties; `loose` also accepts a report that leaves out the recipient."""
    if a.symmetric or b.symmetric:
        return a.parties() == b.parties()
    if set(a.actors) != set(b.actors):
        return False
    ra, rb = set(a.recipients), set(b.recipients)
    return ra == rb or (loose and (ra <= rb or rb <= ra))


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or not a.date.explicit or not b.date.explicit:
        return True
    return a.date.iso() == b.date.iso()


def _absorb(into: Event, other: Event) -> None:
    """Add `other`'s evidence, sources and the better date to `into`."""
    for span in other.evidence:
        if span not in into.evidence:
            into.evidence.append(span)
    into.sentences = sorted(set(into.sentences) | set(other.sentences))
    into.sources = list(dict.fromkeys(into.sources + other.sources))
    into.context = list(dict.fromkeys(into.context + other.context))
    into.participants = list(dict.fromkeys(into.participants + other.participants))
    into.recipients = list(dict.fromkeys(into.recipients + other.recipients))
    if other.date and other.date.explicit and (into.date is None or not into.date.explicit):
        into.date = other.date
        into.explanation.append(
            f"date: {other.date.iso()} from the report in sentence {other.sentences}"
            f" ({other.date.reason})"
        )
    if into.location is None or (other.location and "dateline" in " ".join(into.explanation)):
        into.location = other.location or into.location
    into.explanation.append(
        f"fused with the report '{other.trigger}' in sentence {other.sentences}"
    )


def fuse_events(events: list[Event], *, require_actor: bool = True) -> list[Event]:
    """Merge reports of the same event; drop events with no actor when `require_actor` (the
    trigger coder's: without a named doer its hit is mostly noise; a clause frame's passive
    without agent is a real event)."""
    fused: list[Event] = []
    for event in events:
        if event.status == "reference":
            meetings = [e for e in fused if e.type == event.type and e.status == "occurred"]
            if meetings:
                event.participants = [
                    p for p in event.recipients if p not in meetings[-1].parties()
                ]
                event.recipients = []
                _absorb(meetings[-1], event)
            continue
        if require_actor and not event.actors:
            continue
        policy = ontology().get(event.type, {}).get("fuse")
        target = None
        for earlier in reversed(fused):
            if earlier.type != event.type or earlier.status != event.status:
                continue
            loose = policy == "occurrence"
            if not _same_parties(earlier, event, loose=loose) or not _dates_compatible(
                earlier, event
            ):
                continue
            same_sentence = bool(set(earlier.sentences) & set(event.sentences))
            if policy == "occurrence" or same_sentence:
                target = earlier
                break
        if target is None:
            fused.append(event)
        else:
            _absorb(target, event)
    return fused
