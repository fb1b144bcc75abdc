"""The frame lexicon of a language (``data/lexicons/frames.<code>.yaml``), compiled for lookup.

Verbs are looked up by lemma (particle joined), nouns by lemma or, in compounds, by their last
part ("Raketenangriff" -> "Angriff"). Each entry says the PLOVER type, where the recipient is,
and the conditions under which the word is an event at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLURAL_ENDINGS = ("nen", "en", "se", "e", "n", "s")  # German plural and genitive endings
ADJECTIVE_ENDINGS = ("r", "m", "s")  # strong endings of nominalised adjectives: ein Verdächtiger
MIN_COMPOUND_PREFIX = 3  # "Raketen|angriff": a shorter remainder is no compound ("Bes|uch")


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One reading of a verb: its type and the slots of its recipient."""

    type: str
    recipient: tuple[str, ...]
    swap: bool = False
    reflexive: bool = False
    prep: tuple[tuple[str, str], ...] = ()  # (preposition, type): the type hangs on it
    objects: tuple[str, ...] = ()  # the reading needs one of these nouns in the clause
    negated_only: bool = False  # "schließt ... nicht aus": only negated is it this type
    persons: bool = False  # counts only when a person undergoes it ("schlug den Mann")
    clause: bool = False  # counts only with a clause it governs ("beschloss, ... zu helfen")
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class NounEntry:
    """An event noun: its type, its own support verbs and the slots of its recipient."""

    type: str
    recipient: tuple[str, ...]
    support: frozenset[str] = frozenset()
    mode: str | None = None
    hypothetical_only: bool = False


@dataclass(slots=True)
class FrameLexicon:
    """Verbs, nouns, support verbs, verbs of saying and of occurrence of one language."""

    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)
    nouns: dict[str, list[NounEntry]] = field(default_factory=dict)
    support_verbs: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    party_nouns: dict[str, str] = field(default_factory=dict)  # noun (last part) -> sector
    feminine_endings: tuple[str, ...] = ()  # "innen", "in": Terroristin is a terrorist
    # party nouns that name no party as the last part of a compound ("Förderpolitik")
    whole_party_nouns: frozenset[str] = frozenset()
    criticism: frozenset[str] = frozenset()  # words that judge: a speaker using them criticises
    negated_praise: frozenset[str] = frozenset()  # "keine gute Sitte", "nicht vertretbar"
    necessity: frozenset[str] = frozenset()  # "nötig", "notwendig": a speaker demands it
    meeting_prepositions: frozenset[str] = frozenset()  # "bei einem Treffen mit X"
    travel_verbs: frozenset[str] = frozenset()  # "reiste zu Gesprächen nach Moskau"
    expectation_verbs: frozenset[str] = frozenset()  # "wird zu einem Besuch erwartet": planned
    reception_verbs: dict[str, str] = field(default_factory=dict)  # stoßen -> auf (Ablehnung)
    casualty_verbs: frozenset[str] = frozenset()  # "wurden verletzt": victims counted
    idioms: dict[tuple[str, str, str], str] = field(default_factory=dict)  # ums Leben kommen
    source_adverbs: frozenset[str] = frozenset()  # ", so die Sun": the closing phrase speaks
    judging_verbs: frozenset[str] = frozenset()  # "hält X für verwerflich": the subject speaks
    receiving_verbs: dict[str, str] = field(default_factory=dict)  # ernten -> subj (Kritik)
    partner_prepositions: frozenset[str] = frozenset({"mit"})  # "Treffen mit X": the partner
    compounds: bool = True  # closed compounds count by their last part ("Raketenangriff")
    plural_endings: tuple[str, ...] = PLURAL_ENDINGS  # endings an unlemmatised form may carry

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> FrameLexicon:
        """Compile the parsed YAML of a frame lexicon (an empty one when there is none)."""
        data = data or {}
        slots = {str(k): tuple(v or []) for k, v in (data.get("recipient_slots") or {}).items()}
        lexicon = cls(
            support_verbs=frozenset(str(v) for v in data.get("support_verbs") or []),
            speech_verbs=frozenset(str(v) for v in data.get("speech_verbs") or []),
            occurrence_verbs=frozenset(str(v) for v in data.get("occurrence_verbs") or []),
            party_nouns={
                str(k).lower(): str(v or "") for k, v in (data.get("party_nouns") or {}).items()
            },
            feminine_endings=tuple(str(e) for e in data.get("feminine_endings") or []),
            whole_party_nouns=frozenset(
                str(w).lower() for w in data.get("whole_party_nouns") or []
            ),
            criticism=_words(data, "criticism"),
            negated_praise=_words(data, "negated_praise"),
            necessity=_words(data, "necessity"),
            meeting_prepositions=_words(data, "meeting_prepositions"),
            travel_verbs=_words(data, "travel_verbs"),
            expectation_verbs=_words(data, "expectation_verbs"),
            reception_verbs={
                str(k): str(v) for k, v in (data.get("reception_verbs") or {}).items()
            },
            casualty_verbs=_words(data, "casualty_verbs"),
            idioms={
                (str(v[0]).lower(), str(v[1]).lower(), str(v[2]).lower()): str(k)
                for k, v in (data.get("idioms") or {}).items()
            },
            source_adverbs=_words(data, "source_adverbs"),
            judging_verbs=_words(data, "judging_verbs"),
            receiving_verbs={
                str(k): str(v) for k, v in (data.get("receiving_verbs") or {}).items()
            },
            partner_prepositions=_words(data, "partner_prepositions") or frozenset({"mit"}),
            compounds=bool(data.get("compounds", True)),
            plural_endings=tuple(str(e) for e in data.get("plural_endings") or PLURAL_ENDINGS),
        )
        for event_type, entries in (data.get("verbs") or {}).items():
            for lemma, options in (entries or {}).items():
                o = options or {}
                lexicon.verbs.setdefault(str(lemma).lower(), []).append(
                    VerbEntry(
                        type=str(event_type),
                        recipient=tuple(o.get("recipient", slots.get(str(event_type), ()))),
                        swap=bool(o.get("swap", False)),
                        reflexive=bool(o.get("reflexive", False)),
                        prep=tuple((str(p), str(t)) for p, t in (o.get("prep") or {}).items()),
                        objects=tuple(str(n).lower() for n in o.get("objects") or []),
                        negated_only=bool(o.get("negated_only", False)),
                        persons=bool(o.get("persons", False)),
                        clause=bool(o.get("clause", False)),
                        mode=o.get("mode"),
                    )
                )
        for event_type, entries in (data.get("nouns") or {}).items():
            for lemma, options in (entries or {}).items():
                o = options or {}
                lexicon.nouns.setdefault(str(lemma).lower(), []).append(
                    NounEntry(
                        type=str(event_type),
                        recipient=tuple(o.get("recipient", slots.get(str(event_type), ()))),
                        support=frozenset(str(v) for v in o.get("support") or []),
                        mode=o.get("mode"),
                        hypothetical_only=bool(o.get("hypothetical_only", False)),
                    )
                )
        return lexicon

    def verb(self, lemma: str) -> list[VerbEntry]:
        """The readings of a verb lemma (particle joined), [] for none."""
        return self.verbs.get(lemma.lower(), [])

    def noun(self, lemma: str) -> list[NounEntry]:
        """The readings of an event noun, found by lemma or by the last part of a compound."""
        if not self.compounds:
            return self._whole_noun(lemma.lower())
        key = lemma.lower().rsplit("-", 1)[-1]
        # An inflected form the lemmatizer left alone: "Zugeständnisse", "Gesprächen".
        for form in (key, *(key[: -len(e)] for e in PLURAL_ENDINGS if key.endswith(e))):
            if form in self.nouns:
                return self.nouns[form]
            for cut in range(MIN_COMPOUND_PREFIX, len(form) - 2):
                if form[cut:] in self.nouns:
                    return self.nouns[form[cut:]]
        return []

    def _whole_noun(self, word: str) -> list[NounEntry]:
        """A language without closed compounds: the word whole ("cease-fire"), then the last
        part of a hyphenated one ("counter-attack"), each also without a plural ending."""
        for key in dict.fromkeys((word, word.rsplit("-", 1)[-1])):
            forms = (key, *(key[: -len(e)] for e in self.plural_endings if key.endswith(e)))
            for form in forms:
                if form in self.nouns:
                    return self.nouns[form]
        return []


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or [])


def party_sector(lexicon: FrameLexicon, noun: str) -> str | None:
    """The sector of a party noun ("" when it has none), found by the noun or the last part of
    a compound ("Terrormiliz" -> "miliz"), a feminine form by its base ("Terroristin" ->
    "terrorist", with the lexicon's `feminine_endings`); None when it names no party."""
    if not lexicon.compounds:
        word = noun.lower()
        forms = [word] + [word[: -len(e)] for e in lexicon.plural_endings if word.endswith(e)]
        return next((lexicon.party_nouns[f] for f in forms if f in lexicon.party_nouns), None)
    key = noun.lower().rsplit("-", 1)[-1]
    # An inflected form the lemmatizer left or cut wrongly: "Zivilisten", "Ziviliste".
    bases = [key] + [key[: -len(e)] for e in PLURAL_ENDINGS if key.endswith(e)]
    # A nominalised adjective's strong ending: "ein Verdächtiger" is a "Verdächtige".
    bases += [key[:-1] for e in ADJECTIVE_ENDINGS if key.endswith("e" + e)]
    forms = bases + [b[: -len(e)] for b in bases for e in lexicon.feminine_endings if b.endswith(e)]
    for form in forms:
        for cut in range(0, max(1, len(form) - 3)):
            tail = form[cut:]
            if tail not in lexicon.party_nouns or (0 < cut < MIN_COMPOUND_PREFIX):
                continue
            if cut == 0 or tail not in lexicon.whole_party_nouns:
                return lexicon.party_nouns[tail]
    return None


# A stem that is the tail of another word: "Haft" is not the end of "Botschaft", "Gesellschaft".
FALSE_TAILS = {"haft": "schaft"}


def ends_with_any(word: str, stems: tuple[str, ...], lexicon: FrameLexicon | None = None) -> bool:
    """Whether a (compound) noun ends with one of the stems ("Handgranate" ends with
    "granate"); "Haft" in "Haftstrafe" does not count, the last part decides. In a language
    without closed compounds (the `lexicon` says so) the noun must be one of them."""
    lowered = word.lower()
    if lexicon is not None and not lexicon.compounds:
        endings = lexicon.plural_endings
        forms = (lowered, *(lowered[: -len(e)] for e in endings if lowered.endswith(e)))
        return any(form in stems for form in forms)
    # An inflected form the lemmatizer left alone counts by its stem: "Streiks", "Sanktionen".
    forms = (lowered, *(lowered[: -len(e)] for e in PLURAL_ENDINGS if lowered.endswith(e)))
    return any(
        form.endswith(stem) and not form.endswith(FALSE_TAILS.get(stem, "\0"))
        for form in forms
        for stem in stems
    )
