"""Near-duplicate articles: word 5-shingles, MinHash signatures and an LSH index over them.

An article whose shingle set has a Jaccard similarity of at least `COPY_JACCARD` with a stored
article is a copy of it: a syndicated text under another outlet's name, or an updated version
with a paragraph added. LSH only proposes candidates; the decision uses the exact Jaccard of the
two shingle sets, so the MinHash estimate's error (about ±0.035 at 0.8 with 128 permutations)
never decides.

Memory: a signature is `NUM_PERM` 32-bit values (datasketch >= 2.0; 64-bit before), 512 bytes
in the store's `article_signatures` table. In RAM the LSH index keeps, per article, one band
key per band in a dict of sets and the list of its band keys (14 bands of 9 values): 6.1 KiB
per article measured with tracemalloc on 100k signatures (`scripts/bench_corpus.py`), so about
600 MiB per 100k articles, rebuilt from the store when an ingest starts.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsevents.text.clean import content_key

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5  # words per shingle: long enough that shared phrases mean shared text
NUM_PERM = 128  # MinHash permutations: 512 bytes per signature
SEED = 1  # the permutations' seed; stored signatures are only comparable with the same seed
COPY_JACCARD = 0.8  # shingle Jaccard at or above which an article is a copy of another
# LSH is tuned below the decision threshold so that pairs at 0.8 are almost surely candidates
# (probability > 0.999 with the bands datasketch picks); the exact Jaccard then decides.
LSH_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the case- and whitespace-folded text; one shingle for shorter texts."""
    words = _WORD.findall(content_key(text))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def jaccard(first: set[bytes], second: set[bytes]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def _scheme() -> str:
    # The tag stored beside each signature: signatures made with another datasketch hashing
    # scheme, permutation count or shingle size are recomputed instead of compared.
    probe = MinHash(num_perm=1, seed=SEED)
    name = getattr(probe, "scheme", "legacy")
    return f"{name}/{probe.hashvalues.dtype}/p{NUM_PERM}/s{SEED}/w{SHINGLE_WORDS}"


SCHEME = _scheme()


def signature(shingle_set: set[bytes]) -> np.ndarray[Any, Any]:
    """The MinHash signature of a shingle set (`NUM_PERM` values)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(shingle_set))
    values: np.ndarray[Any, Any] = minhash.hashvalues
    return values


def to_bytes(values: np.ndarray[Any, Any]) -> bytes:
    """A signature as bytes for the store."""
    return values.tobytes()


def from_bytes(blob: bytes) -> np.ndarray[Any, Any]:
    """A signature read back from the store."""
    dtype = MinHash(num_perm=1, seed=SEED).hashvalues.dtype
    return np.frombuffer(blob, dtype=dtype)


def _lean(values: np.ndarray[Any, Any]) -> Any:
    probe = MinHash(num_perm=1, seed=SEED)
    if hasattr(probe, "scheme"):  # datasketch >= 2.0 asks for the hashing scheme
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=probe.scheme)
    return LeanMinHash(seed=SEED, hashvalues=values)


@dataclass(slots=True, frozen=True)
class CopyMatch:
    """A stored article that a new text copies, and their shingle Jaccard similarity."""

    canonical_id: str
    similarity: float


@functools.cache
def _bands() -> tuple[int, int]:
    # datasketch integrates false positive and negative rates to pick (bands, rows): 70 ms
    # with scipy, so once per process, not once per ingest.
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


class DuplicateIndex:
    """An in-memory LSH index of the signatures of canonical (non-copy) articles."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands())
        self.size = 0

    def add(self, article_id: str, values: np.ndarray[Any, Any]) -> None:
        """Index one article's signature; an id already indexed is left as it is."""
        if article_id in self.lsh.keys:
            return
        self.lsh.insert(article_id, _lean(values))
        self.size += 1

    def add_many(self, rows: Iterable[tuple[str, np.ndarray[Any, Any]]]) -> None:
        """Index many signatures (rebuilding the index from the store)."""
        for article_id, values in rows:
            self.add(article_id, values)

    def candidates(self, values: np.ndarray[Any, Any]) -> list[str]:
        """Ids of indexed articles whose estimated similarity is near or above the threshold."""
        if not self.size:
            return []
        return sorted(self.lsh.query(_lean(values)))

    def match(
        self,
        shingle_set: set[bytes],
        values: np.ndarray[Any, Any],
        texts: Callable[[list[str]], dict[str, str]],
    ) -> CopyMatch | None:
        """The indexed article this text copies (highest Jaccard, ties by id), or None.

        `texts(ids)` returns the stored texts of candidate ids, so the exact Jaccard decides.
        """
        ids = self.candidates(values)
        if not ids:
            return None
        best: CopyMatch | None = None
        for article_id, text in sorted(texts(ids).items()):
            score = jaccard(shingle_set, shingles(text))
            if score >= COPY_JACCARD and (best is None or score > best.similarity):
                best = CopyMatch(article_id, round(score, 4))
        return best
