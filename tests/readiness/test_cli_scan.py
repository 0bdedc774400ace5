"""`lmi-workbench scan`: formats, exit codes for CI, --fix, the session store."""

from __future__ import annotations

import json

from tests.readiness._pyhelp import SAM, write
from workbench.cli import main

APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    return s3
"""


def _project(tmp_path):
    return write(tmp_path / "p", {"template.yaml": SAM, "src/app.py": APP})


def test_exit_codes_follow_fail_on(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["scan", str(root)]) == 0  # a warning, below the default (error)
    assert "LMI103" in capsys.readouterr().out
    assert main(["scan", str(root), "--fail-on", "warning"]) == 1
    assert main(["scan", str(root), "--fail-on", "never"]) == 0
    assert main(["scan", str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_sarif_to_a_file(tmp_path, capsys):
    root = _project(tmp_path)
    out = tmp_path / "report.sarif"
    assert main(["scan", str(root), "--format", "sarif", "--output", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["version"] == "2.1.0" and data["runs"][0]["results"][0]["ruleId"] == "LMI103"
    assert capsys.readouterr().out == ""


def test_fix_safe_applies_and_reports(tmp_path, capsys):
    root = _project(tmp_path)
    code = main(["scan", str(root), "--fix", "safe", "--fail-on", "warning"])
    output = capsys.readouterr().out
    assert code == 0
    assert "fixed 1 finding:" in output and "LMI103" in output
    assert 's3 = boto3.client("s3")\n\n\ndef handler' in (root / "src" / "app.py").read_text() or \
        's3 = boto3.client("s3")\n\ndef handler' in (root / "src" / "app.py").read_text()


def test_session_store_keeps_findings_and_decisions_stop_failing(tmp_path, capsys):
    from workbench.models.findings import Finding
    from workbench.readiness.findings import decide
    from workbench.store import Store

    root = _project(tmp_path)
    store_path = tmp_path / "review.sqlite"
    assert main(["scan", str(root), "--store", str(store_path), "--fail-on", "warning", "--format", "json"]) == 1
    with Store.open(store_path, author="lead") as store:
        [stored] = [s.doc for s in store.list(Finding)]
        decide(store, stored, "accepted-risk", "called once a day")
    capsys.readouterr()
    assert main(["scan", str(root), "--store", str(store_path), "--fail-on", "warning", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["decision"] == "accepted-risk"
    assert data["summary"]["files_analyzed"] == 0 and data["summary"]["cache_hits"] == 2


# --- runtime versions: python3.12 is an error, python3.13 is fine, Rust on provided.al2023 with Cargo.toml too --
def test_scan_rejects_python312_and_accepts_python313(tmp_path, capsys):
    old = write(tmp_path / "old", {"template.yaml": SAM.replace("python3.13", "python3.12"), "src/app.py": "x = 1\n"})
    assert main(["scan", str(old), "--format", "json"]) == 1   # an error: at or above the default --fail-on
    report = json.loads(capsys.readouterr().out)
    [finding] = [f for f in report["findings"] if f["rule"] == "LMI501"]
    assert "does not yet support python3.12 (Python 3.12)" in finding["message"]
    assert "Upgrade the function to python3.13" in finding["message"]
    new = write(tmp_path / "new", {"template.yaml": SAM, "src/app.py": "x = 1\n"})
    assert main(["scan", str(new), "--format", "json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "LMI501"]


def test_scan_accepts_rust_on_provided_al2023_with_a_cargo_toml(tmp_path, capsys):
    template = SAM.replace("python3.13", "provided.al2023")
    root = write(tmp_path / "rust", {"template.yaml": template, "src/main.rs": "fn main() {}\n"})
    assert main(["scan", str(root), "--format", "json", "--fail-on", "warning"]) == 1
    [finding] = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "LMI501"]
    assert "Rust only" in finding["message"]
    (root / "src" / "Cargo.toml").write_text('[package]\nname = "orders"\nversion = "0.1.0"\n')
    assert main(["scan", str(root), "--format", "json", "--fail-on", "warning"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "LMI501"]
