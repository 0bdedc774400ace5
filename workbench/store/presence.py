"""Presence: who has a session open right now.

An instance that can write has a heartbeat row in the store's presence table. A read-only viewer (the watching
side of a pairing session) must leave the store file and its WAL byte-for-byte unchanged, so its heartbeat
lives beside the store, not in it: one small JSON file per viewer in ``<store>.presence/`` (``presence_dir``).
Everyone's ``present()`` lists both, the viewers marked read-only. Where that directory cannot be written
(permissions), the viewer is simply not listed.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

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
    readonly: bool = False  # a --readonly viewer (listed from the presence directory beside the store)

    @property
    def label(self) -> str:
        """The name as presence shows it: "bob (read-only)" for a viewer."""
        return f"{self.author} (read-only)" if self.readonly else self.author


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
    return [Presence(author, host, pid, row_instance, opened_at, last_seen, is_self=row_instance == instance)
            for author, host, pid, row_instance, opened_at, last_seen in rows]


def presence_dir(path: Path) -> Path:
    """Where read-only viewers' heartbeats live: a directory beside the store file, never inside it."""
    path = Path(path)
    return path.with_name(f"{path.name}.presence")


def read_viewers(path: Path, *, within: float, instance: str) -> list[Presence]:
    """The read-only viewers whose heartbeat file is at most ``within`` seconds old; unreadable files skipped."""
    folder = presence_dir(path)
    now = time.time()
    found: list[Presence] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if not entry.name.endswith(".json") or entry.name.startswith("."):
            continue
        try:
            with open(entry.path, "rb") as f:
                data = json.loads(f.read(4096))
            row = Presence(author=str(data["author"]), host=str(data["host"]), pid=int(data["pid"]),
                           instance=str(data["instance"]), opened_at=float(data["opened_at"]),
                           last_seen=float(data["last_seen"]), is_self=data["instance"] == instance, readonly=True)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if row.last_seen < now - PRESENCE_FORGET:
            try:
                os.unlink(entry.path)  # a viewer that vanished without leaving, a day ago
            except OSError:
                pass
        elif row.last_seen >= now - within:
            found.append(row)
    return found


class ViewerPresence:
    """The heartbeat of a read-only instance: ``<store>.presence/<instance>.json``, rewritten atomically on
    each beat and removed on leave. Never raises, never opens the store."""

    def __init__(self, path: Path, busy_timeout: float = 0.0) -> None:
        self._folder = presence_dir(path)

    def _file(self, instance: str) -> Path:
        return self._folder / f"{instance}.json"

    def beat(self, *, instance: str, author: str, opened_at: float) -> None:
        body = json.dumps({"author": author, "host": socket.gethostname(), "pid": os.getpid(),
                           "instance": instance, "opened_at": opened_at, "last_seen": time.time(),
                           "readonly": True})
        tmp = self._folder / f".{instance}.tmp"
        try:
            self._folder.mkdir(exist_ok=True)  # the store's own directory must exist: never created here
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, self._file(instance))
        except OSError:
            pass  # an unwritable directory: the viewer goes unlisted; the session is unaffected

    def leave(self, instance: str) -> None:
        try:
            self._file(instance).unlink(missing_ok=True)
            self._folder.rmdir()  # only when no one else is in it
        except OSError:
            pass

    def close(self) -> None:
        pass
