"""Mine German news for evaluative words that speakers use: candidates for the frame lexicon's
``criticism`` and ``negated_praise`` lists (``newsevents/events/statements.py``).

Corpus and stages are those of ``mine_frame_vocabulary.py`` (imported from it): the 10kGNAD
test split's International, Inland and Panorama articles minus every article of the German gold
files (``gold/de-news-*.jsonl``, read for their ids only), run through the pipeline's stages up
to ``syntax`` and cut into clause frames, lemmas mended as the coder mends them.

A clause counts as spoken when ``Speakers.of_sentence`` gives it a speaker as the coder would,
with the attribution stage left out: the subject of a governing verb of saying, of a
", sagte X" beside the clause, or the speaker of the sentences just before when the sentence
goes on with their words. Counted in spoken clauses: the lemmas of attributive and predicative
adjectives/adverbs (ADJA, ADJD) and of nouns (NN), with the number of articles they occur in.
Printed most frequent first, words already in ``criticism``, ``negated_praise`` or
``necessity`` left out.

Usage:
    python scripts/mine_evaluative_words.py [--data PATH] [--top 600] [--min-count 2]
        [--examples N] [--limit ARTICLES]

The list is a worklist for a person who decides which words judge; the script adds nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from mine_frame_vocabulary import CATEGORIES, DATA, Corpus  # noqa: E402

from newsevents.events.statements import Speakers  # noqa: E402

TAGS = {"ADJA": "ADJ", "ADJD": "ADJ", "NN": "NOUN"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--top", type=int, default=600, help="how many words to print")
    parser.add_argument("--min-count", type=int, default=2, help="leave out rarer lemmas")
    parser.add_argument("--examples", type=int, default=0, help="clauses to show per word")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)

    corpus = Corpus.load(args.data, args.limit)
    lexicon, chosen = corpus.lexicon, corpus.articles
    words: Counter[tuple[str, str]] = Counter()
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    spoken = clauses = 0
    speakers, current = Speakers(lexicon, corpus.labels), ""
    for doc_id, article, parse, frames in corpus.walk():
        if doc_id != current:  # a new article: nobody has spoken yet
            speakers, current = Speakers(lexicon, corpus.labels), doc_id
        sentence = next(s for s in article.sentences if s.index == parse.sentence)
        # The speaker as token ids of the subject: no party resolution here.
        speaker_of = speakers.of_sentence(
            sentence, frames, [], lambda p, heads, s: [str(h) for h in heads]
        )
        for frame, speaker in zip(frames, speaker_of, strict=True):
            clauses += 1
            if not speaker:
                continue
            spoken += 1
            for i in frame.tokens:
                token = parse.tokens[i]
                kind = TAGS.get(token.tag)
                if kind is None or not token.lemma.isalpha():
                    continue
                lemma = token.lemma if kind == "NOUN" else token.lemma.lower()
                key = (lemma, kind)
                words[key] += 1
                docs[key].add(doc_id)
                if len(examples[key]) < args.examples:
                    start, end = frame.span()
                    examples[key].append(article.text[start:end])
        speakers.spoke(sentence, next((s for s in speaker_of if s), []))

    known = lexicon.criticism | lexicon.negated_praise | lexicon.necessity
    print(f"# {len(chosen)} articles ({', '.join(CATEGORIES)}; gold articles left out)")
    print(f"# {spoken} of {clauses} clauses have a speaker")
    print("# count\tarticles\tpos\tlemma")
    shown = 0
    for (lemma, kind), count in words.most_common():
        if shown >= args.top or count < args.min_count:
            break
        if lemma.lower() in known:
            continue
        shown += 1
        print(f"{count}\t{len(docs[(lemma, kind)])}\t{kind}\t{lemma}")
        for clause in examples[(lemma, kind)]:
            print(f"\t\t\t  | {' '.join(clause.split())[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
