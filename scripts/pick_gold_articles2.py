"""Reproduce the second article draw and its tune2/held2 split of the German news event gold.

``gold/de-news-tune2.events.jsonl`` and ``gold/de-news-held2.events.jsonl`` annotate 30 further
articles of the 10kGNAD test split (``../shared/data/10kgnad-test.text.jsonl``), none of them in
the first draw (``scripts/pick_gold_articles.py``, files ``de-news-tune``/``de-news-held``).
The method is the first draw's with a new seed and smaller quotas:

1. For each category in CATEGORIES (in that order), the article ids of that category are
   sorted by their number and shuffled with one ``random.Random(SEED)`` shared by all
   categories, in that order.
2. Walking each shuffled list from the front, an article is taken unless it is already in a
   gold file of the first draw (EXISTING_GOLD, read from the files' ``source.id``) or SKIPPED
   names it (with the annotator's reason, by the first draw's rules: full text withdrawn,
   fewer than SENTENCES sentences, no political content; from Panorama and Wirtschaft only
   articles about politics, crime and courts, protests or conflict), until the category's
   quota is filled.
3. The held-out articles (held2) are ``random.Random(SEED).sample`` of HELD of the chosen ids
   (sorted by number first); the rest are tune2.

Each chosen article is annotated from its first sentence (the teaser line) on, SENTENCES
sentences in a row, every sentence with a record (an empty event list included).

Usage:
    python scripts/pick_gold_articles2.py [--data ../shared/data/10kgnad-test.text.jsonl] [--json]

Prints one line per chosen article (id, category, split, draw position), or with ``--json``
one JSON object per line.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pick_gold_articles import (
    DEFAULT_DATA,
    SENTENCES,
    _number,
    article_ids,
    load_categories,
    print_draw,
)
from pick_gold_articles import draw as first_draw

SEED = 20161
HELD = 10

# Category and how many articles are drawn from it, in drawing order.
CATEGORIES: tuple[tuple[str, int], ...] = (
    ("International", 13),
    ("Inland", 10),
    ("Panorama", 5),
    ("Wirtschaft", 2),
)

ROOT = Path(__file__).resolve().parents[1]
# The gold files of the first draw: their articles are never drawn again.
EXISTING_GOLD = (
    ROOT / "gold" / "de-news-tune.events.jsonl",
    ROOT / "gold" / "de-news-held.events.jsonl",
)

# Articles passed over while drawing, with the reason (judged by the annotator).
SKIPPED: dict[str, str] = {
    # International
    "10kgnad-test-52": "full text withdrawn (teaser and a legal notice only)",
    "10kgnad-test-261": "full text withdrawn (teaser and a legal notice only)",
    "10kgnad-test-426": "only 6 sentences",
    "10kgnad-test-236": "only 6 sentences",
    # Inland
    "10kgnad-test-868": "only 6 sentences",
    "10kgnad-test-403": "results of the national education report: statistics, no political event",
    "10kgnad-test-490": "interview with a philosopher on public debate: no political event",
    "10kgnad-test-127": "teacher training for traumatised refugee children: no political event",
    # Panorama: only articles about politics, crime/police/courts, protests or conflict
    "10kgnad-test-416": "religious holidays (and only 1 sentence)",
    "10kgnad-test-513": "the river Mur in an environmental award",
    "10kgnad-test-815": "stranded sperm whales with litter in their stomachs",
    "10kgnad-test-707": "a bear attacks a jogger",
    # Wirtschaft: same rule as Panorama
    "10kgnad-test-534": "the Austrian car industry at a press briefing (business only)",
}


def draw(by_category: dict[str, list[str]], existing: set[str]) -> list[tuple[str, str, int]]:
    """The chosen articles as (id, category, position in the category's shuffled list): the
    first draw's procedure with this draw's seed, quotas and skips, past `existing`."""
    return first_draw(by_category, existing | set(SKIPPED), seed=SEED, categories=CATEGORIES)


def split(article_ids: list[str]) -> set[str]:
    """The held-out ids (held2): a seeded sample of HELD of the chosen articles."""
    ordered = sorted(article_ids, key=_number)
    return set(random.Random(SEED).sample(ordered, HELD))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="10kgnad-test.text.jsonl")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"not found: {args.data}", file=sys.stderr)
        return 1
    existing = article_ids(EXISTING_GOLD)
    chosen = draw(load_categories(args.data), existing)
    held = split([article_id for article_id, _, _ in chosen])
    print_draw(chosen, held, ("tune2", "held2"), args.json)
    print(
        f"{len(chosen)} articles: {len(chosen) - len(held)} tune2, {len(held)} held2 "
        f"(seed {SEED}, {len(existing)} already in gold, {len(SKIPPED)} skipped; "
        f"{SENTENCES} sentences each)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
