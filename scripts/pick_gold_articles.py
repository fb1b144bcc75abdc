"""Reproduce the article choice and the tune/held split of the German news event gold.

The gold files ``gold/de-news-tune.events.jsonl`` and ``gold/de-news-held.events.jsonl``
annotate the opening sentences of articles of the 10kGNAD test split
(``../shared/data/10kgnad-test.text.jsonl``, DerStandard 2015-2016, CC BY-NC-SA 4.0; the texts
are not copied into the repository). This script shows which articles were chosen and how.

Method:

1. For each category in CATEGORIES (in that order), the article ids of that category are
   sorted by their number and shuffled with one ``random.Random(SEED)`` shared by all
   categories, in that order.
2. Walking each shuffled list from the front, an article is taken unless SKIPPED names it
   (with the annotator's reason: full text withdrawn, fewer than SENTENCES sentences, or no
   political content), until the category's quota is filled.
3. The held-out articles are ``random.Random(SEED).sample`` of round(n / 3) of the chosen
   ids (sorted by number first); the rest are tuning articles.

Each chosen article is annotated from its first sentence (the teaser line) on, SENTENCES
sentences in a row, every sentence with a record (an empty event list included).

Usage:
    python scripts/pick_gold_articles.py [--data ../shared/data/10kgnad-test.text.jsonl] [--json]

Prints one line per chosen article (id, category, split, draw position), or with ``--json``
one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path

SEED = 20160
SENTENCES = 7
HELD_SHARE = 1 / 3

# Category and how many articles are drawn from it, in drawing order.
CATEGORIES: tuple[tuple[str, int], ...] = (
    ("International", 20),
    ("Inland", 16),
    ("Panorama", 7),
    ("Wirtschaft", 4),
)

# Articles passed over while drawing, with the reason (judged by the annotator).
SKIPPED: dict[str, str] = {
    # International
    "10kgnad-test-931": "explainer of the name Daesh: no political actor does anything",
    "10kgnad-test-437": "full text withdrawn (teaser and a legal notice only)",
    # Inland
    "10kgnad-test-868": "only 6 sentences",
    "10kgnad-test-490": "interview with a philosopher on public debate: no political event",
    "10kgnad-test-973": "reading-test results of pupils: no political actor or event",
    "10kgnad-test-387": "only 5 sentences",
    # Panorama: only articles about politics, crime/police/courts, protests or conflict
    "10kgnad-test-660": "fire at a castle (accident)",
    "10kgnad-test-806": "batteries and recycling",
    "10kgnad-test-707": "a bear attacks a jogger",
    "10kgnad-test-1001": "feature on rebuilding a house after Hurricane Katrina",
    "10kgnad-test-957": "design competition for a square in Vienna",
    "10kgnad-test-17": "flamingo chicks at the zoo",
    "10kgnad-test-302": "new public transport map",
    # Wirtschaft: same rule as Panorama
    "10kgnad-test-629": "rating agency on Ukrainian banks (business only)",
}

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "10kgnad-test.text.jsonl"


def article_ids(paths: Iterable[Path]) -> set[str]:
    """The article ids (``source.id``) the records of these gold files annotate; nothing else
    of them is read."""
    ids: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    ids.add(str(json.loads(line)["source"]["id"]))
    return ids


def _number(article_id: str) -> int:
    """The running number at the end of an id such as ``10kgnad-test-17``."""
    return int(article_id.rsplit("-", 1)[1])


def load_categories(path: Path) -> dict[str, list[str]]:
    """Article ids per category, each list sorted by the ids' numbers."""
    by_category: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            by_category.setdefault(record["category"], []).append(record["id"])
    for ids in by_category.values():
        ids.sort(key=_number)
    return by_category


def draw(
    by_category: dict[str, list[str]],
    passed_over: Iterable[str] = (),
    *,
    seed: int = SEED,
    categories: tuple[tuple[str, int], ...] = CATEGORIES,
) -> list[tuple[str, str, int]]:
    """The chosen articles as (id, category, position in the category's shuffled list); an
    article in SKIPPED or `passed_over` (another draw's, the skip list of a later draw) is not
    taken."""
    rng = random.Random(seed)
    excluded = set(SKIPPED) | set(passed_over)
    chosen: list[tuple[str, str, int]] = []
    for category, quota in categories:
        pool = list(by_category.get(category, []))
        rng.shuffle(pool)
        taken = 0
        for position, article_id in enumerate(pool):
            if taken == quota:
                break
            if article_id in excluded:
                continue
            chosen.append((article_id, category, position))
            taken += 1
        if taken < quota:
            raise SystemExit(f"category {category}: only {taken} of {quota} articles left")
    return chosen


def split(article_ids: list[str]) -> set[str]:
    """The held-out ids: a seeded sample of a third of the chosen articles."""
    ordered = sorted(article_ids, key=_number)
    return set(random.Random(SEED).sample(ordered, round(len(ordered) * HELD_SHARE)))


def print_draw(
    chosen: list[tuple[str, str, int]], held: set[str], parts: tuple[str, str], as_json: bool
) -> None:
    """One line per chosen article (id, category, part, draw position), or one JSON object;
    `parts` names the tuning and the held-out part."""
    for article_id, category, position in chosen:
        part = parts[1] if article_id in held else parts[0]
        if as_json:
            row = {"id": article_id, "category": category, "split": part, "position": position}
            print(json.dumps(row))
        else:
            print(f"{article_id}\t{category}\t{part}\t{position}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="10kgnad-test.text.jsonl")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"not found: {args.data}", file=sys.stderr)
        return 1
    chosen = draw(load_categories(args.data))
    held = split([article_id for article_id, _, _ in chosen])
    print_draw(chosen, held, ("tune", "held"), args.json)
    print(
        f"{len(chosen)} articles: {len(chosen) - len(held)} tune, {len(held)} held "
        f"(seed {SEED}, {len(SKIPPED)} skipped)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
