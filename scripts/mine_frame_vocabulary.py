"""Mine German news for predicate verbs and event nouns the frame lexicon does not hold yet.

The German frame lexicon (``newsevents/data/lexicons/frames.de.yaml``) was first grown from the
sentences of the tuning gold. This script draws its vocabulary from news outside the gold
instead, so that additions are judged on what German political reporting says, not on the
gold's sentences:

1. Articles: the 10kGNAD test split (``../shared/data/10kgnad-test.text.jsonl``) of the
   categories International, Inland and Panorama, minus every article that a record of the
   German gold files (``gold/de-news-*.jsonl``, their ``source.id``) annotates. The gold
   files are read for their article ids only. (The vocabulary pass of 2026-12-03 ran before the
   second draw existed: its corpus still held the 30 articles of ``de-news-tune2``/``held2``.)
2. Each article goes through the pipeline's own stages up to ``syntax`` (clean, language,
   sentences, the German parser with its lemma repairs), and every parsed sentence is cut into
   clause frames (``newsevents.events.frames``), their lemmas mended as the frame coder mends
   them (``newsevents.events.verblemmas``: "vorgeworf" -> "vorwerfen").
3. Counted: the predicate lemma of every verbal frame (separable particle joined: "lehnte ... ab"
   -> "ablehnen", "sich" marked with a leading "sich "), and event-noun candidates: the object
   nouns of the lexicon's support verbs, the subjects of its verbs of occurrence, and the
   nouns after "kommen zu" ("es kam zu Ausschreitungen"), by lemma.
4. Printed: lemmas that the lexicon holds neither as event verbs nor as verbs of saying
   (``--all``: every lemma), most frequent first, with their count and the number of articles
   they occur in; then the nouns that ``FrameLexicon.noun`` does not find (compounds count by
   their last part there), with the verbs they were seen with.

Usage:
    python scripts/mine_frame_vocabulary.py [--data PATH] [--verbs 800] [--nouns 300]
        [--min-count 2] [--all] [--examples N] [--limit ARTICLES]

The list is a worklist for a person who decides, for each lemma, its PLOVER type and options
or that it is no event; nothing is added to the lexicon by the script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # the gold-draw script beside this one

from pick_gold_articles import article_ids  # noqa: E402

from newsevents.config import STAGES  # noqa: E402
from newsevents.events.frames import PREDICATE_POS, Frame, extract_frames  # noqa: E402
from newsevents.events.verblemmas import mend  # noqa: E402
from newsevents.lang.clauses import ClauseLabels  # noqa: E402
from newsevents.lang.framelex import FrameLexicon  # noqa: E402
from newsevents.records import Article, Parse  # noqa: E402
from newsevents.resources import Resources  # noqa: E402
from newsevents.syntax import SpacySyntax, parse_sentences  # noqa: E402
from newsevents.text.read import ReadOptions, make_article  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "10kgnad-test.text.jsonl"
GOLD = sorted((ROOT / "gold").glob("de-news-*.jsonl"))  # every German gold file, of both draws
CATEGORIES = ("International", "Inland", "Panorama")
BEFORE_SYNTAX = ("clean", "language", "sentences")
NOUN_POS = {"NOUN", "PROPN"}


def articles(path: Path, skip: set[str], limit: int | None) -> list[tuple[str, str]]:
    """(id, text) of the chosen categories' articles, gold articles left out, in file order."""
    chosen = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("category") in CATEGORIES and row["id"] not in skip:
                chosen.append((row["id"], row["text"]))
    return chosen[:limit] if limit else chosen


@dataclass
class Corpus:
    """The mining corpus and what walking it needs: the German lexicon, clause labels and
    parser of the pipeline, and the articles (gold left out)."""

    lexicon: FrameLexicon
    labels: ClauseLabels
    articles: list[tuple[str, str]]
    resources: Resources = field(default_factory=Resources.bundled)
    syntax: SpacySyntax = field(default_factory=SpacySyntax)

    @classmethod
    def load(cls, data: Path, limit: int | None) -> Corpus:
        """The corpus of `data`; exits when the German syntax model is not installed."""
        resources = Resources.bundled()
        syntax = SpacySyntax()
        if syntax.pipeline("de") is None:
            raise SystemExit("the German syntax model is not installed")
        return cls(
            resources.lexicons.frames("de"),
            resources.lexicons.profile("de").clauses,
            articles(data, article_ids(GOLD), limit),
            resources,
            syntax,
        )

    def walk(self) -> Iterator[tuple[str, Article, Parse, list[Frame]]]:
        """(id, article, parse, frames) of every parsed sentence, article by article: the
        pipeline's stages up to the parse, the frames with their lemmas mended as the coder
        mends them ("vorgeworf" -> "vorwerfen")."""
        stages = [s for s in STAGES if s.name in BEFORE_SYNTAX]
        options = ReadOptions(published=dt.date(2016, 1, 1), language="de")
        for n, (doc_id, text) in enumerate(self.articles, 1):
            article = make_article(text, doc_id, options)
            for stage in stages:
                article = stage.run(article, self.resources)
            for parse in parse_sentences(article, self.syntax, self.labels):
                frames = extract_frames(parse, self.labels)
                for frame in frames:
                    mend(frame, self.lexicon)
                yield doc_id, article, parse, frames
            if n % 50 == 0:
                print(f"... {n}/{len(self.articles)} articles", file=sys.stderr)


def verb_key(frame: Frame) -> str | None:
    """The frame's predicate lemma as the lexicon looks it up, "sich " before a reflexive one;
    None for a clause headed by no verb (a predicate noun or adjective)."""
    token = frame.token
    if token.pos not in PREDICATE_POS or not frame.lemma.isalpha():
        return None
    return ("sich " if frame.reflexive else "") + frame.lemma.lower()


def noun_candidates(frame: Frame, lexicon: FrameLexicon) -> list[tuple[str, str]]:
    """(noun lemma, verb) pairs of the frame: objects of support verbs, subjects of verbs of
    occurrence, "kommen zu" nouns."""
    tokens = frame.parse.tokens
    lemma = frame.lemma.lower()
    found: list[int] = []
    if lemma in lexicon.support_verbs:
        found += frame.subjects if frame.passive else frame.objects
    if lemma in lexicon.occurrence_verbs and not frame.passive:
        found += frame.subjects
    if lemma == "kommen":
        found += [n for p, n in frame.obliques if p in {"zu", "zum", "zur"}]
    return [
        (tokens[i].lemma, lemma)
        for i in found
        if tokens[i].pos in NOUN_POS and tokens[i].lemma.isalpha()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--verbs", type=int, default=800, help="how many verb lemmas to print")
    parser.add_argument("--nouns", type=int, default=300, help="how many nouns to print")
    parser.add_argument("--min-count", type=int, default=2, help="leave out rarer lemmas")
    parser.add_argument("--all", action="store_true", help="lemmas in the lexicon too")
    parser.add_argument("--examples", type=int, default=0, help="clauses to show per verb")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)

    corpus = Corpus.load(args.data, args.limit)
    lexicon, chosen = corpus.lexicon, corpus.articles
    verbs: Counter[str] = Counter()
    verb_docs: dict[str, set[str]] = defaultdict(set)
    nouns: Counter[str] = Counter()
    noun_verbs: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for doc_id, article, _, frames in corpus.walk():
        for frame in frames:
            key = verb_key(frame)
            if key is not None:
                verbs[key] += 1
                verb_docs[key].add(doc_id)
                if len(examples[key]) < args.examples:
                    start, end = frame.span()
                    examples[key].append(article.text[start:end])
            for noun, verb in noun_candidates(frame, lexicon):
                nouns[noun] += 1
                noun_verbs[noun][verb] += 1

    known = set(lexicon.verbs) | set(lexicon.speech_verbs)
    print(f"# {len(chosen)} articles ({', '.join(CATEGORIES)}; gold articles left out)")
    print(f"# verb lemmas: {len(verbs)} ({sum(verbs.values())} clauses)")
    print("# count\tarticles\tlemma")
    shown = 0
    for key, count in verbs.most_common():
        if shown >= args.verbs or count < args.min_count:
            break
        if not args.all and key.removeprefix("sich ") in known:
            continue
        shown += 1
        print(f"{count}\t{len(verb_docs[key])}\t{key}")
        for clause in examples[key]:
            print(f"\t\t  | {' '.join(clause.split())[:160]}")
    print("# event-noun candidates (objects of support verbs, subjects of verbs of occurrence)")
    print("# count\tnoun\tverbs")
    shown = 0
    for noun, count in nouns.most_common():
        if shown >= args.nouns or count < args.min_count:
            break
        if not args.all and lexicon.noun(noun):
            continue
        shown += 1
        seen = ", ".join(f"{v} {c}" for v, c in noun_verbs[noun].most_common(4))
        print(f"{count}\t{noun}\t{seen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
