"""The shared state store: typed, versioned documents in one SQLite file (WAL) per session, and its change feed.

Every write is compare-and-set on the document's version (the UPDATE carries ``AND version = ?`` inside
``BEGIN IMMEDIATE``). A write that meets a newer version is merged by field against the version its edit
started from (kept in the ``revisions`` table): only a field both partners changed is a ``StoreConflict``
(carrying base / theirs / mine per field), and it changes nothing; ``Store.resolve`` saves the user's choice
and tells the partner when their value is replaced. Every write appends to the
feed, which is also the review's audit log. Listeners hear this Store's own writes right after commit and
other connections' writes when ``poll()`` finds them (``PRAGMA data_version``: one cheap call, made from a
50 ms timer by the app). ``StoreWatcher`` does the same on a thread with its own connection.

    store = Store.open(path, author="alice", session="payments-api")
    cur = store.get(Workload)                      # Stored[Workload] | None
    store.put(new_doc, expected_version=cur.version if cur else None, summary="set memory to 2 GB")

One Store holds one sqlite3 connection, guarded by a lock: any thread may call it. Listeners run on the
thread that wrote (own writes) or polled (other processes' writes), outside the lock.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from workbench.store.errors import StoreConflict, StoreError, StoreReadOnly, sqlite_failure
from workbench.store.feed import (Change, FeedCursor, StoreWatcher, dispatch, high_water, read_changes,
                                  render_markdown)
from workbench.store.merge import FieldConflict, Merge, merge3, show_value
from workbench.store.newer import StoreNewerRelease, newer_note, top_level_unknown, without_newer_fields
from workbench.store.presence import PRESENCE_WINDOW, Presence, ViewerPresence, read_viewers
from workbench.store.presence import beat as _beat
from workbench.store.presence import read as _read_presence
from workbench.store.presence import remove as _remove_presence
from workbench.store.schema import SCHEMA_VERSION, connect, wal_path

if TYPE_CHECKING:
    from pydantic import ValidationError

    from workbench.documents import Document

# Opening a store and reading its rows (``peek``) imports no pydantic: the first screen is drawn from the rows
# before any model is built. pydantic's ValidationError is imported where a model was validated (pydantic is then
# loaded already).
D = TypeVar("D", bound="Document")

REVISIONS_KEPT = 50  # versions per document whose bodies are kept as merge bases (older edits: unknown base)
REPLACED_KIND = "replaced"  # the feed event that tells partners their value was replaced (Store.resolve)


def replaced_text(author: str, partners: tuple[str, ...], kind: str, doc_id: str,
                  fields: "list[FieldConflict]") -> str:
    """The audit log's and the partner's notice text: who replaced whose value of what, from what to what, each
    field named as on screen."""
    from workbench.labels import document_named
    from workbench.labels import named_for_kind as named

    whose = " and ".join(partners) if partners else "a partner"
    parts = "; ".join(f"{name}: {show_value(c.theirs, 40)} → {show_value(c.mine, 40)}"
                      for name, c in zip(named(kind, fields[:6]), fields[:6]))
    more = f"; and {len(fields) - 6} more" if len(fields) > 6 else ""
    return f"{author} replaced {whose}'s value in {document_named(kind, doc_id)} — {parts}{more}"


def _first_error(e: ValidationError, cls: type[Document] | None = None) -> str:
    """The first validation problem in words; with ``cls``, its fields named as on screen."""
    errors = e.errors()
    if not errors:
        return str(e)
    first = errors[0]
    loc = tuple(str(p) for p in first.get("loc", ()))
    msg = str(first.get("msg", "")).removeprefix("Value error, ")
    if cls is None:
        where = ".".join(loc)
        return f"{where}: {msg}" if where else msg
    from workbench.labels import field_label, in_words

    where = field_label(cls, loc) if loc else ""
    msg = in_words(msg, cls)
    return f"{where}: {msg}" if where and where not in msg else msg


def _defaults(cls: type[Document], doc_id: str) -> dict | None:
    """The JSON form of a new document with every field at its default (what a form starts from), or None
    when the class has required fields."""
    from pydantic import ValidationError

    try:
        return json.loads(cls(id=doc_id).model_dump_json())
    except (ValidationError, TypeError):
        return None


def _at(data: object, path: tuple[str, ...]) -> object:
    from workbench.store.merge import MISSING, UNKNOWN

    if data is None:
        return UNKNOWN
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return MISSING
        data = data[key]
    return data


__all__ = ["Change", "FieldConflict", "Peeked", "Presence", "Store", "StoreConflict", "StoreError",
           "StoreNewerRelease", "StoreReadOnly",
           "StoreWatcher", "Stored"]


@dataclass(frozen=True)
class Stored(Generic[D]):
    """A document as the store holds it: the version to pass back as ``expected_version``, who wrote it, when."""

    doc: D
    version: int
    author: str
    updated_at: float  # epoch seconds


class Peeked(NamedTuple):
    """A stored row as plain JSON, not validated (``Store.peek``)."""

    body: object  # what json.loads made of the stored body: a dict for any document this release wrote
    version: int
    author: str
    updated_at: float


def _kind_of(cls: type[Document]) -> str:
    kind = getattr(cls, "KIND", "")
    if not kind:
        raise TypeError(f"{cls.__qualname__} has no KIND: only document classes with a KIND can be stored")
    return kind


class Store:
    """A session's shared state in one SQLite file. Build it with ``Store.open``; close it (or use ``with``)."""

    SCHEMA_VERSION = SCHEMA_VERSION

    def __init__(self, conn: sqlite3.Connection, *, path: Path, author: str, readonly: bool,
                 busy_timeout: float, immutable: bool = False, announce: bool = True) -> None:
        """Use ``Store.open``."""
        self.path = path
        self.author = author
        self.readonly = readonly
        self._immutable = immutable  # read-only with no -wal: reopened with mode=ro once a writer appears
        self._announce = announce
        self.instance = uuid.uuid4().hex
        self._conn: sqlite3.Connection | None = conn
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._listeners: list[Callable[[list[Change]], None]] = []
        self._seen = high_water(conn)  # feed entries up to here were dispatched (or predate this Store)
        self._own: set[int] = set()  # own entries past _seen: poll() must not report them again
        self._cursor = FeedCursor(conn, self._seen)
        self._opened_at = time.time()
        self._viewer = ViewerPresence(path, busy_timeout)
        self.newer: dict[tuple[str, str], tuple[str, ...]] = {}  # documents from a newer release: read-only here
        self.on_newer: Callable[[str], None] | None = None  # told once per such document (the note to show)

    # ----- opening and closing -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, author: str, readonly: bool = False, session: str | None = None,
             busy_timeout: float = 5.0, announce: bool = True) -> "Store":
        """Open the store at ``path``, creating it (and its directory) when absent unless ``readonly``.

        ``session`` is recorded in a new store's meta. A store from an older release is upgraded (not when
        ``readonly``); one from a newer release, a file that is not a store, a damaged, locked or unwritable
        one raise ``StoreError`` naming the file and saying what to do; such a file is left exactly as it is.
        ``busy_timeout`` is how long to wait for another writer's lock before giving up.

        ``readonly`` leaves the store file and its WAL byte-for-byte unchanged: SQLite opens it with ``mode=ro``
        (or ``immutable=1`` while no -wal exists, i.e. no one has it open; ``poll`` switches to ``mode=ro`` when
        a writer appears), and the viewer's presence goes to a file beside the store (``workbench.store.presence``).
        ``announce``: list this instance in presence (False for a one-shot command such as ``history``).
        """
        path = Path(path).expanduser()
        immutable = readonly and not wal_path(path).exists()
        conn = connect(path, readonly=readonly, busy_timeout=busy_timeout, author=author, session=session,
                       immutable=immutable)
        try:
            store = cls(conn, path=path, author=author, readonly=readonly, busy_timeout=busy_timeout,
                        immutable=immutable, announce=announce)
        except sqlite3.Error as e:
            conn.close()
            raise sqlite_failure(path, e, doing="opening it", busy_timeout=busy_timeout) from e
        try:
            store.heartbeat()
        except BaseException:
            conn.close()  # no leave(): the row was never written
            store._conn = None
            raise
        return store

    def close(self) -> None:
        """Leave the presence table and close the connection. Idempotent."""
        with self._lock:
            if self._conn is None:
                return
            try:
                self.leave()
            except StoreError:
                pass  # a lock or a full disk must not keep the app from closing; the row goes stale
            self._viewer.close()
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "readonly" if self.readonly else "rw"
        return f"<Store {self.path} author={self.author!r} {mode}{' closed' if self._conn is None else ''}>"

    # ----- plumbing ----------------------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed.", path=self.path)
        return self._conn

    def _failure(self, e: sqlite3.Error, doing: str) -> StoreError:
        return sqlite_failure(self.path, e, doing=doing, busy_timeout=self._busy_timeout)

    @contextmanager
    def _reading(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as e:
                raise self._failure(e, doing) from e

    @contextmanager
    def _writing(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back if it raises."""
        if self.readonly:
            raise StoreReadOnly(f"{self.path}: is open read-only, so {doing} was not saved. Reopen it without "
                                "--readonly to make changes.", path=self.path)
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as e:
                raise self._failure(e, doing) from e

    def _append(self, conn: sqlite3.Connection, kind: str, doc_id: str, version: int | None, op: str,
                at: float, summary: str) -> Change:
        cur = conn.execute("INSERT INTO feed (kind, doc_id, version, op, author, at, summary) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, doc_id, version, op, self.author, at, summary))
        seq = cur.lastrowid
        assert seq is not None, "an INSERT into a rowid table sets lastrowid (sqlite3 docs, Cursor.lastrowid)"
        return Change(seq, kind, doc_id, version, op, self.author, at, summary)

    def _mark_own(self, change: Change) -> None:
        # Under the lock. Own commits do not change our data_version; remember them so poll() skips them.
        if change.seq == self._seen + 1:
            self._seen = change.seq
        else:
            self._own.add(change.seq)

    def _last_feed_entry(self, conn: sqlite3.Connection, kind: str, doc_id: str) -> tuple[int, str, str] | None:
        return conn.execute("SELECT version, op, author FROM feed WHERE kind = ? AND doc_id = ? AND op != 'event' "
                            "ORDER BY seq DESC LIMIT 1", (kind, doc_id)).fetchone()

    def _conflict(self, conn: sqlite3.Connection, kind: str, doc_id: str, expected: int | None) -> StoreConflict:
        row = conn.execute("SELECT version, author FROM documents WHERE kind = ? AND id = ?",
                           (kind, doc_id)).fetchone()
        if row is not None:
            return StoreConflict(path=self.path, kind=kind, doc_id=doc_id, expected_version=expected,
                                 current_version=row[0], current_author=row[1])
        last = self._last_feed_entry(conn, kind, doc_id)
        deleted = last is not None and last[1] == "delete"
        return StoreConflict(path=self.path, kind=kind, doc_id=doc_id, expected_version=expected,
                             current_version=None, current_author=last[2] if last is not None and deleted else None,
                             deleted=deleted)

    def _load(self, cls: type[D], kind: str, doc_id: str, version: int, body: str) -> D:
        from pydantic import ValidationError

        try:
            return cls.model_validate_json(body)
        except ValidationError as e:
            newer = without_newer_fields(cls, body, e)  # a partner's newer release added fields: read-only here
            if newer is not None:
                if self.newer.get((kind, doc_id)) != newer[1]:
                    self.newer[(kind, doc_id)] = newer[1]
                    if self.on_newer is not None:
                        self.on_newer(newer_note(kind, doc_id, newer[1]))
                return newer[0]
            first = e.errors()[0] if e.errors() else {"loc": (), "msg": str(e)}
            where = ".".join(str(p) for p in first.get("loc", ())) or "body"
            raise StoreError(f"{self.path}: {kind} '{doc_id}' (v{version}) cannot be read by this release: "
                             f"{where}: {first.get('msg')}. It may have been written by another release; "
                             "the stored copy was left as it is.", path=self.path) from e

    def _refuse_newer(self, conn: sqlite3.Connection, cls: type[Document], kind: str, doc_id: str) -> None:
        """A document a newer release wrote is read-only here: writing it would drop the fields it added."""
        fields = self.newer.get((kind, doc_id)) or top_level_unknown(conn, cls, kind, doc_id)
        if fields:
            raise StoreNewerRelease(f"{self.path}: not saved: {newer_note(kind, doc_id, fields)}.", path=self.path)

    # ----- documents ---------------------------------------------------------------------------------------

    def get(self, cls: type[D], doc_id: str = "default") -> Stored[D] | None:
        """The stored document of ``cls`` with this id, or None. StoreError if its body cannot be read."""
        kind = _kind_of(cls)
        row = self._row(kind, doc_id)
        if row is None:
            return None
        version, body, author, updated_at = row
        return Stored(self._load(cls, kind, doc_id, version, body), version, author, updated_at)

    def _row(self, kind: str, doc_id: str) -> tuple[int, str, str, float] | None:
        """(version, body, author, updated_at) of the stored document, or None."""
        with self._reading(f"reading {kind} '{doc_id}'") as conn:
            return conn.execute("SELECT version, body, author, updated_at FROM documents WHERE kind = ? AND id = ?",
                                (kind, doc_id)).fetchone()

    def peek(self, kind: str, doc_id: str = "default") -> Peeked | None:
        """The stored row of ``kind`` with this id as plain JSON, or None: nothing is validated and no model is
        built or imported. For drawing the first screen before pydantic is loaded; what is shown from it must be
        shown again from ``get`` (which validates, and says when a document cannot be read) right after."""
        row = self._row(kind, doc_id)
        if row is None:
            return None
        version, body, author, updated_at = row
        try:
            data = json.loads(body)
        except ValueError:  # not JSON at all: ``get`` explains it
            data = None
        return Peeked(data, version, author, updated_at)

    def exists(self, kind: str, doc_id: str = "default") -> bool:
        """Whether a document of ``kind`` with this id is stored (its body is not read, so no model is needed)."""
        with self._reading(f"reading {kind} '{doc_id}'") as conn:
            row = conn.execute("SELECT 1 FROM documents WHERE kind = ? AND id = ?", (kind, doc_id)).fetchone()
        return row is not None

    def list(self, cls: type[D]) -> list[Stored[D]]:
        """Every stored document of ``cls``, by id."""
        kind = _kind_of(cls)
        with self._reading(f"listing {kind}") as conn:
            rows = conn.execute("SELECT id, version, body, author, updated_at FROM documents WHERE kind = ? "
                                "ORDER BY id", (kind,)).fetchall()
        return [Stored(self._load(cls, kind, i, v, b), v, a, t) for i, v, b, a, t in rows]

    def put(self, doc: D, *, expected_version: int | None, summary: str = "") -> Stored[D]:
        """Save ``doc``, an edit that started from stored version ``expected_version`` (None: a new document).

        When the stored version is still ``expected_version`` it is a plain compare-and-set write. When a
        partner saved a newer version meanwhile, ``doc`` is merged by field against the version the edit started
        from (``workbench.store.merge``): the fields only this edit changed go on top of theirs and the result is
        written (the feed says it was merged); the returned Stored holds the merged document. When a field was
        changed on both sides to different values (or the merge would not be a valid document), StoreConflict
        is raised with the fields (base / theirs / mine) and nothing is written; ``Store.resolve`` then saves
        the user's choice. A document class with ``MERGE_BY_FIELD = False``, or a document that was deleted
        meanwhile, is a plain StoreConflict.

        A re-created document continues the version numbers of the deleted one, so an old version never matches.
        """
        return self._put(doc, expected_version=expected_version, summary=summary)

    def resolve(self, conflict: StoreConflict, take: str, *, summary: str = "") -> Stored | None:
        """Save the edit that met ``conflict`` with its conflicting fields set to ``take`` ("mine" or "theirs");
        every other field is merged as ``put`` does. None when that leaves nothing to save (theirs, unchanged).

        Taking "mine" replaces values a partner saved: the feed gets a ``replaced`` event naming the fields and
        both values, which the partners' terminals show as a notice and which stays in the audit log. If yet
        another version was saved meanwhile, the merge runs again (and may raise StoreConflict again).
        """
        if take not in ("mine", "theirs"):
            raise ValueError(f"take must be 'mine' or 'theirs', not {take!r}")
        if conflict.mine is None or conflict.merge is None or conflict.current_version is None:
            raise StoreError(f"{self.path}: {conflict.kind} '{conflict.doc_id}' cannot be merged by field; "
                             "reload it and make the change again.", path=self.path)
        from pydantic import ValidationError

        from workbench.labels import named_for_kind as named

        cls = type(conflict.mine)
        data = conflict.merge.resolved(take)
        if take == "theirs" and data == conflict.theirs:
            return None
        try:
            doc = cls.model_validate(data)
        except ValidationError as e:
            raise StoreError(f"{self.path}: {conflict.kind} '{conflict.doc_id}' was not saved: with "
                             f"{'your' if take == 'mine' else 'their'} values the document is not valid "
                             f"({_first_error(e, cls)}).", path=self.path) from e
        replaced = conflict.merge.conflicts if take == "mine" else []
        note = (f"kept {', '.join(named(conflict.kind, conflict.merge.conflicts))} of v{conflict.current_version}"
                if take == "theirs" else f"took mine for {', '.join(named(conflict.kind, replaced))}")
        return self._put(doc, expected_version=conflict.current_version,
                         summary=f"{summary} ({note})" if summary else note,
                         replaced=replaced, replaced_authors=conflict.theirs_authors)

    def _put(self, doc: D, *, expected_version: int | None, summary: str, replaced=(),
             replaced_authors: tuple[str, ...] = ()) -> Stored[D]:
        cls = type(doc)
        kind = _kind_of(cls)
        body = doc.model_dump_json()
        now = time.time()
        with self._writing(f"saving {kind} '{doc.id}'") as conn:
            self._refuse_newer(conn, type(doc), kind, doc.id)
            row = conn.execute("SELECT version, body, author, updated_at FROM documents WHERE kind = ? AND id = ?",
                               (kind, doc.id)).fetchone()
            if row is None and expected_version is None:
                last = conn.execute("SELECT MAX(version) FROM feed WHERE kind = ? AND doc_id = ? AND op != 'event'",
                                    (kind, doc.id)).fetchone()[0]
                version = (last or 0) + 1
                conn.execute("INSERT INTO documents (kind, id, version, body, author, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)", (kind, doc.id, version, body, self.author, now))
            elif row is not None and expected_version is not None and row[0] == expected_version:
                version = expected_version + 1
                conn.execute("UPDATE documents SET version = ?, body = ?, author = ?, updated_at = ? "
                             "WHERE kind = ? AND id = ? AND version = ?",
                             (version, body, self.author, now, kind, doc.id, expected_version))
            else:
                if row is None or not cls.MERGE_BY_FIELD:
                    raise self._conflict(conn, kind, doc.id, expected_version)
                merged = self._merge(conn, doc, kind, expected_version, row)
                if merged is None:  # what I changed, they had already changed the same way: nothing to add
                    return Stored(self._load(cls, kind, doc.id, row[0], row[1]), row[0], row[2], row[3])
                doc, body = merged, merged.model_dump_json()
                version = row[0] + 1
                conn.execute("UPDATE documents SET version = ?, body = ?, author = ?, updated_at = ? "
                             "WHERE kind = ? AND id = ? AND version = ?",
                             (version, body, self.author, now, kind, doc.id, row[0]))
                note = f"merged over v{row[0]} by {row[2]}"
                summary = f"{summary} ({note})" if summary else note
            self._keep_revision(conn, cls, kind, doc.id, version, body)
            changes = [self._append(conn, kind, doc.id, version, "put", now, summary)]
            if replaced:
                changes.append(self._append(conn, REPLACED_KIND, f"{kind}/{doc.id}", None, "event", now,
                                            replaced_text(self.author, replaced_authors, kind, doc.id, replaced)))
            for change in changes:
                self._mark_own(change)
        dispatch(self._listeners, changes)
        return Stored(doc, version, self.author, now)

    def _merge(self, conn: sqlite3.Connection, doc: D, kind: str, expected: int | None,
               row: tuple[int, str, str, float]) -> D | None:
        """``doc`` merged over the stored ``row`` against revision ``expected``; None when it adds nothing.
        Raises StoreConflict (with the merge) when a field was changed on both sides or the result is invalid."""
        current, their_body, their_author, _ = row
        base_row = None if expected is None else conn.execute(
            "SELECT body FROM revisions WHERE kind = ? AND id = ? AND version = ?", (kind, doc.id, expected)).fetchone()
        base = json.loads(base_row[0]) if base_row else None
        if expected is None:  # a create that met a create: both started from the defaults, when there are any
            base = _defaults(type(doc), doc.id)
        theirs = json.loads(their_body)
        outcome = merge3(base, theirs, json.loads(doc.model_dump_json()), type(doc).MERGE_STAMPS)
        authors = tuple(a for (a,) in conn.execute(
            "SELECT author FROM feed WHERE kind = ? AND doc_id = ? AND op = 'put' AND version > ? "
            "GROUP BY author ORDER BY MIN(seq)", (kind, doc.id, expected or 0))) or (their_author,)

        def conflict(invalid: str = "") -> StoreConflict:
            return StoreConflict(path=self.path, kind=kind, doc_id=doc.id, expected_version=expected,
                                 current_version=current, current_author=their_author, merge=outcome, mine=doc,
                                 theirs=theirs, theirs_authors=authors, invalid=invalid)

        if outcome.conflicts:
            raise conflict()
        if outcome.merged == theirs:
            return None
        from pydantic import ValidationError

        try:
            return type(doc).model_validate(outcome.merged)
        except ValidationError as e:
            # Each side valid, together not (a rule across fields): the fields I changed are the conflict.
            fields = [FieldConflict(p, _at(base, p), _at(theirs, p), _at(outcome.merged, p))
                      for p in outcome.mine_applied]
            outcome = Merge(merged=theirs, conflicts=fields, base_known=outcome.base_known)
            raise conflict(_first_error(e, type(doc))) from None

    def _keep_revision(self, conn: sqlite3.Connection, cls: type[Document], kind: str, doc_id: str, version: int,
                       body: str) -> None:
        """Keep this version's body (the base of edits that start from it) and forget old ones."""
        if not cls.MERGE_BY_FIELD:
            return
        conn.execute("INSERT OR REPLACE INTO revisions (kind, id, version, body) VALUES (?, ?, ?, ?)",
                     (kind, doc_id, version, body))
        conn.execute("DELETE FROM revisions WHERE kind = ? AND id = ? AND version <= ?",
                     (kind, doc_id, version - REVISIONS_KEPT))

    def overwrite(self, doc: D, *, summary: str = "") -> Stored[D]:
        """Write ``doc`` over whatever version is current (the UI's "overwrite theirs"), or create it.

        The feed records it as an overwrite of vN by its author, followed by ``summary``.
        """
        kind = _kind_of(type(doc))
        body = doc.model_dump_json()
        now = time.time()
        with self._writing(f"overwriting {kind} '{doc.id}'") as conn:
            self._refuse_newer(conn, type(doc), kind, doc.id)
            row = conn.execute("SELECT version, author FROM documents WHERE kind = ? AND id = ?",
                               (kind, doc.id)).fetchone()
            if row is None:
                last = self._last_feed_entry(conn, kind, doc.id)
                version = (last[0] or 0) + 1 if last else 1
                # Nothing to overwrite: a first write is recorded as the plain creation it is.
                note = (f"overwrite: v{last[0]} had been deleted by {last[2]}" if last and last[1] == "delete"
                        else "")
                conn.execute("INSERT INTO documents (kind, id, version, body, author, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)", (kind, doc.id, version, body, self.author, now))
            else:
                old_version, old_author = row
                version = old_version + 1
                note = f"overwrite of v{old_version} by {old_author}"
                conn.execute("UPDATE documents SET version = ?, body = ?, author = ?, updated_at = ? "
                             "WHERE kind = ? AND id = ? AND version = ?",
                             (version, body, self.author, now, kind, doc.id, old_version))
            self._keep_revision(conn, type(doc), kind, doc.id, version, body)
            change = self._append(conn, kind, doc.id, version, "put", now,
                                  ": ".join(part for part in (note, summary) if part))
            self._mark_own(change)
        dispatch(self._listeners, [change])
        return Stored(doc, version, self.author, now)

    def delete(self, cls: type[D], doc_id: str, *, expected_version: int, summary: str = "") -> None:
        """Delete the document if its stored version is still ``expected_version``; StoreConflict otherwise."""
        kind = _kind_of(cls)
        now = time.time()
        with self._writing(f"deleting {kind} '{doc_id}'") as conn:
            cur = conn.execute("DELETE FROM documents WHERE kind = ? AND id = ? AND version = ?",
                               (kind, doc_id, expected_version))
            if cur.rowcount != 1:
                raise self._conflict(conn, kind, doc_id, expected_version)
            conn.execute("DELETE FROM revisions WHERE kind = ? AND id = ?", (kind, doc_id))
            change = self._append(conn, kind, doc_id, expected_version, "delete", now, summary)
            self._mark_own(change)
        dispatch(self._listeners, [change])

    # ----- the feed ----------------------------------------------------------------------------------------

    def record(self, kind: str, subject: str, summary: str) -> Change:
        """Append an audit event that is not a document write (a note, a decision, a cutover step)."""
        now = time.time()
        with self._writing(f"recording {kind} '{subject}'") as conn:
            change = self._append(conn, kind, subject, None, "event", now, summary)
            self._mark_own(change)
        dispatch(self._listeners, [change])
        return change

    def changes(self, since: int = 0, *, limit: int | None = None, kind: str | None = None) -> builtins.list[Change]:
        """Feed entries after sequence number ``since``, oldest first; optionally only ``kind``, at most ``limit``."""
        with self._reading("reading the change feed") as conn:
            return read_changes(conn, since, limit=limit, kind=kind)

    def high_water(self) -> int:
        """The newest feed sequence number (0 for an empty feed)."""
        with self._reading("reading the change feed") as conn:
            return high_water(conn)

    def export_markdown(self, *, title: str | None = None) -> str:
        """The whole audit log as Markdown: a table of time (UTC), author, what changed, and the summary."""
        session = self.meta("session")
        heading = title or (f"Audit log: {session}" if session else f"Audit log: {self.path.name}")
        return render_markdown(self.changes(), title=heading, path=self.path, exported_by=self.author)

    def subscribe(self, listener: Callable[[builtins.list[Change]], None]) -> Callable[[], None]:
        """Call ``listener(changes)`` on every change; returns a function that unsubscribes it.

        Own writes are delivered right after their commit; other connections' writes by ``poll()``. A listener
        that raises is logged and neither stops the other listeners nor undoes the write.
        """
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def poll(self) -> builtins.list[Change]:
        """Changes committed by other connections or processes since the last poll, dispatched to listeners.

        Costs one ``PRAGMA data_version`` when nothing changed; safe to call from a 50 ms timer.
        """
        if self._immutable and wal_path(self.path).exists():
            self._go_live()
        with self._reading("checking for changes") as conn:
            if not self._cursor.changed():
                return []
            fresh = read_changes(conn, self._seen)
            others = [c for c in fresh if c.seq not in self._own]
            if fresh:
                self._seen = fresh[-1].seq
                self._own = {s for s in self._own if s > self._seen}
        dispatch(self._listeners, others)
        return others

    def _go_live(self) -> None:
        """A writer has opened the store since this read-only Store opened it as immutable (no -wal then):
        reopen with mode=ro so its commits are seen, and make the next poll read the feed."""
        fresh = connect(self.path, readonly=True, busy_timeout=self._busy_timeout)
        with self._lock:
            old, self._conn = self._conn, fresh
            self._immutable = False
            self._cursor = FeedCursor(fresh, self._seen)
            self._cursor.data_version = -1  # read the feed past _seen once: changes may have come meanwhile
        if old is not None:
            old.close()

    # ----- presence and meta -------------------------------------------------------------------------------

    def heartbeat(self) -> None:
        """Mark this instance present now (call every few seconds). A read-only viewer is listed too, through
        a separate best-effort connection that touches only the presence table."""
        if not self._announce:
            return
        if self.readonly:
            self._viewer.beat(instance=self.instance, author=self.author, opened_at=self._opened_at)
            return
        with self._writing("updating presence") as conn:
            _beat(conn, instance=self.instance, author=self.author, opened_at=self._opened_at)

    def present(self, within: float = PRESENCE_WINDOW) -> builtins.list[Presence]:
        """Instances whose last heartbeat is at most ``within`` seconds old (this one included), by open time;
        read-only viewers (from the presence directory beside the store) have ``readonly`` set."""
        with self._reading("reading presence") as conn:
            rows = _read_presence(conn, within=within, instance=self.instance)
        rows += read_viewers(self.path, within=within, instance=self.instance)
        return sorted(rows, key=lambda p: (p.opened_at, p.instance))

    def leave(self) -> None:
        """Remove this instance's presence row (close() does this)."""
        if not self._announce:
            return
        if self.readonly:
            self._viewer.leave(self.instance)
            return
        with self._writing("leaving the session") as conn:
            _remove_presence(conn, self.instance)

    def meta(self, key: str) -> str | None:
        """A store-level fact: 'session', 'created_at' (epoch seconds), 'created_by', 'created_with'."""
        with self._reading("reading meta") as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
