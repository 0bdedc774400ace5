"""The store's errors. ``str(error)`` is a message for the user: what is wrong, with which file, and what to do.

Import them from ``workbench.store``; they live here so the schema and feed modules can raise them too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

# What to suggest when the file cannot be used at all, or only for reading.
CHOOSE_ANOTHER = "Choose another file with --store, or another session with --session."
OPEN_READONLY = "To look without changing anything, open it with --readonly."


class StoreError(Exception):
    """A store problem the user can act on. ``str(e)`` is the whole message; ``path`` is the store file."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path

    @property
    def message(self) -> str:
        return str(self)


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened with ``readonly=True``; nothing was written."""


class StoreConflict(StoreError):
    """A compare-and-set write found a different version than it expected; nothing was written.

    ``current_version`` is None when the document is absent (deleted, or never created);
    ``current_author`` is who wrote the current version (or deleted it), when known.

    When the newer version was merged by field with the one being saved (``Store.put``), ``merge`` holds the
    outcome: ``merge.conflicts`` are the fields both sides changed (base / theirs / mine), every other field is
    already merged. ``mine`` is the document that was being saved, ``theirs_authors`` who wrote the versions
    since the edit started, ``invalid`` why the merged fields do not make a valid document (when they don't).
    The UI offers: keep theirs or take mine for those fields (``Store.resolve``), or cancel.
    """

    def __init__(self, *, path: Path, kind: str, doc_id: str, expected_version: int | None,
                 current_version: int | None, current_author: str | None, deleted: bool = False,
                 merge: Any = None, mine: Any = None, theirs: dict[str, Any] | None = None,
                 theirs_authors: tuple[str, ...] = (), invalid: str = "") -> None:
        self.kind = kind
        self.doc_id = doc_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_author = current_author
        self.merge = merge
        self.mine = mine
        self.theirs = theirs
        self.theirs_authors = theirs_authors or ((current_author,) if current_author else ())
        self.invalid = invalid
        who = current_author or "Someone"  # a login name is shown as recorded (not capitalised)
        # The person is the subject, so the sentence reads right for any document ("bob changed the cost
        # settings", not "the cost settings was changed"); documents with a title are named in words.
        what = _document(kind, doc_id)
        fields = ", ".join(_named(kind, merge.conflicts)) if merge is not None and merge.conflicts else ""
        if expected_version is None:
            text = (f"{who} already created {what} (v{current_version}); it was not replaced. "
                    "Reload it to see their version, or overwrite it with yours.")
            if fields:
                text = (f"{who} created {what} (v{current_version}) while you were creating it; you "
                        f"differ on {fields}. Nothing was saved: keep theirs or take yours for those fields.")
        elif current_version is None and deleted:
            text = (f"{who} deleted {what} after you loaded v{expected_version}; your change was not "
                    "saved. Reload, or overwrite to create it again with yours.")
        elif current_version is None:
            text = f"Your change was not saved: no version of {what} is stored (you expected v{expected_version})."
        elif fields:
            text = (f"{who} changed {what} (now v{current_version}) since you loaded v{expected_version}, "
                    f"and you both changed {fields}. Nothing was saved: keep theirs or take yours for "
                    f"{'that field' if len(merge.conflicts) == 1 else 'those fields'}; every other field merges.")
        elif invalid:
            text = (f"{who} changed {what} (now v{current_version}) since you loaded v{expected_version}, "
                    f"and your changes do not fit with theirs ({invalid}). Nothing was saved.")
        else:
            text = (f"{who} changed {what} (now v{current_version}) since you loaded "
                    f"v{expected_version}; your change was not saved. Reload to see theirs, or overwrite it "
                    "with yours.")
        super().__init__(text, path=path)

    @property
    def fields(self) -> list[Any]:
        """The fields both sides changed (``FieldConflict``: path, base, theirs, mine); empty when not merged."""
        return list(self.merge.conflicts) if self.merge is not None else []


def _document(kind: str, doc_id: str) -> str:
    from workbench.labels import document_named

    return document_named(kind, doc_id)


def _named(kind: str, fields: list[Any]) -> list[str]:
    from workbench.labels import named_for_kind  # the fields as the screens name them

    return named_for_kind(kind, fields)


def sqlite_failure(path: Path, exc: sqlite3.Error, *, doing: str, busy_timeout: float) -> StoreError:
    """Turn an sqlite3 error into a StoreError that says what happened to which file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        return StoreError(
            f"{path}: the store is locked by another program (waited {busy_timeout:g} s while {doing}). "
            f"Close the program holding it, or try again. {OPEN_READONLY}", path=path)
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB" or "malformed" in text \
            or "not a database" in text:
        return damaged(path, text)
    if name == "SQLITE_READONLY_DIRECTORY":
        return StoreError(
            f"{path}: its directory is not writable, and SQLite needs to create the store's -wal and -shm "
            f"files beside it, even to read. Copy the file to a writable directory and open the copy, "
            f"or ask the directory's owner. {CHOOSE_ANOTHER}", path=path)
    if name.startswith("SQLITE_READONLY"):
        return StoreError(
            f"{path}: the file or its directory is read-only, so {doing} failed. {OPEN_READONLY} "
            f"{CHOOSE_ANOTHER}", path=path)
    if name == "SQLITE_FULL":
        return StoreError(f"{path}: the disk is full ({doing}). Free some space and try again.", path=path)
    if name.startswith("SQLITE_CANTOPEN") or name.startswith("SQLITE_PERM") or name.startswith("SQLITE_AUTH"):
        return StoreError(f"{path}: cannot be opened ({text}). {CHOOSE_ANOTHER}", path=path)
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"{path}: disk I/O error while {doing} ({text}). Check the disk and try again.",
                          path=path)
    return StoreError(f"{path}: {doing} failed: {text} ({name or type(exc).__name__}).", path=path)


def damaged(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"{path}: the store is damaged ({detail}). The file was left as it is: restore it from a backup, "
        f"or {CHOOSE_ANOTHER[0].lower()}{CHOOSE_ANOTHER[1:]}", path=path)
