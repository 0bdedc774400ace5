"""Applying patches: only to the scanned content, only inside the scanned root, atomically, with undo."""

from __future__ import annotations

import os

import pytest

from tests.readiness._pyhelp import found, handler_project
from workbench.models.findings import PatchRecord, ReviewDecision
from workbench.readiness.model import Edit, Fix, Applicability
from workbench.readiness.patches import (FileChangedError, OutsideRootError, PatchError, apply_edits, apply_finding,
                                         apply_text, apply_unified_diff, fixed_text, undo_patch, unified_diff)
from workbench.store import Store

APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    return s3
"""


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "session.sqlite", author="alice") as s:
        yield s


def _finding(tmp_path):
    result = handler_project(tmp_path / "p", APP)
    [finding] = found(result, "LMI103")
    return result, finding


def test_apply_records_the_patch_and_marks_the_finding(tmp_path, store):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    original = path.read_bytes()
    applied = apply_finding(store, result.root, finding)
    assert path.read_text() == result.new_text(finding)
    record = store.get(PatchRecord, applied.record_id).doc
    assert record.original_text.encode() == original and record.author == "alice"
    decision = store.get(ReviewDecision, finding.fingerprint).doc
    assert decision.decision.value == "patched" and applied.record_id in decision.note
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".lmi-patch")]


def test_changed_since_scan_is_refused(tmp_path, store):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    path.write_text(path.read_text() + "\n# edited\n")
    with pytest.raises(FileChangedError, match="file changed since scan — rescan"):
        apply_finding(store, result.root, finding)
    assert path.read_text().endswith("# edited\n")
    assert store.get(ReviewDecision, finding.fingerprint) is None


def test_outside_the_root_is_refused(tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text("x = 1\n")
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside, root / "link.py")
    import hashlib

    sha = hashlib.sha256(outside.read_bytes()).hexdigest()
    with pytest.raises(OutsideRootError, match="outside the scanned root"):
        apply_text(root, "link.py", sha, "x = 2\n")
    with pytest.raises(OutsideRootError):
        apply_text(root, "../outside.py", sha, "x = 2\n")
    assert outside.read_text() == "x = 1\n"


def test_undo_restores_the_bytes(tmp_path, store):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    original = path.read_bytes()
    mode = path.stat().st_mode
    applied = apply_finding(store, result.root, finding)
    record = undo_patch(store, applied.record_id)
    assert path.read_bytes() == original and path.stat().st_mode == mode
    assert record.undone_at is not None
    assert store.get(ReviewDecision, finding.fingerprint) is None
    with pytest.raises(PatchError, match="already undone"):
        undo_patch(store, applied.record_id)


def test_undo_is_refused_after_a_later_edit(tmp_path, store):
    result, finding = _finding(tmp_path)
    path = result.root / finding.path
    applied = apply_finding(store, result.root, finding)
    path.write_text(path.read_text() + "# later\n")
    with pytest.raises(FileChangedError, match="undo refused"):
        undo_patch(store, applied.record_id)
    assert path.read_text().endswith("# later\n")


def test_edits_by_offsets_become_the_same_kind_of_patch():
    text = "const a = new S3Client({});\nexport const handler = async () => a;\n"
    fix = Fix("hoist", Applicability.SAFE, edits=(Edit(51, 59, "async (event)"), Edit(6, 7, "client")))
    after = fixed_text(text, fix)
    assert after == "const client = new S3Client({});\nexport const handler = async (event) => a;\n"
    diff = unified_diff("src/a.mjs", text, after)
    assert diff.startswith("--- a/src/a.mjs\n+++ b/src/a.mjs\n")
    assert apply_unified_diff(text, diff) == after
    with pytest.raises(PatchError, match="overlapping"):
        apply_edits(text, [Edit(0, 10, "x"), Edit(5, 12, "y")])


def test_diff_without_final_newline_round_trips():
    before, after = "a\nb", "a\nc"
    diff = unified_diff("f.py", before, after)
    assert "\\ No newline at end of file" in diff
    assert apply_unified_diff(before, diff) == after


def test_the_readiness_summary_counts_a_patch_and_its_undo(tmp_path, store):
    """Issue 13: the patched counter stayed 0 after a patch (only decisions refreshed the summary)."""
    from workbench.models.findings import ReadinessSummary
    from workbench.readiness.findings import sync_findings

    result, finding = _finding(tmp_path)
    sync_findings(store, result)
    assert store.get(ReadinessSummary).doc.patched == 0
    applied = apply_finding(store, result.root, finding)
    assert store.get(ReadinessSummary).doc.patched == 1
    undo_patch(store, applied.record_id)
    assert store.get(ReadinessSummary).doc.patched == 0
