"""Patches built on demand, for a finding the scan left with ``pending_fix`` (its patch needs a parse of the file
with libcst, most of a scan's time when every finding's patch is built).

``build_patch`` builds one from the file on disk, and only when the file still has the content that was
scanned (``file_sha256``): a patch is never built for, or applied to, a changed file. The TUI calls it in a
worker when a finding is shown, and ``apply_patch`` before applying. ``scanner.build_fixes`` builds them from a
scan's own texts (reports, ``--fix``).

A patch built to be shown is not written to the session's store: looking at a finding changes nothing in the
review, and the audit log would fill with a row per finding looked at. Each process keeps the patches it built
(by finding, builder and file content: ``_BUILT``), so a finding shown again, after a rescan too, or applied is
not built again; the patch's audit entry says which build was applied (``patches.apply_finding``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.readiness.patches import FileChangedError, PatchError, _current, _target

if TYPE_CHECKING:
    from workbench.models.findings import Finding


# (fingerprint, builder, file SHA-256) -> the finding with its patch built, the most recently used last
_BUILT: OrderedDict[tuple[str, str, str], Finding] = OrderedDict()
_BUILT_MAX = 512
_BUILT_LOCK = threading.Lock()   # the TUI builds in worker threads


def _builder(name: str) -> Any:
    from workbench.readiness.rules import analyzers

    for analyzer in analyzers():
        if (getattr(analyzer, "name", None) or type(analyzer).__name__) == name and hasattr(analyzer, "build_fix"):
            return analyzer
    raise PatchError(f"no analyzer {name!r} builds patches in this version: rescan")


def build_patch(root: Path, finding: Finding) -> Finding:
    """The finding with its patch built (``fix`` set, or None when no patch can be made; ``pending_fix``
    cleared). A finding without a pending patch is returned as it is. ``FileChangedError`` when the file no
    longer has the scanned content, ``PatchError`` when it cannot be read or is outside ``root``."""
    from workbench.readiness import walking
    from workbench.readiness.findings import fix_proposal
    from workbench.readiness.model import ScanContext, SourceFile
    from workbench.readiness.scanner import pending_hit

    if finding.pending_fix is None:
        return finding
    path = _target(Path(root), finding.path)
    data = _current(path, finding.path)
    sha = hashlib.sha256(data).hexdigest()
    if sha != finding.file_sha256:
        raise FileChangedError(f"{finding.path}: file changed since scan — rescan")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FileChangedError(f"{finding.path}: file changed since scan — rescan") from None
    key = (finding.fingerprint, finding.pending_fix.builder, sha)
    with _BUILT_LOCK:
        known = _BUILT.get(key)
        if known is not None:
            _BUILT.move_to_end(key)
            return known
    language = walking.classify(Path(finding.path).name)
    if language is None:
        raise PatchError(f"{finding.path}: not a file the analyzers read")
    analyzer = _builder(finding.pending_fix.builder)
    source = SourceFile(path, finding.path, text, sha, language)
    facts = analyzer.extract(source) if hasattr(analyzer, "extract") else None
    hit = pending_hit(finding)
    notices: list[str] = []
    try:
        fix = analyzer.build_fix(source, facts, hit, ScanContext(root=Path(root)))
    except Exception:  # noqa: BLE001 - as in a scan: a fix that cannot be built leaves the finding without one
        fix = None
    proposal = fix_proposal(text, finding.path, replace(hit, fix=fix), notices)
    built = finding.model_copy(update={"fix": proposal, "pending_fix": None})
    with _BUILT_LOCK:
        _BUILT[key] = built
        while len(_BUILT) > _BUILT_MAX:
            _BUILT.popitem(last=False)
    return built
