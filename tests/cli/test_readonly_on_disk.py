"""Read-only is read-only on disk: a `--readonly` viewer running in a real process, `history`, `generate` and
`scan` leave the store file and its WAL byte-for-byte unchanged; the viewer's presence lives beside the store
(and is listed as read-only), not in it.

The -shm is not compared: it is SQLite's shared-memory index of the WAL, into which every reader (the writer
too) writes its read marks (sqlite.org "WAL-mode file format", section "The wal-index"); no document, feed
entry or presence row is in it."""

from __future__ import annotations

import hashlib
import json
import signal
import time
from pathlib import Path

import pytest

from workbench.store import Store
from workbench.store.presence import presence_dir


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _on_disk(path: Path) -> dict[str, str | None]:
    """The store file and its WAL, hashed (None: the file does not exist)."""
    return {"store": _digest(path), "wal": _digest(Path(f"{path}-wal"))}


def _fill(store: Store) -> None:
    from workbench.demo import load_demo

    load_demo(store)
    store.record("note", "review", "alice: checked the memory setting")


def _wait(condition, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def _stop(proc) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, err


@pytest.mark.slow
def test_a_readonly_viewer_beside_a_writer_and_readonly_commands_leave_store_and_wal_unchanged(ws, tmp_path):
    ws.env.pop("LMI_WORKBENCH_EXIT_WHEN_READY")  # the viewer keeps running (headless) until it is stopped
    path = ws.session_file("pairing")
    path.parent.mkdir(parents=True)
    with Store.open(path, author="alice", session="pairing") as alice:  # the partner keeps the session open
        _fill(alice)
        before = _on_disk(path)
        assert before["wal"] is not None  # WAL mode, with alice's commits in the WAL

        viewer = ws.popen("--session", "pairing", "--readonly", "--as", "bob")
        try:
            # bob is listed, marked read-only, from a file beside the store
            _wait(lambda: any(p.author == "bob" for p in alice.present()), "the viewer's presence")
            (seen,) = [p for p in alice.present() if p.author == "bob"]
            assert seen.readonly and seen.label == "bob (read-only)"
            files = list(presence_dir(path).glob("*.json"))
            assert len(files) == 1 and json.loads(files[0].read_text())["author"] == "bob"
            first = seen.last_seen
            # it runs for a while: at least one more heartbeat (every 5 s)
            _wait(lambda: any(p.author == "bob" and p.last_seen > first for p in alice.present()),
                  "the viewer's next heartbeat", seconds=20)
            assert _on_disk(path) == before
        finally:
            code, err = _stop(viewer)
        assert code == 0, err
        assert "Traceback" not in err
        assert _on_disk(path) == before
        assert not any(presence_dir(path).glob("*.json"))  # it left

        from workbench.demo import sample_project_path

        for command in (["history", "--session", "pairing"],
                        ["history", "--session", "pairing", "--markdown"],
                        ["generate", "--session", "pairing", "--output", str(tmp_path / "iac"), "--format", "sam"],
                        ["scan", str(sample_project_path())]):  # scan without --session: no store at all
            done = ws.run(*command)
            assert done.returncode in (0, 1), (command, done.stderr)  # scan exits 1 when it finds blockers
            assert "Traceback" not in done.stderr
            assert _on_disk(path) == before, command
        assert [p.author for p in alice.present(within=3600)] == ["alice"]  # one-shot commands do not announce


@pytest.mark.slow
def test_readonly_commands_on_a_closed_store_create_no_wal(ws, tmp_path):
    """No one has the session open: the store is one file (its WAL checkpointed and removed at the last close).
    A read-only command reads it as immutable and creates neither a -wal nor a -shm."""
    path = ws.session_file("pairing")
    path.parent.mkdir(parents=True)
    with Store.open(path, author="alice", session="pairing") as alice:
        _fill(alice)
    before = _on_disk(path)
    assert before["wal"] is None and not Path(f"{path}-shm").exists()
    for command in (["history", "--session", "pairing"],
                    ["generate", "--session", "pairing", "--output", str(tmp_path / "iac"), "--format", "sam"],
                    ["--session", "pairing", "--readonly"]):  # the TUI viewer, until its first screen
        done = ws.run(*command)
        assert done.returncode == 0, (command, done.stderr)
        assert _on_disk(path) == before, command
        assert not Path(f"{path}-shm").exists(), command
    assert not presence_dir(path).exists()
