"""Where the data files shipped inside the package live (``newsevents/data``)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """Path of a file shipped in newsevents/data."""
    return DATA_DIR.joinpath(*parts)
