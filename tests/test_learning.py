"""The knowledge base learns persons from text and resolves them in later articles."""

from __future__ import annotations

from pathlib import Path

from newsevents.ingest import ingest
from newsevents.kb.base import KnowledgeBase
from newsevents.kb.learning import learn_persons
from newsevents.store import Store
from newsevents.text.read import ReadOptions

FIRST = "Der norwegische Außenminister Espen Barth Eide traf am Montag Vertreter der Regierung."
LATER = "Espen Barth Eide sagte am Freitag, die Gespräche seien gut verlaufen."


def test_person_with_role_is_stored_and_learned(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "later.txt").write_text(LATER, encoding="utf-8")
    kb = KnowledgeBase.load()
    with Store(tmp_path / "db.duckdb") as store:
        ingest([str(tmp_path / "first.txt")], store, ReadOptions(language="de"))
        [person] = [p for p in store.persons() if "Eide" in p["name"]]
        assert person["country"] == "NOR"
        history = store.actor(person["id"])["role_history"]
        assert history[0]["role"] == "Foreign Minister"
        assert history[0]["evidence"] == "Espen Barth Eide"
        assert learn_persons(kb, store) == 1
        assert learn_persons(kb, store) == 0  # already known: nothing added twice
    matches = [m for m in kb.find(LATER, "de") if m.entry_id == person["id"]]
    assert [m.text for m in matches] == ["Espen Barth Eide"]
    assert kb.entry(person["id"]).country == "NOR"
