"""The readiness flows on a real project and store: scan, apply and undo a patch, decide on a finding."""

from __future__ import annotations

import pytest

from tests.flows._stores import alice, bob, file_state, store_path  # noqa: F401 - fixtures
from tests.readiness._pyhelp import SAM, write
from workbench.flows.readiness import (
    apply_patch,
    decide,
    patch_to_undo,
    scan,
    undecide,
    undo_patch,
    undo_question,
)
from workbench.flows.documents import resolve_conflict
from workbench.flows.result import Outcome
from workbench.models.findings import Finding, PatchRecord, ReadinessSummary, ReviewDecision
from workbench.store import Store

APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    return s3.list_buckets()
"""


@pytest.fixture
def project(tmp_path):
    return write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})


def fixable(store) -> Finding:
    """A finding with a patch (built on demand: the scan leaves Python patches pending)."""
    return next(s.doc for s in store.list(Finding) if s.doc.fix is not None or s.doc.pending_fix is not None)


def test_a_scan_lands_its_findings_and_summary_in_the_store(alice, project):
    result = scan(alice, project, workers=0)
    assert result.outcome is Outcome.DONE and result.sync is not None and result.sync.added >= 1
    assert "findings" in result.message and str(project) in result.message
    assert {s.doc.fingerprint for s in alice.list(Finding)} == {f.fingerprint for f in result.result.findings}
    assert alice.get(ReadinessSummary) is not None


def test_a_path_that_cannot_be_scanned_is_said_and_nothing_is_stored(alice, tmp_path):
    result = scan(alice, tmp_path / "missing", workers=0)
    assert result.outcome is Outcome.INVALID and "missing" in result.message
    assert alice.list(Finding) == [] and alice.get(ReadinessSummary) is None


def test_a_read_only_scan_reads_the_decisions_and_writes_nothing(alice, store_path, project):
    scan(alice, project, workers=0)
    decide(alice, fixable(alice), "accepted-risk", "ok", expected_version=None)
    alice.close()
    before = file_state(store_path)
    with Store.open(store_path, author="viewer", readonly=True, session="s", announce=False) as viewer:
        result = scan(viewer, project, workers=0)
        assert result.outcome is Outcome.DONE and result.sync is None and len(result.decisions) == 1
    assert file_state(store_path) == before


def test_a_patch_is_applied_recorded_and_undone_after_confirmation(alice, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    original = (project / finding.path).read_text()
    applied = apply_patch(alice, project, finding, author="alice")
    assert applied.outcome is Outcome.DONE and applied.rel == finding.path and "u undoes it" in applied.message
    patched = (project / finding.path).read_text()
    assert patched != original
    assert alice.get(ReviewDecision, finding.fingerprint).doc.decision.value == "patched"
    record = patch_to_undo(alice, finding)
    assert record is not None and undo_question(record)[0] == f"Undo the patch to {finding.path}?"
    declined = undo_patch(alice, record.id, confirmed=False)
    assert declined.outcome is Outcome.DECLINED and (project / finding.path).read_text() == patched
    undone = undo_patch(alice, record.id, confirmed=True)
    assert undone.outcome is Outcome.DONE and (project / finding.path).read_text() == original
    assert alice.get(PatchRecord, record.id).doc.undone_at is not None
    assert alice.get(ReviewDecision, finding.fingerprint) is None


def test_a_file_changed_since_the_scan_is_not_patched_and_keeps_the_edit(alice, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    path = project / finding.path
    path.write_text(path.read_text() + "\n# my edit\n")
    edited = path.read_text()
    result = apply_patch(alice, project, finding)
    assert result.outcome is Outcome.INVALID and result.severity == "error" and finding.path in result.message
    assert path.read_text() == edited and alice.list(PatchRecord) == []


def test_undo_is_refused_when_the_file_changed_since_the_patch(alice, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    apply_patch(alice, project, finding)
    path = project / finding.path
    path.write_text(path.read_text() + "# later edit\n")
    later = path.read_text()
    result = undo_patch(alice, patch_to_undo(alice, finding).id, confirmed=True)
    assert result.outcome is Outcome.INVALID and "changed since the patch" in result.message
    assert path.read_text() == later


def test_nothing_to_patch_or_undo_is_said(alice, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    assert apply_patch(alice, None, finding).outcome is Outcome.INVALID
    no_fix = finding.model_copy(update={"fix": None, "pending_fix": None})
    assert "no proposed patch" in apply_patch(alice, project, no_fix).message
    assert patch_to_undo(alice, finding) is None
    assert undo_patch(alice, None, confirmed=True).message == "There is no patch to undo in this session."


def test_a_decision_is_recorded_and_withdrawn(alice, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    result = decide(alice, finding, "wont-fix", "only at deploy time", expected_version=None)
    assert result.outcome is Outcome.DONE
    assert alice.get(ReviewDecision, finding.fingerprint).doc.note == "only at deploy time"
    assert undecide(alice, finding).outcome is Outcome.DONE
    assert undecide(alice, finding).outcome is Outcome.UNCHANGED


def test_a_nonsense_decision_is_refused_with_the_choices(alice, project):
    scan(alice, project, workers=0)
    result = decide(alice, fixable(alice), "maybe", "", expected_version=None)
    assert result.outcome is Outcome.INVALID and "accepted-risk" in result.message


def test_two_partners_deciding_differently_is_a_conflict_not_last_writer_wins(alice, bob, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    decide(alice, finding, "accepted-risk", "reserved concurrency 1", author="alice", expected_version=None)
    result = decide(bob, finding, "wont-fix", "not worth it", author="bob", expected_version=None)
    assert result.outcome is Outcome.CONFLICT
    by_name = {f.name: f for f in result.fields}
    assert by_name["decision"].theirs == "accepted-risk" and by_name["decision"].mine == "wont-fix"
    assert alice.get(ReviewDecision, finding.fingerprint).doc.decision.value == "accepted-risk"
    resolved = resolve_conflict(bob, result, "mine")
    assert resolved.outcome is Outcome.DONE
    assert alice.get(ReviewDecision, finding.fingerprint).doc.decision.value == "wont-fix"
    assert alice.get(ReadinessSummary) is not None  # the summary follows the decision (the flow's follow-up)


def test_read_only_refuses_every_change(alice, store_path, project):
    scan(alice, project, workers=0)
    finding = fixable(alice)
    alice.close()
    before = file_state(store_path)
    with Store.open(store_path, author="viewer", readonly=True, session="s", announce=False) as viewer:
        assert apply_patch(viewer, project, finding).outcome is Outcome.REFUSED
        assert undo_patch(viewer, "patch-x", confirmed=True).outcome is Outcome.REFUSED
        assert decide(viewer, finding, "wont-fix", "", expected_version=None).outcome is Outcome.REFUSED
        assert undecide(viewer, finding).outcome is Outcome.REFUSED
    assert file_state(store_path) == before


def test_the_summary_counts_a_patch_whose_finding_the_rescan_no_longer_reports(alice, project):
    # The patch fixes the problem, so the rescan after it no longer reports the finding: the header's "patched"
    # count must still say one was patched (it stayed 0), and drop back to 0 when the patch is undone.
    scan(alice, project, workers=0)
    finding = fixable(alice)
    assert apply_patch(alice, project, finding, author="alice").outcome is Outcome.DONE
    scan(alice, project, workers=0)
    assert finding.fingerprint not in {s.doc.fingerprint for s in alice.list(Finding)}
    assert alice.get(ReadinessSummary).doc.patched == 1
    record = patch_to_undo(alice, finding)
    assert undo_patch(alice, record.id, confirmed=True).outcome is Outcome.DONE
    scan(alice, project, workers=0)
    assert alice.get(ReadinessSummary).doc.patched == 0
