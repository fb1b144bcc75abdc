"""Shared fixtures: a fresh in-memory store, the path of ../shared when it exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    """An empty in-memory store with every migration applied."""
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture
def shared() -> Path:
    """The shared reference folder; the test is skipped (visibly) when it is absent."""
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: gold and corpus checks skipped")
    return SHARED
