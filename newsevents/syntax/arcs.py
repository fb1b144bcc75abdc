"""A sentence's dependency arcs while `repair.py` changes them, and what they tell: a phrase's
case, its determiner, the clause's finite verb, subjects, governor and voice."""

from __future__ import annotations

from dataclasses import replace

from newsevents.lang.clauses import ClauseLabels
from newsevents.records import Token

NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
PREDICATE = frozenset({"VERB"})


class Arcs:
    """One sentence's tokens, with heads and relations that the repairs may change."""

    def __init__(self, tokens: list[Token], labels: ClauseLabels) -> None:
        self.tokens = tokens
        self.head = [t.head for t in tokens]
        self.dep = [t.dep for t in tokens]
        self.labels = labels
        self.names = dict(labels.repair)

    def result(self) -> list[Token]:
        """The tokens with the repaired arcs (copies where changed)."""
        return [
            t if (t.head, t.dep) == (h, d) else replace(t, head=h, dep=d)
            for t, h, d in zip(self.tokens, self.head, self.dep, strict=True)
        ]

    # helpers
    def kids(self, i: int) -> list[int]:
        return [k for k, h in enumerate(self.head) if h == i and k != i]

    def is_root(self, i: int) -> bool:
        return self.head[i] == i

    def has_case(self, i: int) -> bool:
        return any(self.dep[k] in self.labels.case for k in self.kids(i))

    def is_predicate(self, i: int) -> bool:
        token = self.tokens[i]
        if token.pos in PREDICATE or token.tag in self.labels.verb_tags:
            return True
        return any(self.dep[k] in self.labels.copula for k in self.kids(i))

    def finite(self, p: int) -> Token | None:
        for i in [p, *self.kids(p)]:
            t = self.tokens[i]
            if t.feature("VerbForm") == "Fin" and (i == p or self.dep[i] in self.labels.aux):
                return t
        return None

    def case(self, i: int) -> str:
        """The phrase's case: its determiner's, else the noun's own ("" when unknown)."""
        for k in self.kids(i):
            if self.tokens[k].pos == "DET" and self.tokens[k].feature("Case"):
                return self.tokens[k].feature("Case") or ""
        return self.tokens[i].feature("Case") or ""

    def marked_oblique(self, i: int) -> bool:
        """Whether a determiner rules the nominative out ("den", "dem", "des", "einem")."""
        return any(
            self.tokens[k].text.lower() in self.labels.oblique_determiners for k in self.kids(i)
        )

    def det_case(self, i: int) -> str:
        """The case its determiner shows ("" without one): stronger than a bare noun's guess."""
        for k in self.kids(i):
            if self.tokens[k].pos == "DET":
                return self.tokens[k].feature("Case") or ""
        return ""

    def gapped(self, p: int, finite: Token) -> bool:
        """A coordinated clause opening with its finite verb shares the first one's subject."""
        if self.dep[p] not in self.labels.conj:
            return False
        opener = [k for k in self.kids(p) if self.dep[k] == "cc" and k < finite.i]
        return bool(opener) and finite.i == opener[-1] + 1

    def determiner(self, i: int) -> bool:
        return any(self.tokens[k].pos == "DET" for k in self.kids(i))

    def governor(self, i: int) -> int | None:
        """The nearest predicate above token i."""
        seen = {i}
        node = self.head[i]
        while node not in seen:
            if self.is_predicate(node):
                return node
            seen.add(node)
            node = self.head[node]
        return None

    def subjects(self, p: int) -> list[int]:
        subject = self.labels.subject | self.labels.passive_subject
        return [k for k in self.kids(p) if self.dep[k] in subject]

    def attach(self, i: int, p: int) -> None:
        """Hang phrase i on predicate p, with the function its case and place give it."""
        self.head[i] = p
        case = self.case(i)
        before = i < p
        if not self.subjects(p) and (case == "Nom" or (before and not self.marked_oblique(i))):
            self.dep[i] = self.names["subject"]
        elif case == "Dat":
            self.dep[i] = self.names["dative"]
        else:
            self.dep[i] = self.names["object"]

    def preposition(self, i: int) -> str:
        return next(
            (self.tokens[k].lemma.lower() for k in self.kids(i) if self.dep[k] in self.labels.case),
            "",
        )

    def passive(self, p: int) -> bool:
        return any(
            self.dep[k] in self.labels.passive_aux | self.labels.passive_subject
            for k in self.kids(p)
        )

    def agrees(self, i: int, finite: Token) -> bool:
        number, verb = self.tokens[i].feature("Number"), finite.feature("Number")
        return not number or not verb or number == verb
