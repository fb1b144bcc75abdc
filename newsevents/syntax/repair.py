"""Repairs of a small parser's clause-level arcs by morphology and word order.

A small parser gets the arcs inside a phrase right (article, adjective, preposition) far more
often than which phrase a verb takes with which function. Where its tree is inconsistent, the
phrases are hung on their verb again, and their function is read from case, agreement and
position (the place before the finite verb holds one phrase, and a subject is taken there
first, as readers do with unmarked case):

1. a separable particle hung on a noun, or a "preposition" governing a verb ("wirft X vor zu
   ..."), goes to the verb before it;
2. a second root (a phrase the parser left unattached) goes to the main predicate, and a
   finite verb after a comma hung on the name after it (", warnt Rupert Wolff") heads a clause
   beside it with that name as subject; a verbless phrase after a dash hung on a verb before
   it is a headline beside the clause ("... vor – Auch Kritik der Grünen");
3. a finite verb read as a modifier ("Ungarn lehnte Gespräche ... ab") becomes the root;
4. a phrase hung on an auxiliary goes to its verb; one glued to a time word ("am Montag
   Litauen") or to a noun without a comma ("den Rebellen Zugeständnisse"), or a bare noun
   taken for a genitive ("der Mann Berufung einlegen"), is an argument of its own; a genitive
   glued so ("Treffen Spaniens") is the noun's attribute; a name right after a title noun is
   its apposition where word order or labels say so ("Der Außenminister Musalia Mudavadi"),
   and so is a name after a noun with a preposition ("von ihrem Komplizen Uwe Böhnhardt");
   nominal phrases side by side before a main clause's finite verb are one phrase;
5. "werden" over an infinitive is the future, over a participle the passive (by the verb's
   form, which the small tagger often misreads); a passive's "von"-phrase hung on
   another phrase is its agent; a subject whose determiner shows another case is an object;
   of two subjects the one before the finite verb stays; a finite active clause without a
   subject takes one from its case-unmarked phrases, unless it is coordinated and opens with
   its finite verb;
6. a subject after the finite verb gives way to a bare phrase before it ("Nordkorea drohte
   Südkorea").

Which labels to write is data (``repair`` in the profile's ``clauses``); a profile without it
gets no repairs (spaCy's English parser needs none).
"""

from __future__ import annotations

from newsevents.lang.clauses import ClauseLabels
from newsevents.records import Token
from newsevents.syntax.arcs import NOMINAL, PREDICATE
from newsevents.syntax.roles import RoleRepairs

BREAKS = frozenset({"–", "—", ";"})  # between two headlines of one line ("X – Y")
PERFECT_AUX = frozenset({"haben", "sein"})
CLAUSE_END = frozenset({",", ";", ":", "–", "—", "."})  # where a clause's participle stands


class _Repair(RoleRepairs):
    """The repairs, in the order `repair` runs them."""

    # 1.
    def particles(self) -> None:
        """A particle hung on a noun, or a "preposition" governing a verb ("wirft Schelling
        vor zu unterstellen": no preposition takes a verb), is the particle of the verb before."""
        for t in self.tokens:
            head = self.tokens[self.head[t.i]]
            particle = self.dep[t.i] in self.labels.particle and head.pos not in PREDICATE | {"AUX"}
            stray = self.dep[t.i] in self.labels.case and head.pos in PREDICATE and t.pos == "ADP"
            if particle or stray:
                verbs = [v.i for v in self.tokens[: t.i] if v.pos in PREDICATE]
                if verbs:
                    self.head[t.i], self.dep[t.i] = verbs[-1], self.names["particle"]

    # 2. and 3.
    def roots(self) -> None:
        roots = [t.i for t in self.tokens if self.is_root(t.i) and t.pos != "PUNCT"]
        main = next((r for r in roots if self.is_predicate(r)), None)
        if main is None:
            main = self.promote(roots[0] if roots else None)
        if main is None:
            return
        for r in roots:
            if r != main and self.tokens[r].pos in NOMINAL:
                self.attach(r, main)
        self.inserted(main)
        self.broken_off(main)
        for t in self.tokens:
            if self.is_root(t.i) and t.i != main and t.pos == "PUNCT":
                self.head[t.i] = main

    def broken_off(self, main: int) -> None:
        """ "werfen dem Minister Zynismus vor – Auch scharfe Kritik der Grünen": a phrase after
        a dash or semicolon, with no verb up to the next break, is a headline of its own beside
        the main clause, not an argument of a verb before the break."""
        breaks = [t.i for t in self.tokens if t.text in BREAKS]
        for b in breaks:
            end = next((e for e in breaks if e > b), len(self.tokens))
            segment = range(b + 1, end)
            if any(self.is_predicate(i) or self.tokens[i].pos == "AUX" for i in segment):
                continue
            for i in segment:
                if self.head[i] < b and self.tokens[i].pos in NOMINAL and self.head[i] != i:
                    self.head[i], self.dep[i] = main, self.names["parataxis"]

    def inserted(self, main: int) -> None:
        """ ", warnt Rupert Wolff": a finite verb after a comma that the parser hung as a
        modifier heads a clause of its own beside the main one, the name after it its subject."""
        clausal = (
            self.labels.complement
            | self.labels.adverbial
            | self.labels.relative
            | self.labels.conj
            | self.labels.parataxis
        )
        for t in self.tokens[1:-1]:
            if not self.is_predicate(t.i) or t.feature("VerbForm") != "Fin" or t.i == main:
                continue
            if self.dep[t.i] in clausal or self.tokens[t.i - 1].pos != "PUNCT":
                continue
            following = self.tokens[t.i + 1]
            name = following.i if following.pos in NOMINAL else self.head[following.i]
            if following.pos not in NOMINAL and (following.pos != "DET" or name < t.i):
                continue
            self.head[t.i], self.dep[t.i] = main, self.names["parataxis"]
            if self.tokens[name].pos in NOMINAL and name != main:
                self.head[name], self.dep[name] = t.i, self.names["subject"]

    def promote(self, root: int | None) -> int | None:
        """A finite verb hung as a modifier becomes the root; phrases across it follow."""
        verb = next(
            (
                t.i
                for t in self.tokens
                if self.is_predicate(t.i)
                and t.feature("VerbForm") == "Fin"
                and not self.is_root(t.i)
            ),
            None,
        )
        if verb is None or root is None:
            return None
        self.head[verb], self.dep[verb] = verb, "ROOT"
        for t in self.tokens:
            if t.i in (verb, root) or self.head[t.i] != root:
                continue
            across = (t.i < verb) != (root < verb)
            negation = t.tag == "PTKNEG" or t.text.lower() in self.labels.negation_words
            if across or negation or self.dep[t.i] in self.labels.particle:
                self.head[t.i] = verb
        self.attach(root, verb)
        for k in self.kids(verb):
            nominal = self.tokens[k].pos in NOMINAL
            if k < verb and nominal and self.dep[k] not in self.labels.subject:
                self.attach(k, verb)
        return verb

    # 4.
    def glued(self) -> None:
        for t in self.tokens:
            h = self.head[t.i]
            head = self.tokens[h]
            if h == t.i or t.pos not in NOMINAL - {"PRON"} or head.pos not in NOMINAL:
                continue
            comma = any(self.tokens[k].pos == "PUNCT" for k in range(min(t.i, h) + 1, max(t.i, h)))
            dep = self.dep[t.i]
            compound = dep == "compound" and t.i < h and head.pos == "PROPN"
            # "den Präsidenten Brasiliens" with the noun read as the name's adjective.
            adjective = dep == "amod" and t.pos == "NOUN" and t.i == h - 1 and head.pos in NOMINAL
            if adjective and (self.case(h) == "Gen" or head.text.endswith("s")):
                self.head_of_genitive(t.i, h)
                continue
            if adjective and self.det_case(h) == "Dat" and not self.has_case(h):
                self.two_phrases(t.i, h)  # "werfen dem Minister Untätigkeit vor"
                continue
            if self.not_genitive(t.i) and not comma:
                # "forderte Johannis den Premier ... auf": "den" is no genitive article.
                p = self.governor(t.i)
                if p is not None:
                    self.attach(t.i, p)
                continue
            if self.bare_genitive(t.i) and not comma:
                # "der Mann Berufung einlegen": a common noun with neither article nor
                # adjective cannot be a genitive attribute; it is the verb's.
                p = self.governor(t.i)
                if p is not None:
                    self.attach(t.i, p)
                continue
            if comma or not (dep in self.labels.apposition or compound):
                continue
            if compound and self.case(h) == "Gen":
                # "die Vorwürfe Ägyptens": the noun heads, the name is its genitive.
                self.head[t.i] = t.i if self.is_root(h) else self.head[h]
                self.dep[t.i] = self.dep[h]
                self.head[h], self.dep[h] = t.i, self.names["genitive"]
                if self.dep[t.i] in self.labels.oblique and not self.has_case(t.i):
                    self.dep[t.i] = self.names["object"]
            elif self.case(t.i) == "Gen" and t.i > h:
                self.dep[t.i] = self.names["genitive"]  # "das Treffen Spaniens und Portugals"
            elif head.lemma.lower() in self.labels.time_words or (
                t.pos == "NOUN" and head.pos == "NOUN" and not compound
            ):
                p = self.governor(t.i)
                if p is not None:
                    self.attach(t.i, p)

    def head_of_genitive(self, i: int, h: int) -> None:
        """Noun i heads the phrase that its genitive h headed, with h's determiner; a phrase
        so hung on a time word ("am Montag den Präsidenten Brasiliens") is the verb's."""
        self.head[i], self.dep[i] = self.head[h], self.dep[h]
        if self.is_root(h):
            self.head[i] = i
        for k in self.kids(h):
            if k < i and self.tokens[k].pos in {"DET", "ADJ"}:
                self.head[k] = i
        self.head[h], self.dep[h] = i, self.names["genitive"]
        governor = self.tokens[self.head[i]]
        if self.head[i] != i and governor.lemma.lower() in self.labels.time_words | MONTHS_DAYS:
            p = self.governor(i)
            if p is not None:
                self.attach(i, p)

    def two_phrases(self, i: int, h: int) -> None:
        """Noun i, read as an adjective of noun h, heads a phrase of its own with h's dative
        determiner; h is another phrase of the same verb (a dative noun and an accusative
        noun side by side)."""
        p = self.governor(h)
        if p is None:
            return
        for k in self.kids(h):
            if k < i and self.tokens[k].pos in {"DET", "ADJ"}:
                self.head[k] = i
        self.head[i], self.dep[i] = p, self.names["dative"]
        self.head[h], self.dep[h] = p, self.names["object"]

    def not_genitive(self, i: int) -> bool:
        """A noun hung as a genitive attribute whose article cannot be a genitive one ("den",
        "dem", "einem", "seinen": -en and -em forms) and which has no preposition."""
        if self.dep[i] not in self.labels.genitive or self.has_case(i) or i < self.head[i]:
            return False
        articles = [
            self.tokens[k].text.lower() for k in self.kids(i) if self.tokens[k].pos == "DET"
        ]
        return bool(articles) and all(
            a.endswith(("en", "em")) and a not in GENITIVE_FORMS for a in articles
        )

    def bare_genitive(self, i: int) -> bool:
        t = self.tokens[i]
        glue = self.labels.genitive | self.labels.apposition
        if t.pos != "NOUN" or self.dep[i] not in glue or i < self.head[i]:
            return False
        if self.dep[i] in self.labels.name_parts and self.tokens[self.head[i]].pos == "PROPN":
            return False  # "Sebastian Kurz", "Uwe Böhnhardt": a surname the tagger took for a noun
        marked = {"DET", "ADJ", "NUM", "ADP"}
        return not any(self.tokens[k].pos in marked for k in self.kids(i))

    def demoted(self) -> None:
        """A noun heading an auxiliary and a verb below it was a verb to the parser ("es habe
        ... Angriffe ... gegeben", tagged back to a noun by `morphology.py`): the verb takes
        its place, the noun's clause words (auxiliary, subject, phrases, subordinator) go to
        the verb, and the noun is the verb's object."""
        for t in self.tokens:
            if t.pos not in NOMINAL:
                continue
            kids = self.kids(t.i)
            auxes = [k for k in kids if self.dep[k] in self.labels.aux]
            verbs = [k for k in kids if self.is_predicate(k) and k > t.i]
            if not auxes or not verbs:
                continue
            verb = verbs[0]
            self.head[verb], self.dep[verb] = self.head[t.i], self.dep[t.i]
            if self.is_root(t.i):
                self.head[verb] = verb
            clause = self.labels.aux | self.labels.subject | self.labels.oblique | self.labels.mark
            for k in kids:
                if k != verb and (self.dep[k] in clause or self.tokens[k].pos == "PUNCT"):
                    self.head[k] = verb
            self.head[t.i], self.dep[t.i] = verb, self.names["object"]

    def perfect(self) -> None:
        """ "haben türkische Sicherheitskräfte ... 23 Rebellen getötet": a finite "haben" or
        "sein" heading a clause with no verb of its own, and a participle at the end of that
        clause hung lower down, form the perfect: the participle heads the clause, the
        auxiliary and the clause's phrases hang on it."""
        for t in self.tokens:
            if t.lemma.lower() not in PERFECT_AUX or t.pos not in {"AUX", "VERB"}:
                continue
            if self.dep[t.i] in self.labels.aux or t.feature("VerbForm") != "Fin":
                continue
            kids = self.kids(t.i)
            verbs = [k for k in kids if self.is_predicate(k) and self.tokens[k].tag != "VVPP"]
            if verbs or any(self.dep[k] in self.labels.copula for k in kids):
                continue
            end = next(
                (b.i for b in self.tokens[t.i + 1 :] if b.text in CLAUSE_END), len(self.tokens)
            )
            participle = next(
                (
                    p
                    for p in range(end - 1, t.i, -1)
                    if self.tokens[p].tag == "VVPP" and self._below(p, t.i)
                ),
                None,
            )
            if participle is None or any(
                self.dep[k] in self.labels.aux for k in self.kids(participle)
            ):
                continue
            # The finite verb's subject is the clause's; one the parser gave the participle
            # as well is its object ("haben die Streitkräfte ... Flugzeuge ... entsandt").
            if self.subjects(t.i):
                for k in self.subjects(participle):
                    self.dep[k] = self.names["object"]
            self.head[participle], self.dep[participle] = self.head[t.i], self.dep[t.i]
            if self.is_root(t.i):
                self.head[participle] = participle
            for k in kids:
                if k != participle:
                    self.head[k] = participle
            self.head[t.i], self.dep[t.i] = participle, self.names["auxiliary"]

    def _below(self, i: int, top: int) -> bool:
        """Whether token i lies in the subtree of token top."""
        seen = {i}
        node = self.head[i]
        while node not in seen:
            if node == top:
                return True
            seen.add(node)
            node = self.head[node]
        return False

    def auxiliaries(self) -> None:
        """A phrase hung on an auxiliary belongs to the verb the auxiliary serves."""
        for t in self.tokens:
            h = self.head[t.i]
            if h == t.i or t.pos not in NOMINAL or self.dep[h] not in self.labels.aux:
                continue
            if not self.is_root(h) and self.is_predicate(self.head[h]):
                self.attach(t.i, self.head[h])

    def numerals(self) -> None:
        """A number read as a phrase of its own before its noun ("Zwei mutmaßliche Täter
        sitzen", the number the subject and the noun an object) is the noun's count: the noun
        takes the number's function."""
        for t in self.tokens:
            p = self.head[t.i]
            if t.pos != "NUM" or p == t.i or not self.is_predicate(p):
                continue
            if self.dep[t.i] not in self.labels.subject | self.labels.object:
                continue
            k = t.i + 1
            while k < len(self.tokens) and self.tokens[k].pos == "ADJ":
                k += 1
            if k >= len(self.tokens) or self.tokens[k].pos not in NOMINAL or self.head[k] != p:
                continue
            self.dep[k] = self.dep[t.i]
            self.head[t.i], self.dep[t.i] = k, "nummod"
            for a in range(t.i + 1, k):
                self.head[a] = k

    def titles(self) -> None:
        """ "Der Außenminister Musalia Mudavadi empfing": a name right after a common noun is
        the noun's apposition when the two stand before the finite verb (that place holds one
        phrase), when the parser was unsure of the name ("dep"), when both would be objects, or
        when the noun has a preposition ("von ihrem Komplizen Uwe Böhnhardt")."""
        for t in self.tokens[1:]:
            noun = self.tokens[t.i - 1]
            p = self.head[t.i]
            if t.pos != "PROPN" or noun.pos != "NOUN" or not self.is_predicate(p):
                continue
            if self.has_case(noun.i) and self.dep[t.i] not in self.labels.apposition:
                # "von ihrem Komplizen Uwe Böhnhardt": a bare name cannot follow a
                # prepositional phrase as an argument of its own; it names the noun.
                self.head[t.i], self.dep[t.i] = noun.i, self.names["apposition"]
                continue
            if self.head[noun.i] != p or self.dep[t.i] in self.labels.apposition:
                continue
            finite = self.finite(p)
            front = finite is not None and t.i < finite.i and self.is_root(p)
            objects = self.dep[t.i] in self.labels.object and self.dep[noun.i] in self.labels.object
            if front or objects or self.dep[t.i] == "dep":
                self.head[t.i], self.dep[t.i] = noun.i, self.names["apposition"]

    def prefield(self) -> None:
        """In a main clause the place before the finite verb holds one phrase: nominal phrases
        hung there side by side ("UNO-Generalsekretär Ban Ki Moon hat ...", read as an object
        and a subject) are one, headed by the first, the others its appositions; it is the
        subject when any part was."""
        for p in [t.i for t in self.tokens if self.is_predicate(t.i)]:
            finite = self.finite(p)
            main = self.is_root(p) or self.dep[p] in self.labels.parataxis
            if finite is None or not main or finite.i <= 1:
                continue
            front = [
                k
                for k in self.kids(p)
                if k < finite.i and self.tokens[k].pos in NOMINAL and not self.has_case(k)
            ]
            if len(front) < 2 or any(
                self.tokens[i].pos in {"PUNCT", "CCONJ", "ADP", "VERB", "AUX", "SCONJ"}
                for i in range(front[0], finite.i)
            ):
                continue
            subject = any(self.dep[k] in self.labels.subject for k in front)
            for k in front[1:]:
                self.head[k], self.dep[k] = front[0], self.names["apposition"]
            if subject:
                self.dep[front[0]] = self.names["subject"]

    # 5. and 6.
    def future(self) -> None:
        """ "werden" is the passive over a participle and the future over an infinitive, whatever
        the small tagger read: "wird ... stattfinden" is the future (VVFIN there), "sei ...
        empfangen worden" the passive ("worden" is always one). A form equal to its lemma is
        the infinitive unless it could be a participle too ("empfangen", "vertreten"): then
        the parser's label stands."""
        for p in range(len(self.tokens)):
            werden = [
                k
                for k in self.kids(p)
                if self.dep[k] in self.labels.aux and self.tokens[k].lemma.lower() in FUTURE
            ]
            if not werden:
                continue
            form = _verb_form(self.tokens[p])
            for k in werden:
                participle = self.tokens[k].feature("VerbForm") == "Part"
                if participle or (form == "Part" and self.dep[k] not in self.labels.copula):
                    self.dep[k] = PASSIVE  # "worden", "wird ... verhaftet"
                elif form == "Inf" and self.dep[k] in self.labels.passive_aux:
                    self.dep[k] = self.names["auxiliary"]
            if form == "Inf":
                for k in self.kids(p):
                    if self.dep[k] in self.labels.passive_subject:
                        self.dep[k] = self.names["subject"]

    def agents(self) -> None:
        """A passive's "von"-phrase hung on another prepositional phrase of the clause
        ("während ihres Untergrundlebens von ihrem Komplizen ... geschlagen"), at any depth, is
        its agent; not one hung on a noun it is the attribute of ("nach Angaben von Zeugen")."""
        for p in [t.i for t in self.tokens if self.is_predicate(t.i) and self.passive(t.i)]:
            phrases = [k for k in self.kids(p) if self.has_case(k)]
            if any(self.preposition(k) in self.labels.agent_prepositions for k in phrases):
                continue
            found = [n for k in phrases for n in self.inner_phrases(k)]
            found = [n for n in found if self.preposition(n) in self.labels.agent_prepositions]
            if found:
                self.head[found[0]], self.dep[found[0]] = p, self.names["oblique"]

    def inner_phrases(self, k: int) -> list[int]:
        """The prepositional phrases under phrase k, nearest first, not below a clause; none
        hung on a noun whose "von" is its attribute ("nach Angaben von Zeugen")."""
        found = []
        own = self.tokens[k].lemma.lower() in self.labels.attribute_nouns
        for n in self.kids(k):
            if self.has_case(n) and not self.is_predicate(n):
                if not own:
                    found.append(n)
                found.extend(self.inner_phrases(n))
        return found

    def clause_subjects(self) -> None:
        for p in [t.i for t in self.tokens if self.is_predicate(t.i)]:
            finite = self.finite(p)
            for k in self.subjects(p):
                if self.tokens[k].pos in {"ADV", "ADJ"} or self.tokens[k].tag in ADVERB_TAGS:
                    self.dep[k] = "advmod"  # "Erneut kritisierte er ...": no subject
            self.nominal_modifiers(p)
            if finite is not None and self.passive(p) and not self.subjects(p):
                self.passive_subject(p, finite)
            self.perfect_not_passive(p)
            if not self.passive(p) and not self.subjects(p):
                self.two_objects(p)
            if finite is None and self.bare_main_verb(p):
                self.lone_object(p, self.tokens[p])  # "..., kritisieren die Anwälte" (VVINF)
            if finite is None or finite.feature("Mood") == "Imp" or self.passive(p):
                continue
            for k in self.subjects(p):
                if self.det_case(k) in {"Acc", "Dat"} or self.marked_oblique(k):
                    # "habe ein separates Treffen gehabt"; "werfen dem Minister ... vor"
                    dative = self.det_case(k) == "Dat"
                    self.dep[k] = self.names["dative" if dative else "object"]
            if self.gapped(p, finite):
                continue  # "... und habe ...": the subject is the first conjunct's
            free = [
                k
                for k in self.kids(p)
                if self.tokens[k].pos in NOMINAL
                and (
                    self.dep[k] in self.labels.object | self.labels.dative
                    or (k < finite.i and self.dep[k] in self.labels.mark)  # a phrase misread
                )
                and not self.has_case(k)
                and self.case(k) != "Gen"
                and self.tokens[k].lemma.lower() not in self.labels.time_words
            ]
            subjects = self.subjects(p)
            if len(subjects) > 1:
                # Two subjects, not coordinated: the one nearest the finite verb's front keeps
                # it, the other is an object ("Schmid wirft Schelling vor").
                keep = min(subjects, key=lambda k: (k > finite.i, abs(k - finite.i)))
                for k in subjects:
                    if k != keep:
                        self.dep[k] = self.names["dative" if self.case(k) == "Dat" else "object"]
                subjects = [keep]
            if not subjects:
                self.missing_subject(finite, free)
                if not self.subjects(p) and self.finite_verb_is_full(p, finite):
                    self.lone_object(p, finite)
            elif self.dep[p] not in self.labels.conj:
                self.front_subject(p, finite, subjects, free)
                self.middle_order(p, finite)
            if self.subjects(p):
                self.dative_first(p)

    def nominal_modifiers(self, p: int) -> None:
        """A name or noun without a preposition read as an adverb ("Zschäpe ist ... geschlagen
        worden") is a phrase of the clause: an object, to be taken as the subject below where
        the clause has none (a passive's, by case and agreement)."""
        for k in self.kids(p):
            token = self.tokens[k]
            nominal = token.pos in {"NOUN", "PROPN"} and token.tag not in ADVERB_TAGS
            bare = not self.has_case(k) and token.lemma.lower() not in self.labels.time_words
            if self.dep[k] in self.labels.modifier and nominal and bare:
                self.dep[k] = self.names["object"]

    def finite_verb_is_full(self, p: int, finite: Token) -> bool:
        """The predicate is itself the finite verb (no auxiliary, not a "zu"-infinitive)."""
        return finite.i == p

    def bare_main_verb(self, p: int) -> bool:
        """A main-clause verb without auxiliary, "zu" or subject that the tagger took for an
        infinitive: in a main clause it is the finite verb (plural present = infinitive)."""
        main = self.is_root(p) or self.dep[p] in self.labels.parataxis
        kids = self.kids(p)
        helpers = self.labels.aux | self.labels.mark | self.labels.subject
        return main and not self.subjects(p) and not any(self.dep[k] in helpers for k in kids)

    def missing_subject(self, finite: Token, free: list[int]) -> None:
        nominative = [k for k in free if self.case(k) == "Nom" and self.agrees(k, finite)]
        front = [k for k in free if k < finite.i and not self.marked_oblique(k)]
        ranked = nominative or front
        chosen = ranked[0] if ranked else None
        lone = len(free) == 1 and self.agrees(free[0], finite)
        if chosen is None and lone and not self.marked_oblique(free[0]):
            chosen = free[0] if self.det_case(free[0]) in {"", "Nom"} else None
        if chosen is None:
            # "Im Rahmen der Aufrüstung haben die Streitkräfte zwei Flugzeuge ... entsandt":
            # of several phrases after the finite verb (a main clause's: a subordinate one
            # ends with it), the first that agrees with it is the subject (the usual order)
            after = [
                k
                for k in free
                if k > finite.i and not self.marked_oblique(k) and self.agrees(k, finite)
            ]
            chosen = after[0] if len(after) > 1 else None
        if chosen is not None:
            self.dep[chosen] = self.names["subject"]

    def front_subject(self, p: int, finite: Token, subjects: list[int], free: list[int]) -> None:
        """A bare name after the finite verb labelled subject, a bare phrase before it not."""
        main = self.is_root(p) or self.dep[p] in self.labels.parataxis
        front = [k for k in free if k < finite.i and not self.marked_oblique(k)]
        later = [s for s in subjects if s > finite.i and not self.determiner(s)]
        if main and len(front) == 1 and later:
            self.dep[front[0]] = self.names["subject"]
            for s in later:
                self.dep[s] = self.names["dative" if self.case(s) == "Dat" else "object"]


FUTURE = frozenset({"werden"})
GENITIVE_FORMS = frozenset({"deren", "dessen"})  # relative articles in -en that are genitives
# STTS adverb tags: "Gestern wurde ..." is no subject, whatever part of speech the model gave it.
ADVERB_TAGS = frozenset({"ADV", "PAV", "PROAV", "ADJD"})
PASSIVE = "aux:pass"
MONTHS_DAYS = frozenset(
    {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"}
)  # the weekday names (time_words holds the other time nouns)
# Prefixes after which a verb takes no "ge-" in its participle: "empfangen" is both forms.
INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "hinter", "wider")


def _verb_form(token: Token) -> str:
    """ "Inf" or "Part" for a verb under "werden", from its form rather than its tag; "" when
    the form could be either. Under "werden" a verb is never finite: a form other than its
    lemma is the participle ("verhaftet", "abgeschossen")."""
    text, lemma = token.text.lower(), token.lemma.lower()
    if text != lemma:
        return "Part" if token.feature("VerbForm") != "Inf" or token.tag == "VVPP" else "Inf"
    if lemma.startswith(INSEPARABLE):
        return ""  # "empfangen", "vertreten": infinitive and participle alike
    return "Inf"


def repair(tokens: list[Token], labels: ClauseLabels) -> list[Token]:
    """The tokens of one sentence with their clause-level arcs repaired (copies; the input is
    left as it is). Nothing changes without ``repair`` labels in the profile."""
    if not labels.repair:
        return tokens
    fixed = _Repair(tokens, labels)
    fixed.particles()
    fixed.demoted()
    fixed.perfect()
    fixed.roots()
    fixed.auxiliaries()
    fixed.glued()
    fixed.numerals()
    fixed.titles()
    fixed.prefield()
    fixed.future()
    fixed.agents()
    fixed.clause_subjects()
    return fixed.result()
