"""What the scorers share: reading a prediction, normalising labels and codes, matching events.

Event matching follows the shared gold README: a type match needs equal types and overlapping
actor code sets; a full match also equal actor and recipient sets. For symmetric gold the
actor/recipient split is arbitrary, so their union is compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Record = Mapping[str, Any]
Predictions = Mapping[str, Mapping[str, Any]]

# The PLOVER gold keeps a few CAMEO country codes; map them to ISO 3166-1 alpha-3 on both sides.
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def prediction_for(predictions: Predictions, record: Record) -> Mapping[str, Any]:
    """Return the prediction for a gold record, ``{}`` when there is none."""
    found = predictions.get(record["id"])
    if found is None:
        return {}
    if not isinstance(found, Mapping):
        raise ValueError(f"prediction for {record['id']!r} must be an object")
    return found


def object_list(obj: Mapping[str, Any], key: str, record_id: str) -> list[Mapping[str, Any]]:
    """Return the list of objects under ``key`` (empty when absent); reject anything else."""
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise ValueError(f"{record_id!r}: {key!r} must be a list of objects")
    return value


def string_list(value: Any) -> list[str]:
    """Return a value as a list of strings: a string gives itself, a list its string items."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def norm_label(value: Any) -> str | None:
    """Normalise an optional label (type, mode, status) for comparison; '' counts as None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()


def norm_code(value: Any) -> str | None:
    """Normalise a country/IGO code (upper case, CAMEO aliases mapped); None for none."""
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().upper()
    return CODE_ALIASES.get(code, code)


def code_set(parties: Any) -> frozenset[str]:
    """Return the code set of an actor/recipient list of ``{code, ...}`` objects or strings."""
    items = parties if isinstance(parties, list) else []
    codes = (norm_code(p.get("code") if isinstance(p, Mapping) else p) for p in items)
    return frozenset(c for c in codes if c)


@dataclass(frozen=True, slots=True)
class EventView:
    """What the matching rules look at: type and actor/recipient code sets."""

    type: str | None
    actors: frozenset[str]
    recipients: frozenset[str] = frozenset()
    symmetric: bool = False


def type_match(gold: EventView, predicted: EventView) -> bool:
    """Types equal and actor code sets overlap (two empty sets overlap); for symmetric gold the
    actor/recipient split is arbitrary, so actor ∪ recipient is compared on both sides."""
    if gold.type != predicted.type:
        return False
    if gold.symmetric:
        ours, theirs = gold.actors | gold.recipients, predicted.actors | predicted.recipients
    else:
        ours, theirs = gold.actors, predicted.actors
    return bool(ours & theirs) or not (ours or theirs)


def full_match(gold: EventView, predicted: EventView) -> bool:
    """Type match plus equal actor and recipient sets (actor ∪ recipient for symmetric gold)."""
    if not type_match(gold, predicted):
        return False
    if gold.symmetric:
        return gold.actors | gold.recipients == predicted.actors | predicted.recipients
    return gold.actors == predicted.actors and gold.recipients == predicted.recipients
