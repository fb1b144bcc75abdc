"""Token-phrase matching of knowledge-base aliases: longest phrase first, in any layer.

Every alias is split into tokens once; ``Matcher.at`` looks the tokens of a text up in a
dictionary. ``LayeredMatcher`` puts a store's learned persons over the bundled matcher without
copying or rebuilding it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

TOKEN = re.compile(r"\w+|[^\w\s]")
_SAME_LENGTH_FIXES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2011": "-", "\u2010": "-"})
FOLD_MIN_CHARS = 4  # names at least this long also match in ALL-CAPS datelines ("ISLAMABAD")
CONJUNCTIONS = {"und", "oder", "sowie", "bzw", "bis", "and", "or", "&"}

Hit = tuple[int, str, str]  # (token count, target, form)


class Alias(NamedTuple):
    surface: str
    target: str  # entry id or role id
    form: str
    priority: int
    fold: bool = False  # also match the ALL-CAPS spelling


@dataclass(slots=True)
class Matcher:
    """Token-phrase dictionary with longest-match lookup."""

    exact: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    folded: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)  # first token -> max phrase length
    longest_folded: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, aliases: Iterable[Alias]) -> Matcher:
        """Index aliases; where two claim the same tokens, the lower priority value wins."""
        matcher = cls()
        for alias in sorted(aliases, key=lambda a: a.priority):
            matcher.add(alias)
        return matcher

    def add(self, alias: Alias, *, keep: Callable[[str, str], bool] | None = None) -> None:
        """Index one alias. Tokens already claimed stay with their target, unless
        `keep(old_target, new_target)` says False."""
        words = tokens(alias.surface)
        if not words:
            return
        self._claim(self.exact, words, (alias.target, alias.form), keep)
        self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))
        if alias.fold and len(alias.surface) >= FOLD_MIN_CHARS:
            folded = tuple(w.casefold() for w in words)
            self._claim(self.folded, folded, (alias.target, alias.form), keep)
            first = folded[0]
            self.longest_folded[first] = max(self.longest_folded.get(first, 0), len(words))

    @staticmethod
    def _claim(
        index: dict[tuple[str, ...], tuple[str, str]],
        key: tuple[str, ...],
        value: tuple[str, str],
        keep: Callable[[str, str], bool] | None,
    ) -> None:
        old = index.get(key)
        if old is None or (keep is not None and not keep(old[0], value[0])):
            index[key] = value

    def lookup(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        """(target, form) of exactly these tokens, or None."""
        return self.exact.get(words)

    def at(self, words: list[str], i: int) -> Hit | None:
        """Longest phrase starting at token i: (token count, target, form)."""
        found = self.at_folded(words, i)
        return found[0] if found else None

    def at_folded(self, words: list[str], i: int) -> tuple[Hit, bool] | None:
        """Like `at`, and whether the hit matched the ALL-CAPS (folded) spelling."""
        n = len(words)
        best: tuple[int, str, str] | None = None
        limit = self.longest.get(words[i], 0)
        for size in range(min(limit, n - i), 0, -1):
            exact = self.exact.get(tuple(words[i : i + size]))
            if exact is not None:
                best = (size, *exact)
                break
        word = words[i]
        if len(word) > 1 and word.isupper():
            limit = self.longest_folded.get(word.casefold(), 0)
            for size in range(min(limit, n - i), best[0] if best else 0, -1):
                window = words[i : i + size]
                if not all(w.isupper() or not w.isalpha() for w in window):
                    continue
                folded = self.folded.get(tuple(w.casefold() for w in window))
                if folded is not None:
                    return (size, *folded), True
        return (best, False) if best else None


class TokenMatcher(Protocol):
    """What matching needs of a matcher, layered or not."""

    def at(self, words: list[str], i: int) -> Hit | None:
        """Longest phrase starting at token i."""

    def lookup(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        """(target, form) of exactly these tokens."""


@dataclass(slots=True)
class LayeredMatcher:
    """A small matcher of learned names over a large one, as if both were built together.

    The longest phrase wins; where both match as many tokens, an exact spelling beats an
    ALL-CAPS one and then the upper layer wins, as the learned names' user priority would in
    one combined matcher.
    """

    upper: Matcher
    lower: Matcher

    def at(self, words: list[str], i: int) -> Hit | None:
        """Longest phrase starting at token i over both layers."""
        up, low = self.upper.at_folded(words, i), self.lower.at_folded(words, i)
        if up is None or low is None:
            found = up or low
            return found[0] if found else None
        (up_hit, up_folded), (low_hit, low_folded) = up, low
        if up_hit[0] != low_hit[0]:
            return up_hit if up_hit[0] > low_hit[0] else low_hit
        return low_hit if up_folded and not low_folded else up_hit

    def lookup(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        """(target, form) of exactly these tokens, the upper layer first."""
        return self.upper.lookup(words) or self.lower.lookup(words)


def normalize(text: str) -> str:
    """Same-length replacements so typographic apostrophes and hyphens match ASCII ones."""
    return text.translate(_SAME_LENGTH_FIXES)


def tokens(text: str) -> tuple[str, ...]:
    """The word and punctuation tokens of a text, typographic marks made ASCII."""
    return tuple(TOKEN.findall(normalize(text)))


def truncated_compound(
    matcher: TokenMatcher, spans: list[re.Match[str]], words: list[str], i: int
) -> tuple[int, str] | None:
    """Resolve 'Zentral-' in 'Zentral- und Südasien' and 'Central' in 'Central and South Asia'.

    Returns (end offset, entry id) of the truncated first part, or None.
    """
    n = len(words)
    word = words[i]
    if not word.isalpha() or not word[:1].isupper():
        return None
    # German: "Zentral-" directly hyphenated, a space, a conjunction, then one word.
    if (
        i + 3 < n
        and words[i + 1] == "-"
        and spans[i + 1].start() == spans[i].end()
        and spans[i + 2].start() > spans[i + 1].end()
        and words[i + 2] in CONJUNCTIONS
    ):
        second = words[i + 3]
        for cut in range(1, len(second) - 2):
            hit = matcher.lookup((word + second[cut:],))
            if hit is not None and hit[1] == "name":
                return spans[i + 1].end(), hit[0]
        return None
    # English and German multi-word: "Central and South Asia" -> "Central Asia".
    if i + 3 < n and words[i + 1] in CONJUNCTIONS:
        nxt = matcher.at(words, i + 2)
        if nxt is not None and nxt[0] >= 2:
            hit = matcher.lookup((word, *words[i + 3 : i + 2 + nxt[0]]))
            if hit is not None and hit[1] == "name":
                return spans[i].end(), hit[0]
    return None
