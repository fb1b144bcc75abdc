"""Same-story similarity of two articles, from what the pipeline stored about each.

Every feature is a function of the two articles' stored data; nothing is analysed again when
two articles are compared:

- the cosines of their story vectors (`embed.story_text`, title and lead, and `embed.body_text`,
  the first `embed.BODY_CHARS` characters), each vector minus its language's mean vector first
  (`LanguageMeans`): multilingual-e5 puts all texts of one language close together, and taking
  the language out lets the story speak ("cos_lead", "cos_body", and "cos_lead_body": each
  article's lead with the other's body, averaged both ways); and the raw cosine of the two lead
  vectors ("raw_cos_lead", the one the candidate search uses);
- whether both articles are in a language the model saw analysed (`analysed_languages`);
- the overlap (Jaccard) of what they name, by canonical id, so across languages: their actors,
  named actors (persons, organisations, groups), persons, places, countries, the parties of
  their events; of their words (4 letters and more); and of their numbers (`numbers`, written
  alike across languages and scripts: the one overlap that needs no analysis, so it speaks for
  languages the pipeline does not analyse too).

Only the first `embed.BODY_CHARS` characters count, for the words, numbers and names too: the
development pairs the model was fitted on are about that long, and longer texts would shift every
overlap. A small model (`StoryModel`: ridge regression on the standardised features, then an
isotonic map to the annotators' 1..4 scale, averaged with monotone gradient-boosted trees scored
in numpy; `scripts/train_story_model.py`) turns the features into a similarity. Model and
language means are frozen data (`newsevents/data/stories/`), so a link depends only on the two
articles, never on what else is stored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.corpus.embed import BODY_CHARS, DIM, body_text
from newsevents.datafiles import data_path
from newsevents.records import Article

Vector = np.ndarray[Any, np.dtype[np.float32]]
MODEL_PATH = data_path("stories", "story_model.json")
MEANS_PATH = data_path("stories", "language_means.json")
ALL_LANGUAGES = "*"  # the mean of every language: for languages with too few articles of their own
NAMED_KINDS = frozenset({"person", "organization", "group"})
PLACE_KINDS = frozenset({"place", "country", "region"})
COUNTRY_PREFIX = "country:"
_WORD = re.compile(r"\w{4,}")  # shorter words are mostly function words
# A number: digits (of any script), with group or decimal separators between them ("1.000",
# "1,000", "3,5", "1'000", Arabic ones); a space never joins two numbers.
_SEPARATORS = ".,'\u2019\u066b\u066c\u00a0\u202f"
_NUMBER = re.compile(rf"\d+(?:[{_SEPARATORS}]\d+)*")
_SPLIT = re.compile(rf"[{_SEPARATORS}]")


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article names, by canonical id, and its words: one side of a comparison."""

    language: str
    words: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()


# (kind, actor id, country code, start offset) of one mention, as the `mentions` table holds it
MentionRow = tuple[str, str | None, str | None, int]


def words(text: str) -> frozenset[str]:
    """The casefolded words of four letters or more, numbers left out."""
    return frozenset(w.casefold() for w in _WORD.findall(text) if not any(ch.isdigit() for ch in w))


def numbers(text: str) -> frozenset[str]:
    """The numbers of a text, normalised so that languages agree: ASCII digits, thousands
    groups joined ("1.000", "1,000", "1 000" with a no-break space, "1000": "1000"), a decimal
    part after a point ("3,5" and "3.50": "3.5"), leading zeros dropped ("09": "9")."""
    out = set()
    for match in _NUMBER.finditer(text):
        token = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in match.group())
        whole, *rest = _SPLIT.split(token)
        if rest and all(len(part) == 3 for part in rest):  # thousands groups
            whole, rest = whole + "".join(rest), []
        whole = whole.lstrip("0") or "0"
        if len(rest) == 1:  # a decimal
            fraction = rest[0].rstrip("0")
            out.add(f"{whole}.{fraction}" if fraction else whole)
        else:  # dates and versions ("3.3.2020"): each part a number
            out.update([whole, *(part.lstrip("0") or "0" for part in rest)])
    return frozenset(out)


def make_profile(
    language: str | None,
    body: str,
    mentions: Iterable[MentionRow],
    parties: Iterable[str],
) -> Profile:
    """A profile from an article's body text (`embed.body_text`), its mentions and the parties
    of its events, each taken only where it starts within the first `BODY_CHARS` characters."""
    kinds: dict[str, set[str]] = {}
    countries: set[str] = set()
    for kind, actor_id, country, start in mentions:
        if start >= BODY_CHARS:
            continue
        if country:
            countries.add(country)
        if actor_id:
            kinds.setdefault(kind, set()).add(actor_id)
            if actor_id.startswith(COUNTRY_PREFIX):
                countries.add(actor_id.removeprefix(COUNTRY_PREFIX))
    party_set = frozenset(parties)
    actors = set().union(*kinds.values()) if kinds else set()
    return Profile(
        language=(language or "").lower(),
        words=words(body),
        actors=frozenset(actors | party_set),
        named=frozenset(a for k in NAMED_KINDS for a in kinds.get(k, ())),
        persons=frozenset(kinds.get("person", ())),
        places=frozenset(a for k in PLACE_KINDS for a in kinds.get(k, ())),
        countries=frozenset(countries),
        parties=party_set,
        numbers=numbers(body),
    )


def article_profile(article: Article) -> Profile:
    """The profile of a processed article (the same as the store's rows of it give)."""
    mentions = [(m.kind, m.actor_id, m.country, m.start) for m in article.mentions]
    parties = [
        p
        for e in article.events
        if e.evidence and min(s.start for s in e.evidence) < BODY_CHARS
        for p in (*e.actors, *e.recipients)
    ]
    return make_profile(article.language, body_text(article.text, article.title), mentions, parties)


@dataclass(frozen=True, slots=True)
class LanguageMeans:
    """The mean story vector of each language (and of all, under "*"), by vector kind."""

    means: Mapping[str, Mapping[str, Vector]]  # kind ("lead", "body") -> language -> mean
    counts: Mapping[str, int] = field(default_factory=dict)  # articles per language

    @classmethod
    def fit(
        cls, vectors: Mapping[str, Vector], languages: Sequence[str], min_articles: int
    ) -> LanguageMeans:
        """Means of these articles' vectors (rows); a language with fewer than `min_articles`
        gets none of its own and is centred by the mean of all."""
        langs = np.asarray(languages)
        counts = {
            str(k): int(n) for k, n in zip(*np.unique(langs, return_counts=True), strict=True)
        }
        means: dict[str, dict[str, Vector]] = {}
        for kind, rows in vectors.items():
            own = {
                lang: rows[langs == lang].mean(0).astype(np.float32)
                for lang, n in counts.items()
                if n >= min_articles
            }
            means[kind] = {**own, ALL_LANGUAGES: rows.mean(0).astype(np.float32)}
        return cls(means, counts)

    def centre(self, kind: str, vectors: Vector, languages: Sequence[str]) -> Vector:
        """Rows minus their language's mean, L2-normalised again."""
        table = self.means[kind]
        mu = np.stack([table.get(lang, table[ALL_LANGUAGES]) for lang in languages])
        centred = np.asarray(vectors, dtype=np.float32).reshape(len(languages), DIM) - mu
        norms = np.linalg.norm(centred, axis=1, keepdims=True)
        return np.asarray(centred / np.maximum(norms, 1e-9), dtype=np.float32)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form (6 decimals: far below the model's resolution)."""
        return {
            "counts": dict(self.counts),
            **{
                kind: {lang: [round(float(x), 6) for x in v] for lang, v in table.items()}
                for kind, table in self.means.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LanguageMeans:
        """The inverse of `to_json`."""
        means = {
            kind: {lang: np.asarray(v, dtype=np.float32) for lang, v in table.items()}
            for kind, table in data.items()
            if kind != "counts"
        }
        return cls(means, dict(data.get("counts", {})))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


# The overlaps, by feature name, and the profile field each compares.
OVERLAPS = {
    "actors": "actors",
    "named": "named",
    "persons": "persons",
    "places": "places",
    "countries": "countries",
    "parties": "parties",
    "words": "words",
    "numbers": "numbers",
}


def overlap_features(a: Profile, b: Profile) -> dict[str, float]:
    """The Jaccard overlaps of two profiles, by feature name."""
    return {name: _jaccard(getattr(a, f), getattr(b, f)) for name, f in OVERLAPS.items()}


@dataclass(frozen=True, slots=True)
class Trees:
    """Gradient-boosted regression trees (scikit-learn's HistGradientBoostingRegressor, exported
    as arrays): the prediction is `baseline` plus one leaf value per tree. Each tree is a tuple
    of node arrays: feature, threshold, left, right, is_leaf, value; a row goes left when its
    feature is at or below the threshold."""

    baseline: float
    trees: tuple[tuple[tuple[float, ...], ...], ...]
    _arrays: list[tuple[np.ndarray[Any, Any], ...]] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def __post_init__(self) -> None:
        for feature, threshold, left, right, is_leaf, value in self.trees:
            self._arrays.append(
                (
                    np.asarray(feature, dtype=np.int64),
                    np.asarray(threshold, dtype=np.float64),
                    np.asarray(left, dtype=np.int64),
                    np.asarray(right, dtype=np.int64),
                    np.asarray(is_leaf, dtype=bool),
                    np.asarray(value, dtype=np.float64),
                )
            )

    def predict(self, x: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The predicted gold score of each row."""
        out = np.full(len(x), self.baseline, dtype=np.float64)
        rows = np.arange(len(x))
        for feat, thr, lo, hi, leaf, val in self._arrays:
            node = np.zeros(len(x), dtype=np.int64)
            while not leaf[node].all():
                go_left = x[rows, feat[node]] <= thr[node]
                node = np.where(leaf[node], node, np.where(go_left, lo[node], hi[node]))
            out += val[node]
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form."""
        return {"baseline": self.baseline, "trees": [[list(a) for a in t] for t in self.trees]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Trees:
        """The inverse of `to_json`."""
        return cls(
            float(data["baseline"]),
            tuple(tuple(tuple(float(v) for v in a) for a in t) for t in data["trees"]),
        )


@dataclass(frozen=True, slots=True)
class StoryModel:
    """Ridge regression over standardised features, then an isotonic map, predicting the
    annotators' score (1 same story .. 4 unrelated); the similarity is minus that prediction.

    `link` is the similarity at and above which two articles are linked; `score` maps a
    similarity linearly to [0, 1] with 0 at minus the scale's end and the link at 0.5.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    iso_x: tuple[float, ...]
    iso_y: tuple[float, ...]
    link: float
    analysed_languages: frozenset[str] = frozenset()
    scale_end: float = 4.0  # the annotators' "unrelated"
    trees: Trees | None = None  # with trees: the average of both predictions

    def similarity(self, rows: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Similarity (minus the predicted score) of feature rows in `features` order."""
        x = np.asarray(rows, dtype=np.float64).reshape(-1, len(self.features))
        predicted = (x - np.asarray(self.mean)) / np.asarray(self.scale) @ np.asarray(
            self.coef
        ) + self.intercept
        if self.iso_x:
            # Like scikit-learn's IsotonicRegression.predict: linear between the fitted points,
            # clipped at both ends.
            predicted = np.interp(-predicted, self.iso_x, self.iso_y)
        if self.trees is not None:
            predicted = 0.5 * (predicted + self.trees.predict(x))
        return np.asarray(-predicted, dtype=np.float64)

    def score(self, similarity: float) -> float:
        """A same-story score in [0, 1], linear in the similarity; 0.5 is the link."""
        span = self.link + self.scale_end  # from "unrelated" (-scale_end) to the link
        return float(min(1.0, max(0.0, 0.5 * (similarity + self.scale_end) / span)))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form."""
        return {
            "kind": "ridge+isotonic" + (" & trees, averaged" if self.trees else ""),
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "iso_x": list(self.iso_x),
            "iso_y": list(self.iso_y),
            "link": self.link,
            "analysed_languages": sorted(self.analysed_languages),
            "scale_end": self.scale_end,
            **({"trees": self.trees.to_json()} if self.trees else {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoryModel:
        """The inverse of `to_json`."""
        return cls(
            features=tuple(data["features"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            coef=tuple(data["coef"]),
            intercept=float(data["intercept"]),
            iso_x=tuple(data.get("iso_x", ())),
            iso_y=tuple(data.get("iso_y", ())),
            link=float(data["link"]),
            analysed_languages=frozenset(data.get("analysed_languages", ())),
            scale_end=float(data.get("scale_end", 4.0)),
            trees=Trees.from_json(data["trees"]) if data.get("trees") else None,
        )


@lru_cache(maxsize=1)
def shipped() -> tuple[StoryModel, LanguageMeans]:
    """The frozen model and language means of `newsevents/data/stories/`."""
    return load(MODEL_PATH, MEANS_PATH)


@lru_cache(maxsize=1)
def trained_on() -> dict[str, Any]:
    """What the shipped model was fitted on (`{"gold": file name, "pairs": n, "script": ...}`;
    empty for a model file without it)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return dict(data.get("trained_on", {}))


def load(model_path: Path, means_path: Path) -> tuple[StoryModel, LanguageMeans]:
    """A model and language means from their JSON files."""
    model = StoryModel.from_json(json.loads(model_path.read_text(encoding="utf-8")))
    means = LanguageMeans.from_json(json.loads(means_path.read_text(encoding="utf-8")))
    return model, means


def feature_rows(
    features: Sequence[str],
    analysed_languages: frozenset[str],
    means: LanguageMeans,
    pairs: Sequence[tuple[int, int]],
    profiles: Sequence[Profile],
    vectors: Mapping[str, Vector],
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """One row of `features` per pair (indices into the articles' profiles and into the rows of
    `vectors`, by kind: "lead", "body"). Every feature is symmetric: a pair gives the same row
    either way round."""
    languages = [p.language for p in profiles]
    cosines = {}
    centred = {kind: means.centre(kind, rows, languages) for kind, rows in vectors.items()}
    for kind, rows in centred.items():
        if f"cos_{kind}" in features:
            cosines[f"cos_{kind}"] = [float(rows[i] @ rows[j]) for i, j in pairs]
    if "cos_lead_body" in features:
        lead, body = centred["lead"], centred["body"]
        cosines["cos_lead_body"] = [
            0.5 * (float(lead[i] @ body[j]) + float(lead[j] @ body[i])) for i, j in pairs
        ]
    if "raw_cos_lead" in features:
        raw = np.asarray(vectors["lead"], dtype=np.float32).reshape(len(profiles), DIM)
        raw = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-9)
        cosines["raw_cos_lead"] = [float(raw[i] @ raw[j]) for i, j in pairs]
    table = []
    for n, (i, j) in enumerate(pairs):
        a, b = profiles[i], profiles[j]
        values = overlap_features(a, b)
        values["analysed"] = float(
            a.language in analysed_languages and b.language in analysed_languages
        )
        values.update({name: column[n] for name, column in cosines.items()})
        table.append([values[name] for name in features])
    return np.asarray(table, dtype=np.float64).reshape(len(pairs), len(features))
