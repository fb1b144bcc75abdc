"""Trigger finding for the event stage: lexicon hits per sentence, longest and strongest first."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.lang.lexicons import Trigger
from newsevents.lang.prefilter import Prefilter


@dataclass(slots=True)
class TriggerHit:
    """A trigger found in a sentence."""

    trigger: Trigger
    start: int
    end: int
    text: str


def find_triggers(
    text: str, start: int, end: int, triggers: Sequence[Trigger], *, hyphen_modifiers: bool = False
) -> list[TriggerHit]:
    """Non-overlapping trigger hits in text[start:end], longest and earliest-listed first."""
    return find_triggers_in(text, [(start, end)], triggers, hyphen_modifiers=hyphen_modifiers)[0]


def find_triggers_in(
    text: str,
    spans: list[tuple[int, int]],
    triggers: Sequence[Trigger],
    *,
    hyphen_modifiers: bool = False,
) -> list[list[TriggerHit]]:
    """Trigger hits of each sentence span, found with one pass of each trigger over the text.

    A trigger's `requires`/`excludes` conditions are checked only in sentences where it hits,
    and a trigger none of whose required words is in the text is not scanned at all
    (`lang.prefilter`), which keeps the cost of a large lexicon well under one scan per trigger.
    """
    found: list[list[TriggerHit]] = [[] for _ in spans]
    if not spans:
        return found
    starts = [s for s, _ in spans]
    lo, hi = min(starts), max(e for _, e in spans)
    present = Prefilter(text, lo, hi)
    # `hyphen_modifiers` (English): a trigger glued to the word before by a hyphen is a
    # modifier, not an event ("long-threatened invasion", "Syrian-backed militia").
    for trigger in triggers:
        if not present.may_match(trigger.regex):
            continue
        for match in trigger.regex.finditer(text, lo, hi):
            index = bisect_right(starts, match.start()) - 1
            if index < 0 or match.end() > spans[index][1]:
                continue  # outside the analysed sentences (a repeated paragraph) or across two
            glued = match.start() > 1 and text[match.start() - 2 : match.start()][:1].isalnum()
            if hyphen_modifiers and glued and text[match.start() - 1] == "-":
                continue
            s_start, s_end = spans[index]
            if trigger.requires and not trigger.requires.search(text, s_start, s_end):
                continue
            if trigger.excludes and trigger.excludes.search(text, s_start, s_end):
                continue
            found[index].append(TriggerHit(trigger, match.start(), match.end(), match.group()))
    return [longest_first(hits) for hits in found]


def past_verb(hit: TriggerHit) -> bool:
    """Whether a trigger opens with an English past-tense verb ("welcomed", "opposed")."""
    first = hit.text.split()[0].lower() if hit.text.split() else ""
    return first.endswith("ed")


def strong_first(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Weak triggers (weight < 1: generic nouns like "Kritik", "Forderung") only count in a
    sentence with no strong one."""
    strong = [h for h in hits if h.trigger.weight >= 1]
    return strong or hits


def longest_first(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Non-overlapping hits, preferring longer then heavier ones, in text order."""
    hits.sort(key=lambda h: (-(h.end - h.start), -h.trigger.weight))
    kept: list[TriggerHit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
