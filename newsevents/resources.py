"""What the stages read besides the article: knowledge base, NER and parser backends, language
data.

Stages never reach for process-wide objects: `Pipeline` hands each stage the `Resources` it
was built with. The bundled resources (`Resources.bundled()`) are loaded once per process and
never changed, so `extract` gives the same result whatever the process did before. Persons
learned from a store live in a `PersonLayer` of that store (`with_persons`), not in the
bundled knowledge base.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from newsevents.kb.base import KnowledgeBase
from newsevents.kb.layer import PersonLayer
from newsevents.lang.profile import Lexicons
from newsevents.ner.backend import NerBackend, SpacyNer
from newsevents.syntax.backend import SpacySyntax, SyntaxBackend


@dataclass(frozen=True, slots=True)
class Resources:
    """The knowledge base, NER and parser backends and language profiles/lexicons of one
    pipeline."""

    kb: KnowledgeBase
    lexicons: Lexicons
    ner: NerBackend | None = None  # None: no statistical NER, rules and knowledge base only
    syntax: SyntaxBackend | None = None  # None: no parses, so no events are coded

    @classmethod
    def bundled(cls) -> Resources:
        """The knowledge base, lexicons and NER models shipped with the package (loaded once)."""
        return _bundled()

    def with_persons(self, layer: PersonLayer) -> Resources:
        """The same resources, with a store's learned persons over the knowledge base."""
        return replace(self, kb=self.kb.with_layer(layer))


@functools.cache
def _bundled() -> Resources:
    # Loaded once and frozen: nothing may add to the bundled knowledge base in place.
    return Resources(KnowledgeBase.load().freeze(), Lexicons(), SpacyNer(), SpacySyntax())
