"""Scoring predictions against gold records: one function per task, and ``score`` to dispatch.

Predictions are keyed by gold record id; a missing id counts as an empty prediction. The result
of ``score`` is what ``eval --json`` prints for one gold file (the caller adds ``"file"``): every
P/R/F1 figure is ``{p, r, f1, tp, fp, fn}`` and every accuracy ``{accuracy, correct, n}``.
The rules follow the shared gold README; where it leaves room, the choice is documented here.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from newsevents.evaluation.metrics import (
    DIGITS,
    PRF,
    Accuracy,
    greedy_match,
    pearson,
    prf_from_sets,
)

__all__ = [
    "CODE_ALIASES",
    "QUOTE_MARKS",
    "SAME_STORY_GOLD_MAX",
    "SAME_STORY_THRESHOLD",
    "score",
    "score_document",
    "score_events",
    "score_ner",
    "score_pairs",
    "score_text",
]

Record = Mapping[str, Any]
Predictions = Mapping[str, Mapping[str, Any]]

NER_LABELS = ("PER", "ORG", "LOC", "MISC")
NER_CORE = frozenset({"PER", "ORG", "LOC"})  # pooled into the "PER+ORG+LOC" figure
LANGUAGE_PAIRS = ("de-de", "de-en", "en-en")  # reported on their own; every other pair is "other"
SAME_STORY_GOLD_MAX = 1.5  # gold similarity runs 1 (same story) .. 4; at or below this: same story
SAME_STORY_THRESHOLD = 0.5  # system similarity runs 0 .. 1 (same story); at or above: same story
# The PLOVER gold keeps a few CAMEO country codes; map them to ISO 3166-1 alpha-3 on both sides.
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
QUOTE_MARKS = '„“”"»«‚‘’‹›'  # stripped, with whitespace, from both ends of quote texts


def score(
    task: str, gold: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Score predictions (keyed by record id) against the gold records of one task."""
    scorers: dict[str, Callable[[Sequence[Record], Predictions], dict[str, Any]]] = {
        "ner": score_ner,
        "events": score_events,
        "pair": score_pairs,
        "document": score_document,
        "text": score_text,
    }
    if task not in scorers:
        raise ValueError(f"unknown task {task!r}; expected one of {sorted(scorers)}")
    return {"task": task, **scorers[task](gold, predictions)}


# --- shared helpers ------------------------------------------------------------------------------


def _prediction(predictions: Predictions, record: Record) -> Mapping[str, Any]:
    """Return the prediction for a gold record, ``{}`` when there is none."""
    found = predictions.get(record["id"])
    if found is None:
        return {}
    if not isinstance(found, Mapping):
        raise ValueError(f"prediction for {record['id']!r} must be an object")
    return found


def _items(obj: Mapping[str, Any], key: str, record_id: str) -> list[Mapping[str, Any]]:
    """Return the list of objects under ``key`` (empty when absent); reject anything else."""
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise ValueError(f"{record_id!r}: {key!r} must be a list of objects")
    return value


def _strings(value: Any) -> list[str]:
    """Return a value as a list of strings: a string gives itself, a list its string items."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _label(value: Any) -> str | None:
    """Normalise an optional label (type, mode, status) for comparison; '' counts as None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()


def _code(value: Any) -> str | None:
    """Normalise a country/IGO code (upper case, CAMEO aliases mapped); None for none."""
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().upper()
    return CODE_ALIASES.get(code, code)


def _codes(parties: Any) -> frozenset[str]:
    """Return the code set of an actor/recipient list of ``{code, ...}`` objects or strings."""
    items = parties if isinstance(parties, list) else []
    codes = (_code(p.get("code") if isinstance(p, Mapping) else p) for p in items)
    return frozenset(c for c in codes if c)


@dataclass(frozen=True, slots=True)
class _Event:
    """What the matching rules look at: type and actor/recipient code sets."""

    type: str | None
    actors: frozenset[str]
    recipients: frozenset[str] = frozenset()
    symmetric: bool = False


def _type_match(gold: _Event, predicted: _Event) -> bool:
    """Types equal and actor code sets overlap (two empty sets overlap); for symmetric gold the
    actor/recipient split is arbitrary, so actor ∪ recipient is compared on both sides."""
    if gold.type != predicted.type:
        return False
    if gold.symmetric:
        ours, theirs = gold.actors | gold.recipients, predicted.actors | predicted.recipients
    else:
        ours, theirs = gold.actors, predicted.actors
    return bool(ours & theirs) or not (ours or theirs)


def _full_match(gold: _Event, predicted: _Event) -> bool:
    """Type match plus equal actor and recipient sets (actor ∪ recipient for symmetric gold)."""
    if not _type_match(gold, predicted):
        return False
    if gold.symmetric:
        return gold.actors | gold.recipients == predicted.actors | predicted.recipients
    return gold.actors == predicted.actors and gold.recipients == predicted.recipients


# --- ner -----------------------------------------------------------------------------------------


def score_ner(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Exact span+label P/R/F1, micro over records: PER+ORG+LOC, each label, and news only."""
    result = _ner_figures(gold, predictions)
    if any("domain" in record for record in gold):
        news = [record for record in gold if record.get("domain") == "news"]
        result["news"] = _ner_figures(news, predictions)
    return result


def _ner_figures(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """The five NER figures over the given records."""
    figures = {name: PRF() for name in ("PER+ORG+LOC", *NER_LABELS)}
    for record in gold:
        gold_spans = _spans(record["entities"], record["id"])
        predicted = _spans(
            _items(_prediction(predictions, record), "entities", record["id"]), record["id"]
        )
        for name, labels in (("PER+ORG+LOC", NER_CORE), *((lb, {lb}) for lb in NER_LABELS)):
            figures[name].add(
                prf_from_sets(
                    (s for s in gold_spans if s[2] in labels),
                    (s for s in predicted if s[2] in labels),
                )
            )
    return {name: figure.as_dict() for name, figure in figures.items()}


def _spans(entities: Iterable[Mapping[str, Any]], record_id: str) -> set[tuple[int, int, str]]:
    """Entity objects as (start, end, label) triples."""
    try:
        return {(int(e["start"]), int(e["end"]), str(e["label"])) for e in entities}
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{record_id!r}: an entity needs start, end and label") from exc


# --- events --------------------------------------------------------------------------------------


def score_events(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Type and full P/R/F1, mode/context accuracy on type matches, and type_only figures."""
    type_prf, full_prf = PRF(), PRF()
    mode, context = Accuracy(), Accuracy()
    type_only_recall, type_only_precision, no_event = Accuracy(), Accuracy(), Accuracy()
    actor_codes = Accuracy()
    for record in gold:
        _score_actor_codes(record, _prediction(predictions, record), actor_codes)
        predicted_items = _items(_prediction(predictions, record), "events", record["id"])
        if record.get("type_only"):
            gold_types = {_label(e["type"]) for e in record["events"]}
            predicted_types = [_label(e.get("type")) for e in predicted_items]
            if gold_types:
                type_only_recall.record(bool(gold_types & set(predicted_types)))
                for predicted_type in predicted_types:
                    type_only_precision.record(predicted_type in gold_types)
            else:
                no_event.record(not predicted_items)
            continue
        gold_events = [_plover_event(e, gold=True) for e in record["events"]]
        predicted = [_plover_event(e, gold=False) for e in predicted_items]
        pairs = greedy_match(gold_events, predicted, _type_match, prefer=_full_match)
        type_prf.add(PRF.from_counts(len(pairs), len(gold_events), len(predicted)))
        full_pairs = greedy_match(gold_events, predicted, _full_match)
        full_prf.add(PRF.from_counts(len(full_pairs), len(gold_events), len(predicted)))
        for gi, pi in pairs:
            gold_item, predicted_item = record["events"][gi], predicted_items[pi]
            mode.record(_label(gold_item.get("mode")) == _label(predicted_item.get("mode")))
            context.record(_context(gold_item) == _context(predicted_item))
    return {
        "type": type_prf.as_dict(),
        "full": full_prf.as_dict(),
        "mode_accuracy": mode.as_dict(),
        "context_accuracy": context.as_dict(),
        "type_only_recall": type_only_recall.as_dict(),
        "type_only_precision": type_only_precision.as_dict(),
        "no_event_accuracy": no_event.as_dict(),
        "actor_codes": actor_codes.as_dict(),
    }


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


def _plover_event(event: Mapping[str, Any], gold: bool) -> _Event:
    """A PLOVER event object as seen by the matching rules (symmetry only counts on gold)."""
    return _Event(
        type=_label(event.get("type")),
        actors=_codes(event.get("actor")),
        recipients=_codes(event.get("recipient")),
        symmetric=gold and event.get("symmetric") is True,
    )


def _context(event: Mapping[str, Any]) -> frozenset[str | None]:
    """An event's contexts as a set of normalised labels."""
    return frozenset(_label(c) for c in _strings(event.get("context")))


# --- pair ----------------------------------------------------------------------------------------


def score_pairs(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Sign-flipped Pearson r overall and per language pair, and same-story P/R/F1.

    A pair without a prediction counts as similarity 0.0 ("different story"), so every figure's
    ``n`` is the number of gold pairs it covers.
    """
    groups: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in ("all", *LANGUAGE_PAIRS, "other")
    }
    same_story = PRF()
    for record in gold:
        system = _similarity(_prediction(predictions, record), record["id"])
        truth = float(record["similarity"])
        languages = sorted((str(record["language1"]).lower(), str(record["language2"]).lower()))
        key = "-".join(languages)
        for name in ("all", key if key in LANGUAGE_PAIRS else "other"):
            groups[name][0].append(system)
            groups[name][1].append(truth)
        gold_same, system_same = truth <= SAME_STORY_GOLD_MAX, system >= SAME_STORY_THRESHOLD
        same_story.add(PRF.from_counts(int(gold_same and system_same), gold_same, system_same))
    figures: dict[str, dict[str, Any]] = {}
    for name, (system_scores, gold_scores) in groups.items():
        r = pearson(system_scores, gold_scores)
        # Gold runs 1 = same .. 4 = unrelated, so flip; "+ 0.0" turns -0.0 into 0.0.
        flipped = None if r is None else round(-r, DIGITS) + 0.0
        figures[name] = {"r": flipped, "n": len(system_scores)}
    return {"pearson": figures, "same_story": same_story.as_dict()}


def _similarity(prediction: Mapping[str, Any], record_id: str) -> float:
    """A prediction's similarity in [0, 1] (0.0 when absent)."""
    value = prediction.get("similarity", 0.0)
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError(f"{record_id!r}: similarity must be a number, got {value!r}")
    return float(value)


# --- text ----------------------------------------------------------------------------------------


def score_text(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Text records have no gold; report how many there are and how many got a prediction."""
    return {"n": len(gold), "predicted": sum(1 for r in gold if r["id"] in predictions)}


# --- document ------------------------------------------------------------------------------------


def score_document(gold: Sequence[Record], predictions: Predictions) -> dict[str, Any]:
    """Duplicates, entity resolution, events (+ date/location/status), quotes; summed over docs."""
    duplicates, events = PRF(), PRF()
    date, location, status = Accuracy(), Accuracy(), Accuracy()
    resolved = entity_total = quotes_correct = quote_total = 0
    for record in gold:
        rid = record["id"]
        prediction = _prediction(predictions, record)
        gold_entities = list(record["entities"])
        system_entities = _items(prediction, "entities", rid)
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
        predicted = _items(prediction, "events", rid)
        spans = _boilerplate_spans(record)
        used = {i for i, p in enumerate(predicted) if _in_boilerplate(p, spans, rid)}
        view = [_system_document_event(p, system_by_id) for p in predicted]
        required_view = [_gold_document_event(e, gold_by_id) for e in gold_events]
        pairs = greedy_match(required_view, view, _type_match, used=used)
        optional_view = [_gold_document_event(e, gold_by_id) for e in optional]
        soaked = greedy_match(optional_view, view, _type_match, used=used)
        events.add(PRF.from_counts(len(pairs), len(gold_events), len(predicted) - len(soaked)))
        for gi, pi in pairs:
            gold_event, system_event = gold_events[gi], predicted[pi]
            date.record(system_event.get("date") == gold_event.get("date"))
            status.record(_label(system_event.get("status")) == _label(gold_event.get("status")))
            system_location = system_event.get("location")
            aligned = alignment.get(str(system_location)) if system_location else None
            location.record(aligned == gold_event.get("location"))

        # 4. Quotes with the right speaker, in the paragraph or a repeat of it.
        quote_total += len(record.get("quotes") or [])
        system_quotes = _items(prediction, "quotes", rid)
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
    return set(_strings(entity.get("mentions")))


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
        _label(s.get("type")) == _label(gold["type"])
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
            if _label(gold["type"]) != _label(system.get("type")):
                continue
            shared = len(_mentions(gold) & _mentions(system))
            if shared > best_shared:  # ties keep the earlier gold entity
                best, best_shared = gold["id"], shared
        alignment[str(system.get("id"))] = best
    return alignment


def _gold_document_event(event: Mapping[str, Any], by_id: Mapping[str, Any]) -> _Event:
    """A gold document event as country sets: a country actor gives its ``iso3``, any other
    its ``actor_countries`` entry (same position as in ``actors``) or its ``country``."""
    codes: set[str] = set()
    listed = _strings(event.get("actor_countries"))
    for index, actor in enumerate(_strings(event.get("actors"))):
        entity = by_id.get(actor, {})
        code = _code(entity.get("iso3")) if _label(entity.get("type")) == "country" else None
        if code is None and index < len(listed):
            code = _code(listed[index])
        code = code or _code(entity.get("country"))
        if code:
            codes.add(code)
    symmetric = event.get("symmetric") is True
    return _Event(type=_label(event.get("type")), actors=frozenset(codes), symmetric=symmetric)


def _system_document_event(event: Mapping[str, Any], by_id: Mapping[str, Any]) -> _Event:
    """A system document event as country sets, through its entities' ``country``."""

    def countries(ids: Any) -> frozenset[str]:
        codes = (_code(by_id.get(i, {}).get("country")) for i in _strings(ids))
        return frozenset(c for c in codes if c)

    return _Event(
        type=_label(event.get("type")),
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
    evidence = _items(event, "evidence", rid)
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
    speakers = set(_strings(quote["speaker"]))
    for system in system_quotes:
        number = system.get("paragraph")
        if isinstance(number, bool) or not isinstance(number, int) or number not in allowed:
            continue
        if not _quote_text(system.get("text")).startswith(start):
            continue
        if {alignment.get(s) for s in _strings(system.get("speaker"))} == speakers:
            return True
    return False
