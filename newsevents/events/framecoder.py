"""Stage 7 for languages coded from clause frames: events from the parse of each sentence.

For each sentence: its frames (`frames.py`), the events they are (`framematch.py`), parties by
grammatical function (`partyref.py`: actor = subject or passive agent; recipient = patient,
addressee or the prepositional object the verb takes, never a destination or topic; no default
recipient), references (`references.py`), status from negation, modals, mood and subordinators,
the date of the clause itself or one carried from the same episode (`clausedates.py`), the
place, the statement's source. Reports of one event are then fused (`merge.py`).
"""

from __future__ import annotations

from newsevents.events.attribution import Attribution, AttributionTracker
from newsevents.events.clausedates import ClauseDates
from newsevents.events.frame import infer_year
from newsevents.events.framematch import (
    Candidate,
    attack_sources,
    match_noun,
    match_received,
    match_verb,
)
from newsevents.events.frames import Frame, extract_frames
from newsevents.events.headlines import beside_clauses, headline_event
from newsevents.events.merge import fuse_events
from newsevents.events.partyref import PartyResolver, Resolved
from newsevents.events.phrasal import match_phrase
from newsevents.events.quotes import make_quotes, quote_spans
from newsevents.events.references import References
from newsevents.events.statements import Speakers, statement
from newsevents.events.verblemmas import mend
from newsevents.kb.base import KnowledgeBase
from newsevents.lang.lexicons import ontology
from newsevents.lang.profile import Lexicons
from newsevents.records import (
    Article,
    Event,
    EventStatus,
    Mention,
    Parse,
    Quote,
    Sentence,
    Span,
    Token,
)

COOPERATION = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# Speech acts whose complement is what they are about (their topic), not a second event.
TYPED_SPEECH = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"}
CONTENT_TARGETS = {"ACCUSE", "REQUEST"}  # said of someone: the reported clause's subject
PLACE_TARGETS = {"ASSAULT", "AID", "SANCTION"}  # a place as their object stands for its country
STATEMENT_RULES = ("obligation", "criticism", "praise", "necessity")  # acts, whatever their mood
UNSPOKEN = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION"}  # acts, never words
PROMISED = {"SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "CONSULT"}  # announced -> AGREE


class FrameCoder:
    """Codes the events of one article from the parses of its sentences."""

    def __init__(self, article: Article, kb: KnowledgeBase, lexicons: Lexicons) -> None:
        self.article = article
        self.kb = kb
        self.language = article.language or "en"
        self.profile = lexicons.profile(self.language)
        self.labels = self.profile.clauses
        self.lexicon = lexicons.frames(self.language)
        self.contexts = lexicons.cues("contexts", self.language)
        self.parties = PartyResolver(article, kb, self.lexicon, self.labels, self.language)
        self.references = References(article, self.parties)
        statuses = lexicons.cues("statuses", self.language)
        self.dates = ClauseDates(article, self.profile, infer_year(article, self.profile, statuses))
        self.speakers = Speakers(self.lexicon, self.labels)
        self.events: list[Event] = []
        self.attacked = False  # an attack was reported earlier in the article
        self.frames: list[Frame] = []  # the frames of the sentence being coded
        self.quotes: list[Quote] = []

    def run(self) -> list[Event]:
        """All events of the article, fused, with stable ids set by the caller."""
        tracker = AttributionTracker(self.article, self.profile.grammar)
        parses = {p.sentence: p for p in self.article.syntax}
        for sentence in self.article.sentences:
            mentions = self.parties.mentions.get(sentence.index, [])
            attribution = tracker.sentence(sentence, mentions)
            parse = parses.get(sentence.index)
            subject: list[str] = []
            if parse is not None:
                subject = self._sentence(sentence, parse, attribution)
            self.references.read(sentence, mentions)
            spans = quote_spans(self.article, sentence)
            if spans:
                speakers = attribution.sources if attribution else []
                cue = attribution.cue if attribution else None
                self.quotes += make_quotes(self.article, sentence, speakers, subject, cue)
        return fuse_events(self.events, require_actor=False)

    # 1. one sentence
    def _sentence(
        self, sentence: Sentence, parse: Parse, attribution: Attribution | None
    ) -> list[str]:
        frames = extract_frames(parse, self.labels)
        self.frames = frames
        if self.labels.particle_joins == "prefix":  # German lemmas and separable particles
            for frame in frames:
                mend(frame, self.lexicon)
        # A verbless headline: the event its head noun names, with a phrase naming a party.
        headline = None if frames else headline_event(parse, self.lexicon, self.labels)
        if (
            headline is not None
            and self._ids(parse, headline[1].actors + headline[1].recipients, [])[0]
        ):
            frames = [headline[0]]
        sources = list(attribution.sources) if attribution and attribution.sources else []
        if not sources:
            sources = self.speakers.closing(
                parse, lambda p, heads, s: [i for h in heads for i in self.parties.source(p, h)]
            )
        speaker_of = self.speakers.of_sentence(
            sentence, frames, sources, lambda p, heads, s: self._ids(p, heads, s)[0]
        )
        found = [self._candidate(f, s) for f, s in zip(frames, speaker_of, strict=True)]
        if frames and headline is not None and frames[0] is headline[0]:
            found = [headline[1]]
        reported = [
            bool(sources) or self.speakers.under_speech(i, frames) for i in range(len(frames))
        ]
        for index, frame in enumerate(frames):
            if found[index] is None and frame.lemma in self.lexicon.judging_verbs:
                # "hält die Politik für verwerflich": the subject judges, the object is judged.
                judge = self._ids(parse, frame.subjects, [], frame)[0]
                judged = statement(frame, self.lexicon, self.labels) if judge else None
                # "bezeichnete den Kampf als notwendig" endorses; only a judgement accuses.
                if judged is not None and judged.type == "ACCUSE":
                    judged.recipients = list(frame.objects)
                    found[index], speaker_of[index] = judged, judge
            if found[index] is None and speaker_of[index]:
                found[index] = statement(frame, self.lexicon, self.labels)
        if frames and headline is None:
            for beside, named in beside_clauses(parse, self.lexicon, self.labels):
                frames.append(beside)
                found.append(named)
                speaker_of.append([])
                reported.append(False)
        subject: list[str] = []
        spoke: list[str] = []
        for index, (frame, candidate) in enumerate(zip(frames, found, strict=True)):
            if frame.kind == "main" and frame.subjects and not subject:
                subject = self._ids(parse, frame.subjects, speaker_of[index])[0]
            if candidate is None or self._background(frame, frames, found):
                continue
            event = self._event(
                sentence,
                parse,
                frames,
                index,
                candidate,
                speaker_of[index],
                sources,
                reported[index],
            )
            if event is not None:
                self.events.append(event)
                self.attacked = self.attacked or event.type == "ASSAULT"
                if event.type in TYPED_SPEECH and event.actors and not spoke:
                    spoke = list(event.actors)
        self.speakers.spoke(sentence, next((s for s in speaker_of if s), spoke))
        return subject

    def _candidate(self, frame: Frame, speaker: list[str]) -> Candidate | None:
        """The event a frame is: its event noun when the verb is one of the noun's own support
        verbs ("Inhaftierung anordnen"), else its verb, else a noun with a general support
        verb; a clause with an obligation modal may still be a demand (see `_event`)."""
        noun = match_noun(frame, self.lexicon, self.labels)
        if noun is not None and noun.noun is not None:
            lemma = frame.parse.tokens[noun.noun].lemma
            if any(frame.lemma in e.support for e in self.lexicon.noun(lemma)):
                return noun
        verb = match_verb(frame, self.lexicon, self.labels)
        if verb is not None or noun is not None:
            return verb or noun
        phrase = match_phrase(frame, self.lexicon, self.labels) or match_received(
            frame, self.lexicon, self.labels
        )
        if phrase is not None:
            return phrase
        if self._demands(frame, speaker) and (frame.subjects or frame.passive):
            return Candidate(
                "REQUEST",
                [frame.head],
                actors=[],
                recipients=list(frame.subjects),
                rule=f"obligation '{'/'.join(frame.modals)}' + '{frame.lemma}'",
            )
        return None

    def _background(self, frame: Frame, frames: list[Frame], found: list[Candidate | None]) -> bool:
        """A time reference ("bevor ..."), or the topic of a typed speech act ("verurteilte,
        dass ... angegriffen wurde", "forderte X auf, ... zu verhandeln")."""
        if frame.mark in self.labels.background_marks:
            return True
        if frame.parent is None or frame.kind not in {"complement", "other"}:
            return False
        if frame.token.dep in self.labels.conj and frame.kind == "other":
            # "steht in der Kritik und verweigerte ...": a finite clause coordinated with the
            # other is an act of its own (a zu-infinitive hung so is still its content)
            return False
        parent = found[frame.parent]
        return parent is not None and parent.type in TYPED_SPEECH

    def _ids(
        self, parse: Parse, heads: list[int], speaker: list[str], frame: Frame | None = None
    ) -> tuple[list[str], list[str]]:
        """The actor ids of the phrases headed by `heads`, and why. A relative pronoun stands
        for the noun its clause belongs to; a name beats an unnamed party noun beside it."""
        named: list[str] = []
        unnamed: list[str] = []
        reasons: list[str] = []
        for head in heads:
            token = parse.tokens[head]
            if frame is not None and token.tag in {"PRELS", "WDT", "WP"}:
                # "Der General, der ... steht und ... verweigert hatte": the noun the pronoun's
                # relative clause (this one or the one it is coordinated with) belongs to.
                clause = parse.tokens[token.head]
                if clause.dep in self.labels.relative and clause.head != clause.i:
                    head = clause.head
                    reasons.append(f"relative '{token.text}' -> '{parse.tokens[head].text}'")
            found = self.parties.resolve(parse, head)
            if found.pronoun is not None and not found.ids and frame is not None:
                found = self._governing_subject(parse, found.pronoun, frame) or found
            if found.pronoun is not None and not found.ids:
                pronoun = found.pronoun
                found = self.references.pronoun(parse, pronoun, speaker)
                if not found.ids and speaker and frame is not None and frame.mood == "Sub":
                    # "Er selbst sei verschleppt worden, sagt er": in reported words a
                    # pronoun nothing else resolves is the speaker
                    person = pronoun.feature("Gender") in {"Masc", "Fem"}  # not "es"
                    if person and pronoun.feature("Number") == "Sing":
                        found.ids = list(speaker)
                        found.reason = f"'{pronoun.text}': the speaker of the reported words"
            into = unnamed if "(no name" in found.reason else named
            into += [i for i in found.ids if i not in into]
            if found.reason:
                reasons.append(found.reason)
        return (named or unnamed), reasons

    def _governing_subject(self, parse: Parse, pronoun: Token, frame: Frame) -> Resolved | None:
        """ "Der Präsident ließ wissen, dass er ... nicht unterstützen würde": a third-person
        pronoun subject of a clause under another is that clause's subject (the nearest
        governing clause whose named subject agrees in number and gender)."""
        if pronoun.i not in frame.subjects or pronoun.feature("Person") not in {"3", None}:
            return None
        if pronoun.feature("Gender") == "Neut" or not self.frames:
            return None  # "es": no party
        node = frame.parent
        while node is not None and node < len(self.frames):
            upper = self.frames[node]
            for s in upper.subjects:
                token = parse.tokens[s]
                if token.pos == "PRON" or not _agree(pronoun, token):
                    continue
                found = self.parties.resolve(parse, s)
                if found.ids:
                    found.reason = (
                        f"'{pronoun.text}' -> '{token.text}' (subject of the clause above)"
                    )
                    return found
            node = upper.parent
        return None

    # 2. one event
    def _event(
        self,
        sentence: Sentence,
        parse: Parse,
        frames: list[Frame],
        index: int,
        candidate: Candidate,
        speaker: list[str],
        sources: list[str],
        reported: bool,
    ) -> Event | None:
        frame = frames[index]
        event_type, status, planned_type, why = self._status(frame, candidate, speaker, reported)
        actors, actor_why = self._ids(parse, candidate.actors, speaker, frame)
        if event_type == "ASSAULT" and not actors:
            # "bei Artilleriefeuer aus Syrien verletzt": the attack named comes from its source
            sources_of = attack_sources(frame, self.lexicon, self.labels)
            actors, actor_why = self._ids(parse, sources_of, speaker, frame)
        recipients, recipient_why = self._ids(parse, candidate.recipients, speaker, frame)
        for slot, heads in candidate.alternatives:
            if recipients:
                break
            # The first slot that names a party: "verhängte Sanktionen gegen Belarus".
            recipients, recipient_why = self._ids(parse, heads, speaker, frame)
            candidate.recipient_slot = slot if recipients else candidate.recipient_slot
        if (
            not recipients
            and event_type in CONTENT_TARGETS
            and frame.lemma in self.lexicon.speech_verbs
        ):
            # "Die Koalition baue ein Spitzelnetz auf, kritisieren die Anwälte": criticism or a
            # demand in the words of its speaker is aimed at the subject of those words.
            for content in _reported_clauses(frames, index):
                recipients, recipient_why = self._ids(parse, content.subjects, speaker, content)
                told = None if recipients else match_noun(content, self.lexicon, self.labels)
                if told is not None:
                    # "klagte, es habe Bombardierungen durch X gegeben": the doers of the
                    # act the words tell of
                    recipients, recipient_why = self._ids(parse, told.actors, speaker, content)
                if recipients:
                    recipient_why = [*recipient_why, "the subject of the reported words"]
                    break
        if not recipients and event_type in PLACE_TARGETS and candidate.recipients:
            # An attack on a place is one on its country: "beschossen die Stadt Charkiw".
            recipients, recipient_why = self.parties.place_country(parse, candidate.recipients)
        if (why.startswith("obligation") or candidate.rule.startswith(STATEMENT_RULES)) and speaker:
            # "Die Verantwortlichen müssten zur Rechenschaft gezogen werden": the speaker asks
            # the subject of the obligation to act; criticism is the speaker's too.
            recipients, actors = actors or recipients, list(speaker)
            actor_why = ["the speaker says it"]
        if (
            not actors
            and frame.inherited_subject is False
            and frame.mood == "Sub"
            and speaker
            and event_type not in UNSPOKEN
        ):
            # A speech act in reported words is the speaker's; an attack or an arrest they
            # report is not ("seien ... verletzt worden, berichtete die Agentur").
            actors, actor_why = list(speaker), ["the reported speaker"]
        counted = event_type == "ASSAULT" and frame.lemma in self.lexicon.casualty_verbs
        if counted and not actors and self.attacked and not self._attack(frame):
            # "80 weitere wurden verletzt": with no attacker and no attack named, after an
            # attack already reported, a count of its victims is a detail of that attack.
            return None
        recipients = [r for r in recipients if r not in actors]
        # Speakers found by the attribution cues ("so X", "Begründung des X:") were not resolved
        # through a phrase of the clause: they are placed here like any other party.
        self.parties.place_in_passage(actors + recipients, sentence.index)
        if not actors and not recipients:
            return None  # nobody named: an event of no one ("Urteil gefällt") adds nothing
        symmetric = bool(ontology().get(event_type, {}).get("symmetric")) and (
            len(actors) > 1 or not recipients or candidate.recipient_slot in {"mit", "with"}
        )
        date, date_why = self.dates.date(frame, frames, sentence, status, actors + recipients)
        location, where = self._place(sentence, frame)
        tokens = parse.tokens
        trigger = " ... ".join(tokens[i].text for i in sorted(candidate.trigger))
        return Event(
            id="",
            type=event_type,
            actors=actors,
            recipients=recipients,
            symmetric=symmetric and not candidate.swapped,
            mode=candidate.mode,
            context=self._contexts(sentence),
            date=date,
            location=location,
            status=status,
            sources=sources,
            evidence=[Span(sentence.start, sentence.end)],
            sentences=[sentence.index],
            trigger=trigger,
            rule=f"frame: {candidate.rule}",
            planned_type=planned_type,
            explanation=[
                f"trigger '{trigger}' ({candidate.rule}; {frame.kind} clause)",
                f"actor: {'; '.join(actor_why) or 'none named'}",
                f"recipient: {'; '.join(recipient_why) or 'none named'}"
                + (f" ({candidate.recipient_slot})" if candidate.recipient_slot else ""),
                f"status: {status}{f' ({why})' if why else ''}",
                f"date: {date.iso() if date else 'unknown'} ({date_why})",
                f"place: {where}",
            ],
        )

    def _status(
        self, frame: Frame, candidate: Candidate, speaker: list[str], reported: bool
    ) -> tuple[str, EventStatus, str | None, str]:
        """(type, status, planned type, why) from negation, modals, mood and subordinator."""
        labels = self.labels
        event_type = candidate.type
        status: EventStatus = "occurred"
        modals = set(frame.modals)
        if frame.mark in labels.conditional_marks or frame.verb_first:
            return event_type, "hypothetical", None, f"condition '{frame.mark or 'verb first'}'"
        if candidate.rule.startswith(STATEMENT_RULES):
            return event_type, status, None, "a statement made"
        if frame.negated or candidate.negated:
            if candidate.rule.startswith("verb") and self._negated_reading(frame):
                return event_type, status, None, "negated by its meaning"
            if event_type in COOPERATION and (
                modals or frame.future or frame.conditional or frame.tense == "Pres"
            ):
                return "REJECT", "occurred", event_type, "refusal: negated cooperation"
            return event_type, "negated", None, "negated"
        hearsay = modals & labels.hearsay_modals and frame.perfect and frame.mood != "Sub"
        if hearsay:
            return event_type, status, None, "reported ('soll ... haben')"
        if self._demands(frame, speaker) and event_type != "REQUEST" and speaker:
            return "REQUEST", "occurred", event_type, "obligation: the speaker demands it"
        if (
            modals & labels.intent_modals
            or frame.future
            or modals & labels.obligation_modals
            or candidate.announced
        ):
            if event_type in PROMISED:
                return "AGREE", "planned", event_type, "announced cooperation"
            return event_type, "planned", None, "announced"
        if modals & labels.possibility_modals or frame.hedged:
            return event_type, "hypothetical", None, "possibility"
        if frame.mood == "Sub" and frame.tense == "Past" and not (speaker or reported):
            return event_type, "hypothetical", None, "Konjunktiv II"
        return event_type, status, None, ""

    def _demands(self, frame: Frame, speaker: list[str]) -> bool:
        """ "muss", Konjunktiv "sollte": the clause says what someone must do ("sollte" said by
        someone is the Konjunktiv, whatever the tagger read; not the condition "sollte er ...")."""
        if frame.verb_first:
            return False
        modals = set(frame.modals)
        konjunktiv = frame.mood == "Sub" or (frame.tense == "Past" and bool(speaker))
        advice = modals & self.labels.advice_modals and konjunktiv
        return bool(modals & self.labels.demand_modals or advice)

    def _attack(self, frame: Frame) -> bool:
        """Whether the clause names an attack by a noun ("bei der Attacke auf ...")."""
        tokens = frame.parse.tokens
        return any(
            e.type == "ASSAULT"
            for i in frame.tokens
            if tokens[i].pos in {"NOUN", "PROPN"}
            for e in self.lexicon.noun(tokens[i].lemma)
        )

    def _negated_reading(self, frame: Frame) -> bool:
        return any(e.negated_only for e in self.lexicon.verb(frame.lemma))

    def _place(self, sentence: Sentence, frame: Frame) -> tuple[str | None, str]:
        """A place named in the clause, "hier", else the dateline."""
        lo, hi = frame.span()
        places: list[Mention] = [
            m
            for m in self.parties.mentions.get(sentence.index, [])
            if m.kind == "place" and m.actor_id and not m.is_dateline and lo <= m.start < hi
        ]
        if places:
            return places[0].actor_id, f"place named in the clause ({places[0].text})"
        here = [
            m
            for m in self.parties.mentions.get(sentence.index, [])
            if m.kind == "here" and m.actor_id
        ]
        if here:
            return here[0].actor_id, f"'{here[0].text}' refers to the dateline"
        if self.article.dateline:
            return self.article.dateline, "dateline"
        return None, "no place"

    def _contexts(self, sentence: Sentence) -> list[str]:
        text = self.article.text[sentence.start : sentence.end]
        return [name for name, cue in self.contexts.items() if cue.search(text)]


def _reported_clauses(frames: list[Frame], index: int) -> list[Frame]:
    """The clauses a verb of saying reports: those it governs ("kritisierte, die Regierung
    habe ..."), or the clause before it that it was hung on (", kritisieren die Anwälte");
    active clauses only (a passive's subject is the one acted on)."""
    frame = frames[index]
    found = [f for f in frames if f.parent == index and f.kind in {"complement", "other"}]
    if frame.parent is not None and frames[frame.parent].head < frame.head:
        found.append(frames[frame.parent])
    return [f for f in found if not f.passive and f.subjects]


def _agree(pronoun: Token, noun: Token) -> bool:
    """Whether a pronoun can stand for a noun: number and gender, where both are known."""
    for feature in ("Number", "Gender"):
        a, b = pronoun.feature(feature), noun.feature(feature)
        if a and b and a != b:
            return False
    return True
