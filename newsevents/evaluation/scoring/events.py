"""Scoring PLOVER events: type and full P/R/F1, mode and context accuracy on type matches,
type-only records, and the country codes of the actor mentions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.evaluation.metrics import PRF, Accuracy, greedy_match
from newsevents.evaluation.scoring.matching import (
    CODE_ALIASES,
    EventView,
    Predictions,
    Record,
    code_set,
    full_match,
    norm_label,
    object_list,
    prediction_for,
    string_list,
    type_match,
)


def score_events(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Type and full P/R/F1, mode/context accuracy on type matches, and type_only figures."""
    type_prf, full_prf = PRF(), PRF()
    mode, context = Accuracy(), Accuracy()
    type_only_recall, type_only_precision, no_event = Accuracy(), Accuracy(), Accuracy()
    actor_codes = Accuracy()
    frame = {"status": Accuracy(), "date": Accuracy(), "location": Accuracy()}
    for record in gold:
        _score_actor_codes(record, prediction_for(predictions, record), actor_codes)
        predicted_items = object_list(prediction_for(predictions, record), "events", record["id"])
        if record.get("type_only"):
            gold_types = {norm_label(e["type"]) for e in record["events"]}
            predicted_types = [norm_label(e.get("type")) for e in predicted_items]
            if gold_types:
                type_only_recall.record(bool(gold_types & set(predicted_types)))
                for predicted_type in predicted_types:
                    type_only_precision.record(predicted_type in gold_types)
            else:
                no_event.record(not predicted_items)
            continue
        gold_events = [_plover_event(e, gold=True) for e in record["events"]]
        predicted = [_plover_event(e, gold=False) for e in predicted_items]
        pairs = greedy_match(gold_events, predicted, type_match, prefer=full_match)
        type_prf.add(PRF.from_counts(len(pairs), len(gold_events), len(predicted)))
        full_pairs = greedy_match(gold_events, predicted, full_match)
        full_prf.add(PRF.from_counts(len(full_pairs), len(gold_events), len(predicted)))
        for gi, pi in pairs:
            gold_item, predicted_item = record["events"][gi], predicted_items[pi]
            mode.record(norm_label(gold_item.get("mode")) == norm_label(predicted_item.get("mode")))
            context.record(_context(gold_item) == _context(predicted_item))
            _score_frame(gold_item, predicted_item, frame)
    return {
        "type": type_prf.as_dict(),
        "full": full_prf.as_dict(),
        "mode_accuracy": mode.as_dict(),
        "context_accuracy": context.as_dict(),
        "type_only_recall": type_only_recall.as_dict(),
        "type_only_precision": type_only_precision.as_dict(),
        "no_event_accuracy": no_event.as_dict(),
        "actor_codes": actor_codes.as_dict(),
        **{
            f"{name}_accuracy": accuracy.as_dict() for name, accuracy in frame.items() if accuracy.n
        },
    }


def _score_frame(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], frame: dict[str, Accuracy]
) -> None:
    """Status, date and place of a type-matched pair, where the gold gives them.

    The date is right when both name no date of their own or one date text contains the other
    ("am Montag" / "Montag"); the place when both have none or the gold's place text is one of
    the names the system gives the event's place.
    """
    if "status" in gold:
        frame["status"].record(norm_label(gold["status"]) == norm_label(predicted.get("status")))
    if "date_text" in gold:
        want, got = _folded(gold.get("date_text")), _folded(predicted.get("date_text"))
        frame["date"].record(want == got or bool(want and got and (want in got or got in want)))
    if "location_text" in gold:
        want = _folded(gold.get("location_text"))
        names = [_folded(n) for n in string_list(predicted.get("location"))]
        frame["location"].record(
            (not want and not names) or bool(want and any(n and n in want for n in names))
        )


def _folded(value: Any) -> str:
    """A text compared without case and outer space ('' for none)."""
    return str(value).casefold().strip() if value else ""


def _score_actor_codes(
    record: Record, prediction: Mapping[str, Any] | None, accuracy: Accuracy
) -> None:
    """Country code of each gold actor text, resolved by the system where that text stands.

    The prediction's optional ``actor_mentions`` lists ``{start, end, code}`` for every party
    the system resolved; a gold actor (or recipient) counts as right when a mention that
    overlaps the first occurrence of its ``text`` in the record carries its code.
    """
    mentions = list((prediction or {}).get("actor_mentions") or [])
    text = str(record.get("text") or "")
    for event in record.get("events") or []:
        for party in list(event.get("actor") or []) + list(event.get("recipient") or []):
            surface = str(party.get("text") or "")
            start = text.find(surface) if surface else -1
            if start == -1 or not party.get("code"):
                continue
            end = start + len(surface)
            gold_code = CODE_ALIASES.get(str(party["code"]).upper(), str(party["code"]).upper())
            codes = {
                CODE_ALIASES.get(str(m.get("code")).upper(), str(m.get("code")).upper())
                for m in mentions
                if m.get("code") and int(m["start"]) < end and start < int(m["end"])
            }
            accuracy.record(gold_code in codes)


def _plover_event(event: Mapping[str, Any], gold: bool) -> EventView:
    """A PLOVER event object as seen by the matching rules (symmetry only counts on gold)."""
    return EventView(
        type=norm_label(event.get("type")),
        actors=code_set(event.get("actor")),
        recipients=code_set(event.get("recipient")),
        symmetric=gold and event.get("symmetric") is True,
    )


def _context(event: Mapping[str, Any]) -> frozenset[str | None]:
    """An event's contexts as a set of normalised labels."""
    return frozenset(norm_label(c) for c in string_list(event.get("context")))
