"""A read-only Store never writes the store or its WAL, and still sees a partner's changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration._store_docs import Note
from workbench.store import Store, StoreReadOnly
from workbench.store.presence import ViewerPresence, presence_dir


def test_a_viewer_opened_while_no_one_else_is_there_sees_a_writer_who_arrives_later(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="setup") as setup:
        setup.put(Note(id="a", text="first"), expected_version=None)
    assert not Path(f"{path}-wal").exists()
    with Store.open(path, author="viewer", readonly=True) as viewer:
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()  # immutable: no files
        assert viewer.get(Note, "a").doc.text == "first"
        assert viewer.poll() == []
        with Store.open(path, author="alice") as alice:
            alice.put(Note(id="b", text="later"), expected_version=None, summary="alice: b")
            heard = viewer.poll()  # the -wal appeared: the viewer reopens with mode=ro and reads the feed
            assert [(c.author, c.doc_id) for c in heard] == [("alice", "b")]
            assert viewer.get(Note, "b").doc.text == "later"
            alice.put(Note(id="c", text="again"), expected_version=None)
            assert [c.doc_id for c in viewer.poll()] == ["c"]
            assert [(p.author, p.readonly) for p in alice.present()] == [("viewer", True), ("alice", False)]
        with pytest.raises(StoreReadOnly):
            viewer.put(Note(id="d"), expected_version=None)
    with Store.open(path, author="check", readonly=True, announce=False) as check:
        assert [s.doc.id for s in check.list(Note)] == ["a", "b", "c"]


def test_presence_files_beside_the_store_are_read_defensively(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        folder = presence_dir(path)
        folder.mkdir()
        (folder / "junk.json").write_text("{not json")
        (folder / "partial.json").write_text('{"author": "x"}')
        ViewerPresence(path).beat(instance="v1", author="bob", opened_at=1.0)
        assert [(p.author, p.label) for p in alice.present()] == [("bob", "bob (read-only)"), ("alice", "alice")]
        ViewerPresence(path).leave("v1")
        assert [p.author for p in alice.present()] == ["alice"]
