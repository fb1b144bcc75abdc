"""Explicit resources: `extract` does not depend on what the process did before, an ingest
split into runs gives the same events as one run, and a third language is a profile plus
lexicons."""

from __future__ import annotations

from pathlib import Path

from newsevents import extract
from newsevents.ingest import ingest
from newsevents.lang.profile import Lexicons
from newsevents.resources import Resources
from newsevents.store import Store
from newsevents.text.read import ReadOptions

# Our own sentences. The first names a person with a title (learned by the store); the later
# ones name him without one, so what they code depends on the store's learned persons.
ARTICLES = [
    "Der norwegische Außenminister Espen Barth Eide traf am Montag in Berlin Vertreter der "
    "Bundesregierung.",
    "Espen Barth Eide kritisierte am Dienstag die Regierung Ungarns scharf.",
    "Die Regierung Chiles und Argentiniens berieten am Mittwoch in Santiago über Handel.",
    "Espen Barth Eide und der schwedische Außenminister vereinbarten am Donnerstag in Oslo "
    "eine engere Zusammenarbeit.",
]
PUBLISHED = "2024-05-10"


def _summary(text: str) -> list[tuple[str, list[str], list[str], str | None]]:
    result = extract(text, language="de", published=PUBLISHED)
    codes = {a.id: a.code for a in result.actors}
    return [
        (e.type, [str(codes.get(a)) for a in e.actors], e.recipients, e.date and e.date.iso())
        for e in result.events
    ] + [(m.kind, [m.text], [str(m.actor_id)], m.country) for m in result.mentions]


def _write(folder: Path, texts: list[str]) -> list[str]:
    folder.mkdir()
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"{index:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _events(store: Store) -> list[tuple[str, str, list[str], list[str]]]:
    return [
        (
            str(row["id"]),
            str(row["type"]),
            sorted(str(a["id"]) for a in row["actors"]),
            sorted(str(a["id"]) for a in row["recipients"]),
        )
        for row in store.iter_events()
    ]


def test_extract_does_not_depend_on_earlier_ingests(tmp_path: Path) -> None:
    before = _summary(ARTICLES[1])
    with Store(tmp_path / "db.duckdb") as store:
        ingest(_write(tmp_path / "in", ARTICLES[:1]), store, ReadOptions(language="de"))
        assert any("Eide" in p["name"] for p in store.persons())
    assert _summary(ARTICLES[1]) == before


def test_one_run_and_split_runs_store_the_same_events(tmp_path: Path) -> None:
    paths = _write(tmp_path / "in", ARTICLES)
    options = ReadOptions(language="de")
    with Store(tmp_path / "one.duckdb") as one:
        ingest(paths, one, options, stories=False)
        in_one = _events(one)
    with Store(tmp_path / "two.duckdb") as two:
        ingest(paths[:1], two, options, stories=False)
        ingest(paths[1:], two, options, stories=False)
        in_two = _events(two)
    assert in_one == in_two
    # The second article was read with the person the first taught the store: Norway.
    learned = [e for e in in_one if "person:espen-barth-eide" in e[2]]
    assert learned, in_one


def test_a_third_language_is_a_profile_plus_lexicons(tmp_path: Path) -> None:
    (tmp_path / "lang").mkdir()
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lang" / "nl.yaml").write_text(
        """code: nl
role_strategy: first_party
sentences: {abbreviations: [dhr, mevr]}
dates:
  months: {januari: 1, februari: 2, maart: 3}
  weekdays: {maandag: 0, dinsdag: 1}
  relative: {gisteren: [day, -1]}
grammar:
  coordination: [en]
  location_prepositions: [in]
""",
        encoding="utf-8",
    )
    (tmp_path / "lexicons" / "events.nl.yaml").write_text(
        "CONSULT:\n  - pattern: 'overlegden|spraken'\n", encoding="utf-8"
    )
    bundled = Resources.bundled()
    resources = Resources(bundled.kb, Lexicons(extra=[tmp_path]), ner=None)
    assert resources.lexicons.has("nl") and not bundled.lexicons.has("nl")
    text = "Canada en Mexico overlegden op 3 maart in Ottawa. Dhr. Smit was er niet bij."
    result = extract(text, language="nl", published="2024-03-10", resources=resources)
    assert len(result.article.sentences) == 2  # "Dhr." is an abbreviation in this profile
    [event] = result.events
    assert event.type == "CONSULT"
    assert sorted(event.actors + event.recipients) == ["country:CAN", "country:MEX"]
    assert event.date is not None and event.date.iso() == "2024-03-03"
    # The bundled resources know no Dutch: the same text codes nothing there.
    assert extract(text, language="nl", published="2024-03-10").events == []
