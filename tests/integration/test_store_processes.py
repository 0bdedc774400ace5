"""Two real processes on one store file: no lost update, each sees the other, a SIGKILL loses nothing committed."""

from __future__ import annotations

import json
import signal
import sqlite3
import threading

import pytest

from tests.integration._store_docs import Counter, popen_child
from workbench.store import Store


@pytest.mark.slow
def test_two_processes_each_doing_200_cas_increments_reach_400(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path, author="setup").close()
    go = tmp_path / "go"
    children = [popen_child("increment", str(path), f"p{i}", "200", str(go)) for i in range(2)]
    for child in children:  # both have the store open before either starts writing
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    print("conflicts retried:", [r["conflicts"] for r in results])
    assert [r["done"] for r in results] == [200, 200]
    assert all(r["saw_other"] for r in results), results
    with Store.open(path, author="check") as store:
        final = store.get(Counter)
        assert final.doc.n == 400 and final.version == 400
        puts = [c for c in store.changes() if c.op == "put" and c.kind == Counter.KIND]
        assert len(puts) == 400
        assert [c.version for c in puts] == list(range(1, 401))
        assert {c.author for c in puts} == {"p0", "p1"}


@pytest.mark.slow
def test_a_writer_killed_mid_run_loses_no_committed_write(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path, author="setup").close()
    reported: list[int] = []
    for round_ in range(3):
        child = popen_child("count-forever", str(path), f"w{round_}")
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        seen = 0
        for line in child.stdout:
            if line.startswith("committed "):
                reported.append(int(line.split()[1]))
                seen += 1
                if seen >= 150 + 37 * round_:
                    break
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        reported.extend(int(line.split()[1]) for line in rest.splitlines() if line.startswith("committed "))
        assert child.returncode == -signal.SIGKILL
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with Store.open(path, author="check") as store:
        final = store.get(Counter)
        assert final.version >= max(reported)
        assert final.doc.n == final.version
        in_feed = {c.version for c in store.changes(kind=Counter.KIND) if c.op == "put"}
        assert set(reported) <= in_feed
        assert in_feed == set(range(1, final.version + 1))


@pytest.mark.slow
def test_another_process_write_reaches_a_watcher_and_poll(tmp_path):
    from workbench.store import StoreWatcher

    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice:
        heard = []
        got = threading.Event()

        def callback(changes):
            heard.extend(changes)
            if any(c.author == "bob" for c in heard):
                got.set()

        watcher = StoreWatcher(path, callback)
        watcher.start()
        try:
            child = popen_child("write", str(path), "bob", "1")
            assert child.wait(timeout=60) == 0, child.stderr.read()
            assert got.wait(60)
        finally:
            watcher.stop()
        assert [c.author for c in alice.poll()] == ["bob"]
