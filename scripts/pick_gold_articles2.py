"""Reproduce the later article draws of the German news event gold: the second (tune2/held2), the
third (held3) and the fourth (tune3).

``gold/de-news-tune2.events.jsonl`` and ``gold/de-news-held2.events.jsonl`` annotate 30 further
articles of the 10kGNAD test split (``../shared/data/10kgnad-test.text.jsonl``), none of them in
the first draw (``scripts/pick_gold_articles.py``, files ``de-news-tune``/``de-news-held``);
``gold/de-news-held3.events.jsonl`` annotates 20 more, none of them in either earlier draw, all
held out; ``gold/de-news-tune3.events.jsonl`` annotates 30 more, none of them in an earlier
draw, all for tuning. Each later draw is the first draw's method with its own seed, quotas and skips
(DRAWS):

1. For each category of the draw (in that order), the article ids of that category are sorted
   by their number and shuffled with one ``random.Random(seed)`` shared by all categories, in
   that order.
2. Walking each shuffled list from the front, an article is taken unless it is already in a
   gold file of an earlier draw (``existing``, read from the files' ``source.id``) or a skip list
   names it (this draw's and every earlier draw's, each with the annotator's reason, by the first
   draw's rules: full text withdrawn, fewer than SENTENCES sentences, no political content; from
   Panorama and Wirtschaft only articles about politics, crime and courts, protests or
   conflict), until the category's quota is filled.
3. The held-out articles are ``random.Random(seed).sample`` of ``held`` of the chosen ids
   (sorted by number first), all of them where ``held`` is None, none where it is 0; the rest
   are for tuning.

Each chosen article is annotated from its first sentence (the teaser line) on, SENTENCES
sentences in a row, every sentence with a record (an empty event list included).

Usage:
    python scripts/pick_gold_articles2.py [--draw 2|3|4]
        [--data ../shared/data/10kgnad-test.text.jsonl] [--json]

Prints one line per chosen article (id, category, split, draw position), or with ``--json``
one JSON object per line. Without ``--draw`` it gives the second draw.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
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

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"


@dataclass(frozen=True)
class Draw:
    """One later draw: its seed, quotas (category and count, in drawing order), how many of the
    chosen articles are held out (None: all), the gold files whose articles are never drawn
    again, the articles passed over with the annotator's reason, and the names of its tuning and
    held-out parts."""

    number: int
    seed: int
    categories: tuple[tuple[str, int], ...]
    held: int | None  # None: all held out; 0: none
    existing_gold: tuple[Path, ...]
    skipped: dict[str, str]
    parts: tuple[str, str]


SECOND = Draw(
    number=2,
    seed=20161,
    categories=(("International", 13), ("Inland", 10), ("Panorama", 5), ("Wirtschaft", 2)),
    held=10,
    # The gold files of the first draw.
    existing_gold=(GOLD / "de-news-tune.events.jsonl", GOLD / "de-news-held.events.jsonl"),
    skipped={
        # International
        "10kgnad-test-52": "full text withdrawn (teaser and a legal notice only)",
        "10kgnad-test-261": "full text withdrawn (teaser and a legal notice only)",
        "10kgnad-test-426": "only 6 sentences",
        "10kgnad-test-236": "only 6 sentences",
        # Inland
        "10kgnad-test-868": "only 6 sentences",
        "10kgnad-test-403": (
            "results of the national education report: statistics, no political event"
        ),
        "10kgnad-test-490": "interview with a philosopher on public debate: no political event",
        "10kgnad-test-127": "teacher training for traumatised refugee children: no political event",
        # Panorama: only articles about politics, crime/police/courts, protests or conflict
        "10kgnad-test-416": "religious holidays (and only 1 sentence)",
        "10kgnad-test-513": "the river Mur in an environmental award",
        "10kgnad-test-815": "stranded sperm whales with litter in their stomachs",
        "10kgnad-test-707": "a bear attacks a jogger",
        # Wirtschaft: same rule as Panorama
        "10kgnad-test-534": "the Austrian car industry at a press briefing (business only)",
    },
    parts=("tune2", "held2"),
)

THIRD = Draw(
    number=3,
    seed=20162,
    categories=(("International", 9), ("Inland", 7), ("Panorama", 3), ("Wirtschaft", 1)),
    held=None,  # all 20 held out: a fresh set to measure on
    # The gold files of the first and second draws (de-news-held.second annotates the articles
    # of de-news-held again).
    existing_gold=(
        GOLD / "de-news-tune.events.jsonl",
        GOLD / "de-news-held.events.jsonl",
        GOLD / "de-news-tune2.events.jsonl",
        GOLD / "de-news-held2.events.jsonl",
    ),
    skipped={
        # Panorama: only articles about politics, crime/police/courts, protests or conflict
        "10kgnad-test-764": (
            "migrants found dead of thirst in the Sahara, IOM figures and a warning of the danger:"
            " no political act, crime, protest or conflict"
        ),
    },
    parts=("tune3", "held3"),
)

FOURTH = Draw(
    number=4,
    seed=20163,
    categories=(("International", 13), ("Inland", 10), ("Panorama", 5), ("Wirtschaft", 2)),
    held=0,  # all 30 for tuning: a fresh set to look at, measured once before tuning on it
    # Every German gold file of the first three draws (de-news-held.second annotates the
    # articles of de-news-held again).
    existing_gold=(
        GOLD / "de-news-tune.events.jsonl",
        GOLD / "de-news-held.events.jsonl",
        GOLD / "de-news-tune2.events.jsonl",
        GOLD / "de-news-held2.events.jsonl",
        GOLD / "de-news-held3.events.jsonl",
    ),
    skipped={
        # Inland
        "10kgnad-test-138": "only 6 sentences",
        "10kgnad-test-528": (
            "figures of the education ministry on mother-tongue teaching: statistics, no"
            " political event"
        ),
        # Panorama: only articles about politics, crime/police/courts, protests or conflict
        "10kgnad-test-305": "two work accidents on building sites (accidents)",
        "10kgnad-test-705": (
            "questions and answers on what the law does with refugees who commit crimes: an"
            " explainer, no act of anyone"
        ),
        "10kgnad-test-737": "portrait of a volunteer who coordinates helpers for refugees",
        # Wirtschaft: same rule as Panorama
        "10kgnad-test-892": "interview with a socio-economist on poverty in Austria",
        "10kgnad-test-564": "Siemens employees as shareholders (business only)",
        "10kgnad-test-545": "an analyst on oil prices before an OPEC meeting (business only)",
        "10kgnad-test-340": "a survey of employees on work e-mails at leisure: statistics",
        "10kgnad-test-532": "Peugeot's half-year profit (business only)",
        "10kgnad-test-148": "an insurer's profit and dividend (business only)",
        "10kgnad-test-40": "a change of chief executive at Henkel (business only)",
    },
    parts=("tune3", "held4"),
)

DRAWS: dict[int, Draw] = {draw.number: draw for draw in (SECOND, THIRD, FOURTH)}

# The second draw under the names this module has always given it (scripts/check_gold_refs.py).
SEED = SECOND.seed
HELD = SECOND.held
CATEGORIES = SECOND.categories
EXISTING_GOLD = SECOND.existing_gold
SKIPPED = SECOND.skipped


def skipped_until(number: int) -> set[str]:
    """The articles passed over by the later draws up to `number` (the first draw's skips are
    applied by its own ``draw``)."""
    return {article for n, d in DRAWS.items() if n <= number for article in d.skipped}


def draw(
    by_category: dict[str, list[str]], existing: set[str], number: int = 2
) -> list[tuple[str, str, int]]:
    """The chosen articles of draw `number` as (id, category, position in the category's
    shuffled list): the first draw's procedure with this draw's seed, quotas and skips (and the
    earlier draws' skips), past `existing`."""
    spec = DRAWS[number]
    passed_over = existing | skipped_until(number)
    return first_draw(by_category, passed_over, seed=spec.seed, categories=spec.categories)


def split(article_ids: list[str], number: int = 2) -> set[str]:
    """The held-out ids of draw `number`: a seeded sample of its ``held`` chosen articles, all
    of them (``held`` None) or none (``held`` 0)."""
    spec = DRAWS[number]
    ordered = sorted(article_ids, key=_number)
    if spec.held is None:
        return set(ordered)
    if spec.held == 0:
        return set()
    return set(random.Random(spec.seed).sample(ordered, spec.held))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--draw", type=int, choices=sorted(DRAWS), default=2, help="which draw")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="10kgnad-test.text.jsonl")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"not found: {args.data}", file=sys.stderr)
        return 1
    spec = DRAWS[args.draw]
    existing = article_ids(spec.existing_gold)
    chosen = draw(load_categories(args.data), existing, args.draw)
    held = split([article_id for article_id, _, _ in chosen], args.draw)
    print_draw(chosen, held, spec.parts, args.json)
    tune_part, held_part = spec.parts
    print(
        f"{len(chosen)} articles: {len(chosen) - len(held)} {tune_part}, {len(held)} {held_part} "
        f"(seed {spec.seed}, {len(existing)} already in gold, {len(spec.skipped)} skipped; "
        f"{SENTENCES} sentences each)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
