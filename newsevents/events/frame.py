"""Status, date, place and contexts of a coded event (mixed into `coder.EventFinder`).

Status from cue lexicons in the trigger's clause; the date from the sentence, else carried from
the narrative so far, else the publication date; the place from the sentence, "hier" or the
dateline; contexts from cue lexicons.
"""

from __future__ import annotations

import re

from newsevents.events.assign import RoleAssignment
from newsevents.events.parties import CLAUSE_BREAKS, SentenceContext
from newsevents.events.triggers import TriggerHit
from newsevents.lang.profile import LanguageProfile
from newsevents.records import Article, EventDate, EventStatus, Sentence
from newsevents.text.dates import resolve

STATUS_WINDOW = 60  # characters around a trigger in which a status cue applies to it
CUED_STATUSES: tuple[EventStatus, ...] = ("negated", "hypothetical", "planned")  # checked in order


class EventFrame(RoleAssignment):
    """When, where and how certain: the frame of an event around its trigger."""

    statuses: dict[str, re.Pattern[str]]
    contexts: dict[str, re.Pattern[str]]
    year_hint: int | None
    last_date: EventDate | None

    # 2. status, date, place, context
    def status(self, hit: TriggerHit, sentence: Sentence) -> EventStatus:
        """occurred, planned, negated or hypothetical, from cues near the trigger."""
        if hit.trigger.status:
            return hit.trigger.status
        text = self.article.text
        # The trigger's clause: cues in a neighbouring clause belong to another verb.
        lo = max(sentence.start, hit.start - STATUS_WINDOW)
        hi = min(sentence.end, hit.end + STATUS_WINDOW)
        lo = max(lo, *(text.rfind(b, lo, hit.start) + 1 for b in CLAUSE_BREAKS))
        ends = [i for b in CLAUSE_BREAKS if (i := text.find(b, hit.end, hi)) != -1]
        hi = min([hi, *ends])
        window = text[lo:hi]
        # A condition usually stands in the clause before: "Falls X ..., könnte Y ...".
        before = text[max(sentence.start, lo - STATUS_WINDOW) : lo]
        conditional = self.statuses.get("hypothetical")
        if conditional is not None and conditional.search(
            before.rsplit(",", 2)[-2] if before.count(",") > 1 else before
        ):
            return "hypothetical"
        # A negation written into the trigger's own pattern is its meaning ("would not accept"
        # is a REJECT that happened), not a denial that it happened.
        negation = self.statuses.get("negated")
        if negation is not None and negation.search(hit.trigger.regex.pattern):
            window = text[lo : hit.start] + " … " + text[hit.end : hi]
        for status in CUED_STATUSES:
            cue = self.statuses.get(status)
            if cue is not None and cue.search(window):
                return status
        return "occurred"

    def date(
        self, hit: TriggerHit, sentence: Sentence, future: bool
    ) -> tuple[EventDate | None, str]:
        """The event's date and whether it was explicit, carried or the publication date."""
        found = self.profile.dates.find(
            self.article.text[sentence.start : sentence.end], sentence.start
        )
        found = [d for d in found if d.plausible()]
        if found:
            nearest = min(found, key=lambda d: abs(d.start - hit.start))
            resolved = resolve(
                nearest, self.article.published, year_hint=self.year_hint, future=future
            )
            if resolved is not None:
                return resolved, "explicit"
        if future:
            return None, "none"
        if self.last_date is not None:
            carried = EventDate(
                self.last_date.value,
                self.last_date.precision,
                self.last_date.text,
                f"carried from an earlier sentence ({self.last_date.text})",
                "carried",
            )
            return carried, "carried"
        if self.article.published:
            return EventDate(
                self.article.published, "day", None, "publication date (approximate)", "publication"
            ), "published"
        return None, "none"

    def location(self, context: SentenceContext, topic: int) -> tuple[str | None, str]:
        """The event's place: a place named in the sentence, 'hier', else the dateline."""
        candidates = [
            m
            for m in context.mentions
            if m.kind == "place"
            and m.actor_id
            and m.start < topic
            and not m.is_dateline
            and not any(s <= m.start and m.end <= e for s, e in context.excluded)
            # A capital as the subject ("Washington accused") is a government, not a place.
            and not (self._capital(m) and not self._excluded(m, context))
        ]
        if candidates:
            return candidates[0].actor_id, f"place named in the sentence ({candidates[0].text})"
        here = [m for m in context.mentions if m.kind == "here" and m.actor_id]
        if here:
            return here[0].actor_id, f"'{here[0].text}' refers to the dateline"
        if self.article.dateline:
            return self.article.dateline, "dateline"
        return None, "no place"

    def context_labels(self, sentence: Sentence) -> list[str]:
        """PLOVER contexts whose cues occur in the sentence."""
        text = self.article.text[sentence.start : sentence.end]
        return [name for name, cue in self.contexts.items() if cue.search(text)]


def infer_year(
    article: Article, profile: LanguageProfile, statuses: dict[str, re.Pattern[str]]
) -> int | None:
    """A year the article implies for dates without one, when it has no publication date.

    A year announced for the next meeting ("das nächste Treffen ... 2024") means the reported
    one was the year before; otherwise the latest year the article names.
    """
    if article.published is not None:
        return article.published.year
    planned = statuses.get("planned") or profile.grammar.regex("future_markers")
    years: list[int] = []
    planned_years: list[int] = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        for date in profile.dates.find(text):
            if date.year and 1950 <= date.year <= 2100:
                years.append(date.year)
                if planned is not None and planned.search(text):
                    planned_years.append(date.year)
    if planned_years:
        return min(planned_years) - 1
    return max(years) if years else None
