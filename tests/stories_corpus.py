"""The stories corpus of tests/fixtures/stories: German and English reports of two meetings,
with a syndicated copy and an updated version, and one unrelated article."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"
WARSAW = [
    "01-de-tagesblatt-warschau",
    "02-en-courier-warsaw",
    "03-de-rundschau-syndicated",
    "04-en-courier-warsaw-updated",
]
NAIROBI = ["05-en-wire-nairobi", "06-de-agentur-nairobi"]
UNRELATED = ["07-de-heizoel"]
ALL = WARSAW + NAIROBI + UNRELATED
TAGES = "https://tagesblatt.example/politik/warschau-treffen"
RUND = "https://rundschau.example/ticker/12345"
COURIER = "https://courier.example/world/warsaw-talks"
UPDATED = "https://courier.example/world/warsaw-talks?updated=1"
WIRE = "https://wire.example/africa/kenya-ethiopia"
AGENTUR = "https://agentur.example/afrika/kenia-aethiopien"
HEIZOEL = "https://tagesblatt.example/wirtschaft/heizoel"


def paths(names: Sequence[str]) -> list[str]:
    """The fixture files of these articles, in this order."""
    return [str(STORIES / f"{name}.jsonl") for name in names]
