"""The whole guided deployment against the moto server and the LMI fake (tests/deploy/lmi_fake.py): plan → apply in a
process of its own, killed with SIGKILL right after a create reached the account and again in the middle of the
version's wait → resumed → cleanup, killed once more after its DeleteFunction reached the account → resumed. Nothing is created twice, every call passes botocore's parameter validation,
and the cleanup leaves the account as it found it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.deploy.conftest import REGION, no_sleep
from tests.deploy.lmi_fake import CallJournal, LmiFake
from workbench.aws.session import open_session
from workbench.deploy import DeploymentRunner, build_cleanup_plan, build_plan, save_plan
from workbench.deploy.plan import is_mutating
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.deploy import StepStatus

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("iam", "lambda", "cloudwatch", "scheduler", "sts")


class Process:
    """``python -m tests.deploy.apply_process`` with this worktree's code; SIGKILL once it says STOPPED."""

    def __init__(self, log: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.log = log
        with open(log, "w") as errors:  # a file, not a pipe: nothing can block on a full pipe
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.deploy.apply_process", *args], cwd=ROOT,
                                         env=env, stdout=subprocess.PIPE, stderr=errors, text=True)

    def kill_when_stopped(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the driver stops (or ends)
        if not line.startswith("STOPPED"):
            out, _ = self.proc.communicate(timeout=60)
            pytest.fail(f"the run did not stop where asked: {line}{out}\n{self.log.read_text()}")
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(timeout=60) == -signal.SIGKILL
        return line.split()[1]


def statuses(store) -> dict[str, StepStatus]:
    return {s.id: s.status for s in store.get(DeploymentPlan, "default").doc.steps}


def test_plan_apply_and_cleanup_killed_with_sigkill_and_resumed_create_nothing_twice(moto, store, tmp_path, workload, config,
                                                                          code_dir) -> None:
    state, journal_path = tmp_path / "lmi-fake.json", tmp_path / "calls.jsonl"
    fake = LmiFake(moto.endpoint, state_path=state, provider_reads=2, latest_reads=1, ees_per_read=1)
    journal = CallJournal(journal_path)
    session = open_session(moto.settings(REGION))
    for service in SERVICES:
        journal.attach(session.client(service, REGION))
    clients = fake.clients(session)

    # 1. Plan: read-only look-ups only, through the same seam the runner uses.
    plan = build_plan(workload, config, IacOptions(scheduled_scaling=True), region=REGION, function_code=code_dir,
                      session=session, clients=clients)
    save_plan(store, plan)
    assert [e["operation"] for e in journal.entries()] == ["GetCallerIdentity"]
    assert [c.operation for c in fake.calls] == ["GetFunction"]
    scaling = plan.step("put-function-scaling-config").parameters["FunctionScalingConfig"]
    assert set(scaling) == {"MinExecutionEnvironments", "MaxExecutionEnvironments"}

    args = [str(store.path), moto.endpoint, str(state), str(journal_path)]
    # 2. Apply; SIGKILL once CreateFunction has reached the account, before the run could record it.
    first = Process(tmp_path / "run-1.log", *args, "--stop-after-call", "CreateFunction")
    assert first.kill_when_stopped() == "CreateFunction"
    record = statuses(store)
    assert record["create-function"] is StepStatus.RUNNING and record["wait-capacity-provider-active"] is (
        StepStatus.DONE)
    assert fake.capacity_providers["orders-api-capacity"]["State"] == "Active"
    assert moto.client("lambda").get_function(FunctionName="orders-api")

    # 3. Resume in a new process: CreateFunction is re-checked and adopted; SIGKILL in the middle of the version's
    #    wait (the version is Pending until its minimum execution environments run).
    second = Process(tmp_path / "run-2.log", *args, "--stop-polling", "wait-version-active")
    assert second.kill_when_stopped() == "wait-version-active"
    record = statuses(store)
    assert record["wait-version-active"] is StepStatus.RUNNING and record["put-function-scaling-config"] is (
        StepStatus.DONE)
    version = fake.version_state("orders-api", "1")
    assert version["state"] == "Pending" and version["min"] == config.min_execution_environments
    stored = store.get(DeploymentPlan, "default").doc
    assert stored.step("create-function").adopted and "adopted" in stored.step("create-function").outcome

    # 4. Resume here, to the end.
    result = DeploymentRunner(store, session, author="ana", clients=clients, sleep=no_sleep).apply(
        "default", confirmed_by="ana")
    assert result.outcome == "completed", result.message
    assert all(s.status is StepStatus.DONE for s in result.plan.steps)
    latest = result.plan.step("wait-function-active")
    assert latest.outcome.startswith("orders-api is ActiveNonInvocable (created; on a capacity provider only")
    assert fake.version_state("orders-api", "1")["state"] == "Active"

    # Zero duplicated resources: each planned create was answered once, and the account holds one of each.
    lambda_calls = Counter(c.operation for c in fake.calls if c.error is None)
    other_calls = Counter(e["operation"] for e in journal.entries() if e["service"] != "lambda")
    planned = Counter(s.operation for s in plan.steps if is_mutating(s.operation))
    for operation, count in planned.items():
        made = lambda_calls[operation] + other_calls[operation]
        assert made == count, f"{operation}: {made} calls for {count} planned"
    iam = moto.client("iam")
    assert sorted(r["RoleName"] for r in iam.list_roles()["Roles"]) == [
        "orders-api-cp-operator", "orders-api-execution", "orders-api-scaling-schedule"]
    lam = moto.client("lambda")
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["orders-api"]
    assert [v["Version"] for v in lam.list_versions_by_function(FunctionName="orders-api")["Versions"]] == [
        "$LATEST", "1"]
    assert [a["Name"] for a in lam.list_aliases(FunctionName="orders-api")["Aliases"]] == ["live"]
    assert len(moto.client("cloudwatch").describe_alarms()["MetricAlarms"]) == 2
    assert len(moto.client("scheduler").list_schedules()["Schedules"]) == 2
    assert list(fake.capacity_providers) == ["orders-api-capacity"]
    sent = next(c for c in fake.calls if c.operation == "PutFunctionScalingConfig")
    assert sent.params["FunctionScalingConfig"] == scaling

    # 5. Cleanup, with the same runner and confirmation; SIGKILL once DeleteFunction has reached the account,
    #    then resumed here: the delete that finds nothing is done, the capacity provider goes once no version uses it.
    cleanup = build_cleanup_plan(store, "default")
    save_plan(store, cleanup)
    third = Process(tmp_path / "run-3.log", *args, "--plan", cleanup.id, "--stop-after-call", "DeleteFunction")
    assert third.kill_when_stopped() == "DeleteFunction"
    assert store.get(DeploymentPlan, cleanup.id).doc.step("delete-function").status is StepStatus.RUNNING
    done = DeploymentRunner(store, session, author="ana", clients=clients, sleep=no_sleep).apply(
        cleanup.id, confirmed_by="ana")
    assert done.outcome == "completed", done.message
    assert done.plan.step("delete-function").outcome == "already gone"
    assert iam.list_roles()["Roles"] == [] and lam.list_functions()["Functions"] == []
    assert moto.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    assert moto.client("scheduler").list_schedules()["Schedules"] == []
    assert fake.capacity_providers == {}

    # Every call — from the killed processes, the resumed run and the cleanup — passed botocore's validation.
    entries = journal.entries()
    assert len({e["pid"] for e in entries} | {c.pid for c in fake.calls}) == 4  # this process and the killed three
    assert entries and all(e["valid"] for e in entries)
    assert fake.calls and all(c.validated for c in fake.calls)
    print(json.dumps({"aws_calls": len(entries), "lambda_calls_on_the_fake": len(fake.calls)}))
