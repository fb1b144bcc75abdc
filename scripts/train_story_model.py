"""Fit the same-story model and the language means shipped in newsevents/data/stories/.

Usage: python scripts/train_story_model.py [PAIRS.jsonl] [--seeds 10] [--out DIR] [--check]
       python scripts/train_story_model.py [PAIRS.jsonl] [--seeds 10] --holdout

1. Every article of the pair gold file (default: the SemEval-2022 development pairs in
   ../shared/gold/dev/) is analysed by the pipeline and embedded, as `eval` does it (the story
   vectors come from the vector cache when `eval` has run before).
2. Grouped 5-fold cross-validation, as `eval` prints it (seed 0, nested link thresholds), and
   the Pearson r over `--seeds` fold draws (mean and standard deviation).
3. The link threshold: the best same-story F1 on the pooled cross-validated similarities (never
   on a fitted model's own pairs). The candidate cosine: the lowest raw lead cosine of a pair
   linked there, and how many pairs each candidate threshold lets through.
4. The language means (of every article, no labels used) and the model (fitted on every pair)
   are written as JSON: aggregate statistics and coefficients, no text.

`--check` writes nothing: it fails when the files would change (the shipped model is
reproducible from the gold file and the pipeline).

`--holdout` writes nothing either: it sets aside a fifth of the pairs by connected sets
(`pair_cv.held_out`, a fixed seed), prints the fold-draw figures of the other four fifths (where
features are chosen), then fits the model on those four fifths and scores it on the fifth once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from newsevents.corpus.similarity import MEANS_PATH, MODEL_PATH, LanguageMeans, feature_rows
from newsevents.corpus.stories import CANDIDATE_COSINE
from newsevents.evaluation.gold import load_gold
from newsevents.evaluation.pair_cv import (
    MIN_LANGUAGE_ARTICLES,
    PairSet,
    cross_validate,
    held_out,
)
from newsevents.evaluation.pair_data import pair_set
from newsevents.evaluation.scoring.pairs import score_pairs
from newsevents.evaluation.story_fit import SAME_STORY_GOLD_MAX, best_link, fit_model
from newsevents.lang.profile import Lexicons

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev" / "semeval2022-train.pairs.jsonl"
# The features of the shipped model (corpus/similarity.py): the centred cosines of both vectors
# and of each lead with the other's body, the raw (uncentred) cosine of the leads, whether both
# articles are in a language the pipeline analyses fully, the overlaps of what the mentions stage
# finds, of words and of numbers. Not the overlaps of event actors and parties ("actors",
# "parties"): they tie the model to the event coder, so that every coder change moved the figures
# and left the shipped model stale; without them the 5-fold CV is the same (mean over 10 fold
# draws 0.797 overall either way, German-English 0.801 with them, 0.803 without). The numbers,
# the lead-body and the raw cosines were chosen by cross-validation on the four fifths of the
# pairs outside the held-out check (`--holdout`): mean over 10 fold draws 0.794 -> 0.803 overall
# there (0.797 -> 0.802 on all pairs). Tried there and left out, as they added nothing beyond
# the fold-draw noise: capitalised words, 5-letter word stems, character trigrams, text lengths,
# a cross-language flag, removing principal components, other ridge and tree settings.
FEATURES = (
    "cos_lead",
    "cos_body",
    "cos_lead_body",
    "raw_cos_lead",
    "analysed",
    "named",
    "persons",
    "places",
    "countries",
    "words",
    "numbers",
)
SCRIPT = "scripts/train_story_model.py"
GROUPS = ("all", "de-de", "de-en", "en-en", "other")


def main() -> int:
    """Fit, report, and write (or check) the model files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=MODEL_PATH.parent)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--holdout", action="store_true")
    args = parser.parse_args()
    _, records = load_gold(args.gold)
    started = time.perf_counter()
    data = pair_set(records)
    seconds = time.perf_counter() - started
    print(f"{len(records)} pairs, {len(data.profiles)} articles ({seconds:.0f} s)")
    analysed = frozenset(Lexicons().codes())
    if args.holdout:
        _holdout(records, data, analysed, args.seeds)
        return 0
    rows_for = data.rows_for(FEATURES, analysed)

    oof, linked, thresholds = cross_validate(data, FEATURES, rows_for)
    figures = _figures(records, oof, linked)
    print("cross-validated (seed 0, nested link thresholds):", _line(figures))
    print("  link thresholds of the folds:", ", ".join(f"{t:.3f}" for t in thresholds))
    _draws(records, data, analysed, args.seeds)

    link = best_link(oof, data.gold)
    print(
        f"link: similarity >= {link:.4f} (predicted gold <= {-link:.2f}), "
        f"F1 {_f1(oof >= link, data.gold):.3f} on the pooled cross-validated similarities"
    )
    _candidates(data, oof >= link)

    languages = [p.language for p in data.profiles]
    means = LanguageMeans.fit(data.vectors, languages, MIN_LANGUAGE_ARTICLES)
    x = feature_rows(FEATURES, analysed, means, data.pairs, data.profiles, data.vectors)
    model = fit_model(x, data.gold, FEATURES, link, sorted(analysed))
    print(
        "coefficients (standardised features, gold scale; negative: same story):",
        ", ".join(f"{f} {c:+.3f}" for f, c in zip(FEATURES, model.coef, strict=True)),
    )
    # A few rows across the gold scale with what the fitted model gave them: the shipped JSON
    # must give the same (tests/test_corpus_similarity.py).
    check = np.argsort(data.gold, kind="stable")[np.linspace(0, len(data.gold) - 1, 8).astype(int)]
    shipped_model = {
        **model.to_json(),
        "trained_on": {"gold": args.gold.name, "pairs": len(records), "script": SCRIPT},
        "check": {
            "rows": x[check].tolist(),
            "similarity": model.similarity(x[check]).tolist(),
        },
    }
    files = {
        args.out / MODEL_PATH.name: _dumps(shipped_model),
        args.out / MEANS_PATH.name: _dumps(means.to_json()),
    }
    if args.check:
        changed = [
            str(p)
            for p, text in files.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        print("changed:" if changed else "unchanged", *changed)
        return 1 if changed else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print("wrote", path)
    return 0


def _draws(
    records: list[dict[str, object]], data: PairSet, analysed: frozenset[str], seeds: int
) -> None:
    """Print the mean and standard deviation of the cross-validated Pearson r over fold draws."""
    rows_for = data.rows_for(FEATURES, analysed)
    draws = [
        _figures(records, cross_validate(data, FEATURES, rows_for, seed=s, nested=False)[0])
        for s in range(seeds)
    ]
    for group in GROUPS:
        values = [d["pearson"][group]["r"] for d in draws]
        spread = f"{np.mean(values):.4f} ± {np.std(values):.4f}"
        print(f"  {group:6s} over {seeds} fold draws: {spread}")


def _holdout(
    records: list[dict[str, object]], data: PairSet, analysed: frozenset[str], seeds: int
) -> None:
    """Fold draws on the four fifths outside the held-out check, then the model fitted there
    scored once on the check."""
    check = held_out(data.components)
    dev = data.subset(~check)
    dev_records = [r for r, c in zip(records, check, strict=True) if not c]
    check_records = [r for r, c in zip(records, check, strict=True) if c]
    print(f"development part: {len(dev_records)} pairs; held-out check: {len(check_records)}")
    _draws(dev_records, dev, analysed, seeds)
    allowed = np.zeros(len(data.profiles), dtype=bool)
    for i, j in dev.pairs:
        allowed[[i, j]] = True
    x = dev.rows_for(FEATURES, analysed)(allowed)  # language means of the development articles
    model = fit_model(x, dev.gold, FEATURES, 0.0, sorted(analysed))
    rows = data.subset(check).rows_for(FEATURES, analysed)(allowed)
    pearson = _figures(check_records, model.similarity(rows))["pearson"]
    print(
        "held-out check (fitted on the development part):",
        " ".join(f"{g} {pearson[g]['r']:.4f} (n {pearson[g]['n']})" for g in GROUPS),
    )


def _figures(
    records: list[dict[str, object]], similarity: np.ndarray, linked: np.ndarray | None = None
) -> dict[str, dict[str, object]]:
    predictions = {
        str(r["id"]): {
            "similarity": float(s),
            **({"same_story": bool(linked[n])} if linked is not None else {}),
        }
        for n, (r, s) in enumerate(zip(records, similarity, strict=True))
    }
    return score_pairs(records, predictions)


def _line(figures: dict[str, dict[str, object]]) -> str:
    pearson = figures["pearson"]
    same = figures["same_story"]
    return " ".join(f"{g} {pearson[g]['r']:.3f} (n {pearson[g]['n']})" for g in GROUPS) + (
        f"; same story P {same['p']:.3f} R {same['r']:.3f} F1 {same['f1']:.3f}"
        f" (tp {same['tp']}, fp {same['fp']}, fn {same['fn']})"
    )


def _f1(linked: np.ndarray, gold: np.ndarray) -> float:
    same = gold <= SAME_STORY_GOLD_MAX
    tp = int(np.sum(linked & same))
    return 2 * tp / max(1, 2 * tp + int(np.sum(linked & ~same)) + int(np.sum(~linked & same)))


def _candidates(data: PairSet, linked: np.ndarray) -> None:
    """How the raw lead cosine (the candidate search) covers the pairs the model links."""
    lead = data.vectors["lead"]
    raw = np.asarray([float(lead[i] @ lead[j]) for i, j in data.pairs])
    same, unrelated = data.gold <= SAME_STORY_GOLD_MAX, data.gold >= 3.5
    print(
        f"lowest raw lead cosine of a linked pair: {raw[linked].min():.3f}"
        f" (candidates from {CANDIDATE_COSINE})"
    )
    for c in (0.80, 0.82, 0.84, 0.86, 0.88, 0.90):
        keep = raw >= c
        print(
            f"  raw lead cosine >= {c:.2f}: keeps {keep[linked].mean():.3f} of the links,"
            f" {keep[same].mean():.3f} of the same-story pairs,"
            f" {keep[unrelated].mean():.3f} of the unrelated ones"
        )


def _dumps(data: dict[str, object]) -> str:
    return json.dumps(data, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    sys.exit(main())
