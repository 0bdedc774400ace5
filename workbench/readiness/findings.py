"""Hits to ``Finding`` documents (fingerprints, diffs), findings to the store, decisions, and the summary.

The fingerprint is a digest of the rule code, the file's path, the enclosing function or class and the
flagged line's source with its whitespace collapsed — not the line number — plus an occurrence index when the
same line appears twice in one place. Editing code above a finding leaves its fingerprint, and the team's
``ReviewDecision`` on it, unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.readiness.model import RuleInfo
from workbench.readiness.patches import fixed_text, split_lines, unified_diff
from workbench.readiness.reports import counted
from workbench.store.errors import StoreConflict

if TYPE_CHECKING:
    from workbench.models.findings import Finding, ReadinessSummary
    from workbench.readiness.scanner import ScanResult
    from workbench.store import Store

_RUNTIMES = {"python": "python", "nodejs": "nodejs", "javascript": "nodejs", "typescript": "nodejs",
             "java": "java", "dotnet": "dotnet", "csharp": "dotnet"}


def normalise(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def fingerprint(code: str, rel: str, context: str, source_line: str, occurrence: int = 0) -> str:
    blob = "\x1f".join([code, rel, context, normalise(source_line), str(occurrence)])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def keep_newlines(before: str, after: str) -> str:
    """``after`` with the line ends of ``before``: a CRLF file stays CRLF (the fix builders insert "\\n")."""
    if "\r\n" in before and before.count("\n") == before.count("\r\n"):
        return re.sub(r"(?<!\r)\n", "\r\n", after)
    return after


def _rules() -> dict[str, RuleInfo]:
    from workbench.readiness.rules import rules

    return rules()


def fix_proposal(text: str, rel: str, hit: Any, notices: list[str]) -> Any:
    """The hit's fix as a unified diff against the scanned ``text`` (a ``FixProposal``), None without one or
    when it changes nothing; a fix that cannot be turned into a patch is a line in ``notices``."""
    from workbench.models.findings import Applicability, FixProposal

    if hit.fix is None:
        return None
    try:
        after = keep_newlines(text, fixed_text(text, hit.fix))
    except Exception as error:
        notices.append(f"{rel}:{hit.line}: {hit.code} patch could not be built: {error}")
        return None
    if after == text:
        return None
    return FixProposal(diff=unified_diff(rel, text, after), applicability=Applicability(hit.fix.applicability.value),
                       description=hit.fix.description[:500] or "apply the proposed change")


def build_findings(result: ScanResult) -> list[Finding]:
    """One Finding per hit, sorted by path and position; hits of unknown rules are reported and left out."""
    from workbench.models.findings import Finding, FindingRuntime, PendingFix, Severity

    registry = _rules()
    findings: list[Finding] = []
    for rel in sorted(result.hits):
        source = result.sources.get(rel)
        if source is None:
            continue
        lines = split_lines(source.text)
        seen: Counter[tuple[str, str, str]] = Counter()
        for hit in sorted(result.hits[rel], key=lambda h: (h.line, h.column, h.code)):
            rule = registry.get(hit.code)
            if rule is None:
                result.report.notices.append(f"{rel}:{hit.line}: hit of unknown rule {hit.code} left out")
                continue
            text = lines[hit.line - 1] if 0 < hit.line <= len(lines) else ""
            key = (hit.code, hit.context, normalise(text))
            occurrence = seen[key]
            seen[key] += 1
            proposal = fix_proposal(source.text, rel, hit, result.report.notices)
            pending = None
            if hit.fix is None and hit.deferred_fix:
                pending = PendingFix(builder=hit.deferred_fix, context=hit.context, column=max(hit.column, 0))
            end_line = max(hit.end_line, hit.line)
            end_column = hit.end_column if end_line > hit.line else max(hit.end_column, hit.column)
            fp = fingerprint(hit.code, rel, hit.context, text, occurrence)
            findings.append(Finding(
                rule=hit.code, title=rule.title[:200], severity=Severity(hit.severity or rule.severity),
                runtime=FindingRuntime(_RUNTIMES.get(hit.runtime, "config")), path=rel, line=hit.line, column=max(hit.column, 1),
                end_line=end_line, end_column=max(end_column, 1), message=hit.message[:2000] or rule.title,
                fingerprint=fp, file_sha256=source.sha256, fix=proposal, pending_fix=pending,
            ))
    return findings


# ----- the store -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncOutcome:
    added: int
    updated: int
    removed: int
    kept_decisions: int


def sync_findings(store: Store, result: ScanResult) -> SyncOutcome:
    """Make the store's findings those of this scan: new ones added, changed ones updated, the ones that
    disappeared from analysed files removed. Decisions are never touched (they follow the fingerprint)."""
    from workbench.models.findings import Finding, ReviewDecision

    from workbench.models.findings import ReadinessSummary

    current = {s.doc.fingerprint: s for s in store.list(Finding)}
    last = store.get(ReadinessSummary)
    same_root = last is not None and last.doc.root == result.report.root and not _single_file(result)
    fresh = {f.fingerprint: _keep_built(current.get(f.fingerprint), f) for f in result.findings}
    added = updated = removed = 0
    # Another scan of the same session (a second `scan --store`, the TUI) may write the same findings between
    # the list above and the writes below: a conflict is settled from what is stored now, never a crash.
    for fp, finding in fresh.items():
        stored = current.get(fp)
        if stored is None:
            if _put(store, finding, None, f"{finding.rule} {finding.location}: found"):
                added += 1
        elif _differs(stored.doc, finding):
            if _put(store, finding, stored.version, f"{finding.rule} {finding.location}: rescanned"):
                updated += 1
    analysed = result.scanned_rels
    for fp, stored in current.items():
        if fp in fresh:
            continue
        # Findings of files this scan did not analyse (skipped, unparsable, outside it) are left as they are.
        if stored.doc.path in analysed or (same_root and stored.doc.path not in result.sources and
                                           _under_scan(result, stored.doc)):
            try:
                store.delete(Finding, fp, expected_version=stored.version,
                             summary=f"{stored.doc.rule} {stored.doc.location}: no longer found")
                removed += 1
            except StoreConflict:
                pass  # rewritten or removed by the other scan meanwhile: its view is as recent as ours
    decisions = {s.doc.fingerprint for s in store.list(ReviewDecision)}
    try:
        write_summary(store, result)
    except StoreConflict:
        write_summary(store, result)  # the other scan wrote it meanwhile: once more from its version
    return SyncOutcome(added, updated, removed, len(decisions & set(fresh)))


def _keep_built(stored: Any, finding: Finding) -> Finding:
    """A finding the scan left with a pending patch keeps the patch the store already holds for it, when that was
    built for the same content and the same place (``ondemand.build_patch`` in the Findings pane): the rescan
    does not throw it away to build it again."""
    if stored is None or finding.pending_fix is None or stored.doc.pending_fix is not None:
        return finding
    kept = finding.model_copy(update={"fix": stored.doc.fix, "pending_fix": None})
    return stored.doc if not _differs(stored.doc, kept) else finding


def _put(store: Store, finding: Finding, version: int | None, summary: str) -> bool:
    """Write the finding; when another writer got there first, write over its version unless it already holds
    the same finding (False: nothing to write)."""
    from workbench.models.findings import Finding

    try:
        store.put(finding, expected_version=version, summary=summary)
        return True
    except StoreConflict:
        now = store.get(Finding, finding.fingerprint)
        if now is not None and not _differs(now.doc, finding):
            return False
        store.put(finding, expected_version=now.version if now else None, summary=summary)
        return True


def _single_file(result: ScanResult) -> bool:
    from pathlib import Path

    try:
        return Path(result.report.target).expanduser().is_file()
    except OSError:
        return False


def _under_scan(result: ScanResult, finding: Finding) -> bool:
    # a file that was deleted since the last scan of the same root: its findings go
    return (bool(result.report.root) and not any(s.rel == finding.path for s in result.report.skipped)
            and not any(p.rel == finding.path for p in result.report.failed)
            and not (result.root / finding.path).exists())


def _differs(a: Finding, b: Finding) -> bool:
    skip = {"detected_at"}
    return a.model_dump(exclude=skip) != b.model_dump(exclude=skip)


_READ_NOW: Any = object()


def decide(store: Store, finding_or_fingerprint: Any, decision: str, note: str = "", *,
           author: str | None = None, expected_version: Any = _READ_NOW) -> Any:
    """Record the team's decision on a finding (accepted-risk, wont-fix, false-positive, patched) with a note;
    replaces an earlier decision on it. Returns the stored ReviewDecision.

    ``expected_version``: the version of the decision the user saw when they started deciding (None: there was
    none), so a partner's decision recorded meanwhile is merged by field or raises StoreConflict instead of
    being replaced unseen. Left out, the decision stored now is the base (a command that decides at once)."""
    from workbench.models.findings import Decision, ReviewDecision

    fp = getattr(finding_or_fingerprint, "fingerprint", finding_or_fingerprint)
    doc = ReviewDecision(fingerprint=fp, decision=Decision(decision), note=note, author=author or store.author)
    if expected_version is _READ_NOW:
        current = store.get(ReviewDecision, fp)
        expected_version = current.version if current else None
    stored = store.put(doc, expected_version=expected_version,
                       summary=f"decision on {fp[:12]}: {doc.decision.value}" + (f" — {note[:120]}" if note else ""))
    refresh_summary(store)
    return stored


def undecide(store: Store, finding_or_fingerprint: Any) -> bool:
    """Remove the decision on a finding (True when there was one)."""
    from workbench.models.findings import ReviewDecision

    fp = getattr(finding_or_fingerprint, "fingerprint", finding_or_fingerprint)
    current = store.get(ReviewDecision, fp)
    if current is None:
        return False
    store.delete(ReviewDecision, fp, expected_version=current.version, summary=f"decision on {fp[:12]} withdrawn")
    refresh_summary(store)
    return True


# ----- the summary ---------------------------------------------------------------------------------------------


def summarize(findings: list[Finding], decisions: dict[str, Any]) -> dict[str, int]:
    """Counts of open blockers (errors), warnings and notes, and of patched and otherwise decided findings."""
    counts = {"blockers": 0, "warnings": 0, "notes": 0, "patched": 0, "decided": 0, "total": len(findings)}

    def value_of(decision: Any) -> Any:
        return getattr(getattr(decision, "decision", None), "value", decision)

    # A patch usually fixes its finding, so the rescan after it no longer reports it: its "patched" decision still
    # counts (the header said "0 patched" right after a patch). Undoing the patch removes the decision.
    reported = {finding.fingerprint for finding in findings}
    counts["patched"] = sum(1 for fingerprint, decision in decisions.items()
                            if fingerprint not in reported and value_of(decision) == "patched")
    for finding in findings:
        value = value_of(decisions.get(finding.fingerprint))
        if value == "patched":
            counts["patched"] += 1
        elif value:
            counts["decided"] += 1
        elif finding.severity.value == "error":
            counts["blockers"] += 1
        elif finding.severity.value == "warning":
            counts["warnings"] += 1
        else:
            counts["notes"] += 1
    return counts


def readiness_state(counts: dict[str, int]) -> str:
    """ConcurrencyReadiness value: blocked with open errors, needs-changes with open warnings, else ready."""
    if counts["blockers"]:
        return "blocked"
    if counts["warnings"]:
        return "needs-changes"
    return "ready"


def readiness_summary(store: Store) -> ReadinessSummary:
    """The summary of the findings and decisions in the store now (not written)."""
    from workbench.models.findings import Finding, ReadinessSummary, ReviewDecision

    findings = [s.doc for s in store.list(Finding)]
    decisions = {s.doc.fingerprint: s.doc for s in store.list(ReviewDecision)}
    counts = summarize(findings, decisions)
    existing = store.get(ReadinessSummary)
    extra: dict[str, Any] = {}
    if existing is not None:
        extra = {"root": existing.doc.root, "files_scanned": existing.doc.files_scanned,
                 "scanned_at": existing.doc.scanned_at}
    return ReadinessSummary(state=readiness_state(counts), blockers=counts["blockers"], warnings=counts["warnings"],
                            notes=counts["notes"], patched=counts["patched"], decided=counts["decided"],
                            total=counts["total"], **extra)


def write_summary(store: Store, result: ScanResult | None = None) -> ReadinessSummary:
    """Write the readiness summary document (kind "readiness") when it changed."""
    from workbench.models._base import utc_now
    from workbench.models.findings import ReadinessSummary

    summary = readiness_summary(store)
    if result is not None:
        summary = summary.model_copy(update={"root": result.report.root, "files_scanned": result.report.files_scanned,
                                             "scanned_at": utc_now()})
    current = store.get(ReadinessSummary)
    if current is not None and current.doc.model_dump(exclude={"scanned_at"}) == summary.model_dump(
            exclude={"scanned_at"}) and result is None:
        return current.doc
    store.put(summary, expected_version=current.version if current else None,
              summary=f"readiness: {summary.state} ({counted(summary.blockers, 'blocker')}, "
                      f"{counted(summary.warnings, 'warning')}, "
                      f"{summary.patched} patched, {summary.decided} decided)")
    return summary


def refresh_summary(store: Store) -> None:
    """Recount the readiness summary after decisions changed (a partner's equal write meanwhile is fine)."""
    from workbench.store import StoreConflict

    try:
        write_summary(store)
    except StoreConflict:
        pass  # a partner wrote it at the same moment; theirs reflects the same documents
