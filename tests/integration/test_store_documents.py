"""Typed documents with versions; every write is compare-and-set; a stale write is a clear conflict."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from tests.integration._store_docs import Counter, Note, Strict
from workbench.documents import Document
from workbench.store import Store, StoreConflict, StoreError, Stored


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "s.sqlite", author="alice", session="payments-api")
    yield s
    s.close()


def test_create_then_get_returns_the_document_with_version_1_and_author(store):
    stored = store.put(Counter(n=3), expected_version=None)
    assert isinstance(stored, Stored)
    assert (stored.version, stored.author, stored.doc.n) == (1, "alice", 3)
    got = store.get(Counter)
    assert got is not None and got.doc == Counter(n=3) and got.version == 1 and got.author == "alice"
    assert got.updated_at == pytest.approx(stored.updated_at)


def test_get_of_an_absent_document_is_none(store):
    assert store.get(Counter) is None
    assert store.get(Counter, "nope") is None


def test_creating_twice_is_a_conflict_naming_the_current_version_and_author(store):
    store.put(Counter(n=1), expected_version=None)
    with pytest.raises(StoreConflict) as info:
        store.put(Counter(n=2), expected_version=None)
    e = info.value
    assert (e.kind, e.doc_id, e.expected_version, e.current_version, e.current_author) == (
        "test.counter", "default", None, 1, "alice")
    assert "already created" in str(e)
    assert store.get(Counter).doc.n == 1


def test_stale_update_is_refused_and_the_newer_write_survives(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        alice.put(Counter(n=1), expected_version=None)
        seen_by_bob = bob.get(Counter)
        alice.put(Counter(n=10), expected_version=1)
        with pytest.raises(StoreConflict) as info:
            bob.put(Counter(n=seen_by_bob.doc.n + 1), expected_version=seen_by_bob.version)
        e = info.value
        assert (e.expected_version, e.current_version, e.current_author) == (1, 2, "alice")
        assert "alice" in str(e) and "v2" in str(e) and "reload" in str(e).lower()
        assert bob.get(Counter).doc.n == 10


def test_update_with_the_current_version_bumps_it(store):
    store.put(Counter(n=1), expected_version=None)
    stored = store.put(Counter(n=2), expected_version=1, summary="two")
    assert stored.version == 2
    assert store.get(Counter).doc.n == 2


def test_update_of_a_document_that_never_existed_is_a_conflict(store):
    with pytest.raises(StoreConflict) as info:
        store.put(Counter(n=1), expected_version=4)
    assert info.value.current_version is None
    assert store.get(Counter) is None


def test_update_after_delete_is_a_conflict_with_no_current_version(store):
    store.put(Counter(n=1), expected_version=None)
    store.delete(Counter, "default", expected_version=1)
    assert store.get(Counter) is None
    with pytest.raises(StoreConflict) as info:
        store.put(Counter(n=2), expected_version=1)
    assert info.value.current_version is None
    assert info.value.current_author == "alice"
    assert "deleted" in str(info.value)


def test_recreating_after_delete_continues_the_version_so_old_versions_never_match(store):
    store.put(Counter(n=1), expected_version=None)
    store.put(Counter(n=2), expected_version=1)
    store.delete(Counter, "default", expected_version=2)
    again = store.put(Counter(n=7), expected_version=None)
    assert again.version == 3
    with pytest.raises(StoreConflict):  # someone still holding v2 of the old document
        store.put(Counter(n=3), expected_version=2)


def test_stale_delete_is_a_conflict_and_deletes_nothing(store):
    store.put(Counter(n=1), expected_version=None)
    store.put(Counter(n=2), expected_version=1)
    with pytest.raises(StoreConflict) as info:
        store.delete(Counter, "default", expected_version=1)
    assert info.value.current_version == 2
    assert store.get(Counter).version == 2


def test_delete_of_an_absent_document_is_a_conflict(store):
    with pytest.raises(StoreConflict):
        store.delete(Counter, "ghost", expected_version=1)


def test_overwrite_writes_over_whatever_version_is_current_and_says_so_in_the_feed(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        alice.put(Counter(n=1), expected_version=None)
        alice.put(Counter(n=2), expected_version=1)
        stored = bob.overwrite(Counter(n=100), summary="mine is right")
        assert stored.version == 3 and stored.author == "bob"
        assert alice.get(Counter).doc.n == 100
        last = alice.changes()[-1]
        assert (last.op, last.version, last.author) == ("put", 3, "bob")
        assert "overwrite" in last.summary and "v2" in last.summary and "alice" in last.summary
        assert "mine is right" in last.summary


def test_overwrite_of_an_absent_document_creates_it(store):
    stored = store.overwrite(Counter(n=5), summary="first count")
    assert stored.version == 1
    assert store.get(Counter).doc.n == 5
    # Nothing was overwritten: the audit log says what was written, not "overwrite" (seen in `history`).
    assert store.changes()[-1].summary == "first count"


def test_overwrite_of_a_deleted_document_says_whose_version_it_replaces(store):
    first = store.put(Counter(n=1), expected_version=None)
    store.delete(Counter, "default", expected_version=first.version)
    store.overwrite(Counter(n=2), summary="back")
    last = store.changes()[-1]
    assert "deleted by alice" in last.summary and last.summary.endswith(": back")


def test_documents_of_one_kind_are_listed_by_id_and_kinds_do_not_mix(store):
    store.put(Note(id="b", text="second"), expected_version=None)
    store.put(Note(id="a", text="first"), expected_version=None)
    store.put(Counter(id="a", n=1), expected_version=None)
    notes = store.list(Note)
    assert [s.doc.id for s in notes] == ["a", "b"]
    assert all(isinstance(s.doc, Note) for s in notes)
    assert [s.doc.n for s in store.list(Counter)] == [1]


def test_the_update_statement_carries_the_version_check(tmp_path):
    """Two threads each doing CAS increments with retry on one connection each: no update is lost."""
    path = tmp_path / "s.sqlite"
    Store.open(path, author="setup").close()
    stores = [Store.open(path, author=f"t{i}") for i in range(2)]
    stores[0].put(Counter(n=0), expected_version=None)

    def work(store: Store) -> None:
        for _ in range(100):
            while True:
                cur = store.get(Counter)
                try:
                    store.put(Counter(n=cur.doc.n + 1), expected_version=cur.version)
                    break
                except StoreConflict:
                    continue

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = stores[0].get(Counter)
    assert final.doc.n == 200 and final.version == 201
    for s in stores:
        s.close()


def test_a_body_this_release_cannot_read_is_a_store_error_naming_kind_and_id(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as store:
        store.put(Strict(id="x", size=1), expected_version=None)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE documents SET body = ? WHERE kind = 'test.strict'", ('{"id": "x", "size": "huge"}',))
    raw.commit()
    raw.close()
    with Store.open(path, author="alice") as store:
        with pytest.raises(StoreError) as info:
            store.get(Strict, "x")
        assert "test.strict" in str(info.value) and "'x'" in str(info.value)
        with pytest.raises(StoreError):
            store.list(Strict)


def test_documents_of_a_kind_this_release_does_not_know_do_not_break_reading(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as store:
        store.put(Note(id="a", text="x"), expected_version=None)
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO documents(kind, id, version, body, author, updated_at) "
                "VALUES ('future.thing', 'z', 1, '{}', 'carol', 0)")
    raw.execute("INSERT INTO feed(kind, doc_id, version, op, author, at, summary) "
                "VALUES ('future.thing', 'z', 1, 'put', 'carol', 0, 'from the future')")
    raw.commit()
    raw.close()
    with Store.open(path, author="alice") as store:
        assert [s.doc.id for s in store.list(Note)] == ["a"]
        assert store.changes()[-1].kind == "future.thing"
        assert "future.thing" in store.export_markdown()


def test_a_document_class_without_a_kind_is_refused(store):
    class Nameless(Document):
        pass

    with pytest.raises(TypeError):
        store.put(Nameless(), expected_version=None)


def test_meta_records_session_creator_and_creation_time(store):
    assert store.meta("session") == "payments-api"
    assert store.meta("created_by") == "alice"
    assert float(store.meta("created_at")) > 0
    assert store.meta("nonsense") is None


def test_close_is_idempotent_and_a_closed_store_refuses_work(tmp_path):
    store = Store.open(tmp_path / "s.sqlite", author="alice")
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.get(Counter)


def test_several_openers_racing_to_create_one_store_all_succeed(tmp_path):
    path = tmp_path / "new.sqlite"
    barrier = threading.Barrier(4)
    stores, errors = [], []

    def opener(i: int) -> None:
        barrier.wait()
        try:
            stores.append(Store.open(path, author=f"u{i}", session="race"))
        except Exception as e:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(e)

    threads = [threading.Thread(target=opener, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({p.instance for p in stores[0].present()}) == 4
    assert stores[0].meta("session") == "race"
    for s in stores:
        s.close()
