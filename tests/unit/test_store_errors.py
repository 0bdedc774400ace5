"""The store's error messages: what is wrong, with which file, and what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.store.errors import StoreConflict, StoreError, sqlite_failure

PATH = Path("/data/review.sqlite")


def sqlite_error(name: str, text: str) -> sqlite3.Error:
    e = sqlite3.OperationalError(text)
    e.sqlite_errorname = name
    return e


def test_conflict_messages_say_who_changed_what_and_offer_reload_or_overwrite():
    stale = StoreConflict(path=PATH, kind="workload", doc_id="orders", expected_version=3,
                          current_version=5, current_author="bob")
    assert str(stale).startswith("bob changed the workload 'orders' (now v5)")  # named in words
    assert "v3" in str(stale) and "Reload" in str(stale) and "overwrite" in str(stale)
    assert isinstance(stale, StoreError) and stale.path == PATH
    exists = StoreConflict(path=PATH, kind="k", doc_id="i", expected_version=None, current_version=1,
                           current_author="ann")
    assert str(exists).startswith("ann already created k 'i' (v1)")
    gone = StoreConflict(path=PATH, kind="k", doc_id="i", expected_version=2, current_version=None,
                         current_author="ann", deleted=True)
    assert str(gone).startswith("ann deleted k 'i' after you loaded v2")
    never = StoreConflict(path=PATH, kind="k", doc_id="i", expected_version=2, current_version=None,
                          current_author=None)
    assert "no version of k 'i' is stored" in str(never)


def test_sqlite_failures_become_messages_naming_the_file():
    cases = {
        ("SQLITE_BUSY", "database is locked"): ["locked", "--readonly", "waited 5 s"],
        ("SQLITE_CORRUPT", "database disk image is malformed"): ["damaged", "backup", "--store"],
        ("SQLITE_NOTADB", "file is not a database"): ["damaged"],
        ("SQLITE_READONLY_DIRECTORY", "attempt to write a readonly database"): ["directory is not writable"],
        ("SQLITE_READONLY", "attempt to write a readonly database"): ["read-only", "--readonly"],
        ("SQLITE_FULL", "database or disk is full"): ["disk is full"],
        ("SQLITE_CANTOPEN", "unable to open database file"): ["cannot be opened", "--store"],
        ("SQLITE_IOERR_WRITE", "disk I/O error"): ["disk I/O error"],
        ("SQLITE_WEIRD", "something new"): ["something new"],
    }
    for (name, text), expected in cases.items():
        error = sqlite_failure(PATH, sqlite_error(name, text), doing="saving", busy_timeout=5.0)
        assert isinstance(error, StoreError) and error.path == PATH
        assert str(error).startswith(str(PATH)), name
        for fragment in expected:
            assert fragment in str(error), (name, str(error))
