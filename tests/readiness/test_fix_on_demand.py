"""Patches built on demand (issue 12, scan speed): the scan records that a finding's patch can be built and which
analyzer builds it; the patch is built when a report prints it, a pane shows it, or it is applied, and is the
same patch whichever way it is built. A patch is never built for, nor applied to, a file changed since the scan."""

from __future__ import annotations

import json
from collections import OrderedDict

import pytest

from tests.readiness._pyhelp import SAM, write
from workbench.flows.readiness import apply_patch, build_patch, scan as scan_flow
from workbench.flows.result import Outcome
from workbench.models.findings import Finding, PatchRecord
from workbench.readiness import ondemand
from workbench.readiness.patches import FileChangedError
from workbench.readiness.reports import render_text, to_json
from workbench.readiness.scanner import build_fixes, scan
from workbench.store import Store

APP = """
import boto3
import logging

logger = logging.getLogger()

def handler(event, context):
    s3 = boto3.client("s3")
    logger.info("listing")
    with open("/tmp/out.json", "w") as f:
        f.write("x")
    return s3.list_buckets()
"""


@pytest.fixture
def project(tmp_path):
    return write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})


def _pending(result):
    return [f for f in result.findings if f.pending_fix is not None]


def test_the_scan_leaves_python_patches_to_be_built_and_says_a_fix_is_available(project):
    result = scan(project, workers=0, use_cache=False)
    pending = _pending(result)
    assert {f.rule for f in pending} >= {"LMI103", "LMI101"}
    assert all(f.fix is None and f.pending_fix.builder == "python" for f in pending)
    assert result.report.fixes_built == 0
    text = render_text(result)
    assert "fix available" in text and "fix (safe)" not in text and "fix (needs-review)" not in text


def test_a_patch_built_on_demand_equals_the_patch_built_with_the_scan(project):
    eager = scan(project, workers=0, use_cache=False, build_all_fixes=True)
    assert eager.pending_fixes == 0 and eager.report.fixes_built >= 2
    lazy = scan(project, workers=0, use_cache=False)
    from_disk = {f.fingerprint: ondemand.build_patch(project, f) for f in _pending(lazy)}
    from_scan = {f.fingerprint: f for f in build_fixes(lazy, _pending(lazy))}
    by_fp = {f.fingerprint: f for f in eager.findings}
    assert from_disk and from_disk.keys() == from_scan.keys()
    for fp, built in from_disk.items():
        assert built.pending_fix is None and built.fix is not None
        assert built.fix == from_scan[fp].fix == by_fp[fp].fix
    assert [f.model_dump(exclude={"detected_at"}) for f in lazy.findings] == \
        [f.model_dump(exclude={"detected_at"}) for f in eager.findings]


def test_reports_that_print_patches_build_them(project):
    result = scan(project, workers=0, use_cache=False)
    data = to_json(result)
    assert all("pending_fix" not in f for f in data["findings"])
    assert sum(f["fix"] is not None for f in data["findings"]) >= 2
    assert result.pending_fixes == 0
    text = render_text(scan(project, workers=0, use_cache=False), show_diffs=True)
    assert "fix available" not in text and "+++ b/src/app.py" in text


def test_a_patch_is_not_built_for_a_file_changed_since_the_scan(project):
    result = scan(project, workers=0, use_cache=False)
    finding = _pending(result)[0]
    path = project / finding.path
    path.write_text(path.read_text() + "# edited after the scan\n")
    with pytest.raises(FileChangedError, match="changed since scan"):
        ondemand.build_patch(project, finding)


def test_apply_builds_the_patch_and_refuses_a_changed_file(tmp_path, project):
    with Store.open(tmp_path / "s.sqlite", author="alice") as store:
        scan_flow(store, project, workers=0)
        finding = next(s.doc for s in store.list(Finding) if s.doc.rule == "LMI103")
        assert finding.pending_fix is not None and finding.fix is None
        path = project / finding.path
        edited = path.read_text() + "# edited after the scan\n"
        path.write_text(edited)
        refused = apply_patch(store, project, finding)
        assert refused.outcome is Outcome.INVALID and "changed since scan" in refused.message
        assert path.read_text() == edited and store.list(PatchRecord) == []
        scan_flow(store, project, workers=0)
        finding = next(s.doc for s in store.list(Finding) if s.doc.rule == "LMI103")
        applied = apply_patch(store, project, finding)
        assert applied.outcome is Outcome.DONE and path.read_text() != edited
        assert len(store.list(PatchRecord)) == 1


def test_showing_a_patch_writes_nothing_and_the_apply_entry_names_the_build(tmp_path, project, monkeypatch):
    """A reviewer browsing findings builds patches to see them: that changes nothing in the review, so it writes
    nothing (the audit log is not filled with "patch built" rows). The patch is built once per file content in
    this process; applying it records, in the patch's audit entry, which build was applied."""
    builds = []
    real = ondemand._builder

    def counting(name):
        analyzer = real(name)
        builds.append(name)
        return analyzer

    monkeypatch.setattr(ondemand, "_builder", counting)
    monkeypatch.setattr(ondemand, "_BUILT", OrderedDict())   # nothing built by earlier tests of this process
    with Store.open(tmp_path / "s.sqlite", author="alice") as store:
        scan_flow(store, project, workers=0)
        finding = next(s.doc for s in store.list(Finding) if s.doc.rule == "LMI103")
        seen = store.high_water()
        built = build_patch(store, project, finding)
        assert built.outcome is Outcome.DONE and built.finding.fix is not None
        assert store.high_water() == seen and store.get(Finding, finding.fingerprint).doc.pending_fix is not None
        again = scan_flow(store, project, workers=0)            # a rescan of the same files
        assert again.sync.updated == 0
        shown = build_patch(store, project, store.get(Finding, finding.fingerprint).doc)
        assert shown.finding.fix == built.finding.fix and len(builds) == 1   # built once for this content
        seen = store.high_water()
        applied = apply_patch(store, project, store.get(Finding, finding.fingerprint).doc)
        assert applied.outcome is Outcome.DONE and len(builds) == 1
        entries = store.changes(seen)
        assert not any("patch built" in c.summary for c in entries)
        [patch_entry] = [c for c in entries if c.kind == "patch"]
        fix = built.finding.fix
        assert f"{fix.applicability.value} patch" in patch_entry.summary
        assert f"built for the file as scanned ({finding.file_sha256[:12]})" in patch_entry.summary
        assert store.get(PatchRecord, patch_entry.doc_id).doc.diff == fix.diff


def test_patches_built_for_a_report_are_cached_with_the_scan(tmp_path, project):
    with Store.open(tmp_path / "s.sqlite", author="alice") as store:
        first = scan(project, store=store, workers=0)
        json.dumps(to_json(first))
        assert first.report.fixes_built >= 2
        second = scan(project, store=store, workers=0)
        assert second.pending_fixes == 0 and second.report.fixes_built == 0
        assert [f.fix for f in second.findings] == [f.fix for f in first.findings]


def test_a_read_only_viewer_builds_the_patch_without_writing(tmp_path, project):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as store:
        scan_flow(store, project, workers=0)
    with Store.open(path, author="viewer", readonly=True, announce=False) as viewer:
        finding = next(s.doc for s in viewer.list(Finding) if s.doc.rule == "LMI103")
        built = build_patch(viewer, project, finding)
        assert built.outcome is Outcome.DONE and built.finding.fix is not None
        assert viewer.get(Finding, finding.fingerprint).doc.pending_fix is not None


def test_the_cli_stores_the_patches_its_report_printed_and_text_builds_none(tmp_path, project, capsys):
    from workbench.cli import main

    path = tmp_path / "s.sqlite"
    assert main(["scan", str(project), "--store", str(path), "--format", "json", "--fail-on", "never"]) == 0
    printed = {f["fingerprint"]: f["fix"] for f in json.loads(capsys.readouterr().out)["findings"]}
    with Store.open(path, author="t") as store:
        stored = {s.doc.fingerprint: s.doc for s in store.list(Finding)}
    assert stored.keys() == printed.keys()
    assert all(f.pending_fix is None for f in stored.values())
    assert all((f.fix.model_dump(mode="json") if f.fix else None) == printed[fp] for fp, f in stored.items())
    other = tmp_path / "t.sqlite"
    assert main(["scan", str(project), "--store", str(other), "--fail-on", "never"]) == 0
    assert "fix available" in capsys.readouterr().out
    with Store.open(other, author="t") as store:
        assert any(s.doc.pending_fix is not None for s in store.list(Finding))
