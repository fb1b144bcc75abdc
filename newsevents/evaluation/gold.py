"""Loading gold files: JSON Lines of records, or one JSON object for a document.

A gold file holds records of one task (``ner``, ``events``, ``pair``, ``document`` or ``text``),
described in the shared gold README. ``load_gold`` reads a file, checks the fields that scoring
relies on and returns ``(task, records)``; anything malformed raises :class:`GoldFileInvalid`
naming the file and the line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "TASKS",
    "GoldFileInvalid",
    "GoldTextsUnavailable",
    "detect_task",
    "load_gold",
    "texts_by_id",
]

DATA_ENV = "NEWSEVENTS_DATA"  # folder of the texts that gold records reference by id

TASKS = frozenset({"ner", "events", "pair", "document", "text"})

# Top-level fields each task needs, with the JSON types allowed for them.
_NUMBER = (int, float)
_RECORD_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "ner": {"id": (str,), "text": (str,), "entities": (list,)},
    "events": {"id": (str,), "events": (list,)},
    "pair": {"id": (str,), "language1": (str,), "language2": (str,), "similarity": _NUMBER},
    "document": {"id": (str,), "entities": (list,), "events": (list,)},
    "text": {"id": (str,), "text": (str,)},
}

# Fields each item of a record's list needs: (task, list field) -> {field: allowed types}.
_ITEM_FIELDS: dict[tuple[str, str], dict[str, tuple[type, ...]]] = {
    ("ner", "entities"): {"start": (int,), "end": (int,), "label": (str,)},
    ("events", "events"): {"type": (str,)},
    ("document", "entities"): {"id": (str,), "type": (str,), "mentions": (list,)},
    ("document", "events"): {"type": (str,), "actors": (list,)},
    ("document", "quotes"): {"paragraph": (int,), "speaker": (str, list), "text_starts": (str,)},
}


class GoldFileInvalid(ValueError):
    """A gold file cannot be read as records of one task; names the file and the line."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class GoldTextsUnavailable(GoldFileInvalid):
    """A gold file references texts by id (``source``) and the file holding them is absent."""


def detect_task(record: dict[str, Any]) -> str | None:
    """Return a record's task: its ``task`` field, else a guess from its fields (None if none)."""
    task = record.get("task")
    if isinstance(task, str):
        return task
    if "similarity" in record:
        return "pair"
    if "events" in record:
        return "document" if "entities" in record else "events"
    if "entities" in record:
        return "ner"
    if "text" in record:
        return "text"
    return None


def load_gold(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Read a gold file and return ``(task, records)``; raise GoldFileInvalid if malformed.

    A ``.jsonl`` file gives one record per non-blank line; any other file is read as a single
    JSON object (the document gold) or a JSON list of records. Ids are not required to be
    unique: the SemEval pair file repeats some (the same article pair crawled twice), and a
    prediction keyed by such an id is scored against every record that carries it.
    """
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix.lower() == ".jsonl":
        numbered = _parse_lines(path, raw)
    else:
        numbered = _parse_whole(path, raw)
    if not numbered:
        raise GoldFileInvalid(path, 1, "no records")
    task = ""
    for line, record in numbered:
        record_task = detect_task(record)
        if record_task is None or record_task not in TASKS:
            raise GoldFileInvalid(path, line, f"unknown or missing task {record_task!r}")
        if not task:
            task = record_task
        elif record_task != task:
            raise GoldFileInvalid(path, line, f"task {record_task!r} in a file of {task!r}")
        _check_record(path, line, task, record)
    records = [record for _, record in numbered]
    _resolve_sources(path, [(line, r) for line, r in numbered if "source" in r and "text" not in r])
    return task, records


def _data_folders(path: Path) -> list[Path]:
    """Where referenced texts may lie: $NEWSEVENTS_DATA, else ../shared/data beside the repo."""
    env = os.environ.get(DATA_ENV)
    if env:
        return [Path(env)]
    return [
        path.resolve().parent.parent.parent / "shared" / "data",
        Path.cwd().parent / "shared" / "data",
    ]


def _resolve_sources(path: Path, numbered: list[tuple[int, dict[str, Any]]]) -> None:
    """Fill in `text` (and `article`) of records that reference their text by id.

    Such a record's ``source`` names a JSONL file of texts (``file``: under ../shared/data, or
    under ../shared for ``gold/...``; a pair file gives both its articles, see ``texts_by_id``),
    a record ``id`` in it and the ``sha1`` of that record's text; ``start``/``end`` give the
    annotated stretch. The texts are not copied into the repository (their licence does not
    allow it), so they are read at evaluation time; the sha1 catches a changed file.
    """
    texts: dict[str, dict[str, str]] = {}
    for line, record in numbered:
        source = record["source"]
        if not isinstance(source, dict) or not {"file", "id", "sha1"} <= source.keys():
            raise GoldFileInvalid(path, line, "'source' needs 'file', 'id' and 'sha1'")
        name = str(source["file"])
        if name not in texts:
            texts[name] = _load_texts(path, line, name)
        text = texts[name].get(str(source["id"]))
        if text is None:
            raise GoldFileInvalid(path, line, f"{name} has no record {source['id']!r}")
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != source["sha1"]:
            raise GoldFileInvalid(path, line, f"{name} record {source['id']!r} has changed (sha1)")
        start, end = record.get("start"), record.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise GoldFileInvalid(path, line, "'start'/'end' must lie within the source text")
        record["text"] = text[start:end]
        record["article"] = {"id": str(source["id"]), "text": text, "start": start, "end": end}


def _load_texts(path: Path, line: int, name: str) -> dict[str, str]:
    """The texts of a referenced JSONL file, by record id."""
    for folder in _data_folders(path):
        # `data/...` files lie in the data folder; a `gold/...` file (the SemEval pairs) beside it.
        for candidate in (folder / name, folder.parent / name):
            if candidate.is_file():
                with candidate.open(encoding="utf-8") as handle:
                    return texts_by_id(json.loads(row) for row in handle if row.strip())
    raise GoldTextsUnavailable(
        path, line, f"its texts come from {name}, which is not in ../shared/data (or ${DATA_ENV})"
    )


def texts_by_id(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Texts by id: a text record's ``text``, or both articles of a pair record.

    A pair record ``semeval2022-<id1>_<id2>`` holds two articles, ``text1`` under ``<id1>`` and
    ``text2`` under ``<id2>``; an article in several pairs keeps its first text.
    """
    texts: dict[str, str] = {}
    for row in rows:
        if "text" in row:
            texts[str(row["id"])] = str(row["text"])
            continue
        first, _, second = str(row["id"]).rsplit("-", 1)[-1].partition("_")
        for article_id, key in ((first, "text1"), (second, "text2")):
            if article_id and key in row:
                texts.setdefault(article_id, str(row[key]))
    return texts


def _parse_lines(path: Path, raw: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Parse JSON Lines; split on ``\\n`` only, since U+2028 may occur inside strings."""
    numbered: list[tuple[int, dict[str, Any]]] = []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            text = chunk.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFileInvalid(path, number, f"not UTF-8 ({exc.reason})") from exc
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldFileInvalid(path, number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(value, dict):
            raise GoldFileInvalid(path, number, "a record must be a JSON object")
        numbered.append((number, value))
    return numbered


def _parse_whole(path: Path, raw: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Parse a whole-file JSON object (one record) or list of objects."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GoldFileInvalid(path, line, f"not UTF-8 ({exc.reason})") from exc
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFileInvalid(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, dict) for item in items):
        raise GoldFileInvalid(path, 1, "expected a JSON object or a list of objects")
    return [(1, item) for item in items]


def _check_record(path: Path, line: int, task: str, record: dict[str, Any]) -> None:
    """Check the fields scoring relies on; raise GoldFileInvalid naming the first problem."""
    _check_fields(path, line, record, _RECORD_FIELDS[task], "record")
    for (item_task, field), spec in _ITEM_FIELDS.items():
        if item_task != task or field not in record:
            continue
        items = record[field]
        if not isinstance(items, list):
            raise GoldFileInvalid(path, line, f"{field!r} must be a list")
        for index, item in enumerate(items):
            where = f"{field}[{index}] of record {record['id']!r}"
            if not isinstance(item, dict):
                raise GoldFileInvalid(path, line, f"{where} must be an object")
            _check_fields(path, line, item, spec, where)


def _check_fields(
    path: Path, line: int, obj: dict[str, Any], spec: dict[str, tuple[type, ...]], where: str
) -> None:
    """Raise GoldFileInvalid when a field of ``spec`` is missing from ``obj`` or mistyped."""
    for name, types in spec.items():
        if name not in obj:
            raise GoldFileInvalid(path, line, f"{where}: missing field {name!r}")
        value = obj[name]
        # bool is an int subclass in Python, but never a valid offset or score here.
        if isinstance(value, bool) or not isinstance(value, types):
            allowed = "/".join(t.__name__ for t in types)
            raise GoldFileInvalid(path, line, f"{where}: field {name!r} must be {allowed}")
