"""Who speaks in a clause, and what a speaker's words are when no verb names the act.

Speakers: the subject of a governing verb of saying, of a ", sagte X" beside the clause, the
sentence's attributed source (`attribution.py`), or, continuing, the one who spoke in the
sentences just before (at most `CONTINUE_SENTENCES` on) when the sentence does not narrate in
the past indicative: more of the same statement ("Das berge ein gewisses Maß an Zynismus.").

Statements: with a speaker, a clause that judges ("unentschuldbar", "Zynismus"; a praise
negated: "keine gute Sitte", "stimmen nicht") is criticism (ACCUSE); one that says what is
needed ("Nötig sei ein Zeichen") is a demand (REQUEST), and denies a need a refusal (REJECT).
The speech act happened whatever the mood of its words. The words are the frame lexicon's
(`criticism`, `negated_praise`, `necessity`).
"""

from __future__ import annotations

from collections.abc import Callable

from newsevents.events.framematch import Candidate
from newsevents.events.frames import Frame, children_of
from newsevents.lang.clauses import ClauseLabels
from newsevents.lang.framelex import FrameLexicon
from newsevents.records import Parse, Sentence

CONTINUE_SENTENCES = 2  # a statement goes on for at most this many sentences without a name
CLOSING_WORDS = 12  # ", so X in einem Interview" is short; a longer clause says more
LABEL_WORDS = 4  # "Kurz: ...", "Frühstücks Schlussfolgerung: ...": a speaker's label
COLONS = frozenset({":"})
IdsOf = Callable[[Parse, list[int], list[str]], list[str]]
NAME_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})
QUOTE_MARKS = frozenset({'"', "„", "“", "”", "»", "«"})
UNJUDGED_POS = frozenset({"PRON", "ADJ", "ADV"})  # "Das ist schändlich": no party named
PLACE_PREFIXES = ("country:", "place:", "city:")


class Speakers:
    """The speakers of an article's clauses, read in order."""

    def __init__(self, lexicon: FrameLexicon, labels: ClauseLabels) -> None:
        self.lexicon = lexicon
        self.labels = labels
        self.last: list[str] = []
        self.sentence = -10

    def of_sentence(
        self, sentence: Sentence, frames: list[Frame], sources: list[str], ids_of: IdsOf
    ) -> list[list[str]]:
        """The speaker of each frame of a sentence ([] where nobody speaks)."""
        going_on = self.continuing(sentence, frames) if not sources else []
        return [self._speaker(i, frames, sources, going_on, ids_of) for i in range(len(frames))]

    def closing(self, parse: Parse, ids_of: IdsOf) -> list[str]:
        """The source a closing ", so X" names ("Schändlich sei das, so die Sun und der
        Telegraph"), also when X is no known actor; [] when there is none."""
        tokens = parse.tokens
        for token in tokens[1:]:
            if token.text.lower() not in self.lexicon.source_adverbs:
                continue
            if tokens[token.i - 1].pos != "PUNCT" or tokens[token.i - 1].text in QUOTE_MARKS:
                continue
            rest = [t for t in tokens[token.i + 1 :] if t.pos != "PUNCT"]
            if not rest or len(rest) > CLOSING_WORDS or any(t.pos in VERB_POS for t in rest):
                continue
            first = next((t for t in rest if t.pos in NAME_POS), None)
            if first is None:
                return []
            heads = [first.i] + [t.i for t in rest if t.head == first.i and t.dep == "conj"]
            return ids_of(parse, heads, [])
        return []

    def continuing(self, sentence: Sentence, frames: list[Frame]) -> list[str]:
        """The speaker of the sentences before, when this one reads as more of their words."""
        if not self.last or sentence.index - self.sentence > CONTINUE_SENTENCES:
            return []
        mains = [f for f in frames if f.kind == "main"]
        # A verb of saying narrates nothing: "hieß es" reports the same source again.
        content = [f for f in mains if f.lemma not in self.lexicon.speech_verbs]
        narrated = any(f.mood == "Ind" and (f.tense == "Past" or f.perfect) for f in content)
        # "Wir sind zu einem Abkommen gelangt": a news report never says "ich" or "wir" in its
        # own voice; the speaker is still talking, whatever the tense.
        first_person = (
            any(t.pos == "PRON" and t.feature("Person") == "1" for t in mains[0].parse.tokens)
            if mains
            else False
        )
        return [] if (narrated and not first_person) or not mains else list(self.last)

    def spoke(self, sentence: Sentence, speakers: list[str]) -> None:
        """Remember who spoke in a sentence (the last statement's source)."""
        if speakers:
            self.last, self.sentence = list(speakers), sentence.index

    def under_speech(self, index: int, frames: list[Frame]) -> bool:
        """Whether a verb of saying governs the clause ("hieß es, beide Seiten hätten ...")."""
        node = frames[index].parent
        while node is not None:
            if frames[node].lemma in self.lexicon.speech_verbs:
                return True
            node = frames[node].parent
        return False

    def _speaker(
        self,
        index: int,
        frames: list[Frame],
        sources: list[str],
        going_on: list[str],
        ids_of: IdsOf,
    ) -> list[str]:
        frame = frames[index]
        node = frame.parent
        while node is not None:
            if frames[node].lemma in self.lexicon.speech_verbs and frames[node].subjects:
                found = ids_of(frames[node].parse, frames[node].subjects, [])
                if found:  # not the "es" of "hieß es"
                    return found
            node = frames[node].parent
        for other in frames:
            if (
                other is not frame
                and other.lemma in self.lexicon.speech_verbs
                and other.subjects
                and other.parent == index
                and other.kind == "main"
            ):
                found = ids_of(other.parse, other.subjects, [])
                if found:
                    return found
        return sources or self._before_colon(frame, frames, ids_of) or going_on

    def _before_colon(self, frame: Frame, frames: list[Frame], ids_of: IdsOf) -> list[str]:
        """The speaker a colon introduces the clause with: a verb of saying before it ("stellte
        Kurz klar: Wir koppeln ..."), or a short label naming a party ("Kurz: ...")."""
        tokens = frame.parse.tokens
        colon = next((t.i for t in tokens if t.text in COLONS and t.i < frame.head), None)
        if colon is None:
            return []
        for other in frames:
            if other.head < colon and other.lemma in self.lexicon.speech_verbs and other.subjects:
                found = ids_of(other.parse, other.subjects, [])
                if found:
                    return found
        label = [t for t in tokens[:colon] if t.pos != "PUNCT"]
        if not label or len(label) > LABEL_WORDS or any(t.pos in VERB_POS for t in label):
            return []
        found = ids_of(frame.parse, [t.i for t in label if t.pos in NAME_POS], [])
        # A place before a colon heads a report ("Syrien: ..."); it says nothing.
        return [f for f in found if not f.startswith(PLACE_PREFIXES)]


def statement(frame: Frame, lexicon: FrameLexicon, labels: ClauseLabels) -> Candidate | None:
    """What a spoken clause is by its words: criticism or a demand (the speaker is its actor,
    set by the coder); None when it is neither."""
    tokens = frame.parse.tokens
    kids = children_of(tokens)
    negated = frame.negated
    for i in frame.tokens:
        token = tokens[i]
        words = {token.lemma.lower(), token.text.lower()}
        denied = negated or any(
            tokens[k].text.lower() in labels.negation_determiners
            or tokens[k].lemma.lower() in labels.negation_words
            for k in kids.get(i, [])
        )
        # What is judged is the clause's subject ("Schändlich sei Corbyns Benehmen": its owner).
        judged = [s for s in frame.subjects if s != i and tokens[s].pos not in UNJUDGED_POS]
        if words & lexicon.criticism and not denied:
            return Candidate("ACCUSE", [i], [], judged, rule=f"criticism '{token.text}'")
        if words & lexicon.negated_praise and denied:
            return Candidate("ACCUSE", [i], [], judged, rule=f"praise denied '{token.text}'")
        attributive = token.tag == "ADJA" or token.dep == "amod"  # "erforderliche Passagen"
        if words & lexicon.necessity and not attributive:
            if denied:  # "befand das nicht für notwendig": a refusal
                return Candidate("REJECT", [i], rule=f"necessity denied '{token.text}'")
            return Candidate("REQUEST", [i], rule=f"necessity '{token.text}'")
    return None
