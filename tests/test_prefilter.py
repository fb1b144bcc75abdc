"""The lexicon pre-check skips a pattern only where it cannot match: required literals, case
folding as `re` does it, and every trigger of the bundled lexicons on real and random texts."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.lang.prefilter import Prefilter, fold, required_literals
from newsevents.lang.profile import Lexicons

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories"


def test_the_most_selective_mandatory_part_is_required() -> None:
    pattern = re.compile(r"(?<!\w)(?:traf|trafen) (?:\w+ ){0,3}zusammen(?!\w)", re.I)
    assert required_literals(pattern) == frozenset({"zusammen"})
    # The parser splits off common prefixes; the run is joined again.
    assert required_literals(re.compile(r"weisen|weise", re.I)) == frozenset({"weisen", "weise"})
    # An optional part or a bare class requires nothing.
    assert required_literals(re.compile(r"(?:abc)?\w+")) is None


def test_folding_follows_the_re_modules_ignorecase() -> None:
    for literal, text in (("straße", "STRAẞE"), ("es", "ES"), ("kilo", "\u212ailo"), ("st", "ſt")):
        pattern = re.compile(literal, re.I)
        assert pattern.search(text)
        assert Prefilter(text).may_match(pattern), (literal, text)
    assert not Prefilter("STRASSE").may_match(re.compile("straße", re.I))
    assert fold("ſ") == fold("s")


def _triggers() -> list[re.Pattern[str]]:
    lexicons = Lexicons()
    return [t.regex for language in ("de", "en") for t in lexicons.triggers(language)]


def test_no_trigger_is_skipped_where_it_matches_a_real_article() -> None:
    patterns = _triggers()
    for path in sorted(FIXTURES.glob("*.jsonl")):
        text = path.read_text(encoding="utf-8")
        present = Prefilter(text)
        for pattern in patterns:
            if not present.may_match(pattern):
                assert pattern.search(text) is None, (path.name, pattern.pattern)


_TRIGGERS = _triggers()
_WORDS = ["trafen", "Treffen", "TRAF", "Gespräche", "abgeschoben", "met", "talks", "agreed"]
_WORDS += ["ſ", "\u212a", "İ", "ẞ", "Einigung", "erzielten", "sich", "für", "aus", "ein"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_a_skipped_trigger_never_matches_a_random_text(words: list[str]) -> None:
    text = " ".join(words) + "."
    present = Prefilter(text)
    for pattern in _TRIGGERS:
        if not present.may_match(pattern):
            assert pattern.search(text) is None, (text, pattern.pattern)
