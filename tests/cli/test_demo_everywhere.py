"""Every command's `--demo` works on a fresh machine: an empty data directory, no AWS settings, no TUI opened first
(issue 11 item 8: `generate --demo` used to fail with "session 'demo' has no workload yet")."""

from __future__ import annotations

import json

import pytest

from .conftest import Workspace


def _ok(done, *codes: int) -> None:
    assert done.returncode in (codes or (0,)), (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr, done.stderr


def test_the_workbench_itself(ws: Workspace) -> None:
    _ok(ws.run("--demo"))
    assert ws.session_file("demo").exists()


def test_generate(ws: Workspace) -> None:
    out = ws.root / "infra"
    _ok(ws.run("generate", "--demo", "-o", str(out), "--format", "sam"))
    assert "Runtime: python3.13" in (out / "template.yaml").read_text()


def test_history(ws: Workspace) -> None:
    done = ws.run("history", "--demo")
    _ok(done)
    assert "demo: sample workload orders-api" in done.stdout


def test_cost(ws: Workspace) -> None:
    done = ws.run("cost", "--demo", "--format", "json")
    _ok(done)
    assert json.loads(done.stdout)


def test_scan(ws: Workspace) -> None:
    done = ws.run("scan", "--demo", "--format", "json")
    _ok(done, 0, 1)   # 1: the sample project has its deliberate findings
    report = json.loads(done.stdout)
    assert report["summary"]["findings"] > 0
    assert not [f for f in report["findings"] if f["rule"] == "LMI501"]   # its runtimes are supported


def test_scan_without_a_path_or_demo_says_what_to_give(ws: Workspace) -> None:
    done = ws.run("scan")
    assert done.returncode == 2 and "give the PATH to scan (or --demo" in done.stderr


def test_deploy_plan_offline(ws: Workspace) -> None:
    _ok(ws.run("deploy", "--plan", "--demo", "--offline"))


def test_deploy_preflight_offline(ws: Workspace) -> None:
    done = ws.run("deploy", "--preflight", "--demo", "--offline")
    _ok(done, 3)   # 3: the checks that need the account could not be made offline (unknown never passes)
    assert "[PASS   ] runtime" in done.stdout and "python3.13" in done.stdout


def test_monitor(ws: Workspace) -> None:
    _ok(ws.run("monitor", "--demo", "--once"))


def test_triage(ws: Workspace) -> None:
    done = ws.run("triage", "--demo", "--format", "json")
    _ok(done)
    [row] = json.loads(done.stdout)["rows"]
    assert row["function_name"] == "orders-api" and row["fit_verdict"] == "strong-fit" and row["saving_usd"] > 0
    assert "nothing was read from AWS" in done.stderr
