"""Person rules of the German NER: names by their form and names after a trigger word.

``person_spans`` finds a known given name plus a surname-like word ("Stefan Pastel",
"Angela Merkels"), a rare given name before a word that can only be a surname ("Kimi Räikkönen")
and a given name standing alone; ``trigger_spans`` finds a name after a word for a person or an
organisation or a verb of saying ("Trainer Finke", "Label EMI", "sagte Güllner").
"""

from __future__ import annotations

import re

from newsevents.ner.lexicon import (
    _ARABIC_ARTICLE,
    _LEGAL_FORM,
    _NOT_GIVEN,
    _PARTICLES,
    _PERSON_NOUN_ENDINGS,
    _STOP,
    _THING_TOKEN,
    Entity,
    _capitalised,
    _common_noun,
    _given,
    _particles,
    _person_noun,
    _word_set,
    _Words,
    _words_of,
    common_nouns,
    given_names,
    noun_names,
    towns,
)

MAX_GIVEN = 3  # "Wilton Daniel Gregory": given names before the surname


def _lone_given_name(words: _Words, i: int) -> bool:
    """Whether given name i stands alone ("Thomas dachte ..."): no capitalised word right before
    or after it, and it is no common noun."""
    word = words.words[i]
    if word in common_nouns() or word in towns():
        return False
    if i + 1 < len(words) and words.joined(i) and words.words[i + 1][:1].isupper():
        return False
    return not (i > 0 and words.joined(i - 1) and words.words[i - 1][:1].isupper())


def _rare_given(words: _Words, i: int) -> bool:
    """A given name too rare for the main list ("Kimi", "Vitantonio") right before a word that
    can only be a surname: capitalised, and no common noun, town or given name itself."""
    word = words.words[i]
    if word not in given_names(min_frequency=1) or not _capitalised(word):
        return False
    if word in _STOP or word in _NOT_GIVEN or word in common_nouns() or word in towns():
        return False
    if not words.joined(i):
        return False
    after = words.words[i + 1]
    return (
        _capitalised(after)
        and not words.in_compound(i + 1)
        and after not in common_nouns()
        and after not in towns()
        and after not in given_names(min_frequency=1)
        and after not in _STOP
        and not _THING_TOKEN.match(after)
    )


def person_spans(text: str, names: frozenset[str] | None = None) -> list[Entity]:
    """Persons named by given name(s) plus a surname-like word."""
    names = given_names() if names is None else names
    words = _words_of(text)
    found: list[Entity] = []
    i = 0
    while i < len(words):
        word = words.words[i]
        if words.in_compound(i) or not (
            (_given(word, names) and _capitalised(word)) or _rare_given(words, i)
        ):
            i += 1
            continue
        j = i
        while j - i + 1 < MAX_GIVEN and words.joined(j) and words.words[j + 1] in names:
            j += 1
        # The surname: after optional particles, a capitalised word that names no thing.
        k = _particles(words, j)
        last = None
        if k + 1 < len(words) and words.joined(k):
            candidate = words.words[k + 1]
            if (_capitalised(candidate) or _ARABIC_ARTICLE.fullmatch(candidate)) and not (
                _THING_TOKEN.match(candidate)
            ):
                last = k + 1
        if last is None and j > i:
            last = j  # "Wilton Daniel Gregory": the last of several given names is the surname
        if last is None:
            if _lone_given_name(words, i):
                found.append((words.spans[i][0], words.spans[i][1], "PER"))
            i += 1
            continue
        while True:  # "Heinrich Gottlob von Miltitz": particles and a name after the surname
            k = _particles(words, last)
            if "zu" in words.words[last + 1 : k + 1]:
                break  # "Cantona zu United": a preposition after a name, not "zu Guttenberg"
            if k == last or not (words.joined(k) and _capitalised(words.words[k + 1])):
                break
            last = k + 1
        if last + 1 < len(words) and words.joined(last):
            after = words.words[last + 1]
            if _THING_TOKEN.match(after) or after in _LEGAL_FORM:
                i = last + 1  # "Max Planck Gesellschaft", "Hugo Boss AG": not a person
                continue
        if words.text[words.spans[last][1] : words.spans[last][1] + 1] == "-":
            i = last + 1  # "Hans Böckler-Stiftung"-like compounds
            continue
        found.append((words.spans[i][0], words.spans[last][1], "PER"))
        i = last + 1
    return found


_PERSON_TITLES = _word_set("Herr Herrn Frau Dr Dr. Prof Prof.")
# Forms of address after which a common noun is a surname ("Frau Green", "Herr Watts") unless
# it names a role ("Frau Abgeordnete", "Herr Berichterstatter").
_ADDRESS = _word_set("Herr Herrn Frau")
# An article or adjective before "Herr" makes it a noun: "erster Herr von Werthern" (a lord).
_DECLINED = re.compile(r"[a-zäöüß]+(?:er|e|en|es|em)")
_ADDRESS_ROLES = _word_set(
    """
    Berichterstatter Berichterstatterin Doktor Kommissar Kommissarin Amtskollege Amtskollegin
    Vorredner Vorrednerin Nachbar Nachbarin Sekretär Staatssekretär Staatssekretärin
    """
)
# Words for an organisation that are followed by its name: "Softwarehersteller Saperion",
# "Label EMI", "Nachrichtenagentur Reuters" (as word endings too).
_ORG_NOUN_ENDINGS = tuple(
    _word_set(
        """
    konzern unternehmen firma hersteller anbieter autobauer versicherer discounter händler
    airline fluggesellschaft label agentur sender zeitung zeitschrift magazin verein klub club
    partei gewerkschaft verband bank gruppe dienst betreiber provider netzbetreiber mobilfunker
    mobilfunkbetreiber rivale konkurrent riese tochter mutter zulieferer institut holding kette
    mannschaft team rennstall band
    """
    )
)


# Verbs of saying before their subject: "sagte Güllner", "erklärte Pofalla".
_SAYS = _word_set(
    """
    sagte sagt sagten erklärte erklärt betonte betont meinte meint kritisierte warnte warnt
    forderte fordert ergänzte berichtete bestätigte schreibt schrieb fügte räumte versicherte
    kündigte glaubt glaubte hofft hoffte weiß wusste unterstrich ließ lobte bedauerte so
    """
)


def trigger_spans(text: str, names: frozenset[str]) -> list[Entity]:
    """Names after a word for a person or an organisation: 'Trainer Finke', 'Label EMI'.

    The name is one capitalised word that is no common noun, or a given name plus such a word;
    it must end the phrase (punctuation, a lower-case word or the end follow).
    """
    words = _words_of(text)
    found: list[Entity] = []
    for i in range(len(words) - 1):
        if not words.joined(i) or words.in_compound(i + 1):
            continue
        trigger = words.words[i]
        label = (
            "PER"
            if trigger in _SAYS
            or trigger in _PERSON_TITLES
            or (trigger[:1].isupper() and trigger.lower().endswith(_PERSON_NOUN_ENDINGS))
            else "ORG"
            if trigger[:1].isupper() and trigger.lower().endswith(_ORG_NOUN_ENDINGS)
            else None
        )
        if label is None:
            continue
        last = i + 1
        if label == "PER" and words.words[last] in names and words.joined(last):
            last += 1  # "Sprecherin Brigitte Weigl"
        elif (
            trigger in _ADDRESS
            and words.words[last] in _PARTICLES
            and not (i > 0 and words.joined(i - 1) and _DECLINED.fullmatch(words.words[i - 1]))
        ):
            k = _particles(words, last)  # "Frau von Blottnitz", "Herr van der Waal"
            if words.joined(k) and _capitalised(words.words[k + 1]):
                last = k + 1
        name = words.words[last]
        if not (name[:1].isupper() and len(name) > 1) or name in _STOP or name in _NOT_GIVEN:
            continue
        if label == "ORG" and name in names:
            continue
        if label == "PER" and _person_noun(name) and name not in noun_names():
            continue  # "Frau Abgeordnete", "Herr Bundeskanzler": a role, not "Frau Richter"
        if _common_noun(name, names) and not (
            trigger in _ADDRESS and not _person_noun(name) and name not in _ADDRESS_ROLES
        ):
            continue
        if last + 1 < len(words) and words.joined(last) and words.words[last + 1][:1].isupper():
            continue  # more capitalised words follow: what the name is, we cannot tell
        if label == "PER":
            k = _particles(words, last)  # "Frau Bloch von Blottnitz"
            if k > last and words.joined(k) and _capitalised(words.words[k + 1]):
                last = k + 1
        found.append((words.spans[i + 1][0], words.spans[last][1], label))
    return found
