"""The code-readiness review's user actions: scan a project (the findings land in the store), apply a finding's
patch, undo a patch, record a decision on a finding. The TUI runs ``scan`` in a worker and asks before an undo;
``lmi-workbench scan`` runs the same functions (``--fix`` applies patches through ``apply_patch``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.flows.documents import SaveResult, _conflicted
from workbench.flows.result import FlowResult, Note, Outcome, readonly_refusal
from workbench.store import StoreConflict, StoreError

if TYPE_CHECKING:
    from workbench.models.findings import Finding, PatchRecord
    from workbench.readiness.findings import SyncOutcome
    from workbench.readiness.scanner import ScanResult
    from workbench.store import Store

Progress = Callable[[int, int, str], None]


@dataclass
class ScanDone(FlowResult):
    """``scan``: what the scanner found (``result``), what changed in the store (``sync``: None when the
    findings were not stored) and the team's decisions by fingerprint."""

    result: "ScanResult | None" = None
    sync: "SyncOutcome | None" = None
    decisions: dict[str, Any] = field(default_factory=dict)


def scan(store: "Store | None", path: Path | str, *, on_progress: Progress | None = None,
         workers: int | None = None, entry: str = "handlers", use_cache: bool = True,
         record: bool = True) -> ScanDone:
    """Scan a directory, a git checkout or one file. With a writable ``store`` and ``record``, the findings
    and the readiness summary land in it; a read-only store is only read (its decisions). FAILED with the
    scanner's message when the target cannot be scanned at all."""
    from workbench.readiness.scanner import scan as run_scan

    try:
        result = run_scan(path, store=store, on_progress=on_progress, workers=workers, entry=entry,
                          use_cache=use_cache)
        if result.report.fatal:
            return ScanDone(Outcome.INVALID, [Note(result.report.fatal, "error")], result=result)
    except StoreError as exc:
        return ScanDone(Outcome.FAILED, [Note(str(exc), "error")])
    if record:
        return record_scan(store, result, path=path)
    return _described(store, result, None, path)


def record_scan(store: "Store | None", result: "ScanResult", *, path: Path | str | None = None) -> ScanDone:
    """Make the store's findings (and readiness summary) those of ``result`` (a writable store; a read-only
    one is only read for its decisions)."""
    from workbench.readiness.findings import sync_findings

    try:
        sync = sync_findings(store, result) if store is not None and not store.readonly else None
    except StoreError as exc:
        return ScanDone(Outcome.FAILED, [Note(str(exc), "error")], result=result)
    return _described(store, result, sync, path if path is not None else result.report.target)


def _described(store: "Store | None", result: "ScanResult", sync: "SyncOutcome | None",
               path: Path | str) -> ScanDone:
    try:
        decisions = _decisions(store)
    except StoreError as exc:
        return ScanDone(Outcome.FAILED, [Note(str(exc), "error")], result=result)
    text = f"Scanned {path}: {len(result.findings)} findings"
    if sync is not None:
        text += f" ({sync.added} new, {sync.removed} gone)"
    done = ScanDone(Outcome.DONE, [Note(text + ".")], result=result, sync=sync, decisions=decisions)
    for line in list(result.report.lines_out())[:3]:
        done.say(line, "warning")
    return done


def _decisions(store: "Store | None") -> dict[str, Any]:
    from workbench.models.findings import ReviewDecision

    return {} if store is None else {s.doc.fingerprint: s.doc for s in store.list(ReviewDecision)}


@dataclass
class PatchDone(FlowResult):
    """``apply_patch`` / ``undo_patch``: the file patched (``rel``), under ``root`` (rescan it next)."""

    root: Path | None = None
    rel: str = ""
    record_id: str | None = None


def apply_patch(store: "Store | None", root: Path | None, finding: "Finding", *,
                author: str | None = None) -> PatchDone:
    """Apply a finding's proposed patch, only to the file as it was scanned; with a store, record it for undo
    and mark the finding patched. The file is left as it was on any problem."""
    from workbench.readiness.patches import PatchError, apply_finding

    if store is not None and store.readonly:
        refused = readonly_refusal()
        return PatchDone(refused.outcome, refused.notes)
    if root is None:
        return PatchDone(Outcome.INVALID, [Note("The project root of this scan is unknown: scan it again (S).",
                                                "error")])
    try:
        if finding.fix is None and finding.pending_fix is not None:
            # built now, from the file only while it still has the scanned content (else FileChangedError)
            from workbench.readiness.ondemand import build_patch as build

            finding = build(Path(root), finding)
        if finding.fix is None:
            return PatchDone(Outcome.INVALID, [Note(f"{finding.rule} has no proposed patch: fix it by hand, or "
                                                    "record a decision.", "warning")], root=Path(root))
        applied = apply_finding(store, Path(root), finding, author=author)
    except PatchError as exc:
        return PatchDone(Outcome.INVALID, [Note(str(exc), "error")], root=Path(root), rel=finding.path)
    except OSError as exc:
        return PatchDone(Outcome.FAILED, [Note(f"{finding.path}: could not be patched ({exc.strerror or exc})",
                                               "error")], root=Path(root), rel=finding.path)
    except StoreError as exc:
        return PatchDone(Outcome.FAILED, [Note(str(exc), "error")], root=Path(root), rel=finding.path)
    return PatchDone(Outcome.DONE, [Note(f"Patched {applied.rel} ({finding.rule}); u undoes it.")],
                     root=Path(root), rel=applied.rel, record_id=applied.record_id)


@dataclass
class PatchBuilt(FlowResult):
    """``build_patch``: the finding with its patch built (``finding.fix``, None when none could be made)."""

    finding: "Finding | None" = None


def build_patch(store: "Store | None", root: Path | None, finding: "Finding") -> PatchBuilt:
    """Build the patch the scan left to be built on demand (slow: a parse of the file; run it in a worker),
    from the file only while it still has the scanned content. Nothing is written: showing a patch changes
    nothing in the review (``ondemand`` keeps it for this process; applying it records which build it was).
    UNCHANGED when it had no pending patch."""
    from workbench.readiness.ondemand import build_patch as build
    from workbench.readiness.patches import PatchError

    if finding.pending_fix is None:
        return PatchBuilt(Outcome.UNCHANGED, [], finding=finding)
    if root is None:
        return PatchBuilt(Outcome.INVALID, [Note("The project root of this scan is unknown: scan it again (S).",
                                                 "error")], finding=finding)
    try:
        built = build(Path(root), finding)
    except PatchError as exc:
        return PatchBuilt(Outcome.INVALID, [Note(str(exc), "error")], finding=finding)
    what = "no patch could be made" if built.fix is None else f"patch built ({built.fix.applicability.value})"
    return PatchBuilt(Outcome.DONE, [Note(f"{built.rule} {built.location}: {what}.")], finding=built)


def patch_to_undo(store: "Store", finding: "Finding | None") -> "PatchRecord | None":
    """The patch ``u`` undoes: the latest live one of this finding, else (a patched finding usually disappears
    on the rescan) the latest live patch of the session; None when there is none."""
    from workbench.models.findings import PatchRecord

    live = [s.doc for s in store.list(PatchRecord) if s.doc.undone_at is None]
    mine = [r for r in live if finding is not None and finding.fingerprint in r.fingerprints]
    candidates = mine or live
    return max(candidates, key=lambda r: r.applied_at) if candidates else None


def undo_question(record: "PatchRecord") -> tuple[str, str]:
    """What to ask before undoing ``record`` (question, detail)."""
    when = record.applied_at.strftime("%H:%M UTC")
    return f"Undo the patch to {record.path}?", f"{', '.join(record.rules)} — applied by {record.author} at {when}."


def undo_patch(store: "Store", record_id: str | None, *, confirmed: bool) -> PatchDone:
    """Put a patched file back as it was before the patch (refused when it changed since: the later edits
    would be lost); the patched decisions go. Only when ``confirmed``."""
    from workbench.models.findings import PatchRecord
    from workbench.readiness.patches import PatchError
    from workbench.readiness.patches import undo_patch as undo

    if store.readonly:
        refused = readonly_refusal()
        return PatchDone(refused.outcome, refused.notes)
    if record_id is None:
        return PatchDone(Outcome.INVALID, [Note("There is no patch to undo in this session.", "warning")])
    if not confirmed:
        return PatchDone(Outcome.DECLINED, [Note("Not undone: the file was left as it is.")])
    try:
        stored = store.get(PatchRecord, record_id)
        record = undo(store, record_id)
    except PatchError as exc:
        root = Path(stored.doc.root) if stored is not None else None
        return PatchDone(Outcome.INVALID, [Note(str(exc), "error")], root=root)
    except (OSError, StoreError) as exc:
        return PatchDone(Outcome.FAILED, [Note(str(exc), "error")])
    return PatchDone(Outcome.DONE, [Note(f"Undone: {record.path} is back as it was before the patch.")],
                     root=Path(record.root), rel=record.path, record_id=record.id)


def decide(store: "Store", finding: "Finding", decision: str, note: str, *, author: str | None = None,
           expected_version: int | None) -> SaveResult:
    """Record the team's decision on a finding (accepted-risk, wont-fix, false-positive, patched) with a note.
    ``expected_version``: the version of the decision the user saw when they started (None: none), so a
    partner's decision recorded meanwhile is merged by field or is a CONFLICT, never replaced unseen."""
    from workbench.models.findings import Decision, ReviewDecision
    from workbench.readiness.findings import decide as record, refresh_summary

    what = f"The decision on {finding.rule} {finding.location}"
    summary = f"decision on {finding.fingerprint[:12]}: {decision}"
    if store.readonly:
        refused = readonly_refusal()
        return SaveResult(refused.outcome, refused.notes, what=what)
    try:
        Decision(decision)
    except ValueError:
        choices = ", ".join(d.value for d in Decision)
        return SaveResult(Outcome.INVALID, [Note(f"{decision!r} is not a decision; use one of {choices}.",
                                                 "error")], what=what)
    try:
        stored = record(store, finding, decision, note, author=author, expected_version=expected_version)
    except StoreConflict as conflict:
        mine = conflict.mine if conflict.mine is not None else ReviewDecision(
            fingerprint=finding.fingerprint, decision=Decision(decision), note=note, author=author or store.author)
        result = _conflicted(conflict, mine, summary, what)
        result.then = refresh_summary
        return result
    except StoreError as exc:
        return SaveResult(Outcome.FAILED, [Note(str(exc), "error")], what=what)
    return SaveResult(Outcome.DONE, [], stored=stored, what=what, summary=summary)


def undecide(store: "Store", finding: "Finding") -> FlowResult:
    """Withdraw the decision on a finding."""
    from workbench.readiness.findings import undecide as withdraw

    if store.readonly:
        return readonly_refusal()
    try:
        if not withdraw(store, finding):
            return FlowResult(Outcome.UNCHANGED, [Note("There is no decision on this finding.")])
    except StoreError as exc:
        return FlowResult(Outcome.FAILED, [Note(str(exc), "error")])
    return FlowResult(Outcome.DONE)
