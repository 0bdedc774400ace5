"""Patches: fixes to unified diffs, diffs back to text, and applying them to files safely, with undo.

A fix is either the whole new text (libcst transformations) or character-offset ``Edit``s of the scanned text
(the tree-sitter families); both become a unified diff with ``a/``/``b/`` paths relative to the scan root that
``git apply`` accepts. Applying writes the new text beside the file (same folder), fsyncs and renames it over
the original, and only when the file still has the content that was scanned; it never writes outside the
scanned root. The original text is kept in the store (a ``PatchRecord``) so the patch can be undone, unless the
file changed again since.

An edit saved while a patch is applied (an editor's save between the content check and the swap) is never lost:
on Linux the new file and the original are swapped with one atomic ``renameat2(RENAME_EXCHANGE)``, so what was
displaced is still at hand under the temporary name; when it is not the exact file that was checked (another
inode, or other bytes), it is swapped back and ``ConcurrentEditError`` says so. Elsewhere the original is kept
by a hard link during the swap and its content compared after it. A file with other hard links is written in
place (a rename would split the links) and checked the same way; a file the user cannot write is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import errno
import functools
import hashlib
import os
import re
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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


class ConcurrentEditError(FileChangedError):
    """Someone saved the file while the patch was being applied: their version was kept, the patch was not."""


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
    swap_in(path, rel, data, new_data)
    return Applied(rel, before, hashlib.sha256(new_data).hexdigest(), diff or unified_diff(rel, original, new_text),
                   original)


# ----- swapping a file's content in without losing a concurrent save ------------------------------------------


def _before_swap(path: Path) -> None:
    """Called between the content check and the swap (tests put a concurrent writer here)."""


@functools.cache
def _libc():
    if not hasattr(os, "O_PATH"):  # Linux only
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.renameat2  # noqa: B018 - glibc 2.28+
    except (OSError, AttributeError):
        return None
    return libc


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the two names atomically (``renameat2`` with ``RENAME_EXCHANGE``); False where that is unsupported.
    Source: the Linux man page rename(2), "RENAME_EXCHANGE: Atomically exchange oldpath and newpath"."""
    libc = _libc()
    if libc is None:
        return False
    rc = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _exchange_supported(folder: Path) -> bool:
    """Whether ``_exchange`` works in ``folder`` (for tests and diagnostics)."""
    fd_a, a = tempfile.mkstemp(dir=folder)
    fd_b, b = tempfile.mkstemp(dir=folder)
    os.close(fd_a)
    os.close(fd_b)
    try:
        return _exchange(Path(a), Path(b))
    except OSError:
        return False
    finally:
        os.unlink(a)
        os.unlink(b)


def _short(path: Path) -> str:
    """The file's name for the names of its temporary files: cut so that they stay within NAME_MAX (255)."""
    return path.name[:120]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _same_file(st: os.stat_result, other: os.stat_result) -> bool:
    return (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)


def _conflict(rel: str, kept: Path | None = None) -> ConcurrentEditError:
    extra = f"; the patched text was left in {kept.name}" if kept is not None else ""
    return ConcurrentEditError(f"{rel}: the file was saved while the patch was being applied — the saved version "
                               f"is kept and the patch was not applied{extra}; rescan and apply it again")


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def swap_in(path: Path, rel: str, expected: bytes, new_data: bytes) -> None:
    """Replace ``path``'s content ``expected`` with ``new_data``; never loses an edit saved meanwhile
    (``ConcurrentEditError``), never splits hard links, refuses files the user cannot write (``PatchError``)."""
    try:
        st = os.stat(path)
    except OSError as error:
        raise PatchError(f"{rel}: cannot be read ({error.strerror or error})") from None
    if not os.access(path, os.W_OK):
        raise PatchError(f"{rel}: not writable (permission denied) — not patched")
    if st.st_nlink > 1:
        _write_in_place(path, rel, expected, new_data)
        return
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{_short(path)}.", suffix=".lmi-tmp", dir=path.parent)
    except PermissionError:
        # the file is writable but its folder is not: no new file can go beside it, so write the file itself
        _write_in_place(path, rel, expected, new_data)
        return
    except OSError as error:
        raise PatchError(f"{rel}: its folder is not writable ({error.strerror or error}) — not patched") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new_data)
            handle.flush()
            os.fchmod(handle.fileno(), st.st_mode & 0o7777)
            try:
                os.fchown(handle.fileno(), st.st_uid, st.st_gid)
            except OSError:
                pass  # only root may give a file away; the mode is kept either way
            os.fsync(handle.fileno())
        current = _read(path)
        try:
            now = os.stat(path)
        except OSError:
            now = None
        if current != expected or now is None or not _same_file(st, now):
            raise _conflict(rel)
        _before_swap(path)
        if _exchange(tmp, path):
            _settle_exchange(path, rel, tmp, st, expected, new_data)
        else:
            _replace_keeping_original(path, rel, tmp, st, expected)
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_folder(path.parent)


def _settle_exchange(path: Path, rel: str, tmp: Path, st: os.stat_result, expected: bytes, new_data: bytes) -> None:
    """After the exchange ``tmp`` names what was at ``path``: the checked original, or someone's save."""
    displaced = _read(tmp)
    if _same_file(st, os.stat(tmp)) and displaced == expected:
        return  # the checked original: the caller removes it
    # someone saved in between: put their file back where it was
    _exchange(tmp, path)
    if _read(tmp) != new_data:
        # a second save landed on our file before we swapped back: keep it too, under a name beside the file
        kept = path.with_name(f"{_short(path)}.lmi-conflict-{uuid.uuid4().hex[:8]}")
        os.rename(tmp, kept)
        raise _conflict(rel, kept)
    raise _conflict(rel)


def _replace_keeping_original(path: Path, rel: str, tmp: Path, st: os.stat_result, expected: bytes) -> None:
    """Without an atomic exchange: keep the original by a hard link while ``tmp`` is renamed over it, then
    check that the original was not written meanwhile (if it was, its content is put back)."""
    link = path.with_name(f".{_short(path)}.{uuid.uuid4().hex[:8]}.lmi-orig")
    keep: Path | None  # the hard link to the original while it exists, None once gone or never made
    try:
        os.link(path, link)
        keep = link
    except OSError:
        keep = None  # a file system without hard links: check and rename, the window is the rename itself
    try:
        if keep is not None and (not _same_file(st, os.stat(keep)) or _read(keep) != expected):
            raise _conflict(rel)
        os.replace(tmp, path)
        if keep is not None:
            after = _read(keep)
            if after != expected and after is not None:
                # the original was written in place between the check and the rename: that edit wins
                os.replace(keep, path)
                keep = None
                raise _conflict(rel)
    finally:
        if keep is not None and keep.exists():
            keep.unlink()


def _write_in_place(path: Path, rel: str, expected: bytes, new_data: bytes) -> None:
    """A file with other hard links: write the same inode (a rename would give this name a new file and leave
    the other names with the old text)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as error:
        raise PatchError(f"{rel}: not writable ({error.strerror or error}) — not patched") from None
    try:
        st = os.fstat(fd)
        data = b""
        while chunk := os.read(fd, 1 << 20):
            data += chunk
        if data != expected:
            raise _conflict(rel)
        _before_swap(path)
        try:
            now = os.stat(path)
        except OSError:
            now = None
        os.lseek(fd, 0, os.SEEK_SET)
        check = b""
        while chunk := os.read(fd, 1 << 20):
            check += chunk
        if now is None or not _same_file(st, now) or check != expected:
            raise _conflict(rel)
        os.lseek(fd, 0, os.SEEK_SET)
        view = memoryview(new_data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(new_data))
        os.fsync(fd)
    finally:
        os.close(fd)


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
    # which build was applied: its verdict, and the file content it was built for (the apply checked it)
    kinds = ", ".join(dict.fromkeys(f.fix.applicability.value for f in findings if f.fix is not None))
    built = f" — {kinds} patch, built for the file as scanned ({applied.before_sha256[:12]})" if kinds else ""
    store.put(record, expected_version=None, summary=f"patch {applied.rel}: {', '.join(record.rules)}{built}")
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
    swap_in(path, record.path, data, record.original_text.encode("utf-8"))
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
    from workbench.readiness.findings import refresh_summary as refresh

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


