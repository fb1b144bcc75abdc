"""Gold records that reference their text by id: a text file under the data folder, or one
article of a SemEval pair file under ../shared/gold (our English news gold)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsevents.evaluation.gold import GoldTextsUnavailable, load_gold, texts_by_id

PAIRS = "gold/dev/pairs.jsonl"
FIRST = "Berlin sent aid. It arrived."
SECOND = "Police arrested two men. Nobody was hurt."


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _record(article_id: str, text: str, start: int, end: int) -> dict[str, object]:
    return {
        "id": "EN-1",
        "task": "events",
        "language": "en",
        "type_only": True,
        "source": {"file": PAIRS, "id": article_id, "sha1": _sha1(text)},
        "start": start,
        "end": end,
        "sentence": 0,
        "events": [{"type": "COERCE"}],
    }


def test_texts_by_id_gives_both_articles_of_a_pair_and_plain_texts() -> None:
    rows = [
        {"id": "semeval2022-11_22", "text1": FIRST, "text2": SECOND},
        {"id": "semeval2022-22_33", "text1": "a later copy", "text2": "third"},
        {"id": "doc-1", "text": "plain"},
    ]
    assert texts_by_id(rows) == {"11": FIRST, "22": SECOND, "33": "third", "doc-1": "plain"}


def test_an_article_of_a_pair_file_beside_the_data_folder_is_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    (shared / "data").mkdir(parents=True)
    _write(shared / PAIRS, [{"id": "semeval2022-11_22", "text1": FIRST, "text2": SECOND}])
    monkeypatch.setenv("NEWSEVENTS_DATA", str(shared / "data"))
    gold = _write(tmp_path / "repo" / "gold" / "en.events.jsonl", [_record("22", SECOND, 0, 24)])
    task, records = load_gold(gold)
    assert task == "events"
    assert records[0]["text"] == "Police arrested two men."
    assert records[0]["article"]["text"] == SECOND


def test_a_missing_pair_file_leaves_the_texts_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared" / "data").mkdir(parents=True)
    monkeypatch.setenv("NEWSEVENTS_DATA", str(tmp_path / "shared" / "data"))
    gold = _write(tmp_path / "repo" / "gold" / "en.events.jsonl", [_record("22", SECOND, 0, 24)])
    with pytest.raises(GoldTextsUnavailable):
        load_gold(gold)
