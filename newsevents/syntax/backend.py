"""Dependency parser backends: tokens with lemma, tags, morphological features, head and relation.

German uses the project's own small spaCy pipeline (tok2vec, tagger (STTS), morphologizer,
trainable lemmatizer, parser with UD relations; trained by ``scripts/train_syntax_de.py``),
shipped in the separately licensed data package (``newsevents_data/models/syntax-de``; a copy in
``newsevents/data/models/syntax-de`` or a folder named by ``$NEWSEVENTS_SYNTAX_DE`` is tried
first); HanTa, where installed, repairs its verb lemmas and finite verbs read as adjectives
(`morphology.py`). English uses spaCy's ``en_core_web_sm`` (ClearNLP relations). A language
without a parser gets no parses, and the event coder codes nothing from it.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from newsevents.datafiles import data_path
from newsevents.records import Token
from newsevents.spacy_models import (
    EN_PACKAGES,
    LazyPipelines,
    ModelSpec,
    candidates,
    load_pipeline,
)
from newsevents.syntax.morphology import GermanMorphology, recover_finite_verb

log = logging.getLogger(__name__)

MODEL_ENV = "NEWSEVENTS_SYNTAX_DE"  # a German pipeline folder to use before the shipped ones
BATCH_SIZE = 64  # sentences per nlp.pipe batch
# Components a packaged pipeline may have that parsing never needs: not even loaded.
NOT_NEEDED = ("ner", "senter", "sentencizer", "textcat", "textcat_multilabel", "entity_linker")


class SyntaxBackend(Protocol):
    """Anything that parses sentences into tokens with dependency arcs."""

    def parse(self, texts: Sequence[str], language: str) -> list[list[Token]] | None:
        """The tokens of each text (offsets into that text), or None: no parser for `language`."""
        ...

    def available(self, language: str) -> bool:
        """Whether the backend has a parser for `language`."""
        ...


def german_models() -> tuple[ModelSpec, ...]:
    """Where the German pipeline may be: $NEWSEVENTS_SYNTAX_DE, the package, the data package."""
    found: list[ModelSpec] = []
    if os.environ.get(MODEL_ENV):
        found.append(Path(os.environ[MODEL_ENV]))
    found.append(data_path("models", "syntax-de"))
    if importlib.util.find_spec("newsevents_data") is not None:
        import newsevents_data

        found.append(Path(newsevents_data.DATA_DIR) / "models" / "syntax-de")
    return tuple(found)


class SpacySyntax(LazyPipelines):
    """Parsing with spaCy pipelines, one per language, each loaded on first use and kept."""

    stage = "syntax"

    def __init__(
        self,
        de_model: ModelSpec | Sequence[ModelSpec] | None = None,
        en_model: ModelSpec | Sequence[ModelSpec] = EN_PACKAGES,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        """Say where each language's pipeline is (first loadable candidate wins); loads nothing."""
        super().__init__(
            {
                "de": german_models() if de_model is None else candidates(de_model),
                "en": candidates(en_model),
            }
        )
        self.batch_size = batch_size
        # Word-form analysers that repair the model's verb lemmas and tags, by language.
        self.morphologies: dict[str, GermanMorphology] = {"de": GermanMorphology()}

    def parse(self, texts: Sequence[str], language: str) -> list[list[Token]] | None:
        """The tokens of each text, parsed in batches; None when the language has no parser."""
        nlp = self.pipeline(language)
        if nlp is None:
            return None
        docs = nlp.pipe(list(texts), batch_size=self.batch_size)
        morphology = self.morphologies.get(language.strip().lower()[:2])
        if morphology is None or not morphology.ready():
            return [_tokens(doc) for doc in docs]
        parsed = []
        for doc in docs:
            parsed.append(recover_finite_verb(_tokens(doc, morphology.verb_lemma), morphology))
        return parsed

    def available(self, language: str) -> bool:
        """Whether a pipeline for the language loads (loading it if need be)."""
        return self.pipeline(language) is not None

    def load_one(self, spec: ModelSpec) -> Any | None:
        """A pipeline folder or installed package, parser included and NER left out."""
        return _load_pipeline(spec)

    def missing(self, lang: str, tried: Sequence[ModelSpec]) -> None:
        """Without a parser a language's events are not coded: say so once."""
        log.warning(
            "syntax: no %s parser (tried %s); its events are not coded",
            lang,
            ", ".join(str(spec) for spec in tried),
        )


def _load_pipeline(spec: ModelSpec) -> Any | None:
    """A pipeline folder or installed package without its NER; None if it is absent."""
    nlp = load_pipeline(spec, NOT_NEEDED)
    if nlp is None:
        return None
    if "parser" not in nlp.pipe_names:
        raise ValueError(f"{spec} has no 'parser' component")
    return nlp


def _tokens(doc: Any, verb_lemma: Callable[[str, str], str | None] | None = None) -> list[Token]:
    """A spaCy Doc as Tokens (offsets into the doc's text), verb lemmas repaired if given."""
    return [
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            lemma=(verb_lemma(t.text, t.tag_) if verb_lemma else None) or t.lemma_ or t.text,
            pos=t.pos_,
            tag=t.tag_,
            morph=str(t.morph),
            dep=t.dep_,
            head=t.head.i,
        )
        for t in doc
    ]


class MockSyntax:
    """A test double: parses with a function of (text, language), e.g. a table of fixed parses.

    ``MockSyntax(handler)``, as httpx's ``MockTransport``: the handler returns the tokens of one
    text, or None for a language it does not parse.
    """

    def __init__(
        self,
        handler: Callable[[str, str], list[Token] | None],
        languages: frozenset[str] | None = None,
    ) -> None:
        """Wrap the handler; `languages` it parses (None: whatever the handler takes)."""
        self.handler = handler
        self.languages = languages
        self.calls = 0  # texts parsed, for tests that check what is (not) parsed

    def available(self, language: str) -> bool:
        """Whether the double says it parses `language`."""
        return self.languages is None or language[:2] in self.languages

    def parse(self, texts: Sequence[str], language: str) -> list[list[Token]] | None:
        """The handler's tokens for each text; None when it returns None for any."""
        found = []
        for text in texts:
            self.calls += 1
            tokens = self.handler(text, language)
            if tokens is None:
                return None
            found.append(tokens)
        return found
