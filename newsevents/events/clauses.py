"""Clause rules of the event stage (mixed into `events.EventFinder`): which triggers of a
sentence are its main events, and what modality (promise, threat, demand, refusal) they carry.

A trigger in a subordinate clause, a fronted phrase or after a background preposition is
background; a later trigger in the same clause is the complement of the first ("prevented the
demonstration", "opened fire to disperse protesters") unless it opens a clause with its own
subject.
"""

from __future__ import annotations

from itertools import pairwise

from newsevents.events.parties import CLAUSE_BREAKS, WORD, FinderPart, SentenceContext
from newsevents.events.triggers import TriggerHit, past_verb, strong_first
from newsevents.lang.lexicons import ontology
from newsevents.records import Sentence

INTENT_WINDOW = 30  # characters before a trigger where "will"/"wird" announce it


class ClauseRules(FinderPart):
    """Main-clause selection and modality of triggers."""

    language: str

    def _main_triggers(self, hits: list[TriggerHit], context: SentenceContext) -> list[TriggerHit]:
        """The triggers that are main events of the sentence.

        Dropped: trigger words inside a name; background triggers (subordinate clauses, fronted
        phrases) when the sentence has others; triggers inside the complement of a verbal event
        ("condemned the attack", "called on allies to send weapons", "warf X vor, den Krieg zu
        verlängern": the attack, the sending and the prolonging are what is said, not events).
        A trigger after "and"/"und" or after a comma with its own subject starts a new clause;
        in English a coordinated verb needs its own subject too, unless both verbs are in the
        past tense ("condemned the attack and called on ..."), and the complement rule holds
        after any trigger ("prevented the demonstration"). Weak triggers count only where no
        strong one is left, or where they head a verb phrase of their own beside it.
        """
        # A trigger word inside a name ("Economic Cooperation" in APEC's, "Relief Agency") is
        # part of the name, not an event.
        hits = [
            h
            for h in hits
            if not any(
                m.kind in {"organization", "body"} and m.start <= h.start and h.end <= m.end
                for m in context.mentions
            )
        ]
        main = [h for h in hits if not self._background(h, context)]
        if self.grammar.words.get("clause_subordinators"):
            # English: "prompted by the killing of X in an airstrike" names one background
            # event; the airstrike belongs to the killing's phrase.
            phrases = [h for h in hits if self._background_phrase(h, context)]
            main = [h for h in main if not self._continues(h, phrases)]
        if main:
            hits = main  # triggers in relative clauses or after "following" are background
        elif self.grammar.words.get("clause_subordinators"):
            # English: an event named only in a background phrase ("in the wake of the attack",
            # "due to intense attacks") is not what the sentence reports, even when it is alone.
            dropped = [h for h in hits if self._background_phrase(h, context)]
            hits = [
                h
                for h in hits
                if h not in dropped
                and not self._continues(h, dropped)
                and not self._conditional(h, context)
            ]
        if not self.grammar.words.get("clause_subordinators"):
            hits = strong_first(hits)
        kept: list[TriggerHit] = []
        for hit in hits:
            previous = kept[-1] if kept else None
            if previous is not None and self._purpose(previous, hit):
                continue  # "staged rallies to demand reforms": the demand is the rally's aim
            if previous is not None and self.grammar.words.get("clause_subordinators"):
                # English: a later trigger is the object or complement of the first one
                # ("prevented the demonstration", "opened fire to disperse protesters",
                # "shelled the city, killing 20") unless it opens a clause with its own subject.
                if self._new_clause(previous, hit, context) or (
                    previous.trigger.weight < 1 <= hit.trigger.weight and not past_verb(previous)
                ):
                    # A weak noun ("border patrol", "sanctions") governs nothing after it.
                    kept.append(hit)
                continue
            if previous is None or not str(
                ontology().get(previous.trigger.type, {}).get("class", "")
            ).startswith("verbal"):
                kept.append(hit)
                continue
            between = self.article.text[previous.end : hit.start]
            words = [w.lower() for w in WORD.findall(between)]
            coordinated = any(self.grammar.has("coordination", w) for w in words[-4:])
            comma = between.rfind(",")
            new_subject = comma != -1 and bool(
                self.parties(context, previous.end + comma, hit.start)
            )
            if coordinated or new_subject or ";" in between:
                kept.append(hit)
        # Weak triggers count only where no strong one is left in the main clauses. In English
        # this is decided after the complements are dropped: "welcomed the statement on the
        # nuclear talks" is a welcome, and a strong trigger in a relative clause does not
        # outweigh "will support" in the main one.
        # A weak verb with a verb phrase of its own beside a strong one ("welcomed the deal
        # and urged ...") is an event of its own, not outweighed.
        heads: set[int] = set()
        if self.grammar.words.get("clause_subordinators"):
            for first, second in pairwise(kept):
                if self._coordinated_verbs(first, second):
                    heads |= {id(first), id(second)}
        strong = strong_first(kept)
        return [h for h in kept if h in strong or id(h) in heads]

    def _new_clause(self, previous: TriggerHit, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether `hit` opens a clause of its own after `previous`: a semicolon, or a comma or
        conjunction followed by a subject (a named party or a subject pronoun)."""
        text = self.article.text
        between = text[previous.end : hit.start]
        if ";" in between:
            return True
        words = WORD.findall(between)
        breaks = [
            i
            for i, w in enumerate(words)
            if w == "," or self.grammar.has("coordination", w) or self.grammar.has("contrast", w)
        ]
        if not breaks:
            return False
        tail = words[breaks[-1] + 1 :]
        if any(self.grammar.has("subject_pronouns", w) for w in tail):
            return True
        if self._coordinated_verbs(previous, hit):
            return True
        # The subject must stand after the last break: walk the words to its offset.
        cut = previous.end
        for word in words[: breaks[-1] + 1]:
            cut = text.find(word, cut) + len(word)
        return bool(self.parties(context, cut, hit.start))

    def _coordinated_verbs(self, previous: TriggerHit, hit: TriggerHit) -> bool:
        """Whether `hit` is a past-tense verb right after "and" that follows the past-tense
        verb `previous`: a second verb phrase of the same subject ("condemned the attack and
        called on allies to ...", "welcomed the deal and offered to mediate")."""
        words = WORD.findall(self.article.text[previous.end : hit.start])
        return (
            bool(words)
            and self.grammar.has("coordination", words[-1])
            and past_verb(previous)
            and past_verb(hit)
        )

    def _background(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether a trigger sits in a subordinate clause or after a background preposition."""
        text = self.article.text
        start = context.sentence.start
        comma = max(text.rfind(",", start, hit.start), text.rfind("(", start, hit.start))
        clause = WORD.findall(text[comma + 1 if comma != -1 else start : hit.start])
        if (
            comma != -1
            and clause
            and self.grammar.has("subordinators", clause[0])
            and not self.grammar.has("coordination", " ".join(clause[:3]))
        ):
            return True  # ", as X said ..." is a subordinate clause, ", as well as ..." is not
        opening = WORD.findall(text[start : start + 20])[:1]
        first_comma = text.find(",", start, context.sentence.end)
        if (
            opening
            and self.grammar.has("fronted_prepositions", opening[0])
            and (hit.start < first_comma)
        ):
            # "With the signing of the accord, both sides agreed ...": a fronted phrase sets
            # the scene for the main clause after the comma.
            return True
        if any(self.grammar.has("clause_subordinators", w) for w in clause):
            # English subordinate clauses need no comma: "resigned as the opposition
            # threatened ...", "suspended aid after two vehicles were hit".
            return True
        return self._background_phrase(hit, context)

    def _conditional(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether the trigger stands in a condition ("if its politicians failed to agree"):
        a merely possible event, not one the sentence reports."""
        text = self.article.text
        start = context.sentence.start
        comma = max(text.rfind(b, start, hit.start) for b in CLAUSE_BREAKS)
        clause = WORD.findall(text[comma + 1 if comma != -1 else start : hit.start])
        return any(self.grammar.has("condition_markers", w) for w in clause)

    def _continues(self, hit: TriggerHit, background: list[TriggerHit]) -> bool:
        """Whether `hit` follows one of the `background` triggers with no clause break or
        conjunction between: it is part of that phrase ("prompted by the killing of the general
        in an airstrike"), while "over the attacks and police arrested ..." starts anew."""
        text = self.article.text
        for before in background:
            between = text[before.end : hit.start]
            if before.end > hit.start or any(mark in between for mark in CLAUSE_BREAKS):
                continue
            words = WORD.findall(between)
            if not any(
                self.grammar.has("coordination", w) or self.grammar.has("contrast", w)
                for w in words
            ):
                return True
        return False

    def _background_phrase(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether a trigger follows a background preposition ("after", "in the wake of")."""
        text = self.article.text
        start = context.sentence.start
        before = " ".join(
            w.lower() for w in WORD.findall(text[max(start, hit.start - 40) : hit.start])
        )
        preps = self.grammar.words.get("background_prepositions", [])
        words = before.split()
        # "about 300 farmers", "over 1,000 people": a preposition before a number is a quantity.
        tail = [w for i, w in enumerate(words[-5:-1]) if not words[-5:][i + 1][:1].isdigit()]
        tail += words[-1:]
        return any(p in tail or before.endswith(p) for p in preps if " " not in p) or any(
            p in before for p in preps if " " in p
        )

    def _purpose(self, previous: TriggerHit, hit: TriggerHit) -> bool:
        """Whether `hit` is an infinitive of purpose after `previous` ("to demand")."""
        rule = self.profile.purpose
        between = WORD.findall(self.article.text[previous.end : hit.start])
        gap = self.article.text[previous.end : hit.start]
        if not between or (rule.comma_breaks and "," in gap):
            return False
        if str(between[-1]).lower() != rule.marker:
            return False
        if rule.requires:
            return any(w.lower() in rule.requires for w in between)
        return len(between) <= rule.max_words

    def _announced(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether the trigger is an action announced for the future ("will send", "wird ...")."""
        lo = max(context.sentence.start, hit.start - INTENT_WINDOW)
        window = self.article.text[lo : hit.start]
        return bool(self.grammar.regex("intent_markers").search(window))

    def _words_before(self, hit: TriggerHit, count: int) -> list[str]:
        """The last `count` words before the trigger in its clause, lower-cased."""
        text = self.article.text
        lo = max(text.rfind(b, max(0, hit.start - 60), hit.start) for b in CLAUSE_BREAKS)
        words = WORD.findall(text[max(lo + 1, hit.start - 60) : hit.start])
        return [w.lower() for w in words[-count:]]

    def _negated_verb(self, hit: TriggerHit) -> bool:
        """Whether a negation stands right before the trigger ("will not accept")."""
        return any(self.grammar.has("verb_negations", w) for w in self._words_before(hit, 3))

    def _obliged(self, hit: TriggerHit) -> bool:
        """Whether an obligation modal stands right before the trigger ("must withdraw")."""
        before = " ".join(self._words_before(hit, 3))
        return bool(before) and bool(self.grammar.regex("obligation_markers").search(before))

    def _ultimatum(self, hit: TriggerHit, sentence: Sentence) -> bool:
        """Whether a condition follows the trigger ("unless", "es sei denn")."""
        return bool(
            self.grammar.regex("ultimatum_markers").search(self.article.text, hit.end, sentence.end)
        )
