"""Persons learned from a store: a layer of that store, never added to the bundled KB."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import KnowledgeBaseFrozen
from newsevents.ingest import ingest
from newsevents.kb.base import default_kb
from newsevents.kb.layer import PersonLayer
from newsevents.store import Store
from newsevents.text.read import ReadOptions

FIRST = "Der norwegische Außenminister Espen Barth Eide traf am Montag Vertreter der Regierung."
LATER = "Espen Barth Eide sagte am Freitag, die Gespräche seien gut verlaufen."


def test_person_with_role_is_stored_and_learned(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        ingest([str(tmp_path / "first.txt")], store, ReadOptions(language="de"))
        [person] = [p for p in store.persons() if "Eide" in p["name"]]
        assert person["country"] == "NOR"
        history = store.actor(person["id"])["role_history"]
        assert history[0]["role"] == "Foreign Minister"
        assert history[0]["evidence"] == "Espen Barth Eide"
        layer = PersonLayer.from_rows(default_kb(), store.persons())
        assert layer.learn(store.persons()) == 0  # already known: nothing added twice
    kb = default_kb().with_layer(layer)
    matches = [m for m in kb.find(LATER, "de") if m.entry_id == person["id"]]
    assert [m.text for m in matches] == ["Espen Barth Eide"]
    assert kb.entry(person["id"]).country == "NOR"
    # The bundled knowledge base itself learned nothing, and refuses to.
    assert person["id"] not in default_kb()
    assert not [m for m in default_kb().find(LATER, "de") if m.entry_id == person["id"]]
    with pytest.raises(KnowledgeBaseFrozen):
        default_kb().add_entry({"id": "person:x-y", "kind": "person", "name": "X Y"})


def test_smaller_id_keeps_a_shared_name_whatever_the_order() -> None:
    rows = [
        {"id": "person:b", "name": "Anna Berger", "aliases": ["A. Berger Muster"]},
        {"id": "person:a", "name": "Anna Bergmann", "aliases": ["A. Berger Muster"]},
    ]
    one = PersonLayer.from_rows(default_kb(), rows)
    other = PersonLayer(default_kb())
    for row in rows:  # learned one at a time, the larger id first
        other.learn([row])
    text = "A. Berger Muster sprach."
    assert [m.entry_id for m in default_kb().with_layer(one).find(text, "de")] == ["person:a"]
    assert [m.entry_id for m in default_kb().with_layer(other).find(text, "de")] == ["person:a"]
