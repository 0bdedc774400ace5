"""`lmi-workbench deploy --preflight`: the checks headless, as text or JSON, with an exit code for CI."""

from __future__ import annotations

import json

from tests.deploy_preflight._account import build_network, workload
from workbench.cli import main
from workbench.store import Store


def stored_session(tmp_path, **changes) -> str:
    path = tmp_path / "review.sqlite"
    with Store.open(path, author="ana") as store:
        store.put(workload(**changes), expected_version=None)
    return str(path)


def test_preflight_against_the_account_as_json(moto, tmp_path, capsys) -> None:
    network = build_network(moto, egress="none")
    store = stored_session(tmp_path)
    code = main(["deploy", "--preflight", "--store", store, "--region", "us-east-1", "--endpoint-url", moto.endpoint,
                 "--subnet-ids", ",".join(network.subnet_ids), "--security-group-ids", network.security_group_id,
                 "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # CloudWatch Logs would be missing: a failed check fails the command
    checks = {c["id"]: c for c in data["checks"]}
    assert data["status"] == "fail" and checks["logs-egress"]["status"] == "fail"
    assert checks["availability-zones"]["status"] == "pass"
    assert data["operations"] and all(op.split(":")[1].startswith(("Describe", "Get", "List"))
                                      for op in data["operations"])
    with Store.open(tmp_path / "review.sqlite", author="ana") as store:
        assert [c.kind for c in store.changes()] == ["workload"]  # nothing written by the pre-flight


def test_preflight_offline_runs_the_offline_checks_only(tmp_path, capsys) -> None:
    store = stored_session(tmp_path, region="me-south-1")
    code = main(["deploy", "--preflight", "--store", store, "--offline", "--subnet-ids",
                 "subnet-0a000001,subnet-0a000002,subnet-0a000003"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("Pre-flight for orders (capacity provider orders-capacity) in me-south-1: FAIL")
    assert "Lambda Managed Instances is not available in me-south-1" in out
    assert "The account was not checked" in out
