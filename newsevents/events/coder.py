"""Stage 7, events: PLOVER events from trigger lexicons, roles from the sentence's structure.

For each sentence: triggers from `data/lexicons/events.<lang>.yaml` (`event_triggers.py`), the
main ones chosen by clause rules (`event_clauses.py`); actor and recipient from the mentions
around the trigger (first coordinated group = actor, others = recipients; passive voice and
"swap" triggers invert that; places after "in", topics after "über"/"about" and statement
sources are never parties; English: subject, first object, see `event_roles.py`); status from
cue lexicons; date from the sentence or the narrative so far; place from the sentence, "hier"
or the dateline. Reports of the same meeting in several paragraphs are then fused into one
event (see `fusion.py`)."""

from __future__ import annotations

import hashlib

from newsevents.events.attribution import AttributionTracker
from newsevents.events.clauses import ClauseRules
from newsevents.events.merge import fuse_events
from newsevents.events.parties import (
    CLAUSE_BREAKS,
    WORD,
    Party,
    SentenceContext,
    country_actor,
    group_actor,
)
from newsevents.events.quotes import make_quotes, quote_spans
from newsevents.events.roles import EnglishRoles
from newsevents.events.series import attach_series
from newsevents.events.triggers import TriggerHit, find_triggers, find_triggers_in
from newsevents.kb.base import default_kb
from newsevents.lang.lexicons import Grammar, cue_lists, grammar, ontology
from newsevents.records import Article, Event, EventDate, Mention, Quote, Sentence, Span
from newsevents.text.dates import DateMention, finder, resolve

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

PARTY_KINDS = {"country", "organization", "person", "group", "body", "reference"}
PASSIVE_WINDOW = 3  # tokens after the participle where "worden"/"wurde" marks the passive
STATUS_WINDOW = 60  # characters around a trigger in which a status cue applies to it
# What an announced action is coded as: cooperation promised is AGREE, force threatened THREATEN.
ANNOUNCED_AS = {
    **dict.fromkeys(["SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"], "AGREE"),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], "THREATEN"),
}
MEETING_TYPES = {"CONSULT"}
COOPERATION_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# Conflict and concessions with no target named are domestic (PLOVER/ICEWS code the actor's
# own country as recipient): lifting a curfew, arrests, protests, attacks at home.
DOMESTIC_TYPES = {
    "CONCEDE",
    "RETREAT",
    "COERCE",
    "MOBILIZE",
    "PROTEST",
    "ASSAULT",
    "REJECT",
    "REQUEST",
    "THREATEN",
}
PHRASE_WORDS = 5  # how far back a preposition can govern a name ("vom pakistanischen Minister X")


class EventFinder(ClauseRules, EnglishRoles):
    """Codes the events of one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.language = article.language or "en"
        self.grammar: Grammar = grammar(self.language)
        self.statuses = cue_lists("statuses", self.language)
        self.contexts = cue_lists("contexts", self.language)
        self.year_hint = infer_year(article)
        self.last_date: EventDate | None = None
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.hits: list[list[TriggerHit]] = []

    # 1. parties
    def _word_before(self, offset: int) -> str:
        words = WORD.findall(self.article.text[max(0, offset - 30) : offset])
        return words[-1].lower() if words else ""

    def _preposition(self, offset: int) -> str:
        """The preposition governing the noun phrase that ends at `offset`, or "".

        Walks back over the phrase ("vom pakistanischen Außenminister Jalil ...") to the first
        preposition; a comma or a clause boundary ends the search.
        """
        words = WORD.findall(self.article.text[max(0, offset - 60) : offset])
        for word in reversed(words[-PHRASE_WORDS:]):
            lowered = str(word).lower()
            if not word[0].isalnum():
                return ""
            for key in ("agent_prepositions", "location_prepositions", "recipient_prepositions"):
                if self.grammar.has(key, lowered):
                    return lowered
            if self.grammar.has("coordination", lowered):
                return ""
        return ""

    def parties(self, context: SentenceContext, lo: int, hi: int) -> list[Party]:
        """Coordinated groups of party mentions between offsets lo and hi."""
        text = self.article.text
        outer = [
            m
            for m in context.mentions
            if (m.kind in PARTY_KINDS or self._capital(m))
            and not m.modifier
            and m.role not in {"dateline", "ner"}
            and not self._hyphen_modifier(m)
        ]
        outer = [
            m
            for m in outer
            if not any(
                o is not m
                and o.start <= m.start
                and m.end <= o.end
                and (o.end - o.start) > (m.end - m.start)
                for o in outer
            )
        ]
        outer = [
            m
            for m in outer
            if lo <= m.start < hi
            and not any(s <= m.start and m.end <= e for s, e in context.excluded)
        ]
        groups: list[Party] = []
        for mention in sorted(outer, key=lambda m: m.start):
            if groups:
                gap = text[groups[-1].end : mention.start].strip().lower()
                gap_words = gap.replace(",", " ").split()
                if (
                    gap in {"", ",", "-", "/"}
                    or (
                        gap_words
                        and all(
                            self.grammar.has("coordination", w)
                            or self.grammar.has("determiners", w)
                            for w in gap_words
                        )
                    )
                    or self._titled_conjunct(text[groups[-1].end : mention.start].split())
                ):
                    groups[-1].mentions.append(mention)
                    groups[-1].end = mention.end
                    continue
            prep = self._preposition(mention.start)
            groups.append(
                Party(
                    [mention],
                    mention.start,
                    mention.end,
                    prep,
                    self.grammar.has("agent_prepositions", prep),
                )
            )
        # A chain "in Afghanistan, Zentral- und Südasien" is excluded as a whole by its head.
        return [g for g in groups if not self._excluded(g.mentions[0], context)]

    def _target_country(
        self, context: SentenceContext, hit: TriggerHit, hi: int, actors: list[str]
    ) -> str | None:
        """The country of a place or country named after the trigger, for actions done to a
        place: "shelled the city of Kharkiv", "schickte Hilfe in den Sudan"."""
        own = {self.article.actors[a].country for a in actors if a in self.article.actors}
        places = [
            m
            for m in context.mentions
            if m.kind in {"place", "country"}
            and not m.modifier
            and m.role != "dateline"
            and m.country not in own | {None}
            and not self._hyphen_modifier(m)
        ]
        after = [m for m in places if hit.end <= m.start < hi]
        # Else a place the sentence locates the action in: "arrived in Amman on a visit".
        located = [
            m
            for m in places
            if self.grammar.has("location_prepositions", self._preposition(m.start))
        ]
        for mention in after or located:
            return country_actor(self.article, mention.country or "")
        return None

    def _sentence_country(self, context: SentenceContext) -> str | None:
        """The country of the sentence's place, else of the dateline."""
        for mention in context.mentions:
            if mention.kind == "place" and mention.country:
                return mention.country
        dateline = self.article.actors.get(self.article.dateline or "")
        return dateline.country if dateline else None

    def _capital(self, mention: Mention) -> bool:
        """A capital named as a party stands for its government ("Washington accused Tehran")."""
        if mention.kind != "place" or not mention.country or mention.entry_id is None:
            return False
        capital = default_kb().capital(mention.country)
        return capital is not None and capital.id == mention.entry_id

    def _excluded(self, mention: Mention, context: SentenceContext) -> bool:
        if any(s <= mention.start and mention.end <= e for s, e in context.excluded):
            return True
        prep = self._preposition(mention.start)
        if self.grammar.has("agent_prepositions", prep):
            return False
        if mention.kind == "organization" and mention.entry_id:
            # "bei den Vereinten Nationen", "at the UN": the venue, not a party.
            return self.grammar.has("venue_prepositions", prep)
        return (
            mention.kind in {"country", "place"}
            and mention.role not in {"adjective", "demonym"}
            and self.grammar.has("location_prepositions", prep)
        )

    def _topic_start(self, context: SentenceContext, after: int) -> int:
        """Offset from which mentions are topics ("über die Lage in ..."), or sentence end."""
        match = self.grammar.regex("topic_cues").search(
            self.article.text, after, context.sentence.end
        )
        return match.start() if match else context.sentence.end

    def _passive(self, hit: TriggerHit, end: int) -> bool:
        tail = WORD.findall(self.article.text[hit.end : end])[:PASSIVE_WINDOW]
        head = WORD.findall(self.article.text[max(0, hit.start - 25) : hit.start])[-2:]
        aux = {w.lower() for w in self.grammar.words.get("passive_auxiliaries", [])}
        if self.language == "de":
            return any(w.lower() in {"worden", "wurde", "wurden"} for w in tail)
        # The participle opens the trigger: "was charged by a court with ...".
        first = hit.text.split()[0].lower() if hit.text.split() else ""
        participle = first.endswith(("ed", "en")) or self.grammar.has(
            "irregular_participles", first
        )
        stative = self.grammar.has("stative_participles", first)  # "is opposed to": an adjective
        return any(w.lower() in aux for w in head) and participle and not stative

    def assign(
        self, hit: TriggerHit, context: SentenceContext, lo: int, hi: int, subject: Party | None
    ) -> tuple[list[str], list[str], Party | None, str]:
        """(actors, recipients, subject party, reasoning) for one trigger."""
        topic = self._topic_start(context, hit.end)
        groups = [
            g for g in self.parties(context, lo, hi) if g.start < topic or g.start < hit.start
        ]
        passive = self._passive(hit, hi)
        agents = [g for g in groups if g.agent]
        others = [g for g in groups if not g.agent]
        reason = []
        if passive and agents:
            actor_party: Party | None = agents[0]
            recipients = [g for g in others]
            reason.append("passive voice: the von/by-phrase is the doer")
        else:
            # A party after "gegen"/"with"/"against" is the target, not the doer.
            doers = [
                g for g in others if not self.grammar.has("recipient_prepositions", g.preposition)
            ]
            before = [g for g in doers if g.start < hit.start]
            clause = max(self.article.text.rfind(b, lo, hit.start) for b in CLAUSE_BREAKS)
            own_clause = [g for g in before if g.start > clause]
            if own_clause and clause > lo:
                # "Falls Serbien ..., könnte Kosovo Sanktionen verhängen": the trigger's clause
                # names its own subject.
                before = own_clause + [g for g in before if g not in own_clause]
            fallback = doers[0] if doers else None
            if not self._subject_may_follow(hit, context) and self._located_subject(
                hit, context, lo
            ):
                fallback = None  # the subject is named by its place, see below
            actor_party = before[0] if before else (subject if subject else fallback)
            if actor_party is None and agents and self.grammar.words.get("single_object"):
                # "sanctions imposed on X by the UN", "an attack by rebels": a by-phrase after
                # a noun names the doer.
                actor_party = agents[0]
            recipients = [g for g in others if g is not actor_party]
            if self.grammar.words.get("single_object"):
                # Outside the passive a by-phrase is no doer: "demanded an admission by Moscow".
                recipients = [g for g in groups if g is not actor_party]
            reason.append(
                "first named party is the actor" if actor_party else "no actor in sentence"
            )
            if (
                passive
                and self.grammar.words.get("single_object")
                and actor_party is not None
                and actor_party.start < hit.start
            ):
                # "Three US soldiers were killed near Basra": the subject of a passive with no
                # by-phrase suffered the action; the doer is unnamed (coded by the place below).
                recipients, actor_party = [actor_party], None
                reason.append("passive voice without a doer: the subject is the recipient")
        if self.grammar.words.get("single_object") and not hit.trigger.swap:
            recipients = self._object(hit, recipients, reason, passive, hi)
        recent = self._recent_pair()
        actors = actor_party.actor_ids(self.article, recent) if actor_party else []
        if len(actors) > 1 and ontology().get(hit.trigger.type, {}).get("symmetric"):
            # "Jordan and Britain agreed ...": the parties act together; later names are topics.
            recipients = []
            reason.append("coordinated parties of a symmetric event")
        recipient_ids = [
            i for g in recipients for i in g.actor_ids(self.article, recent) if i not in actors
        ]
        if hit.trigger.swap:
            actors, recipient_ids = recipient_ids, actors
            reason.append("trigger swaps roles (host/receiver is the recipient)")
        if not actors and self.grammar.words.get("single_object"):
            located = self._located_subject(hit, context, lo)
            if located is None and passive:
                located = self._target_country(context, hit, hi, [])
            if located:
                actors = [located]
                recipient_ids = [r for r in recipient_ids if r != located] or recipient_ids
                reason.append("subject named by its place ('rebels in the Ivory Coast')")
        if not actors and hit.trigger.type == "PROTEST":
            country = self._sentence_country(context)
            if country:
                actors = [group_actor(self.article, country, "CVL", "Civilians")]
                reason.append("protesters not named: civilians of the place")
        if self.grammar.regex("intransitive_triggers").fullmatch(hit.text):
            # "resigned to allow elections in Haiti": the action has no one it is done to.
            recipient_ids = []
            reason.append("intransitive trigger: no recipient")
            return actors, recipient_ids, subject, "; ".join(reason)
        symmetric_pair = len(actors) > 1 and ontology().get(hit.trigger.type, {}).get("symmetric")
        if not recipient_ids and actors and not symmetric_pair:
            # PLOVER codes the country an action is aimed at or takes place in as its
            # recipient: "shelled Kharkiv", "troops to Liberia", "arrived in Amman".
            target = self._target_country(context, hit, hi, actors)
            if target:
                recipient_ids = [target]
                reason.append("recipient: the country of the place named after the trigger")
            elif hit.trigger.type in DOMESTIC_TYPES:
                countries = {
                    self.article.actors[a].country for a in actors if a in self.article.actors
                }
                if len(countries) == 1 and None not in countries:
                    recipient_ids = [country_actor(self.article, countries.pop() or "")]
                    reason.append("recipient: the actor's own country (a domestic action)")
        own_subject = next((g for g in others if g.start < hit.start), None)
        return actors, list(dict.fromkeys(recipient_ids)), own_subject or subject, "; ".join(reason)

    # 2. status, date, place, context
    def status(self, hit: TriggerHit, sentence: Sentence) -> str:
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
        for status in ("negated", "hypothetical", "planned"):
            cue = self.statuses.get(status)
            if cue is not None and cue.search(window):
                return status
        return "occurred"

    def date(
        self, hit: TriggerHit, sentence: Sentence, future: bool
    ) -> tuple[EventDate | None, str]:
        """The event's date and whether it was explicit, carried or the publication date."""
        found = finder(self.language).find(
            self.article.text[sentence.start : sentence.end], sentence.start
        )
        found = [d for d in found if _plausible_date(d)]
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
            )
            return carried, "carried"
        if self.article.published:
            return EventDate(
                self.article.published, "day", None, "publication date (approximate)"
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
            and m.role != "dateline"
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
            elif status == "planned" and event_type in MEETING_TYPES:
                # PLOVER: a reference to a future meeting is coded AGREE.
                event_type, planned_type = "AGREE", hit.trigger.type
                recent = self._recent_pair()
                if not actors and recent and self._new_meeting_planned(hit):
                    # "The next meeting will take place in 2025": the same two parties.
                    actors, reason = recent, f"{reason}; the parties of the last meeting"
            elif self._announced(hit, context) and event_type in ANNOUNCED_AS:
                # "X will give aid" is a promise, "X would boycott Y" a threat (PLOVER): the
                # announced action is kept as the planned type.
                event_type, planned_type = ANNOUNCED_AS[event_type], event_type
                status = "planned"
                if self._ultimatum(hit, sentence):
                    # "will withdraw its troops unless ...": a conditional promise is a threat.
                    event_type = "THREATEN"
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
            not hit.text[:1].isupper() and self.language == "de"
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
            w.lower() in {"nächste", "nächsten", "kommende", "kommenden", "next", "upcoming"}
            for w in before + own
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
        tracker = AttributionTracker(self.article)
        self.hits = find_triggers_in(
            self.article.text, [(x.start, x.end) for x in self.article.sentences], self.language
        )
        by_sentence: dict[int, list[Mention]] = {}
        for mention in self.article.mentions:
            if self._runaway_body(mention):
                continue
            by_sentence.setdefault(mention.sentence, []).append(mention)
        for sentence in self.article.sentences:
            mentions = by_sentence.get(sentence.index, [])
            attribution = tracker.sentence(sentence, mentions)
            excluded = list(attribution.spans) if attribution else []
            context = SentenceContext(sentence, mentions, attribution, excluded)
            self.events.extend(self.sentence_events(context))
            spans = quote_spans(self.article, sentence)
            if spans:
                groups = self.parties(context, sentence.start, spans[0][0])
                subject = groups[0].actor_ids(self.article, self._recent_pair()) if groups else []
                speakers = attribution.sources if attribution else []
                cue = attribution.cue if attribution else None
                self.quotes += make_quotes(self.article, sentence, speakers, subject, cue)
        fused = fuse_events(self.events)
        taken: set[str] = set()
        for event in fused:
            event.id = event_id(self.article.id, event)
            number = 1
            while event.id in taken:  # same type, parties and sentence, but a separate event
                number += 1
                event.id = f"{event_id(self.article.id, event)}-{number}"
            taken.add(event.id)
        return fused


def _short(rule: str, limit: int = 90) -> str:
    return rule if len(rule) <= limit else rule[: limit - 1] + "…"


def _plausible_date(date: DateMention) -> bool:
    # A bare year only dates an event when it looks like one (not "2000 Soldaten").
    return not (
        date.year
        and date.month is None
        and date.day is None
        and date.relative is None
        and date.weekday is None
        and not 1950 <= date.year <= 2100
    )


def infer_year(article: Article) -> int | None:
    """A year the article implies for dates without one, when it has no publication date.

    A year announced for the next meeting ("das nächste Treffen ... 2024") means the reported
    one was the year before; otherwise the latest year the article names.
    """
    if article.published is not None:
        return article.published.year
    language = article.language or "en"
    planned = cue_lists("statuses", language).get("planned") or grammar(language).regex(
        "future_markers"
    )
    years: list[int] = []
    planned_years: list[int] = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        for date in finder(language).find(text):
            if date.year and 1950 <= date.year <= 2100:
                years.append(date.year)
                if planned is not None and planned.search(text):
                    planned_years.append(date.year)
    if planned_years:
        return min(planned_years) - 1
    return max(years) if years else None


def event_id(article_id: str, event: Event) -> str:
    """Stable id of an event: article id plus a hash of its type, parties and first evidence."""
    first = event.evidence[0] if event.evidence else Span(0, 0)
    key = (
        f"{article_id}|{event.type}|{event.status}|{sorted(event.actors)}|"
        f"{sorted(event.recipients)}|{first.start}"
    )
    return f"{article_id}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def code(article: Article) -> Article:
    """Attach the article's events."""
    if (article.language or "") not in {"de", "en"}:
        article.events = []
        return article
    finder_ = EventFinder(article)
    article.events = finder_.run()
    article.quotes = finder_.quotes
    attach_series(article)
    return article
