"""What the two spaCy training scripts (train_ner_de.py, train_syntax_de.py) share: the
training and optimizer sections of their configs, writing DocBins, and finishing a trained
model folder for shipping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# The [corpora] and [training] sections of a spaCy config: a str.format template like the
# scripts' own CONFIG ({dropout}, {patience}, {max_steps}, {eval_frequency}; ${{...}} stays a
# spaCy variable).
CORPORA_AND_TRAINING = """[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = {dropout}
accumulate_gradient = 1
patience = {patience}
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001
"""


def write_docbin(docs: list[Any], path: Path) -> None:
    """Save Docs as a spaCy DocBin."""
    from spacy.tokens import DocBin

    DocBin(docs=docs, store_user_data=False).to_disk(path)


def dir_size(path: Path) -> int:
    """Total bytes of the files under a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def finish_model(
    model_dir: Path, scratch_paths: tuple[str, ...], meta_update: dict[str, Any]
) -> None:
    """Clear the config's paths that point at this machine's scratch files and fill meta.json."""
    from spacy.util import load_config

    config = load_config(model_dir / "config.cfg", interpolate=False)
    for key in scratch_paths:
        if key in config["paths"]:
            config["paths"][key] = None
    config.to_disk(model_dir / "config.cfg")
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(meta_update)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
