"""`lmi-workbench history`: the session's audit log as a table or Markdown, never clobbering a file."""

from __future__ import annotations

import pytest

from tests.cli.conftest import assert_clean_failure

store_module = pytest.importorskip("workbench.store", reason="the store lands with issue 2")


def write_some_history(path, session: str) -> None:
    """Writes through the store API, as the app would: two authors, an event each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for author, summary in (("alice", "checked the VPC config"), ("bob", "cutover approved for 10:00")):
        store = store_module.Store.open(path, author=author, session=session)
        try:
            store.record("note", "lambda:orders", summary)
        finally:
            store.close()


def test_fresh_session_has_no_history_and_nothing_is_created(ws):
    done = ws.run("history", "--session", "payments-api")
    assert done.returncode == 0, done.stderr
    assert "no history yet" in done.stderr
    assert done.stdout == ""
    assert not ws.session_file("payments-api").exists()


def test_empty_store_says_so(ws):
    path = ws.session_file("empty")
    path.parent.mkdir(parents=True)
    store_module.Store.open(path, author="alice", session="empty").close()
    done = ws.run("history", "--session", "empty")
    assert done.returncode == 0, done.stderr
    assert "no changes recorded yet" in done.stderr


def test_history_lists_every_change_with_its_author(ws):
    write_some_history(ws.session_file("payments-api"), "payments-api")
    done = ws.run("history", "--session", "payments-api")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["seq", "time", "(UTC)"]
    rows = lines[2:]
    assert len(rows) == 2
    assert "alice" in rows[0] and "checked the VPC config" in rows[0] and "note/lambda:orders" in rows[0]
    assert "bob" in rows[1] and "cutover approved for 10:00" in rows[1]
    assert int(rows[0].split()[0]) < int(rows[1].split()[0])


def test_history_of_a_store_given_by_path(ws):
    path = ws.root / "review.sqlite"
    write_some_history(path, "elsewhere")
    done = ws.run("history", "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert "cutover approved" in done.stdout


def test_history_does_not_write_to_the_store(ws):
    path = ws.session_file("payments-api")
    write_some_history(path, "payments-api")
    store = store_module.Store.open(path, author="check", readonly=True, session="payments-api")
    try:
        before = store.high_water()
    finally:
        store.close()
    assert ws.run("history", "--session", "payments-api").returncode == 0
    store = store_module.Store.open(path, author="check", readonly=True, session="payments-api")
    try:
        assert store.high_water() == before
    finally:
        store.close()


def test_missing_store_file_given_by_path(ws):
    missing = ws.root / "gone.sqlite"
    done = ws.run("history", "--store", str(missing))
    assert_clean_failure(done, str(missing), "does not exist")
    assert not missing.exists()


def test_history_of_a_file_that_is_not_a_store(ws):
    target = ws.root / "notes.txt"
    target.write_text("hello\n")
    done = ws.run("history", "--store", str(target))
    assert_clean_failure(done, str(target))
    assert target.read_text() == "hello\n"


def test_markdown_to_stdout(ws):
    write_some_history(ws.session_file("payments-api"), "payments-api")
    done = ws.run("history", "--session", "payments-api", "--markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ") and "payments-api" in done.stdout.splitlines()[0]
    assert "cutover approved for 10:00" in done.stdout


def test_markdown_output_refuses_to_overwrite_without_force(ws):
    write_some_history(ws.session_file("payments-api"), "payments-api")
    out = ws.root / "review.md"

    first = ws.run("history", "--session", "payments-api", "--markdown", "--output", str(out))
    assert first.returncode == 0, first.stderr
    assert "cutover approved for 10:00" in out.read_text()

    out.write_text("my edits\n")
    again = ws.run("history", "--session", "payments-api", "--markdown", "--output", str(out))
    assert_clean_failure(again, str(out), "already exists", "--force")
    assert out.read_text() == "my edits\n"

    forced = ws.run("history", "--session", "payments-api", "--markdown", "--output", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "cutover approved for 10:00" in out.read_text()


def test_output_refusals_happen_before_anything_is_read(ws):
    out_dir = ws.root / "a-directory"
    out_dir.mkdir()
    done = ws.run("history", "--output", str(out_dir))
    assert_clean_failure(done, "is a directory")
    done = ws.run("history", "--output", str(ws.root / "missing" / "x.md"))
    assert_clean_failure(done, "does not exist")
