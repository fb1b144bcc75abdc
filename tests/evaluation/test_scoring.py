"""Scoring on small hand-made gold records: perfect, empty and partial predictions per task."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluation import GoldFileInvalid, format_report, load_gold, pearson, score
from newsevents.evaluation.metrics import PRF, greedy_match

PRF_KEYS = {"p", "r", "f1", "tp", "fp", "fn"}
ACCURACY_KEYS = {"accuracy", "correct", "n"}


def prf(p: float, r: float, f1: float, tp: int, fp: int, fn: int) -> dict[str, Any]:
    """The expected shape of one P/R/F1 figure."""
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def acc(accuracy: float, correct: int, n: int) -> dict[str, Any]:
    """The expected shape of one accuracy figure."""
    return {"accuracy": accuracy, "correct": correct, "n": n}


# --- metrics -------------------------------------------------------------------------------------


def test_prf_counts_and_undefined_values() -> None:
    assert PRF(tp=2, fp=2, fn=1).as_dict() == prf(0.5, 0.6667, 0.5714, 2, 2, 1)
    assert PRF().as_dict() == prf(0.0, 0.0, 0.0, 0, 0, 0)
    assert PRF.from_counts(1, gold=3, predicted=2).as_dict() == prf(0.5, 0.3333, 0.4, 1, 1, 2)


def test_pearson() -> None:
    assert pearson([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) == pytest.approx(1.0)
    assert pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert pearson([1.0, 2.0, 4.0], [1.0, 3.0, 2.0]) == pytest.approx(
        statistics.correlation([1.0, 2.0, 4.0], [1.0, 3.0, 2.0])
    )
    assert pearson([0.5], [1.0]) is None  # one point
    assert pearson([0.5, 0.5], [1.0, 4.0]) is None  # no variance
    with pytest.raises(ValueError):
        pearson([1.0], [1.0, 2.0])


def test_greedy_match_prefers_and_respects_used() -> None:
    def same_letter(g: str, p: str) -> bool:
        return g[0] == p[0]

    def identical(g: str, p: str) -> bool:
        return g == p

    assert greedy_match(["a1"], ["a2", "a1"], same_letter, prefer=identical) == [(0, 1)]
    assert greedy_match(["a1", "a2"], ["a9"], same_letter) == [(0, 0)]
    assert greedy_match(["a1"], ["a9", "a1"], same_letter, used={0, 1}) == []


# --- ner -----------------------------------------------------------------------------------------


def span(text: str, surface: str, label: str) -> dict[str, Any]:
    """An entity object for the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "label": label, "text": surface}


T1 = "Angela Merkel besucht Paris ."
T2 = "Die UNO tagt in New York ."
T3 = "Der Eurovision Song Contest beginnt ."
NER_GOLD: list[dict[str, Any]] = [
    {
        "id": "n1",
        "task": "ner",
        "language": "de",
        "text": T1,
        "domain": "news",
        "entities": [span(T1, "Angela Merkel", "PER"), span(T1, "Paris", "LOC")],
    },
    {
        "id": "n2",
        "task": "ner",
        "language": "de",
        "text": T2,
        "domain": "wikipedia",
        "entities": [span(T2, "UNO", "ORG"), span(T2, "New York", "LOC")],
    },
    {
        "id": "n3",
        "task": "ner",
        "language": "de",
        "text": T3,
        "domain": "news",
        "entities": [span(T3, "Eurovision Song Contest", "MISC")],
    },
]


def test_ner_perfect() -> None:
    result = score("ner", NER_GOLD, {r["id"]: {"entities": r["entities"]} for r in NER_GOLD})
    assert set(result) == {"task", "PER+ORG+LOC", "PER", "ORG", "LOC", "MISC", "news"}
    assert result["task"] == "ner"
    assert result["PER+ORG+LOC"] == prf(1.0, 1.0, 1.0, 4, 0, 0)
    assert result["MISC"] == prf(1.0, 1.0, 1.0, 1, 0, 0)
    assert result["news"]["PER+ORG+LOC"] == prf(1.0, 1.0, 1.0, 2, 0, 0)


def test_ner_empty_prediction() -> None:
    result = score("ner", NER_GOLD, {})
    assert result["PER+ORG+LOC"] == prf(0.0, 0.0, 0.0, 0, 0, 4)
    assert result["LOC"] == prf(0.0, 0.0, 0.0, 0, 0, 2)
    assert result["news"]["MISC"] == prf(0.0, 0.0, 0.0, 0, 0, 1)


def test_ner_partial() -> None:
    predictions = {
        "n1": {"entities": [span(T1, "Angela Merkel", "PER"), span(T1, "Paris", "ORG")]},
        "n2": {"entities": [span(T2, "UNO", "ORG"), span(T2, "New", "LOC")]},
    }  # n3 missing: an empty prediction
    result = score("ner", NER_GOLD, predictions)
    assert result["PER"] == prf(1.0, 1.0, 1.0, 1, 0, 0)
    assert result["ORG"] == prf(0.5, 1.0, 0.6667, 1, 1, 0)  # Paris labelled ORG
    assert result["LOC"] == prf(0.0, 0.0, 0.0, 0, 1, 2)  # "New" is not "New York"
    assert result["MISC"] == prf(0.0, 0.0, 0.0, 0, 0, 1)
    assert result["PER+ORG+LOC"] == prf(0.5, 0.5, 0.5, 2, 2, 2)
    # news = n1 + n3 only
    assert result["news"]["PER+ORG+LOC"] == prf(0.5, 0.5, 0.5, 1, 1, 1)
    assert result["news"]["ORG"] == prf(0.0, 0.0, 0.0, 0, 1, 0)


def test_ner_without_domain_has_no_news_block() -> None:
    gold = [{k: v for k, v in r.items() if k != "domain"} for r in NER_GOLD]
    assert "news" not in score("ner", gold, {})


# --- events --------------------------------------------------------------------------------------


def ev(
    kind: str,
    actor: list[str],
    recipient: list[str],
    mode: str | None = None,
    context: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A PLOVER event object with code-only actors and recipients."""

    def parties(codes: list[str]) -> list[dict[str, Any]]:
        return [{"code": c, "sector": None, "text": c} for c in codes]

    return {
        "type": kind,
        "actor": parties(actor),
        "recipient": parties(recipient),
        "mode": mode,
        "context": context or [],
        **extra,
    }


def events_record(rid: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """An events gold record."""
    return {"id": rid, "task": "events", "language": "en", "text": "…", "events": events, **extra}


EVENTS_GOLD: list[dict[str, Any]] = [
    events_record("e1", [ev("AGREE", ["USA", "JOR"], [], None, ["economic"])]),
    events_record(
        "e2",
        [
            ev("CONSULT", ["RUS"], ["PAK"], "visit", ["diplomatic"]),
            ev("ASSAULT", ["ISR"], ["PSE"], "heavy-weapons", ["terrorism"]),
        ],
    ),
    events_record("e3", [ev("CONSULT", ["PAK"], ["RUS"], "visit", ["diplomatic"], symmetric=True)]),
]


def test_events_perfect() -> None:
    predictions = {r["id"]: {"events": r["events"]} for r in EVENTS_GOLD}
    result = score("events", EVENTS_GOLD, predictions)
    assert set(result) == {
        "task",
        "type",
        "full",
        "mode_accuracy",
        "context_accuracy",
        "type_only_recall",
        "type_only_precision",
        "no_event_accuracy",
        "actor_codes",
    }
    assert result["type"] == prf(1.0, 1.0, 1.0, 4, 0, 0)
    assert result["full"] == prf(1.0, 1.0, 1.0, 4, 0, 0)
    assert result["mode_accuracy"] == acc(1.0, 4, 4)
    assert result["context_accuracy"] == acc(1.0, 4, 4)
    assert result["type_only_recall"] == acc(0.0, 0, 0)  # no type_only records


def test_events_empty_prediction() -> None:
    result = score("events", EVENTS_GOLD, {})
    assert result["type"] == prf(0.0, 0.0, 0.0, 0, 0, 4)
    assert result["full"] == prf(0.0, 0.0, 0.0, 0, 0, 4)
    assert result["mode_accuracy"] == acc(0.0, 0, 0)


def test_events_partial() -> None:
    predictions = {
        # type match (USA overlaps), not full (JOR missing); mode right, context wrong
        "e1": {"events": [ev("AGREE", ["USA"], [], None, ["economic", "diplomatic"])]},
        "e2": {
            "events": [
                ev("ASSAULT", ["ISR"], ["PSE"], "heavy-weapons", ["terrorism"]),  # full match
                ev(
                    "CONSULT", ["PAK"], ["RUS"], None, ["diplomatic"]
                ),  # gold actor is RUS: no match
                ev("PROTEST", [], []),  # spurious
            ]
        },
        # symmetric gold: swapped actor and recipient still match, fully; mode wrong
        "e3": {"events": [ev("CONSULT", ["RUS"], ["PAK"], "phone", ["diplomatic"])]},
    }
    result = score("events", EVENTS_GOLD, predictions)
    assert result["type"] == prf(0.6, 0.75, 0.6667, 3, 2, 1)
    assert result["full"] == prf(0.4, 0.5, 0.4444, 2, 3, 2)
    assert result["mode_accuracy"] == acc(0.6667, 2, 3)
    assert result["context_accuracy"] == acc(0.6667, 2, 3)


def test_events_greedy_prefers_full_match_and_maps_cameo_codes() -> None:
    gold = [events_record("g", [ev("AGREE", ["USA", "JAP"], [], None)])]
    predictions = {
        "g": {
            "events": [
                ev("AGREE", ["USA"], [], "visit"),  # type match only, listed first
                ev("AGREE", ["usa", "JPN"], [], None),  # full match (JAP is CAMEO for JPN)
            ]
        }
    }
    result = score("events", gold, predictions)
    assert result["type"] == prf(0.5, 1.0, 0.6667, 1, 1, 0)
    assert result["full"] == prf(0.5, 1.0, 0.6667, 1, 1, 0)
    assert result["mode_accuracy"] == acc(1.0, 1, 1)  # paired with the full match (mode null)


def test_events_empty_actor_sets_overlap() -> None:
    gold = [events_record("g", [ev("PROTEST", [], [])])]
    assert score("events", gold, {"g": {"events": [ev("PROTEST", [], [])]}})["type"]["tp"] == 1
    assert score("events", gold, {"g": {"events": [ev("PROTEST", ["FRA"], [])]}})["type"]["tp"] == 0


def test_events_type_only() -> None:
    gold = [
        events_record("t1", [{"type": "ACCUSE"}], type_only=True),
        events_record("t2", [{"type": "PROTEST"}], type_only=True),
        events_record("t3", [], type_only=True),
        events_record("t4", [], type_only=True),
    ]
    predictions: dict[str, dict[str, Any]] = {
        "t1": {"events": [ev("ACCUSE", ["USA"], []), ev("REJECT", ["USA"], [])]},
        "t2": {"events": []},
        "t4": {"events": [ev("ASSAULT", [], [])]},
    }
    result = score("events", gold, predictions)
    assert result["type_only_recall"] == acc(0.5, 1, 2)
    assert result["type_only_precision"] == acc(0.5, 1, 2)
    assert result["no_event_accuracy"] == acc(0.5, 1, 2)
    assert result["type"] == prf(0.0, 0.0, 0.0, 0, 0, 0)  # type_only records stay out of it


def test_events_rejects_malformed_prediction() -> None:
    with pytest.raises(ValueError, match="e1"):
        score("events", EVENTS_GOLD, {"e1": {"events": "AGREE"}})


# --- pair ----------------------------------------------------------------------------------------


def pair(rid: str, lang1: str, lang2: str, similarity: float) -> dict[str, Any]:
    """A pair gold record (texts left short)."""
    return {
        "id": rid,
        "task": "pair",
        "language1": lang1,
        "language2": lang2,
        "text1": "a",
        "text2": "b",
        "similarity": similarity,
    }


PAIR_GOLD: list[dict[str, Any]] = [
    pair("p1", "de", "de", 1.0),
    pair("p2", "de", "de", 4.0),
    pair("p3", "en", "de", 1.5),
    pair("p4", "de", "en", 3.0),
    pair("p5", "es", "es", 2.0),
    pair("p6", "en", "en", 1.0),
]


def test_pair_perfect() -> None:
    predictions = {r["id"]: {"similarity": (4.0 - r["similarity"]) / 3.0} for r in PAIR_GOLD}
    result = score("pair", PAIR_GOLD, predictions)
    assert set(result) == {"task", "pearson", "same_story"}
    assert result["pearson"]["all"] == {"r": 1.0, "n": 6}
    assert result["pearson"]["de-de"] == {"r": 1.0, "n": 2}
    assert result["pearson"]["de-en"] == {"r": 1.0, "n": 2}
    assert result["pearson"]["en-en"] == {"r": None, "n": 1}
    assert result["pearson"]["other"] == {"r": None, "n": 1}
    # (4 - 1.5) / 3 = 0.83 and (4 - 2) / 3 = 0.67 are both >= 0.5: p5 (gold 2.0) is a false alarm
    assert result["same_story"] == prf(0.75, 1.0, 0.8571, 3, 1, 0)


def test_pair_empty_prediction() -> None:
    result = score("pair", PAIR_GOLD, {})
    assert result["pearson"]["all"] == {"r": None, "n": 6}  # all 0.0: no variance
    assert result["same_story"] == prf(0.0, 0.0, 0.0, 0, 0, 3)


def test_pair_partial() -> None:
    system = {"p1": 0.9, "p2": 0.1, "p3": 0.4, "p4": 0.6, "p5": 0.5}  # p6 missing -> 0.0
    result = score("pair", PAIR_GOLD, {k: {"similarity": v} for k, v in system.items()})
    assert result["pearson"]["de-de"] == {"r": 1.0, "n": 2}
    assert result["pearson"]["de-en"] == {"r": -1.0, "n": 2}  # p3, p4 ranked the wrong way
    expected = -statistics.correlation(
        [0.9, 0.1, 0.4, 0.6, 0.5, 0.0], [r["similarity"] for r in PAIR_GOLD]
    )
    assert result["pearson"]["all"] == {"r": round(expected, 4), "n": 6}
    # gold same story: p1, p3 (1.5), p6; system says same: p1, p4, p5 (>= 0.5)
    assert result["same_story"] == prf(0.3333, 0.3333, 0.3333, 1, 2, 2)


# --- document ------------------------------------------------------------------------------------

DOC_GOLD: dict[str, Any] = {
    "id": "doc-1",
    "task": "document",
    "language": "de",
    "duplicate_paragraphs": [[1, 4], [2, 5]],
    "boilerplate_spans": [{"start": 500, "end": 600}],
    "entities": [
        {"id": "DEU", "type": "country", "iso3": "DEU", "mentions": ["Deutschland", "deutschen"]},
        {"id": "FRA", "type": "country", "iso3": "FRA", "mentions": ["Frankreich"]},
        {"id": "BERLIN", "type": "place", "country": "DEU", "mentions": ["Berlin"]},
        {"id": "MUELLER", "type": "person", "country": "DEU", "mentions": ["A. Müller", "Müller"]},
        {"id": "DUPONT", "type": "person", "mentions": ["Jean Dupont"]},
    ],
    "events": [
        {
            "id": "E1",
            "type": "CONSULT",
            "actors": ["DEU", "FRA"],
            "symmetric": True,
            "date": "2024-03-01",
            "location": "BERLIN",
            "status": "occurred",
        },
        {
            "id": "E2",
            "type": "AGREE",
            "actors": ["MUELLER", "DUPONT"],
            "actor_countries": ["DEU", "FRA"],
            "symmetric": True,
            "date": "2024-03-01",
            "location": "BERLIN",
            "status": "occurred",
        },
        {
            "id": "E3",
            "type": "AGREE",
            "actors": ["DEU", "FRA"],
            "symmetric": True,
            "date": "2025",
            "location": None,
            "status": "planned",
            "optional": True,
        },
    ],
    "quotes": [
        {"paragraph": 2, "speaker": "MUELLER", "text_starts": "Wir arbeiten eng zusammen"},
        {"paragraph": 3, "speaker": ["DEU", "FRA"], "text_starts": "Beide Seiten"},
    ],
}


def test_document_perfect() -> None:
    entities = [{**e, "country": e.get("iso3") or e.get("country")} for e in DOC_GOLD["entities"]]
    events = [{**e, "evidence": [{"start": 0, "end": 10}]} for e in DOC_GOLD["events"]]
    quotes = [
        {"paragraph": 2, "speaker": ["MUELLER"], "text": "„Wir arbeiten eng zusammen“"},
        {"paragraph": 3, "speaker": ["FRA", "DEU"], "text": "Beide Seiten sind einig."},
    ]
    prediction = {
        "duplicate_paragraphs": [[4, 1], [2, 5]],
        "entities": entities,
        "events": events,
        "quotes": quotes,
    }
    result = score("document", [DOC_GOLD], {"doc-1": prediction})
    assert set(result) == {
        "task",
        "duplicates",
        "entities",
        "events",
        "date_accuracy",
        "location_accuracy",
        "status_accuracy",
        "quotes",
    }
    assert result["duplicates"] == prf(1.0, 1.0, 1.0, 2, 0, 0)
    assert result["entities"] == {"resolved": 5, "total": 5}
    assert result["events"] == prf(1.0, 1.0, 1.0, 2, 0, 0)  # optional E3: neither tp nor fp
    assert result["date_accuracy"] == acc(1.0, 2, 2)
    assert result["location_accuracy"] == acc(1.0, 2, 2)
    assert result["status_accuracy"] == acc(1.0, 2, 2)
    assert result["quotes"] == {"correct": 2, "total": 2}


def test_document_empty_prediction() -> None:
    result = score("document", [DOC_GOLD], {})
    assert result["duplicates"] == prf(0.0, 0.0, 0.0, 0, 0, 2)
    assert result["entities"] == {"resolved": 0, "total": 5}
    assert result["events"] == prf(0.0, 0.0, 0.0, 0, 0, 2)  # unmatched optional E3 is no fn
    assert result["date_accuracy"] == acc(0.0, 0, 0)
    assert result["quotes"] == {"correct": 0, "total": 2}


def test_document_partial() -> None:
    entities = [
        {"id": "s1", "type": "country", "country": "DEU", "mentions": ["Deutschland", "deutschen"]},
        # holds France's mention but also Berlin's: France is not resolved
        {"id": "s2", "type": "country", "country": "FRA", "mentions": ["Frankreich", "Berlin"]},
        {"id": "s3", "type": "place", "country": "DEU", "mentions": ["Berlin"]},
        # "Müller" missing: Anna Müller is not resolved (but s4 still aligns to her)
        {"id": "s4", "type": "person", "country": "DEU", "mentions": ["A. Müller"]},
        {"id": "s5", "type": "organization", "mentions": ["Jean Dupont"]},  # wrong type
    ]
    events = [
        # coded from boilerplate: cannot match (else it would take E1), counts as fp
        {"type": "CONSULT", "actors": ["s1"], "evidence": [{"start": 520, "end": 540}]},
        {
            "type": "CONSULT",
            "actors": ["s1"],
            "recipients": ["s2"],
            "date": "2024-03-01",
            "location": "s3",
            "status": "occurred",
            "evidence": [{"start": 0, "end": 40}],
        },
        {
            "type": "AGREE",
            "actors": ["s4"],
            "date": "2024-03-02",
            "location": None,
            "status": "occurred",
        },  # matches E2 (DEU); date and location wrong
        {"type": "AGREE", "actors": ["s1", "s2"], "date": "2025", "status": "planned"},  # E3
        {"type": "SANCTION", "actors": ["s2"]},  # spurious
    ]
    quotes = [
        # paragraph 5 repeats paragraph 2: accepted
        {"paragraph": 5, "speaker": ["s4"], "text": "„Wir arbeiten eng zusammen“, sagte Müller."},
        {"paragraph": 3, "speaker": ["s1"], "text": "Beide Seiten sind einig."},  # FRA missing
    ]
    prediction = {
        "duplicate_paragraphs": [[4, 1], [3, 6]],
        "entities": entities,
        "events": events,
        "quotes": quotes,
    }
    result = score("document", [DOC_GOLD], {"doc-1": prediction})
    assert result["duplicates"] == prf(0.5, 0.5, 0.5, 1, 1, 1)
    assert result["entities"] == {"resolved": 2, "total": 5}  # DEU, BERLIN
    assert result["events"] == prf(0.5, 1.0, 0.6667, 2, 2, 0)
    assert result["date_accuracy"] == acc(0.5, 1, 2)
    assert result["location_accuracy"] == acc(0.5, 1, 2)
    assert result["status_accuracy"] == acc(1.0, 2, 2)
    assert result["quotes"] == {"correct": 1, "total": 2}


# --- gold files ----------------------------------------------------------------------------------


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as JSON Lines and return the path."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_load_gold_jsonl_and_document(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.ner.jsonl", NER_GOLD)
    path.write_text(path.read_text("utf-8") + "\n\n", "utf-8")  # blank lines are skipped
    assert load_gold(path) == ("ner", NER_GOLD)
    doc = tmp_path / "doc.gold.json"
    doc.write_text(json.dumps(DOC_GOLD, indent=2), "utf-8")
    assert load_gold(doc) == ("document", [DOC_GOLD])


def test_load_gold_allows_repeated_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [PAIR_GOLD[0], PAIR_GOLD[0]])
    assert load_gold(path)[1] == [PAIR_GOLD[0], PAIR_GOLD[0]]


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        ([json.dumps(NER_GOLD[0]), '{"id": "n2", "task": "ner",'], 2, "invalid JSON"),
        ([json.dumps(NER_GOLD[0]), "[1, 2]"], 2, "JSON object"),
        (["", json.dumps({**NER_GOLD[0], "entities": [{"start": 0, "end": 3}]})], 2, "'label'"),
        ([json.dumps(NER_GOLD[0]), json.dumps(PAIR_GOLD[0])], 2, "task 'pair'"),
        ([json.dumps({"id": "x", "task": "poetry"})], 1, "task"),
        ([json.dumps({**PAIR_GOLD[0], "similarity": "high"})], 1, "similarity"),
        ([], 1, "no records"),
    ],
)
def test_load_gold_rejects_malformed(
    tmp_path: Path, lines: list[str], line: int, reason: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), "utf-8")
    with pytest.raises(GoldFileInvalid) as caught:
        load_gold(path)
    assert isinstance(caught.value, ValueError)
    assert caught.value.line == line
    assert f"{path}:{line}:" in str(caught.value)
    assert reason in str(caught.value)


def test_load_gold_bad_document_names_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.gold.json"
    path.write_text('{\n  "id": "d",\n  "task": "document"\n  "entities": []\n}', "utf-8")
    with pytest.raises(GoldFileInvalid, match=r"doc\.gold\.json:4:"):
        load_gold(path)


# --- dispatch and report -------------------------------------------------------------------------


def test_score_rejects_unknown_task() -> None:
    with pytest.raises(ValueError, match="poetry"):
        score("poetry", [], {})


def test_text_task_counts_records() -> None:
    gold = [{"id": "t1", "task": "text", "text": "x"}, {"id": "t2", "task": "text", "text": "y"}]
    assert score("text", gold, {"t1": {}}) == {"task": "text", "n": 2, "predicted": 1}


def test_report_prints_counts() -> None:
    result = {"file": "ner.jsonl", **score("ner", NER_GOLD, {})}
    text = format_report(result)
    assert text.splitlines()[0] == "ner.jsonl (ner)"
    assert "PER+ORG+LOC" in text and "(tp 0, fp 0, fn 4; gold n 4, predicted n 0)" in text
    assert "news:" in text
    events = format_report(score("events", EVENTS_GOLD, {}))
    assert "mode_accuracy" in events and "n/a" in events and "(correct 0, n 0)" in events
    pairs = format_report(score("pair", PAIR_GOLD, {}))
    assert "r n/a" in pairs and "(n 6)" in pairs
    document = format_report(score("document", [DOC_GOLD], {}))
    assert "(resolved 0, n 5)" in document and "(correct 0, n 2)" in document


def test_actor_codes_count_gold_parties_resolved_in_place() -> None:
    gold = [
        {
            "id": "a1",
            "task": "events",
            "text": "Hungarian and Romanian officials agreed.",
            "events": [
                {
                    "type": "AGREE",
                    "actor": [
                        {"code": "HUN", "sector": "GOV", "text": "Hungarian"},
                        {"code": "ROU", "sector": "GOV", "text": "Romanian"},
                    ],
                    "recipient": [],
                }
            ],
        }
    ]
    predictions = {
        "a1": {
            "events": [],
            "actor_mentions": [
                {"start": 0, "end": 9, "code": "HUN"},
                {"start": 14, "end": 22, "code": "HUN"},
            ],
        }
    }
    assert score("events", gold, predictions)["actor_codes"] == acc(0.5, 1, 2)


def test_gold_files_pass_over_non_gold_files(tmp_path: Path) -> None:
    from newsevents.evaluation.runner import gold_files

    (tmp_path / "README.md").write_text("# notes\n")
    (tmp_path / "a.jsonl").write_text("")
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "b.json").write_text("{}")
    named = [tmp_path / "README.md", tmp_path / "a.jsonl", tmp_path / "dev"]
    assert gold_files(named) == [tmp_path / "a.jsonl", tmp_path / "dev" / "b.json"]
