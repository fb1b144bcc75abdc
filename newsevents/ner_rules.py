"""Rules that correct and extend a statistical German NER model's entities.

The model is small and trained on little news text: it misses many names that are plain to see
from their form, and takes some capitalised common nouns for names. ``refine`` fixes both:

* common nouns out: a one-word model entity that is a German common noun ("Pullover") is
  dropped, and a person's leading or trailing nouns are cut ("Psychologe Baldwin" -> "Baldwin");
* persons: a known given name plus a surname-like word ("Stefan Pastel", "Fritz Rudolf Körper",
  "Angela Merkels", "Carl-Ludwig Thiele"; a rare given name only before a word that can be
  nothing but a surname: "Kimi Räikkönen"), a given name standing alone ("Thomas dachte ..."),
  a name after a word for a person or a verb of saying ("Trainer Finke", "sagte Güllner"),
  after "Herr"/"Frau" even where it is also a noun ("Frau Green", "Frau von Blottnitz"), and
  the name in a model entity led by a word for a role ("Ölminister Ali al-Nuaimi");
* places: German, Austrian and Swiss towns ("Burghausen"), hyphenated places ("Berlin-Mitte"),
  streets ("Knoopstraße", "Gubener Straße 12") and spa towns ("Bad Schussenried");
* organisations: sports clubs ("FC Chelsea London", "Mainz 05", "Manchester United"), companies
  by legal form ("Läpple AG"), names after a word for an organisation ("Label EMI"),
  upper-case abbreviations standing alone ("ADAC"; not units, currencies or formulas),
  well-known companies, media and sports bodies from a hand-written list ("Airbus",
  "Deutschen Bank", "Handelsblatts") and parties by their short names ("die Grünen").

A rule's entity never replaces a longer model entity that covers it (the model's context wins),
and adds nothing inside a hyphenated compound ("EU-Kommission" names no place). The word lists
live in ``newsevents/data/names/`` (built by ``scripts/build_names.py``); a missing list turns
its rules off.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.records import Mention

Entity = tuple[int, int, str]  # (start, end, label): character offsets, end exclusive

NAMES_FILE = Path(__file__).resolve().parent / "data" / "names" / "given_names.tsv"
NOUNS_FILE = NAMES_FILE.with_name("common_nouns.txt.gz")
PLACES_FILE = NAMES_FILE.with_name("places_de.txt")
NOUN_NAMES_FILE = NAMES_FILE.with_name("noun_names.txt")
ORGANIZATIONS_FILE = NAMES_FILE.with_name("organizations_de.txt")
NOUN_FILTER_LABELS = frozenset({"PER", "ORG", "LOC"})
MIN_NAME_FREQUENCY = 4  # of the dictionary's 1-13 scale, in any country: drops rare spellings
MAX_GIVEN = 3  # "Wilton Daniel Gregory": given names before the surname


def _word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of a string, as a set."""
    return frozenset(words.split())


# Words: letters and digits, with inner hyphens, apostrophes and dots ("Carl-Ludwig", "O'Neill").
_WORD = re.compile(r"\w(?:[\w'’]|[-.](?=\w))*", re.UNICODE)
_UPPER = re.compile(r"[A-ZÄÖÜ]")
# Particles inside a person's name: "Ursula von der Leyen", "Ali al-Nuaimi", "Vincent van Gogh".
_PARTICLES = {"von", "van", "de", "da", "di", "du", "del", "della", "dos", "zu", "ten", "ter"}
_ARTICLES_AFTER = {"von": {"der", "dem", "den"}, "van": {"der", "den", "de"}}  # "van der Bellen"
_ARABIC_ARTICLE = re.compile(r"(?:al|el|as|ad|ar|ash|at|az|bin|ibn|ben|abu)-[A-ZÄÖÜ]\w+")
# Given names (in some country) that are far more often German or English words: function words,
# nouns, months; a name before a capitalised word must not be one of these ("In Deutschland").
_NOT_GIVEN = _word_set(
    """
    Ab Ad Allen Alter An Anders Ans Anti April Armen August Bad Bar Bei Berg Bin Blume Christ
    Christus Co Da Dank Dato Davor De Dom Dorf Drin Du Duo Eben Ehre Engel Ernst Fee Fest File
    Fort Frau Frieden Gang Gene Glück Go Gold Gott Grau Hat Helle Herbst Herr Hof Hoffnung Holm
    Im In Islam Ja Je Jesus Jet Juli Juni Jung Kader Kaiser Kamen König Kurz Lang Lasse Licht
    Linde Los Las Mai Man Mark Marine Mars März Me Mio Mir Mond Morgen Mount My Na Nato Neu New
    Nur Ost Papst Paris Per Port Prinz Rein Reine Rio Rose San Sankt Santa Saint Sao See Sei Seit
    Solange Sommer Sonne Stein Stern Sturm Sun Tag Tal Tat The To Tor Treue Un Uno Van Vater
    Venus Wald Weiß Wen West Will Wind Winter Wolf You Young So Si Mercedes Dr Prof
    """
)
# Heads that make "Robert Koch-Institut", "Max Planck Gesellschaft" an organisation or place.
_NAMED_THING = re.compile(
    r"(?:Institut|Instituts|Stiftung|Gesellschaft|Gymnasium|Schule|Realschule|Universität|"
    r"Hochschule|Akademie|Preis|Preises|Straße|Strasse|Platz|Allee|Weg|Haus|Hauses|Halle|"
    r"Stadion|Arena|Park|Center|Zentrum|Klinik|Klinikum|Krankenhaus|Museum|Kirche|Brücke|"
    r"Bahnhof|Flughafen|Airport|Foundation|University|College|School|Street|Square|"
    r"Award|Trophy|Cup|Pokal|Gedächtnis|Ring|Kaserne|Werk|Werke|Verlag|Bank|Group|Team|"
    r"Show|Band|Orchester|Ensemble|Chor|Festival|Tour|Award)"
)
_THING_TOKEN = re.compile(rf"(?:.*-)?{_NAMED_THING.pattern}s?$")
# Places: streets and squares written as one word or with a capitalised adjective before.
_STREET_WORD = re.compile(r"[A-ZÄÖÜ][\w-]*(?:straße|strasse|gasse|allee|chaussee)")
# Common nouns ending like a street: "Bundesstraße", "Einkaufsstraße".
_NOT_STREET = re.compile(
    r"(?:Bundes|Land|Staats|Kreis|Gemeinde|Neben|Seiten|Haupt|Einkaufs|Durchgangs|Umgehungs|"
    r"Zufahrts|Ausfall|Verbindungs|Wasser|Schnell|Küsten|Wohn|Geschäfts|Dorf|Ring|Pracht|"
    r"Fußgänger|Spiel|Sack|Quer|Straßen|Baum|Kastanien|Linden|Pappel|Seiden|Weinstraße|Bahn)"
    r"(?:straße|strasse|gasse|allee|chaussee)"
)
_STREET_HEAD = {"Straße", "Strasse", "Allee", "Platz", "Weg", "Ring", "Gasse", "Damm", "Ufer"}
# Organisations: sports clubs by their prefix and companies by their legal form.
_CLUB_PREFIX = {
    "FC", "SV", "VfB", "VfL", "TSV", "SC", "SK", "TuS", "SpVgg", "MSV", "KSV", "FSV", "BSC",
    "Bayer", "AS", "AC", "SSC", "RB", "Borussia", "Eintracht", "Fortuna", "Hertha", "Alemannia",
    "Arminia", "Rot-Weiss", "Rot-Weiß", "Olympique", "Juventus", "Sporting", "Dynamo",
    "Lokomotive", "Panathinaikos", "Olympiakos", "Galatasaray", "Fenerbahce", "Besiktas",
}  # fmt: skip
# Last words of English-style club, paper and company names: "Manchester United", "Chicago
# Bulls", "New York Times", "Jet Airways".
_ORG_SUFFIX = _word_set(
    """
    United City Rovers Athletic Wanderers Hotspur Bulls Lakers Celtics Knicks Giants Times Post
    Journal Herald Tribune Airlines Airways Motors Holdings Investment Capital Partners Systems
    Technologies Electronics Pharmaceuticals Records Pictures Studios Entertainment Networks
    Analytics Solutions Consulting Telecom
    """
)
_ABBREVIATED_FORM = {"Inc", "Ltd", "Corp", "Co", "e.V"}  # written with a final dot
_LEGAL_FORM = {"AG", "GmbH", "SE", "KG", "KGaA", "Inc", "Ltd", "Corp", "Co", "Holding", "e.V"}


@functools.cache
def given_names(path: Path = NAMES_FILE, min_frequency: int = MIN_NAME_FREQUENCY) -> frozenset[str]:
    """Given names at least `min_frequency` common somewhere; empty if the file is missing."""
    if not path.exists():
        return frozenset()
    names = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            name, anywhere, _german = line.rstrip("\n").split("\t")
            if int(anywhere) >= min_frequency and len(name) > 1:
                names.add(name)
    return frozenset(names - _NOT_GIVEN)


@functools.cache
def common_nouns(path: Path = NOUNS_FILE) -> frozenset[str]:
    """Inflected forms of German common nouns ("Pullover", "Aufsteigers"); empty if missing."""
    if not path.exists():
        return frozenset()
    return frozenset(gzip.decompress(path.read_bytes()).decode("utf-8").split())


# Nouns that are also the usual short names of parties and papers: the model's label stands.
_ALSO_NAMES = frozenset({"Grüne", "Grünen", "Linke", "Linken", "Union", "Spiegel", "Stern", "Welt"})


@functools.cache
def _lines(path: Path) -> frozenset[str]:
    """The non-comment lines of a word list; empty if the file is missing."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def towns() -> frozenset[str]:
    """Names of German, Austrian and Swiss towns ("Borkum", "Burghausen")."""
    return _lines(PLACES_FILE)


def noun_names() -> frozenset[str]:
    """Common-noun forms that are also names ("Polen", "Keller", "Wolf")."""
    return _lines(NOUN_NAMES_FILE)


def _common_noun(word: str, names: frozenset[str]) -> bool:
    """A German common noun that is not also a given name ("Pullover", not "Frank")."""
    return (
        word in common_nouns()
        and word not in names
        and word not in _ALSO_NAMES
        and word not in noun_names()
    )


def drop_common_nouns(text: str, entities: Iterable[Entity], names: frozenset[str]) -> list[Entity]:
    """Model entities less the common nouns the model took for names.

    German capitalises every noun, and a small model tags some ("Pullover", "Aufsteiger"): a
    one-word entity that is a common noun is dropped; a person's leading or trailing common
    nouns are cut off ("Psychologe Baldwin" -> "Baldwin", "Holroyds Stimme" -> "Holroyds"). Not
    a place's: "Republik Irland" is one name.
    """
    kept: list[Entity] = []
    for start, end, label in entities:
        if label not in NOUN_FILTER_LABELS:
            kept.append((start, end, label))
            continue
        spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
        if label == "PER":
            cut = False
            while len(spans) > 1 and _noun_word(text[spans[0][0] : spans[0][1]], names):
                spans.pop(0)  # a title or role before the name: "Psychologe Baldwin"
                cut = True
            while cut and len(spans) > 1 and text[spans[0][0]].islower():
                spans.pop(0)  # "Pille zu Robinho" -> "Robinho"
        if label == "PER":
            while (
                len(spans) > 1
                and _common_noun(text[spans[-1][0] : spans[-1][1]], names)
                and text[spans[-2][0] : spans[-2][1]] not in names  # "Reinhard Keller"
            ):
                spans.pop()
            if len(spans) == 1 and _common_noun(text[spans[0][0] : spans[0][1]], names):
                spans = []
        elif len(spans) == 1 and _common_noun(text[start:end], names):
            spans = []
        elif len(spans) > 1 and _person_noun(text[spans[0][0] : spans[0][1]]):
            # "CSU-Fraktionsvorsitzender Christian Schlegl", "Ölminister Ali al-Nuaimi" taken
            # whole for an organisation or a thing: the role noun goes, the name is a person.
            rest = [text[s:e] for s, e in spans[1:]]
            if _capitalised(rest[0]) and all(
                _capitalised(w) or w in _PARTICLES or _ARABIC_ARTICLE.fullmatch(w) for w in rest
            ):
                spans.pop(0)
                label = "PER"
        if spans:
            kept.append((spans[0][0], spans[-1][1], label))
    return kept


def _person_noun(word: str) -> bool:
    """A word for a person's role, also as a compound ("Trainer", "CSU-Fraktionsvorsitzender")."""
    return word[:1].isupper() and word.lower().endswith(_PERSON_NOUN_ENDINGS)


def _noun_word(word: str, names: frozenset[str]) -> bool:
    """A common noun, or a hyphenated compound of common nouns ("Börse-Vorstand")."""
    parts = word.split("-")
    return (
        all(_common_noun(part, names) for part in parts if part)
        if len(parts) > 1
        else (_common_noun(word, names))
    )


def _capitalised(word: str) -> bool:
    """Starts with an upper-case letter and has a lower-case one: 'Merkel', not 'SPD' or 'A'."""
    return word[:1].isupper() and any(ch.islower() for ch in word[1:])


class _Words:
    """The words of a text with their offsets, and what separates them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.words = [text[s:e] for s, e in self.spans]

    def __len__(self) -> int:
        return len(self.words)

    def joined(self, i: int) -> bool:
        """Whether word i and word i+1 are separated by plain spaces only (same phrase)."""
        if i + 1 >= len(self.spans):
            return False
        gap = self.text[self.spans[i][1] : self.spans[i + 1][0]]
        return gap != "" and gap.strip(" ") == ""

    def in_compound(self, i: int) -> bool:
        """Whether word i is glued to a neighbour by a hyphen or slash ('EU-' + 'Kommission')."""
        start, end = self.spans[i]
        before = self.text[start - 1 : start]
        after = self.text[end : end + 1]
        return before in {"-", "/"} or after in {"-", "/"}


@functools.lru_cache(maxsize=16)
def _words_of(text: str) -> _Words:
    """The words of a text, shared by the rules that run over the same sentence."""
    return _Words(text)


def _particles(words: _Words, i: int) -> int:
    """The index of the last name particle after word i ("von der"), or i if none follows."""
    k = i
    while k + 1 < len(words) and words.joined(k):
        following = words.words[k + 1]
        if following in _PARTICLES or following in _ARTICLES_AFTER.get(words.words[k], ()):
            k += 1
        else:
            break
    return k


def _lone_given_name(words: _Words, i: int) -> bool:
    """Whether given name i stands alone ("Thomas dachte ..."): no capitalised word right before
    or after it, and it is no common noun."""
    word = words.words[i]
    if word in common_nouns() or word in towns():
        return False
    if i + 1 < len(words) and words.joined(i) and words.words[i + 1][:1].isupper():
        return False
    return not (i > 0 and words.joined(i - 1) and words.words[i - 1][:1].isupper())


def _given(word: str, names: frozenset[str]) -> bool:
    """A given name, also a hyphenated pair of them ("Carl-Ludwig", "Hans-Peter")."""
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(part in names and _capitalised(part) for part in parts)


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


# Words for a person that are followed by the person's name: "Trainer Finke", "Vorstandschef
# Rummenigge", "Sprecherin Brigitte Weigl" (as a word ending: "Bundestrainer", "Ex-Minister").
_PERSON_NOUN_ENDINGS = tuple(
    _word_set(
        """
    chef chefin trainer trainerin sprecher sprecherin minister ministerin präsident präsidentin
    direktor direktorin leiter leiterin vorsitzende vorsitzender kanzler kanzlerin manager
    managerin kollege kollegin stürmer torhüter keeper spieler spielerin autor autorin sänger
    sängerin regisseur regisseurin schauspieler schauspielerin meister meisterin abgeordnete
    abgeordneter politiker politikerin experte expertin anwalt anwältin richter richterin
    pfarrer professor professorin kommissar kommissarin gründer gründerin inhaber inhaberin
    führer führerin geschäftsführer geschäftsführerin sekretär sekretärin berater beraterin
    coach kandidat kandidatin fahrer fahrerin pilot pilotin künstler künstlerin musiker
    musikerin bischof kardinal papst prinz prinzessin könig königin forscher forscherin
    wissenschaftler wissenschaftlerin psychologe psychologin ökonom ökonomin analyst analystin
    chefredakteur journalist journalistin ehemann ehefrau sohn tochter vater mutter bruder
    schwester witwe kapitän kapitänin verteidiger mittelfeldspieler angreifer weltmeister
    weltmeisterin olympiasieger olympiasiegerin
    """
    )
)
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


# Towns named like a function word or a direction: "Alle", "Weil", "Norden".
_NOT_TOWN = _word_set("Alle Weil Waren Mitte Norden Osten Süden Westen Sinn Zug Kirchdorf")


# Abbreviations that name no organisation: units, currencies, identifiers, media, techniques.
_NOT_ORG_ABBREVIATION = _word_set(
    """
    ISBN ISSN PMID DOI PLZ TV PC CD DVD SMS MMS GPS DNA DNS RNA HIV AIDS KB MB GB TB PS KW KM
    KG CM MM UKW MW LW EUR USD CHF GBP JPY CNY RUB DM MP3 PDF HTML URL IP LED LCD USB WLAN GSM
    UMTS LTE HD OK KO PR IT AI KI CEO CFO CTO PhD MBA BA MA BSc MSc GmbH AG SE KGaA OHG NATO
    BIP BSP MWST MWSt ABS ESP SUV PKW LKW ICE IC EC RE RB ZOB ÖPNV WC NS SS SA FKK VIP DJ MC
    AM PM FM OT GP WM EM ECU
    """
)
_ROMAN = re.compile(r"[IVXLC]+")
_ABBREVIATION = re.compile(r"[A-ZÄÖÜ]{2,4}")  # no digits: "CO2", "H2O" are formulas


def abbreviation_spans(text: str) -> list[Entity]:
    """Upper-case abbreviations standing alone: mostly organisations ("ADAC", "WWF", "RTL")."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            _ABBREVIATION.fullmatch(word)
            and not _ROMAN.fullmatch(word)
            and word not in _NOT_ORG_ABBREVIATION
            and not words.in_compound(i)
        ):
            found.append((words.spans[i][0], words.spans[i][1], "ORG"))
    return found


def town_spans(text: str, names: frozenset[str]) -> list[Entity]:
    """German, Austrian and Swiss towns named by a word that is no common noun or given name."""
    words = _words_of(text)
    places = towns()
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            word in places
            and _capitalised(word)
            and word not in names
            and word not in _STOP
            and word not in _NOT_GIVEN
            and word not in common_nouns()
            and word not in _NOT_TOWN
            and not words.in_compound(i)
        ):
            found.append((words.spans[i][0], words.spans[i][1], "LOC"))
    return found


_DISTRICT = _word_set("Mitte Nord Süd Ost West Nordost Nordwest Südost Südwest Land Stadt")


def _joined_place(word: str) -> bool:
    """A hyphenated place name led by a town: 'Berlin-Mitte', 'Schleswig-Holstein', not
    'Berlin-Besuch' (a common noun at the end makes a compound about the place)."""
    parts = word.split("-")
    return (
        len(parts) >= 2
        and all(_capitalised(part) for part in parts)
        and parts[0] in towns()
        and (parts[-1] in _DISTRICT or parts[-1] not in common_nouns())
    )


def _house_number_end(words: _Words, i: int) -> int:
    """Where street word i ends, with the house number after it ("Neuendorfer Straße 90c")."""
    if words.joined(i) and re.fullmatch(r"\d{1,4}[a-z]?", words.words[i + 1]):
        return words.spans[i + 1][1]
    return words.spans[i][1]


def place_spans(text: str) -> list[Entity]:
    """Streets, squares, spa towns and hyphenated places."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        start, end = words.spans[i]
        if _joined_place(word) and not words.in_compound(i):
            found.append((start, end, "LOC"))
        elif (
            _STREET_WORD.fullmatch(word)
            and not _NOT_STREET.fullmatch(word)
            and not words.in_compound(i)
        ):
            found.append((start, _house_number_end(words, i), "LOC"))
        elif (
            word in _STREET_HEAD
            and i > 0
            and words.joined(i - 1)
            and re.fullmatch(r"[A-ZÄÖÜ]\w+er", words.words[i - 1])
        ):
            found.append((words.spans[i - 1][0], _house_number_end(words, i), "LOC"))
        elif word == "Bad" and words.joined(i) and _capitalised(words.words[i + 1]):
            found.append((start, words.spans[i + 1][1], "LOC"))
    return found


def organisation_spans(text: str) -> list[Entity]:
    """Sports clubs and companies named with their legal form."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if word in _ORG_SUFFIX and i > 0 and words.joined(i - 1):
            first = i
            # One or two name words before: "Chicago Bulls", "New York Times"; not "Die".
            while first > 0 and i - first < 2 and words.joined(first - 1):
                before = words.words[first - 1]
                if not _capitalised(before) or before in _STOP:
                    break
                if first < i and before in common_nouns():
                    break  # the name's own word may be a noun ("Jet Airways"), not one before it
                first -= 1
            if first < i:
                found.append((words.spans[first][0], words.spans[i][1], "ORG"))
            continue
        if (
            re.fullmatch(r"\d\d", word)
            and i > 0
            and words.joined(i - 1)
            and words.words[i - 1] in towns()
        ):
            found.append((words.spans[i - 1][0], words.spans[i][1], "ORG"))  # "Mainz 05"
            continue
        if word in _CLUB_PREFIX and words.joined(i):
            last = i
            while (
                last + 1 < len(words)
                and last - i < 3
                and words.joined(last)
                and (_capitalised(words.words[last + 1]) or words.words[last + 1].isdigit())
            ):
                last += 1
            if last > i:
                start = words.spans[i][0]
                number = re.search(r"\b\d\.\s$", text[max(0, start - 4) : start])
                if number:  # "1. FC Nürnberg"
                    start -= len(number.group())
                found.append((start, words.spans[last][1], "ORG"))
        elif word in _LEGAL_FORM and i > 0 and words.joined(i - 1):
            # One name word before the form: more would swallow "Unternehmen" in "das
            # Unternehmen Läpple AG" (German capitalises every noun).
            first = i - 1
            name = words.words[first]
            if not (_capitalised(name) or name.isupper()) or name in _STOP or name in _LEGAL_FORM:
                continue
            end = words.spans[i][1]
            if word in _ABBREVIATED_FORM and text[end : end + 1] == ".":
                end += 1
            found.append((words.spans[first][0], end, "ORG"))
    return found


# Particles inside foreign names that are no German preposition ("von Airbus" is one).
_FOREIGN_PARTICLES = _PARTICLES - {"von", "zu"}
_INFLECTED_ADJECTIVE = re.compile(r"[A-ZÄÖÜ]\w*e")  # "Deutsche" -> "Deutschen"


def _inflections(name: str) -> set[str]:
    """A listed name and its German inflected forms: the genitive -s of the last word
    ("Handelsblatts"), and the weak -n of adjectives before it ("Deutschen Bank", "Passauer
    Neuen Presse") or standing alone as the name ("Süddeutschen")."""
    words = name.split(" ")
    forms = {name}
    last = words[-1]
    alone = last.endswith(("sche", "ine"))  # an adjective standing as the name: "Süddeutsche"
    if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", last) and last[-1] not in "sxzß":
        forms.add(" ".join([*words[:-1], last + "s"]))
    adjectives = [
        word + "n"
        if _INFLECTED_ADJECTIVE.fullmatch(word) and (i < len(words) - 1 or alone)
        else word
        for i, word in enumerate(words)
    ]
    forms.add(" ".join(adjectives))
    return forms


@functools.cache
def _organisation_pattern(path: Path = ORGANIZATIONS_FILE) -> re.Pattern[str] | None:
    """One regular expression matching every listed organisation in any of its forms (longest
    first, so "Deutsche Bank" wins over "Deutsche"); None if the list is missing or empty."""
    forms: set[str] = set()
    for name in _lines(path):
        forms |= _inflections(name.strip())
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    # Not inside a word or a compound: "Airbus-Chef", "ZDF-Morgenmagazin" are no listed name.
    return re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])")


def listed_organisation_spans(text: str, names: frozenset[str]) -> list[Entity]:
    """Well-known organisations from ``organizations_de.txt`` standing as a name of their own.

    A name right after a given name ("Henry Ford") or before another capitalised word or a
    model number ("Airbus A380", "VW Golf") is left to the other rules and the model; a legal
    form after it joins the name ("Deutsche Bank AG").
    """
    pattern = _organisation_pattern()
    if pattern is None:
        return []
    rare = given_names(min_frequency=1)
    found: list[Entity] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        before = re.search(r"(\S+) +$", text[max(0, start - 40) : start])
        previous = before.group(1) if before else ""
        if (
            # any given name, however rare: "Hans-Stephan Bosch", "Harrison Ford"
            ((_given(previous, names) or _given(previous, rare)) and _capitalised(previous))
            or previous in _FOREIGN_PARTICLES  # "Front de Libération": a longer name
        ):
            continue
        after = re.match(r" +([^\s]+)", text[end:])
        if after:
            following = after.group(1)
            if following in _LEGAL_FORM:
                end += after.end()
            elif following[:1].isupper() or following[:1].isdigit():
                continue
        found.append((start, end, "ORG"))
    return found


# Parties by their short names: "die Grünen", "der Linken". Not "die Union": in news it is the
# CDU/CSU, in European debates the EU, which named-entity annotation leaves unmarked.
_PARTY_WORDS = _word_set("Grünen Linke Linken")
_PARTY_ARTICLES = _word_set("die der den Die Der Den")


def party_spans(text: str) -> list[Entity]:
    """Parties named by a nominalised adjective right after an article: "die Grünen enthielten
    sich", "mit der Linken"; not before another capitalised word ("die Linke Hand")."""
    words = _words_of(text)
    found: list[Entity] = []
    for i, word in enumerate(words.words):
        if (
            word in _PARTY_WORDS
            and i > 0
            and words.joined(i - 1)
            and words.words[i - 1] in _PARTY_ARTICLES
            and not words.in_compound(i)
            and not (words.joined(i) and words.words[i + 1][:1].isupper())
        ):
            found.append((words.spans[i][0], words.spans[i][1], "ORG"))
    return found


# Capitalised function words that start a sentence or phrase and are never part of a name.
_STOP = _word_set(
    """
    Der Die Das Des Dem Den Ein Eine Einer Eines Einem Einen Und Oder Aber In Im Am An Auf Aus
    Bei Mit Nach Von Vom Zu Zum Zur Für Über Unter Vor Hinter Neben Zwischen Durch Gegen Ohne
    Um Wie Wenn Als Auch Doch So Sie Er Es Wir Ihr Ich Man Dieser Diese Dieses Jener Jede Jeder
    Unser Unsere Unserer Mein Meine Dein Deine Sein Seine Ihre Euer Eure
    """
)


def refine(
    text: str, entities: Iterable[Entity], names: frozenset[str] | None = None
) -> list[Entity]:
    """The model's entities with the rules' entities merged in, in text order.

    A rule entity is dropped where a model entity covers it or overlaps it without being
    covered; it replaces the model entities it strictly covers (a model "Pfister" inside the
    rule's "Manfred Pfister") and, for persons, widens an overlapping model person.
    """
    names = given_names() if names is None else names
    merged = sorted(set(drop_common_nouns(text, entities, names)))
    # Rules whose label beats the model's on the same span: a given name plus surname, a club.
    persons = person_spans(text, names)
    # A person led by a rare given name ("Red Wings") yields to the model's label.
    weak = [p for p in persons if not _given(text[p[0] : p[1]].split(" ")[0], names)]
    strong = set(
        [p for p in persons if p not in weak]
        + organisation_spans(text)
        + listed_organisation_spans(text, names)
    )
    rules = (
        sorted(strong)
        + weak
        + place_spans(text)
        + trigger_spans(text, names)
        + town_spans(text, names)
        + abbreviation_spans(text)
        + party_spans(text)
    )
    for start, end, label in sorted(rules):
        inside = [e for e in merged if start <= e[0] and e[1] <= end]
        crossing = [e for e in merged if e[0] < end and start < e[1] and e not in inside]
        if crossing:
            if label == "PER" and all(e[2] == "PER" for e in crossing) and not inside:
                # A model person that starts or ends inside the name: take both together.
                lo = min([start] + [e[0] for e in crossing])
                hi = max([end] + [e[1] for e in crossing])
                merged = [e for e in merged if e not in crossing] + [(lo, hi, "PER")]
            continue
        if any(e == (start, end, label) for e in inside):
            continue
        if any((e[0], e[1]) == (start, end) for e in inside) and (start, end, label) not in strong:
            continue  # the model labelled this very span otherwise: trust its context
        merged = [e for e in merged if e not in inside] + [(start, end, label)]
    return sorted(merged)


# Mentions a longer NER name may contain: "Leverkusen" in "Bayer Leverkusen", "New York" in
# "New York Times", "Berlin" in "Berlin-Charlottenburg", "Deutschen" in "Deutschen Bank".
_CONTAINABLE_KINDS = frozenset({"place", "country", "region"})


def covers_places(start: int, end: int, mentions: Iterable[Mention]) -> bool:
    """Whether the span [start, end) strictly contains every named mention it overlaps, and
    those are all places, countries or regions: a longer name built on a place name."""
    overlapping = [
        m
        for m in mentions
        if m.start < end and start < m.end and (m.label or m.kind in _CONTAINABLE_KINDS)
    ]
    return (
        bool(overlapping)
        and all(
            m.kind in _CONTAINABLE_KINDS
            # A capitalised adjective is part of the name ("Deutschen Bank", "Russische Bahn");
            # a lower-case one only describes it.
            and (m.role != "adjective" or m.text[:1].isupper())
            and start <= m.start
            and m.end <= end
            and (m.start, m.end) != (start, end)
            for m in overlapping
        )
    )
