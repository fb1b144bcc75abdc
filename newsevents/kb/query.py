"""Helpers that turn what a user types into store filter values."""

from __future__ import annotations

from newsevents.kb.base import default_kb


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-3 code for a code or a country name in German or English."""
    text = value.strip()
    if len(text) == 3 and text.isalpha():
        return text.upper()
    kb = default_kb()
    for language in ("en", "de"):
        for match in kb.find(text, language):
            entry = kb.entry(match.entry_id)
            if entry.kind == "country" and entry.code and match.end - match.start == len(text):
                return entry.code
    return text
