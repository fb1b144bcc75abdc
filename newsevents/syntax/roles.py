"""Repairs of the functions of a clause's phrases where the small parser's labels contradict
German word order or morphology (used by `repair.py`, step 5): a subjectless passive's
phrase, an active perfect read as a passive, two accusatives, and the subject-first reading
of case-ambiguous phrases after the finite verb."""

from __future__ import annotations

from newsevents.records import Token
from newsevents.syntax.arcs import NOMINAL, Arcs

PASSIVE_SUBJECT = "nsubj:pass"
AMBIGUOUS_PRONOUNS = frozenset({"sie", "es"})  # nominative or accusative alike
NOM_ACC_ARTICLES = frozenset({"die", "das", "eine", "ein"})  # either case by form


class RoleRepairs(Arcs):
    """Subject and object repairs by case, agreement and order."""

    def middle_order(self, p: int, finite: Token) -> None:
        """After the finite verb, of two phrases whose case does not show ("kritisierte sie
        Russland"), the first is the subject, as readers take it; the parser's choice of the
        second is undone. Only a case-ambiguous pronoun (sie, es) or a bare name is moved."""
        subjects = self.subjects(p)
        if len(subjects) != 1 or subjects[0] < finite.i or self.dep[subjects[0]] != "nsubj":
            return
        subject = subjects[0]
        earlier = [
            k
            for k in self.kids(p)
            if finite.i < k < subject
            and self.dep[k] in self.labels.object
            and (
                self.tokens[k].text.lower() in AMBIGUOUS_PRONOUNS
                or (self.tokens[k].pos == "PROPN" and not self.determiner(k))
            )
            and self.agrees(k, finite)
        ]
        if earlier and self.det_case(subject) in {"", "Nom", "Acc"}:
            self.dep[earlier[0]] = self.names["subject"]
            self.dep[subject] = self.names["object"]

    def lone_object(self, p: int, finite: Token) -> None:
        """A finite active clause whose one phrase is an "object" with an article of either
        case that fits the verb's number: its subject ("..., kritisieren die Rechtsanwälte")."""
        objects = [
            k
            for k in self.kids(p)
            if self.dep[k] in self.labels.object
            and self.tokens[k].pos in NOMINAL
            and not self.has_case(k)
        ]
        if len(objects) != 1:
            return
        article = [self.tokens[k].text.lower() for k in self.kids(objects[0])]
        # "die" is singular or plural; "das", "ein", "eine" are singular (the noun's own
        # number is the tagger's guess).
        plural_verb = finite.feature("Number") == "Plur"
        if "die" in article or (any(a in NOM_ACC_ARTICLES for a in article) and not plural_verb):
            self.dep[objects[0]] = self.names["subject"]

    def two_objects(self, p: int) -> None:
        """An active clause with two accusative objects and no subject ("schoss die syrische
        Armee eine Drohne ab"): a verb takes one accusative, so the first, unless its
        determiner shows another case, is the subject."""
        objects = [k for k in self.kids(p) if self.dep[k] in self.labels.object]
        bare = [
            k
            for k in objects
            if self.tokens[k].pos in NOMINAL
            and not self.has_case(k)
            and self.tokens[k].text.lower() not in self.labels.reflexives  # "will sich X ..."
        ]
        if len(bare) < 2:
            return
        article = [self.tokens[k].text.lower() for k in self.kids(bare[0])]
        ambiguous = any(a in NOM_ACC_ARTICLES for a in article)  # the tagger's case is a guess
        if ambiguous or self.det_case(bare[0]) in {"", "Nom"}:
            self.dep[bare[0]] = self.names["subject"]

    def dative_first(self, p: int) -> None:
        """Two accusative objects of an active clause with a subject ("wirft Ärztekammer
        Blockadehaltung vor"): a verb takes one accusative, and of two nouns the dative comes
        first, so the first is the dative unless its determiner shows the accusative."""
        objects = [k for k in self.kids(p) if self.dep[k] in self.labels.object]
        bare = [k for k in objects if self.tokens[k].pos in NOMINAL and not self.has_case(k)]
        if len(bare) == 2 and self.det_case(bare[0]) != "Acc" and self.det_case(bare[1]) != "Dat":
            self.dep[bare[0]] = self.names["dative"]

    def perfect_not_passive(self, p: int) -> None:
        """A "passive subject" in a clause whose only auxiliary is "haben" is the subject of
        an active perfect ("hatte sich das Ministerium ... ausgesprochen")."""
        auxes = [k for k in self.kids(p) if self.dep[k] in self.labels.aux]
        lemmas = {self.tokens[k].lemma.lower() for k in auxes}
        if (
            not auxes
            or lemmas - {"haben"}
            or any(self.dep[k] in self.labels.passive_aux for k in auxes)
        ):
            return
        for k in self.kids(p):
            if self.dep[k] in self.labels.passive_subject:
                self.dep[k] = self.names["subject"]

    def passive_subject(self, p: int, finite: Token) -> None:
        """A passive without a subject: its one phrase without a preposition that agrees with
        the finite verb and whose determiner shows no other case is its subject (a bare noun's
        case is the parser's guess) ("waren ... mindestens 20
        Menschen getötet worden", the phrase read as an oblique)."""
        free = [
            k
            for k in self.kids(p)
            if self.tokens[k].pos in NOMINAL
            and self.dep[k] in self.labels.object | self.labels.dative | self.labels.oblique
            and not self.has_case(k)
            and (self.case(k) in {"", "Nom"} or not self.determiner(k))
            and self.det_case(k) in {"", "Nom"}
            and not self.marked_oblique(k)
            and self.agrees(k, finite)
            and self.tokens[k].lemma.lower() not in self.labels.time_words
        ]
        if len(free) == 1:
            self.dep[free[0]] = PASSIVE_SUBJECT
