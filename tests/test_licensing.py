"""Licensing: the licence files exist and every shipped data file has a source and a licence.

A data file counts as listed when ``newsevents/data/SOURCES.md`` names its path (relative to the
repository root, in backticks) or a folder above it (a backticked path ending in ``/``).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "newsevents" / "data" / "SOURCES.md"
DATA_PACKAGE = ROOT / "packages" / "newsevents-data"
DATA_DIRS = (ROOT / "newsevents" / "data", DATA_PACKAGE / "newsevents_data")


def _shipped_files() -> list[str]:
    """Every file under the data folders, relative to the repository root (no caches)."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for folder in DATA_DIRS
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def _listed() -> set[str]:
    """The backticked repository paths that SOURCES.md names."""
    paths = re.findall(r"`([^`\s]+)`", SOURCES.read_text(encoding="utf-8"))
    return {p for p in paths if p.startswith(("newsevents/", "packages/"))}


def _covered(path: str, listed: set[str]) -> bool:
    return path in listed or any(p.endswith("/") and path.startswith(p) for p in listed)


def test_licence_files_exist() -> None:
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "NOTICE").is_file()
    assert SOURCES.is_file()
    for name in ("LICENSE-CC-BY-SA-4.0.txt", "LICENSE-GFDL-1.2.txt", "README.md"):
        assert (DATA_PACKAGE / name).is_file(), name


def test_every_data_file_has_a_source() -> None:
    files = _shipped_files()
    assert any(f.endswith("given_names.tsv") for f in files)  # the walk sees both packages
    listed = _listed()
    missing = [f for f in files if not _covered(f, listed)]
    assert not missing, f"not in newsevents/data/SOURCES.md: {missing}"


def test_listed_files_exist() -> None:
    """No stale entries: a listed file is there (folders may be still to come)."""
    stale = [p for p in _listed() if not p.endswith("/") and not list(ROOT.glob(p))]
    assert not stale, f"listed in SOURCES.md but missing: {stale}"
