"""The pipeline's stage order, in one place, and the defaults users can change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsevents.actors import link as actors
from newsevents.events import coder as events
from newsevents.mentions import finder as mentions
from newsevents.records import Article
from newsevents.text import clean, language, sentences

Stage = Callable[[Article], Article]

# 1 read happens before the pipeline (newsevents.text.read); 8 corpus and 9 store after it.
STAGES: list[tuple[str, Stage]] = [
    ("clean", clean.clean),  # 2. normalise, paragraphs, repeated paragraphs, content hash
    ("language", language.detect),  # 3. ISO 639-1 language
    ("sentences", sentences.split),  # 4. quote-aware sentences
    ("mentions", mentions.detect),  # 5. countries, places, persons, organisations, dates
    ("actors", actors.link),  # 6. canonical actors, "beide Seiten", dateline
    ("events", events.code),  # 7. PLOVER events, quotes, fusion
]

DEFAULT_DB = Path("newsevents.duckdb")
