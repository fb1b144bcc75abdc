"""Word lists and token helpers shared by the German NER rules (``newsevents/ner_rules.py``).

The word lists and their loading (given names, common nouns, towns, nouns that are also names,
the listed organisations as one pattern; towns and organisations are in ``newsevents/data/names/``,
the others in the separately licensed ``newsevents_data`` package, ``packages/newsevents-data``,
CC BY-SA 4.0 / GFDL), the closed word sets the person and organisation rules share (particles,
function words, legal forms, words for a role), and the words of a text with their offsets
(``_Words``).
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

from newsevents.datafiles import data_path

try:  # the share-alike and FDL word lists: a separately licensed distribution, newsevents-data
    from newsevents_data import NAMES_DIR as _LICENSED_NAMES_DIR
except ModuleNotFoundError as error:  # pragma: no cover - an incomplete installation
    raise ModuleNotFoundError(
        "newsevents needs its separately licensed word lists (CC BY-SA 4.0 / GFDL): "
        "pip install ./packages/newsevents-data  (or `make install`)",
        name="newsevents_data",
    ) from error

Entity = tuple[int, int, str]  # (start, end, label): character offsets, end exclusive

NAMES_FILE = _LICENSED_NAMES_DIR / "given_names.tsv"  # GFDL 1.2+: packages/newsevents-data
NOUNS_FILE = _LICENSED_NAMES_DIR / "common_nouns.txt.gz"  # CC BY-SA 4.0: the same
PLACES_FILE = data_path("names", "places_de.txt")
NOUN_NAMES_FILE = _LICENSED_NAMES_DIR / "noun_names.txt"  # CC BY-SA 4.0: the same
ORGANIZATIONS_FILE = data_path("names", "organizations_de.txt")
MIN_NAME_FREQUENCY = 4  # of the dictionary's 1-13 scale, in any country: drops rare spellings


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
# Legal forms after a company's name: they end an organisation, never a person ("Hugo Boss AG").
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


def _given(word: str, names: frozenset[str]) -> bool:
    """A given name, also a hyphenated pair of them ("Carl-Ludwig", "Hans-Peter")."""
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(part in names and _capitalised(part) for part in parts)


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


# Capitalised function words that start a sentence or phrase and are never part of a name.
_STOP = _word_set(
    """
    Der Die Das Des Dem Den Ein Eine Einer Eines Einem Einen Und Oder Aber In Im Am An Auf Aus
    Bei Mit Nach Von Vom Zu Zum Zur Für Über Unter Vor Hinter Neben Zwischen Durch Gegen Ohne
    Um Wie Wenn Als Auch Doch So Sie Er Es Wir Ihr Ich Man Dieser Diese Dieses Jener Jede Jeder
    Unser Unsere Unserer Mein Meine Dein Deine Sein Seine Ihre Euer Eure
    """
)


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
