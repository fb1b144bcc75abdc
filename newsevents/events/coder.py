"""Stage 7, events: PLOVER events from trigger lexicons, roles from the sentence's structure.

For each sentence: triggers from `data/lexicons/events.<lang>.yaml` (`triggers.py`), the main
ones chosen by clause rules (`clauses.py`); actor and recipients (`assign.py`, English in
`roles.py`); status, date, place and contexts (`frame.py`); statement sources
(`attribution.py`) and quotes (`quotes.py`). Reports of the same meeting in several paragraphs
are then fused into one event (`merge.py`), and numbered sessions found (`series.py`)."""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from newsevents.events.attribution import AttributionTracker
from newsevents.events.clauses import ClauseRules
from newsevents.events.frame import EventFrame, infer_year
from newsevents.events.framecoder import FrameCoder
from newsevents.events.merge import fuse_events
from newsevents.events.parties import (
    WORD,
    Party,
    SentenceContext,
    country_actor,
    group_actor,
)
from newsevents.events.phrasal import MEETING_TYPES
from newsevents.events.quotes import make_quotes, quote_spans
from newsevents.events.series import attach_series
from newsevents.kb.base import KnowledgeBase

if TYPE_CHECKING:
    from newsevents.resources import Resources
from newsevents.events.triggers import TriggerHit, find_triggers, find_triggers_in
from newsevents.lang.lexicons import Grammar, ontology
from newsevents.lang.profile import LanguageProfile, Lexicons
from newsevents.records import Article, Event, EventDate, Mention, Quote, Span

__all__ = [
    "EventFinder",
    "Party",
    "SentenceContext",
    "TriggerHit",
    "code",
    "country_actor",
    "event_id",
    "find_triggers",
    "find_triggers_in",
    "group_actor",
    "infer_year",
]

log = logging.getLogger(__name__)
# What an announced action is coded as: cooperation promised is AGREE, force threatened THREATEN.
ANNOUNCED_AS = {
    **dict.fromkeys(["SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"], "AGREE"),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], "THREATEN"),
}
CRITIC_WORDS = 3  # words around a trigger where the noun of a charge it answers may stand
ANSWERED_TYPES = frozenset({"ACCUSE", "REQUEST"})  # what a rejection may answer
SAYING_REACH = 20  # characters after a name where its verb of saying is looked for
SPEAKER_KINDS = frozenset({"person", "organization", "body", "country", "group"})
FIRST_PERSON_WORDS = 8  # how far before a trigger "I"/"we" may stand as its subject
SPEAKER_REACH = 4  # sentences after a named source whose "I"/"we" may still be that source
COOPERATION_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


class EventFinder(ClauseRules, EventFrame):
    """Codes the events of one article."""

    def __init__(self, article: Article, kb: KnowledgeBase, lexicons: Lexicons) -> None:
        self.article = article
        self.kb = kb
        self.lexicons = lexicons
        self.language = article.language or "en"
        self.profile: LanguageProfile = lexicons.profile(self.language)
        self.grammar: Grammar = self.profile.grammar
        self.svo = self.profile.role_strategy == "subject_object"
        self.statuses = lexicons.cues("statuses", self.language)
        self.contexts = lexicons.cues("contexts", self.language)
        self.year_hint = infer_year(article, self.profile, self.statuses)
        self.last_date: EventDate | None = None
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.hits: list[list[TriggerHit]] = []

    # 3. one sentence
    def sentence_events(self, context: SentenceContext) -> list[Event]:
        """The events coded from one sentence (before fusion)."""
        sentence = context.sentence
        hits = self.hits[sentence.index]
        events: list[Event] = []
        subject: Party | None = None
        hits = self._main_triggers(hits, context)
        for index, hit in enumerate(hits):
            lo = hits[index - 1].end if index > 0 else sentence.start
            hi = hits[index + 1].start if index + 1 < len(hits) else sentence.end
            if self._meeting_reference(hit):
                events.append(self._reference_event(hit, context))
                continue
            actors, recipients, subject, reason = self.assign(
                hit, context, sentence.start if index == 0 else lo, hi, subject
            )
            if not actors and self._first_person(hit, context):
                # '"We have retaliated," Erdogan said', '"I think he is a man of his word."':
                # the speaker is the doer of what "I"/"we" did.
                actors = list(context.speakers)
                recipients = [r for r in recipients if r not in actors]
                reason = f"{reason}; 'I'/'we' is the speaker"
            critics = (
                self._answered_critics(hit, context, events)
                if hit.trigger.type == "REJECT" and self.svo
                else []
            )
            if critics and set(critics) != set(actors):
                # "a charge Iran rejected", "the government rejected the report": rejecting a
                # charge answers whoever made it.
                recipients = [c for c in critics if c not in actors]
                reason = f"{reason}; recipient: the author of the rejected charge"
            status = self.status(hit, sentence)
            if self._new_meeting_planned(hit):
                status = "planned"
            event_type, planned_type = hit.trigger.type, None
            if event_type in COOPERATION_TYPES and self._negated_verb(hit):
                # "would not meet the demands", "will not accept refugees": refusing to
                # cooperate is a REJECT (PLOVER), the refused action its planned type.
                event_type, planned_type, status = "REJECT", event_type, "occurred"
            elif self._obliged(hit) and event_type != "REQUEST":
                # "X said Y must reach an agreement": the speaker asks Y for the action.
                event_type, planned_type, status = "REQUEST", event_type, "planned"
                addressee = self._addressee(hit, context, actors)
                if addressee:
                    recipients = addressee
            elif event_type in MEETING_TYPES and (
                status == "planned" or (self.svo and self._announced(hit, context))
            ):
                # PLOVER: a reference to a future meeting is coded AGREE, and so is a meeting
                # only offered ("said they would meet the mediator if ...").
                event_type, planned_type = "AGREE", hit.trigger.type
                recent = self._recent_pair()
                if not actors and recent and self._new_meeting_planned(hit):
                    # "The next meeting will take place in 2025": the same two parties.
                    actors, reason = recent, f"{reason}; the parties of the last meeting"
            elif (
                self._announced(hit, context)
                and event_type in ANNOUNCED_AS
                and not self._announced_step_down(hit)
            ):
                # "X will give aid" is a promise, "X would boycott Y" a threat (PLOVER): the
                # announced action is kept as the planned type.
                event_type, planned_type = ANNOUNCED_AS[event_type], event_type
                status = "planned"
                if self._ultimatum(hit, sentence):
                    # "will withdraw its troops unless ...": a conditional promise is a threat.
                    event_type = "THREATEN"
            if event_type == "MOBILIZE" and len(actors) > 1 and self._exercise(hit):
                # "French and Egyptian warships launched war games": exercises held together
                # are military cooperation (PLOVER COOPERATE), not a show of force.
                event_type = "COOPERATE"
            if hit.trigger.type == "AGREE" and self.svo:
                # "promised to democratize Serbia", "agreed to resign without returning to
                # Kyrgyzstan": a promise about one's own country is made to no one (PLOVER);
                # a named person or body of that country stays the recipient.
                recipients = self._without_own_country(actors, recipients)
            date, how = self.date(hit, sentence, future=status == "planned")
            if how == "explicit" and status != "planned" and date is not None:
                self.last_date = date
            location, where = self.location(context, self._topic_start(context, hit.end))
            info = ontology().get(event_type, {})
            symmetric = bool(info.get("symmetric")) and (
                len(actors) > 1
                or not recipients
                or self._word_before(self.article.text.find(" ", hit.end)) in {"mit", "with"}
            )
            events.append(
                Event(
                    id="",
                    type=event_type,
                    actors=actors,
                    recipients=recipients,
                    symmetric=symmetric and not hit.trigger.swap,
                    mode=hit.trigger.mode,
                    context=self.context_labels(sentence),
                    date=date,
                    location=location,
                    status=status,
                    sources=list(context.attribution.sources) if context.attribution else [],
                    evidence=[Span(sentence.start, sentence.end)],
                    sentences=[sentence.index],
                    trigger=hit.text,
                    rule=hit.trigger.source,
                    planned_type=planned_type,
                    explanation=[
                        f"trigger '{hit.text}' ({_short(hit.trigger.source)})",
                        f"roles: {reason}",
                        f"status: {status}",
                        f"date: {date.iso() if date else 'unknown'}"
                        f" ({date.reason if date else how})",
                        f"place: {where}",
                    ],
                )
            )
        return events

    def _without_own_country(self, actors: list[str], recipients: list[str]) -> list[str]:
        """The recipients less the actors' own country named as a country."""
        known = self.article.actors
        own = {known[a].country for a in actors if a in known} - {None}
        return [
            r
            for r in recipients
            if not (r in known and known[r].kind == "country" and known[r].country in own)
        ]

    def _answered_critics(
        self, hit: TriggerHit, context: SentenceContext, earlier: list[Event]
    ) -> list[str]:
        """The actors of the charge or demand a trigger answers: a noun of criticism next to it
        ("rejected the report", "a charge Iran rejected") refers to the last accusation or
        demand of this or the sentence before."""
        text = self.article.text
        sentence = context.sentence
        after = WORD.findall(text[hit.end : sentence.end])[:CRITIC_WORDS]
        before = WORD.findall(text[sentence.start : hit.start])[-CRITIC_WORDS:]
        if not any(self.grammar.has("criticism_nouns", w) for w in after + before):
            return []
        for event in reversed(self.events + earlier):
            near = any(sentence.index - i <= 1 for i in event.sentences)
            if near and event.type in ANSWERED_TYPES and event.actors:
                return list(event.actors)
        return []

    def _named_speakers(self, mentions: list[Mention]) -> list[str]:
        """Parties named right before a verb of saying ("Erdogan said", "Trump told
        reporters"), in English: the speakers of a quotation the attribution did not catch."""
        if not self.svo:
            return []
        cue = self.grammar.regex("attribution_verbs")
        text = self.article.text
        found = []
        for mention in mentions:
            after = text[mention.end : mention.end + SAYING_REACH]
            match = cue.match(after.lstrip())
            if mention.actor_id and mention.kind in SPEAKER_KINDS and match:
                found.append(mention.actor_id)
        return list(dict.fromkeys(found))

    def _first_person(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether "I" or "we" stands in the trigger's clause before it, with a speaker to
        stand for (English only)."""
        if not self.svo or not context.speakers:
            return False
        return any(
            self.grammar.has("first_person_pronouns", w)
            for w in self._words_before(hit, FIRST_PERSON_WORDS)
        )

    def _exercise(self, hit: TriggerHit) -> bool:
        """Whether the trigger names military exercises ("war games", "naval drills")."""
        return any(self.grammar.has("exercise_nouns", w) for w in WORD.findall(hit.text))

    def _announced_step_down(self, hit: TriggerHit) -> bool:
        """Whether an announced action is a resignation ("will resign", "would be stepping
        down"): saying one will step down is the retreat itself, not a promise to someone."""
        return self.svo and bool(self.grammar.regex("intransitive_triggers").fullmatch(hit.text))

    def _recent_pair(self) -> list[str] | None:
        """The two parties of the last event with exactly two, for "beide Seiten"."""
        for event in reversed(self.events):
            parties = list(dict.fromkeys(event.actors + event.recipients))
            if len(parties) == 2 and event.status != "reference":
                return parties
        return None

    def _meeting_reference(self, hit: TriggerHit) -> bool:
        """'das Treffen' / 'the meeting' refers back to a meeting already reported."""
        if hit.trigger.type not in MEETING_TYPES or (
            not hit.text[:1].isupper() and self.profile.has("nouns_capitalised")
        ):
            return False
        before = WORD.findall(self.article.text[max(0, hit.start - 30) : hit.start])[-2:]
        words = [w.lower() for w in before]
        # The marker may be part of the trigger itself ("next meeting", "upcoming talks").
        own = [w.lower() for w in WORD.findall(hit.text)]
        if any(self.grammar.has("new_markers", w) for w in words + own):
            return False
        has_meeting = any(e.type in MEETING_TYPES and e.status == "occurred" for e in self.events)
        return has_meeting and bool(words) and self.grammar.has("definite_markers", words[-1])

    def _new_meeting_planned(self, hit: TriggerHit) -> bool:
        """'das nächste Treffen' / 'the next meeting': a meeting still to come."""
        before = WORD.findall(self.article.text[max(0, hit.start - 30) : hit.start])[-2:]
        own = WORD.findall(hit.text)[:-1]  # "next meeting" as one trigger
        return hit.trigger.type in MEETING_TYPES and any(
            w.lower() in self.profile.next_markers for w in before + own
        )

    def _reference_event(self, hit: TriggerHit, context: SentenceContext) -> Event:
        persons = [m.actor_id or "" for m in context.mentions if m.kind == "person"]
        return Event(
            id="",
            type=hit.trigger.type,
            actors=[],
            recipients=persons,
            status="reference",
            evidence=[Span(context.sentence.start, context.sentence.end)],
            sentences=[context.sentence.index],
            trigger=hit.text,
            rule="meeting reference",
            explanation=[f"'{hit.text}' refers back to the meeting reported before"],
        )

    def run(self) -> list[Event]:
        """All events of the article, fused."""
        tracker = AttributionTracker(self.article, self.grammar)
        self.hits = find_triggers_in(
            self.article.text,
            [(x.start, x.end) for x in self.article.sentences],
            self.lexicons.triggers(self.language),
            hyphen_modifiers=self.profile.has("hyphenated_triggers_modify"),
        )
        by_sentence: dict[int, list[Mention]] = {}
        for mention in self.article.mentions:
            if self._runaway_body(mention):
                continue
            by_sentence.setdefault(mention.sentence, []).append(mention)
        spoken: tuple[int, list[str]] = (-SPEAKER_REACH - 1, [])  # last sentence with a source
        for sentence in self.article.sentences:
            mentions = by_sentence.get(sentence.index, [])
            attribution = tracker.sentence(sentence, mentions)
            excluded = list(attribution.spans) if attribution else []
            sources = attribution.sources if attribution and attribution.sources else []
            sources = sources or self._named_speakers(mentions)
            if sources:
                spoken = (sentence.index, sources)
            near = sentence.index - spoken[0] <= SPEAKER_REACH
            context = SentenceContext(
                sentence, mentions, attribution, excluded, list(spoken[1]) if near else []
            )
            self.events.extend(self.sentence_events(context))
            spans = quote_spans(self.article, sentence)
            if spans:
                groups = self.parties(context, sentence.start, spans[0][0])
                subject = (
                    groups[0].actor_ids(self.article, self.kb, self._recent_pair())
                    if groups
                    else []
                )
                speakers = attribution.sources if attribution else []
                cue = attribution.cue if attribution else None
                self.quotes += make_quotes(self.article, sentence, speakers, subject, cue)
        return _with_ids(self.article.id, fuse_events(self.events))


def _short(rule: str, limit: int = 90) -> str:
    return rule if len(rule) <= limit else rule[: limit - 1] + "…"


def event_id(article_id: str, event: Event) -> str:
    """Stable id of an event: article id plus a hash of its type, parties and first evidence."""
    first = event.evidence[0] if event.evidence else Span(0, 0)
    key = (
        f"{article_id}|{event.type}|{event.status}|{sorted(event.actors)}|"
        f"{sorted(event.recipients)}|{first.start}"
    )
    return f"{article_id}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def code(article: Article, resources: Resources) -> Article:
    """Attach the article's events and quotes (a language without a profile gets none)."""
    kb, lexicons = resources.kb, resources.lexicons
    if not lexicons.has(article.language or ""):
        article.events = []
        return article
    language = article.language or ""
    profile = lexicons.profile(language)
    parsed = profile.coder in {"frames", "combined"} and _parser_for(resources, language)
    if parsed and profile.coder == "frames":
        frames = FrameCoder(article, kb, lexicons)
        article.events = _with_ids(article.id, frames.run())
        article.quotes = frames.quotes
        attach_series(article, profile.grammar)
        return article
    from_frames = FrameCoder(article, kb, lexicons).run() if parsed else None
    finder_ = EventFinder(article, kb, lexicons)
    article.events = finder_.run()
    if from_frames is not None:
        article.events = _with_ids(article.id, _combined(from_frames, article.events))
    article.quotes = finder_.quotes
    attach_series(article, finder_.grammar)
    return article


def _combined(frame_events: list[Event], trigger_events: list[Event]) -> list[Event]:
    """The frame events, and the trigger events of the sentences no frame event came from
    (``coder: combined``): the parse decides where it reads an event, the trigger lexicon
    covers what the parse missed."""
    covered = {i for event in frame_events for i in event.sentences}
    rest = [e for e in trigger_events if not covered & set(e.sentences)]
    return sorted(frame_events + rest, key=lambda e: (e.sentences[:1], e.evidence[:1]))


def _parser_for(resources: Resources, language: str) -> bool:
    """Whether the language's clause frames can be read; without its parser (the model not
    installed) the trigger coder stands in, and says so once."""
    if resources.syntax is not None and resources.syntax.available(language):
        return True
    if language not in _WARNED:
        _WARNED.add(language)
        log.warning("events: no %s parser; coded with the trigger lexicon instead", language)
    return False


_WARNED: set[str] = set()  # languages already warned about


def _with_ids(article_id: str, events: list[Event]) -> list[Event]:
    """Give each event its stable id (a number added where two would share one)."""
    taken: set[str] = set()
    for event in events:
        event.id = event_id(article_id, event)
        number = 1
        while event.id in taken:  # same type, parties and sentence, but a separate event
            number += 1
            event.id = f"{event_id(article_id, event)}-{number}"
        taken.add(event.id)
    return events
