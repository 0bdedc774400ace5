"""Schema version and migrations: an older store opens and is upgraded; a newer one is refused untouched."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration._store_docs import Counter, digest
from workbench.store import Store, StoreError

MAGIC = 0x4C4D4957  # "LMIW"

# What release 1 wrote, spelled out here (not imported) so the test holds the old format fixed.
V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
    author TEXT NOT NULL, updated_at REAL NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE feed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, doc_id TEXT NOT NULL, version INTEGER,
    op TEXT NOT NULL, author TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX feed_doc ON feed (kind, doc_id);
"""


def make_v1(path):
    raw = sqlite3.connect(path)
    raw.executescript(V1_DDL)
    raw.execute(f"PRAGMA application_id = {MAGIC}")
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO meta VALUES ('session', 'old'), ('created_by', 'olga'), ('created_at', '1000')")
    raw.execute("INSERT INTO documents VALUES ('test.counter', 'default', 3, '{\"id\":\"default\",\"n\":41}', "
                "'olga', 1003)")
    for v in (1, 2, 3):
        raw.execute("INSERT INTO feed (kind, doc_id, version, op, author, at) "
                    "VALUES ('test.counter', 'default', ?, 'put', 'olga', ?)", (v, 1000 + v))
    raw.commit()
    raw.close()


def test_a_new_store_carries_the_magic_number_and_current_schema_version(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path, author="a").close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == MAGIC
    assert raw.execute("PRAGMA user_version").fetchone()[0] == Store.SCHEMA_VERSION >= 2
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_a_version_1_store_opens_keeps_its_data_and_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    make_v1(path)
    with Store.open(path, author="alice") as store:
        got = store.get(Counter)
        assert (got.doc.n, got.version, got.author) == (41, 3, "olga")
        assert [(c.version, c.summary) for c in store.changes()] == [(1, ""), (2, ""), (3, "")]
        store.put(Counter(n=42), expected_version=3, summary="after upgrade")
        assert store.changes()[-1].summary == "after upgrade"
        assert [p.author for p in store.present()] == ["alice"]
        assert store.meta("session") == "old"
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == Store.SCHEMA_VERSION
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()


def test_a_version_1_store_opened_readonly_is_refused_untouched(tmp_path):
    path = tmp_path / "old.sqlite"
    make_v1(path)
    before = digest(path)
    with pytest.raises(StoreError) as info:
        Store.open(path, author="alice", readonly=True)
    msg = str(info.value)
    assert str(path) in msg and "older" in msg and "without --readonly" in msg
    assert digest(path) == before


def test_a_store_from_a_newer_release_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    Store.open(path, author="a").close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {Store.SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            Store.open(path, author="alice", readonly=readonly)
        msg = str(info.value)
        assert str(path) in msg and "newer" in msg and f"v{Store.SCHEMA_VERSION + 1}" in msg
        assert digest(path) == before
