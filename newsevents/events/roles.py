"""English role rules of the event stage (mixed into `events.EventFinder`).

English is subject-verb-object: the actor stands before the trigger, the recipient is the first
party after it, and names in the complement, in later clauses or in appositions fill no role.
These rules are switched on by `role_strategy: subject_object` in the language's profile
(data/lang/<code>.yaml); German word order is handled by `EventFinder.assign` itself.
"""

from __future__ import annotations

from newsevents.events.parties import (
    CLAUSE_BREAKS,
    WORD,
    FinderPart,
    Party,
    SentenceContext,
    country_actor,
)
from newsevents.events.triggers import TriggerHit
from newsevents.lang.lexicons import ontology
from newsevents.records import Mention


class EnglishRoles(FinderPart):
    """Who does what to whom in an English clause."""

    def _runaway_body(self, mention: Mention) -> bool:
        """Whether a named body runs on past its name into the sentence (English).

        English names end with their head noun or go on with "of"/"on"/"for" and capitalised
        words ("Council of Europe"); "Council today agreed to ..." is not a name, and its words
        must stay free for triggers and parties.
        """
        if mention.kind != "body" or not self.svo:
            return False
        head = self.grammar.regex("body_nouns").search(mention.text)
        if head is None:
            return False
        tail = mention.text[head.end() :].split()
        return any(
            not w[:1].isupper()
            and not self.grammar.has("body_links", w)
            and not self.grammar.has("determiners", w)
            for w in tail
        )

    def _hyphen_modifier(self, mention: Mention) -> bool:
        """Whether an English name is glued behind a prefix: "anti-Syria journalist",
        "pro-Moscow rebels" name no party ("US-led forces", though, are the US's)."""
        if not self.svo:
            return False
        before = self.article.text[max(0, mention.start - 2) : mention.start]
        return len(before) == 2 and before[1] == "-" and before[0].islower()

    def _titled_conjunct(self, gap_words: list[str]) -> bool:
        """Whether a gap between two names is "and" plus a title ("X and Bulgarian President
        Y", "Syria and Palestinian leader Z"): a run of capitalised words or titles after the
        conjunction still belongs to the coordinated group."""
        if not self.svo or len(gap_words) < 2:
            return False
        return self.grammar.has("coordination", gap_words[0]) and all(
            w[:1].isupper() or self.grammar.has("title_words", w) for w in gap_words[1:]
        )

    def _subject_may_follow(self, hit: TriggerHit, context: SentenceContext) -> bool:
        """Whether a party after the trigger may be its doer.

        German puts the subject after the verb freely ("Am Montag besuchte Scholz Paris").
        In English only a sentence-opening noun ("Talks between X and Y") or a symmetric event
        names its parties after the trigger; after an active verb they are its objects.
        """
        if not self.svo:
            return True
        if ontology().get(hit.trigger.type, {}).get("symmetric"):
            return True
        words = WORD.findall(self.article.text[context.sentence.start : hit.start])
        return all(self.grammar.has("determiners", w) or not w[0].isalnum() for w in words)

    def _located_subject(self, hit: TriggerHit, context: SentenceContext, lo: int) -> str | None:
        """The country of a place that names an unnamed subject before an English verb:
        "security forces in Guinea tortured ...", "a roadside bomb near Samarra killed ..."."""
        clause = max(self.article.text.rfind(b, lo, hit.start) for b in CLAUSE_BREAKS)
        for mention in context.mentions:
            if (
                max(clause, lo) <= mention.start < hit.start
                and mention.kind in {"place", "country"}
                and mention.country
                and not mention.is_dateline
                and mention.form not in {"adjective", "demonym"}
                and not self._hyphen_modifier(mention)
                and not any(s <= mention.start and mention.end <= e for s, e in context.excluded)
            ):
                return country_actor(self.article, mention.country, self.kb)
        return None

    def _object(
        self, hit: TriggerHit, recipients: list[Party], reason: list[str], passive: bool, hi: int
    ) -> list[Party]:
        """The recipient of an English verb: the first party named after it.

        English puts the object (or the subject of a complement clause) right after the verb:
        "demanded that the US cancel arms sales to Taiwan", "rejected a UN appeal to deploy
        troops along the border with Israel"; names further on belong to the complement, and
        names after "following", "according to", "if" ... to another clause. With none after
        it, or for a passive verb, the party nearest before it in the same clause ("will give
        Tanzania a grant", "removing the sanctions on Burma is out of the question", "three
        soldiers were killed").
        """
        end = self._complement_end(hit, hi)
        after = [g for g in recipients if hit.start <= g.start < end]
        if passive and any(g.start < hit.start for g in recipients):
            after = []  # the subject of a passive verb is its recipient
        if after:
            reason.append("recipient: the first party after the verb")
            return after[:1]
        text = self.article.text
        return [
            g
            for g in recipients
            if g.start < hit.start
            # not from an apposition: "Pakistan, a key U.S. ally, has refused ..."
            and not any(b in text[g.end : hit.start] for b in CLAUSE_BREAKS)
        ][-1:]

    def _complement_end(self, hit: TriggerHit, hi: int) -> int:
        """Where the trigger's own clause ends in English: at the first word that opens another
        clause or a background phrase ("following", "if", "according to", "who")."""
        match = self.grammar.regex("complement_breaks").search(self.article.text, hit.end, hi)
        return match.start() if match else hi

    def _addressee(self, hit: TriggerHit, context: SentenceContext, actors: list[str]) -> list[str]:
        """The subject of an obliged action: the last party before the trigger that is not
        the speaker ("X said the US must be ready to mediate")."""
        groups = self.parties(context, context.sentence.start, hit.start)
        for group in reversed(groups):
            ids = group.actor_ids(self.article, self.kb, self._recent_pair())
            if ids and not set(ids) & set(actors):
                return ids
        return []
