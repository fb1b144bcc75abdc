"""Reproduce the article choice, split and sentences of the English news event gold.

The gold files ``gold/en-news-tune.events.jsonl`` and ``gold/en-news-held.events.jsonl``
annotate the opening sentences of English articles inside the SemEval-2022 Task 8 training
pairs (``../shared/gold/dev/semeval2022-train.pairs.jsonl``; the texts are not copied into the
repository). An article is a side of a pair whose language is ``en``; a pair id
``semeval2022-<id1>_<id2>`` names its articles ``<id1>`` (``text1``) and ``<id2>`` (``text2``).

Method:

1. The distinct English article ids are sorted by number and shuffled with
   ``random.Random(SEED)``.
2. Walking the shuffled list from the front, an article is taken unless SKIPPED names it (with
   the annotator's reason), until QUOTA articles are taken. Taken: news about politics,
   government and public bodies, international relations, armed conflict, crime, police and
   courts, protests. Passed over: sports, entertainment, business and markets, science and
   health, weather and accidents, opinion columns and blogs, greetings, page clutter.
3. The held-out articles are ``random.Random(SEED).sample`` of round(n / 3) of the chosen ids
   (sorted by number first); the rest are tuning articles. The split was fixed before the
   system was run on any of them.

Each chosen article is segmented by the system's own sentence splitter (the pipeline's
sentence stage, ``newsevents.text.sentences``) and annotated from its first sentence on, at
most SENTENCES sentences, every sentence with a record (an empty event list included).

Usage:
    python scripts/pick_en_gold_articles.py [--pairs PATH] [--json | --skeleton]

Prints one line per chosen article (id, split, draw position); ``--json`` one JSON object per
line; ``--skeleton`` the gold records without events (``events: []``) with each sentence's
text under ``"_text"`` for annotation (not to be committed: the gold holds no text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

SEED = 2022
QUOTA = 30
SENTENCES = 12
HELD_SHARE = 1 / 3
PAIRS = "gold/dev/semeval2022-train.pairs.jsonl"  # relative to ../shared

# Articles passed over while drawing, with the reason (judged by the annotator from the text).
SKIPPED: dict[str, str] = {
    "1484038703": "a local newspaper closing (media business)",
    "1484035406": "sports and celebrity",
    "1484189099": "opinion column",
    "1484685682": "entertainment (awards menu)",
    "1526337926": "entertainment",
    "1546957384": "opinion column",
    "1484188761": "university exchange agreement (education, no political actor)",
    "1516983064": "page clutter (Twitter notice)",
    "1484625380": "blog post quoting a tweet",
    "1557859562": "medicine",
    "1484002341": "weather",
    "1484452087": "party chairman's new-year greeting letter",
    "1484399513": "tourism",
    "1484231118": "retrospective on an old intelligence report (analysis)",
    "1540491948": "accident",
    "1567179734": "partisan opinion blog",
    "1484038321": "sports",
    "1552360475": "a newspaper's appeal for donations",
    "1484396470": "celebrity gossip and page clutter",
    "1503837324": "sports",
    "1484406735": "year-in-review column",
    "1484699094": "share prices",
    "1484388693": "television recap",
    "1484331369": "lottery",
    "1484007958": "food trends",
    "1607129467": "business (airline fleet)",
    "1484227547": "former deputy governor's new-year greeting",
    "1484011243": "health research",
    "1484396414": "opinion piece",
    "1483782560": "leisure (winter hikes)",
    "1483788229": "markets",
    "1483917976": "traffic accident",
    "1484188353": "search for a missing person (no crime)",
    "1484188818": "advertising",
    "1483881503": "a pastor's prophecies",
    "1613073176": "business",
    "1484011253": "psychology",
    "1484191396": "municipal cost of abandoned boats (no political action)",
    "1484010039": "opinion piece about a pundit",
    "1484190416": "royal family reception",
    "1583475523": "sports",
    "1484012431": "shopping",
    "1484012807": "sports",
    "1483914306": "the pope frees his hand from a visitor (not political)",
    "1484007524": "accident",
    "1484039471": "page clutter around a headline",
    "1576621968": "German video shot list (not English prose)",
    "1484230045": "urban design project",
    "1484277599": "space programme",
    "1484205537": "sports obituary",
    "1484365007": "markets",
    "1484189433": "sports",
    "1484305811": "obituary (publishing)",
    "1484049687": "personal finance",
    "1483805984": "animal welfare",
    "1538515839": "greeting customs",
    "1484760224": "business (payment security incident)",
    "1568130261": "television opinion monologue",
    "1483803515": "celebrity",
    "1483831880": "sports",
}

DEFAULT_PAIRS = Path(__file__).resolve().parents[2] / "shared" / PAIRS


def load_articles(path: Path) -> dict[str, str]:
    """The English articles of the pair file, by article id (first text of each id)."""
    articles: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            pair = json.loads(line)
            first, _, second = pair["id"].rsplit("-", 1)[-1].partition("_")
            for article_id, side in ((first, "1"), (second, "2")):
                if pair[f"language{side}"] == "en":
                    articles.setdefault(article_id, pair[f"text{side}"])
    return articles


def draw(article_ids: list[str]) -> list[tuple[str, int]]:
    """The chosen articles as (id, position in the shuffled list)."""
    pool = sorted(article_ids, key=int)
    random.Random(SEED).shuffle(pool)
    chosen = [(a, position) for position, a in enumerate(pool) if a not in SKIPPED][:QUOTA]
    if len(chosen) < QUOTA:
        raise SystemExit(f"only {len(chosen)} of {QUOTA} articles left")
    return chosen


def split(article_ids: list[str]) -> set[str]:
    """The held-out ids: a seeded sample of a third of the chosen articles."""
    ordered = sorted(article_ids, key=int)
    return set(random.Random(SEED).sample(ordered, round(len(ordered) * HELD_SHARE)))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences the pipeline's sentence stage finds in an article."""
    from newsevents.evaluation.predict import analyse

    article = analyse(text, "en")
    if article.text != text:
        raise SystemExit("the pipeline changed the text: offsets would not match")
    return [(s.start, s.end) for s in article.sentences]


def skeleton(chosen: list[tuple[str, int]], held: set[str], articles: dict[str, str]) -> None:
    """Print gold records without events, numbered over both files (tune first, held after)."""
    number = 0
    for part in ("tune", "held"):
        for article_id, _ in chosen:
            if (article_id in held) != (part == "held"):
                continue
            text = articles[article_id]
            sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
            for index, (start, end) in enumerate(sentences(text)[:SENTENCES]):
                number += 1
                record: dict[str, Any] = {
                    "id": f"EN-NEWS-{number:04d}",
                    "task": "events",
                    "language": "en",
                    "type_only": True,
                    "source": {"file": PAIRS, "id": article_id, "sha1": sha1},
                    "start": start,
                    "end": end,
                    "sentence": index,
                    "events": [],
                    "_split": part,
                    "_text": text[start:end],
                }
                print(json.dumps(record, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="the SemEval pairs")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--skeleton", action="store_true", help="records to annotate")
    args = parser.parse_args(argv)
    if not args.pairs.is_file():
        print(f"not found: {args.pairs}", file=sys.stderr)
        return 1
    articles = load_articles(args.pairs)
    chosen = draw(list(articles))
    held = split([article_id for article_id, _ in chosen])
    if args.skeleton:
        skeleton(chosen, held, articles)
        return 0
    for article_id, position in chosen:
        part = "held" if article_id in held else "tune"
        if args.json:
            print(json.dumps({"id": article_id, "split": part, "position": position}))
        else:
            print(f"{article_id}\t{part}\t{position}")
    print(
        f"{len(chosen)} articles: {len(chosen) - len(held)} tune, {len(held)} held "
        f"(seed {SEED}, {len(SKIPPED)} skipped)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
