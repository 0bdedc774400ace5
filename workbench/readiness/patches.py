"""Patches: fixes to unified diffs, diffs back to text, and applying them to files safely, with undo.

A fix is either the whole new text (libcst transformations) or character-offset ``Edit``s of the scanned text
(the tree-sitter families); both become a unified diff with ``a/``/``b/`` paths relative to the scan root that
``git apply`` accepts. Applying writes the new text beside the file (same folder), fsyncs and renames it over
the original, and only when the file still has the content that was scanned; it never writes outside the
scanned root. The original text is kept in the store (a ``PatchRecord``) so the patch can be undone, unless the
file changed again since.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.files import write_atomically
from workbench.readiness.model import Edit, Fix

if TYPE_CHECKING:
    from workbench.models.findings import Finding, PatchRecord
    from workbench.store import Store


class PatchError(Exception):
    """A patch could not be applied or undone; the message says why and what to do."""


class FileChangedError(PatchError):
    """The file no longer has the content the patch was made for."""


class OutsideRootError(PatchError):
    """The path resolves outside the scanned root."""


# ----- text helpers ------------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Lines with their ends, split on "\\n" only (what git and ``ast`` count as lines)."""
    if not text:
        return []
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def offset_of(text: str, line: int, column: int, starts: list[int] | None = None) -> int:
    """Character offset of a 1-based line and column."""
    starts = starts if starts is not None else line_starts(text)
    if line - 1 >= len(starts):
        return len(text)
    return min(starts[line - 1] + column - 1, len(text))


def position_of(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    import bisect

    starts = starts if starts is not None else line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits applied (character offsets into ``text``; they must not overlap)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for edit in ordered:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise PatchError(f"overlapping or out-of-range edit at offset {edit.start}")
        out.append(text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fixed_text(text: str, fix: Fix) -> str:
    return fix.new_text if fix.new_text is not None else apply_edits(text, fix.edits)


def unified_diff(rel: str, before: str, after: str, *, context: int = 3) -> str:
    """A unified diff ``git apply`` accepts (``a/``/``b/`` paths, "\\ No newline at end of file" markers)."""
    out: list[str] = []
    for line in difflib.unified_diff(split_lines(before), split_lines(after), f"a/{rel}", f"b/{rel}", n=context):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_unified_diff(text: str, diff: str) -> str:
    """Apply a unified diff made by ``unified_diff`` to ``text``; PatchError when its context does not match."""
    lines = split_lines(text)
    out: list[str] = []
    pos = 0
    diff_lines = diff.split("\n")
    i = 0
    while i < len(diff_lines) and not diff_lines[i].startswith("@@"):
        i += 1
    while i < len(diff_lines):
        match = _HUNK.match(diff_lines[i])
        if not match:
            i += 1
            continue
        start = int(match.group(1)) - (0 if match.group(2) == "0" else 1)
        if start < pos:
            raise PatchError("overlapping hunks")
        out.extend(lines[pos:start])
        pos = start
        i += 1
        while i < len(diff_lines) and not diff_lines[i].startswith("@@"):
            row = diff_lines[i]
            nxt = diff_lines[i + 1] if i + 1 < len(diff_lines) else ""
            no_eol = nxt.startswith("\\ No newline")
            body = row[1:] + ("" if no_eol else "\n")
            tag = row[:1]
            if tag == " " or tag == "-":
                if pos >= len(lines) or lines[pos] != body:
                    raise FileChangedError("the patch does not match the file (it changed since the scan) — rescan")
                if tag == " ":
                    out.append(body)
                pos += 1
            elif tag == "+":
                out.append(body)
            elif row == "" and i == len(diff_lines) - 1:
                pass
            elif not row.startswith("\\"):
                raise PatchError(f"not a unified diff line: {row[:40]!r}")
            i += 1
    out.extend(lines[pos:])
    return "".join(out)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----- applying to files -------------------------------------------------------------------------------------


def _target(root: Path, rel: str) -> Path:
    root_resolved = Path(root).resolve()
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        raise OutsideRootError(f"{rel}: the path must be relative to the scanned root, without '..'")
    path = (root_resolved / rel)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise PatchError(f"{rel}: the file no longer exists — rescan") from None
    except (OSError, RuntimeError) as error:
        raise PatchError(f"{rel}: cannot be resolved ({error})") from None
    if not resolved.is_relative_to(root_resolved):
        raise OutsideRootError(f"{rel}: resolves to {resolved}, outside the scanned root {root_resolved}; "
                               "not patched")
    if not resolved.is_file():
        raise PatchError(f"{rel}: not a regular file")
    return resolved


def _current(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PatchError(f"{rel}: cannot be read ({error.strerror or error})") from None


@dataclass(frozen=True)
class Applied:
    rel: str
    before_sha256: str
    after_sha256: str
    diff: str
    original_text: str
    record_id: str | None = None


def apply_text(root: Path, rel: str, expected_sha256: str, new_text: str, *, diff: str | None = None) -> Applied:
    """Replace the file's text with ``new_text`` if its sha256 is still ``expected_sha256``."""
    path = _target(root, rel)
    data = _current(path, rel)
    before = hashlib.sha256(data).hexdigest()
    if before != expected_sha256:
        raise FileChangedError(f"{rel}: file changed since scan — rescan")
    original = data.decode("utf-8")
    new_data = new_text.encode("utf-8")
    write_atomically(path, new_data)
    return Applied(rel, before, hashlib.sha256(new_data).hexdigest(), diff or unified_diff(rel, original, new_text),
                   original)


def apply_diff(root: Path, rel: str, expected_sha256: str, diff: str) -> Applied:
    """Apply a unified diff to the file if it still has the scanned content."""
    path = _target(root, rel)
    data = _current(path, rel)
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise FileChangedError(f"{rel}: file changed since scan — rescan")
    return apply_text(root, rel, expected_sha256, apply_unified_diff(data.decode("utf-8"), diff), diff=diff)


# ----- with the store: patch records and undo ----------------------------------------------------------------


def apply_finding(store: Store | None, root: Path, finding: Finding, *, author: str | None = None) -> Applied:
    """Apply a finding's proposed patch; with a store, record it (for undo) and mark the finding patched."""
    if finding.fix is None:
        raise PatchError(f"{finding.rule} at {finding.location} has no proposed patch")
    applied = apply_diff(root, finding.path, finding.file_sha256, finding.fix.diff)
    if store is None:
        return applied
    return _record(store, root, applied, [finding], author)


def _record(store: Store, root: Path, applied: Applied, findings: list[Finding], author: str | None) -> Applied:
    import uuid

    from workbench.models.findings import Decision, PatchRecord, ReviewDecision

    who = author or store.author
    record = PatchRecord(id=f"patch-{uuid.uuid4().hex[:16]}", root=str(Path(root).resolve()), path=applied.rel,
                         before_sha256=applied.before_sha256, after_sha256=applied.after_sha256,
                         original_text=applied.original_text, diff=applied.diff,
                         fingerprints=[f.fingerprint for f in findings], rules=[f.rule for f in findings],
                         author=who)
    store.put(record, expected_version=None, summary=f"patch {applied.rel}: {', '.join(record.rules)}")
    for finding in findings:
        decision = ReviewDecision(fingerprint=finding.fingerprint, decision=Decision.PATCHED,
                                  note=f"{record.id}: {finding.fix.description if finding.fix else ''}"[:2000],
                                  author=who)
        current = store.get(ReviewDecision, finding.fingerprint)
        store.put(decision, expected_version=current.version if current else None,
                  summary=f"{finding.rule} {finding.location}: patched")
    _refresh_summary(store)  # the readiness summary's patched count (it stayed 0 after a patch)
    return Applied(applied.rel, applied.before_sha256, applied.after_sha256, applied.diff, applied.original_text,
                   record.id)


def undo_patch(store: Store, record_id: str) -> PatchRecord:
    """Put the file back as it was before the patch, unless it changed since; the patched decisions go."""
    from workbench.models._base import utc_now
    from workbench.models.findings import Decision, PatchRecord, ReviewDecision

    stored = store.get(PatchRecord, record_id)
    if stored is None:
        raise PatchError(f"no patch {record_id} in this session")
    record = stored.doc
    if record.undone_at is not None:
        raise PatchError(f"patch {record_id} on {record.path} was already undone")
    path = _target(Path(record.root), record.path)
    data = _current(path, record.path)
    if hashlib.sha256(data).hexdigest() != record.after_sha256:
        raise FileChangedError(f"{record.path}: changed since the patch was applied — undo refused "
                               "(the later edits would be lost)")
    write_atomically(path, record.original_text.encode("utf-8"))
    record = record.model_copy(update={"undone_at": utc_now()})
    store.put(record, expected_version=stored.version, summary=f"undo patch {record.path}: {', '.join(record.rules)}")
    for fingerprint in record.fingerprints:
        current = store.get(ReviewDecision, fingerprint)
        if current is not None and current.doc.decision is Decision.PATCHED and record.id in current.doc.note:
            store.delete(ReviewDecision, fingerprint, expected_version=current.version,
                         summary="patch undone")
    _refresh_summary(store)
    return record


def _refresh_summary(store: Store) -> None:
    from workbench.readiness.findings import _refresh_summary as refresh

    refresh(store)


def patches(store: Store, *, root: Path | None = None) -> list[PatchRecord]:
    """The session's patch records, newest first (optionally only those under ``root``)."""
    from workbench.models.findings import PatchRecord

    found = [s.doc for s in store.list(PatchRecord)]
    if root is not None:
        found = [p for p in found if p.root == str(Path(root).resolve())]
    return sorted(found, key=lambda p: p.applied_at, reverse=True)


def record_applied(store: Store, root: Path, applied: Applied, findings: list[Finding],
                   author: str | None = None) -> Applied:
    """Record a patch applied with ``apply_text`` (e.g. by ``--fix``) so that it can be undone."""
    return _record(store, root, applied, findings, author)


