"""Contracts: every CLI command has help and is in the README; __all__ lists the public API."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import newsevents
from newsevents.cli.main import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented() -> None:
    assert main.commands
    for name, command in main.commands.items():
        assert command.help, f"command {name} has no help text"
        assert f"newsevents {name}" in README, f"command {name} is not in the README"


def test_all_matches_public_names() -> None:
    public = {
        name
        for name in dir(newsevents)
        if not name.startswith("_") and not isinstance(getattr(newsevents, name), ModuleType)
    }
    assert set(newsevents.__all__) - {"__version__"} == public


def test_readme_names_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
