"""`lmi-workbench deploy`: --plan shows the calls and changes nothing (offline too); --apply needs a typed yes
(or --yes) and refuses without a terminal, under --readonly or --offline; apply and cleanup run in-process with
the moto server and the LMI fake injected."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from tests.deploy.conftest import REGION, no_sleep
from workbench.cli import deploy as cli_deploy
from workbench.cli import build_parser, main
from workbench.cli.common import CliError
from workbench.demo import load_demo
from workbench.models import DeploymentPlan
from workbench.store import Store


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "review.sqlite"
    with Store.open(path, author="ana", session="review") as store:
        load_demo(store)
    return path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def parse(*argv: str):
    return build_parser().parse_args(["deploy", *argv])


def test_plan_prints_every_call_and_writes_nothing(session_file, capsys) -> None:
    with Store.open(session_file, author="x", readonly=True) as store:
        before = store.high_water()
    assert main(["deploy", "--plan", "--offline", "--store", str(session_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Deployment plan default — 14 steps in us-east-1")
    for step_id in ("create-execution-role", "create-capacity-provider", "wait-capacity-provider-active",
                    "create-function", "publish-version", "put-function-scaling-config", "put-cpu-alarm"):
        assert f"] {step_id}: " in out
    assert "${input:function-code}" in out
    with Store.open(session_file, author="x", readonly=True) as store:
        assert store.high_water() == before and store.get(DeploymentPlan, "default") is None


def test_plan_as_json_for_the_demo_needs_no_store(tmp_path, capsys) -> None:
    target = tmp_path / "never-created.sqlite"
    assert main(["deploy", "--plan", "--offline", "--demo", "--store", str(target), "--format", "json",
                 "--scheduled-scaling"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["plan_type"] == "apply" and len(plan["steps"]) == 18
    assert plan["steps"][-1]["operation"] == "CreateSchedule"
    assert not target.exists()


@pytest.mark.parametrize("flag, message", [("--readonly", "--readonly: deploy --apply changes your AWS account"),
                                           ("--offline", "--offline: deploy --apply needs AWS")])
def test_apply_is_refused_read_only_or_offline(session_file, capsys, flag, message) -> None:
    assert main(["deploy", "--apply", "--yes", flag, "--store", str(session_file)]) == 2
    assert message in capsys.readouterr().err


def test_apply_without_yes_and_without_a_terminal_refuses(moto, session_file, code_dir) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "deploy", "--apply", "--store", str(session_file),
         "--endpoint-url", moto.endpoint, "--region", REGION, "--function-code", str(code_dir)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env=dict(os.environ), check=False)
    assert done.returncode == 1, done.stderr
    assert "standard input is not a terminal" in done.stderr and "add --yes" in done.stderr
    assert "Deployment plan default" in done.stdout  # the plan was shown first
    assert moto.client("iam").list_roles()["Roles"] == []
    with Store.open(session_file, author="x", readonly=True) as store:
        saved = store.get(DeploymentPlan, "default").doc
    assert not saved.confirmed and all(s.status.value == "pending" for s in saved.steps)


def test_a_typed_answer_other_than_yes_applies_nothing(lmi, recorder, session_file, code_dir, capsys) -> None:
    args = parse("--apply", "--store", str(session_file), "--function-code", str(code_dir))
    code = cli_deploy.run(args, session=lmi.session, clients=lmi.clients, sleep=no_sleep, stdin=Terminal("y\n"))
    assert code == 1 and "Not applied (you typed 'y', not yes)" in capsys.readouterr().err
    assert recorder.mutating == []


def test_apply_then_apply_again_then_cleanup(moto, lmi, recorder, session_file, code_dir, capsys) -> None:
    args = parse("--apply", "--store", str(session_file), "--function-code", str(code_dir), "--as", "ana")
    assert cli_deploy.run(args, session=lmi.session, clients=lmi.clients, sleep=no_sleep,
                          stdin=Terminal("yes\n")) == 0
    captured = capsys.readouterr()
    assert "Deployment completed: all 14 steps done" in captured.out
    assert "[14/14] ✓ put-cpu-alarm" in captured.err
    with Store.open(session_file, author="x", readonly=True) as store:
        plan = store.get(DeploymentPlan, "default").doc
    assert plan.confirmed_by == "ana" and all(s.status.value == "done" for s in plan.steps)
    assert moto.client("lambda").get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "1"

    calls = len(recorder.calls)
    assert cli_deploy.run(parse("--apply", "--yes", "--store", str(session_file)), session=lmi.session,
                          clients=lmi.clients, sleep=no_sleep) == 0
    assert "already applied: nothing to do" in capsys.readouterr().err
    assert recorder.calls[calls:] == []

    assert main(["deploy", "--plan", "--store", str(session_file), "--offline"]) == 0
    shown = capsys.readouterr()
    assert "has already run (14 of 14 steps done)" in shown.err and "[done] create-function" in shown.out

    args = parse("--cleanup", "--yes", "--store", str(session_file), "--format", "json")
    assert cli_deploy.run(args, session=lmi.session, clients=lmi.clients, sleep=no_sleep) == 0
    out = capsys.readouterr().out
    result = json.loads(out[out.index('{\n  "outcome"'):])
    assert result["outcome"] == "completed" and result["plan"]["plan_type"] == "cleanup"
    assert moto.client("iam").list_roles()["Roles"] == [] and moto.client("lambda").list_functions()["Functions"] == []


def test_apply_reports_a_plan_error_as_a_message(lmi, session_file) -> None:
    args = parse("--apply", "--yes", "--store", str(session_file), "--region", "il-central-1")
    with pytest.raises(CliError, match="not available in il-central-1"):
        cli_deploy.run(args, session=lmi.session, clients=lmi.clients, sleep=no_sleep)


# --- runtime versions ----------------------------------------------------------------------------------------------
@pytest.fixture
def old_runtime_file(tmp_path):
    """A session whose workload runs python3.12, which Lambda Managed Instances does not support."""
    from workbench.models import Workload

    path = tmp_path / "old.sqlite"
    with Store.open(path, author="ana", session="old") as store:
        load_demo(store)
        current = store.get(Workload, "default")
        store.put(current.doc.model_copy(update={"runtime": "python3.12"}), expected_version=current.version)
    return path


def test_plan_refuses_an_unsupported_runtime_and_names_the_upgrade(old_runtime_file, capsys) -> None:
    assert main(["deploy", "--plan", "--offline", "--store", str(old_runtime_file)]) == 1
    err = capsys.readouterr().err
    assert "Lambda Managed Instances does not yet support python3.12" in err
    assert "Java 21+, Python 3.13+, Node.js 22+, .NET 8+" in err and "--upgrade-runtime python3.13" in err


def test_plan_with_the_chosen_upgrade_records_who_chose_it(old_runtime_file, capsys) -> None:
    assert main(["deploy", "--plan", "--offline", "--store", str(old_runtime_file), "--format", "json",
                 "--upgrade-runtime", "python3.13", "--as", "carol"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["runtime_upgrade"] == {"from_runtime": "python3.12", "to_runtime": "python3.13",
                                       "chosen_by": "carol"}
    create = next(s for s in plan["steps"] if s["id"] == "create-function")
    assert create["parameters"]["Runtime"] == "python3.13"


def test_apply_asks_to_confirm_the_runtime_upgrade_by_name(lmi, recorder, old_runtime_file, code_dir,
                                                           capsys) -> None:
    args = parse("--apply", "--store", str(old_runtime_file), "--function-code", str(code_dir),
                 "--upgrade-runtime", "python3.13", "--as", "dan")
    assert cli_deploy.run(args, session=lmi.session, clients=lmi.clients, sleep=no_sleep,
                          stdin=Terminal("no\n")) == 1
    err = capsys.readouterr().err
    assert "Type yes to apply the deployment (with the runtime upgrade python3.12 → python3.13, chosen by dan)" in err
    assert recorder.mutating == []


@pytest.mark.parametrize("runtime, code", [("python3.12", 1), ("python3.13", 0)])
def test_preflight_rejects_python312_and_accepts_python313(tmp_path, capsys, runtime, code) -> None:
    from workbench.models import Workload

    path = tmp_path / "pf.sqlite"
    with Store.open(path, author="ana", session="pf") as store:
        load_demo(store)
        current = store.get(Workload, "default")
        store.put(current.doc.model_copy(update={"runtime": runtime}), expected_version=current.version)
    main(["deploy", "--preflight", "--offline", "--store", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    runtime_check = next(c for c in report["checks"] if c["id"] == "runtime")
    assert runtime_check["status"] == ("fail" if code else "pass")
