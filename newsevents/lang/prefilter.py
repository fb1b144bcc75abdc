"""A cheap, exact pre-check for lexicon regexes: skip a pattern whose required words are absent.

An event lexicon has hundreds of patterns (328 German triggers), each scanned over every
article: 55 ms of an article's 140 ms in the profile of docs/PERFORMANCE.md, although most
patterns cannot match at all. `required_literals(pattern)` reads the pattern's parse tree and
returns strings of which every match must contain at least one ("treffen", "traf", "getroffen"
for a meeting trigger); `Prefilter.may_match` looks for them in the case-folded text, which costs
microseconds, and only patterns that may match are run.

The check is exact: it only ever skips a pattern that cannot match. Case folding follows the
`re` module's IGNORECASE rules (str.lower plus the extra equivalences of `re._casefix`, such as
"ſ" and "s"), and it is applied to every pattern, case-sensitive ones too, since an exact
occurrence is also a case-folded one. A pattern the reader does not understand gets no
literals, and it is always run.
"""

from __future__ import annotations

import functools
import re
import re._casefix as _casefix  # the equivalences IGNORECASE adds beyond str.lower
import re._constants as sre
import re._parser as sre_parse  # the stdlib's own parser: the tree `re.compile` builds from
from typing import Any

# Every character of an IGNORECASE equivalence class folds to the class's smallest member.
_CASEFIX = str.maketrans(
    {
        chr(code): chr(min(code, *others))
        for code, others in _casefix._EXTRA_CASES.items()
        if min(code, *others) != code
    }
)
MIN_LITERAL_CHARS = 3  # shorter required strings occur in nearly every text: not worth a check
MAX_RUN_STRINGS = 64  # alternatives of literals joined into one run, at most


def fold(text: str) -> str:
    """Lower-case text with the `re` module's extra case equivalences folded together."""
    return text.lower().translate(_CASEFIX)


@functools.lru_cache(maxsize=4096)
def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Folded strings one of which every match of `pattern` contains; None when unknown."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # a construct of another Python version: no pre-check, run the regex
        return None
    found = _sequence(list(tree))
    if found is None or any(len(s) < MIN_LITERAL_CHARS for s in found):
        return None
    return frozenset(found)


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best required set of a sequence: any one mandatory part's set will do.

    Consecutive parts that match only fixed strings are joined into one run ("w" "ei" then
    "sen|se" is the run {"weisen", "weise"}), since the parser splits off common prefixes.
    """
    candidates: list[set[str]] = []
    run: set[str] | None = None
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is not None:
            run = fixed if run is None else {a + b for a in run for b in fixed}
            if len(run) <= MAX_RUN_STRINGS:
                continue
            fixed = None  # too many combinations: close the run before this part
            run = None
        if run is not None:
            candidates.append(run)
            run = None
        part = _item(op, av)
        if part is not None:
            candidates.append(part)
    if run is not None:
        candidates.append(run)
    usable = [c for c in (_folded(c) for c in candidates) if c is not None]
    # The most selective set: the one whose shortest string is longest.
    return max(usable, key=lambda c: min(len(s) for s in c), default=None)


def _fixed(op: Any, av: Any) -> set[str] | None:
    """The strings a part matches when it matches only fixed strings (a literal, or a group
    or alternation of literals); None otherwise."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.SUBPATTERN:
        return _all_fixed(list(av[-1]))
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            strings = _all_fixed(list(branch))
            if strings is None:
                return None
            found |= strings
        return found if len(found) <= MAX_RUN_STRINGS else None
    return None


def _all_fixed(items: list[tuple[Any, Any]]) -> set[str] | None:
    run = {""}
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is None:
            return None
        run = {a + b for a in run for b in fixed}
        if len(run) > MAX_RUN_STRINGS:
            return None
    return run


def _item(op: Any, av: Any) -> set[str] | None:
    """The required set of one parse item, None where it requires no particular text."""
    if op is sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in av[1]]
        if any(b is None for b in branches):
            return None  # one alternative without a literal: the group requires nothing
        return set().union(*(b for b in branches if b is not None))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    return None  # classes, lookarounds, anchors, optional parts: no required text


def _folded(candidate: set[str]) -> set[str] | None:
    """The folded strings of a set; None if folding would change a string's length (the
    dotted capital I), where containment no longer follows from a case-insensitive match."""
    result = set()
    for text in candidate:
        folded = fold(text)
        if len(folded) != len(text) or not folded.strip():
            return None
        result.add(folded)
    return result


class Prefilter:
    """The folded text of one stretch of an article, asked which patterns may match in it."""

    __slots__ = ("folded",)

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.folded = fold(text[start:end])

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        """False only when the pattern cannot match anywhere in the text."""
        literals = required_literals(pattern)
        return literals is None or any(map(self.folded.__contains__, literals))
