"""What a language's parser labels mean for clause frames (``clauses`` in data/lang/<code>.yaml).

German is parsed with Universal Dependencies relations, English with ClearNLP's; the frame
extractor (`newsevents/events/frames.py`) reads only these sets, so one extractor serves both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _set(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(v) for v in data.get(key) or [])


REPAIR_ROLES = frozenset(
    {
        "subject",
        "object",
        "dative",
        "genitive",
        "oblique",
        "auxiliary",
        "particle",
        "parataxis",
        "apposition",
    }
)


@dataclass(frozen=True, slots=True)
class ClauseLabels:
    """Dependency relations and function words by their role in a clause frame."""

    subject: frozenset[str] = frozenset()  # nsubj
    passive_subject: frozenset[str] = frozenset()  # nsubj:pass, nsubjpass
    object: frozenset[str] = frozenset()  # obj, dobj
    dative: frozenset[str] = frozenset()  # iobj, dative (German: also any object in the dative)
    oblique: frozenset[str] = frozenset()  # a prepositional phrase: obl/nmod (UD), prep (ClearNLP)
    prep_object: frozenset[str] = frozenset()  # the noun under a preposition (ClearNLP pobj)
    case: frozenset[str] = frozenset()  # the preposition under its noun (UD case)
    agent: frozenset[str] = frozenset()  # obl:agent, agent
    particle: frozenset[str] = frozenset()  # compound:prt, prt
    negation: frozenset[str] = frozenset()  # neg
    aux: frozenset[str] = frozenset()  # aux, aux:pass, cop ...
    passive_aux: frozenset[str] = frozenset()  # aux:pass, auxpass
    copula: frozenset[str] = frozenset()  # cop
    conj: frozenset[str] = frozenset()  # conj
    complement: frozenset[str] = frozenset()  # ccomp, xcomp: what is said, asked, tried
    parataxis: frozenset[str] = frozenset()  # "..., sagte X": a clause beside the other
    adverbial: frozenset[str] = frozenset()  # advcl
    relative: frozenset[str] = frozenset()  # acl, relcl
    apposition: frozenset[str] = frozenset()  # appos
    attribute_nouns: frozenset[str] = frozenset()  # Angaben, Nähe: their "von" is no agent
    modifier: frozenset[str] = frozenset()  # advmod: an adverb, never a nominal phrase
    name_parts: frozenset[str] = frozenset()  # flat: the next word of a name ("Uwe Böhnhardt")
    genitive: frozenset[str] = frozenset()  # nmod, poss: "the attack of X", "Merkels Kurs"
    mark: frozenset[str] = frozenset()  # mark: the subordinator
    expletive: frozenset[str] = frozenset()  # expl
    negation_words: frozenset[str] = frozenset()  # nicht, nie, not, never
    negation_determiners: frozenset[str] = frozenset()  # kein, no: negate their noun's event
    reflexives: frozenset[str] = frozenset()  # sich, einander, themselves
    agent_prepositions: frozenset[str] = frozenset()  # von, durch, by
    future_aux: frozenset[str] = frozenset()  # werden, will
    intent_modals: frozenset[str] = frozenset()  # wollen, planen: an announced action
    intent_verbs: frozenset[str] = frozenset()  # plan, intend: their infinitive is announced
    obligation_modals: frozenset[str] = frozenset()  # müssen, sollen, must, should
    possibility_modals: frozenset[str] = frozenset()  # können, dürfen, may, could, might
    hearsay_modals: frozenset[str] = frozenset()  # "soll ... haben": reported, so occurred
    demand_modals: frozenset[str] = frozenset()  # müssen, must: a speaker's demand
    advice_modals: frozenset[str] = frozenset()  # sollen, should: a demand in the Konjunktiv
    conditional_marks: frozenset[str] = frozenset()  # wenn, falls, if, unless
    background_marks: frozenset[str] = frozenset()  # bevor, seit, before, since: a time reference
    infinitive_marks: frozenset[str] = frozenset()  # zu, to: no subordinator of its own
    relative_pronouns: frozenset[str] = frozenset()  # der, welcher, who, which
    hypothetical_words: frozenset[str] = frozenset()  # möglicherweise, perhaps: a possibility
    negation_exceptions: frozenset[str] = frozenset()  # "nicht nur": the next word undoes it
    verb_tags: frozenset[str] = frozenset()  # VVFIN ...: a full verb whatever its UPOS says
    oblique_determiners: frozenset[str] = frozenset()  # den, dem, des: no nominative phrase
    time_words: frozenset[str] = frozenset()  # Montag, Mai, Woche: never a party (+ date words)
    particle_joins: str = "prefix"  # "prefix": ab + lehnen = ablehnen; "space": call + on
    # Relations `syntax/repair.py` writes (`REPAIR_ROLES`); none: no repairs.
    repair: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_data(
        cls, data: dict[str, Any] | None, time_words: frozenset[str] = frozenset()
    ) -> ClauseLabels:
        """Build the labels from the parsed ``clauses`` section of a profile (may be absent);
        `time_words` (the profile's month and weekday names) join its own."""
        data = data or {}
        values: dict[str, Any] = {
            name: _set(data, name)
            for name in cls.__dataclass_fields__  # every set-valued field, by its own name
            if name not in {"particle_joins", "repair"}
        }
        values["time_words"] = values["time_words"] | time_words
        repair = data.get("repair") or {}
        missing = REPAIR_ROLES - repair.keys()
        if repair and missing:
            raise ValueError(f"clauses.repair needs {sorted(missing)}")
        return cls(
            **values,
            particle_joins=str(data.get("particle_joins", "prefix")),
            repair=tuple(sorted((str(k), str(v)) for k, v in repair.items())),
        )
