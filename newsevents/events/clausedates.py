"""Dates belong to the clause: the clause's own date, one carried from the same episode, or the
publication date marked as such.

A date is the clause's when its words are the clause's own (not those of a clause inside it). A
clause without one takes the date of the last dated event only when the narration goes on: both
in the past, and the same paragraph at most `CARRY_SENTENCES` sentences on, or a party (or its
country) in common: the same episode. A pluperfect or planned source is background and carries
nothing.
Otherwise the event gets the publication date, with basis "publication" (or none without one).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.events.frames import Frame
from newsevents.lang.profile import LanguageProfile
from newsevents.records import Article, EventDate, EventStatus, Sentence
from newsevents.text.dates import DateMention, resolve

CARRY_SENTENCES = 6  # a dated event further back is another part of the story


@dataclass(slots=True)
class Dated:
    """The last event with a date of its own: what a later clause may carry."""

    date: EventDate
    sentence: int
    paragraph: int
    parties: set[str]
    countries: set[str]


class ClauseDates:
    """Dates of the clauses of one article, read in order."""

    def __init__(
        self, article: Article, profile: LanguageProfile, year_hint: int | None = None
    ) -> None:
        self.article = article
        self.profile = profile
        self.year_hint = year_hint  # for dates without a year when there is no publication date
        self.last: Dated | None = None

    def date(
        self,
        frame: Frame,
        frames: list[Frame],
        sentence: Sentence,
        status: EventStatus,
        parties: list[str],
    ) -> tuple[EventDate | None, str]:
        """The event's date and why."""
        future = status == "planned"
        own = self._own(frame, frames, sentence)
        if own:
            resolved = resolve(
                own[0], self.article.published, year_hint=self.year_hint, future=future
            )
            if resolved is not None:
                if not future and not _pluperfect(frame):
                    self.last = Dated(
                        resolved,
                        sentence.index,
                        sentence.paragraph,
                        set(parties),
                        self._countries(parties),
                    )
                return resolved, f"stated in the clause ('{own[0].text}')"
        if not future and self._carries(frame, sentence, parties):
            assert self.last is not None
            last = self.last
            carried = EventDate(
                last.date.value,
                last.date.precision,
                last.date.text,
                f"carried from sentence {last.sentence} ('{last.date.text}')",
                "carried",
            )
            return carried, carried.reason
        if self.article.published and not future:
            published = EventDate(
                self.article.published, "day", None, "publication date (approximate)", "publication"
            )
            return published, published.reason
        return None, "no date"

    def _own(self, frame: Frame, frames: list[Frame], sentence: Sentence) -> list[DateMention]:
        text = self.article.text[sentence.start : sentence.end]
        found = [d for d in self.profile.dates.find(text, sentence.start) if d.plausible()]
        tokens = [frame.parse.tokens[i] for i in frame.tokens]
        return [d for d in found if any(t.start < d.end and d.start < t.end for t in tokens)]

    def _carries(self, frame: Frame, sentence: Sentence, parties: list[str]) -> bool:
        last = self.last
        if last is None or not _past(frame):
            return False
        if (
            last.paragraph == sentence.paragraph
            and sentence.index - last.sentence <= CARRY_SENTENCES
        ):
            return True
        # Another paragraph: the same episode only when a party (or its country) is shared.
        return bool(last.parties & set(parties) or last.countries & self._countries(parties))

    def _countries(self, parties: list[str]) -> set[str]:
        found = set()
        for actor_id in parties:
            actor = self.article.actors.get(actor_id)
            if actor is not None and actor.country:
                found.add(actor.country)
        return found


def _past(frame: Frame) -> bool:
    return frame.tense == "Past" or frame.perfect


def _pluperfect(frame: Frame) -> bool:
    """ "hatte ... verweigert", "had said": background to the story's time."""
    return frame.perfect and frame.tense == "Past"
