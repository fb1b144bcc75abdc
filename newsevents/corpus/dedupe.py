"""Near-duplicate articles: word 5-shingles, MinHash signatures and an LSH index over them.

An article whose shingle set has a Jaccard similarity of at least `COPY_JACCARD` with a stored
article is a copy of it: a syndicated text under another outlet's name, or an updated version
with a paragraph added. LSH only proposes candidates; the decision uses the exact Jaccard of the
two shingle sets, so the MinHash estimate's error (about ±0.035 at 0.8 with 128 permutations)
never decides.

The index persists in the store: a signature of `NUM_PERM` values is cut into the bands that
datasketch picks for `LSH_THRESHOLD` (18 bands of 7 values), and each band is stored as one
64-bit key in the `article_bands` table, which has an index on the key. The candidates of a new
article are the articles that share a band key with it, found by an index lookup, so the cost
of a check does not grow with the store and nothing is rebuilt when an ingest starts. Two
articles share a key exactly when datasketch's in-memory MinHashLSH would put them in the same
bucket (up to a 64-bit hash collision, which only adds a candidate that the exact Jaccard
then rejects). Storage: a 512-byte signature plus 18 keys (about 30 bytes each with the
index) per article; only the articles checked in the current batch are held in memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

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


# The key of the band hashes: keys of signatures made another way never meet.
_BAND_SALT = hashlib.blake2b(SCHEME.encode(), digest_size=32).digest()


def band_keys(values: np.ndarray[Any, Any]) -> list[int]:
    """The LSH band keys of a signature: one signed 64-bit integer per band.

    Each key hashes the band's values with its band number and the signature scheme, so two
    articles share a key exactly when that band of their signatures is equal.
    """
    bands, rows = _bands()
    raw = np.ascontiguousarray(values, dtype=values.dtype.newbyteorder("<")).tobytes()
    width = rows * values.dtype.itemsize
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(
            raw[band * width : (band + 1) * width],
            digest_size=8,
            key=_BAND_SALT,
            salt=band.to_bytes(16, "little"),
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class DuplicateIndex:
    """LSH over band keys: those added here, in memory, plus those a `lookup` finds (the
    store's `article_bands` table, through `corpus_db.band_candidates`)."""

    def __init__(self, lookup: Callable[[list[int]], Iterable[str]] | None = None) -> None:
        self.lookup = lookup
        self.buckets: dict[int, set[str]] = {}  # band key -> ids added in memory
        self.added: dict[str, list[int]] = {}  # id -> its band keys

    @property
    def size(self) -> int:
        """How many articles were added in memory."""
        return len(self.added)

    def add(self, article_id: str, values: np.ndarray[Any, Any]) -> list[int]:
        """Index one article's signature in memory; return its band keys."""
        if article_id in self.added:
            return self.added[article_id]
        keys = band_keys(values)
        self.added[article_id] = keys
        for key in keys:
            self.buckets.setdefault(key, set()).add(article_id)
        return keys

    def add_many(self, rows: Iterable[tuple[str, np.ndarray[Any, Any]]]) -> None:
        """Index many signatures in memory."""
        for article_id, values in rows:
            self.add(article_id, values)

    def clear(self) -> None:
        """Forget what was added in memory (it has been written to the store)."""
        self.buckets.clear()
        self.added.clear()

    def candidates(self, values: np.ndarray[Any, Any]) -> list[str]:
        """Ids of indexed articles that share a band with this signature."""
        keys = band_keys(values)
        found = {i for key in keys for i in self.buckets.get(key, ())}
        if self.lookup is not None:
            found.update(self.lookup(keys))
        return sorted(found)

    def match(
        self,
        shingle_set: set[bytes],
        values: np.ndarray[Any, Any],
        texts: Callable[[list[str]], dict[str, str]],
        ids: list[str] | None = None,
    ) -> CopyMatch | None:
        """The indexed article this text copies (highest Jaccard, ties by id), or None.

        `texts(ids)` returns the stored texts of candidate ids, so the exact Jaccard decides;
        `ids` are the candidates when the caller has looked them up already.
        """
        ids = self.candidates(values) if ids is None else ids
        if not ids:
            return None
        best: CopyMatch | None = None
        for article_id, text in sorted(texts(ids).items()):
            score = jaccard(shingle_set, shingles(text))
            if score >= COPY_JACCARD and (best is None or score > best.similarity):
                best = CopyMatch(article_id, round(score, 4))
        return best
