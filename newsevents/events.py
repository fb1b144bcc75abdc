"""Stage 7, events: PLOVER events from trigger lexicons, roles from the sentence's structure.

For each sentence: triggers from `data/lexicons/events.<lang>.yaml`; actor and recipient from
the mentions around the trigger (first coordinated group = actor, others = recipients; passive
voice and "swap" triggers such as "received" invert that; places after "in", topics after
"über"/"about" and statement sources are never parties); status from cue lexicons; date from
the sentence or the narrative so far; place from the sentence, "hier" or the dateline. Reports
of the same meeting in several paragraphs are then fused into one event (see `fusion.py`).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from newsevents.attribution import Attribution, AttributionTracker
from newsevents.dates import DateMention, finder, resolve
from newsevents.fusion import fuse_events
from newsevents.kb import default_kb
from newsevents.lexicons import Grammar, Trigger, cue_lists, grammar, ontology, triggers
from newsevents.quotes import make_quotes, quote_spans
from newsevents.records import Actor, Article, Event, EventDate, Mention, Quote, Sentence, Span

PARTY_KINDS = {"country", "organization", "person", "group", "body", "reference"}
PASSIVE_WINDOW = 3  # tokens after the participle where "worden"/"wurde" marks the passive
STATUS_WINDOW = 60  # characters around a trigger in which a status cue applies to it
CLAUSE_BREAKS = (",", ";", ":", " – ", "(")
INTENT_WINDOW = 30  # characters before a trigger where "will"/"wird" announce it
# What an announced action is coded as: cooperation promised is AGREE, force threatened THREATEN.
ANNOUNCED_AS = {
    **dict.fromkeys(["SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"], "AGREE"),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], "THREATEN"),
}
MEETING_TYPES = {"CONSULT"}
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
_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True)
class TriggerHit:
    """A trigger found in a sentence."""

    trigger: Trigger
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Party:
    """A group of coordinated mentions that fills one role."""

    mentions: list[Mention]
    start: int
    end: int
    preposition: str = ""
    agent: bool = False

    def actor_ids(self, article: Article, recent: list[str] | None = None) -> list[str]:
        """Actor ids, with references and member bodies expanded to their parties.

        "beide Seiten" are the two parties of the event just reported (`recent`), else the
        two parties the actors stage found named together.
        """
        ids: list[str] = []
        for mention in self.mentions:
            if mention.kind == "reference":
                ids += recent or [p for p in (mention.value or "").split(",") if p]
            elif mention.kind == "place" and mention.country:
                ids.append(country_actor(article, mention.country))
            elif mention.kind == "body":
                actor = article.actors.get(mention.actor_id or "")
                if actor and actor.members:
                    ids += [country_actor(article, member) for member in actor.members]
                else:
                    ids.append(mention.actor_id or "")
            elif mention.actor_id:
                ids.append(mention.actor_id)
        return list(dict.fromkeys(i for i in ids if i))


@dataclass(slots=True)
class SentenceContext:
    """What the event finder knows while reading one sentence."""

    sentence: Sentence
    mentions: list[Mention]
    attribution: Attribution | None
    excluded: list[tuple[int, int]] = field(default_factory=list)


def find_triggers(text: str, start: int, end: int, language: str) -> list[TriggerHit]:
    """Non-overlapping trigger hits in text[start:end], longest and earliest-listed first."""
    return find_triggers_in(text, [(start, end)], language)[0]


def find_triggers_in(
    text: str, spans: list[tuple[int, int]], language: str
) -> list[list[TriggerHit]]:
    """Trigger hits of each sentence span, found with one pass of each trigger over the text.

    A trigger's `requires`/`excludes` conditions are checked only in sentences where it hits,
    which keeps the cost of a large lexicon close to one scan of the article.
    """
    found: list[list[TriggerHit]] = [[] for _ in spans]
    if not spans:
        return found
    starts = [s for s, _ in spans]
    lo, hi = min(starts), max(e for _, e in spans)
    for trigger in triggers(language):
        for match in trigger.regex.finditer(text, lo, hi):
            index = bisect_right(starts, match.start()) - 1
            if index < 0 or match.end() > spans[index][1]:
                continue  # outside the analysed sentences (a repeated paragraph) or across two
            s_start, s_end = spans[index]
            if trigger.requires and not trigger.requires.search(text, s_start, s_end):
                continue
            if trigger.excludes and trigger.excludes.search(text, s_start, s_end):
                continue
            found[index].append(TriggerHit(trigger, match.start(), match.end(), match.group()))
    return [_strong_first(_longest_first(hits)) for hits in found]


def _strong_first(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Weak triggers (weight < 1: generic nouns like "Kritik", "Forderung") only count in a
    sentence with no strong one."""
    strong = [h for h in hits if h.trigger.weight >= 1]
    return strong or hits


def _longest_first(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Non-overlapping hits, preferring longer then heavier ones, in text order."""
    hits.sort(key=lambda h: (-(h.end - h.start), -h.trigger.weight))
    kept: list[TriggerHit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


class EventFinder:
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
        words = _WORD.findall(self.article.text[max(0, offset - 30) : offset])
        return words[-1].lower() if words else ""

    def _preposition(self, offset: int) -> str:
        """The preposition governing the noun phrase that ends at `offset`, or "".

        Walks back over the phrase ("vom pakistanischen Außenminister Jalil ...") to the first
        preposition; a comma or a clause boundary ends the search.
        """
        words = _WORD.findall(self.article.text[max(0, offset - 60) : offset])
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
                if gap in {"", ",", "-", "/"} or (
                    gap_words
                    and all(
                        self.grammar.has("coordination", w) or self.grammar.has("determiners", w)
                        for w in gap_words
                    )
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
        tail = _WORD.findall(self.article.text[hit.end : end])[:PASSIVE_WINDOW]
        head = _WORD.findall(self.article.text[max(0, hit.start - 25) : hit.start])[-2:]
        aux = {w.lower() for w in self.grammar.words.get("passive_auxiliaries", [])}
        if self.language == "de":
            return any(w.lower() in {"worden", "wurde", "wurden"} for w in tail)
        return any(w.lower() in aux for w in head) and hit.text.lower().endswith("ed")

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
            actor_party = (
                before[0] if before else (subject if subject else (doers[0] if doers else None))
            )
            recipients = [g for g in others if g is not actor_party]
            reason.append(
                "first named party is the actor" if actor_party else "no actor in sentence"
            )
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
        if not actors and hit.trigger.type == "PROTEST":
            country = self._sentence_country(context)
            if country:
                actors = [group_actor(self.article, country, "CVL", "Civilians")]
                reason.append("protesters not named: civilians of the place")
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
            if status == "planned" and event_type in MEETING_TYPES:
                # PLOVER: a reference to a future meeting is coded AGREE.
                event_type, planned_type = "AGREE", hit.trigger.type
            elif self._announced(hit, context) and event_type in ANNOUNCED_AS:
                # "X will give aid" is a promise, "X would boycott Y" a threat (PLOVER): the
                # announced action is kept as the planned type.
                event_type, planned_type = ANNOUNCED_AS[event_type], event_type
                status = "planned"
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

    def _main_triggers(self, hits: list[TriggerHit], context: SentenceContext) -> list[TriggerHit]:
        """Drop triggers inside the complement of a verbal event.

        "condemned the attack", "called on allies to send weapons", "warf X vor, den Krieg zu
        verlängern": the attack, the sending and the prolonging are what is said, not events.
        A trigger after "and"/"und" or after a comma with its own subject starts a new clause.
        """
        main = [h for h in hits if not self._background(h, context)]
        if main:
            hits = main  # triggers in relative clauses or after "following" are background
        kept: list[TriggerHit] = []
        for hit in hits:
            previous = kept[-1] if kept else None
            if previous is not None and self._purpose(previous, hit):
                continue  # "staged rallies to demand reforms": the demand is the rally's aim
            if previous is None or not str(
                ontology().get(previous.trigger.type, {}).get("class", "")
            ).startswith("verbal"):
                kept.append(hit)
                continue
            between = self.article.text[previous.end : hit.start]
            words = [w.lower() for w in _WORD.findall(between)]
            coordinated = any(self.grammar.has("coordination", w) for w in words[-4:])
            comma = between.rfind(",")
            new_subject = comma != -1 and bool(
                self.parties(context, previous.end + comma, hit.start)
            )
            if coordinated or new_subject or ";" in between:
                kept.append(hit)
        return kept

    def _background(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether a trigger sits in a subordinate clause or after a background preposition."""
        text = self.article.text
        start = context.sentence.start
        comma = max(text.rfind(",", start, hit.start), text.rfind("(", start, hit.start))
        clause = _WORD.findall(text[comma + 1 if comma != -1 else start : hit.start])
        if comma != -1 and clause and self.grammar.has("subordinators", clause[0]):
            return True
        before = " ".join(
            w.lower() for w in _WORD.findall(text[max(start, hit.start - 40) : hit.start])
        )
        preps = self.grammar.words.get("background_prepositions", [])
        tail = before.split()[-4:]
        return any(p in tail or before.endswith(p) for p in preps if " " not in p) or any(
            p in before for p in preps if " " in p
        )

    def _meeting_reference(self, hit: TriggerHit) -> bool:
        """'das Treffen' / 'the meeting' refers back to a meeting already reported."""
        if hit.trigger.type not in MEETING_TYPES or (
            not hit.text[:1].isupper() and self.language == "de"
        ):
            return False
        before = _WORD.findall(self.article.text[max(0, hit.start - 30) : hit.start])[-2:]
        words = [w.lower() for w in before]
        if any(self.grammar.has("new_markers", w) for w in words):
            return False
        has_meeting = any(e.type in MEETING_TYPES and e.status == "occurred" for e in self.events)
        return has_meeting and bool(words) and self.grammar.has("definite_markers", words[-1])

    def _purpose(self, previous: TriggerHit, hit: TriggerHit) -> bool:
        """Whether `hit` is an infinitive of purpose after `previous` ("to demand")."""
        between = _WORD.findall(self.article.text[previous.end : hit.start])
        if not between or (
            "," in self.article.text[previous.end : hit.start] and self.language == "en"
        ):
            return False
        marker = str(between[-1]).lower()
        return (self.language == "en" and marker == "to" and len(between) <= 8) or (
            self.language == "de" and marker == "zu" and "um" in (w.lower() for w in between)
        )

    def _announced(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether the trigger is an action announced for the future ("will send", "wird ...")."""
        lo = max(context.sentence.start, hit.start - INTENT_WINDOW)
        window = self.article.text[lo : hit.start]
        return bool(self.grammar.regex("intent_markers").search(window))

    def _new_meeting_planned(self, hit: TriggerHit) -> bool:
        before = _WORD.findall(self.article.text[max(0, hit.start - 30) : hit.start])[-2:]
        return hit.trigger.type in MEETING_TYPES and any(
            w.lower() in {"nächste", "nächsten", "kommende", "kommenden", "next", "upcoming"}
            for w in before
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


def country_actor(article: Article, iso3: str) -> str:
    """The id of a country's actor, added to the article's actors when it is not there yet."""
    actor_id = f"country:{iso3}"
    if actor_id not in article.actors:
        entry = default_kb().get(actor_id)
        name = entry.name if entry else iso3
        article.actors[actor_id] = Actor(actor_id, name, "country", iso3, None, iso3)
    return actor_id


def group_actor(article: Article, iso3: str, sector: str, label: str) -> str:
    """The id of an unnamed group (civilians of a country), added to the article's actors."""
    actor_id = f"group:{iso3}:{label.lower()}"
    if actor_id not in article.actors:
        entry = default_kb().get(f"country:{iso3}")
        name = f"{label} of {entry.name if entry else iso3}"
        article.actors[actor_id] = Actor(actor_id, name, "group", iso3, sector, iso3)
    return actor_id


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
    return article
