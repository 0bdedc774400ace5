"""Findings in the store: stable fingerprints, decisions that survive rescans, the readiness summary."""

from __future__ import annotations

import pytest

from tests.readiness._pyhelp import found, handler_project, write
from workbench.models.findings import Finding, ReadinessSummary, ReviewDecision
from workbench.readiness.findings import decide, readiness_summary, sync_findings, undecide
from workbench.readiness.scanner import scan
from workbench.store import Store

APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    path = "/tmp/out.json"
    return s3, path
"""


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "session.sqlite", author="bob") as s:
        yield s


def test_fingerprints_survive_edits_above_the_finding(tmp_path, store):
    result = handler_project(tmp_path / "p", APP)
    sync_findings(store, result)
    before = {f.rule: f.fingerprint for f in result.findings}
    decide(store, before["LMI101"], "accepted-risk", "single-flight function: reserved concurrency 1")
    app = tmp_path / "p" / "src" / "app.py"
    app.write_text("# a new header comment\nimport json\n" + app.read_text())
    rescanned = scan(tmp_path / "p", workers=0)
    assert {f.rule: f.fingerprint for f in rescanned.findings} == before
    assert {f.rule: f.line for f in rescanned.findings} != {f.rule: f.line for f in result.findings}
    outcome = sync_findings(store, rescanned)
    assert (outcome.added, outcome.removed, outcome.kept_decisions) == (0, 0, 1)
    decision = store.get(ReviewDecision, before["LMI101"]).doc
    assert decision.decision.value == "accepted-risk" and decision.author == "bob"


def test_rescan_removes_findings_that_disappeared_and_keeps_decisions(tmp_path, store):
    result = handler_project(tmp_path / "p", APP)
    sync_findings(store, result)
    fp = found(result, "LMI103")[0].fingerprint
    decide(store, fp, "wont-fix", "replaced next sprint")
    app = tmp_path / "p" / "src" / "app.py"
    app.write_text(app.read_text().replace('    s3 = boto3.client("s3")\n', "    s3 = None\n"))
    outcome = sync_findings(store, scan(tmp_path / "p", workers=0))
    assert outcome.removed == 1
    assert [s.doc.rule for s in store.list(Finding)] == ["LMI101"]
    assert store.get(ReviewDecision, fp) is not None  # the decision stays, should the finding come back


def test_unparsable_file_keeps_its_findings(tmp_path, store):
    result = handler_project(tmp_path / "p", APP)
    sync_findings(store, result)
    (tmp_path / "p" / "src" / "app.py").write_text("def handler(:\n")
    rescanned = scan(tmp_path / "p", workers=0)
    assert rescanned.report.failed
    assert sync_findings(store, rescanned).removed == 0
    assert len(store.list(Finding)) == 2


def test_summary_counts_blockers_warnings_patched_and_decided(tmp_path, store):
    write(tmp_path / "p", {"template.yaml": ""})
    result = handler_project(tmp_path / "p", APP + "\ndef other(event, context):\n    print('x')\n")
    sync_findings(store, result)
    summary = store.get(ReadinessSummary).doc
    assert (summary.blockers, summary.warnings, summary.notes, summary.state) == (0, 2, 0, "needs-changes")
    [client] = found(result, "LMI103")
    [tmp] = found(result, "LMI101")
    decide(store, client, "patched")
    decide(store, tmp, "false-positive", "the path is a read-only fixture")
    now = readiness_summary(store)
    assert (now.warnings, now.patched, now.decided, now.state) == (0, 1, 1, "ready")
    assert store.get(ReadinessSummary).doc.state == "ready"
    assert undecide(store, tmp) is True
    assert store.get(ReadinessSummary).doc.state == "needs-changes"


def test_a_decision_needs_a_note_except_patched(tmp_path, store):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="note must say why"):
        decide(store, "abcdef0123456789", "accepted-risk", "")


def test_scanning_one_file_leaves_the_projects_other_findings(tmp_path, store):
    result = handler_project(tmp_path / "p", APP, {"src/other.py": "x = 1\n"})
    sync_findings(store, result)
    (tmp_path / "p" / "src" / "gone.py").write_text("y = 2\n")
    sync_findings(store, scan(tmp_path / "p" / "src" / "gone.py", workers=0))
    assert len(store.list(Finding)) == 2


def test_a_deleted_file_loses_its_findings_on_the_next_scan_of_the_root(tmp_path, store):
    result = handler_project(tmp_path / "p", APP)
    sync_findings(store, result)
    (tmp_path / "p" / "src" / "app.py").unlink()
    assert sync_findings(store, scan(tmp_path / "p", workers=0)).removed == 2


def test_the_audit_line_of_the_summary_counts_in_words(tmp_path, store):
    result = handler_project(tmp_path / "p", "import boto3\n\ndef handler(event, context):\n    return boto3.client('s3')\n")
    sync_findings(store, result)
    [line] = [c.summary for c in store.changes() if c.summary.startswith("readiness:")]
    assert line == "readiness: needs-changes (0 blockers, 1 warning, 0 patched, 0 decided)"
