"""Contracts: every CLI command has help and is in the README; __all__ lists the public API."""

from __future__ import annotations

import re
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


def test_architecture_section_matches_the_package_tree() -> None:
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    root = Path(newsevents.__file__).resolve().parent
    packages = {p.name for p in root.iterdir() if (p / "__init__.py").exists()}
    named = set(re.findall(r"`(\w+)/`", section))
    assert packages <= named, f"packages missing from the README: {packages - named}"
    assert named <= packages | {"data"}, f"README names no such package: {named - packages}"
    modules = {p.stem for p in root.glob("*.py")} - {"__init__"}
    for module in modules:
        assert f"`{module}.py`" in section, f"top-level module {module}.py is not described"
