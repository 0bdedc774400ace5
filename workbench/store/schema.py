"""The store file format: recognising our files, the schema, its migrations, and opening a connection safely.

A store is an SQLite database with ``PRAGMA application_id = APPLICATION_ID`` and ``PRAGMA user_version`` =
its schema version. A file that is not ours is refused before anything is written to it: an existing file is
opened with ``mode=rw`` (never created), validated, and only then migrated or switched to WAL.

Schema history (every new store is built by running the whole list, so old files and new ones agree):
  v1  meta, documents, feed (seq, kind, doc_id, version, op, author, at)
  v2  feed.summary (the audit log's text); presence (who has the session open)
  v3  revisions: the bodies of each document's recent versions, so that a save that meets a newer version
      can merge by field against the version its edit started from (workbench/store/merge.py)
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from workbench.store.errors import CHOOSE_ANOTHER, OPEN_READONLY, StoreError, damaged, sqlite_failure

APPLICATION_ID = 0x4C4D4957  # "LMIW"
SQLITE_HEADER = b"SQLite format 3\x00"


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("""
        CREATE TABLE documents (
            kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
            author TEXT NOT NULL, updated_at REAL NOT NULL, PRIMARY KEY (kind, id))""")
    conn.execute("""
        CREATE TABLE feed (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, doc_id TEXT NOT NULL, version INTEGER,
            op TEXT NOT NULL, author TEXT NOT NULL, at REAL NOT NULL)""")
    conn.execute("CREATE INDEX feed_doc ON feed (kind, doc_id)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE feed ADD COLUMN summary TEXT NOT NULL DEFAULT ''")
    conn.execute("""
        CREATE TABLE presence (
            instance TEXT PRIMARY KEY, author TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
            opened_at REAL NOT NULL, last_seen REAL NOT NULL)""")
    conn.execute("CREATE INDEX presence_seen ON presence (last_seen)")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    conn.execute("""
        CREATE TABLE revisions (
            kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (kind, id, version)) WITHOUT ROWID""")
    conn.execute("INSERT INTO revisions (kind, id, version, body) SELECT kind, id, version, body FROM documents")


# MIGRATIONS[i] takes a store from schema version i to i + 1. Append only; never edit a released step.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v0_to_v1, _v1_to_v2, _v2_to_v3]
SCHEMA_VERSION = len(MIGRATIONS)

# The tables each schema version must have (checked when a file claims to be ours).
REQUIRED_TABLES: dict[int, frozenset[str]] = {
    1: frozenset({"meta", "documents", "feed"}),
    2: frozenset({"meta", "documents", "feed", "presence"}),
    3: frozenset({"meta", "documents", "feed", "presence", "revisions"}),
}


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def connect(path: Path, *, readonly: bool, busy_timeout: float, author: str = "",
            session: str | None = None, immutable: bool = False) -> sqlite3.Connection:
    """A validated connection to the store at ``path`` (created, or migrated, when writable).

    ``readonly`` opens with ``mode=ro``: SQLite never writes the database file or the -wal then (a reader
    writes only its read marks into the -shm, the WAL's shared-memory index). ``immutable`` (with readonly)
    adds ``immutable=1``: no locks and no -wal/-shm at all, which SQLite allows only for a file that no one is
    changing, i.e. when there is no -wal beside it (no connection has it open); a mode=ro reader would create
    an empty -wal and a -shm there (sqlite.org "Write-Ahead Logging", section on read-only databases).

    Raises StoreError, naming the file, for anything that is not a usable store; the file is not changed then.
    """
    path = Path(path)
    mode = _check_path(path, readonly)
    uri = f"file:{quote(str(path.absolute()))}?mode={mode}" + ("&immutable=1" if readonly and immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                               timeout=busy_timeout)
    except sqlite3.Error as e:
        raise sqlite_failure(path, e, doing="opening it", busy_timeout=busy_timeout) from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        state = _inspect(path, conn, readonly, busy_timeout)
        if state != "current":
            _create_or_migrate(path, conn, author=author, session=session, busy_timeout=busy_timeout)
        if not readonly:
            _use_wal(conn, busy_timeout)
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as e:
        conn.close()
        raise sqlite_failure(path, e, doing="opening it", busy_timeout=busy_timeout) from e
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL (persistent in the file). The switch needs an exclusive lock, and SQLite answers BUSY at
    once, without its busy handler, when another connection is reading or switching at the same moment (two
    people opening a new store together): retry until the busy timeout."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if not getattr(e, "sqlite_errorname", "").startswith("SQLITE_BUSY") or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.005, 0.03))


def _check_path(path: Path, readonly: bool) -> str:
    """File-system checks before SQLite sees the path; returns the URI mode to open with."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file. Give a file path, e.g. "
                         f"--store {path / 'review.sqlite'}.", path=path)
    if path.exists():
        if not path.is_file():
            raise StoreError(f"{path}: is not a regular file. {CHOOSE_ANOTHER}", path=path)
        try:
            with path.open("rb") as f:
                header = f.read(len(SQLITE_HEADER))
        except OSError as e:
            raise StoreError(f"{path}: cannot be read ({e.strerror}). {CHOOSE_ANOTHER}", path=path) from e
        if header and header != SQLITE_HEADER:
            raise StoreError(f"{path}: is not a workbench store (it is not an SQLite database); it was left "
                             f"as it is. {CHOOSE_ANOTHER}", path=path)
        if readonly:
            return "ro"
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"{path}: the file is read-only for you. {OPEN_READONLY} {CHOOSE_ANOTHER}",
                             path=path)
        parent = path.absolute().parent
        if not os.access(parent, os.W_OK | os.X_OK):
            raise StoreError(f"{path}: its directory {parent} is not writable, and the store needs to create "
                             f"its -wal and -shm files there. {OPEN_READONLY} {CHOOSE_ANOTHER}", path=path)
        return "rw"
    if readonly:
        raise StoreError(f"{path}: does not exist, so there is nothing to open read-only. Check the path, or "
                         "open it without --readonly to create a new store.", path=path)
    parent = path.absolute().parent
    blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise StoreError(f"{path}: cannot create the store: {blocker} is not a directory. {CHOOSE_ANOTHER}",
                         path=path)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create its directory {parent} ({e.strerror}). {CHOOSE_ANOTHER}",
                         path=path) from e
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: cannot create the store: the directory {parent} is not writable. "
                         f"{CHOOSE_ANOTHER}", path=path)
    return "rwc"


def _read_state(conn: sqlite3.Connection) -> tuple[int, int, list[str]]:
    """(application_id, user_version, tables), all from one snapshot: another process may be creating the
    store at this moment, and reading them in separate transactions could mix before and after."""
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
    return app_id, version, tables


def _inspect(path: Path, conn: sqlite3.Connection, readonly: bool, busy_timeout: float) -> str:
    """'current', 'empty' or 'old'; raises StoreError for anything that is not a usable store."""
    app_id, version, tables = _read_state(conn)
    if app_id == 0 and version == 0 and not tables:
        if readonly:
            raise StoreError(f"{path}: is empty, not a store yet. Open it without --readonly to make it one.",
                             path=path)
        return "empty"
    if app_id == 0:
        shown = ", ".join(tables[:6]) + (", ..." if len(tables) > 6 else "")
        raise StoreError(f"{path}: is an SQLite database but not a workbench store (its tables: "
                         f"{shown or 'none'}); it was left as it is. {CHOOSE_ANOTHER}", path=path)
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path}: is an SQLite database of another application (application_id "
                         f"{app_id:#x}), not a workbench store; it was left as it is. {CHOOSE_ANOTHER}", path=path)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: was written by a newer release of LMI Workbench (store schema v{version}; "
                         f"this release reads up to v{SCHEMA_VERSION}). Upgrade lmi-workbench to open it; the "
                         "file was left as it is.", path=path)
    missing = REQUIRED_TABLES.get(version, frozenset({"?"})) - set(tables)
    if version < 1 or missing:
        raise damaged(path, f"schema v{version} without its tables {', '.join(sorted(missing)) or '?'}")
    check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if check != "ok":
        raise damaged(path, check)
    if version < SCHEMA_VERSION:
        if readonly:
            raise StoreError(f"{path}: was written by an older release (store schema v{version}) and must be "
                             f"upgraded to v{SCHEMA_VERSION} before it can be read. Open it once without "
                             "--readonly to upgrade it.", path=path)
        return "old"
    return "current"


def _create_or_migrate(path: Path, conn: sqlite3.Connection, *, author: str, session: str | None,
                       busy_timeout: float) -> None:
    """Bring an empty or older file to SCHEMA_VERSION in one transaction (another process may race us)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        app_id, version, tables = _read_state(conn)  # again, under the write lock
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and (version or tables)):
            raise StoreError(f"{path}: changed while it was being opened and is no longer a workbench store. "
                             f"{CHOOSE_ANOTHER}", path=path)
        now = time.time()
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        if version == 0:
            rows = [("created_at", repr(now)), ("created_by", author)]
            if session:
                rows.append(("session", session))
            from workbench import __version__
            rows.append(("created_with", __version__))
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
        elif version < SCHEMA_VERSION:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (f"upgraded_v{version}_to_v{SCHEMA_VERSION}_at", repr(now)))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
