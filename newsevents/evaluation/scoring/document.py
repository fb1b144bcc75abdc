"""Scoring whole documents: repeated paragraphs, entity resolution, events with their date,
place and status, and quotes with their speakers; summed over the documents."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from newsevents.evaluation.metrics import PRF, Accuracy, greedy_match, prf_from_sets
from newsevents.evaluation.scoring.matching import (
    EventView,
    Predictions,
    Record,
    norm_code,
    norm_label,
    object_list,
    prediction_for,
    string_list,
    type_match,
)

QUOTE_MARKS = '„“”"»«‚‘’‹›'  # stripped, with whitespace, from both ends of quote texts


def score_document(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Duplicates, entity resolution, events (+ date/location/status), quotes; summed over docs."""
    duplicates, events = PRF(), PRF()
    date, location, status = Accuracy(), Accuracy(), Accuracy()
    resolved = entity_total = quotes_correct = quote_total = 0
    for record in gold:
        rid = record["id"]
        prediction = prediction_for(predictions, record)
        gold_entities = list(record["entities"])
        system_entities = object_list(prediction, "entities", rid)
        alignment = _align(system_entities, gold_entities)

        # 1. Repeated paragraphs, as unordered pairs (a listed group gives all its pairs).
        gold_pairs = _paragraph_pairs(record.get("duplicate_paragraphs"))
        duplicates.add(
            prf_from_sets(gold_pairs, _paragraph_pairs(prediction.get("duplicate_paragraphs")))
        )

        # 2. Entity resolution.
        entity_total += len(gold_entities)
        resolved += sum(_resolved(g, gold_entities, system_entities) for g in gold_entities)

        # 3. Events: required gold first, then optional gold soaks up its matches.
        gold_by_id = {e["id"]: e for e in gold_entities}
        system_by_id = {str(e.get("id")): e for e in system_entities}
        gold_events = [e for e in record["events"] if not e.get("optional")]
        optional = [e for e in record["events"] if e.get("optional")]
        predicted = object_list(prediction, "events", rid)
        spans = _boilerplate_spans(record)
        used = {i for i, p in enumerate(predicted) if _in_boilerplate(p, spans, rid)}
        view = [_system_document_event(p, system_by_id) for p in predicted]
        required_view = [_gold_document_event(e, gold_by_id) for e in gold_events]
        pairs = greedy_match(required_view, view, type_match, used=used)
        optional_view = [_gold_document_event(e, gold_by_id) for e in optional]
        soaked = greedy_match(optional_view, view, type_match, used=used)
        events.add(PRF.from_counts(len(pairs), len(gold_events), len(predicted) - len(soaked)))
        for gi, pi in pairs:
            gold_event, system_event = gold_events[gi], predicted[pi]
            date.record(system_event.get("date") == gold_event.get("date"))
            status.record(
                norm_label(system_event.get("status")) == norm_label(gold_event.get("status"))
            )
            system_location = system_event.get("location")
            aligned = alignment.get(str(system_location)) if system_location else None
            location.record(aligned == gold_event.get("location"))

        # 4. Quotes with the right speaker, in the paragraph or a repeat of it.
        quote_total += len(record.get("quotes") or [])
        system_quotes = object_list(prediction, "quotes", rid)
        for quote in record.get("quotes") or []:
            quotes_correct += _quote_found(quote, system_quotes, alignment, gold_pairs)
    return {
        "duplicates": duplicates.as_dict(),
        "entities": {"resolved": resolved, "total": entity_total},
        "events": events.as_dict(),
        "date_accuracy": date.as_dict(),
        "location_accuracy": location.as_dict(),
        "status_accuracy": status.as_dict(),
        "quotes": {"correct": quotes_correct, "total": quote_total},
    }


def _paragraph_pairs(groups: Any) -> set[tuple[int, int]]:
    """Unordered paragraph pairs from a list of ``[a, b]`` (or longer) groups."""
    pairs: set[tuple[int, int]] = set()
    for group in groups if isinstance(groups, list) else []:
        numbers = sorted({int(n) for n in group}) if isinstance(group, list) else []
        pairs.update(combinations(numbers, 2))
    return pairs


def _mentions(entity: Mapping[str, Any]) -> set[str]:
    """An entity's mention strings."""
    return set(string_list(entity.get("mentions")))


def _resolved(
    gold: Mapping[str, Any],
    gold_entities: Sequence[Mapping[str, Any]],
    system_entities: Sequence[Mapping[str, Any]],
) -> bool:
    """True when one system entity of the same type holds all of the gold entity's mentions
    and none of any other gold entity's."""
    own = _mentions(gold)
    others = {m for g in gold_entities if g["id"] != gold["id"] for m in _mentions(g)} - own
    return any(
        norm_label(s.get("type")) == norm_label(gold["type"])
        and own <= _mentions(s)
        and not _mentions(s) & others
        for s in system_entities
    )


def _align(
    system_entities: Sequence[Mapping[str, Any]], gold_entities: Sequence[Mapping[str, Any]]
) -> dict[str, str | None]:
    """Map each system entity id to the same-type gold entity sharing most mention strings."""
    alignment: dict[str, str | None] = {}
    for system in system_entities:
        best, best_shared = None, 0
        for gold in gold_entities:
            if norm_label(gold["type"]) != norm_label(system.get("type")):
                continue
            shared = len(_mentions(gold) & _mentions(system))
            if shared > best_shared:  # ties keep the earlier gold entity
                best, best_shared = gold["id"], shared
        alignment[str(system.get("id"))] = best
    return alignment


def _gold_document_event(event: Mapping[str, Any], by_id: Mapping[str, Any]) -> EventView:
    """A gold document event as country sets: a country actor gives its ``iso3``, any other
    its ``actor_countries`` entry (same position as in ``actors``) or its ``country``."""
    codes: set[str] = set()
    listed = string_list(event.get("actor_countries"))
    for index, actor in enumerate(string_list(event.get("actors"))):
        entity = by_id.get(actor, {})
        code = (
            norm_code(entity.get("iso3")) if norm_label(entity.get("type")) == "country" else None
        )
        if code is None and index < len(listed):
            code = norm_code(listed[index])
        code = code or norm_code(entity.get("country"))
        if code:
            codes.add(code)
    symmetric = event.get("symmetric") is True
    return EventView(
        type=norm_label(event.get("type")), actors=frozenset(codes), symmetric=symmetric
    )


def _system_document_event(event: Mapping[str, Any], by_id: Mapping[str, Any]) -> EventView:
    """A system document event as country sets, through its entities' ``country``."""

    def countries(ids: Any) -> frozenset[str]:
        codes = (norm_code(by_id.get(i, {}).get("country")) for i in string_list(ids))
        return frozenset(c for c in codes if c)

    return EventView(
        type=norm_label(event.get("type")),
        actors=countries(event.get("actors")),
        recipients=countries(event.get("recipients")),
    )


def _boilerplate_spans(record: Record) -> list[tuple[int, int]]:
    """The gold's boilerplate spans: ``boilerplate_spans`` (or ``boilerplate_span``) holding one
    ``{start, end}`` object, a list of them, or ``[start, end]`` lists."""
    raw = record.get("boilerplate_spans", record.get("boilerplate_span")) or []
    flat = isinstance(raw, Mapping) or (isinstance(raw, list) and raw and isinstance(raw[0], int))
    items = [raw] if flat else raw
    return [
        (int(i["start"]), int(i["end"])) if isinstance(i, Mapping) else (int(i[0]), int(i[1]))
        for i in items
    ]


def _in_boilerplate(event: Mapping[str, Any], spans: Sequence[tuple[int, int]], rid: str) -> bool:
    """True when an event has evidence and all of it lies inside boilerplate spans."""
    evidence = object_list(event, "evidence", rid)
    return bool(spans and evidence) and all(
        any(start <= int(e["start"]) and int(e["end"]) <= end for start, end in spans)
        for e in evidence
    )


def _quote_text(text: Any) -> str:
    """Quote text without surrounding quote marks and whitespace."""
    return text.strip(QUOTE_MARKS + string.whitespace) if isinstance(text, str) else ""


def _quote_found(
    quote: Mapping[str, Any],
    system_quotes: Sequence[Mapping[str, Any]],
    alignment: Mapping[str, str | None],
    duplicate_pairs: set[tuple[int, int]],
) -> bool:
    """True when a system quote sits in the gold paragraph (or a repeat of it), starts with the
    gold text and has the gold speakers (system entities aligned to gold ids)."""
    paragraph = int(quote["paragraph"])
    allowed = {paragraph} | {
        b if a == paragraph else a for a, b in duplicate_pairs if paragraph in (a, b)
    }
    start = _quote_text(quote["text_starts"])
    speakers = set(string_list(quote["speaker"]))
    for system in system_quotes:
        number = system.get("paragraph")
        if isinstance(number, bool) or not isinstance(number, int) or number not in allowed:
            continue
        if not _quote_text(system.get("text")).startswith(start):
            continue
        if {alignment.get(s) for s in string_list(system.get("speaker"))} == speakers:
            return True
    return False
