"""Bad files get a StoreError that names the file, says what is wrong and what to do; the file is never changed."""

from __future__ import annotations

import os
import sqlite3

import pytest

from tests.integration._store_docs import Counter, Note, digest, open_unprivileged
from workbench.store import Store, StoreError, StoreReadOnly


def refused(path, **kwargs) -> str:
    kwargs.setdefault("author", "alice")
    with pytest.raises(StoreError) as info:
        Store.open(path, **kwargs)
    assert info.value.path == path
    msg = str(info.value)
    assert str(path) in msg
    return msg


def make_store(path, notes: int = 0):
    with Store.open(path, author="alice") as store:
        for i in range(notes):
            store.put(Note(id=f"n{i}", text="x" * 500), expected_version=None)
    return path


def test_a_text_file_is_not_a_store_and_is_not_touched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my precious notes\n" * 100)
    before = digest(path)
    msg = refused(path)
    assert "not an SQLite database" in msg and "--store" in msg
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_a_short_binary_file_is_not_a_store(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01\x02")
    before = digest(path)
    refused(path)
    refused(path, readonly=True)
    assert digest(path) == before


def test_another_programs_sqlite_database_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    raw.execute("INSERT INTO customers (name) VALUES ('ada')")
    raw.commit()
    raw.close()
    before = digest(path)
    for readonly in (False, True):
        msg = refused(path, readonly=readonly)
        assert "not a workbench store" in msg and "customers" in msg and "--store" in msg
    assert digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    raw.close()


def test_a_database_with_another_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA application_id = 12345")
    raw.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    raw.commit()
    raw.close()
    before = digest(path)
    msg = refused(path)
    assert "another application" in msg
    assert digest(path) == before


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Store.open(path, author="alice") as store:
        store.put(Counter(n=1), expected_version=None)
    with Store.open(path, author="alice") as store:
        assert store.get(Counter).doc.n == 1


def test_a_damaged_header_is_reported_as_damage(tmp_path):
    path = make_store(tmp_path / "s.sqlite", notes=20)
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84  # keep "SQLite format 3", wreck the rest of the header
    path.write_bytes(bytes(data))
    before = digest(path)
    msg = refused(path)
    assert "damaged" in msg and "backup" in msg
    assert digest(path) == before


def test_a_damaged_data_page_is_found_at_open(tmp_path):
    path = make_store(tmp_path / "s.sqlite", notes=40)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[3 * page:4 * page] = bytes(range(256)) * (page // 256)  # a page of nonsense, the same every run
    path.write_bytes(bytes(data))
    before = digest(path)
    msg = refused(path)
    assert "damaged" in msg
    assert digest(path) == before


def test_a_truncated_store_is_reported_as_damage(tmp_path):
    path = make_store(tmp_path / "s.sqlite", notes=40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    msg = refused(path)
    assert "damaged" in msg
    assert digest(path) == before


def test_a_locked_store_waits_then_says_so(tmp_path):
    path = make_store(tmp_path / "s.sqlite")
    before = digest(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('x', 'y')")
    try:
        msg = refused(path, busy_timeout=0.2)
        assert "locked" in msg and "--readonly" in msg
        with Store.open(path, author="viewer", readonly=True) as viewer:  # a reader is not blocked
            assert viewer.get(Counter) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert digest(path) == before


def test_a_write_blocked_by_a_lock_is_a_store_error_not_a_sqlite_error(tmp_path):
    path = make_store(tmp_path / "s.sqlite")
    store = Store.open(path, author="alice", busy_timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as info:
            store.put(Counter(n=1), expected_version=None)
        assert "locked" in str(info.value) and str(path) in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.put(Counter(n=1), expected_version=None).version == 1
    store.close()


def test_a_directory_is_not_a_store(tmp_path):
    msg = refused(tmp_path)
    assert "directory" in msg and "--store" in msg


def test_a_path_under_a_file_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    msg = refused(blocker / "s.sqlite")
    assert f"{blocker} is not a directory" in msg and "--store" in msg
    assert blocker.read_text() == "x"


def test_readonly_open_of_a_missing_file_does_not_create_it(tmp_path):
    path = tmp_path / "missing.sqlite"
    msg = refused(path, readonly=True)
    assert "does not exist" in msg
    assert not path.exists()


def test_the_parent_directories_of_a_new_session_store_are_created(tmp_path):
    path = tmp_path / "data" / "sessions" / "x.sqlite"
    with Store.open(path, author="alice", session="x") as store:
        assert store.meta("session") == "x"
    assert path.is_file()


def test_readonly_store_refuses_every_write_but_reads_and_polls(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        alice.put(Counter(n=1), expected_version=None)
        with Store.open(path, author="viewer", readonly=True) as viewer:
            assert viewer.readonly
            before = alice.high_water()
            for write in (
                lambda: viewer.put(Counter(n=2), expected_version=1),
                lambda: viewer.put(Note(id="new"), expected_version=None),
                lambda: viewer.overwrite(Counter(n=3)),
                lambda: viewer.delete(Counter, "default", expected_version=1),
                lambda: viewer.record("note", "x", "y"),
            ):
                with pytest.raises(StoreReadOnly) as info:
                    write()
                assert "--readonly" in str(info.value) or "read-only" in str(info.value)
            assert alice.high_water() == before
            assert viewer.get(Counter).doc.n == 1
            alice.put(Counter(n=5), expected_version=1)
            assert [c.version for c in viewer.poll()] == [2]
            assert viewer.get(Counter).doc.n == 5


# Permission cases run in a child without the DAC capabilities, so they hold when the tests run as root.

def test_a_store_in_a_readonly_directory_suggests_readonly(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_store(folder / "s.sqlite")
    before = digest(path)
    folder.chmod(0o555)
    try:
        result = open_unprivileged(path)
        assert not result["ok"] and result["error"] == "StoreError"
        assert str(path) in result["message"] and "--readonly" in result["message"]
        assert "directory" in result["message"]
        # Read-only, it opens: no one has it open (no -wal), so SQLite reads it as immutable and needs no
        # -wal or -shm beside it (and the viewer's presence file cannot be written: it is simply not listed).
        result = open_unprivileged(path, readonly=True)
        assert result["ok"] and result["error"] is None, result
    finally:
        folder.chmod(0o755)
    assert digest(path) == before


def test_a_new_store_in_a_readonly_directory_is_not_created(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = open_unprivileged(folder / "new.sqlite")
    finally:
        folder.chmod(0o755)
    assert not result["ok"]
    assert str(folder / "new.sqlite") in result["message"] and "--store" in result["message"]
    assert os.listdir(folder) == []


def test_a_readonly_file_suggests_readonly_and_opens_with_it(tmp_path):
    path = make_store(tmp_path / "s.sqlite")
    with Store.open(path, author="alice") as store:
        store.put(Counter(n=7), expected_version=None)
    before = digest(path)
    path.chmod(0o444)
    try:
        result = open_unprivileged(path)
        assert not result["ok"] and str(path) in result["message"] and "--readonly" in result["message"]
        result = open_unprivileged(path, readonly=True, write=True)
        assert result["ok"] and not result["wrote"] and result["error"] == "StoreReadOnly"
    finally:
        path.chmod(0o644)
    assert digest(path) == before
