"""Data files for newsevents that are licensed apart from its Apache-2.0 code.

Word lists read by the German NER rules (``newsevents/ner/lexicon.py``), under share-alike or
free-documentation licences (see this distribution's README.md):

* ``names/given_names.tsv``: GNU Free Documentation License 1.2 or later, no invariant sections;
* ``names/common_nouns.txt.gz``, ``names/noun_names.txt``: CC BY-SA 4.0;
* ``models/syntax-de/``: the German syntax model (weights trained on UD German), CC BY-SA 4.0.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

DATA_DIR = Path(__file__).resolve().parent
NAMES_DIR = DATA_DIR / "names"
MODELS_DIR = DATA_DIR / "models"
