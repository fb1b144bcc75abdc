"""Roles of the event stage (mixed into `coder.EventFinder`): which parties of a sentence
are the actor and the recipients of a trigger.

German ("first_party" in the profile): the first coordinated group of party mentions is the
actor, the others are recipients; the passive with a von/durch phrase turns this round; places
after "in", topics after "über" and statement sources are never parties. English
("subject_object"): the subject, and the first object after the verb (`roles.EnglishRoles`).
"""

from __future__ import annotations

from newsevents.events.parties import (
    CLAUSE_BREAKS,
    WORD,
    Party,
    SentenceContext,
    country_actor,
    group_actor,
)
from newsevents.events.roles import EnglishRoles
from newsevents.events.triggers import TriggerHit
from newsevents.lang.lexicons import ontology
from newsevents.records import Mention

PARTY_KINDS = {"country", "organization", "person", "group", "body", "reference"}
# Actions English news reports without naming a doer the knowledge base knows.
UNNAMED_DOER_TYPES = frozenset({"ACCUSE", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE", "SANCTION"})
PASSIVE_WINDOW = 3  # tokens after the participle where "worden"/"wurde" marks the passive
PHRASE_WORDS = 5  # how far back a preposition can govern a name ("vom pakistanischen Minister X")
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


class RoleAssignment(EnglishRoles):
    """Parties of a sentence and the actor and recipients of each trigger."""

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
            and not m.is_dateline
            and m.form != "ner"
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
            and not m.is_dateline
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
            return country_actor(self.article, mention.country or "", self.kb)
        return None

    def _sentence_country(self, context: SentenceContext) -> str | None:
        """The country of the sentence's place, else of the dateline."""
        for mention in context.mentions:
            if mention.kind == "place" and mention.country:
                return mention.country
        dateline = self.article.actors.get(self.article.dateline or "")
        return dateline.country if dateline else None

    def _report_country(self, context: SentenceContext) -> str | None:
        """The country named most often so far in the article (the first one on a tie): where
        a report with no dateline and no place in the sentence is set."""
        counts: dict[str, int] = {}
        for mention in self.article.mentions:
            if (
                mention.sentence <= context.sentence.index
                and mention.kind in {"place", "country"}
                and mention.country
            ):
                counts[mention.country] = counts.get(mention.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _capital(self, mention: Mention) -> bool:
        """A capital named as a party stands for its government ("Washington accused Tehran")."""
        if mention.kind != "place" or not mention.country or mention.entry_id is None:
            return False
        capital = self.kb.capital(mention.country)
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
            and mention.form not in {"adjective", "demonym"}
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
        if self.profile.passive_style == "auxiliary_after":
            return any(w.lower() in self.profile.passive_markers for w in tail)
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
            if actor_party is None and agents and self.svo:
                # "sanctions imposed on X by the UN", "an attack by rebels": a by-phrase after
                # a noun names the doer.
                actor_party = agents[0]
            recipients = [g for g in others if g is not actor_party]
            if self.svo:
                # Outside the passive a by-phrase is no doer: "demanded an admission by Moscow".
                recipients = [g for g in groups if g is not actor_party]
            reason.append(
                "first named party is the actor" if actor_party else "no actor in sentence"
            )
            if passive and self.svo and actor_party is not None and actor_party.start < hit.start:
                # "Three US soldiers were killed near Basra": the subject of a passive with no
                # by-phrase suffered the action; the doer is unnamed (coded by the place below).
                recipients, actor_party = [actor_party], None
                reason.append("passive voice without a doer: the subject is the recipient")
        if self.svo and not hit.trigger.swap:
            recipients = self._object(hit, recipients, reason, passive, hi)
        recent = self._recent_pair()
        actors = actor_party.actor_ids(self.article, self.kb, recent) if actor_party else []
        if len(actors) > 1 and ontology().get(hit.trigger.type, {}).get("symmetric"):
            # "Jordan and Britain agreed ...": the parties act together; later names are topics.
            recipients = []
            reason.append("coordinated parties of a symmetric event")
        recipient_ids = [
            i
            for g in recipients
            for i in g.actor_ids(self.article, self.kb, recent)
            if i not in actors
        ]
        if hit.trigger.swap:
            actors, recipient_ids = recipient_ids, actors
            reason.append("trigger swaps roles (host/receiver is the recipient)")
        if not actors and self.svo:
            located = self._located_subject(hit, context, lo)
            if located is None and passive:
                located = self._target_country(context, hit, hi, [])
            if located:
                actors = [located]
                recipient_ids = [r for r in recipient_ids if r != located] or recipient_ids
                reason.append("subject named by its place ('rebels in the Ivory Coast')")
        if not actors and hit.trigger.type == "PROTEST":
            country = self._sentence_country(context) or self._report_country(context)
            if country:
                actors = [group_actor(self.article, self.kb, country, "CVL", "Civilians")]
                reason.append("protesters not named: civilians of the place")
        if (
            not actors
            and self.svo
            and hit.trigger.weight >= 1
            and (passive or hit.trigger.type in UNNAMED_DOER_TYPES)
        ):
            # English news reports arrests, attacks, charges and suits with no doer or a doer
            # the knowledge base does not know ("three people have been arrested", "police
            # fired tear gas", "the chargesheet named ..."): the doer is coded by the country
            # the report is about. Speech acts (demands, praise) need a named speaker.
            country = self._sentence_country(context) or self._report_country(context)
            if country:
                actors = [country_actor(self.article, country, self.kb)]
                reason.append("doer not named: the country of the report")
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
                    recipient_ids = [country_actor(self.article, countries.pop() or "", self.kb)]
                    reason.append("recipient: the actor's own country (a domestic action)")
        own_subject = next((g for g in others if g.start < hit.start), None)
        return actors, list(dict.fromkeys(recipient_ids)), own_subject or subject, "; ".join(reason)
