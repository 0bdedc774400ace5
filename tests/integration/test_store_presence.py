"""Presence: who else has this session open right now."""

from __future__ import annotations

import os
import socket
import sqlite3
import time

from workbench.store import Store


def test_two_open_stores_see_each_other(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        seen = {p.author: p for p in alice.present()}
        assert set(seen) == {"alice", "bob"}
        assert seen["alice"].is_self and not seen["bob"].is_self
        assert seen["bob"].pid == os.getpid() and seen["bob"].host == socket.gethostname()
        assert seen["bob"].instance == bob.instance != alice.instance
        assert seen["bob"].opened_at <= seen["bob"].last_seen


def test_leave_and_close_remove_the_row(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        bob = Store.open(path, author="bob")
        bob.leave()
        assert [p.author for p in alice.present()] == ["alice"]
        bob.heartbeat()
        assert {p.author for p in alice.present()} == {"alice", "bob"}
        bob.close()
        assert [p.author for p in alice.present()] == ["alice"]


def test_a_stale_heartbeat_is_not_present_and_a_fresh_one_is(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        raw = sqlite3.connect(path)
        raw.execute("UPDATE presence SET last_seen = ? WHERE instance = ?", (time.time() - 60, bob.instance))
        raw.commit()
        raw.close()
        assert [p.author for p in alice.present()] == ["alice"]
        assert {p.author for p in alice.present(within=120)} == {"alice", "bob"}
        bob.heartbeat()
        assert {p.author for p in alice.present()} == {"alice", "bob"}


def test_a_readonly_viewer_sees_presence_and_is_seen(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice, \
            Store.open(path, author="viewer", readonly=True) as viewer:
        assert [p.author for p in viewer.present()] == ["alice", "viewer"]  # listed from the moment it opens
        assert [p.author for p in alice.present()] == ["alice", "viewer"]
        before = alice.high_water()
        viewer.heartbeat()
        assert alice.high_water() == before  # presence is not a change to the session: no feed entry
        viewer.leave()
        assert [p.author for p in alice.present()] == ["alice"]
        assert [p.author for p in viewer.present()] == ["alice"]


def test_a_viewer_of_an_unwritable_file_is_simply_not_listed(tmp_path):
    from workbench.store.presence import ViewerPresence

    viewer = ViewerPresence(tmp_path / "missing-dir" / "s.sqlite", busy_timeout=0.1)
    viewer.beat(instance="x", author="viewer", opened_at=0.0)  # cannot open: no exception, nothing written
    viewer.leave("x")
    viewer.close()
    assert not (tmp_path / "missing-dir").exists()
