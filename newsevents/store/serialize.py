"""Store rows as JSON: dates as ISO text, for the CLI, the API and the exports."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def to_json(value: Any) -> Any:
    """JSON-safe form of store rows (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """Compact JSON for a store row."""
    return json.dumps(to_json(value), ensure_ascii=False)
