"""Presence: who has a session open right now. One heartbeat row per open instance of the store.

A read-only viewer (the watching side of a pairing session) cannot change the session's documents, but its
partner should still see that it is watching: its heartbeat goes through a separate, best-effort read-write
connection that touches only the presence table. Where the file cannot be written at all (permissions), the
viewer is simply not listed.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PRESENCE_WINDOW = 15.0  # seconds: a heartbeat newer than this means "has the session open now"
PRESENCE_FORGET = 24 * 3600.0  # rows of instances that vanished without leaving are removed after this


@dataclass(frozen=True)
class Presence:
    """One open instance of the session (a person's app or a headless process)."""

    author: str
    host: str
    pid: int
    instance: str
    opened_at: float
    last_seen: float
    is_self: bool


def beat(conn: sqlite3.Connection, *, instance: str, author: str, opened_at: float) -> None:
    """Upsert this instance's row and forget long-dead ones. The caller holds a write transaction."""
    now = time.time()
    conn.execute("INSERT INTO presence (instance, author, host, pid, opened_at, last_seen) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instance) DO UPDATE SET last_seen = excluded.last_seen",
                 (instance, author, socket.gethostname(), os.getpid(), opened_at, now))
    conn.execute("DELETE FROM presence WHERE last_seen < ?", (now - PRESENCE_FORGET,))


def remove(conn: sqlite3.Connection, instance: str) -> None:
    conn.execute("DELETE FROM presence WHERE instance = ?", (instance,))


def read(conn: sqlite3.Connection, *, within: float, instance: str) -> list[Presence]:
    cutoff = time.time() - within
    rows = conn.execute("SELECT author, host, pid, instance, opened_at, last_seen FROM presence "
                        "WHERE last_seen >= ? ORDER BY opened_at, instance", (cutoff,)).fetchall()
    return [Presence(*row, is_self=row[3] == instance) for row in rows]


class ViewerPresence:
    """The heartbeat of a read-only instance, on its own connection; never raises."""

    def __init__(self, path: Path, busy_timeout: float) -> None:
        self._path = path
        self._busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None
        self._unavailable = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._unavailable:
            try:
                self._conn = sqlite3.connect(f"file:{quote(str(self._path.absolute()))}?mode=rw", uri=True,
                                             isolation_level=None, check_same_thread=False,
                                             timeout=self._busy_timeout)
            except sqlite3.Error:
                self._unavailable = True
        return self._conn

    def _write(self, statement) -> None:
        conn = self._connection()
        if conn is None:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            statement(conn)
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            # A read-only file or a busy writer: the viewer goes unlisted this time; the session is unaffected.

    def beat(self, *, instance: str, author: str, opened_at: float) -> None:
        self._write(lambda conn: beat(conn, instance=instance, author=author, opened_at=opened_at))

    def leave(self, instance: str) -> None:
        self._write(lambda conn: remove(conn, instance))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
