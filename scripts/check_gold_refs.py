"""Check the news event gold (German and English) that points into texts we may not copy.

``gold/de-news-{tune,held,tune2,held2,held3,tune3}.events.jsonl`` and
``gold/en-news-{tune,held}.events.jsonl`` hold no article text: each record names its article
(``source.file`` and ``source.id``, a record of ``../shared/data/<file>``, or of
``../shared/<file>`` for a ``gold/...`` file; an article of a SemEval pair file is one side of
a pair, see ``newsevents.evaluation.gold.texts_by_id``), the SHA-1 of the article text, and the
sentence's character offsets (``start``/``end``, Python str indices, end exclusive). This
script resolves every record against the shared data and checks:

- the record's shape: id, task "events", language "de" or "en", (``type_only: true``), source,
  start, end, sentence, events; ids unique over all files;
- the article exists and its text has the recorded SHA-1 (UTF-8);
- 0 <= start < end <= len(text), the sentence has no leading or trailing whitespace, the sentences
  of an article are numbered 0, 1, 2 ... in text order with only whitespace between them, and no
  article is in two files (the split is by article); a short line the pipeline leaves out as
  boilerplate ("Advertisement") may lie between two sentences;
- each German article is annotated from its first sentence (offset 0) on, SENTENCES_DE
  sentences in a row, and the articles of each tune/held pair of German files are exactly those
  its draw script (``scripts/pick_gold_articles.py``, ``scripts/pick_gold_articles2.py`` with
  ``--draw 2``, ``--draw 3`` or ``--draw 4``) puts in that part (the third draw has a held part
  only, the fourth a tuning part only);
- each event of a ``type_only`` record: exactly ``{"type": <PLOVER type>}``;
- each other event: a PLOVER type, a status, actor and recipient lists of {code, sector,
  text} with a country code (ISO 3166-1 alpha-3), IGO, NGO or null; every party ``text``, the
  ``trigger`` (parts joined by "..." in order) and ``date_text``/``location_text`` occur in the
  sentence. A party text may be null only for the unnamed speaker of a continued quotation, and
  then it needs a code.

It prints the counts (articles, sentences, events, events per type, per file) and exits with 1
on any problem.

Usage:
    python scripts/check_gold_refs.py [--data-dir ../shared/data] [FILE ...]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = (
    ROOT / "gold" / "de-news-tune.events.jsonl",
    ROOT / "gold" / "de-news-held.events.jsonl",
    ROOT / "gold" / "de-news-tune2.events.jsonl",
    ROOT / "gold" / "de-news-held2.events.jsonl",
    ROOT / "gold" / "de-news-held3.events.jsonl",
    ROOT / "gold" / "de-news-tune3.events.jsonl",
    ROOT / "gold" / "en-news-tune.events.jsonl",
    ROOT / "gold" / "en-news-held.events.jsonl",
)
DEFAULT_DATA = ROOT.parent / "shared" / "data"

VERBAL_COOPERATION = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")
MATERIAL_COOPERATION = ("COOPERATE", "AID", "RETREAT")
VERBAL_CONFLICT = ("REQUEST", "ACCUSE", "REJECT", "THREATEN")
MATERIAL_CONFLICT = ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
TYPES = frozenset(VERBAL_COOPERATION + MATERIAL_COOPERATION + VERBAL_CONFLICT + MATERIAL_CONFLICT)
STATUSES = frozenset({"occurred", "planned", "negated", "hypothetical"})
RECORD_KEYS = ("id", "task", "language", "source", "start", "end", "sentence", "events")
TYPE_ONLY_KEYS = (
    "id",
    "task",
    "language",
    "type_only",
    "source",
    "start",
    "end",
    "sentence",
    "events",
)
LANGUAGES = frozenset({"de", "en"})
EVENT_KEYS = (
    "type",
    "actor",
    "recipient",
    "mode",
    "context",
    "status",
    "date_text",
    "location_text",
    "trigger",
)
# Between two sentences only whitespace, or whole lines the pipeline leaves out as boilerplate
# ("Advertisement"): the English records follow the pipeline's own segmentation.
BOILERPLATE_GAP = re.compile(r"^\s*\n[^\n]{1,40}\n\s*$")
CODE = re.compile(r"^[A-Z]{3}$")  # alpha-3, IGO, NGO
SECTOR = re.compile(r"^[A-Z]{3}$")
SENTENCES_DE = 7
# German gold drawn by a script: (script module, draw number (None: the first draw's own
# script), tune file (None: all held out), held file (None: all for tuning), tune label, held
# label).
DE_DRAWS: tuple[tuple[str, int | None, str | None, str | None, str, str], ...] = (
    (
        "pick_gold_articles",
        None,
        "de-news-tune.events.jsonl",
        "de-news-held.events.jsonl",
        "tune",
        "held",
    ),
    (
        "pick_gold_articles2",
        2,
        "de-news-tune2.events.jsonl",
        "de-news-held2.events.jsonl",
        "tune2",
        "held2",
    ),
    (
        "pick_gold_articles2",
        3,
        None,
        "de-news-held3.events.jsonl",
        "tune3",
        "held3",
    ),
    (
        "pick_gold_articles2",
        4,
        "de-news-tune3.events.jsonl",
        None,
        "tune3",
        "held4",
    ),
)


@dataclass
class Report:
    """Problems found and the counts to print."""

    problems: list[str] = field(default_factory=list)
    sentences: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    types: dict[str, Counter[str]] = field(default_factory=dict)
    empty: Counter[str] = field(default_factory=Counter)
    implicit: Counter[str] = field(default_factory=Counter)
    articles: dict[str, set[str]] = field(default_factory=dict)
    german: set[str] = field(default_factory=set)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def occurs_in_order(needle: str, haystack: str) -> bool:
    """Whether ``needle`` occurs in ``haystack``; parts joined by "..." must occur in order."""
    if needle in haystack:
        return True
    position = 0
    for part in (p.strip() for p in needle.split("...")):
        if not part:
            return False
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def load_texts(data_dir: Path, file_name: str, cache: dict[str, dict[str, str]]) -> dict[str, str]:
    """The articles of one shared data file, by id (read once)."""
    if file_name not in cache:
        texts: dict[str, str] = {}
        for path in (data_dir / file_name, data_dir.parent / file_name):
            if path.is_file():
                with path.open(encoding="utf-8") as handle:
                    for line in handle:
                        if line.strip():
                            add_texts(json.loads(line), texts)
                break
        cache[file_name] = texts
    return cache[file_name]


def add_texts(record: dict[str, Any], texts: dict[str, str]) -> None:
    """Add a text record's text, or both articles of a SemEval pair record, to ``texts``.

    A pair ``semeval2022-<id1>_<id2>`` gives ``text1`` as ``<id1>`` and ``text2`` as ``<id2>``;
    an article in several pairs keeps its first text (as ``newsevents.evaluation.gold``).
    """
    if "text" in record:
        texts[str(record["id"])] = str(record["text"])
        return
    first, _, second = str(record["id"]).rsplit("-", 1)[-1].partition("_")
    for article_id, key in ((first, "text1"), (second, "text2")):
        if article_id and key in record:
            texts.setdefault(article_id, str(record[key]))


def check_party(where: str, party: Any, sentence: str, report: Report, label: str) -> None:
    """One actor or recipient: its code, sector and text."""
    if not isinstance(party, dict) or set(party) != {"code", "sector", "text"}:
        report.problem(where, f"{label} must be {{code, sector, text}}: {party!r}")
        return
    code, sector, text = party["code"], party["sector"], party["text"]
    if code is not None and not (isinstance(code, str) and CODE.match(code)):
        report.problem(where, f"{label} code {code!r} is not alpha-3, IGO, NGO or null")
    if sector is not None and not (isinstance(sector, str) and SECTOR.match(sector)):
        report.problem(where, f"{label} sector {sector!r} is not a 3-letter code or null")
    if text is None:
        if code is None:
            report.problem(where, f"{label} has neither text nor code")
        report.implicit[where.split(" ")[0]] += 1
    elif not isinstance(text, str) or not text or text not in sentence:
        report.problem(where, f"{label} text {text!r} is not in the sentence")


def check_event(where: str, event: Any, sentence: str, report: Report, file_label: str) -> None:
    """One event of a record."""
    if not isinstance(event, dict) or tuple(event) != EVENT_KEYS:
        keys = list(event) if isinstance(event, dict) else event
        report.problem(where, f"event keys must be {list(EVENT_KEYS)}, got {keys!r}")
        return
    if event["type"] not in TYPES:
        report.problem(where, f"type {event['type']!r} is not a PLOVER type")
    if event["status"] not in STATUSES:
        report.problem(where, f"status {event['status']!r} is not one of {sorted(STATUSES)}")
    for role in ("actor", "recipient"):
        parties = event[role]
        if not isinstance(parties, list):
            report.problem(where, f"{role} must be a list")
            continue
        for party in parties:
            check_party(where, party, sentence, report, role)
    if event["mode"] is not None and not isinstance(event["mode"], str):
        report.problem(where, f"mode {event['mode']!r} must be a string or null")
    if not isinstance(event["context"], list):
        report.problem(where, "context must be a list")
    trigger = event["trigger"]
    if not isinstance(trigger, str) or not trigger or not occurs_in_order(trigger, sentence):
        report.problem(where, f"trigger {trigger!r} is not in the sentence")
    for key in ("date_text", "location_text"):
        value = event[key]
        if value is not None and (not isinstance(value, str) or value not in sentence):
            report.problem(where, f"{key} {value!r} is not in the sentence")
    report.events[file_label] += 1
    report.types.setdefault(file_label, Counter())[str(event["type"])] += 1


def check_type_only(where: str, event: Any, report: Report, file_label: str) -> None:
    """One event of a type_only record: ``{"type": <PLOVER type>}`` and nothing else."""
    if not isinstance(event, dict) or list(event) != ["type"] or event["type"] not in TYPES:
        report.problem(where, f"a type_only event must be {{'type': <PLOVER type>}}: {event!r}")
        return
    report.events[file_label] += 1
    report.types.setdefault(file_label, Counter())[str(event["type"])] += 1


def check_file(
    path: Path, data_dir: Path, report: Report, seen_ids: set[str], cache: dict[str, Any]
) -> None:
    """All records of one gold file."""
    label = path.name
    by_article: dict[str, list[tuple[int, int, int, str]]] = {}
    texts_of: dict[str, str] = {}
    report.articles[label] = set()
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    for number, line in enumerate(lines, 1):
        where = f"{label}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.problem(where, f"not JSON ({exc})")
            continue
        type_only = isinstance(record, dict) and record.get("type_only") is True
        expected = TYPE_ONLY_KEYS if type_only else RECORD_KEYS
        if not isinstance(record, dict) or tuple(record) != expected:
            keys = list(record) if isinstance(record, dict) else record
            report.problem(where, f"record keys must be {list(expected)}, got {keys!r}")
            continue
        record_id = str(record["id"])
        where = f"{record_id} ({label}:{number})"
        if record_id in seen_ids:
            report.problem(where, "duplicate id")
        seen_ids.add(record_id)
        if record["task"] != "events" or record["language"] not in LANGUAGES:
            report.problem(where, "task must be 'events' and language 'de' or 'en'")
        source = record["source"]
        if not isinstance(source, dict) or set(source) != {"file", "id", "sha1"}:
            report.problem(where, f"source must be {{file, id, sha1}}: {source!r}")
            continue
        texts = load_texts(data_dir, str(source["file"]), cache)
        article_id = str(source["id"])
        text = texts.get(article_id)
        if text is None:
            report.problem(
                where, f"article {article_id!r} not found in {data_dir / source['file']}"
            )
            continue
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != source["sha1"]:
            report.problem(where, f"sha1 of {article_id} does not match the shared text")
        start, end, index = record["start"], record["end"], record["sentence"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end, index)):
            report.problem(where, "start, end and sentence must be integers")
            continue
        if not 0 <= start < end <= len(text):
            report.problem(where, f"offsets {start}-{end} outside the text (length {len(text)})")
            continue
        sentence = text[start:end]
        if sentence != sentence.strip():
            report.problem(where, "sentence has leading or trailing whitespace")
        report.articles[label].add(article_id)
        if record["language"] == "de":
            report.german.add(label)
        texts_of[article_id] = text
        by_article.setdefault(article_id, []).append((index, start, end, record_id))
        report.sentences[label] += 1
        events = record["events"]
        if not isinstance(events, list):
            report.problem(where, "events must be a list")
            continue
        if not events:
            report.empty[label] += 1
        for event in events:
            if type_only:
                check_type_only(where, event, report, label)
            else:
                check_event(where, event, sentence, report, label)
    for article_id, rows in by_article.items():
        rows.sort()
        if [row[0] for row in rows] != list(range(len(rows))):
            report.problem(f"{label} {article_id}", "sentences are not numbered 0, 1, 2 ...")
        if label in report.german and (len(rows) != SENTENCES_DE or rows[0][1] != 0):
            report.problem(
                f"{label} {article_id}",
                f"a German article needs {SENTENCES_DE} sentences from its first (offset 0) on",
            )
        text = texts_of[article_id]
        for (_, _, previous_end, first), (_, start, _, second) in itertools.pairwise(rows):
            gap = text[previous_end:start]
            if start < previous_end or (gap.strip() and not BOILERPLATE_GAP.match(gap)):
                report.problem(f"{first}/{second}", "sentences overlap or leave text between")


def check_draws(data_dir: Path, report: Report) -> None:
    """The articles of each German tune/held pair (or held or tuning part alone) are those its
    draw script puts there."""
    sys.path.insert(0, str(ROOT / "scripts"))
    data = data_dir / "10kgnad-test.text.jsonl"
    for module_name, number, tune, held, tune_part, held_part in DE_DRAWS:
        files = [name for name in (tune, held) if name is not None]
        if any(name not in report.articles for name in files):
            continue
        if not data.is_file():
            report.problem(str(data), "not found: cannot check the draw of the German gold")
            return
        module = importlib.import_module(module_name)
        by_category = module.load_categories(data)
        if number is None:
            chosen = module.draw(by_category)
        else:
            existing = module.article_ids(module.DRAWS[number].existing_gold)
            chosen = module.draw(by_category, existing, number)
        ids = [article_id for article_id, _, _ in chosen]
        held_ids = module.split(ids) if number is None else module.split(ids, number)
        name = module_name if number is None else f"{module_name} --draw {number}"
        for label, part, wanted in (
            (tune, tune_part, set(ids) - held_ids),
            (held, held_part, held_ids),
        ):
            if label is None:
                for article_id in sorted(wanted):
                    report.problem(f"{name} {article_id}", f"{name} puts it in {part}: no file")
                continue
            got = report.articles[label]
            for article_id in sorted(got - wanted):
                report.problem(f"{label} {article_id}", f"not in the {part} part of {name}")
            for article_id in sorted(wanted - got):
                report.problem(f"{label} {article_id}", f"{part} article of {name} missing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    report = Report()
    seen_ids: set[str] = set()
    cache: dict[str, Any] = {}
    for path in args.files:
        if not path.is_file():
            report.problem(str(path), "file not found")
            continue
        check_file(path, args.data_dir, report, seen_ids, cache)
    labels = [path.name for path in args.files if path.name in report.articles]
    check_draws(args.data_dir, report)
    for first, second in ((a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]):
        for article_id in sorted(report.articles[first] & report.articles[second]):
            report.problem(article_id, f"in both {first} and {second} (split must be by article)")

    all_types: Counter[str] = Counter()
    for label in labels:
        types = report.types.get(label, Counter())
        all_types.update(types)
        print(
            f"{label}: {len(report.articles[label])} articles, {report.sentences[label]} "
            f"sentences ({report.empty[label]} without events), {report.events[label]} events"
        )
        print("  " + ", ".join(f"{t} {n}" for t, n in types.most_common()))
    print(
        f"total: {sum(len(a) for a in report.articles.values())} articles, "
        f"{sum(report.sentences.values())} sentences ({sum(report.empty.values())} without "
        f"events), {sum(report.events.values())} events, "
        f"{sum(report.implicit.values())} parties without text (unnamed quoted speakers)"
    )
    print("  " + ", ".join(f"{t} {n}" for t, n in all_types.most_common()))
    for problem in report.problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problems", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
