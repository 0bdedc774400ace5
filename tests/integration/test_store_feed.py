"""The change feed (the review's audit log), its Markdown export, listeners and poll()."""

from __future__ import annotations

import re
import threading
import time

import pytest

from tests.integration._store_docs import Counter, Note
from workbench.store import Change, Store, StoreWatcher


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "s.sqlite", author="alice", session="payments-api")
    yield s
    s.close()


def test_every_write_appends_to_the_feed_in_order(store):
    before = time.time()
    store.put(Counter(n=1), expected_version=None, summary="first")
    store.put(Counter(n=2), expected_version=1, summary="second")
    store.record("decision", "cutover", "go at 10:00")
    store.delete(Counter, "default", expected_version=2, summary="gone")
    changes = store.changes()
    assert [(c.op, c.kind, c.doc_id, c.version, c.summary) for c in changes] == [
        ("put", "test.counter", "default", 1, "first"),
        ("put", "test.counter", "default", 2, "second"),
        ("event", "decision", "cutover", None, "go at 10:00"),
        ("delete", "test.counter", "default", 2, "gone"),
    ]
    seqs = [c.seq for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4
    assert all(c.author == "alice" and c.at >= before - 1 for c in changes)
    assert store.high_water() == seqs[-1]


def test_a_refused_write_leaves_no_trace_in_the_feed(store):
    store.put(Counter(n=1), expected_version=None)
    hw = store.high_water()
    with pytest.raises(Exception):
        store.put(Counter(n=2), expected_version=None)
    assert store.high_water() == hw


def test_changes_since_limit_and_kind(store):
    for i in range(5):
        store.put(Note(id=f"n{i}"), expected_version=None)
    store.record("decision", "x", "y")
    all_ = store.changes()
    assert [c.seq for c in store.changes(since=all_[2].seq)] == [c.seq for c in all_[3:]]
    assert len(store.changes(limit=2)) == 2 and store.changes(limit=2)[0].seq == all_[0].seq
    assert [c.kind for c in store.changes(kind="decision")] == ["decision"]


def test_record_returns_the_change_it_appended(store):
    change = store.record("note", "lambda:orders", "checked the VPC config")
    assert isinstance(change, Change)
    assert (change.op, change.kind, change.doc_id, change.version) == ("event", "note", "lambda:orders", None)
    assert store.changes()[-1] == change


def test_markdown_export_is_a_table_of_the_audit_log(store):
    store.put(Note(id="a", text="x"), expected_version=None, summary="added a note")
    store.put(Note(id="a", text="y"), expected_version=1, summary="pipes | and\nnewlines")
    store.record("decision", "cutover", "approved")
    store.delete(Note, "a", expected_version=2)
    md = store.export_markdown()
    lines = md.splitlines()
    assert lines[0].startswith("# ") and "payments-api" in lines[0]
    header = next(i for i, line in enumerate(lines) if line.startswith("| Time (UTC)"))
    assert lines[header] == "| Time (UTC) | Author | What | Summary |"
    rows = lines[header + 2:]
    rows = [r for r in rows if r.startswith("|")]
    assert len(rows) == 4
    assert "created" in rows[0] and "test.note" in rows[0] and "added a note" in rows[0]
    assert "v2" in rows[1] and "pipes \\| and newlines" in rows[1]
    assert "decision" in rows[2] and "approved" in rows[2]
    assert "deleted" in rows[3]
    assert all(len(re.split(r"(?<!\\)\|", r)) == 6 for r in rows)  # 4 cells; escaped pipes stay inside
    assert store.export_markdown(title="Review of orders").splitlines()[0] == "# Review of orders"


def test_listeners_hear_own_writes_right_after_commit(store):
    heard: list[Change] = []
    versions_at_call: list[int] = []

    def listener(changes):
        heard.extend(changes)
        versions_at_call.append(store.get(Counter).version)  # the write is committed and visible

    unsubscribe = store.subscribe(listener)
    store.put(Counter(n=1), expected_version=None)
    store.record("note", "s", "hello")
    assert [(c.op, c.version) for c in heard] == [("put", 1), ("event", None)]
    assert versions_at_call == [1, 1]
    unsubscribe()
    store.put(Counter(n=2), expected_version=1)
    assert len(heard) == 2


def test_a_listener_that_raises_breaks_neither_other_listeners_nor_the_write(store, caplog):
    heard = []

    def bad(changes):
        raise RuntimeError("boom")

    store.subscribe(bad)
    store.subscribe(heard.extend)
    stored = store.put(Counter(n=1), expected_version=None)
    assert stored.version == 1 and store.get(Counter).version == 1
    assert len(heard) == 1
    assert "boom" in caplog.text


def test_poll_notices_another_connection_and_not_its_own_writes(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        heard = []
        alice.subscribe(heard.extend)
        assert alice.poll() == []
        alice.put(Counter(n=1), expected_version=None)
        assert alice.poll() == []  # own write: already dispatched, not repeated
        bob.put(Note(id="b"), expected_version=None)
        alice.put(Note(id="a"), expected_version=None)
        bob.record("note", "x", "bob's note")
        got = alice.poll()
        assert [(c.author, c.kind) for c in got] == [("bob", "test.note"), ("bob", "note")]
        assert alice.poll() == []
        assert [c.author for c in heard] == ["alice", "alice", "bob", "bob"]
        assert [c.author for c in bob.poll()] == ["alice", "alice"]


def test_poll_notices_another_process(tmp_path):
    from tests.integration._store_docs import run_child

    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        alice.put(Counter(n=1), expected_version=None)
        out = run_child("write", str(path), "bob", "3")
        assert out.returncode == 0, out.stderr
        got = alice.poll()
        assert [(c.author, c.doc_id) for c in got] == [("bob", "n0"), ("bob", "n1"), ("bob", "n2")]


def test_watcher_thread_reports_writes_from_any_connection(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        alice.put(Counter(n=1), expected_version=None)  # before the watcher starts: not reported
        heard: list[Change] = []
        enough = threading.Event()

        def callback(changes):
            heard.extend(changes)
            if len(heard) >= 2:
                enough.set()

        watcher = StoreWatcher(path, callback, interval=0.01)
        watcher.start()
        try:
            alice.put(Counter(n=2), expected_version=1)
            bob.record("note", "x", "hi")
            assert enough.wait(60)
        finally:
            watcher.stop()
        assert [(c.author, c.op) for c in heard] == [("alice", "put"), ("bob", "event")]
        assert not watcher.is_alive()


def test_a_watcher_callback_that_raises_keeps_the_watcher_going(tmp_path, caplog):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        calls = []
        second = threading.Event()

        def callback(changes):
            calls.append(changes)
            if len(calls) == 1:
                raise RuntimeError("first call fails")
            second.set()

        watcher = StoreWatcher(path, callback, interval=0.01)
        watcher.start()
        try:
            alice.record("note", "a", "one")
            deadline = time.monotonic() + 60
            while not calls and time.monotonic() < deadline:
                time.sleep(0.01)
            alice.record("note", "b", "two")
            assert second.wait(60)
        finally:
            watcher.stop()
        assert "first call fails" in caplog.text
        watcher.stop()  # idempotent


def test_a_watcher_on_a_file_that_is_not_a_store_is_refused(tmp_path):
    from workbench.store import StoreError

    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StoreError) as info:
        StoreWatcher(path, lambda changes: None)
    assert str(path) in str(info.value)
