"""The change feed: its rows as ``Change``, noticing other connections' commits, the Markdown audit log, and
``StoreWatcher`` (a thread with its own connection for headless and multi-process use)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench.clock import system_now
from workbench.store.errors import StoreError, sqlite_failure

log = logging.getLogger(__name__)

FEED_COLUMNS = "seq, kind, doc_id, version, op, author, at, summary"


@dataclass(frozen=True)
class Change:
    """One entry of the append-only feed. ``op`` is 'put', 'delete' or 'event' (``Store.record``); a newer
    release may write other ops and kinds, which readers must pass over, not fail on."""

    seq: int
    kind: str
    doc_id: str
    version: int | None
    op: str
    author: str
    at: float  # epoch seconds
    summary: str


def read_changes(conn: sqlite3.Connection, since: int = 0, *, limit: int | None = None,
                 kind: str | None = None) -> list[Change]:
    sql = f"SELECT {FEED_COLUMNS} FROM feed WHERE seq > ?"
    args: list[object] = [since]
    if kind is not None:
        sql += " AND kind = ?"
        args.append(kind)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return [Change(*row) for row in conn.execute(sql, args)]


def high_water(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(seq), 0) FROM feed").fetchone()[0]


class FeedCursor:
    """Notices commits by other connections: ``PRAGMA data_version`` (one cheap call) tells whether anything
    changed; only then is the feed read past the high-water mark. A connection's own commits do not change
    its data_version."""

    def __init__(self, conn: sqlite3.Connection, since: int) -> None:
        self.conn = conn
        self.seen = since
        self.data_version = self._data_version()

    def _data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True (once) when another connection has committed since the last call."""
        current = self._data_version()
        if current == self.data_version:
            return False
        self.data_version = current
        return True

    def read(self) -> list[Change]:
        changes = read_changes(self.conn, self.seen)
        if changes:
            self.seen = changes[-1].seq
        return changes


def dispatch(listeners: Iterable[Callable[[list[Change]], None]], changes: list[Change]) -> None:
    """Call every listener; one that raises is logged and does not stop the others."""
    if not changes:
        return
    for listener in list(listeners):
        try:
            listener(changes)
        except Exception:
            log.exception("store listener %r failed on %d change(s)", listener, len(changes))


def _cell(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _what(change: Change, previous_op: str | None) -> str:
    subject = f"{_code(change.kind)} {_code(change.doc_id)}"
    if change.op == "put":
        if previous_op in (None, "delete"):
            return f"created {subject} (v{change.version})"
        return f"updated {subject} to v{change.version}"
    if change.op == "delete":
        return f"deleted {subject} (was v{change.version})"
    if change.op == "event":
        return f"{change.kind}: {change.doc_id}"
    return f"{change.op} {subject}" + (f" v{change.version}" if change.version is not None else "")


def render_markdown(changes: list[Change], *, title: str, path: Path, exported_by: str) -> str:
    """The audit log as a Markdown document: a heading, a provenance line and one table row per change."""
    now = system_now().strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"# {title}", "",
             f"Store `{path}` · {len(changes)} entries · exported {now} by {_cell(exported_by)}", ""]
    if not changes:
        lines.append("_No changes recorded yet._")
        return "\n".join(lines) + "\n"
    lines += ["| Time (UTC) | Author | What | Summary |", "| --- | --- | --- | --- |"]
    last_op: dict[tuple[str, str], str] = {}
    for c in changes:
        key = (c.kind, c.doc_id)
        when = datetime.fromtimestamp(c.at, UTC).strftime("%Y-%m-%d %H:%M:%S")
        what = _what(c, last_op.get(key))
        if c.op != "event":
            last_op[key] = c.op
        lines.append(f"| {when} | {_cell(c.author)} | {_cell(what)} | {_cell(c.summary)} |")
    return "\n".join(lines) + "\n"


class StoreWatcher(threading.Thread):
    """A daemon thread with its own read-only connection that calls ``callback(changes)`` for every commit
    to the feed, by any process or connection (this process's Store included), from the moment it is built.

    It checks ``PRAGMA data_version`` every ``interval`` seconds (sleeping in between, not spinning). The
    callback runs on this thread; a callback that raises is logged and the watcher goes on. ``stop()`` ends
    the thread, joins it and closes the connection.
    """

    def __init__(self, path: Path, callback: Callable[[list[Change]], None], *, interval: float = 0.05) -> None:
        from workbench.store.schema import connect

        super().__init__(name=f"StoreWatcher({Path(path).name})", daemon=True)
        self.path = Path(path)
        self.interval = interval
        self._callback = callback
        self._stopping = threading.Event()
        self._conn = connect(self.path, readonly=True, busy_timeout=5.0)
        try:
            self._cursor = FeedCursor(self._conn, high_water(self._conn))
        except sqlite3.Error as e:
            self._conn.close()
            raise sqlite_failure(self.path, e, doing="reading the feed", busy_timeout=5.0) from e
        self._failures = 0

    def run(self) -> None:
        while not self._stopping.wait(self.interval):
            try:
                changes = self._cursor.read() if self._cursor.changed() else []
                self._failures = 0
            except sqlite3.Error as e:
                self._failures += 1
                if self._failures == 1:  # say it once, keep trying (a lock or a checkpoint passes)
                    log.warning("%s", sqlite_failure(self.path, e, doing="watching the feed", busy_timeout=5.0))
                continue
            dispatch([self._callback], changes)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; idempotent."""
        self._stopping.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)
        try:
            self._conn.close()
        except sqlite3.Error:  # pragma: no cover - closing never fails in practice
            pass


__all__ = ["Change", "FeedCursor", "StoreError", "StoreWatcher", "dispatch", "read_changes", "render_markdown"]
