"""A document a partner's newer release wrote (it added a field this release does not know) is read with the
fields this release knows, said once, and is read-only here: writing it back would drop the partner's field.
Real SQLite; the newer release's write is simulated by adding the field to the stored JSON, as it would be."""

from __future__ import annotations

import json
import sqlite3

import pytest

from workbench.models import CutoverState, Workload
from workbench.store import Store, StoreError, StoreNewerRelease


def _add_fields(path, kind: str, change) -> None:
    con = sqlite3.connect(path)
    try:
        (body,) = con.execute("SELECT body FROM documents WHERE kind = ? AND id = 'default'", (kind,)).fetchone()
        data = json.loads(body)
        change(data)
        con.execute("UPDATE documents SET body = ? WHERE kind = ? AND id = 'default'", (json.dumps(data), kind))
        con.commit()
    finally:
        con.close()


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="bob", session="s") as store:
        store.put(Workload(function_name="orders", memory_mb=1024), expected_version=None)
        store.put(CutoverState(old_function_name="orders", new_function_name="orders-lmi"), expected_version=None)
    _add_fields(path, "workload", lambda data: data.update(tmp_mb=512))
    return path


def test_it_loads_with_the_known_fields_and_is_noted_once(store_path):
    notes = []
    with Store.open(store_path, author="alice", session="s") as store:
        store.on_newer = notes.append
        first = store.get(Workload)
        again = store.get(Workload)
    assert first.doc.function_name == "orders" and first.doc.memory_mb == 1024
    assert again.doc == first.doc
    assert store.newer == {("workload", "default"): ("tmp_mb",)}
    assert len(notes) == 1
    assert "workload 'default' was written by a newer release of lmi-workbench (it has tmp_mb" in notes[0]
    assert "shown read-only here; update lmi-workbench to change it" in notes[0]


def _stored_body(path) -> dict:
    con = sqlite3.connect(path)
    try:
        return json.loads(con.execute("SELECT body FROM documents WHERE kind = 'workload'").fetchone()[0])
    finally:
        con.close()


def test_writing_it_back_is_refused_and_keeps_the_partners_field(store_path):
    with Store.open(store_path, author="alice", session="s") as store:
        stored = store.get(Workload)
        edited = stored.doc.model_copy(update={"memory_mb": 2048})
        with pytest.raises(StoreNewerRelease, match="not saved: workload 'default' was written by a newer release"):
            store.put(edited, expected_version=stored.version)
        with pytest.raises(StoreNewerRelease):
            store.overwrite(edited)
    body = _stored_body(store_path)
    assert body["tmp_mb"] == 512 and body["memory_mb"] == 1024


def test_a_process_that_never_read_it_is_refused_too(store_path):
    """The check reads the stored keys in the write's own transaction, not only what this process loaded."""
    with Store.open(store_path, author="carol", session="s") as store:
        with pytest.raises(StoreNewerRelease):
            store.overwrite(Workload(function_name="mine"))
    assert _stored_body(store_path)["function_name"] == "orders"


def test_a_field_added_inside_a_part_is_forgiven_too(store_path):
    _add_fields(store_path, "cutover", lambda data: data["steps"][0].update(pause_on_alarm=True))
    with Store.open(store_path, author="alice", session="s", readonly=True) as store:
        plan = store.get(CutoverState)
        assert plan is not None and len(plan.doc.steps) >= 1
        assert store.newer[("cutover", "default")] == ("steps.0.pause_on_alarm",)


def test_a_value_this_release_cannot_read_is_still_an_error(store_path):
    _add_fields(store_path, "workload", lambda data: data.update(memory_mb="lots"))
    with Store.open(store_path, author="alice", session="s") as store:
        with pytest.raises(StoreError, match="cannot be read by this release"):
            store.get(Workload)


def test_documents_this_release_wrote_are_untouched_by_the_check(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="alice", session="s") as store:
        stored = store.put(Workload(function_name="orders"), expected_version=None)
        store.put(stored.doc.model_copy(update={"memory_mb": 512}), expected_version=stored.version)
        assert store.get(Workload).doc.memory_mb == 512 and not store.newer
