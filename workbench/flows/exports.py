"""Exports: a report (cost comparison, cutover) written to a file in the format its extension names, and the
session's history (the audit log) as a table or Markdown. An existing file is replaced only when confirmed;
a file is never left half-written (``workbench.files``)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.flows.result import FlowResult, Note, Outcome

if TYPE_CHECKING:
    from workbench.store import Change, Store


def write_text_file(path: Path, text: str, *, confirmed: bool, what: str = "Exported") -> FlowResult:
    """Write ``text`` to ``path``. Without ``confirmed`` an existing file (even one that appears while
    writing) is left as it was: DECLINED."""
    from workbench.files import write_atomically

    path = Path(path)
    if path.is_dir():
        return FlowResult(Outcome.INVALID, [Note(f"{path} is a directory; give a file name.", "error")])
    if not path.parent.is_dir():
        return FlowResult(Outcome.INVALID, [Note(f"Cannot write {path}: directory {path.parent} does not exist.",
                                                 "error")])
    declined = FlowResult(Outcome.DECLINED, [Note(f"Not written: {path} already exists and was left as it was.")])
    try:
        if confirmed:
            write_atomically(path, text)
        elif path.exists():
            return declined
        elif not _create_exclusively(path, text):
            return declined
    except OSError as exc:
        return FlowResult(Outcome.FAILED, [Note(f"Could not write {path}: {exc.strerror or exc}", "error")])
    return FlowResult(Outcome.DONE, [Note(f"{what} to {path}")])


def _create_exclusively(path: Path, text: str) -> bool:
    """Write a whole temporary file beside ``path`` and link it in only if ``path`` does not exist (atomic:
    no half-written file, and a file that appeared meanwhile is never replaced). False when it exists."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lmi-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: check, then rename (a narrow race)
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def export_report(path: Path, render: Callable[[str], str], formats: Mapping[str, str], *,
                  confirmed: bool) -> FlowResult:
    """Write ``render(format)`` to ``path``, the format named by the extension (``formats``: ".md" -> "markdown")."""
    path = Path(path)
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        return FlowResult(Outcome.INVALID, [Note(f"{path}: use one of {', '.join(sorted(formats))} as the file "
                                                 "extension.", "error")])
    result = write_text_file(path, render(fmt), confirmed=confirmed, what=f"Exported {fmt}")
    if result.outcome is Outcome.DECLINED:
        return FlowResult(Outcome.DECLINED, [Note(f"Not exported: {path} was left as it was.")])
    return result


# --- the history (audit log) ------------------------------------------------------------------------------------

COLUMNS = ("seq", "time (UTC)", "author", "change", "document", "version", "summary")


@dataclass
class HistoryText(FlowResult):
    text: str = ""
    changes: int = 0


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def history_table(changes: "list[Change]") -> str:
    """The feed as aligned plain-text columns (no colour, no box drawing: it is read in CI logs and pipes)."""
    rows = [
        (
            str(change.seq),
            _when(change.at),
            _one_line(change.author),
            change.op,
            _one_line(f"{change.kind}/{change.doc_id}"),
            "" if change.version is None else f"v{change.version}",
            _one_line(change.summary),
        )
        for change in changes
    ]
    widths = [max([len(heading)] + [len(row[i]) for row in rows]) for i, heading in enumerate(COLUMNS)]

    def line(cells: tuple[str, ...]) -> str:
        # The summary is last and free-form: no padding after it.
        padded = [cell.ljust(width) for cell, width in zip(cells[:-1], widths)]
        return "  ".join(padded + [cells[-1]]).rstrip()

    out = [line(COLUMNS), line(tuple("-" * w for w in widths))]
    out += [line(row) for row in rows]
    return "\n".join(out)


def history(store: "Store", *, session: str, markdown: bool = False) -> HistoryText:
    """The session's audit log as a table (UNCHANGED with no text when nothing is recorded yet) or as the
    review's Markdown export. Only reads the store."""
    from workbench.store import StoreError

    try:
        if markdown:
            return HistoryText(Outcome.DONE, text=store.export_markdown())
        changes = list(store.changes())
    except StoreError as exc:
        return HistoryText(Outcome.FAILED, [Note(str(exc), "error")])
    if not changes:
        return HistoryText(Outcome.UNCHANGED, [Note(f"Session {session!r} has no changes recorded yet "
                                                    f"({store.path}).")])
    return HistoryText(Outcome.DONE, text=history_table(changes), changes=len(changes))
