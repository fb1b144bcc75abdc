"""Series of meetings: a numbered session of a body, and the announced next one linked to it."""

from __future__ import annotations

import datetime as dt

import newsevents
from newsevents import pipeline
from newsevents.store import EventFilter, Store
from newsevents.text.read import ReadOptions, make_article

GERMAN = (
    "BERLIN: Vertreter Deutschlands und Polens berieten am Montag auf der 5. Sitzung der "
    "Gemeinsamen Regierungskommission in Berlin über die Grenze. Die nächste Sitzung der "
    "Regierungskommission soll 2025 in Warschau stattfinden."
)
ENGLISH = (
    "WARSAW: Polish and German officials held talks in Warsaw on Tuesday at the third session "
    "of the Joint Intergovernmental Commission. The next session of the commission will be "
    "held in Berlin next year."
)


def _series(text: str, language: str) -> list[tuple[str, str, int | None]]:
    result = newsevents.extract(text, published="2024-05-06", language=language)
    return [(e.type, e.status, e.series_session) for e in result.events if e.series_body]


def test_a_numbered_session_and_the_next_one_in_german() -> None:
    assert _series(GERMAN, "de") == [("CONSULT", "occurred", 5), ("AGREE", "planned", 6)]


def test_a_numbered_session_and_the_next_one_in_english() -> None:
    assert _series(ENGLISH, "en") == [("CONSULT", "occurred", 3), ("AGREE", "planned", 4)]


def test_a_meeting_on_the_sidelines_of_a_session_is_not_that_session() -> None:
    text = (
        "NEW YORK: Am Rande der 78. Sitzung der Generalversammlung der Vereinten Nationen "
        "trafen sich die Außenminister Deutschlands und Polens."
    )
    assert _series(text, "de") == []


def test_the_store_links_the_sessions_of_a_body(fresh_store: Store) -> None:
    article = make_article(ENGLISH, "series.txt", ReadOptions(dt.date(2024, 5, 6), "en"))
    assert fresh_store.add(pipeline.run(article))
    planned = fresh_store.events(EventFilter(status="planned"))[0]
    sessions = fresh_store.event(planned["id"])["series"]
    assert [(s["session"], s["status"]) for s in sessions] == [(3, "occurred"), (4, "planned")]
    assert planned["id"] in {s["id"] for s in sessions}
